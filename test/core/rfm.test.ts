/**
 * RFM scores and segments: METHODS.md section 4, docs/methods.md "RFM".
 */
import { rankScores, rfmCode, rfmSegment, toFivePoint } from '../../src/core';
import type { RfmSegmentKey } from '../../src/core';
import { deepFreeze, kcError } from './helpers';

describe('rankScores(values, bins): ties-aware percent rank', () => {
  it('rankScores([10, 20, 20, 40, 50, 60], 5) is [1, 2, 2, 4, 5, 5]', () => {
    // n = 6. L (values strictly smaller) = 0, 1, 1, 3, 4, 5; PERCENTRANK.INC = L / 5 = 0, .2, .2, .6, .8, 1
    // score = MIN(5, 1 + INT(5 * PR)) = 1, 2, 2, 4, 5, min(5, 6) = 5
    expect(Array.from(rankScores([10, 20, 20, 40, 50, 60], 5))).toEqual([1, 2, 2, 4, 5, 5]);
  });

  it('rankScores([5, 5, 5, 8, 9, 9, 12], 5) is [1, 1, 1, 3, 4, 4, 5]', () => {
    // n = 7. L = 0, 0, 0, 3, 4, 4, 6; PERCENTRANK.INC = L / 6 = 0, 0, 0, .5, .667, .667, 1
    // 1 + INT(5 * PR) = 1, 1, 1, 1 + INT(2.5) = 3, 1 + INT(3.33) = 4, 4, min(5, 6) = 5
    expect(Array.from(rankScores([5, 5, 5, 8, 9, 9, 12], 5))).toEqual([1, 1, 1, 3, 4, 4, 5]);
  });

  it('rankScores([40, 10, 20, 20], 5) scores in input order: [5, 1, 2, 2]', () => {
    // n = 4. L(10) = 0 -> 1; L(20) = 1 -> 1 + INT(5/3) = 2; L(40) = 3 -> min(5, 6) = 5
    expect(Array.from(rankScores([40, 10, 20, 20], 5))).toEqual([5, 1, 2, 2]);
  });

  it('rankScores([10, 20, 20, 40], 5, false) scores smaller values as better: [5, 2, 2, 1]', () => {
    // worse = larger. L(40) = 0 -> 1; L(20) = 1 -> 2; L(10) = 3 -> 5
    expect(Array.from(rankScores([10, 20, 20, 40], 5, false))).toEqual([5, 2, 2, 1]);
  });

  it('rankScores([1, 2, 3, 4, 5, 6, 7], 3) is [1, 1, 2, 2, 3, 3, 3]', () => {
    // n = 7, L = 0..6: 1 + floor(3L/6) = 1, 1, 2, 2, 3, 3, min(3, 4) = 3
    expect(Array.from(rankScores([1, 2, 3, 4, 5, 6, 7], 3))).toEqual([1, 1, 2, 2, 3, 3, 3]);
  });

  it('rankScores([1, 2, 3, 4], 3) gives L/(n-1) = 1/3 the score 2 (integer rule, docs/methods.md)', () => {
    // L = 1: 1 + floor(3 * 1 / 3) = 2 (PERCENTRANK.INC's 0.333 would give 1)
    expect(rankScores([1, 2, 3, 4], 3)[1]).toBe(2);
  });

  it('rankScores([42], 5) gives a single client the score bins (5)', () => {
    expect(Array.from(rankScores([42], 5))).toEqual([5]);
  });

  it('rankScores([42], 3) gives a single client the score bins (3)', () => {
    expect(Array.from(rankScores([42], 3))).toEqual([3]);
  });

  it('rankScores([7, 7, 7], 5) gives equal values equal scores', () => {
    const s = Array.from(rankScores([7, 7, 7], 5));
    expect(new Set(s).size).toBe(1);
  });

  it.each([[1], [10], [0], [2.5], [NaN]])('rankScores([1, 2], %d) is a #NUM! error: bins must be 2..9', (bins) => {
    expect(kcError(() => rankScores([1, 2], bins)).code).toBe('#NUM!');
  });

  it('rankScores(values, 5) does not mutate its input', () => {
    const values = deepFreeze([40, 10, 20, 20]);
    rankScores(values, 5);
    expect(values).toEqual([40, 10, 20, 20]);
  });

  it('rankScores(values, bins, higherIsBetter) equals the COUNTIF rule on random values with ties and NaN, bins 2..9', () => {
    // independent: L = COUNTIF(column, "<" & value) (or ">" when lower is better), n = COUNT(column)
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 40; round++) {
      // even rounds: whole numbers (counted in a histogram); odd rounds: fractions and a wide range (sorted)
      const value = round % 4 < 2 ? () => Math.floor(rnd() * 20) - 5 : () => (round % 8 < 4 ? Math.floor(rnd() * 8) / 4 : Math.floor(rnd() * 5) * 1e6);
      const values = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => (rnd() < 0.1 ? NaN : value()));
      const bins = 2 + (round % 8);
      const higher = round % 2 === 0;
      const scored = values.filter((v) => !Number.isNaN(v));
      const n = scored.length;
      const want = values.map((v) => {
        if (Number.isNaN(v)) return 0;
        const l = scored.filter((x) => (higher ? x < v : x > v)).length;
        return n === 1 ? bins : Math.min(bins, 1 + Math.floor((bins * l) / (n - 1)));
      });
      expect(Array.from(rankScores(values, bins, higher))).toEqual(want);
    }
  });
});

describe('rfmCode(r, f, m)', () => {
  it('rfmCode(5, 4, 3) is the number 543', () => {
    expect(rfmCode(5, 4, 3)).toBe(543);
  });
});

describe('rfmSegment(r, f, m, 5)', () => {
  it.each<[number, number, number, RfmSegmentKey]>([
    [5, 5, 5, 'champions'],
    [1, 5, 5, 'cant_lose'],
    [5, 5, 1, 'low_value_regulars'],
    [5, 5, 2, 'low_value_regulars'], // first row wins over nothing else; M 2 is low value
    [1, 4, 1, 'low_value_regulars'], // row 1 before cant_lose and hibernating
    [4, 4, 4, 'champions'], // champions before loyal
    [1, 4, 4, 'cant_lose'], // cant_lose before at_risk
    [2, 4, 4, 'at_risk'],
    [1, 3, 3, 'at_risk'], // at_risk before hibernating
    [3, 3, 3, 'loyal'],
    [5, 3, 5, 'loyal'], // loyal before potential_loyalists
    [5, 1, 3, 'new'],
    [3, 1, 5, 'promising'],
    [4, 2, 1, 'potential_loyalists'],
    [3, 2, 1, 'potential_loyalists'],
    [2, 2, 2, 'need_attention'],
    [2, 3, 2, 'need_attention'],
    [2, 3, 5, 'at_risk'], // at_risk before need_attention
    [2, 2, 1, 'about_to_sleep'], // need_attention needs M >= 2
    [2, 1, 1, 'about_to_sleep'],
    [1, 1, 1, 'hibernating'],
    [1, 3, 2, 'hibernating'],
  ])('rfmSegment(%d, %d, %d) is %s', (r, f, m, key) => {
    expect(rfmSegment(r, f, m, 5)).toBe(key);
  });

  // The table of METHODS.md section 4, transcribed independently: key, R, F, M ranges.
  const TABLE: Array<[RfmSegmentKey, [number, number], [number, number], [number, number]]> = [
    ['low_value_regulars', [1, 5], [4, 5], [1, 2]],
    ['champions', [4, 5], [4, 5], [4, 5]],
    ['cant_lose', [1, 1], [4, 5], [4, 5]],
    ['at_risk', [1, 2], [3, 5], [3, 5]],
    ['loyal', [3, 5], [3, 5], [3, 5]],
    ['new', [4, 5], [1, 1], [1, 5]],
    ['promising', [3, 3], [1, 1], [1, 5]],
    ['potential_loyalists', [3, 5], [2, 3], [1, 5]],
    ['need_attention', [2, 3], [2, 3], [2, 5]],
    ['about_to_sleep', [2, 2], [1, 2], [1, 5]],
    ['hibernating', [1, 2], [1, 3], [1, 5]],
  ];
  const within = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;
  const codes: Array<[number, number, number]> = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) codes.push([r, f, m]);

  it('rfmSegment(r, f, m, 5) puts every one of the 125 codes in a segment other than "others"', () => {
    const others = codes.filter(([r, f, m]) => rfmSegment(r, f, m, 5) === 'others');
    expect(others).toEqual([]);
  });

  it('rfmSegment(r, f, m, 5) is the first matching row of the METHODS.md table for every one of the 125 codes', () => {
    const expected = codes.map(([r, f, m]) => TABLE.find(([, R, F, M]) => within(r, R) && within(f, F) && within(m, M))?.[0] ?? 'others');
    expect(codes.map(([r, f, m]) => rfmSegment(r, f, m, 5))).toEqual(expected);
  });
});

describe('toFivePoint(score, bins) and rfmSegment(r, f, m, bins)', () => {
  it.each<[number, number, number]>([
    // s5 = 1 + round((s - 1) * 4 / (bins - 1)), halves up
    [1, 3, 1],
    [2, 3, 3],
    [3, 3, 5],
    [1, 2, 1],
    [2, 2, 5],
    [2, 4, 2], // 1 + round(1.33)
    [3, 4, 4], // 1 + round(2.67)
    [2, 9, 2], // 1 + round(0.5) = 2
    [4, 9, 3], // 1 + round(1.5) = 3
    [4, 6, 3], // 1 + round(2.4)
    [5, 6, 4], // 1 + round(3.2)
    [4, 7, 3], // 1 + round(2)
    [9, 9, 5],
  ])('toFivePoint(%d, %d) is %d', (s, bins, s5) => {
    expect(toFivePoint(s, bins)).toBe(s5);
  });

  it('rfmSegment(3, 3, 3, 3) maps to 5-5-5: champions', () => {
    expect(rfmSegment(3, 3, 3, 3)).toBe('champions');
  });

  it('rfmSegment(1, 3, 3, 3) maps to 1-5-5: cant_lose', () => {
    expect(rfmSegment(1, 3, 3, 3)).toBe('cant_lose');
  });

  it('rfmSegment(2, 2, 2, 3) maps to 3-3-3: loyal', () => {
    expect(rfmSegment(2, 2, 2, 3)).toBe('loyal');
  });

  it('rfmSegment(3, 3, 1, 3) maps to 5-5-1: low_value_regulars', () => {
    expect(rfmSegment(3, 3, 1, 3)).toBe('low_value_regulars');
  });
});
