/**
 * The analysis date and the warnings on a latest date that cannot be right (issue 7 item 11,
 * docs/methods.md "Analysis date"): a sale dated after today, or a latest date standing more than
 * half a year (183 days) after the date before it. Dates worked by hand with a calendar.
 */
import { segmentClients, warningText } from '../../src/core';
import type { Cell } from '../../src/core';
import { day } from './helpers';

const rows = (last: string): Cell[][] => [
  ['Client', 'Amount', 'Date'],
  ['Acme', 100, '2024-01-10'],
  ['Bolt', 50, '2024-02-20'],
  ['Core', 70, '2024-03-05'],
  ['Dune', 30, last], // sheet row 5
];

describe('the latest date', () => {
  it('segmentClients(rows with a date in 2099) warns naming the row and the date before it', () => {
    const r = segmentClients(rows('2099-03-05'));
    const w = r.warnings.find((x) => x.code === 'latestDateApart');
    // 2024-03-05 -> 2099-03-05: 75 years, 18 leap days (2028..2096) -> 75 * 365 + 18 = 27393 days
    expect(w?.params).toEqual({ date: '2099-03-05', row: 5, previous: '2024-03-05', days: 27393 });
    expect(r.asOf).toBe(day(2099, 3, 5)); // the data decides the analysis date: only a warning
  });

  it('segmentClients(rows) with today before the latest date warns of a future date instead', () => {
    const r = segmentClients(rows('2024-12-01'), { today: day(2024, 6, 1) });
    expect(r.warnings.map((x) => x.code)).toContain('latestDateFuture');
    expect(r.warnings.find((x) => x.code === 'latestDateFuture')?.params).toEqual({ date: '2024-12-01', row: 5, today: '2024-06-01' });
    expect(r.warnings.map((x) => x.code)).not.toContain('latestDateApart');
  });

  it('segmentClients(rows) does not warn when the latest date is 183 days after the one before', () => {
    // 2024-03-05 + 183 days = 2024-09-04 (March 26 + April 30 + May 31 + June 30 + July 31 + August 31 = 179, + 4)
    const r = segmentClients(rows('2024-09-04'), { today: day(2024, 12, 1) });
    expect(r.warnings.map((x) => x.code).filter((c) => c.startsWith('latestDate'))).toEqual([]);
  });

  it('segmentClients(rows) warns when the latest date is 184 days after the one before', () => {
    const r = segmentClients(rows('2024-09-05'));
    expect(r.warnings.find((x) => x.code === 'latestDateApart')?.params.days).toBe(184);
  });

  it('segmentClients(rows) with an analysis date set by the user does not warn about the latest date', () => {
    const r = segmentClients(rows('2099-03-05'), { settings: { asOf: '2024-03-31' }, today: day(2024, 6, 1) });
    expect(r.warnings.map((x) => x.code).filter((c) => c.startsWith('latestDate'))).toEqual([]);
    expect(r.warnings.map((x) => x.code)).toContain('rowsAfterAsOf');
  });

  it('segmentClients(rows of one date) does not warn', () => {
    const r = segmentClients([['Client', 'Amount', 'Date'], ['Acme', 1, '2024-01-10'], ['Bolt', 2, '2024-01-10']]);
    expect(r.warnings.map((x) => x.code).filter((c) => c.startsWith('latestDate'))).toEqual([]);
  });

  it('the warning reads in Russian and Polish with the row and the date', () => {
    const w = segmentClients(rows('2099-03-05')).warnings.find((x) => x.code === 'latestDateApart')!;
    expect(warningText(w, 'ru')).toContain('05.03.2099 (строка 5)');
    expect(warningText(w, 'pl')).toContain('05.03.2099 (wiersz 5)');
    expect(warningText(w, 'en')).toContain('row 5');
  });
});
