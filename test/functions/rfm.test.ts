import { rfmSegment } from '../../src/core';
import { rfmScore } from '../../src/functions/functions';
import { column, installCustomFunctions, messageAt, sheet, thrown } from './excel';

beforeAll(installCustomFunctions);

/*
 * Eleven clients, bins 5, so n - 1 = 10 and score = min(5, 1 + floor(5 L / 10)) = min(5, 1 + floor(L / 2)):
 * L = 0-1 -> 1, 2-3 -> 2, 4-5 -> 3, 6-7 -> 4, 8-10 -> 5.
 *   champ:   last 45300 (latest), F 50 (top), M 10000 (top)
 *   lost:    last 44000 (earliest), F 50, M 10000
 *   regular: last 45300, F 50, M 1 (lowest)
 *   k = 1..8: last 45000 + k, F k, M 100 k
 * champ:   R L = 9 (all but regular earlier) -> 5; F L = 8 (the 8 others) -> 5; M L = 9 -> 5: 555
 * lost:    R L = 0 -> 1; F 5; M 5: 155
 * regular: R 5; F 5; M L = 0 -> 1: 551
 * k:       R L = k (lost + k - 1 others) -> 1 + floor(k / 2); F L = k - 1 -> 1 + floor((k - 1) / 2);
 *          M L = k (regular + k - 1) -> 1 + floor(k / 2):
 *          k = 1..8 -> 111, 212, 222, 323, 333, 434, 444, 545
 */
const LAST = [45300, 44000, 45300, 45001, 45002, 45003, 45004, 45005, 45006, 45007, 45008];
const FREQ = [50, 50, 50, 1, 2, 3, 4, 5, 6, 7, 8];
const MON = [10000, 10000, 1, 100, 200, 300, 400, 500, 600, 700, 800];
const CODES = [555, 155, 551, 111, 212, 222, 323, 333, 434, 444, 545];

describe('=KC.RFM_SCORE(last_purchase, frequency, monetary)', () => {
  it('RFM_SCORE of eleven clients spills their codes as numbers: 555, 155, 551, ...', () => {
    expect(sheet(rfmScore(column(...LAST), column(...FREQ), column(...MON)))).toEqual(column(...CODES));
  });

  it('gives 555, 155 and 551 the segments champions, cant_lose and low_value_regulars', () => {
    expect([rfmSegment(5, 5, 5), rfmSegment(1, 5, 5), rfmSegment(5, 5, 1)]).toEqual(['champions', 'cant_lose', 'low_value_regulars']);
  });

  it('RFM_SCORE(days, F, M, , TRUE) scores fewer days as better and gives the same codes', () => {
    const days = LAST.map((d) => 45300 - d);
    expect(sheet(rfmScore(column(...days), column(...FREQ), column(...MON), '', true))).toEqual(column(...CODES));
  });

  it('RFM_SCORE reads text dates (ISO, dd.mm.yyyy) as dates', () => {
    // 2024-01-01 < 05.01.2024 < 2024-02-01; n = 3, n - 1 = 2: L = 0, 1, 2 -> 1 + floor(5 L / 2) = 1, 3, 5 (capped)
    const out = rfmScore(column('2024-01-01', '05.01.2024', '2024-02-01'), column(1, 1, 1), column(5, 5, 5));
    // F and M all equal: L = 0 -> 1
    expect(sheet(out)).toEqual(column(111, 311, 511));
  });

  it('RFM_SCORE gives equal clients equal scores (ties): three equal clients are all 111', () => {
    // L = 0 for every one of them (none is strictly worse): 1 + floor(0) = 1
    expect(sheet(rfmScore(column(45000, 45000, 45000), column(3, 3, 3), column(9, 9, 9)))).toEqual(column(111, 111, 111));
  });

  it('RFM_SCORE of one client is bins in every score: 555', () => {
    expect(sheet(rfmScore([[45000]], [[3]], [[9]]))).toEqual([[555]]);
  });

  it('RFM_SCORE gives a blank for a client whose three cells are blank and leaves it out of n', () => {
    const out = rfmScore(column(...LAST, ''), column(...FREQ, ''), column(...MON, ''));
    expect(sheet(out)).toEqual(column(...CODES, ''));
  });

  it('RFM_SCORE gives an error in the row of a partly blank or bad client only, and leaves it out of n', () => {
    const out = rfmScore(
      column(...LAST, 45100, 45100, 45100, '#N/A', 45100, 0),
      column(...FREQ, '', 3, -1, 3, 3, 3),
      column(...MON, 700, 'lots', 700, 700, true, 700),
    );
    expect(sheet(out)).toEqual(column(...CODES, '#N/A', '#VALUE!', '#VALUE!', '#N/A', '#VALUE!', '#VALUE!'));
    expect(messageAt(out, 11)).toMatch(/frequency is blank/);
    expect(messageAt(out, 12)).toMatch(/monetary 'lots' is not a number/);
    // the second 'not a number' of the result gets the short form: its own cell shows the value
    expect(messageAt(out, 15)).toBe('not a number');
    expect(messageAt(out, 13)).toMatch(/frequency -1 is below 0/);
    expect(messageAt(out, 16)).toMatch(/last_purchase 0 is not an Excel date/);
  });

  it('RFM_SCORE(..., 3) scores on 3 bins: n = 3 gives 1, 2, 3', () => {
    // n - 1 = 2: L = 0, 1, 2 -> min(3, 1 + floor(3 L / 2)) = 1, 2, 3 (capped from 4)
    expect(sheet(rfmScore(column(1, 2, 3), column(1, 2, 3), column(1, 2, 3), 3))).toEqual(column(111, 222, 333));
  });

  it('RFM_SCORE with ranges of different sizes or bins outside 2..9 is one #VALUE! error', () => {
    expect(thrown(() => rfmScore(column(1, 2), column(1), column(1, 2))).code).toBe('#VALUE!');
    const bins = thrown(() => rfmScore(column(1, 2), column(1, 2), column(1, 2), 10));
    expect(bins.code).toBe('#VALUE!');
    expect(bins.message).toMatch(/RFM bins must be a whole number from 2 to 9/);
    expect(thrown(() => rfmScore(column(1, 2), column(1, 2), column(1, 2), '', 'maybe' as never)).code).toBe('#VALUE!');
  });
});
