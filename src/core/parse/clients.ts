import type { Cell } from '../types';

/**
 * A client's name as shown (METHODS.md section 0): trimmed, inner runs of white space folded to one
 * space. The same folding everywhere a client is named: the sales reader, the custom functions.
 * @param cell a client cell (text or number).
 * @returns the display name.
 * @example clientDisplay('  Acme   Ltd ') // 'Acme Ltd'
 */
export function clientDisplay(cell: Cell): string {
  const s = String(cell);
  return isFolded(s) ? s : s.trim().replace(/\s+/g, ' ');
}

/**
 * Whether trimming and folding would leave `s` as it is: no white space at its ends, and none inside
 * but single spaces (the usual name; the reader then makes no new string). White space as JavaScript's
 * `\s` and `trim` know it: tab to carriage return, space, U+00A0, U+1680, U+2000-U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF.
 */
function isFolded(s: string): boolean {
  let afterSpace = true; // a space first is a space at an end
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if ((c >= 9 && c <= 13) || (c >= 0x80 && isWideSpace(c))) {
      return false;
    } else {
      afterSpace = false;
    }
  }
  return !afterSpace;
}

/** White space above U+007F (see {@link isFolded}). */
function isWideSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whether a language has its own lower-casing rules (Turkish and Azerbaijani dotted and dotless i,
 * Lithuanian dots: the only ones in Unicode's SpecialCasing). Every other language, English, Russian
 * and Polish among them, lower-cases as String.prototype.toLowerCase does, and that is many times
 * faster than toLocaleLowerCase (a million names: 26 ms against 700 ms here).
 * @param locale a BCP 47 language tag ("en", "ru-RU", "tr").
 * @example hasOwnLowerCase('tr') // true; hasOwnLowerCase('pl') // false
 */
export function hasOwnLowerCase(locale: string): boolean {
  return /^(tr|az|lt)(?:[-_]|$)/i.test(locale);
}

/**
 * A client's key (METHODS.md section 0): the display name in locale-aware lower case, so "ACME  Ltd"
 * and "acme ltd" are one client.
 * @param cell a client cell (text or number).
 * @param locale the language of the lower-casing (default "en", as the sales reader's default).
 * @returns the key.
 * @example clientKey(' ACME  Ltd') === clientKey('acme ltd') // true
 */
export function clientKey(cell: Cell, locale = 'en'): string {
  const display = clientDisplay(cell);
  return hasOwnLowerCase(locale) ? display.toLocaleLowerCase(locale) : display.toLowerCase();
}
