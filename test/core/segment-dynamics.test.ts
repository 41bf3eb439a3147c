/**
 * The KPIs over time as a step of the engine (issue 10): segmentClients / segmentSales compute the
 * dynamics after RFM with the main run's segments, give each client its status, window revenues,
 * growth and window classes, and toJson carries kpis, migration, cohorts and the per-client keys.
 * Every expected value is worked out by hand in the comments (the table is the one of
 * test/core/dynamics.test.ts).
 */
import { readSales, segmentClients, toJson, warningText, type Cell, type SegmentationResult } from '../../src/core';
import { DYNAMICS_TABLE } from './dynamics-table';

/**
 * asOf 2024-12-31, W = 6 months: P = 2024-01-01..2024-06-30, C = 2024-07-01..2024-12-31.
 *
 * client  rows                                          revP  revC  status    abcP abcC
 * Ret     P 1000; C 1500                                1000  1500  retained  A    A
 * Churn   P 600                                          600     0  churned   A    -
 * Ret2    P 200 + 100; C 250                             300   250  retained  B    B
 * Small   P 100 (06-30); C 50 (07-01)                    100    50  retained  C    C
 * Newc    C 300                                            0   300  new       -    A
 * Back    2023-12-31 400; C 200                            0   200  returned  -    B
 * Sleep   2023-03-01 100                                   0     0  inactive  -    -
 * Refund  C -50 (a return only)                            0   -50  inactive  -    -
 * P buyers 1000, 600, 300, 100 (total 2000): share before 0, .5, .8, .95 -> A, A, B, C.
 * C buyers 1500, 300, 250, 200, 50 (total 2300): before 0, .652, .783, .891, .978 -> A, A, B, B, C.
 */
const T = DYNAMICS_TABLE;
const SETTINGS = { asOf: '2024-12-31', dynamics: { windowMonths: 6 } };

const byName = (r: SegmentationResult, name: string) => {
  const c = r.clients.find((x) => x.client === name);
  if (!c) throw new Error(`no client ${name}`);
  return c;
};

describe('segmentClients(cells, { settings }): the dynamics step', () => {
  const r = segmentClients(T, { settings: SETTINGS });

  it.each([
    ['Ret', 'retained', 1000, 1500, 0.5, 'A', 'A'],
    ['Churn', 'churned', 600, 0, -1, 'A', '-'],
    ['Ret2', 'retained', 300, 250, 250 / 300 - 1, 'B', 'B'],
    ['Small', 'retained', 100, 50, -0.5, 'C', 'C'],
    ['Newc', 'new', 0, 300, null, '-', 'A'],
    ['Back', 'returned', 0, 200, null, '-', 'B'],
    ['Sleep', 'inactive', 0, 0, null, '-', '-'],
    ['Refund', 'inactive', 0, -50, null, '-', '-'],
  ] as const)('gives %s the status %s, revenues %p and %p, growth %p, classes %s and %s', (name, status, revP, revC, growth, abcP, abcC) => {
    const c = byName(r, name);
    expect([c.status, c.revenuePrevious, c.revenueCurrent, c.abcPrevious, c.abcCurrent]).toEqual([status, revP, revC, abcP, abcC]);
    if (growth === null) expect(c.growth).toBeNull();
    else expect(c.growth).toBeCloseTo(growth, 12);
  });

  it('gives each client the index of its name in the sales data', () => {
    const names = readSales(T).clientNames;
    expect(r.clients.map((c) => names[c.index])).toEqual(r.clients.map((c) => c.client));
    expect(new Set(r.clients.map((c) => c.index)).size).toBe(8);
  });

  it('puts the KPIs on the result: retention 3 / 4, churn 1 / 4, key-client retention 1 / 2, lost key revenue 600', () => {
    const k = r.dynamics!.kpis;
    expect([k.retentionRate, k.churnRate, k.keyClientRetention, k.lostKeyRevenue]).toEqual([0.75, 0.25, 0.5, 600]);
  });

  it("takes the segments at asOf of the RFM migration from the main run's RFM", () => {
    // the migration's 'to' side counts every client of the run once, in its segment of the main run
    const fromRun = new Map<string, number>();
    for (const c of r.clients) fromRun.set(c.rfmSegment!, (fromRun.get(c.rfmSegment!) ?? 0) + 1);
    const fromMigration = new Map<string, number>();
    for (const m of r.dynamics!.migration.rfm) fromMigration.set(m.to, (fromMigration.get(m.to) ?? 0) + m.clients);
    expect(fromMigration).toEqual(fromRun);
  });

  it('uses the window and the cohort period of the settings', () => {
    const y = segmentClients(T, { settings: { asOf: '2024-12-31', dynamics: { windowMonths: 3, cohort: 'year' } } }).dynamics!;
    // 2024-12-31 - 3 months = 2024-09-30; - 6 months = 2024-06-30
    expect([y.windowMonths, y.cohortPeriod]).toEqual([3, 'year']);
    expect(y.cohorts.map((c) => c.cohort)).toEqual(['2023', '2023', '2024']);
  });

  it('warns that the comparison is partial when the data start after the first day of the previous period', () => {
    // W = 12: P starts 2023-01-01, the data on 2023-03-01
    const w = segmentClients(T, { settings: { asOf: '2024-12-31' } }).warnings.find((x) => x.code === 'dynamicsPartial');
    expect(w?.params).toEqual({ first: '2023-03-01', from: '2023-01-01' });
  });

  it('reports its own progress stage, between the methods and the end', () => {
    const stages: string[] = [];
    segmentClients(T, { settings: SETTINGS, onProgress: (_, s) => stages.push(s) });
    const first = stages.indexOf('dynamics');
    expect(first).toBeGreaterThan(stages.indexOf('methods'));
    expect(stages.lastIndexOf('methods')).toBeGreaterThan(stages.lastIndexOf('dynamics'));
  });
});

describe('segmentClients(cells without a date column): no dynamics', () => {
  const r = segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]);

  it('leaves dynamics null and every per-client field of it null', () => {
    expect(r.dynamics).toBeNull();
    for (const c of r.clients) expect([c.status, c.revenuePrevious, c.revenueCurrent, c.growth, c.abcPrevious, c.abcCurrent]).toEqual([null, null, null, null, null, null]);
  });

  it.each([
    ['en', 'no date column: the KPIs over time (retention, churn, migration, cohorts, revenue bridge) were not computed'],
    ['ru', 'Нет столбца с датой: показатели в динамике (удержание, отток, миграция, когорты, мост выручки) не рассчитаны'],
    ['pl', 'Brak kolumny z datą: wskaźniki w czasie (utrzymanie, odpływ, migracja, kohorty, most przychodu) nie zostały obliczone'],
  ] as const)('warns (%s) that the KPIs over time need dates', (lang, text) => {
    const w = r.warnings.find((x) => x.code === 'dynamicsNoDates');
    expect(warningText(w!, lang)).toBe(text);
  });
});

describe('toJson(result): the keys of issue 10', () => {
  const j = toJson(segmentClients(T, { settings: SETTINGS }));

  it('gives kpis with the windows as their first and last days', () => {
    expect(j.kpis!.windowMonths).toBe(6);
    expect(j.kpis!.previous).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(j.kpis!.current).toEqual({ from: '2024-07-01', to: '2024-12-31' });
  });

  it("gives kpis every key of the issue, with the table's values", () => {
    // nrr = (1500 + 0 + 250 + 50) / 2000 = 0.9; grr = (1000 + 0 + 250 + 50) / 2000 = 0.65;
    // key-client growth = 1500 / 1600 - 1 = -0.0625
    const k = j.kpis!;
    expect({
      clientsPrevious: k.clientsPrevious, clientsCurrent: k.clientsCurrent, retained: k.retained, churned: k.churned, new: k.new, returned: k.returned,
      retentionRate: k.retentionRate, churnRate: k.churnRate, keyClientsPrevious: k.keyClientsPrevious, keyClientRetention: k.keyClientRetention, lostKeyRevenue: k.lostKeyRevenue,
    }).toEqual({
      clientsPrevious: 4, clientsCurrent: 5, retained: 3, churned: 1, new: 1, returned: 1,
      retentionRate: 0.75, churnRate: 0.25, keyClientsPrevious: 2, keyClientRetention: 0.5, lostKeyRevenue: 600,
    });
    expect(k.keyClientGrowth).toBeCloseTo(-0.0625, 12);
    expect(k.nrr).toBeCloseTo(0.9, 12);
    expect(k.grr).toBeCloseTo(0.65, 12);
  });

  it('gives the ABC migration as 24 cells with clients and both revenues', () => {
    const abc = j.migration!.abc;
    expect(abc).toHaveLength(24);
    const cell = (from: string, to: string) => abc.find((c) => c.from === from && c.to === to);
    expect(cell('A', 'A')).toEqual({ from: 'A', to: 'A', clients: 1, revenuePrevious: 1000, revenueCurrent: 1500 });
    expect(cell('A', '-')).toEqual({ from: 'A', to: '-', clients: 1, revenuePrevious: 600, revenueCurrent: 0 });
    expect(cell('-', 'B')).toEqual({ from: '-', to: 'B', clients: 1, revenuePrevious: 0, revenueCurrent: 200 });
    expect(cell('B', 'A')).toEqual({ from: 'B', to: 'A', clients: 0, revenuePrevious: 0, revenueCurrent: 0 });
    expect(cell('-', '-')).toBeUndefined();
  });

  it('gives the RFM migration as { from, to, clients }', () => {
    for (const m of j.migration!.rfm) expect(Object.keys(m)).toEqual(['from', 'to', 'clients']);
    expect(j.migration!.rfm.reduce((s, m) => s + m.clients, 0)).toBe(8);
  });

  it('gives the cohorts with cohort, k, clients and revenue', () => {
    // cohort 2024-Q1 = Ret, Churn: k = 0 both bought, 1600; k = 2 (2024-Q3) Ret bought 1500
    const q1 = j.cohorts!.filter((c) => c.cohort === '2024-Q1');
    expect(q1.map((c) => [c.k, c.clients, c.revenue])).toEqual([[0, 2, 1600], [1, 0, 0], [2, 1, 1500], [3, 0, 0]]);
  });

  it('gives each client status, revenuePrevious, revenueCurrent, growth, abcPrevious, abcCurrent', () => {
    const churn = j.clients.find((c) => c.client === 'Churn')!;
    expect([churn.status, churn.revenuePrevious, churn.revenueCurrent, churn.growth, churn.abcPrevious, churn.abcCurrent]).toEqual(['churned', 600, 0, -1, 'A', '-']);
  });

  it('writes a ratio with a zero denominator as null in the JSON text, never 0 or NaN', () => {
    // nobody bought in P: retention, churn, key-client retention and growth, nrr, grr have nothing to divide by
    const text = JSON.stringify(toJson(segmentClients([['Date', 'Client', 'Amount'], ['2024-08-01', 'A1', 100]], { settings: SETTINGS })));
    const k = JSON.parse(text).kpis;
    expect([k.retentionRate, k.churnRate, k.keyClientRetention, k.keyClientGrowth, k.nrr, k.grr]).toEqual([null, null, null, null, null, null]);
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('gives null kpis, migration, cohorts and bridge without a date column', () => {
    const n = toJson(segmentClients([['Client', 'Amount'], ['Acme', 100]]));
    expect([n.kpis, n.migration, n.cohorts, n.bridge]).toEqual([null, null, null, null]);
  });
});
