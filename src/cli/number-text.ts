/**
 * Numbers written as bytes the way JavaScript prints them (`String(v)`: the shortest text that reads
 * back as the same number), for the writers that put their output straight into buffers (the
 * workbook's cells, the --json records). Amounts of money (at most two decimals) are the commonest
 * numbers of a report and are written from their cents, without a string: `String(v)` of a number
 * with decimals costs several times more (measured: docs/notes-infra.md, "Where the time goes").
 */

/** Below this, doubles are closer than 0.0001 apart, so two decimals pin one double (see {@link putNumberText}). */
const CENTS_LIMIT = 1e12;

/**
 * Writes `v` at `p` in ASCII exactly as `String(v)` prints it; the buffer must have room for 25 bytes.
 * A number with at most two decimals below 10^12 in size is written from its cents: when `cents / 100`
 * is the number, the text of the cents (trailing zeros of the decimals dropped) reads back as the
 * number, and no shorter text does, since any other text with as few digits is at least 0.01 away
 * while doubles below 10^12 are less than 0.0002 apart; that shortest text is what `String` prints.
 * Other numbers go through `String`.
 * @param v a finite number.
 * @returns the position after the number.
 * @example putNumberText(buf, 0, -1234.5) // writes "-1234.5", returns 7
 */
export function putNumberText(buf: Uint8Array, p: number, v: number): number {
  const a = v < 0 ? -v : v;
  if (a < CENTS_LIMIT) {
    const cents = Math.round(a * 100);
    if (cents / 100 === a) {
      if (v < 0) buf[p++] = 45; // '-' (-0 is "0", as String prints it)
      const whole = Math.floor(cents / 100);
      const rest = cents - whole * 100;
      p = putDigits(buf, p, whole);
      if (rest !== 0) {
        buf[p++] = 46; // '.'
        buf[p++] = 48 + Math.floor(rest / 10);
        if (rest % 10 !== 0) buf[p++] = 48 + (rest % 10);
      }
      return p;
    }
  }
  const s = String(v);
  for (let k = 0; k < s.length; k++) buf[p++] = s.charCodeAt(k);
  return p;
}

/** Writes a whole number 0 <= n < 2^53 in decimal at `p`; returns the position after it. */
function putDigits(buf: Uint8Array, p: number, n: number): number {
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  const end = p + digits;
  for (let q = end - 1; q >= p; q--) {
    buf[q] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return end;
}
