/**
 * The writers' number text (src/cli/number-text.ts) and the workbook writer's test for texts that keep
 * their spaces: the reference is the JavaScript engine itself (`String(v)`, the regular expression
 * /^\s|\s$|[\t\n\r]/ of ECMAScript's white space), on hand-picked edges and on random values.
 */
import { putNumberText } from '../../src/cli/number-text';
import { keepsSpace } from '../../src/cli/xlsx-write/workbook';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };

const text = (v: number): string => {
  const buf = Buffer.alloc(64, 0x7e);
  const end = putNumberText(buf, 3, v);
  expect(buf.subarray(0, 3).toString('latin1')).toBe('~~~'); // nothing written before p
  return buf.toString('latin1', 3, end);
};

describe('putNumberText', () => {
  it('writes amounts of money as String does: cents, one decimal, none, negative, zero', () => {
    const values = [0, -0, 0.01, 0.1, 0.5, 1.05, 5005.62, 1308.1, -1980.74, -0.07, 100, -42, 0.3, 25043.05, 1234567.89, 999999999999.99, -999999999999.99];
    for (const v of values) expect(text(v)).toBe(String(v));
  });

  it('writes numbers that are not amounts of money as String does: long fractions, tiny, huge, halves and quarters past 10^12', () => {
    const values = [0.1 + 0.2, 1 / 3, 0.000003785602508518702, 4.79583152331272, 1e-7, -2.5e-8, 1e12 + 0.25, 1e12, 1.5e15, 123456789012345.67, 1e21, -1.7976931348623157e308, 5e-324, 2 ** 53, 0.015, 1.005, 1e15 + 0.25, -(1e15 + 0.75), 5e14 + 0.75, 3e13 + 0.5];
    for (const v of values) expect(text(v)).toBe(String(v));
  });

  it('agrees with String on 200,000 random cents, fractions, magnitudes and quarters past 10^12', () => {
    const rnd = prng(7);
    const buf = Buffer.alloc(64);
    const differ: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const sign = rnd() < 0.3 ? -1 : 1;
      const kind = i % 5;
      const magnitude = 10 ** Math.floor(rnd() * 16 - 3);
      const v =
        kind === 0
          ? (sign * Math.round(rnd() * magnitude * 100)) / 100 // cents
          : kind === 1
            ? sign * Math.round(rnd() * magnitude * 10) * 0.1 // tenths by multiplication (often not the decimal)
            : kind === 2
              ? sign * rnd() * magnitude
              : kind === 3
                ? sign * (Math.round(rnd() * 1e6) / 100 + Math.round(rnd() * 1e6) / 100) // sums of cents
                : sign * (Math.floor(rnd() * 10 ** (11 + rnd() * 5)) + Math.floor(rnd() * 4) / 4); // quarters near 10^12..10^16
      const written = buf.toString('latin1', 0, putNumberText(buf, 0, v));
      if (written !== String(v)) differ.push(`${String(v)} written ${written}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('keepsSpace', () => {
  const reference = /^\s|\s$|[\t\n\r]/;

  it('finds white space at either end and tabs or breaks within, as the regular expression does', () => {
    const cases = ['', ' ', 'a', ' a', 'a ', 'a b', 'a\tb', 'a\nb', 'a\rb', 'a\vb', '\va', 'a\f', '\u00a0a', 'a\u2007', '\u3000', '\ufeffa', 'a\u200b', '\u1680', 'Client 983129', 'Итого', '\ud83d\ude00'];
    for (const s of cases) expect([s, keepsSpace(s)]).toEqual([s, reference.test(s)]);
  });

  it('agrees with the regular expression on 100,000 random texts of spaces, breaks and letters', () => {
    const pool = ['a', 'Я', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\ud83d', '\ude00', '_', '0'];
    const rnd = prng(11);
    for (let i = 0; i < 100_000; i++) {
      let s = '';
      const n = Math.floor(rnd() * 6);
      for (let k = 0; k < n; k++) s += pool[Math.floor(rnd() * pool.length)];
      if (keepsSpace(s) !== reference.test(s)) expect(JSON.stringify(s)).toBe('a text the two tell apart');
    }
  });
});
