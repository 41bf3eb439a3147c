/**
 * The analysis date before the run (issue 7 item 11): the date the run will use and the warning it
 * will give, from the rows read, with the run's own rule (docs/methods.md "Analysis date"). Dates
 * worked by hand with a calendar.
 */
import { analysisDatePreview, latestDate, latestDateWarning, readSales, segmentClients } from '../../src/core';
import type { Cell } from '../../src/core';
import { day } from './helpers';

const rows = (last: string): Cell[][] => [
  ['Client', 'Amount', 'Date'],
  ['Acme', 100, '2024-01-10'],
  ['Bolt', 50, '2024-03-05'],
  ['Core', 70, '2024-02-20'],
  ['Dune', 30, last], // sheet row 5
];

describe('latestDate(day, sheetRow)', () => {
  it('latestDate gives the latest date, the sheet row of its first row and the latest other date', () => {
    expect(latestDate([10, 30, 20, 30], [2, 3, 4, 5])).toEqual({ day: 30, row: 3, previous: 20 });
  });

  it('latestDate of rows of one date has no previous date', () => {
    expect(latestDate([7, 7], [2, 3])).toEqual({ day: 7, row: 2, previous: null });
  });

  it('latestDate passes over rows without a date (NaN) and is null when none has one', () => {
    expect(latestDate([NaN, 5, NaN], [2, 3, 4])).toEqual({ day: 5, row: 3, previous: null });
    expect(latestDate([NaN], [2])).toBeNull();
  });
});

describe('latestDateWarning(latest, today)', () => {
  it('a latest date after today is latestDateFuture, even when it also stands apart', () => {
    const w = latestDateWarning({ day: day(2099, 3, 5), row: 5, previous: day(2024, 3, 5) }, day(2024, 6, 1));
    expect(w).toEqual({ code: 'latestDateFuture', params: { date: '2099-03-05', row: 5, today: '2024-06-01' } });
  });

  it('a latest date 184 days after the one before is latestDateApart; 183 days is not', () => {
    // 2024-03-05 + 183 days = 2024-09-04 (26 + 30 + 31 + 30 + 31 + 31 = 179 to 2024-08-31, + 4)
    expect(latestDateWarning({ day: day(2024, 9, 4), row: 5, previous: day(2024, 3, 5) }, null)).toBeNull();
    expect(latestDateWarning({ day: day(2024, 9, 5), row: 5, previous: day(2024, 3, 5) }, null)?.params).toEqual({ date: '2024-09-05', row: 5, previous: '2024-03-05', days: 184 });
  });
});

describe('analysisDatePreview(rows, asOf, today)', () => {
  const sales = (last: string) => readSales(rows(last));

  it('without a date set, the analysis date is the latest date of the rows', () => {
    const p = analysisDatePreview(sales('2024-03-01'), null, day(2024, 6, 1));
    expect(p).toEqual({ asOf: day(2024, 3, 5), set: false, latest: { day: day(2024, 3, 5), row: 3, previous: day(2024, 3, 1) }, warning: null });
  });

  it('with a date set, the analysis date is that date and there is no warning on the latest date', () => {
    const p = analysisDatePreview(sales('2099-03-05'), '2024-03-31', day(2024, 6, 1));
    expect([p?.asOf, p?.set, p?.warning]).toEqual([day(2024, 3, 31), true, null]);
  });

  it('gives the warning the run gives, with the same values', () => {
    const p = analysisDatePreview(sales('2099-03-05'), null, day(2024, 6, 1));
    const run = segmentClients(rows('2099-03-05'), { today: day(2024, 6, 1) });
    expect(p?.warning).toEqual(run.warnings.find((w) => w.code.startsWith('latestDate')));
    expect(p?.asOf).toBe(run.asOf);
  });

  it('without dated rows and no date set, there is no analysis date', () => {
    expect(analysisDatePreview({ day: new Float64Array(0), sheetRow: new Int32Array(0) }, null, null)).toBeNull();
  });
});
