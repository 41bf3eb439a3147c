import { isSettingError, resolveSettings, SettingError, type SettingsInput } from './settings';
import type { ErrorCode, Lang } from './types';
import { parseNumber } from './parse/numbers';
import { dayFromYmd, dayToIso, parseDate, ymd, type Day, type SlashOrder } from './parse/dates';
import { decimal } from './i18n';

// Settings as a person types them (docs/methods.md "Settings as typed"): the task pane's form and the
// command line's flags read their text here, so "95%", "95", "0,95" and "0.95" mean the same in both.

/**
 * How the text of a setting reads:
 * - "limit": a number; a % sign divides it by 100 ("95%" = 0.95). Share limits above 1 are then read
 *   as percents by {@link resolveSettings} ("95" = 0.95), as METHODS.md section 2 says.
 * - "rate": a rate such as the yearly discount rate: a number where a % sign divides it by 100 as for
 *   a limit, and a percent must then be from 0 % to 100 % ("8%" = 0.08, "0.5%" = 0.005; "150%" is
 *   refused rather than read again as 1.5 %). A plain number above 1 is a percent by the setting's
 *   own check ("10" = 0.10).
 * - "whole": a number without a % sign (days, scores, months); whether it must be whole is the
 *   setting's own check.
 * - "date": a date in the user's format, see {@link parseSettingDate}; blank is "not set".
 * - "choice": one of the setting's values, as it is.
 * - "switch": on or off, as the texts "true" and "false" (a blank is off).
 */
export type SettingTextKind = 'limit' | 'rate' | 'whole' | 'date' | 'choice' | 'switch';

/** One setting as typed: its dotted path into {@link SettingsInput} ("abc.limitA"), how it reads, its text. */
export interface SettingText {
  setting: string;
  kind: SettingTextKind;
  text: string;
}

/** A setting that cannot be used as typed, with the words to say why. */
export interface SettingProblem {
  /** The settings it is about: the first is the one to show the message at, the others are marked too. */
  settings: readonly string[];
  code: ErrorCode;
  /** Key of its text (`error.<key>` of the report texts, e.g. "settingNotNumber"), and the text's values. */
  key?: string;
  params: Record<string, string | number>;
  /** The English message (the command line's). */
  message: string;
}

/** The settings read from their texts, and what could not be read or does not fit. */
export interface SettingsFromText {
  /** The settings input: every setting that was read, over the base given. */
  input: SettingsInput;
  /** Empty when `input` is good to run with; else each problem once, in the order of the texts. */
  problems: SettingProblem[];
}

/** A number followed by a percent sign, with or without a space ("95%", "7,5 %"). */
const PERCENT = /^(.*\S)\s*%$/su;

/**
 * Reads the text of a numeric setting: a decimal comma or point, spaces between thousands
 * ("1 000"), and for a "limit" or a "rate" a trailing % sign, which divides the number by 100. The
 * number itself is read by the cleaning rules of {@link parseNumber}.
 * @param text the text as typed.
 * @param kind "limit" (a % sign is allowed), "rate" (a % sign is allowed, from 0 % to 100 %) or
 *   "whole" (it is not).
 * @param setting the setting's path, named by the error.
 * @returns the number, or null for a blank text.
 * @throws SettingError `#VALUE!` (key settingNotNumber) for a text that is no number; (key
 *   settingNoPercent) for a % sign where it does not fit; `#NUM!` (key settingPercentRange) for a
 *   "rate" in percent below 0 % or above 100 %.
 * @example parseSettingNumber("95%", "limit") // 0.95; parseSettingNumber("8%", "rate") // 0.08; parseSettingNumber("0,95", "limit") // 0.95; parseSettingNumber("1 000", "whole") // 1000
 */
export function parseSettingNumber(text: string, kind: 'limit' | 'rate' | 'whole', setting = ''): number | null {
  const t = text.trim();
  if (t === '') return null;
  const percent = PERCENT.exec(t);
  if (percent && kind === 'whole') {
    throw new SettingError([setting], '#VALUE!', `${setting} takes no percent sign, not '${t}'`, 'settingNoPercent', { value: t });
  }
  const n = parseNumber(percent ? percent[1] : t);
  if (n === null || Number.isNaN(n)) throw new SettingError([setting], '#VALUE!', `${setting} must be a number, not '${t}'`, 'settingNotNumber', { value: t });
  if (percent && kind === 'rate' && !(n >= 0 && n <= 100)) {
    throw new SettingError([setting], '#NUM!', `${setting} must be from 0% to 100%, not '${t}'`, 'settingPercentRange', { value: t });
  }
  return percent ? n / 100 : n;
}

/** The date every example of a date format shows: 31 December 2017, whose day and month cannot be mixed up. */
const EXAMPLE_DAY: Day = dayFromYmd(2017, 12, 31);

/**
 * A date written in the order a user reads: day first "31.12.2017", month first "12/31/2017" (with
 * dots, a day-first date cannot be taken for a month-first one); ISO without an order.
 * @param day the date (days since 1970-01-01).
 * @param order the regional order of day and month, or null for ISO yyyy-mm-dd.
 * @returns the date as text that {@link parseSettingDate} reads back to the same day.
 * @example formatSettingDate(17531, "dmy") // "31.12.2017"; formatSettingDate(17531, "mdy") // "12/31/2017"; formatSettingDate(17531, null) // "2017-12-31"
 */
export function formatSettingDate(day: Day, order: SlashOrder | null): string {
  if (order === null) return dayToIso(day);
  const [y, m, d] = ymd(day);
  const two = (n: number) => String(n).padStart(2, '0');
  return order === 'dmy' ? `${two(d)}.${two(m)}.${y}` : `${two(m)}/${two(d)}/${y}`;
}

/**
 * Reads a date setting as a person types it, by the rules of the data's dates (METHODS.md section 0):
 * ISO yyyy-mm-dd, dd.mm.yyyy, or a slashed date in the regional `order` (two-digit years are 2000 +
 * yy). Without an order, a slashed date is read only when it reads one way ("31/12/2017").
 * @param text the text as typed.
 * @param order the regional order of day and month, or null when it is not known.
 * @param setting the setting's path, named by the error (default "asOf").
 * @returns the date as ISO yyyy-mm-dd, or null for a blank text.
 * @throws SettingError `#VALUE!` (key settingNotDate, with an example in the expected format) for a
 *   text that is no date or a date that does not exist; (key settingDateAmbiguous) for a slashed date
 *   that reads two ways when no order is known.
 * @example parseSettingDate("31.12.2017", "dmy") // "2017-12-31"; parseSettingDate("12/31/2017", "mdy") // "2017-12-31"; parseSettingDate("04/05/2017", null) // throws settingDateAmbiguous
 */
export function parseSettingDate(text: string, order: SlashOrder | null, setting = 'asOf'): string | null {
  const t = text.trim();
  if (t === '') return null;
  let day: Day | null;
  if (order === null && t.includes('/')) {
    const dmy = parseDate(t, 'dmy');
    const mdy = parseDate(t, 'mdy');
    if (dmy !== null && mdy !== null && !Number.isNaN(dmy) && !Number.isNaN(mdy) && dmy !== mdy) {
      const params = { value: t, dmy: dayToIso(dmy), mdy: dayToIso(mdy) };
      throw new SettingError([setting], '#VALUE!', `'${t}' reads as ${params.dmy} or ${params.mdy}: write the date as yyyy-mm-dd or set the date order`, 'settingDateAmbiguous', params);
    }
    day = dmy !== null && !Number.isNaN(dmy) ? dmy : mdy;
  } else {
    day = parseDate(t, order ?? 'dmy');
  }
  if (day === null) return null;
  if (Number.isNaN(day)) {
    const example = formatSettingDate(EXAMPLE_DAY, order);
    const as = order === null ? 'yyyy-mm-dd' : `${example} or yyyy-mm-dd`;
    throw new SettingError([setting], '#VALUE!', `'${t}' is not a date: write it as ${as}`, 'settingNotDate', { value: t, example });
  }
  return dayToIso(day);
}

/**
 * A number as a setting's text in a language: "0,75" in Russian and Polish, "0.75" in English.
 * @example formatSettingNumber(0.75, "ru") // "0,75"
 */
export function formatSettingNumber(n: number, lang: Lang): string {
  return decimal(n, lang);
}

/** The value of a "switch" text: "true" is on, "false" or blank off. @throws SettingError for anything else. */
function switchValue(text: string, setting: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false' || t === '') return false;
  throw new SettingError([setting], '#VALUE!', `${setting} must be true or false, not '${text}'`, 'settingNotOneOf', { value: text, allowed: 'true, false' });
}

/** Sets a dotted path ("abc.limitA") of a plain object, making the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

/** Deletes a dotted path of a plain object; true when there was something to delete. */
function deletePath(target: Record<string, unknown>, path: string): boolean {
  const keys = path.split('.');
  let o: unknown = target;
  for (const k of keys.slice(0, -1)) {
    o = (o as Record<string, unknown> | undefined)?.[k];
    if (typeof o !== 'object' || o === null) return false;
  }
  const last = keys[keys.length - 1];
  if (!(last in (o as Record<string, unknown>))) return false;
  delete (o as Record<string, unknown>)[last];
  return true;
}

function problemOf(e: SettingError): SettingProblem {
  return { settings: e.settings, code: e.code, key: e.key, params: e.params, message: e.message };
}

/**
 * Reads settings from their texts and checks them as {@link resolveSettings} does, finding every
 * problem at once rather than the first: each text is read by its kind (a blank number is a problem;
 * a blank date is "not set"), then the settings are resolved again and again, each problem's settings
 * falling back to their defaults so that the next check can run ("limit A must be below limit B"
 * does not hide a bad number of days).
 * @param texts the settings as typed, in the order their problems are listed.
 * @param options the regional order of dates (null when unknown), and the settings the texts go over
 *   (not mutated).
 * @returns the settings input and its problems (none when it is good to run with).
 * @example settingsFromText([{ setting: 'abc.limitB', kind: 'limit', text: '95%' }], { dateOrder: 'dmy' }).input // { abc: { limitB: 0.95 } }
 */
export function settingsFromText(texts: readonly SettingText[], options: { dateOrder: SlashOrder | null; base?: SettingsInput }): SettingsFromText {
  const input = JSON.parse(JSON.stringify(options.base ?? {})) as SettingsInput;
  const problems: SettingProblem[] = [];
  for (const t of texts) {
    try {
      let value: unknown;
      if (t.kind === 'choice') value = t.text;
      else if (t.kind === 'switch') value = switchValue(t.text, t.setting);
      else if (t.kind === 'date') value = parseSettingDate(t.text, options.dateOrder, t.setting);
      else {
        value = parseSettingNumber(t.text, t.kind, t.setting);
        if (value === null) throw new SettingError([t.setting], '#VALUE!', `${t.setting} is blank: type a number`, 'settingBlank', {});
      }
      setPath(input as Record<string, unknown>, t.setting, value);
    } catch (e) {
      if (!isSettingError(e)) throw e;
      problems.push(problemOf(e));
    }
  }
  // settings that could not be read keep their defaults while the rest are checked
  const trial = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  for (;;) {
    try {
      resolveSettings(trial as SettingsInput);
      break;
    } catch (e) {
      if (!isSettingError(e)) throw e;
      problems.push(problemOf(e));
      const removed = e.settings.map((s) => deletePath(trial, s));
      if (!removed.some(Boolean)) break; // the defaults themselves fail: nothing more to learn
    }
  }
  const order = new Map(texts.map((t, i) => [t.setting, i]));
  const rank = (p: SettingProblem) => order.get(p.settings[0]) ?? texts.length;
  problems.sort((a, b) => rank(a) - rank(b));
  return { input, problems };
}
