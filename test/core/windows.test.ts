/**
 * The two windows of METHODS.md section 9: month arithmetic (day of month kept, clamped to the end of
 * a shorter month; each bound from asOf in one step) and the cohort periods.
 */
import { addMonths, cohortPeriodLabel, cohortPeriodOf, daysInMonth, dynamicsWindows } from '../../src/core';
import { day, kcError } from './helpers';

describe('addMonths(day, months)', () => {
  it('addMonths(2024-03-31, -1) is 2024-02-29: the day is clamped to the end of a leap February', () => {
    expect(addMonths(day(2024, 3, 31), -1)).toBe(day(2024, 2, 29));
  });

  it('addMonths(2024-03-31, -2) is 2024-01-31: the day of month is kept, not carried from February', () => {
    expect(addMonths(day(2024, 3, 31), -2)).toBe(day(2024, 1, 31));
  });

  it('addMonths(2023-03-31, -1) is 2023-02-28 in a common year', () => {
    expect(addMonths(day(2023, 3, 31), -1)).toBe(day(2023, 2, 28));
  });

  it('addMonths(2024-06-30, -6) is 2023-12-30: the 30th stays the 30th in a 31-day month', () => {
    expect(addMonths(day(2024, 6, 30), -6)).toBe(day(2023, 12, 30));
  });

  it('addMonths(2024-01-15, -13) crosses a year: 2022-12-15', () => {
    expect(addMonths(day(2024, 1, 15), -13)).toBe(day(2022, 12, 15));
  });

  it('addMonths(2024-02-29, 12) is 2025-02-28', () => {
    expect(addMonths(day(2024, 2, 29), 12)).toBe(day(2025, 2, 28));
  });

  it('addMonths(2000-03-31, -1) is 2000-02-29 (2000 is a leap year) and 1900-03-31 gives 1900-02-28', () => {
    expect(addMonths(day(2000, 3, 31), -1)).toBe(day(2000, 2, 29));
    expect(addMonths(day(1900, 3, 31), -1)).toBe(day(1900, 2, 28));
  });
});

describe('daysInMonth(year, month)', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('daysInMonth(%i, %i) is %i', (y, m, n) => {
    // independent: day 0 of the next month is the last day of this one
    expect(new Date(Date.UTC(y, m, 0)).getUTCDate()).toBe(n);
    expect(daysInMonth(y, m)).toBe(n);
  });
});

describe('dynamicsWindows(asOf, months)', () => {
  it('dynamicsWindows(2024-03-31, 1): previous 2024-02-01..2024-02-29, current 2024-03-01..2024-03-31', () => {
    // asOf - 1 month = 2024-02-29, asOf - 2 months = 2024-01-31 (both from asOf in one step)
    // P = (2024-01-31, 2024-02-29], C = (2024-02-29, 2024-03-31]
    expect(dynamicsWindows(day(2024, 3, 31), 1)).toEqual({
      months: 1,
      previous: { from: day(2024, 2, 1), to: day(2024, 2, 29) },
      current: { from: day(2024, 3, 1), to: day(2024, 3, 31) },
    });
  });

  it('dynamicsWindows(2024-12-31, 12): the calendar years 2023 and 2024', () => {
    expect(dynamicsWindows(day(2024, 12, 31), 12)).toEqual({
      months: 12,
      previous: { from: day(2023, 1, 1), to: day(2023, 12, 31) },
      current: { from: day(2024, 1, 1), to: day(2024, 12, 31) },
    });
  });

  it('dynamicsWindows(2024-06-30, 6): current from 2023-12-31, previous 2023-07-01..2023-12-30', () => {
    // asOf - 6 months = 2023-12-30, asOf - 12 months = 2023-06-30
    const w = dynamicsWindows(day(2024, 6, 30), 6);
    expect(w.current).toEqual({ from: day(2023, 12, 31), to: day(2024, 6, 30) });
    expect(w.previous).toEqual({ from: day(2023, 7, 1), to: day(2023, 12, 30) });
  });

  it.each([0, 61, 1.5, NaN])('dynamicsWindows(asOf, %p) is a #NUM! error naming the window', (months) => {
    const e = kcError(() => dynamicsWindows(day(2024, 3, 31), months));
    expect(e.code).toBe('#NUM!');
    expect(e.key).toBe('windowMonths');
  });
});

describe('cohortPeriodOf(day, kind) and cohortPeriodLabel(index, kind)', () => {
  it.each([
    ['month', '2016-08'],
    ['quarter', '2016-Q3'],
    ['year', '2016'],
  ] as const)('2016-08-15 is in the %s %s', (kind, label) => {
    expect(cohortPeriodLabel(cohortPeriodOf(day(2016, 8, 15), kind), kind)).toBe(label);
  });

  it('consecutive quarters have consecutive indexes across a year end', () => {
    expect(cohortPeriodOf(day(2017, 1, 1), 'quarter') - cohortPeriodOf(day(2016, 12, 31), 'quarter')).toBe(1);
    expect(cohortPeriodOf(day(2017, 1, 1), 'month') - cohortPeriodOf(day(2016, 12, 31), 'month')).toBe(1);
  });
});
