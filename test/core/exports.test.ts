/**
 * Reading real exports (issue 7): the header below a title block, totals rows, a text file's lines
 * with more fields than headers, an explicit date order; docs/methods.md "Reading a sales range".
 * Every expected value is worked out by hand in the comments.
 */
import {
  dayOfDate, findHeaderRow, isTotalsLabel, readSales, resolveLayout, resolveSettings, segmentClients, segmentReadOptions, segmentSales, skippedText,
  texts, type Cell, type SkippedRow,
} from '../../src/core';
import { day, kcError } from './helpers';

type Rows = Cell[][];

/** Rows used + rows skipped = the non-empty rows under the header. */
function balance(s: ReturnType<typeof readSales>): [number, number] {
  return [s.client.length + s.skippedCount, s.dataRows - s.emptyRows];
}

describe('findHeaderRow(cells) and resolveLayout(cells): the header within the first rows', () => {
  const titled: Rows = [
    ['Отчёт о продажах за 2024 год', '', ''],
    ['Организация: ООО «Вектор»', '', ''],
    ['', '', ''],
    ['Контрагент', 'Сумма, руб.', 'Дата'],
    ['ООО Ромашка', '1 234,56', '15.01.2024'],
    ['ИП Иванов', 'n/a', '16.01.2024'],
    ['ООО Ромашка', 100, '17.01.2024'],
  ];

  it('findHeaderRow(cells) finds the header under a title block (index 3, sheet row 4)', () => {
    expect(findHeaderRow(titled)).toBe(3);
  });

  it('findHeaderRow(cells) is 0 when the first row is the header', () => {
    expect(findHeaderRow([['Client', 'Amount'], ['Acme', 1]])).toBe(0);
  });

  it('findHeaderRow(cells) is -1 when none of the first rows names a field', () => {
    expect(findHeaderRow([['Name', 'Value'], ['Acme', 1]])).toBe(-1);
  });

  it('findHeaderRow(cells) looks at the first 20 non-empty rows only', () => {
    const late: Rows = [...Array.from({ length: 20 }, (_, i) => [`title ${i}`, '']), ['Client', 'Amount'], ['Acme', 1]];
    expect(findHeaderRow(late)).toBe(-1);
    const withBlanks: Rows = [...Array.from({ length: 19 }, (_, i) => [`title ${i}`, '']), ['', ''], ['', ''], ['Client', 'Amount'], ['Acme', 1]];
    expect(findHeaderRow(withBlanks)).toBe(21);
  });

  it('findHeaderRow(cells) prefers a row naming client and amount over a title naming one field', () => {
    expect(findHeaderRow([['Продажи'], ['Клиент', 'Сумма'], ['Acme', 1]])).toBe(1);
  });

  it('resolveLayout(cells) reports the header row and its column names', () => {
    const l = resolveLayout(titled);
    expect([l.hasHeader, l.headerRow, l.mapping, l.headers]).toEqual([true, 3, { client: 0, amount: 1, date: 2 }, ['Контрагент', 'Сумма, руб.', 'Дата']]);
  });

  it('resolveLayout(cells, { headerRow }) takes the header row given', () => {
    const l = resolveLayout([['x', 'y'], ['Покупатель', 'Оборот'], ['Acme', 1]], { headerRow: 1, mapping: { client: 0, amount: 1 } });
    expect([l.hasHeader, l.headerRow, l.headers]).toEqual([true, 1, ['Покупатель', 'Оборот']]);
  });

  it('resolveLayout(cells, { hasHeader: false }) does not look for a header: row 1 is data', () => {
    const l = resolveLayout([['Acme', 5], ['Client', 'Amount']], { hasHeader: false, mapping: { client: 0, amount: 1 } });
    expect([l.hasHeader, l.headerRow]).toEqual([false, 0]);
  });

  it('resolveLayout(cells) without a header in the first rows says where it looked', () => {
    const e = kcError(() => resolveLayout([['Sales report'], ['Name', 'Value'], ['Acme', 1]]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('no client column: no header in the first 20 rows reads like Client / Клиент / Klient (first row: Sales report); map it by hand');
    expect(e.params).toEqual({ firstRow: 'Sales report', rows: 20 });
  });

  it('readSales(cells) reads the rows under the found header; rows above are neither counted nor skipped', () => {
    const s = readSales(titled);
    // data rows: sheet rows 5, 6, 7; row 6 has a bad amount
    expect([s.dataRows, s.emptyRows, s.skippedCount]).toEqual([3, 0, 1]);
    expect(balance(s)).toEqual([3, 3]);
  });

  it('readSales(cells) keeps sheet row numbers below a title block', () => {
    const s = readSales(titled);
    expect(Array.from(s.sheetRow)).toEqual([5, 7]);
    expect(s.skipped[0].reason).toBe("row 6: amount 'n/a' is not a number");
  });

  it('readSales(cells, { firstRow: 10 }) numbers rows from the range start', () => {
    expect(Array.from(readSales(titled, { firstRow: 10 }).sheetRow)).toEqual([14, 16]);
  });

  it('readSales(cells, { rowNumbers }) takes each row number given (a CSV value over two lines)', () => {
    const s = readSales([['Client', 'Amount'], ['Acme\nLtd', 1], ['Bolt', 'x']], { rowNumbers: [1, 2, 4] });
    expect(s.skipped[0].row).toBe(4);
    expect(Array.from(s.sheetRow)).toEqual([2]);
  });
});

describe('isTotalsLabel(text)', () => {
  it.each([
    'Итого', ' ИТОГО: ', 'Итог', 'Всего', 'Общий итог', 'Итого по клиентам', 'Всего за январь', 'итого:',
    'Total', 'Totals', 'TOTAL:', 'Grand Total', 'Subtotal', 'Sub-total', 'Total for 2024',
    'Razem', 'Suma', 'Ogółem', 'Podsumowanie', 'Razem dla klienta', 'Łącznie',
  ])('isTotalsLabel(%j) is true', (t) => {
    expect(isTotalsLabel(t)).toBe(true);
  });

  it.each(['Total Energies', 'Итоговая компания', 'Suma Sp. z o.o.', 'ООО Всеволод', 'Totalizator', 'Acme'])('isTotalsLabel(%j) is false', (t) => {
    expect(isTotalsLabel(t)).toBe(false);
  });
});

describe('readSales(cells): totals rows are skipped, not clients', () => {
  // A 1000, B 500, C 200, D 100, E 50: total 1850.
  // ABC by share 0.75 / 0.95 ("A while the clients above hold less than 75 %"):
  //   A: above 0 -> A; B: above 1000/1850 = 54.1 % -> A; C: above 1500/1850 = 81.1 % -> B;
  //   D: above 1700/1850 = 91.9 % -> B; E: above 1800/1850 = 97.3 % -> C.
  // Were "Итого" (1850) a client, the total would be 3700 and B (above 2850/3700 = 77 %) would be B,
  // D (above 3550/3700 = 95.9 %) C.
  const cells: Rows = [
    ['Контрагент', 'Сумма'],
    ['A', 1000],
    ['B', 500],
    ['C', 200],
    ['D', 100],
    ['E', 50],
    ['Итого', '1 850,00'],
  ];

  it('readSales(cells) skips a row whose client is a totals word, with the reason "totals row"', () => {
    const s = readSales(cells);
    expect(s.skipped).toEqual([{ row: 7, reason: "row 7: totals row (client 'Итого')", problem: 'totals', field: 'client', value: 'Итого' }]);
    expect(balance(s)).toEqual([6, 6]);
  });

  it('segmentSales: the totals row does not push real clients down a class (A, A, B, B, C)', () => {
    const r = segmentSales(readSales(cells), resolveSettings());
    expect(r.clients.map((c) => [c.client, c.abc])).toEqual([['A', 'A'], ['B', 'A'], ['C', 'B'], ['D', 'B'], ['E', 'C']]);
  });

  it('readSales(cells) skips a totals row whose word stands in another column, the client blank', () => {
    const s = readSales([['Order', 'Client', 'Amount'], ['O-1', 'Acme', 5], ['Всего:', '', 5]]);
    expect(s.skipped.map((x) => [x.row, x.problem, x.reason])).toEqual([[3, 'totals', "row 3: totals row (client 'Всего:')"]]);
  });

  it('readSales(cells, { sumFormulaCells }) skips a row whose amount is a SUM formula, whatever its client cell', () => {
    // "Grand" is no totals word: the formula alone marks the row
    const s = readSales([['Client', 'Amount'], ['A', 10], ['B', 5], ['Grand', 15]], { sumFormulaCells: [[3, 1]] });
    expect(s.skipped).toEqual([{ row: 4, reason: 'row 4: totals row (amount is a SUM/SUBTOTAL formula)', problem: 'totalsFormula', field: 'amount', value: '15' }]);
    expect(s.clientNames).toEqual(['A', 'B']);
  });

  it('readSales(cells, { sumFormulaCells }) ignores a SUM formula outside the amount column', () => {
    const s = readSales([['Client', 'Amount', 'Note'], ['A', 10, 3]], { sumFormulaCells: [[1, 2]] });
    expect([s.skippedCount, s.client.length]).toEqual([0, 1]);
  });

  it('segmentSales with a "Grand Total" SUM row: the classes of A..E stay A, A, B, B, C', () => {
    const withSum: Rows = [...cells.slice(0, 6), ['Grand Total', 1850]];
    const r = segmentSales(readSales(withSum, { sumFormulaCells: [[6, 1]] }), resolveSettings());
    expect(r.clients.map((c) => c.abc)).toEqual(['A', 'A', 'B', 'B', 'C']);
    expect(r.skipped[0].problem).toBe('totalsFormula');
  });
});

describe('readSales(cells, { delimiter }): a text file line with more fields than headers', () => {
  it('readSales skips "Acme,1234,56" under 2 headers, naming an unquoted decimal comma', () => {
    const s = readSales([['Client', 'Amount'], ['Acme', '1234', '56'], ['Bolt', '500']], { delimiter: ',' });
    expect(s.skipped).toEqual([
      {
        row: 2,
        reason: 'row 2: 3 fields under 2 headers (\'Acme,1234,56\'): a number with a comma in it, not in quotes? Put it in quotes ("1234,56") or write it with a dot',
        problem: 'extraFieldsComma',
        field: 'amount',
        value: 'Acme,1234,56',
        params: { fields: 3, columns: 2 },
      },
    ]);
    expect(balance(s)).toEqual([2, 2]);
    expect(Array.from(s.amount)).toEqual([500]);
  });

  it('readSales names a delimiter inside an unquoted value when no number was split', () => {
    const s = readSales([['Контрагент', 'Сумма'], ['ООО Ромашка', ' филиал', '500'], ['ИП Иванов', '300']], { delimiter: ';' });
    expect(s.skipped.map((x) => [x.problem, x.reason])).toEqual([
      ['extraFields', "row 2: 3 fields under 2 headers ('ООО Ромашка; филиал;500'): a value with the delimiter in it, not in quotes? Put that value in quotes"],
    ]);
  });

  it('readSales keeps a line whose extra fields are all empty (a trailing delimiter)', () => {
    const s = readSales([['Client', 'Amount'], ['Acme', '5', '', '']], { delimiter: ';' });
    expect([s.skippedCount, s.client.length]).toEqual([0, 1]);
  });

  it('readSales reads missing fields of a shorter line as blanks', () => {
    const s = readSales([['Client', 'Amount', 'Order'], ['Acme', '5'], ['Bolt', '7', 'O-2']], { delimiter: ';' });
    expect([s.skippedCount, Array.from(s.amount)]).toEqual([0, [5, 7]]);
  });

  it('readSales counts the header fields, not its names: an unnamed last column is no extra field', () => {
    const s = readSales([['Client', 'Amount', ''], ['Acme', '5', 'note']], { delimiter: ';' });
    expect(s.skippedCount).toBe(0);
  });

  it('readSales without a header compares with the commonest field count', () => {
    const s = readSales([['Acme', '5'], ['Bolt', '1234', '56'], ['Cato', '7']], { delimiter: ',', hasHeader: false, mapping: { client: 0, amount: 1 } });
    expect(s.skipped.map((x) => [x.row, x.problem])).toEqual([[2, 'extraFieldsComma']]);
  });

  it('readSales without the delimiter option (a workbook) reads cells past the header as before', () => {
    const s = readSales([['Client', 'Amount'], ['Acme', 5, 'note']]);
    expect(s.skippedCount).toBe(0);
  });
});

describe('readSales(cells, { dateOrder }): a date order set wins over the data', () => {
  const cells: Rows = [
    ['Client', 'Amount', 'Date'],
    ['Acme', 100, '01/02/2024'],
    ['Bolt', 50, '25/12/2024'],
    ['Acme', 10, '03/04/2024'],
  ];

  it('readSales(cells, { dateOrder: "mdy" }) reads 01/02/2024 as 2 January', () => {
    const s = readSales(cells, { dateOrder: 'mdy' });
    expect(Array.from(s.day)).toEqual([day(2024, 1, 2), day(2024, 3, 4)]);
    expect(s.slashOrder).toBe('mdy');
  });

  it('readSales(cells, { dateOrder: "mdy" }) skips 25/12/2024 saying it contradicts the order set', () => {
    const s = readSales(cells, { dateOrder: 'mdy' });
    expect(s.skipped).toEqual([
      { row: 3, reason: "row 3: date '25/12/2024' does not fit the date order mm/dd/yyyy that was set", problem: 'dateOrderSet', field: 'date', value: '25/12/2024', params: { order: 'mdy' } },
    ]);
    expect(balance(s)).toEqual([3, 3]);
  });

  it('readSales(cells, { dateOrder: "auto" }) takes day-first from 25/12/2024: 01/02/2024 is 1 February', () => {
    const s = readSales(cells, { dateOrder: 'auto', slashOrder: 'mdy' });
    expect(Array.from(s.day)).toEqual([day(2024, 2, 1), day(2024, 12, 25), day(2024, 4, 3)]);
    expect(s.slashOrder).toBe('dmy');
  });

  it('readSales(cells, { dateOrder: "dmy" }) keeps dd.mm.yyyy and ISO dates as they are', () => {
    const s = readSales([['Client', 'Amount', 'Date'], ['Acme', 1, '05.03.2024'], ['Bolt', 1, '2024-03-05']], { dateOrder: 'mdy' });
    expect(Array.from(s.day)).toEqual([day(2024, 3, 5), day(2024, 3, 5)]);
  });

  it('readSales(cells) in auto order says a date fits only the other order of the data', () => {
    // 13/01 makes the column day-first; 12/25 then fits only month-first
    const s = readSales([['Client', 'Amount', 'Date'], ['Acme', 1, '13/01/2024'], ['Bolt', 1, '12/25/2024']]);
    expect(s.skipped.map((x) => x.reason)).toEqual(["row 3: date '12/25/2024' does not fit the date order dd/mm/yyyy of the other dates"]);
  });

  it('readSales(cells, { dateOrder: "mdy" }) still calls a date that fits no order a bad date', () => {
    const s = readSales([['Client', 'Amount', 'Date'], ['Acme', 1, '32/13/2024'], ['Bolt', 1, '01/02/2024']], { dateOrder: 'mdy' });
    expect(s.skipped.map((x) => [x.problem, x.reason])).toEqual([['notDate', "row 2: date '32/13/2024' is not a date"]]);
  });
});

describe('segmentClients(cells, options): the reader\'s options and the date order set reach readSales', () => {
  const dated: Rows = [
    ['Client', 'Amount', 'Date'],
    ['Acme', 100, '01/02/2024'],
    ['Bolt', 50, '25/12/2024'],
    ['Acme', 10, '03/04/2024'],
  ];

  it('segmentClients(cells, { settings: { dateOrder: "mdy" } }) reads 01/02/2024 as 2 January and skips 25/12/2024 (the pane\'s setting wins)', () => {
    const r = segmentClients(dated, { settings: { dateOrder: 'mdy' } });
    // Acme: 2024-01-02 and 2024-03-04; Bolt's only row does not fit mm/dd
    expect(r.clients.map((c) => [c.client, c.firstPurchase, c.lastPurchase])).toEqual([['Acme', day(2024, 1, 2), day(2024, 3, 4)]]);
    expect(r.skipped.map((x) => [x.row, x.problem])).toEqual([[3, 'dateOrderSet']]);
  });

  it('segmentClients(cells, { settings: { dateOrder: "dmy" }, localeDateOrder: "mdy" }) keeps day-first: the setting wins over the locale', () => {
    const r = segmentClients([['Client', 'Amount', 'Date'], ['Acme', 1, '01/02/2024'], ['Acme', 1, '03/04/2024']], { settings: { dateOrder: 'dmy' }, localeDateOrder: 'mdy' });
    expect([r.clients[0].firstPurchase, r.clients[0].lastPurchase, r.slashOrder]).toEqual([day(2024, 2, 1), day(2024, 4, 3), 'dmy']);
  });

  it('segmentClients(cells, { localeDateOrder: "mdy" }) in auto order still lets the data decide (25/12 makes it day-first)', () => {
    const r = segmentClients(dated, { localeDateOrder: 'mdy' });
    expect(r.slashOrder).toBe('dmy');
    expect(r.validRows).toBe(3);
  });

  it('segmentClients(cells, { read: { sumFormulaCells } }) skips the SUM row as a totals row', () => {
    // without it "Grand" (15) would be the largest client
    const r = segmentClients([['Client', 'Amount'], ['A', 10], ['B', 5], ['Grand', 15]], { read: { sumFormulaCells: [[3, 1]] } });
    expect(r.clients.map((c) => c.client)).toEqual(['A', 'B']);
    expect(r.skipped.map((x) => [x.row, x.problem])).toEqual([[4, 'totalsFormula']]);
  });

  it('segmentClients(cells, { read: { delimiter, rowNumbers } }) skips a line with extra fields, naming its file line', () => {
    // the data rows stand on file lines 2 and 4 (a quoted value ran over line 3)
    const r = segmentClients([['Client', 'Amount'], ['Acme', '1234', '56'], ['Bolt', '500']], { read: { delimiter: ',', rowNumbers: [1, 2, 4] } });
    expect(r.skipped.map((x) => [x.row, x.problem])).toEqual([[2, 'extraFieldsComma']]);
    expect(r.clients.map((c) => [c.client, c.revenue, c.firstRow])).toEqual([['Bolt', 500, 4]]);
  });

  it('segmentClients(cells, { read: { headerRow } }) takes the header row given, the rows above it not data', () => {
    // row 1 names a client and an amount, but the caller knows the header is row 2
    const r = segmentClients([['Client', 'Amount'], ['Customer', 'Sales'], ['Acme', 5]], { read: { headerRow: 1 } });
    expect(r.headers).toEqual(['Customer', 'Sales']);
    expect(r.clients.map((c) => [c.client, c.firstRow])).toEqual([['Acme', 3]]);
  });

  it('segmentReadOptions(options, settings) passes the date order as set and the locale order as the fallback', () => {
    const o = segmentReadOptions({ localeDateOrder: 'mdy', read: { delimiter: ';' } }, resolveSettings({ dateOrder: 'dmy', language: 'ru' }));
    expect([o.dateOrder, o.slashOrder, o.delimiter, o.locale]).toEqual(['dmy', 'mdy', ';', 'ru']);
  });
});

describe('dayOfDate(date): a caller\'s today as a day number', () => {
  it('dayOfDate(1 March 2024, 23:59 local) is 19783, the local date whatever the time zone', () => {
    // 2024-03-01 - 1970-01-01: 54 years with 13 leap days (1972..2020) = 19723, + 31 (Jan) + 29 (Feb) = 19783
    expect(dayOfDate(new Date(2024, 2, 1, 23, 59))).toBe(19783);
    expect(dayOfDate(new Date(2024, 2, 1, 0, 0))).toBe(19783);
  });
});

describe('skippedText(row, lang) for the new reasons', () => {
  const rows: SkippedRow[] = [
    { row: 7, reason: '', problem: 'totals', field: 'client', value: 'Итого' },
    { row: 8, reason: '', problem: 'totalsFormula', field: 'amount', value: '1850' },
    { row: 9, reason: '', problem: 'extraFieldsComma', field: 'amount', value: 'Acme,1234,56', params: { fields: 3, columns: 2 } },
    { row: 10, reason: '', problem: 'extraFields', field: 'client', value: 'A;B;5', params: { fields: 3, columns: 2 } },
    { row: 11, reason: '', problem: 'dateOrderSet', field: 'date', value: '25/12/2024', params: { order: 'mdy' } },
    { row: 12, reason: '', problem: 'dateOrderData', field: 'date', value: '12/25/2024', params: { order: 'dmy' } },
  ];

  it('skippedText gives the Russian texts', () => {
    expect(rows.map((r) => skippedText(r, 'ru'))).toEqual([
      'строка 7: строка итогов (поле «клиент»: «Итого»)',
      'строка 8: строка итогов (поле «сумма» — формула СУММ/ПРОМЕЖУТОЧНЫЕ.ИТОГИ)',
      'строка 9: полей 3, а заголовков 2 («Acme,1234,56»): число с запятой не в кавычках? Заключите его в кавычки ("1234,56") или запишите с точкой',
      'строка 10: полей 3, а заголовков 2 («A;B;5»): разделитель внутри значения не в кавычках? Заключите это значение в кавычки',
      'строка 11: поле «дата»: «25/12/2024» не соответствует заданному порядку дат ММ/ДД/ГГГГ',
      'строка 12: поле «дата»: «12/25/2024» не соответствует порядку ДД/ММ/ГГГГ, в котором записаны остальные даты',
    ]);
  });

  it('skippedText gives the Polish texts', () => {
    expect(rows.map((r) => skippedText(r, 'pl'))).toEqual([
      'wiersz 7: wiersz podsumowania (pole „klient”: „Итого”)',
      'wiersz 8: wiersz podsumowania (pole „kwota” to formuła SUMA/SUMY.CZĘŚCIOWE)',
      'wiersz 9: pól 3, a nagłówków 2 („Acme,1234,56”): liczba z przecinkiem bez cudzysłowu? Ujmij ją w cudzysłów ("1234,56") albo zapisz z kropką',
      'wiersz 10: pól 3, a nagłówków 2 („A;B;5”): separator wewnątrz wartości bez cudzysłowu? Ujmij tę wartość w cudzysłów',
      'wiersz 11: pole „data”: „25/12/2024” nie pasuje do ustawionej kolejności dat MM/DD/RRRR',
      'wiersz 12: pole „data”: „12/25/2024” nie pasuje do kolejności DD/MM/RRRR, w jakiej zapisano pozostałe daty',
    ]);
  });

  it('every language has a skip text for every problem, with the same placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    const en = texts('en').skip as Record<string, string>;
    for (const lang of ['ru', 'pl'] as const) {
      const other = texts(lang).skip as Record<string, string>;
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en)) expect([k, placeholders(other[k])]).toEqual([k, placeholders(en[k])]);
    }
  });
});
