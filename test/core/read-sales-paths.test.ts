/**
 * The sales reader was made faster (docs/notes-infra.md, "Reading the rows": numbered keys and order ids
 * in typed-array hash tables, the last row's client, order and date reused, lower case without the
 * locale where the locale has no rules of its own). It must read every table exactly as the reader
 * before it did: test/reference/read-sales-v1.ts is that reader, unchanged, and both read the same
 * random tables, with the awkward cells real exports have (the same client spelled several ways, rows
 * of one order, blank and shared order ids, totals rows, long names that start like a totals word,
 * Excel error texts, booleans and numbers as clients, bad amounts and dates, extra fields).
 */
import { readSales } from '../../src/core/parse/sales';
import { clientKey } from '../../src/core/parse/clients';
import { StringIds } from '../../src/core/parse/string-ids';
import type { Cell } from '../../src/core/types';
import { readSalesV1 } from '../reference/read-sales-v1';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };

/** A random table: `rows` rows of 5 to 7 cells under the header Client, Amount, Date, Order, Profit. */
function table(seed: number, rows: number): Cell[][] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const names = ['Acme', 'ACME', ' acme ', 'Acme  Ltd', 'acme ltd', 'Bolt', 'Итого', 'итого:', 'Total', 'Grand total', 'Total Energies', 'Ёжик', 'ЁЖИК', 'Łódź Sp.', 'ŁÓDŹ SP.', 'Straße', 'STRASSE', 'İstanbul', 'istanbul', '#N/A', ' #n/a ', 'K\u212Aelvin', 'kkelvin', `Итого${' '.repeat(70)}`, `Total ${'x'.repeat(70)}`, '\u00a0Acme\u00a0', 'Acme\tLtd', '', '  '];
  const cells: Cell[][] = [['Client', 'Amount', 'Date', 'Order', 'Profit']];
  let last: Cell[] = [];
  for (let r = 0; r < rows; r++) {
    // a third of the rows repeat the last row's client, order and date (the lines of one order)
    if (r > 0 && rnd() < 0.33) {
      const again = [...last];
      again[1] = String(Math.round(rnd() * 1000) / 10).replace('.', ',');
      cells.push(again);
      continue;
    }
    const client: Cell = rnd() < 0.05 ? pick([true, 42, 42.5, 7, null, undefined]) : rnd() < 0.5 ? pick(names) : `Client ${Math.floor(rnd() * 40)}`;
    const amount: Cell = pick(['12,5', '1 234,56', '-3', '(7)', 'n/a', '', 99, 0, '1,234.5', '12 34']);
    const date: Cell = pick(['2024-01-05', '05.01.2024', '13/02/2024', '02/13/2024', '', 'soon', 45300, '2024-02-30', '5.1.24']);
    const order: Cell = pick(['SO-1', 'SO-2', ' SO-1 ', 'SO-3', '', 17, 'so-1', `SO-${Math.floor(rnd() * 50)}`]);
    const profit: Cell = pick(['1,5', '', 'x', -2, '0']);
    const row: Cell[] = [client, amount, date, order, profit];
    if (rnd() < 0.03) row.push('extra');
    if (rnd() < 0.02) row.push('', '');
    if (rnd() < 0.02) row.length = 0;
    cells.push(row);
    last = row;
  }
  return cells;
}

describe('the sales reader reads as the reader before it did', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('on random awkward tables (seed %i)', (seed) => {
    const cells = table(seed, 3000);
    const options = { delimiter: seed % 2 ? ',' : undefined, dateOrder: seed % 3 === 0 ? ('mdy' as const) : undefined };
    expect(readSales(cells, options)).toEqual(readSalesV1(cells, options));
  });

  it('groups clients by locale-aware keys in Turkish too', () => {
    const cells = table(9, 2000);
    expect(readSales(cells, { locale: 'tr' })).toEqual(readSalesV1(cells, { locale: 'tr' }));
  });
});

describe('client keys without the locale', () => {
  it('are the locale-aware lower case for English, Russian and Polish on every letter of the first planes', () => {
    const letters: string[] = [];
    for (let c = 0; c < 0x3000; c++) letters.push(String.fromCharCode(c));
    letters.push('\u{1D400}', '\u{10400}', 'ǅ', 'ΣΑΣ', 'İI', 'ŁĄĆĘŃÓŚŹŻ', 'ЁЙЪ');
    const text = letters.join('');
    const folded = text.trim().replace(/\s+/g, ' ');
    for (const locale of ['en', 'ru', 'pl', 'en-US', 'ru-RU', 'pl-PL']) expect(clientKey(text, locale)).toBe(folded.toLocaleLowerCase(locale));
  });

  it('keep Turkish dotted and dotless i apart', () => {
    expect(clientKey('İSTANBUL', 'tr')).toBe('istanbul');
    expect(clientKey('IRMAK', 'tr')).toBe('ırmak');
  });
});

describe('StringIds', () => {
  it('numbers strings in order of first appearance', () => {
    const ids = new StringIds();
    expect(['b', 'a', 'b', 'c', 'a'].map((s) => ids.id(s))).toEqual([0, 1, 0, 2, 1]);
    expect(ids.values).toEqual(['b', 'a', 'c']);
  });

  it('finds without adding, then adds what it did not find', () => {
    const ids = new StringIds();
    expect(ids.find('x')).toBe(-1);
    expect(ids.addFound('x')).toBe(0);
    expect(ids.find('x')).toBe(0);
    expect(ids.size).toBe(1);
  });

  it('keeps every id when it grows far past its first size', () => {
    const ids = new StringIds(4);
    for (let i = 0; i < 50_000; i++) expect(ids.id(`k${i}`)).toBe(i);
    for (let i = 0; i < 50_000; i += 997) expect(ids.find(`k${i}`)).toBe(i);
    expect(ids.find('k50000')).toBe(-1);
  });

  it('tells apart strings that are equal in length and close in content', () => {
    const ids = new StringIds();
    const strings = ['ab', 'ba', 'a\u0000b', 'aB', '', ' ', 'Ab'];
    expect(strings.map((s) => ids.id(s))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
