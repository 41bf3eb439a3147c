/**
 * Key-client KPIs over time: METHODS.md section 9, docs/methods.md "Dynamics". Every expected value
 * is worked out by hand in the comments.
 */
import {
  clientDynamics,
  clientDynamicsJson,
  computeDynamics,
  dynamicsJson,
  isoToDay,
  readSales,
  resolveSettings,
  segmentSales,
  warningText,
  type Cell,
  type DynamicsResult,
  type SettingsInput,
} from '../../src/core';
import { kcError } from './helpers';
import { DYNAMICS_TABLE } from './dynamics-table';

/** Runs the dynamics on a table with the given settings and analysis date (yyyy-mm-dd). */
function run(cells: Cell[][], asOf: string, settings: SettingsInput = {}): DynamicsResult {
  const sales = readSales(cells);
  return computeDynamics(sales, resolveSettings(settings), isoToDay(asOf));
}

/** One client's dynamics by name. */
function of(d: DynamicsResult, cells: Cell[][], name: string) {
  const idx = readSales(cells).clientNames.indexOf(name);
  if (idx < 0) throw new Error(`no client ${name}`);
  return clientDynamics(d, idx);
}

/**
 * asOf 2024-12-31, W = 6 months: C = (2024-06-30, 2024-12-31] = 2024-07-01..2024-12-31,
 * P = (2023-12-31, 2024-06-30] = 2024-01-01..2024-06-30 (2024-12-31 - 6 months = 2024-06-31 -> 30th).
 *
 * client  rows (P / C / before P)                         revP  revC  status
 * Ret     P 02-10 1000; C 08-05 1500                        1000  1500  retained (growth +0.5)
 * Churn   P 03-01 600                                        600     0  churned  (growth -1)
 * Ret2    P 04-01 200, 05-01 100; C 11-11 250                300   250  retained (growth -1/6)
 * Small   P 06-30 100 (last day of P); C 07-01 50 (first of C) 100    50  retained (growth -0.5)
 * Newc    C 09-15 300                                          0   300  new
 * Back    2023-12-31 400 (the day before P); C 10-01 200       0   200  returned
 * Sleep   2023-03-01 100                                       0     0  inactive
 * Refund  C 08-01 -50 (a return only: no purchase)             0   -50  inactive
 */
const T = DYNAMICS_TABLE;
const W6 = { dynamics: { windowMonths: 6 } };

describe('computeDynamics(sales, settings, asOf): statuses and revenues', () => {
  const d = run(T, '2024-12-31', W6);

  it('the windows are 2024-01-01..2024-06-30 and 2024-07-01..2024-12-31', () => {
    expect(d.previous).toEqual({ from: isoToDay('2024-01-01'), to: isoToDay('2024-06-30') });
    expect(d.current).toEqual({ from: isoToDay('2024-07-01'), to: isoToDay('2024-12-31') });
  });

  it.each([
    ['Ret', 'retained', 1000, 1500, 0.5],
    ['Churn', 'churned', 600, 0, -1],
    ['Ret2', 'retained', 300, 250, 250 / 300 - 1],
    ['Small', 'retained', 100, 50, -0.5],
    ['Newc', 'new', 0, 300, null],
    ['Back', 'returned', 0, 200, null],
    ['Sleep', 'inactive', 0, 0, null],
    ['Refund', 'inactive', 0, -50, null],
  ] as const)('%s is %s with revenue %p then %p, growth %p', (name, status, revP, revC, growth) => {
    const c = of(d, T, name)!;
    expect(c.status).toBe(status);
    expect(c.revenuePrevious).toBe(revP);
    expect(c.revenueCurrent).toBe(revC);
    if (growth === null) expect(c.growth).toBeNull();
    else expect(c.growth).toBeCloseTo(growth, 12);
  });

  it('a client with only returns has no first purchase', () => {
    expect(of(d, T, 'Refund')!.firstPurchase).toBeNull();
    expect(of(d, T, 'Back')!.firstPurchase).toBe(isoToDay('2023-12-31'));
  });

  it('the statuses partition the clients: every client has exactly one', () => {
    // 3 retained + 1 churned + 1 new + 1 returned + 2 inactive = 8 clients
    const k = d.kpis;
    expect([k.retained, k.churned, k.new, k.returned, k.inactive]).toEqual([3, 1, 1, 1, 2]);
    expect(d.clients.status.filter((s) => s !== null)).toHaveLength(8);
  });

  it('does not mutate the sales data (frozen input, typed arrays unchanged)', () => {
    const sales = readSales(T);
    const amount = Float64Array.from(sales.amount);
    const dayCol = Float64Array.from(sales.day);
    computeDynamics(sales, resolveSettings(W6), isoToDay('2024-12-31'));
    expect(sales.amount).toEqual(amount);
    expect(sales.day).toEqual(dayCol);
  });
});

describe('computeDynamics: ABC in each window', () => {
  const d = run(T, '2024-12-31', W6);

  it('abcPrevious is A, A, B, C over the clients that bought in P, "-" for the others', () => {
    // P buyers: Ret 1000, Churn 600, Ret2 300, Small 100; total 2000.
    // before = 0 (A), 1000/2000 = 0.5 (A), 1600/2000 = 0.8 (B), 1900/2000 = 0.95 (not < 0.95: C)
    const cls = ['Ret', 'Churn', 'Ret2', 'Small', 'Newc', 'Back', 'Sleep', 'Refund'].map((n) => of(d, T, n)!.abcPrevious);
    expect(cls).toEqual(['A', 'A', 'B', 'C', '-', '-', '-', '-']);
  });

  it('abcCurrent is A, -, B, C, A, B over the clients that bought in C; a return alone is "-"', () => {
    // C buyers: Ret 1500, Newc 300, Ret2 250, Back 200, Small 50; total 2300 (Refund did not buy).
    // before = 0 (A), 1500/2300 = .652 (A), 1800/2300 = .783 (B), 2050/2300 = .891 (B), 2250/2300 = .978 (C)
    const cls = ['Ret', 'Churn', 'Ret2', 'Small', 'Newc', 'Back', 'Sleep', 'Refund'].map((n) => of(d, T, n)!.abcCurrent);
    expect(cls).toEqual(['A', '-', 'B', 'C', 'A', 'B', '-', '-']);
  });

  it('equal window revenues at a class line get the class of the first of them', () => {
    // P: 50, 30, 10, 5, 5 (total 100): before = 0, .5, .8, .9, .9 -> A, A, B, B, B (the tie rule)
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-02-01', 'P1', 50],
      ['2024-02-01', 'P2', 30],
      ['2024-02-01', 'P3', 10],
      ['2024-02-01', 'P4', 5],
      ['2024-02-01', 'P5', 5],
      ['2024-12-31', 'P1', 1],
    ];
    const t = run(cells, '2024-12-31', W6);
    expect(['P1', 'P2', 'P3', 'P4', 'P5'].map((n) => of(t, cells, n)!.abcPrevious)).toEqual(['A', 'A', 'B', 'B', 'B']);
  });

  it('a buyer whose window revenue nets below zero is D, exactly zero is C (no profit column)', () => {
    // C: Big 500; Neg bought 100 and returned 150 (-50); Zero bought 80 and returned 80 (0)
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-08-01', 'Big', 500],
      ['2024-08-01', 'Neg', 100],
      ['2024-09-01', 'Neg', -150],
      ['2024-08-01', 'Zero', 80],
      ['2024-09-01', 'Zero', -80],
    ];
    const t = run(cells, '2024-12-31', W6);
    expect(['Big', 'Neg', 'Zero'].map((c) => of(t, cells, c)!.abcCurrent)).toEqual(['A', 'D', 'C']);
  });

  it('with a profit column, a window loss gives D whatever the window revenue', () => {
    // C: Gain 100 (profit 30), Loss 900 (profit -10 + -5 = -15). Loss is the largest (A on revenue) but D.
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount', 'Profit'],
      ['2024-08-01', 'Gain', 100, 30],
      ['2024-08-01', 'Loss', 500, -10],
      ['2024-09-01', 'Loss', 400, -5],
      ['2024-03-01', 'Loss', 200, 50],
    ];
    const t = run(cells, '2024-12-31', W6);
    expect(of(t, cells, 'Loss')!.abcCurrent).toBe('D');
    // P: only Loss bought, with profit +50: the largest client is A
    expect(of(t, cells, 'Loss')!.abcPrevious).toBe('A');
    // C without Loss's share: Gain's before = 900/1000 = 0.9 -> B
    expect(of(t, cells, 'Gain')!.abcCurrent).toBe('B');
  });

  it('basis "orders" classifies on the distinct orders dated in the window', () => {
    // C: Many has orders X1, X2, X3 (X1 on two rows) = 3; Few has Y1 = 1; total 4.
    // before(Many) = 0 -> A; before(Few) = 3/4 = 0.75, not < 0.75 -> B
    const cells: Cell[][] = [
      ['Order', 'Date', 'Client', 'Amount'],
      ['X1', '2024-08-01', 'Many', 10],
      ['X1', '2024-08-01', 'Many', 10],
      ['X2', '2024-09-01', 'Many', 10],
      ['X3', '2024-10-01', 'Many', 10],
      ['X0', '2024-03-01', 'Many', 10],
      ['Y1', '2024-08-01', 'Few', 1000],
    ];
    const t = run(cells, '2024-12-31', { ...W6, abc: { basis: 'orders' } });
    expect(of(t, cells, 'Many')!.abcCurrent).toBe('A');
    expect(of(t, cells, 'Few')!.abcCurrent).toBe('B');
  });

  it('basis "profit" classifies on the window profit', () => {
    // C profits: Thin 10 (revenue 1000), Fat 90 (revenue 100); total 100: Fat before 0 -> A;
    // Thin before 0.9 -> B
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount', 'Profit'],
      ['2024-08-01', 'Thin', 1000, 10],
      ['2024-08-01', 'Fat', 100, 90],
    ];
    const t = run(cells, '2024-12-31', { ...W6, abc: { basis: 'profit' } });
    expect([of(t, cells, 'Fat')!.abcCurrent, of(t, cells, 'Thin')!.abcCurrent]).toEqual(['A', 'B']);
  });

  it('the average method with a window average <= 0 leaves that window unclassified, with a warning', () => {
    // P on profit: Lossy -50 is the only buyer: P = -50 / 1 <= 0 -> the method cannot be applied
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount', 'Profit'],
      ['2024-03-01', 'Lossy', 100, -50],
      ['2024-08-01', 'Lossy', 100, 20],
      ['2024-08-01', 'Fine', 100, 20],
    ];
    const t = run(cells, '2024-12-31', { ...W6, abc: { method: 'average', basis: 'profit' } });
    expect(of(t, cells, 'Lossy')!.abcPrevious).toBeNull();
    expect(of(t, cells, 'Fine')!.abcPrevious).toBe('-');
    expect(t.warnings.map((w) => w.code)).toContain('dynamicsAbcPrevious');
    expect(t.kpis.keyClientsPrevious).toBeNull();
    expect(t.kpis.keyClientRetention).toBeNull();
    expect(t.kpis.lostKeyRevenue).toBeNull();
    expect(t.migration.abc).toEqual([]);
  });
});

describe('computeDynamics: the KPIs', () => {
  const k = run(T, '2024-12-31', W6).kpis;

  it('clientsPrevious 4 (Ret, Churn, Ret2, Small) and clientsCurrent 5 (Ret, Ret2, Small, Newc, Back)', () => {
    expect([k.clientsPrevious, k.clientsCurrent]).toEqual([4, 5]);
  });

  it('retentionRate = 3 / 4 and churnRate = 1 / 4', () => {
    expect(k.retentionRate).toBe(0.75);
    expect(k.churnRate).toBe(0.25);
  });

  it('keyClientsPrevious = 2 (Ret, Churn), keyClientRetention = 1 / 2', () => {
    expect(k.keyClientsPrevious).toBe(2);
    expect(k.keyClientRetention).toBe(0.5);
  });

  it('keyClientGrowth = (1500 + 0) / (1000 + 600) - 1 = -0.0625', () => {
    expect(k.keyClientGrowth).toBeCloseTo(-0.0625, 12);
  });

  it('nrr = (1500 + 0 + 250 + 50) / (1000 + 600 + 300 + 100) = 0.9', () => {
    expect(k.nrr).toBeCloseTo(0.9, 12);
  });

  it('grr = (min(1500, 1000) + 0 + 250 + 50) / 2000 = 0.65', () => {
    expect(k.grr).toBeCloseTo(0.65, 12);
  });

  it('lostKeyRevenue = 600 (Churn was A in P)', () => {
    expect(k.lostKeyRevenue).toBe(600);
  });

  it('the window revenues are every row dated in them: 2000 and 2250 (Refund\'s -50 included)', () => {
    // P: 1000 + 600 + 200 + 100 + 100 = 2000; C: 1500 + 250 + 50 + 300 + 200 - 50 = 2250
    expect([k.revenuePrevious, k.revenueCurrent]).toEqual([2000, 2250]);
  });
});

describe('computeDynamics: empty windows', () => {
  it('with nobody buying in P every ratio is null, never 0 or NaN', () => {
    // all sales in C: clientsPrevious = 0, so retention, churn, key retention, growth, nrr, grr are null
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-08-01', 'A1', 100],
      ['2024-03-01', 'A2', -20],
    ];
    const k = run(cells, '2024-12-31', W6).kpis;
    expect([k.retentionRate, k.churnRate, k.keyClientRetention, k.keyClientGrowth, k.nrr, k.grr]).toEqual([null, null, null, null, null, null]);
    expect([k.clientsPrevious, k.keyClientsPrevious, k.lostKeyRevenue]).toEqual([0, 0, 0]);
  });

  it('with nobody buying in C: everyone who bought in P churned, nrr and grr are 0', () => {
    // P: B1 100, B2 50; C empty: retention 0 / 2, churn 2 / 2, nrr 0 / 150, lost key revenue: A of P = B1 (before 0)
    // and B2 (before 100/150 = .667 < .75): 150
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-02-01', 'B1', 100],
      ['2024-02-01', 'B2', 50],
    ];
    const k = run(cells, '2024-12-31', W6).kpis;
    expect([k.retentionRate, k.churnRate, k.nrr, k.grr, k.keyClientRetention, k.keyClientGrowth]).toEqual([0, 1, 0, 0, 0, -1]);
    expect(k.lostKeyRevenue).toBe(150);
    expect(k.clientsCurrent).toBe(0);
  });

  it('a previous window whose buyers net to returns gives a null nrr (the denominator is not above 0)', () => {
    // P: R1 bought 100 and returned 150 in P: revenuePrevious = -50; nrr = x / -50 -> null
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-02-01', 'R1', 100],
      ['2024-03-01', 'R1', -150],
      ['2024-08-01', 'R1', 40],
    ];
    const d = run(cells, '2024-12-31', W6);
    expect(d.kpis.nrr).toBeNull();
    expect(d.kpis.grr).toBeNull();
    expect(of(d, cells, 'R1')!.growth).toBeNull();
  });
});

describe('computeDynamics: returns, first purchases, boundaries', () => {
  it('a return before the first purchase is not a first purchase: the client is new, not returned', () => {
    // Odd: -30 in 2023 (before P), first purchase 2024-08-01 in C -> new
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2023-05-01', 'Odd', -30],
      ['2024-08-01', 'Odd', 100],
    ];
    const d = run(cells, '2024-12-31', W6);
    expect(of(d, cells, 'Odd')!.status).toBe('new');
  });

  it('a client that only returned goods in P did not buy in P', () => {
    // Ret: bought 2023-06-01 (before P), returned in P, bought in C -> returned (not retained)
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2023-06-01', 'Ret', 500],
      ['2024-02-01', 'Ret', -100],
      ['2024-09-01', 'Ret', 200],
    ];
    const d = run(cells, '2024-12-31', W6);
    const c = of(d, cells, 'Ret')!;
    expect([c.status, c.revenuePrevious, c.abcPrevious]).toEqual(['returned', -100, '-']);
  });

  it('31 March minus one month is 29 February: a sale on 2024-02-29 is in P, on 2024-01-31 before it', () => {
    // asOf 2024-03-31, W = 1: P = 2024-02-01..2024-02-29, C = 2024-03-01..2024-03-31
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-01-31', 'Jan', 10],
      ['2024-03-05', 'Jan', 10],
      ['2024-02-29', 'Feb', 10],
      ['2024-03-31', 'Feb', 10],
    ];
    const d = run(cells, '2024-03-31', { dynamics: { windowMonths: 1 } });
    expect(of(d, cells, 'Feb')!.status).toBe('retained');
    expect(of(d, cells, 'Jan')!.status).toBe('returned');
  });

  it('rows after the analysis date are left out', () => {
    // Late's only purchase is after asOf: not in the analysis; Ret's later row does not count
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-02-01', 'Ret', 100],
      ['2024-08-01', 'Ret', 100],
      ['2025-02-01', 'Ret', 999],
      ['2025-02-01', 'Late', 50],
    ];
    const d = run(cells, '2024-12-31', W6);
    expect(of(d, cells, 'Late')).toBeNull();
    expect(of(d, cells, 'Ret')!.revenueCurrent).toBe(100);
    expect(d.kpis.clientsCurrent).toBe(1);
  });
});

describe('computeDynamics: a partial previous window', () => {
  it('data starting after the first day of P are computed, with a warning naming the first date', () => {
    // P = 2024-01-01..2024-06-30, first sale 2024-03-15
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-03-15', 'A1', 100],
      ['2024-08-01', 'A1', 100],
    ];
    const d = run(cells, '2024-12-31', W6);
    expect(d.partial).toBe(true);
    expect(d.warnings).toEqual([{ code: 'dynamicsPartial', params: { first: '2024-03-15', from: '2024-01-01' } }]);
    expect(d.kpis.retentionRate).toBe(1);
  });

  it('the partial-window warning reads in English, Russian and Polish', () => {
    const w = { code: 'dynamicsPartial', params: { first: '2024-03-15', from: '2024-01-01' } };
    expect(warningText(w, 'en')).toBe('the data start on 2024-03-15, after the start of the previous period (2024-01-01): the comparison of the two periods is partial');
    expect(warningText(w, 'ru')).toBe('Данные начинаются с 15.03.2024, позже начала предыдущего периода (01.01.2024): сравнение двух периодов неполное');
    expect(warningText(w, 'pl')).toBe('Dane zaczynają się od 15.03.2024, po początku poprzedniego okresu (01.01.2024): porównanie obu okresów jest niepełne');
  });

  it('data starting on the first day of P are not partial', () => {
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-01-01', 'A1', 100],
      ['2024-08-01', 'A1', 100],
    ];
    const d = run(cells, '2024-12-31', W6);
    expect(d.partial).toBe(false);
    expect(d.warnings).toEqual([]);
  });
});

describe('computeDynamics: errors', () => {
  it('without a date column it is a #N/A error with the key dynamicsNoDates', () => {
    const sales = readSales([['Client', 'Amount'], ['A', 1]]);
    const e = kcError(() => computeDynamics(sales, resolveSettings(), 0));
    expect([e.code, e.key]).toEqual(['#N/A', 'dynamicsNoDates']);
  });

  it('ABC on profit without a profit column is the segmentation\'s error', () => {
    const e = kcError(() => run(T, '2024-12-31', { abc: { basis: 'profit' } }));
    expect(e.key).toBe('profitBasisWithoutProfit');
  });

  it('RFM segments handed over without one for a client in the analysis are a #VALUE! error', () => {
    const sales = readSales(T);
    const e = kcError(() => computeDynamics(sales, resolveSettings(W6), isoToDay('2024-12-31'), { rfmCurrent: sales.clientKeys.map(() => null) }));
    expect(e.code).toBe('#VALUE!');
  });

  it('an analysis date before every sale is a #N/A error', () => {
    const e = kcError(() => run(T, '2020-01-01', W6));
    expect([e.code, e.key]).toEqual(['#N/A', 'noSaleBeforeAsOf']);
  });
});

describe('computeDynamics: the ABC migration', () => {
  const m = run(T, '2024-12-31', W6).migration.abc;

  it('has the 24 cells of (A, B, C, D, -) x (A, B, C, D, -) without (-, -), from-major', () => {
    expect(m).toHaveLength(24);
    expect(m.slice(0, 6).map((c) => c.from + c.to)).toEqual(['AA', 'AB', 'AC', 'AD', 'A-', 'BA']);
    expect(m.some((c) => c.from === '-' && c.to === '-')).toBe(false);
  });

  it('counts the clients and both revenues of each move', () => {
    // Ret A->A (1000, 1500); Churn A->- (600, 0); Ret2 B->B (300, 250); Small C->C (100, 50);
    // Newc -->A (0, 300); Back -->B (0, 200); Sleep and Refund are (-, -): left out
    const nonEmpty = m.filter((c) => c.clients > 0).map((c) => [c.from + c.to, c.clients, c.revenuePrevious, c.revenueCurrent]);
    expect(nonEmpty).toEqual([
      ['AA', 1, 1000, 1500],
      ['A-', 1, 600, 0],
      ['BB', 1, 300, 250],
      ['CC', 1, 100, 50],
      ['-A', 1, 0, 300],
      ['-B', 1, 0, 200],
    ]);
  });
});

describe('computeDynamics: the RFM segment migration', () => {
  const d = run(T, '2024-12-31', W6);

  it('segments at asOf - W over the clients who had bought by then, against segments at asOf', () => {
    // At 2024-06-30 (rows up to that day; Newc and Refund had not bought): n = 6, score = min(5, 1 + L)
    //   R (last row): Sleep 03-01-2023 1, Back 12-31-2023 2, Ret 02-10 3, Churn 03-01 4, Ret2 05-01 5, Small 06-30 5
    //   F (orders):   Ret2 2 -> 5, the others 1 -> 1
    //   M (revenue):  Small 100, Sleep 100 -> 1; Ret2 300 -> 3; Back 400 -> 4; Churn 600 -> 5; Ret 1000 -> 5
    //   Ret 315 promising, Churn 415 new, Ret2 553 loyal, Small 511 new, Back 214 about_to_sleep, Sleep 111 hibernating
    // At 2024-12-31 (every client, as the main run): n = 8, score = min(5, 1 + floor(5L / 7))
    //   R: Sleep 1, Churn 1, Small 2, Refund 3, Ret 3, Newc 4, Back 5, Ret2 5
    //   F: 1 order (Churn, Newc, Sleep, Refund) 1; 2 orders (Ret, Small, Back) L4 -> 3; Ret2 3 orders -> 5
    //   M: Refund -50 1, Sleep 100 1, Small 150 2, Newc 300 3, Ret2 550 3, Churn 600 4, Back 600 4, Ret 2500 5
    //   Ret 335 loyal, Churn 114 hibernating, Ret2 553 loyal, Small 232 need_attention, Newc 413 new,
    //   Back 534 loyal, Sleep 111 hibernating, Refund 311 promising
    expect(d.migration.rfm.map((c) => [c.from, c.to, c.clients, c.revenuePrevious, c.revenueCurrent])).toEqual([
      ['loyal', 'loyal', 1, 300, 250],
      ['new', 'need_attention', 1, 100, 50],
      ['new', 'hibernating', 1, 600, 0],
      ['promising', 'loyal', 1, 1000, 1500],
      ['about_to_sleep', 'loyal', 1, 0, 200],
      ['hibernating', 'hibernating', 1, 0, 0],
      ['-', 'new', 1, 0, 300],
      ['-', 'promising', 1, 0, -50],
    ]);
  });

  it('the segment at asOf is the one the main segmentation gives every client', () => {
    const sales = readSales(T);
    const settings = resolveSettings(W6);
    const main = segmentSales(sales, settings);
    const bySegment = new Map(main.clients.map((c) => [c.key, c.rfmSegment]));
    const dd = computeDynamics(sales, settings, main.asOf!);
    sales.clientKeys.forEach((key, i) => expect([key, dd.clients.rfmCurrent[i]]).toEqual([key, bySegment.get(key)]));
  });
});

describe('computeDynamics: the revenue bridge', () => {
  it('previous 2000 - churned 600 - contraction 150 + expansion 500 + returned 200 + new 300 = current 2250', () => {
    // churned: Churn 600 - 0; contraction: Ret2 -50, Small -50 and the inactive Refund -50 (a return in C);
    // expansion: Ret +500; returned: Back +200; new: Newc +300
    const b = run(T, '2024-12-31', W6).bridge;
    expect(b.map((l) => [l.key, l.amount, l.clients])).toEqual([
      ['previous', 2000, 4],
      ['churned', -600, 1],
      ['contraction', -150, 3],
      ['expansion', 500, 1],
      ['returned', 200, 1],
      ['new', 300, 1],
      ['current', 2250, 5],
    ]);
  });
});

describe('computeDynamics: cohorts', () => {
  const d = run(T, '2024-12-31', W6);
  const cell = (cohort: string, k: number) => d.cohorts.find((c) => c.cohort === cohort && c.k === k)!;

  it('cohorts by quarter run from each cohort to 2024-Q4: 8 + 5 + 4 + 3 + 2 cells', () => {
    // first purchases: Sleep 2023-Q1, Back 2023-Q4, Ret and Churn 2024-Q1, Ret2 and Small 2024-Q2, Newc 2024-Q3;
    // Refund (returns only) is in no cohort
    expect(d.cohorts).toHaveLength(22);
    expect([...new Set(d.cohorts.map((c) => c.cohort))]).toEqual(['2023-Q1', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3']);
  });

  it('k = 0 is the whole cohort: 2024-Q1 has 2 clients and 1000 + 600 of revenue', () => {
    expect(cell('2024-Q1', 0)).toMatchObject({ period: '2024-Q1', size: 2, clients: 2, share: 1, revenue: 1600, revenueRatio: 1, partial: false });
  });

  it('2024-Q1 two quarters on: Ret alone bought 1500, half the clients, 1500 / 1600 of the revenue', () => {
    expect(cell('2024-Q1', 2)).toMatchObject({ period: '2024-Q3', clients: 1, share: 0.5, revenue: 1500, revenueRatio: 0.9375 });
  });

  it('2024-Q2 (Ret2 300, Small 100): Small 50 in Q3, Ret2 250 in Q4, the partial quarter', () => {
    expect(cell('2024-Q2', 1)).toMatchObject({ clients: 1, share: 0.5, revenue: 50, revenueRatio: 0.125, partial: false });
    expect(cell('2024-Q2', 2)).toMatchObject({ period: '2024-Q4', clients: 1, revenue: 250, revenueRatio: 0.625, partial: true });
  });

  it('a quarter without purchases is 0 clients and 0 revenue; only the quarter holding asOf is partial', () => {
    expect(cell('2023-Q4', 1)).toMatchObject({ period: '2024-Q1', clients: 0, share: 0, revenue: 0, revenueRatio: 0, partial: false });
    expect(cell('2023-Q4', 4)).toMatchObject({ period: '2024-Q4', clients: 1, revenue: 200, revenueRatio: 0.5, partial: true });
    expect(d.cohorts.filter((c) => c.partial).map((c) => c.period)).toEqual(['2024-Q4', '2024-Q4', '2024-Q4', '2024-Q4', '2024-Q4']);
  });

  it('by year: 2023 (Sleep, Back) and 2024 (Ret, Churn, Ret2, Small, Newc)', () => {
    // 2023: k0 revenue 100 + 400 = 500, k1 (2024): Back bought 200 -> 1 of 2 clients, 200 / 500
    // 2024: k0: 1000 + 1500 + 600 + 200 + 100 + 250 + 100 + 50 + 300 = 4100, 5 clients
    const y = run(T, '2024-12-31', { dynamics: { windowMonths: 6, cohort: 'year' } }).cohorts;
    expect(y.map((c) => [c.cohort, c.k, c.size, c.clients, c.revenue, c.revenueRatio, c.partial])).toEqual([
      ['2023', 0, 2, 2, 500, 1, false],
      ['2023', 1, 2, 1, 200, 0.4, true],
      ['2024', 0, 5, 5, 4100, 1, true],
    ]);
  });

  it('by month: a return in the cohort month counts in its revenue; rows before the cohort month do not', () => {
    // Mo: -20 on 2024-04-30 (before its first purchase month), 100 on 2024-05-10, -30 on 2024-05-20, 60 on 2024-06-01
    // cohort 2024-05: k0 revenue 100 - 30 = 70; k1 (2024-06, asOf's month) 60 -> ratio 60 / 70
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-04-30', 'Mo', -20],
      ['2024-05-10', 'Mo', 100],
      ['2024-05-20', 'Mo', -30],
      ['2024-06-01', 'Mo', 60],
    ];
    const m = run(cells, '2024-06-01', { dynamics: { windowMonths: 1, cohort: 'month' } }).cohorts;
    expect(m.map((c) => [c.cohort, c.k, c.clients, c.revenue, c.partial])).toEqual([
      ['2024-05', 0, 1, 70, false],
      ['2024-05', 1, 1, 60, true],
    ]);
    expect(m[1].revenueRatio).toBeCloseTo(60 / 70, 12);
  });
});

describe('dynamicsJson(d) and clientDynamicsJson(d, client)', () => {
  const d = run(T, '2024-12-31', W6);

  it('kpis carry the issue\'s keys in order, windows as yyyy-mm-dd', () => {
    const j = dynamicsJson(d);
    expect(Object.keys(j.kpis).slice(0, 17)).toEqual([
      'windowMonths', 'previous', 'current', 'clientsPrevious', 'clientsCurrent', 'retained', 'churned', 'new', 'returned',
      'retentionRate', 'churnRate', 'keyClientsPrevious', 'keyClientRetention', 'keyClientGrowth', 'nrr', 'grr', 'lostKeyRevenue',
    ]);
    expect(j.kpis.previous).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(j.cohorts[0]).toMatchObject({ cohort: '2023-Q1', k: 0, clients: 1, revenue: 100 });
    expect(j.migration.rfm[0]).toEqual({ from: 'loyal', to: 'loyal', clients: 1 });
  });

  it('a ratio with a zero denominator is null in the JSON text', () => {
    const cells: Cell[][] = [['Date', 'Client', 'Amount'], ['2024-08-01', 'A1', 100]];
    const text = JSON.stringify(dynamicsJson(run(cells, '2024-12-31', W6)));
    expect(text).toContain('"retentionRate":null');
    expect(text).not.toContain('NaN');
  });

  it('clientDynamicsJson gives status, revenues, growth and both classes', () => {
    const idx = readSales(T).clientNames.indexOf('Ret');
    expect(clientDynamicsJson(d, idx)).toEqual({ status: 'retained', revenuePrevious: 1000, revenueCurrent: 1500, growth: 0.5, abcPrevious: 'A', abcCurrent: 'A' });
  });
});
