import type { Warning } from './types';
import { dayToIso, isoToDay, type Day } from './parse/dates';

/** A latest date further than this past the date before it stands apart from the data (docs/methods.md). */
export const LONE_DATE_GAP_DAYS = 183;

/** The latest date of some rows, where it is, and the latest date before it. */
export interface LatestDate {
  /** The latest date. */
  day: Day;
  /** Sheet row of its first row. */
  row: number;
  /** The latest date before it, or null when every row has the same date. */
  previous: Day | null;
}

/**
 * The latest date of the rows, the sheet row of its first row, and the latest other date: one pass,
 * for the analysis date and its warnings.
 * @param day the date of each row (rows without a date as NaN are passed over).
 * @param sheetRow the sheet row of each row.
 * @returns the latest date, or null when no row has a date.
 * @example latestDate([19783, 19800, 19790], [2, 3, 4]) // { day: 19800, row: 3, previous: 19790 }
 */
export function latestDate(day: ArrayLike<number>, sheetRow: ArrayLike<number>): LatestDate | null {
  let max = -Infinity;
  let maxAt = -1;
  let second = -Infinity;
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    if (d > max) {
      if (max > second) second = max;
      max = d;
      maxAt = i;
    } else if (d < max && d > second) second = d;
  }
  if (maxAt < 0) return null;
  return { day: max, row: sheetRow[maxAt], previous: second > -Infinity ? second : null };
}

/**
 * The warning on a latest date that cannot be right, since it becomes the analysis date (docs/methods.md
 * "Analysis date"): a date after today (`latestDateFuture`), else one more than
 * {@link LONE_DATE_GAP_DAYS} days after the date before it (`latestDateApart`).
 * @param latest the latest date of the rows, from {@link latestDate}.
 * @param today today's date as the caller knows it (the engine has no clock), or null: no "future" check.
 * @returns the warning, or null.
 * @example latestDateWarning({ day: 47540, row: 5, previous: 19787 }, null)?.code // "latestDateApart"
 */
export function latestDateWarning(latest: LatestDate, today: Day | null): Warning | null {
  const { day, row, previous } = latest;
  if (today !== null && day > today) return { code: 'latestDateFuture', params: { date: dayToIso(day), row, today: dayToIso(today) } };
  if (previous !== null && day - previous > LONE_DATE_GAP_DAYS) {
    return { code: 'latestDateApart', params: { date: dayToIso(day), row, previous: dayToIso(previous), days: day - previous } };
  }
  return null;
}

/** The analysis date a run will use, known before the run. */
export interface AnalysisDatePreview {
  /** The analysis date. */
  asOf: Day;
  /** true when the user set it; false when it is the latest date of the rows. */
  set: boolean;
  /** The latest date of the rows (null without dated rows). */
  latest: LatestDate | null;
  /** The warning the run will give on the latest date (never when the date is set). */
  warning: Warning | null;
}

/**
 * The analysis date a segmentation of these rows will use, and its warning, before the run: the date
 * set, or the latest date of the rows, with {@link latestDateWarning} (the same rule the run applies).
 * @param rows the valid rows' dates and sheet rows (e.g. {@link readSales}'s `day` and `sheetRow`).
 * @param asOf the analysis date set, as ISO yyyy-mm-dd, or null for the latest date.
 * @param today today's date (a day number), or null.
 * @returns the analysis date and its warning; null when no date is set and no row has a date.
 * @example analysisDatePreview({ day: [19783, 19800], sheetRow: [2, 3] }, null, null)?.asOf // 19800
 */
export function analysisDatePreview(
  rows: { day: ArrayLike<number>; sheetRow: ArrayLike<number> },
  asOf: string | null,
  today: Day | null,
): AnalysisDatePreview | null {
  const latest = latestDate(rows.day, rows.sheetRow);
  if (asOf !== null) return { asOf: isoToDay(asOf), set: true, latest, warning: null };
  if (!latest) return null;
  return { asOf: latest.day, set: false, latest, warning: latestDateWarning(latest, today) };
}
