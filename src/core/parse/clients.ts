import type { Cell } from '../types';

/**
 * A client's name as shown (METHODS.md section 0): trimmed, inner runs of white space folded to one
 * space. The same folding everywhere a client is named: the sales reader, the custom functions.
 * @param cell a client cell (text or number).
 * @returns the display name.
 * @example clientDisplay('  Acme   Ltd ') // 'Acme Ltd'
 */
export function clientDisplay(cell: Cell): string {
  return String(cell).trim().replace(/\s+/g, ' ');
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
  return clientDisplay(cell).toLocaleLowerCase(locale);
}
