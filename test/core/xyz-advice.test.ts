/**
 * XYZ advice: when one class holds more than 90 % of the clients, the first other period and method
 * that splits them (docs/methods.md, "XYZ advice"). The sample's figures are checked against an
 * independent calculation in test/independent/xyz-advice.test.ts.
 */
import { segmentClients, splitsClients, xyzCandidates, type Cell, type PeriodKind, type XyzMethod } from '../../src/core';

describe('xyzCandidates(current)', () => {
  it('xyzCandidates(months + CV) tries one change before two, quarters before months before weeks', () => {
    const order = xyzCandidates({ method: 'cv', period: 'month', limitX: 0.1, limitY: 0.25 }).map((c) => `${c.period}+${c.method}`);
    expect(order).toEqual(['quarter+cv', 'month+frequency', 'week+cv', 'quarter+frequency', 'week+frequency']);
  });

  it('xyzCandidates(quarters + frequency) tries the run\'s method first within a period', () => {
    const order = xyzCandidates({ method: 'frequency', period: 'quarter', limitX: 0.75, limitY: 0.25 }).map((c) => `${c.period}+${c.method}`);
    expect(order).toEqual(['quarter+cv', 'month+frequency', 'week+frequency', 'month+cv', 'week+cv']);
  });

  it.each<[PeriodKind, XyzMethod]>([
    ['month', 'cv'], ['month', 'frequency'], ['quarter', 'cv'], ['quarter', 'frequency'], ['week', 'cv'], ['week', 'frequency'],
  ])('xyzCandidates(%s + %s) gives the five other pairs, never the one in use', (period, method) => {
    const pairs = xyzCandidates({ method, period, limitX: method === 'cv' ? 0.1 : 0.75, limitY: 0.25 }).map((c) => `${c.period}+${c.method}`);
    expect(pairs).toHaveLength(5);
    expect(new Set(pairs).size).toBe(5);
    expect(pairs).not.toContain(`${period}+${method}`);
  });

  it('xyzCandidates keeps the run\'s limits for the run\'s method and takes the defaults of the other', () => {
    const c = xyzCandidates({ method: 'cv', period: 'month', limitX: 0.2, limitY: 0.5 });
    expect(c.find((x) => x.period === 'quarter' && x.method === 'cv')).toMatchObject({ limitX: 0.2, limitY: 0.5 });
    expect(c.find((x) => x.period === 'quarter' && x.method === 'frequency')).toMatchObject({ limitX: 0.75, limitY: 0.25 });
  });
});

describe('splitsClients(counts)', () => {
  it('splitsClients({ X: 1, Y: 642, Z: 150 }) is true: the largest class holds 81 %', () => {
    expect(splitsClients({ X: 1, Y: 642, Z: 150 })).toBe(true);
  });

  it('splitsClients({ X: 0, Y: 1, Z: 9 }) is true: 90 % exactly is not more than 90 %', () => {
    expect(splitsClients({ X: 0, Y: 1, Z: 9 })).toBe(true);
  });

  it('splitsClients({ X: 0, Y: 6, Z: 787 }) is false: Z holds 99.2 %', () => {
    expect(splitsClients({ X: 0, Y: 6, Z: 787 })).toBe(false);
  });
});

/*
 * Ten clients over 2023: five buy 100 on the 15th of January, April, July and October ("Q1".."Q5"),
 * five buy 100 once ("O1".."O5", the last on 2023-12-15 so that the window is 2023-01 .. 2023-12).
 * Months (T = 12): a quarterly buyer's series has four 100s: mean 33.33, STDEV.P 47.14, CV = sqrt(12/4 - 1)
 *   = 1.414 -> Z; a one-time buyer CV = sqrt(11) -> Z. So months + CV: Z 10 (100 %).
 * Quarters + CV (T = 4): a quarterly buyer [100, 100, 100, 100], CV 0 -> X; a one-time buyer CV sqrt(3) -> Z:
 *   X 5, Y 0, Z 5, the first candidate, and it splits.
 */
const QUARTERLY: Cell[][] = [
  ['Client', 'Date', 'Amount'],
  ...['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].flatMap((c) => ['2023-01-15', '2023-04-15', '2023-07-15', '2023-10-15'].map((d): Cell[] => [c, d, 100])),
  ['O1', '2023-02-10', 100], ['O2', '2023-03-10', 100], ['O3', '2023-05-10', 100], ['O4', '2023-08-10', 100], ['O5', '2023-12-15', 100],
];

describe('segmentClients(...).xyzSuggestion', () => {
  it('segmentClients(quarterly buyers, months + CV) suggests quarters + CV: X 5, Y 0, Z 5', () => {
    const r = segmentClients(QUARTERLY);
    expect(r.summary.xyz!.Z.clients).toBe(10);
    expect(r.xyzSuggestion).toEqual({ period: 'quarter', method: 'cv', limitX: 0.1, limitY: 0.25, counts: { X: 5, Y: 0, Z: 5 } });
  });

  it('segmentClients(quarterly buyers) warns with the suggestion and its counts', () => {
    const w = segmentClients(QUARTERLY).warnings.find((x) => x.code === 'xyzOneClass');
    expect(w?.params).toEqual({ cls: 'Z', share: 100, period: 'month', method: 'cv', suggestPeriod: 'quarter', suggestMethod: 'cv', x: 5, y: 0, z: 5 });
  });

  it('segmentClients(quarterly buyers, quarters + CV) gives no suggestion: no class holds over 90 %', () => {
    const r = segmentClients(QUARTERLY, { settings: { xyz: { period: 'quarter' } } });
    expect(r.xyzSuggestion).toBeNull();
    expect(r.warnings.map((w) => w.code)).not.toContain('xyzOneClass');
  });

  /*
   * Three clients buying once: 2022-01-10, 2022-06-10, 2023-12-10. Months T = 24, quarters T = 8,
   * weeks T = 101: CV = sqrt(T - 1) > 0.25 and coverage 1/T < 0.25 everywhere, so every pair gives Z 3.
   */
  it('segmentClients(three one-time buyers) finds no pair that splits them and says so', () => {
    const r = segmentClients([['Client', 'Date', 'Amount'], ['A', '2022-01-10', 10], ['B', '2022-06-10', 20], ['C', '2023-12-10', 30]]);
    expect(r.xyzSuggestion).toBeNull();
    expect(r.warnings.find((w) => w.code === 'xyzOneClassNoSplit')?.params).toEqual({ cls: 'Z', share: 100, period: 'month', method: 'cv' });
    expect(r.warnings.map((w) => w.code)).not.toContain('xyzOneClass');
  });

  it('segmentClients(one quarter of data, months + CV) passes over quarters (one period) and says that nothing else splits', () => {
    // 2024-01 .. 2024-03: one quarter only. Months T = 3: A buys every month (CV 0 -> X, coverage 1),
    // B..K buy in January only (CV sqrt(2) -> Z; coverage 1/3 -> Y). Months + CV: X 1, Z 10 (90.9 %).
    // Quarters have T = 1 and are passed over; months + frequency: X 1, Y 10 (90.9 %) does not split either;
    // weeks + CV: all Z; weeks + frequency (T = 13 ISO weeks from 2024-W01 to 2024-W13): A 3/13 -> Z, all Z.
    const rows: Cell[][] = [['Client', 'Date', 'Amount'], ['A', '2024-01-05', 50], ['A', '2024-02-05', 50], ['A', '2024-03-29', 50]];
    for (const c of 'BCDEFGHIJK') rows.push([c, '2024-01-10', 10]);
    const r = segmentClients(rows);
    expect(r.summary.xyz).toMatchObject({ X: { clients: 1 }, Z: { clients: 10 } });
    expect(r.xyzSuggestion).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('xyzOneClassNoSplit');
  });
});
