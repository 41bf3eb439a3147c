/**
 * ltvSummary (METHODS.md section 10): x, t_x, T, zbar per client from the sales rows, on small tables
 * counted by hand and on the published CDNOW benchmark.
 */
import { ltvSummary, readSales } from '../../src/core';
import { deepFreeze, kcError } from './helpers';
import { CDNOW_AS_OF, cdnowSummaryRows, cdnowTransactions, printed2 } from './ltv-data';

const week = (days: number) => days / 7;

describe('ltvSummary(rows, asOf)', () => {
  it('ltvSummary counts distinct days as purchases where there is no order column, summing a day\'s rows', () => {
    // client 0: day 0 (10 + 5), day 14 (20), day 28 (30 - 6); asOf 35
    const s = ltvSummary({ client: [0, 0, 0, 0, 0], amount: [10, 5, 20, 30, -6], day: [0, 0, 14, 28, 28] }, 35);
    expect([s.x[0], s.tx[0], s.T[0], s.zbar[0]]).toEqual([2, week(28), week(35), (20 + 24) / 2]);
  });

  it('ltvSummary counts distinct orders as purchases, an order dated by its earliest row', () => {
    // two orders on day 7 are two purchases; order 3 has rows on days 20 and 21: one purchase on day 20
    const s = ltvSummary(
      { client: [0, 0, 0, 0, 0], amount: [100, 40, 60, 15, 5], day: [0, 7, 7, 21, 20], order: [1, 2, 5, 3, 3] },
      30,
    );
    expect([s.x[0], s.tx[0], s.T[0], s.zbar[0]]).toEqual([3, week(20), week(30), (40 + 60 + 20) / 3]);
  });

  it('ltvSummary groups rows without an order id by day, next to the orders of the same client', () => {
    const s = ltvSummary({ client: [0, 0, 0, 0], amount: [10, 1, 2, 50], day: [0, 3, 3, 3], order: [-1, -1, -1, 0] }, 10);
    expect([s.x[0], s.zbar[0]]).toEqual([2, (3 + 50) / 2]);
  });

  it('ltvSummary leaves out the earliest purchase from zbar, the first in the sheet among those of the first day', () => {
    // orders 7 (sheet row 1) and 4 (row 2) are both on day 0: order 7 comes first, order 4 is a repeat
    const s = ltvSummary({ client: [0, 0, 0], amount: [100, 8, 12], day: [0, 0, 5], order: [7, 4, 9] }, 5);
    expect([s.x[0], s.tx[0], s.zbar[0]]).toEqual([2, week(5), (8 + 12) / 2]);
  });

  it('ltvSummary gives x = 0, t_x = 0 and zbar = 0 to a client with one purchase', () => {
    const s = ltvSummary({ client: [0, 0], amount: [10, 15], day: [4, 4] }, 11);
    expect([s.x[0], s.tx[0], s.T[0], s.zbar[0]]).toEqual([0, 0, 1, 0]);
  });

  it('ltvSummary leaves out rows dated after asOf and rows without a date', () => {
    const s = ltvSummary({ client: [0, 0, 0, 0], amount: [10, 20, 30, 40], day: [0, 7, 8, NaN] }, 7);
    expect([s.x[0], s.tx[0], s.T[0], s.zbar[0]]).toEqual([1, 1, 1, 20]);
  });

  it('ltvSummary gives NaN in every column to a client with no purchase up to asOf', () => {
    const s = ltvSummary({ client: [0, 1], amount: [10, 20], day: [0, 9] }, 5, 3);
    expect([s.x[1], s.tx[1], s.T[1], s.zbar[1], s.x[2]]).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  it('ltvSummary sizes its columns by the largest client index + 1 when the count is not given', () => {
    expect(ltvSummary({ client: [3], amount: [1], day: [0] }, 0).x.length).toBe(4);
  });

  it('ltvSummary takes the engine\'s SalesData as it is (readSales of a range with order numbers, a blank one by its day)', () => {
    const sales = readSales([
      ['Client', 'Date', 'Order', 'Amount'],
      ['Acme', '2024-01-01', 'A1', 100],
      ['Beta', '2024-01-03', 'B1', 50],
      ['Acme', '2024-01-15', 'A2', 30],
      ['acme', '2024-01-15', 'A2', 10],
      ['Acme', '2024-01-29', '', 70],
    ]);
    const s = ltvSummary(sales, sales.day[4], sales.clientNames.length);
    expect([s.x[0], s.tx[0], s.T[0], s.zbar[0], s.x[1], s.T[1]]).toEqual([2, 4, 4, (40 + 70) / 2, 0, week(26)]);
  });

  it('ltvSummary does not mutate its input', () => {
    const rows = deepFreeze({ client: [0, 0], amount: [1, 2], day: [0, 7], order: [1, 0] });
    ltvSummary(rows, 7);
    expect(rows).toEqual({ client: [0, 0], amount: [1, 2], day: [0, 7], order: [1, 0] });
  });

  it('ltvSummary throws #VALUE! for columns of unequal length', () => {
    expect(kcError(() => ltvSummary({ client: [0, 0], amount: [1], day: [0, 1] }, 1)).code).toBe('#VALUE!');
  });

  it('ltvSummary throws #VALUE! for a client index outside 0..clients-1', () => {
    expect(kcError(() => ltvSummary({ client: [0, 5], amount: [1, 1], day: [0, 1] }, 1, 2)).message).toMatch(/client index 5/);
  });

  it('ltvSummary throws #VALUE! for an analysis date that is not a number', () => {
    expect(kcError(() => ltvSummary({ client: [0], amount: [1], day: [0] }, NaN)).code).toBe('#VALUE!');
  });
});

describe('ltvSummary on the CDNOW sample (the published benchmark)', () => {
  it('ltvSummary(CDNOW_sample.txt, 1997-09-30) reproduces the published summary exactly, as printed to 2 decimals, for all 2,357 customers', () => {
    const s = ltvSummary(cdnowTransactions(), CDNOW_AS_OF);
    const rows = cdnowSummaryRows();
    expect(rows.length).toBe(2357);
    expect(s.x.length).toBe(2357);
    const differences = rows
      .map((row) => {
        const i = row.id - 1;
        const got = { x: String(s.x[i]), tx: printed2(s.tx[i]), T: printed2(s.T[i]), zbar: printed2(s.zbar[i]) };
        return JSON.stringify(got) === JSON.stringify(row.printed) ? null : `ID ${row.id}: ${JSON.stringify(got)} vs ${JSON.stringify(row.printed)}`;
      })
      .filter((d) => d !== null);
    expect(differences).toEqual([]);
  });

  it('printed2 rounds halves away from zero on the decimal value, as the summary file prints (22.345 is 22.35)', () => {
    expect([printed2((29.73 + 14.96) / 2), printed2(1.004), printed2(0)]).toEqual(['22.35', '1.00', '0.00']);
  });
});
