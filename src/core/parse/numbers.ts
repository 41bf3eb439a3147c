import type { Cell } from '../types';

const CURRENCY = '(?:₽|руб\\.?|р\\.|\\$|€|zł|pln|usd|eur|rub)';
/** A currency sign or word before or after the number (and a sign that may stand before it). */
const AROUND = new RegExp(`^([+\\-\u2212]?)\\s*${CURRENCY}?\\s*(.*?)\\s*${CURRENCY}?$`, 'iu');
const SPACE = /[\s\u00a0\u2007\u2009\u202f]/u;
/** Digits grouped by spaces: every group after the first has three digits. */
const SPACED = /^[+-]?\d{1,3}([\s\u00a0\u2007\u2009\u202f]\d{3})+([.,]\d*)?$/u;
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The error values Excel shows in a cell, as their text. */
export const EXCEL_ERROR_TEXTS: ReadonlySet<string> = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!',
  '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!', '#EXTERNAL!',
]);

/**
 * The Excel error a text cell holds ("#N/A", " #value! "): one of {@link EXCEL_ERROR_TEXTS}, spaces
 * and case ignored.
 * @param cell a cell as Excel hands it.
 * @returns the error text upper-cased, or null for any other value.
 * @example excelErrorText(" #value! ") // "#VALUE!"; excelErrorText("#1 Shop") // null
 */
export function excelErrorText(cell: Cell): string | null {
  if (typeof cell !== 'string' || cell.length < 4 || cell.indexOf('#') < 0) return null;
  const t = cell.trim().toUpperCase();
  return EXCEL_ERROR_TEXTS.has(t) ? t : null;
}

/**
 * Whether a cell is empty as Excel hands it.
 * @param cell a cell as Excel hands it.
 * @returns true for "", null, undefined, or a string of white space; false otherwise (0 and FALSE too).
 * @example isBlank("  ") // true; isBlank(0) // false
 */
export function isBlank(cell: Cell): boolean {
  return cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Reads a cell as a number by the cleaning rules of METHODS.md section 0.
 * A number cell is taken as is; a text cell loses a currency sign or word before or after the
 * number, spaces used as thousands separators (also no-break and thin ones: "1 234 567", never
 * "12 34"), and is read with "," or "." as decimal separator:
 * - a single comma and no dot: the comma is decimal ("1 234,56" = 1234.56);
 * - both: the last one is decimal ("1,234.56", "1.234,56");
 * - one kind repeated ("1,234,567", "1.234.567"): thousands separators (docs/methods.md);
 * - parentheses mean negative ("(120)" = -120); "−" (U+2212) is a minus.
 * @param cell a cell as Excel hands it.
 * @returns the number; `null` for a blank cell; `NaN` for a bad value (text that is no number,
 *   a boolean, an infinite number, an Excel error text such as "#N/A"). Never throws.
 * @example parseNumber("1 234,56") // 1234.56; parseNumber("(120)") // -120; parseNumber("12 34") // NaN; parseNumber("") // null
 */
export function parseNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NaN;
  if (cell === '' || cell === null || cell === undefined) return null;
  if (typeof cell !== 'string') return NaN;
  const simple = simpleNumber(cell);
  if (simple !== undefined) return simple;
  let s = cell.trim();
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const around = AROUND.exec(s);
  if (around) {
    const minus = around[1] === '-' || around[1] === '\u2212';
    s = around[2].replace(/^\u2212/, '-');
    if (minus) {
      if (negative || /^[+-]/.test(s)) return NaN;
      negative = true;
    }
  }
  if (negative && /^[+-]/.test(s)) return NaN;
  if (SPACE.test(s)) {
    if (!SPACED.test(s)) return NaN;
    s = s.replace(new RegExp(SPACE.source, 'gu'), '');
  }
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
    if (s.indexOf(',') >= 0) return NaN;
  } else if (comma >= 0) {
    s = s.indexOf(',') === comma ? s.replace(',', '.') : thousands(s, ',');
  } else if (dot >= 0 && s.indexOf('.') !== dot) {
    s = thousands(s, '.');
  }
  if (!PLAIN.test(s)) return NaN;
  const n = Number(s);
  if (!Number.isFinite(n)) return NaN;
  return negative ? -n : n;
}

/** Separators of thousands groups that {@link simpleNumber} reads: space, no-break, figure and thin spaces. */
function isGroupSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f;
}

/**
 * The common forms of an export's numbers, read without a regular expression or a new string (a
 * million rows of text amounts): an optional "-", digits, or 1-3 digits followed by groups of a space
 * and three digits, then an optional "," or "." and digits ("-1234", "34 154,32", "1234.5").
 * Gives the same value as the full rules (the integer over a power of ten is correctly rounded, as
 * Number() of the text is).
 * @returns the number, or undefined for any other form (the full rules then decide).
 */
function simpleNumber(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let mantissa = 0;
  let digits = 0;
  let group = 0;
  let grouped = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      group++;
    } else if (isGroupSpace(c)) {
      if (grouped ? group !== 3 : group < 1 || group > 3) return undefined;
      grouped = true;
      group = 0;
    } else {
      break;
    }
  }
  if (group === 0 || (grouped && group !== 3)) return undefined;
  let scale = 1;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c !== 44 && c !== 46) return undefined;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      mantissa = mantissa * 10 + d;
      digits++;
      scale *= 10;
    }
  }
  if (digits > 15) return undefined;
  const v = scale === 1 ? mantissa : mantissa / scale;
  return negative ? -v : v;
}

/** "1,234,567" -> "1234567" when every group after the first has three digits; else a bad value. */
function thousands(s: string, sep: string): string {
  const parts = s.split(sep);
  for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i])) return 'x';
  return parts.join('');
}
