import { KcError } from '../errors';
import { checkWindowMonths, type CohortPeriod } from '../settings';
import { dayFromYmd, ymd, type Day } from '../parse/dates';

/** A run of whole days, both ends inside: `from` is the first day, `to` the last. */
export interface DayRange {
  from: Day;
  to: Day;
}

/** The two comparison windows of METHODS.md section 9. */
export interface DynamicsWindows {
  /** W, in months. */
  months: number;
  /** P = (asOf - 2W, asOf - W]. */
  previous: DayRange;
  /** C = (asOf - W, asOf]. */
  current: DayRange;
}

/**
 * Number of days of a calendar month (proleptic Gregorian).
 * @param year the year.
 * @param month the month, 1-12.
 * @returns 28..31.
 * @example daysInMonth(2024, 2) // 29; daysInMonth(2023, 2) // 28; daysInMonth(2024, 4) // 30
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A day moved by whole calendar months, keeping the day of month and clamping it to the end of a
 * shorter month (METHODS.md section 9).
 * @param day a day number.
 * @param months how many months to move, negative for earlier.
 * @returns the day number of the moved date.
 * @example addMonths(dayFromYmd(2024, 3, 31), -1) // 2024-02-29; addMonths(dayFromYmd(2024, 3, 31), -2) // 2024-01-31
 * addMonths(dayFromYmd(2023, 3, 31), -1) // 2023-02-28; addMonths(dayFromYmd(2024, 1, 15), -13) // 2022-12-15
 */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = ymd(day);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return dayFromYmd(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * The previous and current windows of length W months ending on the analysis date: C = (asOf - W,
 * asOf], P = (asOf - 2W, asOf - W], each bound computed from asOf in one step ({@link addMonths}).
 * @param asOf the analysis date.
 * @param months W, a whole number of months 1..60.
 * @returns both windows with their first and last days inside.
 * @throws KcError `#NUM!` (key `windowMonths`) when W is not a whole number 1..60; `#VALUE!` when asOf is not a day.
 * @example dynamicsWindows(dayFromYmd(2024, 3, 31), 1) // previous 2024-02-01..2024-02-29, current 2024-03-01..2024-03-31
 */
export function dynamicsWindows(asOf: Day, months: number): DynamicsWindows {
  checkWindowMonths(months);
  if (!Number.isInteger(asOf)) throw new KcError('#VALUE!', `the analysis date must be a day, not ${asOf}`);
  const oneBack = addMonths(asOf, -months);
  const twoBack = addMonths(asOf, -2 * months);
  return { months, previous: { from: twoBack + 1, to: oneBack }, current: { from: oneBack + 1, to: asOf } };
}

/**
 * Index of the cohort period holding a day: months y * 12 + m - 1, quarters y * 4 + q - 1, years y.
 * Consecutive periods have consecutive indexes.
 * @param day a day number.
 * @param kind month, quarter or year.
 * @returns the period index.
 * @example cohortPeriodOf(dayFromYmd(2016, 8, 15), 'quarter') // 8066 (2016-Q3); cohortPeriodOf(dayFromYmd(2016, 8, 15), 'year') // 2016
 */
export function cohortPeriodOf(day: Day, kind: CohortPeriod): number {
  const [y, m] = ymd(day);
  return kind === 'month' ? y * 12 + m - 1 : kind === 'quarter' ? y * 4 + Math.floor((m - 1) / 3) : y;
}

/**
 * Label of a cohort period index of {@link cohortPeriodOf}.
 * @param index a period index.
 * @param kind the kind the index was made for.
 * @returns "2016-08", "2016-Q3" or "2016".
 * @example cohortPeriodLabel(8066, 'quarter') // "2016-Q3"; cohortPeriodLabel(24199, 'month') // "2016-08"; cohortPeriodLabel(2016, 'year') // "2016"
 */
export function cohortPeriodLabel(index: number, kind: CohortPeriod): string {
  if (kind === 'month') return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  if (kind === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return String(index);
}
