/**
 * The LTV's summary and fits made ahead (src/core/value.ts `ltvAhead`, segmentSales' `context.ltv`):
 * what the command line's worker thread hands the LTV step must give the very result the step gives
 * by itself, and one made for another analysis date or other clients must not be used.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analysisDateOf, isoToDay, ltvAhead, readSales, resolveSettings, segmentSales, toJson, type Cell, type LtvAhead } from '../../src/core';

/** The CDNOW sample (test/data/cdnow, 2,357 clients): client, date, amount. */
function cdnow(): Cell[][] {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const cells: Cell[][] = [['Client', 'Date', 'Amount']];
  for (const line of lines) {
    const [, id, d, , value] = line.trim().split(/\s+/);
    cells.push([id, `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, Number(value)]);
  }
  return cells;
}

describe('segmentSales with the LTV made ahead', () => {
  const settings = resolveSettings({ asOf: '1997-09-30' });
  const sales = readSales(cdnow());
  const asOf = analysisDateOf(sales, settings)!;
  const alone = JSON.stringify(toJson(segmentSales(sales, settings)));

  it('takes the analysis date the run takes: the date of the settings, else the latest date', () => {
    expect(asOf).toBe(isoToDay('1997-09-30'));
    // the sample's last purchase is 1998-06-30 (CDNOW_sample.txt, sorted)
    expect(analysisDateOf(sales, resolveSettings({}))).toBe(isoToDay('1998-06-30'));
    expect(analysisDateOf(readSales([['Client', 'Amount'], ['Acme', 5]]), settings)).toBeNull();
  });

  it('gives the same result, to the byte of its JSON, as the LTV step alone, and asks once with the run\'s date and clients', () => {
    const asked: Array<[number, number]> = [];
    const ahead = ltvAhead(sales, asOf, sales.clientNames.length);
    // an interior fit, as published: r 0.2426 (so the fits were made ahead and used)
    expect(ahead.fits.bgnbd!.r).toBeCloseTo(0.2426, 4);
    const r = segmentSales(sales, settings, undefined, { ltv: (a, k) => (asked.push([a, k]), ahead) });
    expect(asked).toEqual([[asOf, 2357]]);
    expect(JSON.stringify(toJson(r))).toBe(alone);
  });

  it('uses fits handed over, not fits of its own: fits made on other data change the result', () => {
    // a structured-clone-like copy whose BG/NBD r is another number: the run must show it
    const ahead = ltvAhead(sales, asOf, sales.clientNames.length);
    const other: LtvAhead = { ...ahead, fits: { ...ahead.fits, bgnbd: { ...ahead.fits.bgnbd!, r: 0.5 } } };
    const r = segmentSales(sales, settings, undefined, { ltv: () => other });
    expect(r.ltv?.bgnbd?.r).toBe(0.5);
  });

  it('ignores what was made for another analysis date or another client count, and fits itself', () => {
    const wrongDate = ltvAhead(sales, asOf - 30, sales.clientNames.length);
    expect(JSON.stringify(toJson(segmentSales(sales, settings, undefined, { ltv: () => wrongDate })))).toBe(alone);
    const ahead = ltvAhead(sales, asOf, sales.clientNames.length);
    const short: LtvAhead = { ...ahead, summary: { x: ahead.summary.x.slice(1), tx: ahead.summary.tx.slice(1), T: ahead.summary.T.slice(1), zbar: ahead.summary.zbar.slice(1) } };
    expect(JSON.stringify(toJson(segmentSales(sales, settings, undefined, { ltv: () => short })))).toBe(alone);
    expect(JSON.stringify(toJson(segmentSales(sales, settings, undefined, { ltv: () => null })))).toBe(alone);
  });
});
