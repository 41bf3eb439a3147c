import type { Cell } from '../types';

const CURRENCY = /(₽|руб\.?|р\.|\$|€|zł|pln|usd|eur|rub)/giu;
const SPACES = /[\s\u00a0\u2007\u2009\u202f]/gu;
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** True for an empty cell as Excel hands it: "", null, undefined, or a string of spaces. */
export function isBlank(cell: Cell): boolean {
  return cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Reads a cell as a number by the cleaning rules of METHODS.md section 0.
 * A number cell is taken as is; a text cell loses spaces (also no-break and thin ones), a currency
 * sign or word, and is read with "," or "." as decimal separator:
 * - a single comma and no dot: the comma is decimal ("1 234,56" = 1234.56);
 * - both: the last one is decimal ("1,234.56", "1.234,56");
 * - one kind repeated ("1,234,567", "1.234.567"): thousands separators (docs/methods.md);
 * - parentheses mean negative ("(120)" = -120); "−" (U+2212) is a minus.
 * @returns the number; `null` for a blank cell; `NaN` for a bad value (text that is no number,
 *   a boolean, an infinite number, an Excel error text such as "#N/A").
 * @example parseNumber("1 234,56") // 1234.56
 */
export function parseNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NaN;
  if (cell === '' || cell === null || cell === undefined) return null;
  if (typeof cell !== 'string') return NaN;
  let s = cell.replace(SPACES, '');
  if (s === '') return null;
  s = s.replace(CURRENCY, '').replace(/\u2212/g, '-');
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  // a sign may stand before or after a currency sign that was removed: "-$5", "$-5"
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

/** "1,234,567" -> "1234567" when every group after the first has three digits; else a bad value. */
function thousands(s: string, sep: string): string {
  const parts = s.split(sep);
  for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i])) return 'x';
  return parts.join('');
}
