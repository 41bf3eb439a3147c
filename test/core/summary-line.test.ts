/**
 * The run's summary line in English, Russian and Polish with their plural forms, the range address
 * and the source it names.
 */
import { plural, rangeAddress, segmentClients, sourceOf, summaryLine, texts, type Cell, type Lang } from '../../src/core';

/** `n` clients, one sale each on 2024-03-01, the first of them the largest. */
function clients(n: number, lang: Lang) {
  const rows: Cell[][] = [['Client', 'Amount', 'Date']];
  for (let i = 0; i < n; i++) rows.push([`C${i}`, i === 0 ? 1000 : 1, '2024-03-01']);
  return segmentClients(rows, { settings: { language: lang } });
}

describe('plural(forms, n, lang)', () => {
  // Russian: one for 1, 21, 101 (not 11); few for 2-4, 22-24 (not 12-14); many for 0, 5-20, 25-30, 11-14
  it.each([
    [1, '1 клиент'], [2, '2 клиента'], [4, '4 клиента'], [5, '5 клиентов'], [11, '11 клиентов'], [12, '12 клиентов'],
    [21, '21 клиент'], [22, '22 клиента'], [25, '25 клиентов'], [0, '0 клиентов'], [101, '101 клиент'], [111, '111 клиентов'],
  ])('plural(clients, %i, "ru") is "%s"', (n, text) => {
    expect(plural(texts('ru').run.clients, n, 'ru')).toBe(text);
  });

  // Polish: one only for 1; few for 2-4, 22-24 (not 12-14); many for the rest
  it.each([
    [1, '1 wiersz'], [2, '2 wiersze'], [4, '4 wiersze'], [5, '5 wierszy'], [12, '12 wierszy'], [21, '21 wierszy'], [22, '22 wiersze'], [9994, '9994 wiersze'],
  ])('plural(rows, %i, "pl") is "%s"', (n, text) => {
    expect(plural(texts('pl').run.rows, n, 'pl')).toBe(text);
  });

  it.each([[1, '1 key client'], [2, '2 key clients'], [0, '0 key clients']])('plural(keyClients, %i, "en") is "%s"', (n, text) => {
    expect(plural(texts('en').run.keyClients, n, 'en')).toBe(text);
  });

  it('plural(keyClients, n, "ru") agrees the adjective with the number: 1 ключевой клиент, 3 ключевых клиента, 5 ключевых клиентов', () => {
    expect([1, 3, 5].map((n) => plural(texts('ru').run.keyClients, n, 'ru'))).toEqual(['1 ключевой клиент', '3 ключевых клиента', '5 ключевых клиентов']);
  });

  it('plural(keyClients, n, "pl") gives 1 klient kluczowy, 3 klientów kluczowych', () => {
    expect([1, 3].map((n) => plural(texts('pl').run.keyClients, n, 'pl'))).toEqual(['1 klient kluczowy', '3 klientów kluczowych']);
  });
});

describe('summaryLine(result, files, source, seconds)', () => {
  // one client: 1000 of 1000, class A, bought on the analysis date: one key client
  it('summaryLine(one client, "en") says "1 client, 1 key client" and "1 row used"', () => {
    expect(summaryLine(clients(1, 'en'), ['out.xlsx', 'out.json'], 'sales.csv', 0.44)).toBe(
      '1 client, 1 key client, as of 2024-03-01; 1 row used, 0 skipped; source: sales.csv; wrote out.xlsx and out.json in 0.4 s',
    );
  });

  // 22 clients: C0 holds 1000 of 1021 = 97.9 %: before(C0) = 0 -> A; before(C1) = 0.979 -> C: one key client
  it('summaryLine(22 clients, "ru") speaks Russian with its plural forms and a decimal comma', () => {
    expect(summaryLine(clients(22, 'ru'), ['out.xlsx'], 'sales.xlsx, Sales!A1:C23', 1.25)).toBe(
      '22 клиента, 1 ключевой клиент, на 01.03.2024; в расчёте 22 строки, пропущено: 0; источник: sales.xlsx, Sales!A1:C23; записано: out.xlsx за 1,3 с',
    );
  });

  it('summaryLine(5 clients, "pl") speaks Polish with its plural forms', () => {
    expect(summaryLine(clients(5, 'pl'), ['a.xlsx', 'a.json'], 'a.csv', 2)).toBe(
      '5 klientów, 1 klient kluczowy, stan na 01.03.2024; uwzględniono 5 wierszy, pominięto: 0; źródło: a.csv; zapisano: a.xlsx i a.json w 2,0 s',
    );
  });

  // "uwzględniono" takes the accusative, which for "wiersz" is the form the count picks: 22 wiersze, 5 wierszy
  // ("użyto" took the genitive, so "użyto 22 wiersze" was wrong)
  it('summaryLine(22 clients, "pl") agrees the rows with the verb: "uwzględniono 22 wiersze"', () => {
    expect(summaryLine(clients(22, 'pl'), ['a.xlsx'], 'a.csv', 2)).toBe(
      '22 klientów, 1 klient kluczowy, stan na 01.03.2024; uwzględniono 22 wiersze, pominięto: 0; źródło: a.csv; zapisano: a.xlsx w 2,0 s',
    );
  });

  it('summaryLine(result without dates) says "no dates" in place of the analysis date', () => {
    const r = segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]);
    expect(summaryLine(r, ['o.xlsx'], 'in.csv', 0.1)).toMatch(/^2 clients, 2 key clients, no dates; 2 rows used, 0 skipped;/);
  });
});

describe('rangeAddress(sheet, firstRow, firstColumn, rows, columns) and sourceOf(file, table)', () => {
  it('rangeAddress("Sales", 1, 0, 9995, 9) is Sales!A1:I9995', () => {
    expect(rangeAddress('Sales', 1, 0, 9995, 9)).toBe('Sales!A1:I9995');
  });

  it('rangeAddress quotes a sheet name with a space or an apostrophe, as Excel writes it', () => {
    expect(rangeAddress('Q1 sales', 3, 1, 2, 2)).toBe("'Q1 sales'!B3:C4");
    expect(rangeAddress("Bob's", 1, 0, 1, 1)).toBe("'Bob''s'!A1:A1");
  });

  it('sourceOf names a text file alone and a workbook with its sheet and range', () => {
    expect(sourceOf('s.csv', { sheet: 's.csv', firstRow: 1, firstColumn: 0, cells: [['a', 'b']] })).toBe('s.csv');
    expect(sourceOf('s.xlsx', { sheet: 'Data', firstRow: 2, firstColumn: 1, cells: [['a', 'b', 'c'], ['x']] })).toBe('s.xlsx, Data!B2:D3');
  });
});
