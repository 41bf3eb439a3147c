import type { Cell } from '../types';

/**
 * Dates inside the engine are whole day numbers: days since 1970-01-01 (UTC). They convert to and
 * from Excel serial dates of the 1900 system, with Excel's phantom 1900-02-29 (serial 60).
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Serial 61 (1900-03-01) and later: day = serial - 25569. */
const SERIAL_OFFSET = 25_569;
/** The largest serial Excel shows as a date: 9999-12-31. */
export const MAX_SERIAL = 2_958_465;

/**
 * Excel serial date (1900 system) to a day number. The fraction (time of day) is dropped.
 * @param serial an Excel serial date; a fraction (time of day) is allowed.
 * @returns the day, or NaN for serials below 1, above 9999-12-31, or 60 (1900-02-29 never existed).
 * @example serialToDay(45352.75) // 19783 (2024-03-01); serialToDay(61) // -25508 (1900-03-01); serialToDay(60) // NaN
 */
export function serialToDay(serial: number): Day {
  const s = Math.floor(serial);
  if (!(s >= 1 && s <= MAX_SERIAL) || s === 60) return NaN;
  return s >= 61 ? s - SERIAL_OFFSET : s - SERIAL_OFFSET + 1;
}

/**
 * Day number to an Excel serial date (1900 system); the inverse of {@link serialToDay}.
 * @param day a day number (days since 1970-01-01).
 * @returns the serial date, a whole number when `day` is.
 * @example dayToSerial(19783) // 45352 (2024-03-01); dayToSerial(0) // 25569
 */
export function dayToSerial(day: Day): number {
  const s = day + SERIAL_OFFSET;
  return s >= 61 ? s : s - 1;
}

/**
 * Day number of a calendar date.
 * @param y the year (0..99 are years 0..99, not 1900..1999).
 * @param m the month, 1-12.
 * @param d the day of the month, 1-31.
 * @returns days since 1970-01-01, or NaN when the date does not exist (2023-02-30).
 * @example dayFromYmd(2024, 3, 1) // 19783; dayFromYmd(2023, 2, 30) // NaN
 */
export function dayFromYmd(y: number, m: number, d: number): Day {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  const t = Date.UTC(y, m - 1, d);
  const date = new Date(t);
  if (y < 100) date.setUTCFullYear(y); // Date.UTC maps 0..99 to 1900..1999
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return NaN;
  return Math.round(date.getTime() / MS_PER_DAY);
}

/**
 * The day number of a calendar date as its local year, month and day show it (a caller's "today":
 * the engine itself never reads the clock).
 * @param date a Date; its time of day and time zone offset are ignored.
 * @returns days since 1970-01-01 of that local date.
 * @example dayOfDate(new Date(2024, 2, 1, 23, 59)) // 19783 (2024-03-01 wherever the machine is)
 */
export function dayOfDate(date: Date): Day {
  return dayFromYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/**
 * Day number to ISO yyyy-mm-dd.
 * @param day a day number (days since 1970-01-01).
 * @returns the date as yyyy-mm-dd.
 * @throws RangeError (from Date) when `day` is NaN or beyond the range of a Date.
 * @example dayToIso(19783) // "2024-03-01"
 */
export function dayToIso(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * ISO yyyy-mm-dd to a day number; one-digit months and days are accepted, surrounding spaces ignored.
 * @param iso the text date.
 * @returns the day number, or NaN for another format or a date that does not exist.
 * @example isoToDay("2024-03-01") // 19783; isoToDay("2024-3-1") // 19783; isoToDay("01.03.2024") // NaN
 */
export function isoToDay(iso: string): Day {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.trim());
  return m ? dayFromYmd(+m[1], +m[2], +m[3]) : NaN;
}

/**
 * Year, month (1-12) and day of month of a day number (proleptic Gregorian calendar).
 * @param day a whole day number (days since 1970-01-01).
 * @returns `[year, month, day of month]`.
 * @example ymd(19783) // [2024, 3, 1]
 */
export function ymd(day: Day): [number, number, number] {
  // civil_from_days (H. Hinnant): integer arithmetic, no Date object, fast on a million rows
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s.*)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s.*)?$/;

/** Order of day and month in slashed text dates. */
export type SlashOrder = 'dmy' | 'mdy';

/** Regions whose short dates put the month first (m/d/yyyy). */
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'BZ', 'FM', 'MH', 'PW', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI']);

/**
 * The order of slashed dates of a locale tag ("en-US" -> mdy, "ru-RU" -> dmy, "pl" -> dmy): month
 * first only in the regions that write m/d/yyyy; day first everywhere else and when unknown.
 * @param tag a BCP 47 locale tag ("en-US", also "en_US"), or null/undefined when unknown.
 * @returns "mdy" for a month-first region, else "dmy".
 * @example slashOrderOfLocale("en-US") // "mdy"; slashOrderOfLocale("pl") // "dmy"; slashOrderOfLocale(null) // "dmy"
 */
export function slashOrderOfLocale(tag: string | null | undefined): SlashOrder {
  const region = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/.exec(tag ?? '')?.[1]?.toUpperCase();
  return region !== undefined && MONTH_FIRST_REGIONS.has(region) ? 'mdy' : 'dmy';
}

function year(text: string): number {
  const y = +text;
  return text.length === 2 ? 2000 + y : y;
}

/**
 * Decides how to read "a/b/yyyy" text dates of one column, by METHODS.md: if any first part is
 * above 12 the column is day-first; else if any second part is above 12 it is month-first; else
 * `fallback` (the workbook's locale; day-first where unknown).
 * @param cells the column's cells; only slashed text dates are looked at.
 * @param fallback the order when the cells do not decide (default "dmy").
 * @returns "dmy" or "mdy".
 * @example detectSlashOrder(["03/14/2024", "04/01/2024"]) // "mdy"; detectSlashOrder(["04/01/2024"], "mdy") // "mdy"
 */
export function detectSlashOrder(cells: Iterable<Cell>, fallback: SlashOrder = 'dmy'): SlashOrder {
  let monthFirst = false;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const m = SLASHED.exec(cell.trim());
    if (!m) continue;
    if (+m[1] > 12) return 'dmy';
    if (+m[2] > 12) monthFirst = true;
  }
  return monthFirst ? 'mdy' : fallback;
}

/**
 * Reads a cell as a date (METHODS.md section 0): a number is an Excel serial date; a text is ISO
 * yyyy-mm-dd (a time part is ignored), dd.mm.yyyy, or dd/mm/yyyy or mm/dd/yyyy by `order`.
 * Two-digit years are 2000 + yy.
 * @param cell the cell as Excel hands it.
 * @param order how to read slashed text dates, e.g. from {@link detectSlashOrder}.
 * @returns a day number; null for a blank; NaN for a bad value.
 * @example parseDate("05.03.24", "dmy") // 19787 (2024-03-05); parseDate("03/05/2024", "mdy") // 19787; parseDate("soon", "dmy") // NaN
 */
export function parseDate(cell: Cell, order: SlashOrder): Day | null {
  if (typeof cell === 'number') return serialToDay(cell);
  if (cell === '' || cell === null || cell === undefined) return null;
  if (typeof cell !== 'string') return NaN;
  const s = cell.trim();
  if (s === '') return null;
  let m = ISO.exec(s);
  if (m) return dayFromYmd(+m[1], +m[2], +m[3]);
  m = DOTTED.exec(s);
  if (m) return dayFromYmd(year(m[3]), +m[2], +m[1]);
  m = SLASHED.exec(s);
  if (m) return order === 'dmy' ? dayFromYmd(year(m[3]), +m[2], +m[1]) : dayFromYmd(year(m[3]), +m[1], +m[2]);
  return NaN;
}
