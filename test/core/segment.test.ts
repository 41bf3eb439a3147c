/**
 * segmentClients end to end on small hand-made tables: METHODS.md sections 1-5, docs/methods.md.
 * Every expected value is worked by hand in the comments (day counts checked with a calendar).
 */
import { segmentClients, toJson } from '../../src/core';
import type { Cell, ClientResult, SegmentationResult } from '../../src/core';
import { day, deepFreeze, kcError, TABLE1, TABLE2 } from './helpers';

/*
 * TABLE 1: order column, profit column, a return, a negative-profit client, two rows of one day.
 *
 * sheet row  Order  Date              Client    Amount  Profit
 *  2         O1     2023-05-15        Gamma       600     120
 *  3         O2     2023-06-10        "gamma "   -100     -20   return; folds into Gamma
 *  4         O3     2023-07-01        Alpha      1000     300
 *  5         O4     2023-11-20        Beta       2000    -300
 *  6         O5     2024-01-15        Alpha      1000     250
 *  7         O6     2023-12-20        Epsilon     300      60
 *  8         O7     2024-04-10        Delta       200      50
 *  9         O7     2024-04-10        Delta       150      30   same day, same order
 * 10         O8     2024-05-20        Beta       1500     100
 * 11         O9     45473 (serial)    ALPHA      1000     350   =DATE(2024,6,30) is 45473
 * 12         O10    2024-06-30        Delta       250      40
 *
 * asOf = latest date = 2024-06-30. Days to asOf: 2023-05-15 412, 2023-06-10 386, 2023-07-01 365,
 * 2023-11-20 223, 2023-12-20 193, 2024-01-15 167, 2024-04-10 81, 2024-05-20 41.
 *
 *           revenue profit orders first       last        recency sinceFirst rows firstRow
 * Alpha     3000    900    3      2023-07-01  2024-06-30  0       365        3    4
 * Beta      3500   -200    2      2023-11-20  2024-05-20  41      223        2    5
 * Gamma      500    100    2      2023-05-15  2023-06-10  386     412        2    2
 * Delta      600    120    2      2024-04-10  2024-06-30  0       81         3    8
 * Epsilon    300     60    1      2023-12-20  2023-12-20  193     193        1    7
 * Positive revenue = 7900. revenueShare = revenue / 7900.
 *
 * ABC share on revenue, sorted Beta 3500, Alpha 3000, Delta 600, Gamma 500, Epsilon 300:
 *   before = 0, 3500/7900 = .443, 6500/7900 = .823, 7100/7900 = .899, 7600/7900 = .962
 *   -> abcBasis A, A, B, B, C. Beta's profit < 0 -> main class D.
 * ABC on profit, positive total 1180, sorted Alpha 900, Delta 120, Gamma 100, Epsilon 60; Beta -200:
 *   before = 0, 900/1180 = .763, 1020/1180 = .864, 1120/1180 = .949 -> A, B, B, B; Beta D.
 * XYZ by month: window 2023-05 .. 2024-06, T = 14. For k equal purchases: cv = sqrt(T/k - 1).
 *   Alpha 1000 in Jul, Jan, Jun: cv = sqrt(14/3 - 1) = 1.9148542155 -> Z, coverage 3/14
 *   Beta 2000 Nov, 1500 May: cv^2 = 14 (2000^2 + 1500^2) / 3500^2 - 1 = 43/7 -> 2.4784787961 -> Z
 *   Gamma 600 May, -100 Jun: cv^2 = 14 (600^2 + 100^2) / 500^2 - 1 = 19.72 -> 4.4407206622 -> Z,
 *     coverage 1/14 (June's revenue is negative)
 *   Delta 350 Apr, 250 Jun: cv^2 = 14 (350^2 + 250^2) / 600^2 - 1 = 223/36 -> 2.4888640872 -> Z
 *   Epsilon 300 Dec: cv = sqrt(13) = 3.6055512755 -> Z
 * RFM, n = 5, score = min(5, 1 + floor(5 L / 4)):
 *   R (last purchase): Gamma L0 -> 1, Epsilon L1 -> 2, Beta L2 -> 3, Alpha and Delta L3 -> 4
 *   F (orders): Epsilon L0 -> 1, Beta/Gamma/Delta L1 -> 2, Alpha L4 -> 5
 *   M (revenue): Epsilon 1, Gamma 2, Delta 3, Alpha 4, Beta 5
 *   Alpha 454 champions; Beta 325 potential_loyalists; Gamma 122 hibernating;
 *   Delta 423 potential_loyalists; Epsilon 211 about_to_sleep.
 * Lifecycle: Alpha active (since first 365 > 90), Beta active, Gamma lost (386 > 365),
 *   Delta new (81 <= 90), Epsilon at_risk (193 > 180).
 * Quadrants: value = profit; median of -200, 60, 100, 120, 900 = 100; middle score 3.
 *   Alpha R4 F5 loyal, 900 high -> III; Beta F2 low loyalty, -200 low -> I;
 *   Gamma R1, 100 at the median = high -> IV; Delta F2, 120 high -> IV; Epsilon R2, 60 low -> I.
 * keyClient: main class A and not lost: Alpha only.
 * Order: revenue descending: Beta, Alpha, Delta, Gamma, Epsilon.
 */

const byName = (r: SegmentationResult, name: string): ClientResult => {
  const c = r.clients.find((x) => x.client === name);
  if (!c) throw new Error(`no client ${name}`);
  return c;
};

describe('segmentClients(TABLE1) with an order and a profit column', () => {
  const r = segmentClients(deepFreeze(TABLE1.map((row) => [...row])));
  const c = (name: string) => byName(r, name);

  it('segmentClients(TABLE1) finds five clients, shown with the spelling of their first row', () => {
    expect(r.clients.map((x) => x.client).sort()).toEqual(['Alpha', 'Beta', 'Delta', 'Epsilon', 'Gamma']);
  });

  it('segmentClients(TABLE1) lists clients by revenue descending', () => {
    expect(r.clients.map((x) => x.client)).toEqual(['Beta', 'Alpha', 'Delta', 'Gamma', 'Epsilon']);
  });

  it('segmentClients(TABLE1).asOf defaults to the latest date, 2024-06-30', () => {
    expect(r.asOf).toBe(day(2024, 6, 30));
  });

  it('segmentClients(TABLE1) sums revenue net of returns', () => {
    expect(r.clients.map((x) => [x.client, x.revenue])).toEqual([
      ['Beta', 3500], ['Alpha', 3000], ['Delta', 600], ['Gamma', 500], ['Epsilon', 300],
    ]);
  });

  it('segmentClients(TABLE1) sums profit', () => {
    expect(r.clients.map((x) => x.profit)).toEqual([-200, 900, 120, 100, 60]);
  });

  it('segmentClients(TABLE1) counts distinct orders (two rows of order O7 are one order)', () => {
    expect(r.clients.map((x) => x.orders)).toEqual([2, 3, 2, 2, 1]);
  });

  it('segmentClients(TABLE1) counts rows per client', () => {
    expect(r.clients.map((x) => x.rows)).toEqual([2, 3, 3, 2, 1]);
  });

  it('segmentClients(TABLE1) gives each client the sheet row of its first row', () => {
    expect(r.clients.map((x) => x.firstRow)).toEqual([5, 4, 8, 2, 7]);
  });

  it('segmentClients(TABLE1) finds first and last purchases (a serial date included)', () => {
    expect(c('Alpha').firstPurchase).toBe(day(2023, 7, 1));
    expect(c('Alpha').lastPurchase).toBe(day(2024, 6, 30));
    expect(c('Gamma').firstPurchase).toBe(day(2023, 5, 15));
    expect(c('Gamma').lastPurchase).toBe(day(2023, 6, 10));
  });

  it('segmentClients(TABLE1) gives recency in whole days to asOf', () => {
    expect(r.clients.map((x) => x.recencyDays)).toEqual([41, 0, 0, 386, 193]);
  });

  it('segmentClients(TABLE1) gives revenue shares of the positive total 7900', () => {
    const shares = r.clients.map((x) => x.revenueShare);
    [3500, 3000, 600, 500, 300].forEach((rev, i) => expect(shares[i]).toBeCloseTo(rev / 7900, 12));
  });

  it('segmentClients(TABLE1) gives average check = revenue / orders', () => {
    expect(r.clients.map((x) => x.averageCheck)).toEqual([1750, 1000, 300, 250, 300]);
  });

  it('segmentClients(TABLE1) gives margin = profit / revenue', () => {
    const m = r.clients.map((x) => x.margin!);
    [-200 / 3500, 0.3, 0.2, 0.2, 0.2].forEach((v, i) => expect(m[i]).toBeCloseTo(v, 12));
  });

  it('segmentClients(TABLE1) classes the basis on revenue: A A B B C', () => {
    expect(r.clients.map((x) => x.abcBasis)).toEqual(['A', 'A', 'B', 'B', 'C']);
  });

  it('segmentClients(TABLE1) puts the negative-profit client Beta in D whatever its revenue', () => {
    expect(r.clients.map((x) => x.abc)).toEqual(['D', 'A', 'B', 'B', 'C']);
  });

  it('segmentClients(TABLE1) classes ABC by profit: Beta D, Alpha A, the rest B', () => {
    expect(r.clients.map((x) => x.abcProfit)).toEqual(['D', 'A', 'B', 'B', 'B']);
  });

  it('segmentClients(TABLE1) uses T = 14 monthly periods from 2023-05 to 2024-06', () => {
    expect(r.periods?.count).toBe(14);
  });

  it('segmentClients(TABLE1) computes each CV over 14 months by hand', () => {
    const expected: Record<string, number> = {
      Beta: Math.sqrt(43 / 7),
      Alpha: Math.sqrt(11 / 3),
      Delta: Math.sqrt(223) / 6,
      Gamma: Math.sqrt(19.72),
      Epsilon: Math.sqrt(13),
    };
    for (const x of r.clients) expect(x.cv).toBeCloseTo(expected[x.client], 10);
  });

  it('segmentClients(TABLE1) puts every client in Z', () => {
    expect(r.clients.map((x) => x.xyz)).toEqual(['Z', 'Z', 'Z', 'Z', 'Z']);
  });

  it('segmentClients(TABLE1) gives coverage = months with revenue > 0 / 14 (Gamma\'s return month does not count)', () => {
    expect(r.clients.map((x) => x.coverage)).toEqual([2 / 14, 3 / 14, 2 / 14, 1 / 14, 1 / 14]);
  });

  it('segmentClients(TABLE1) joins the main class and XYZ: DZ AZ BZ BZ CZ', () => {
    expect(r.clients.map((x) => x.abcXyz)).toEqual(['DZ', 'AZ', 'BZ', 'BZ', 'CZ']);
  });

  it('segmentClients(TABLE1) scores R, F, M by the ties-aware rule', () => {
    expect(r.clients.map((x) => [x.r, x.f, x.m])).toEqual([[3, 2, 5], [4, 5, 4], [4, 2, 3], [1, 2, 2], [2, 1, 1]]);
  });

  it('segmentClients(TABLE1) gives RFM codes 325 454 423 122 211', () => {
    expect(r.clients.map((x) => x.rfm)).toEqual([325, 454, 423, 122, 211]);
  });

  it('segmentClients(TABLE1) gives the RFM segments of the first matching row', () => {
    expect(r.clients.map((x) => x.rfmSegment)).toEqual(['potential_loyalists', 'champions', 'potential_loyalists', 'hibernating', 'about_to_sleep']);
  });

  it('segmentClients(TABLE1) gives lifecycle stages: active active new lost at_risk', () => {
    expect(r.clients.map((x) => x.lifecycle)).toEqual(['active', 'active', 'new', 'lost', 'at_risk']);
  });

  it('segmentClients(TABLE1) gives quadrants on profit against the median 100: I III IV IV I', () => {
    expect(r.summary.quadrantMedian).toBe(100);
    expect(r.clients.map((x) => x.quadrant)).toEqual(['I', 'III', 'IV', 'IV', 'I']);
  });

  it('segmentClients(TABLE1) marks only Alpha (A, not lost) as a key client', () => {
    expect(r.clients.filter((x) => x.keyClient).map((x) => x.client)).toEqual(['Alpha']);
  });

  it('segmentClients(TABLE1).summary counts classes with their revenue and profit', () => {
    expect(r.summary.abc).toEqual({
      A: { clients: 1, revenue: 3000, profit: 900 },
      B: { clients: 2, revenue: 1100, profit: 220 },
      C: { clients: 1, revenue: 300, profit: 60 },
      D: { clients: 1, revenue: 3500, profit: -200 },
    });
  });

  it('segmentClients(TABLE1).summary.pareto: 20 % of clients in A hold 3000/7900, the top client 3500/7900', () => {
    const p = r.summary.pareto;
    expect(p.aClientShare).toBeCloseTo(0.2, 12);
    expect(p.aRevenueShare).toBeCloseTo(3000 / 7900, 12);
    expect(p.topCount).toBe(1);
    expect(p.topRevenueShare).toBeCloseTo(3500 / 7900, 12);
    expect(p.verdict).toBe('healthy');
  });

  it('segmentClients(TABLE1).summary.churn is 1 / 1: Gamma is the only client that bought before the lost limit', () => {
    expect(r.summary.churnBase).toBe(1);
    expect(r.summary.churn).toBe(1);
  });

  it('segmentClients(TABLE1) warns of group D and of XYZ in one class', () => {
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('groupD');
    expect(codes).toContain('xyzOneClass');
  });

  it('segmentClients(TABLE1) reports no skipped rows', () => {
    expect(r.skippedCount).toBe(0);
    expect(r.validRows).toBe(11);
  });
});

/*
 * TABLE 2: no order column, no profit column, dd.mm.yyyy dates, settings newDays = 80.
 *
 * sheet row  Client     Date         Sales
 *  2         Kappa      10.01.2024   100
 *  3         " kappa"   10.01.2024    50   same day as row 2: one purchase
 *  4         Lambda     15.01.2024   100
 *  5         Nu         02.01.2024    20
 *  6         Kappa      12.02.2024   150
 *  7         Lambda     14.02.2024   150
 *  8         Mu         20.02.2024   820
 *  9         Kappa      05.03.2024   150
 * 10         Lambda     25.03.2024   125
 * 11         Mu         31.03.2024    80
 *
 * asOf = 2024-03-31; T = 3 months (Jan, Feb, Mar). Total revenue 1745.
 *          revenue orders first       last        recency sinceFirst series          cv                    xyz
 * Mu       900     2      2024-02-20  2024-03-31  0       40         [0, 820, 80]    sqrt(1022/675)=1.2305 Z
 * Kappa    450     3      2024-01-10  2024-03-05  26      81         [150, 150, 150] 0                     X
 * Lambda   375     3      2024-01-15  2024-03-25  6       76         [100, 150, 125] sqrt(2/75)=0.1633     Y
 * Nu        20     1      2024-01-02  2024-01-02  89      89         [20, 0, 0]      sqrt(2)               Z
 * ABC: before = 0, 900/1745 = .516, 1350/1745 = .774, 1725/1745 = .989 -> A A B C.
 * RFM n = 4, score = min(5, 1 + floor(5 L / 3)):
 *   R: Nu 1, Kappa 2, Lambda 4, Mu 5. F: Nu 1, Mu 2, Kappa and Lambda (L2) 4. M: Nu 1, Lambda 2, Kappa 4, Mu 5.
 *   Mu 525 potential_loyalists; Kappa 244 at_risk; Lambda 442 low_value_regulars; Nu 111 hibernating.
 * Lifecycle with newDays 80: Mu new (40), Kappa active (81), Lambda new (76), Nu active (89).
 * Quadrants on revenue, median (375 + 450) / 2 = 412.5: Mu R5 F2 low loyalty, high -> IV;
 *   Kappa R2, high -> IV; Lambda R4 F4 loyal, low -> II; Nu I.
 * keyClient: Mu and Kappa (A, not lost).
 */

describe('segmentClients(TABLE2) without order and profit columns', () => {
  const r = segmentClients(deepFreeze(TABLE2.map((row) => [...row])), { settings: { lifecycle: { newDays: 80 } } });

  it('segmentClients(TABLE2) lists Mu, Kappa, Lambda, Nu by revenue', () => {
    expect(r.clients.map((x) => [x.client, x.revenue])).toEqual([['Mu', 900], ['Kappa', 450], ['Lambda', 375], ['Nu', 20]]);
  });

  it('segmentClients(TABLE2) counts distinct dates as orders (two rows of one day are one purchase)', () => {
    expect(r.clients.map((x) => x.orders)).toEqual([2, 3, 3, 1]);
  });

  it('segmentClients(TABLE2) has no profit, margin or ABC by profit', () => {
    expect(r.clients.map((x) => [x.profit, x.margin, x.abcProfit])).toEqual([
      [null, null, null], [null, null, null], [null, null, null], [null, null, null],
    ]);
  });

  it('segmentClients(TABLE2) reads dd.mm.yyyy dates: recency 0, 26, 6, 89', () => {
    expect(r.asOf).toBe(day(2024, 3, 31));
    expect(r.clients.map((x) => x.recencyDays)).toEqual([0, 26, 6, 89]);
  });

  it('segmentClients(TABLE2) classes ABC A A B C', () => {
    expect(r.clients.map((x) => x.abc)).toEqual(['A', 'A', 'B', 'C']);
  });

  it('segmentClients(TABLE2) computes CVs over 3 months by hand', () => {
    const cvs = r.clients.map((x) => x.cv!);
    [Math.sqrt(1022 / 675), 0, Math.sqrt(2 / 75), Math.sqrt(2)].forEach((v, i) => expect(cvs[i]).toBeCloseTo(v, 10));
  });

  it('segmentClients(TABLE2) classes XYZ Z X Y Z and ABC-XYZ AZ AX BY CZ', () => {
    expect(r.clients.map((x) => x.xyz)).toEqual(['Z', 'X', 'Y', 'Z']);
    expect(r.clients.map((x) => x.abcXyz)).toEqual(['AZ', 'AX', 'BY', 'CZ']);
  });

  it('segmentClients(TABLE2) gives RFM codes 525 244 442 111', () => {
    expect(r.clients.map((x) => x.rfm)).toEqual([525, 244, 442, 111]);
  });

  it('segmentClients(TABLE2) gives RFM segments potential_loyalists at_risk low_value_regulars hibernating', () => {
    expect(r.clients.map((x) => x.rfmSegment)).toEqual(['potential_loyalists', 'at_risk', 'low_value_regulars', 'hibernating']);
  });

  it('segmentClients(TABLE2, { newDays: 80 }) gives lifecycle new active new active', () => {
    expect(r.clients.map((x) => x.lifecycle)).toEqual(['new', 'active', 'new', 'active']);
  });

  it('segmentClients(TABLE2) puts quadrants on revenue against the median 412.5: IV IV II I', () => {
    expect(r.summary.quadrantMedian).toBe(412.5);
    expect(r.clients.map((x) => x.quadrant)).toEqual(['IV', 'IV', 'II', 'I']);
  });

  it('segmentClients(TABLE2) marks Mu and Kappa as key clients', () => {
    expect(r.clients.map((x) => x.keyClient)).toEqual([true, true, false, false]);
  });
});

describe('segmentClients(cells) without a date column', () => {
  const r = segmentClients([['Client', 'Amount'], ['A', 100], ['A', 50], ['B', 30]]);

  it('segmentClients(no dates) counts rows as orders', () => {
    expect(r.clients.map((x) => x.orders)).toEqual([2, 1]);
  });

  it('segmentClients(no dates) leaves XYZ, RFM and lifecycle empty and warns', () => {
    expect(r.clients[0]).toMatchObject({ xyz: null, rfm: null, lifecycle: null, quadrant: null, recencyDays: null });
    expect(r.warnings.map((w) => w.code)).toContain('noDates');
  });

  it('segmentClients(no dates) makes any client of class A a key client', () => {
    expect(r.clients.map((x) => x.keyClient)).toEqual([true, false]);
  });
});

describe('segmentClients(TABLE1, { settings: { asOf } })', () => {
  it('segmentClients(TABLE1, { asOf: "2024-12-31" }) measures recency from the given date', () => {
    // Alpha's last purchase 2024-06-30 -> 184 days -> at_risk
    const r = segmentClients(TABLE1, { settings: { asOf: '2024-12-31' } });
    expect(r.asOf).toBe(day(2024, 12, 31));
    expect(byName(r, 'Alpha').recencyDays).toBe(184);
    expect(byName(r, 'Alpha').lifecycle).toBe('at_risk');
  });

  it('segmentClients(TABLE1, { asOf: "2024-05-31" }) leaves out the two rows dated after it, with a warning', () => {
    const r = segmentClients(TABLE1, { settings: { asOf: '2024-05-31' } });
    expect(r.warnings).toContainEqual({ code: 'rowsAfterAsOf', params: { rows: 2, asOf: '2024-05-31' } });
  });

  it('segmentClients(TABLE1, { asOf: "2024-05-31" }) computes facts without the later rows', () => {
    // Alpha loses row 11 (1000); Delta loses row 12 (250); Beta's recency = 2024-05-31 - 2024-05-20 = 11
    const r = segmentClients(TABLE1, { settings: { asOf: '2024-05-31' } });
    expect(byName(r, 'Alpha').revenue).toBe(2000);
    expect(byName(r, 'Delta').revenue).toBe(350);
    expect(byName(r, 'Beta').recencyDays).toBe(11);
  });

  it('segmentClients(TABLE1, { asOf: "2023-12-31" }) drops Delta, whose rows are all later', () => {
    const r = segmentClients(TABLE1, { settings: { asOf: '2023-12-31' } });
    expect(r.clients.map((x) => x.client).sort()).toEqual(['Alpha', 'Beta', 'Epsilon', 'Gamma']);
  });

  it('segmentClients(TABLE1, { asOf: "2023-12-31" }) does not count the left-out rows as skipped', () => {
    const r = segmentClients(TABLE1, { settings: { asOf: '2023-12-31' } });
    expect(r.skippedCount).toBe(0);
  });
});

describe('segmentClients(cells) with bad rows', () => {
  const cells: Cell[][] = [
    ['Client', 'Date', 'Amount'],
    ['A', '2024-01-10', 100],
    ['B', '2024-02-10', 'n/a'],
    ['', '', ''],
    ['C', '31.02.2024', 10],
    ['A', '2024-03-10', 50],
  ];
  const r = segmentClients(cells, { firstRow: 3 });

  it('segmentClients(cells, { firstRow: 3 }) reports bad rows by sheet row number', () => {
    expect(r.skipped.map((s) => s.row)).toEqual([5, 7]);
  });

  it('segmentClients(cells) warns of skipped rows first', () => {
    expect(r.warnings[0]).toEqual({ code: 'skippedRows', params: { rows: 2 } });
  });

  it('segmentClients(cells) counts the blank row as empty, not skipped', () => {
    expect(r.emptyRows).toBe(1);
  });

  it('segmentClients(every row bad) is an error', () => {
    expect(() => segmentClients([['Client', 'Amount'], ['A', 'x']])).toThrow();
  });
});

describe('segmentClients(cells) determinism', () => {
  it('segmentClients(TABLE1) twice gives deep-equal results', () => {
    expect(segmentClients(TABLE1)).toEqual(segmentClients(TABLE1));
  });

  it('segmentClients(ties) breaks equal revenue by name', () => {
    const r = segmentClients([['Client', 'Amount'], ['Zeta', 100], ['eta', 100], ['Beta', 100], ['Alpha', 300]]);
    expect(r.clients.map((x) => x.client)).toEqual(['Alpha', 'Beta', 'eta', 'Zeta']);
  });

  it('segmentClients(rows in another order) gives the same clients in the same order', () => {
    const reversed = [TABLE1[0], ...TABLE1.slice(1).reverse()];
    const a = toJson(segmentClients(TABLE1)).clients.map((x) => ({ ...x, client: x.client.toLowerCase() }));
    const b = toJson(segmentClients(reversed)).clients.map((x) => ({ ...x, client: x.client.toLowerCase() }));
    expect(b).toEqual(a);
  });

  it('segmentClients(cells) does not mutate its input', () => {
    const frozen = deepFreeze(TABLE1.map((row) => [...row]));
    segmentClients(frozen);
    expect(frozen).toEqual(TABLE1);
  });
});

describe('segmentClients(cells, settings) errors', () => {
  it('segmentClients(no profit column, { basis: "profit" }) is an error', () => {
    expect(kcError(() => segmentClients(TABLE2, { settings: { abc: { basis: 'profit' } } })).code).toBe('#N/A');
  });

  it('segmentClients(cells, { rfm: { bins: 12 } }) is a #NUM! error', () => {
    expect(kcError(() => segmentClients(TABLE2, { settings: { rfm: { bins: 12 } } })).code).toBe('#NUM!');
  });
});

describe('segmentClients(TABLE1, settings) with other ABC settings', () => {
  it('segmentClients(TABLE1, { abc: { method: "average" } }) uses P = 7900 / 5 = 1580: nobody reaches 6P = 9480', () => {
    // C up to P/2 = 790: Delta 600, Gamma 500, Epsilon 300; Beta 3500 and Alpha 3000 are B; Beta's profit < 0 -> D
    const r = segmentClients(TABLE1, { settings: { abc: { method: 'average' } } });
    expect(r.summary.abcAverage).toBe(1580);
    expect(r.clients.map((x) => x.abcBasis)).toEqual(['B', 'B', 'C', 'C', 'C']);
    expect(r.clients.map((x) => x.abc)).toEqual(['D', 'B', 'C', 'C', 'C']);
  });

  it('segmentClients(TABLE1, { abc: { method: "average" } }) classes profit on its own average P = 980 / 5 = 196', () => {
    // A from 1176: none; C up to 98: Epsilon 60; Beta -200 D; Alpha 900, Delta 120, Gamma 100 B
    const r = segmentClients(TABLE1, { settings: { abc: { method: 'average' } } });
    expect(r.clients.map((x) => x.abcProfit)).toEqual(['D', 'B', 'B', 'B', 'C']);
  });

  it('segmentClients(TABLE1, { abc: { basis: "orders" } }) classes on orders 2, 3, 2, 2, 1 (total 10)', () => {
    // sorted 3, 2, 2, 2, 1: before(3) = 0 -> A; before(2) = 3/10 -> A for all three tied; before(1) = 9/10 -> B
    const r = segmentClients(TABLE1, { settings: { abc: { basis: 'orders' } } });
    expect(r.clients.map((x) => x.abcBasis)).toEqual(['A', 'A', 'A', 'A', 'B']);
  });
});

describe('segmentClients(cells) small and degenerate tables', () => {
  it('segmentClients(one client) scores R, F, M at bins: 555 champions', () => {
    const r = segmentClients([['Client', 'Date', 'Amount'], ['Solo', '2024-01-10', 10], ['Solo', '2024-03-10', 10]]);
    expect(r.clients[0]).toMatchObject({ r: 5, f: 5, m: 5, rfm: 555, rfmSegment: 'champions' });
  });

  it('segmentClients(dates in one month) leaves XYZ empty with a warning and computes the rest', () => {
    const r = segmentClients([['Client', 'Date', 'Amount'], ['A', '2024-01-10', 10], ['B', '2024-01-20', 5]]);
    expect(r.clients.map((x) => x.xyz)).toEqual([null, null]);
    expect(r.warnings.map((w) => w.code)).toContain('xyzOnePeriod');
    // A: earlier (R 1), one order like B (F 1), more revenue (M 5) -> 115; B: R 5, F 1, M 1 -> 511
    expect(r.clients.map((x) => x.rfm)).toEqual([115, 511]);
  });

  it('segmentClients(blank order numbers) counts the date of a row without an order number as its purchase', () => {
    // A: O1 on 01-10; blank on 02-10 twice -> 2 purchases
    const r = segmentClients([
      ['Client', 'Order', 'Date', 'Amount'],
      ['A', 'O1', '2024-01-10', 10],
      ['A', '', '2024-02-10', 10],
      ['A', '', '2024-02-10', 10],
    ]);
    expect(r.clients[0].orders).toBe(2);
  });

  it('segmentClients(weeks) uses ISO weeks as XYZ periods', () => {
    // Monday 2024-12-30 and Sunday 2025-01-05 are one ISO week; Monday 2025-01-06 the next: T = 2
    const r = segmentClients(
      [['Client', 'Date', 'Amount'], ['A', '2024-12-30', 10], ['A', '2025-01-05', 10], ['A', '2025-01-06', 20]],
      { settings: { xyz: { period: 'week' } } },
    );
    expect(r.periods?.count).toBe(2);
    expect(r.clients[0]).toMatchObject({ xyz: 'X', cv: 0 });
  });
});
