/**
 * Issue 11: the LTV custom functions as Excel calls them (./excel.ts `invoke`: arguments as JSON, a
 * fresh copy per call), on the published CDNOW benchmark (test/data/cdnow, Fader, Hardie and Lee
 * 2005) and against the independent values of test/data/ltv/expected.json (mpmath evaluation of the
 * published formulas, test/independent/ltv_check.py).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ltvModel, ltvSummary as coreSummary, type LtvSummary } from '../../src/core';
import { bgnbdFit, clv, expectedPurchases, expectedValue, ggFit, ltvSummary, pAlive } from '../../src/functions/functions';
import { ltvFits } from '../../src/functions/adapters';
import { cdnowSummary, cdnowSummaryRows, edges, expected, printed2, relativeError, sig3 } from '../core/ltv-data';
import { column, installCustomFunctions, invoke, messageAt } from './excel';

beforeAll(installCustomFunctions);
beforeEach(() => ltvFits.clear());

/** Excel's serial date of a calendar date (1900 system, after 1900-03-01). */
const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
const AS_OF = serial(1997, 9, 30);

/** CDNOW_sample.txt as the three columns a sheet holds: client id, date (Excel serial), amount. */
function cdnowSheet(): { clients: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const lines = fs.readFileSync(path.resolve(__dirname, '..', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const clients: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (const line of lines) {
    const [, id, date, , value] = line.trim().split(/\s+/);
    clients.push([Number(id)]);
    dates.push([serial(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)))]);
    amounts.push([Number(value)]);
  }
  return { clients, dates, amounts };
}

/** The published summary's columns as ranges. */
function summaryRanges(): { x: number[][]; tx: number[][]; T: number[][]; zbar: number[][] } {
  const s = cdnowSummary();
  return { x: column(...s.x) as number[][], tx: column(...s.tx) as number[][], T: column(...s.T) as number[][], zbar: column(...s.zbar) as number[][] };
}

/** A label / value spill as a record. */
function record(shown: unknown): Record<string, number> {
  return Object.fromEntries(shown as [string, number][]);
}

const PUBLISHED_BG = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
const PUBLISHED_GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const bgRows = (p: Record<string, number>) => Object.entries(p);

describe('=KC.LTV_SUMMARY(clients, dates, amounts, as_of) on CDNOW', () => {
  const sheet = cdnowSheet();
  const out = invoke(ltvSummary, sheet.clients, sheet.dates, sheet.amounts, AS_OF).shown as unknown[][];

  it('gives one row per customer, 2,357, in the order of their first row, named by their id as a number', () => {
    expect(out).toHaveLength(2357);
    expect(out.map((row) => row[0])).toEqual(Array.from({ length: 2357 }, (_, i) => i + 1));
  });

  it('reproduces the published summary file for every customer, as the file prints it (2 decimals)', () => {
    const printed = out.map((row) => ({ x: String(row[1]), tx: printed2(row[2] as number), T: printed2(row[3] as number), zbar: printed2(row[4] as number) }));
    expect(printed).toEqual(cdnowSummaryRows().map((r) => r.printed));
  });

  it('leaves out the rows after as_of, and takes the latest date as as_of when it is omitted', () => {
    // customer 1 bought on 1997-01-01, -01-18, -08-02, -12-12: up to 1997-09-30, x = 2; up to the last date (1998-06-30 in the file), x = 3
    const all = invoke(ltvSummary, sheet.clients, sheet.dates, sheet.amounts).shown as unknown[][];
    expect(out[0][1]).toBe(2);
    expect(all[0][1]).toBe(3);
  });

  it('counts a distinct order as a purchase when orders are given: two orders on one day are two purchases', () => {
    const shown = invoke(ltvSummary, column('Acme', 'acme ', 'Acme'), column(45000, 45000, 45007), column(10, 20, 30), 45014, column('o1', 'o2', 'o3')).shown;
    // purchases 10 (first, day 0), 20 (day 0), 30 (day 7): x = 2, t_x = 1 week, T = 2 weeks, zbar = (20 + 30) / 2
    expect(shown).toEqual([['Acme', 2, 1, 2, 25]]);
    // without orders the two rows of day 45000 are one purchase of 30: x = 1, zbar = 30
    expect(invoke(ltvSummary, column('Acme', 'acme ', 'Acme'), column(45000, 45000, 45007), column(10, 20, 30), 45014).shown).toEqual([['Acme', 1, 1, 2, 30]]);
  });

  it('reads a header row, text dates and numbers written as text, as the rest of the add-in does', () => {
    const shown = invoke(ltvSummary, column('Client', 'Acme', 'Acme'), column('Date', '01.03.2024', '2024-03-15'), column('Sales', '1 000,50', '200'), '2024-03-29').shown;
    expect(shown).toEqual([['Acme', 1, 2, 4, 200]]);
  });

  it('gives a client without a purchase up to as_of its name and blanks', () => {
    expect(invoke(ltvSummary, column('Acme', 'Bolt'), column(45000, 45100), column(10, 20), 45050).shown).toEqual([
      ['Acme', 0, 0, 50 / 7, 0],
      ['Bolt', '', '', '', ''],
    ]);
  });

  it('is one #VALUE! naming the first row that is no sale, with the count of the others', () => {
    const { shown, result } = invoke(ltvSummary, column('Acme', 'Bolt', 'Core'), column(45000, 'soon', 45001), column(10, 20, 'n/a'));
    expect(shown).toBe('#VALUE!');
    expect((result as { message: string }).message).toMatch(/row 2: date 'soon' is not a date \(and 1 more row\)/);
  });

  it('is one #VALUE! when the ranges differ in size', () => {
    expect(invoke(ltvSummary, column('Acme', 'Bolt'), column(45000), column(10, 20)).shown).toBe('#VALUE!');
  });
});

describe('=KC.BGNBD_FIT(x, t_x, T) and =KC.GG_FIT(x, zbar) on CDNOW', () => {
  const s = summaryRanges();

  it('BGNBD_FIT spills six label / value rows: r, alpha, a, b, log_likelihood, clients', () => {
    const shown = invoke(bgnbdFit, s.x, s.tx, s.T).shown as unknown[][];
    expect(shown.map((row) => row[0])).toEqual(['r', 'alpha', 'a', 'b', 'log_likelihood', 'clients']);
    expect(shown.every((row) => row.length === 2 && typeof row[1] === 'number')).toBe(true);
  });

  it('BGNBD_FIT gives the published r = 0.2426, alpha = 4.414, a = 0.7929, b = 2.426 and LL -9582.43 to 3 significant digits', () => {
    const fit = record(invoke(bgnbdFit, s.x, s.tx, s.T).shown);
    expect({ r: sig3(fit.r), alpha: sig3(fit.alpha), a: sig3(fit.a), b: sig3(fit.b) }).toEqual({ r: 0.243, alpha: 4.41, a: 0.793, b: 2.43 });
    expect(fit.log_likelihood).toBeCloseTo(-9582.43, 2);
    expect(fit.clients).toBe(2357);
  });

  it('BGNBD_FIT on LTV_SUMMARY\'s unrounded columns gives the same parameters to 3 significant digits', () => {
    const sheet = cdnowSheet();
    const sum = invoke(ltvSummary, sheet.clients, sheet.dates, sheet.amounts, AS_OF).shown as number[][];
    const col = (j: number) => sum.map((row) => [row[j]]);
    const fit = record(invoke(bgnbdFit, col(1), col(2), col(3)).shown);
    expect({ r: sig3(fit.r), alpha: sig3(fit.alpha), a: sig3(fit.a), b: sig3(fit.b) }).toEqual({ r: 0.243, alpha: 4.41, a: 0.793, b: 2.43 });
  });

  it('GG_FIT gives the published p = 6.25, q = 3.74, gamma = 15.44 over the 946 repeat buyers', () => {
    const fit = record(invoke(ggFit, s.x, s.zbar).shown);
    expect({ p: sig3(fit.p), q: sig3(fit.q) }).toEqual({ p: 6.25, q: 3.74 });
    expect(fit.gamma).toBeCloseTo(15.44, 1);
    expect(fit.clients).toBe(946);
  });

  it('takes a header row in the ranges', () => {
    const fit = record(invoke(bgnbdFit, [['x'], ...s.x], [['t_x'], ...s.tx], [['T'], ...s.T]).shown);
    expect(sig3(fit.r)).toBe(0.243);
  });

  it('is #N/A with too few repeat buyers (19 of the 20 needed)', () => {
    const x = column(...Array(19).fill(1), ...Array(30).fill(0));
    const t = column(...Array(49).fill(1));
    const T = column(...Array(49).fill(5));
    const { shown, result } = invoke(bgnbdFit, x, t, T);
    expect(shown).toBe('#N/A');
    expect((result as { message: string }).message).toMatch(/too few repeat buyers to fit BG\/NBD: 19 of the 20 needed/);
  });

  it('is one #VALUE! naming the first bad client: t_x above T in row 3', () => {
    const { shown, result } = invoke(bgnbdFit, column(1, 2, 3), column(1, 2, 9), column(5, 5, 5));
    expect(shown).toBe('#VALUE!');
    expect((result as { message: string }).message).toMatch(/^row 3: t_x 9 is above T 5/);
  });

  it('fits once for a filled-down P_ALIVE with the fit inside it (content-keyed cache)', () => {
    for (let i = 0; i < 50; i++) invoke(pAlive, [s.x[i]], [s.tx[i]], [s.T[i]], invoke(bgnbdFit, s.x, s.tx, s.T).result);
    expect(ltvFits.stats).toEqual({ builds: 1, hits: 49 });
  });
});

describe('=KC.P_ALIVE, EXPECTED_PURCHASES, EXPECTED_VALUE and CLV against the independent values', () => {
  const want = expected();
  const months = (t: number) => Math.round(t / (365.25 / 12 / 7));
  const monthly = want.bgnbd.filter((e) => e.t > 0 && Math.abs(months(e.t) * (365.25 / 12 / 7) - e.t) < 1e-9);

  // one case per distinct history and parameters (the file repeats them for several horizons)
  const histories = [...new Map(want.bgnbd.map((e) => [JSON.stringify([e.x, e.tx, e.T, e.params]), e])).values()];

  it.each(histories.map((e) => [e.x, e.tx, e.T, e.params.r, e]))('P_ALIVE(%d, %d, %d, params with r %d) is the paper\'s P(alive) to 1e-12', (_x, _t, _T, _r, e) => {
    const v = invoke(pAlive, [[e.x]], [[e.tx]], [[e.T]], bgRows(e.params)).shown as number[][];
    expect(relativeError(v[0][0], e.pAlive)).toBeLessThan(1e-12);
  });

  it.each(monthly.map((e) => [months(e.t), e.x, e.tx, e.T, e]))('EXPECTED_PURCHASES(x, t_x, T, params, %d) is equation 10 to 1e-9 (x %d, t_x %d, T %d)', (m, _x, _t, _T, e) => {
    const v = invoke(expectedPurchases, [[e.x]], [[e.tx]], [[e.T]], bgRows(e.params), m).shown as number[][];
    expect(relativeError(v[0][0], e.expected)).toBeLessThan(1e-9);
  });

  it.each(want.expectedValue.map((e) => [e.x, e.zbar, e]))('EXPECTED_VALUE(%d, %d, params) is the Gamma-Gamma mean to 1e-12', (_x, _z, e) => {
    const v = invoke(expectedValue, [[e.x]], [[e.zbar]], Object.entries(e.params)).shown as number[][];
    expect(relativeError(v[0][0], e.value)).toBeLessThan(1e-12);
  });

  it.each(want.clv.map((e) => [e.margin, e.months, e.discount, e]))('CLV with margin %d, %d months, discount %d is the discounted sum to 1e-9', (_m, _n, _d, e) => {
    const v = invoke(clv, [[e.x]], [[e.tx]], [[e.T]], [[e.zbar]], bgRows(e.bg), Object.entries(e.gg), [[e.margin]], e.months, e.discount).shown as number[][];
    expect(relativeError(v[0][0], e.clv)).toBeLessThan(1e-9);
  });

  it('reads the parameters as four plain numbers in order too (r, alpha, a, b in a row)', () => {
    const e = want.bgnbd[0];
    const v = invoke(pAlive, [[e.x]], [[e.tx]], [[e.T]], [[e.params.r, e.params.alpha, e.params.a, e.params.b]]).shown as number[][];
    expect(relativeError(v[0][0], e.pAlive)).toBeLessThan(1e-12);
  });

  it('P_ALIVE is 1 for a client without repeat purchases', () => {
    expect(invoke(pAlive, column(0, 0), column(0, 0), column(3, 40), bgRows(PUBLISHED_BG)).shown).toEqual(column(1, 1));
  });

  it('EXPECTED_PURCHASES grows with the horizon: 1, 12 and 120 months', () => {
    const at = (m: number) => (invoke(expectedPurchases, [[2]], [[30.43]], [[38.86]], bgRows(PUBLISHED_BG), m).shown as number[][])[0][0];
    expect(at(1)).toBeGreaterThan(0);
    expect(at(12)).toBeGreaterThan(at(1));
    expect(at(120)).toBeGreaterThan(at(12));
  });

  it('CLV with margin 0 is 0, and a margin of 30 or "30%" is 0.30', () => {
    const call = (margin: unknown) => (invoke(clv, [[2]], [[30.43]], [[38.86]], [[22.35]], bgRows(PUBLISHED_BG), bgRows(PUBLISHED_GG), margin).shown as number[][])[0][0];
    expect(call([[0]])).toBe(0);
    const e = want.clv.find((c) => c.margin === 0.3 && c.months === 12 && c.discount === 0.1);
    expect(e).toBeDefined();
    expect(relativeError(call([[30]]), (e as { clv: number }).clv)).toBeLessThan(1e-9);
    expect(relativeError(call([['30%']]), (e as { clv: number }).clv)).toBeLessThan(1e-9);
  });

  it('gives a blank for a blank client, #N/A for a partly blank one and #VALUE! for a bad one, in their own cells', () => {
    const call = invoke(pAlive, column(2, '', 1, 'two'), column(30.43, '', '', 1), column(38.86, null, 5, 5), bgRows(PUBLISHED_BG));
    const out = call.result as unknown[][];
    const shown = call.shown as unknown[][];
    expect(shown.map((r) => r[0])).toEqual([expect.any(Number), '', '#N/A', '#VALUE!']);
    expect(messageAt(out, 2)).toMatch(/t_x is blank: give x, t_x, T of a client, or none/);
    expect(messageAt(out, 3)).toMatch(/x 'two' is not a number/);
  });

  it('EXPECTED_VALUE and CLV are #N/A for a client whose repeat purchases are worth 0 or less, saying why', () => {
    const { result } = invoke(expectedValue, column(2), column(-5), bgRows(PUBLISHED_GG));
    expect(messageAt(result as unknown[][], 0)).toMatch(/worth 0 or less/);
  });

  it('is #N/A with the message when the parameters are missing', () => {
    const { shown, result } = invoke(pAlive, [[1]], [[1]], [[2]], null);
    expect(shown).toBe('#N/A');
    expect((result as { message: string }).message).toMatch(/bgnbd_params is missing: give the range BGNBD_FIT spilled/);
  });
});

describe('the functions give the numbers of the Clients table (the engine\'s ltvModel) on CDNOW', () => {
  it('LTV_SUMMARY, BGNBD_FIT, GG_FIT, P_ALIVE, EXPECTED_PURCHASES and CLV chained equal ltvModel for all 2,357 clients', () => {
    const sheet = cdnowSheet();
    const sum = invoke(ltvSummary, sheet.clients, sheet.dates, sheet.amounts, AS_OF).shown as number[][];
    const col = (j: number) => sum.map((row) => [row[j]]);
    const bg = invoke(bgnbdFit, col(1), col(2), col(3)).shown;
    const gg = invoke(ggFit, col(1), col(4)).shown;
    const alive = (invoke(pAlive, col(1), col(2), col(3), bg).shown as number[][]).map((r) => r[0]);
    const buys = (invoke(expectedPurchases, col(1), col(2), col(3), bg).shown as number[][]).map((r) => r[0]);
    const value = (invoke(clv, col(1), col(2), col(3), col(4), bg, gg).shown as number[][]).map((r) => r[0]);
    // the engine's path: the summary of the rows, both fits and the predictions in one call
    const rows = cdnowSheet();
    const summary: LtvSummary = coreSummary(
      { client: Int32Array.from(rows.clients, (r) => (r[0] as number) - 1), day: Float64Array.from(rows.dates, (r) => (r[0] as number) - 25_569), amount: Float64Array.from(rows.amounts, (r) => r[0] as number) },
      AS_OF - 25_569,
    );
    const model = ltvModel(summary, null);
    const worst = (a: number[], b: (number | null)[]) => Math.max(...a.map((v, i) => relativeError(v, b[i] as number)));
    expect(worst(alive, model.pAlive)).toBeLessThan(1e-9);
    expect(worst(buys, model.expectedPurchases)).toBeLessThan(1e-9);
    expect(worst(value, model.clv)).toBeLessThan(1e-9);
  });
});

describe('the fits at the edges of the parameter space (docs/methods.md "Edges of the parameter space")', () => {
  const e = edges();
  const h = e.noDropout.data;
  const b = e.sameMeanValue.data;
  const bgSpill = () => invoke(bgnbdFit, column(...h.x), column(...h.tx), column(...h.T));
  const ggSpill = () => invoke(ggFit, column(...b.x), column(...b.zbar));

  it('BGNBD_FIT on clients who never leave spills a = 0 and b blank, with r and alpha of scipy\'s NBD fit', () => {
    const fit = bgSpill().shown as unknown[][];
    expect(fit.map((row) => row[0])).toEqual(['r', 'alpha', 'a', 'b', 'log_likelihood', 'clients']);
    expect([fit[2][1], fit[3][1], relativeError(fit[0][1] as number, e.noDropout.nbd.r) < 1e-6]).toEqual([0, '', true]);
  });

  it('P_ALIVE with that spill is 1 for every client, and EXPECTED_PURCHASES the NBD model\'s (r + x) t / (alpha + T)', () => {
    const spill = bgSpill().result;
    const rec = record(bgSpill().shown);
    const n = 20;
    const alive = invoke(pAlive, column(...h.x.slice(0, n)), column(...h.tx.slice(0, n)), column(...h.T.slice(0, n)), spill).shown as number[][];
    expect(alive.every((row) => row[0] === 1)).toBe(true);
    const t = 12 * (365.25 / 12 / 7);
    const purchases = invoke(expectedPurchases, column(...h.x.slice(0, n)), column(...h.tx.slice(0, n)), column(...h.T.slice(0, n)), spill).shown as number[][];
    expect(purchases.every((row, i) => relativeError(row[0], ((rec.r + h.x[i]) * t) / (rec.alpha + h.T[i])) < 1e-12)).toBe(true);
  });

  it('P_ALIVE takes a = 0 typed as four plain numbers (b then has no effect)', () => {
    expect(invoke(pAlive, column(3), column(10), column(40), [[1.8, 7, 0, 1]]).shown).toEqual(column(1));
  });

  it('P_ALIVE says what is wrong when b is blank but a is not 0', () => {
    const { shown, result } = invoke(pAlive, column(3), column(10), column(40), [['r', 1.8], ['alpha', 7], ['a', 0.5], ['b', '']]);
    expect([shown, (result as { message: string }).message]).toEqual(['#VALUE!', expect.stringMatching(/b may be blank only where a = 0/)]);
  });

  it('GG_FIT on buyers who share one mean value spills q and gamma blank and mean_value, the repeat purchases\' total value over their number', () => {
    const fit = ggSpill().shown as unknown[][];
    const mean = b.x.reduce((s, x, i) => s + x * b.zbar[i], 0) / b.x.reduce((s, x) => s + x, 0);
    expect(fit.map((row) => row[0])).toEqual(['p', 'q', 'gamma', 'log_likelihood', 'clients', 'mean_value']);
    expect([fit[1][1], fit[2][1], relativeError(fit[5][1] as number, mean) < 1e-14]).toEqual(['', '', true]);
  });

  it('EXPECTED_VALUE and CLV with that spill give every client the mean value per purchase', () => {
    const spill = ggSpill().result;
    const mean = record(ggSpill().shown).mean_value;
    const v = invoke(expectedValue, column(1, 5, 12), column(10, 60, 200), spill).shown as number[][];
    expect(v).toEqual(column(mean, mean, mean));
    const withMean = invoke(clv, [[2]], [[30.43]], [[38.86]], [[22.35]], bgRows(PUBLISHED_BG), spill).shown as number[][];
    // the limit approached: p = 1, q = 1e12, gamma = mean x 1e12 gives (gamma + x zbar) / (x + q - 1) = mean to 1e-10
    const nearLimit = invoke(clv, [[2]], [[30.43]], [[38.86]], [[22.35]], bgRows(PUBLISHED_BG), [['p', 1], ['q', 1e12], ['gamma', mean * 1e12]]).shown as number[][];
    expect(relativeError(withMean[0][0], nearLimit[0][0])).toBeLessThan(1e-9);
  });

  it('GG_FIT on CDNOW spills mean_value p gamma / (q - 1) last, after the five rows it had', () => {
    const s = summaryRanges();
    const fit = record(invoke(ggFit, s.x, s.zbar).shown);
    expect(relativeError(fit.mean_value, (fit.p * fit.gamma) / (fit.q - 1))).toBeLessThan(1e-14);
  });
});
