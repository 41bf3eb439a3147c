import { checkBins } from '../settings';
import type { RfmSegmentKey } from '../types';

/**
 * Ties-aware percent-rank scores 1..bins of METHODS.md section 4. For each value, L = the number of
 * values strictly worse (smaller when `higherIsBetter`, larger otherwise); score =
 * min(bins, 1 + floor(bins * L / (n - 1))) in integers; with n = 1 the score is bins. Equal values
 * always get equal scores. NaN values are not scored (score 0) and not counted in n.
 * @param values one value per client (last purchase day, orders or revenue); not mutated.
 * @param bins the number of scores, a whole number 2..9.
 * @param higherIsBetter true (default) when a larger value scores higher; false when a smaller one
 *   does (days since the last purchase).
 * @returns one score per value, in the order of `values`.
 * @throws KcError `#NUM!` when bins is not a whole number 2..9.
 * @example rankScores([10, 20, 20, 40], 5) // Int32Array [1, 2, 2, 5]
 * rankScores([10, 20, 20, 40], 5, false) // Int32Array [5, 2, 2, 1]; rankScores([3, NaN, 1], 5) // Int32Array [5, 0, 1]
 */
export function rankScores(values: ArrayLike<number>, bins: number, higherIsBetter = true): Int32Array {
  checkBins(bins);
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  const scores = new Int32Array(values.length);
  const score = (worse: number) => (n === 1 ? bins : Math.min(bins, 1 + Math.floor((bins * worse) / (n - 1))));
  if (n > 0 && whole && max - min <= Math.max(4096, 2 * n)) {
    // whole numbers in a short range (days, order counts): below[v - min] = how many values are below v
    const below = new Int32Array(max - min + 2);
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) below[values[i] - min + 1]++;
    for (let j = 1; j < below.length; j++) below[j] += below[j - 1];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isNaN(v)) continue;
      scores[i] = score(higherIsBetter ? below[v - min] : n - below[v - min + 1]);
    }
    return scores;
  }
  // otherwise a sorted copy (a typed-array sort: numeric, no comparator), then L of each value by
  // binary search: the values strictly below it (or, lower being better, strictly above)
  const sorted = new Float64Array(n);
  for (let i = 0, j = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sorted[j++] = values[i];
  sorted.sort();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = n;
    if (higherIsBetter) {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < v) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      lo = n - lo;
    }
    scores[i] = score(lo);
  }
  return scores;
}

/**
 * The three-digit code R F M.
 * @param r the R score (1..9).
 * @param f the F score (1..9).
 * @param m the M score (1..9).
 * @returns r * 100 + f * 10 + m.
 * @example rfmCode(5, 4, 3) // 543
 */
export function rfmCode(r: number, f: number, m: number): number {
  return r * 100 + f * 10 + m;
}

/**
 * A score on `bins` mapped to 1..5: s5 = 1 + round((s - 1) * 4 / (bins - 1)), halves up.
 * @param score a score 1..bins.
 * @param bins the number of scores it was given on (2..9; not checked here).
 * @returns the score on 1..5; `score` itself when bins is 5.
 * @example toFivePoint(2, 3) // 3; toFivePoint(3, 3) // 5; toFivePoint(2, 4) // 2
 */
export function toFivePoint(score: number, bins: number): number {
  return bins === 5 ? score : 1 + Math.round(((score - 1) * 4) / (bins - 1));
}

type Range = readonly [number, number];
/** The segment table of METHODS.md section 4, in order: the first row that matches wins. */
export const RFM_SEGMENTS: ReadonlyArray<{ key: Exclude<RfmSegmentKey, 'others'>; r: Range; f: Range; m: Range }> = [
  { key: 'low_value_regulars', r: [1, 5], f: [4, 5], m: [1, 2] },
  { key: 'champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { key: 'cant_lose', r: [1, 1], f: [4, 5], m: [4, 5] },
  { key: 'at_risk', r: [1, 2], f: [3, 5], m: [3, 5] },
  { key: 'loyal', r: [3, 5], f: [3, 5], m: [3, 5] },
  { key: 'new', r: [4, 5], f: [1, 1], m: [1, 5] },
  { key: 'promising', r: [3, 3], f: [1, 1], m: [1, 5] },
  { key: 'potential_loyalists', r: [3, 5], f: [2, 3], m: [1, 5] },
  { key: 'need_attention', r: [2, 3], f: [2, 3], m: [2, 5] },
  { key: 'about_to_sleep', r: [2, 2], f: [1, 2], m: [1, 5] },
  { key: 'hibernating', r: [1, 2], f: [1, 3], m: [1, 5] },
];

/** Every segment key in table order, "others" last. */
export const RFM_SEGMENT_KEYS: readonly RfmSegmentKey[] = [...RFM_SEGMENTS.map((s) => s.key), 'others'];

const inRange = (v: number, [lo, hi]: Range) => v >= lo && v <= hi;

/**
 * The segment of an R, F, M score triple on `bins` (each first mapped to 1..5 by
 * {@link toFivePoint}): the first row of {@link RFM_SEGMENTS} that matches, else "others".
 * @param r the R score 1..bins.
 * @param f the F score 1..bins.
 * @param m the M score 1..bins.
 * @param bins the number of scores (default 5).
 * @returns the segment key.
 * @example rfmSegment(1, 5, 5) // "cant_lose"; rfmSegment(5, 5, 5) // "champions"; rfmSegment(3, 3, 3, 3) // "champions" (3 of 3 is 5 of 5)
 */
export function rfmSegment(r: number, f: number, m: number, bins = 5): RfmSegmentKey {
  const r5 = toFivePoint(r, bins);
  const f5 = toFivePoint(f, bins);
  const m5 = toFivePoint(m, bins);
  for (const s of RFM_SEGMENTS) if (inRange(r5, s.r) && inRange(f5, s.f) && inRange(m5, s.m)) return s.key;
  return 'others';
}
