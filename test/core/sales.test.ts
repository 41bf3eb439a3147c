/**
 * readSales: cleaning of a sales range, METHODS.md section 0 and docs/methods.md "Reading a sales range".
 */
import { readSales } from '../../src/core';
import type { Cell } from '../../src/core';
import { day, deepFreeze, kcError } from './helpers';

type Rows = Cell[][];

describe('readSales(cells) reads valid rows', () => {
  const cells: Rows = [
    ['Client', 'Amount', 'Date'],
    ['Acme', 100, '2024-01-05'],
    ['Beta', '1 234,50', 45292],
  ];

  it('readSales(cells) detects the header and the columns', () => {
    const s = readSales(cells);
    expect(s.hasHeader).toBe(true);
    expect(s.mapping).toEqual({ client: 0, amount: 1, date: 2 });
  });

  it('readSales(cells) parses amounts written as text', () => {
    expect(Array.from(readSales(cells).amount)).toEqual([100, 1234.5]);
  });

  it('readSales(cells) parses ISO and serial dates', () => {
    expect(Array.from(readSales(cells).day)).toEqual([day(2024, 1, 5), day(2024, 1, 1)]);
  });

  it('readSales(cells) gives each valid row its sheet row number', () => {
    expect(Array.from(readSales(cells).sheetRow)).toEqual([2, 3]);
  });

  it('readSales(cells, { firstRow: 10 }) offsets sheet row numbers by the range position', () => {
    expect(Array.from(readSales(cells, { firstRow: 10 }).sheetRow)).toEqual([11, 12]);
  });

  it('readSales(cells) does not mutate its input', () => {
    const frozen = deepFreeze(cells.map((r) => [...r]));
    expect(() => readSales(frozen)).not.toThrow();
    expect(frozen).toEqual(cells);
  });
});

describe('readSales(cells) skips empty rows silently', () => {
  const cells: Rows = [
    ['Client', 'Amount'],
    ['Acme', 100],
    ['', ''],
    [null, undefined],
    ['Beta', 50],
  ];

  it('readSales(cells) keeps the two rows with data', () => {
    expect(readSales(cells).clientNames).toEqual(['Acme', 'Beta']);
  });

  it('readSales(cells) counts the empty rows without reporting them', () => {
    const s = readSales(cells);
    expect(s.emptyRows).toBe(2);
    expect(s.skipped).toEqual([]);
    expect(s.skippedCount).toBe(0);
  });
});

describe('readSales(cells) skips and reports bad rows', () => {
  const cells: Rows = [
    ['Client', 'Amount', 'Date', 'Profit'],
    ['Acme', 100, '2024-01-05', 10],
    ['Beta', 'n/a', '2024-01-05', 10],
    ['', 20, '2024-01-05', 1],
    ['Gamma', 30, '31.02.2024', 1],
    ['Delta', '', '2024-01-05', 1],
    ['Eps', 40, '', 1],
    ['Zeta', 50, '2024-01-06', 'lots'],
    ['Eta', 60, '2024-01-07', ''],
  ];
  const s = readSales(cells, { firstRow: 5 });

  it('readSales(cells, { firstRow: 5 }) keeps only the good rows (a blank profit counts as 0)', () => {
    expect(s.clientNames).toEqual(['Acme', 'Eta']);
    expect(Array.from(s.profit)).toEqual([10, 0]);
  });

  it('readSales(cells, { firstRow: 5 }) reports every bad row by its sheet row number', () => {
    expect(s.skipped.map((x) => x.row)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(s.skippedCount).toBe(6);
  });

  it("readSales(cells) says a bad amount is not a number, quoting it: \"row 7: amount ... 'n/a' is not a number\"", () => {
    expect(s.skipped[0].reason).toMatch(/^row 7: amount\b.*'n\/a' is not a number$/);
  });

  it('readSales(cells) says a blank client is blank', () => {
    expect(s.skipped[1].reason).toMatch(/^row 8: client\b.*is blank$/);
  });

  it("readSales(cells) says an impossible date is not a date: \"row 9: date ... '31.02.2024' is not a date\"", () => {
    expect(s.skipped[2].reason).toMatch(/^row 9: date\b.*'31\.02\.2024' is not a date$/);
  });

  it('readSales(cells) says a blank amount is blank', () => {
    expect(s.skipped[3].reason).toMatch(/^row 10: amount\b.*is blank$/);
  });

  it('readSales(cells) says a blank date is blank when there is a date column', () => {
    expect(s.skipped[4].reason).toMatch(/^row 11: date\b.*is blank$/);
  });

  it('readSales(cells) skips a row whose profit is text (docs/methods.md)', () => {
    expect(s.skipped[5].reason).toMatch(/^row 12: profit\b.*'lots' is not a number$/);
  });

  it('readSales(cells) skips a row whose client is an Excel error or a boolean (docs/methods.md)', () => {
    const r = readSales([['Client', 'Amount'], ['#N/A', 1], [true, 2], ['Acme', 3]]);
    expect(r.clientNames).toEqual(['Acme']);
    expect(r.skipped.map((x) => x.row)).toEqual([2, 3]);
  });
});

describe('readSales(cells) errors', () => {
  it('readSales(every row bad) is an error, not an empty result', () => {
    const e = kcError(() => readSales([['Client', 'Amount'], ['Acme', 'n/a'], ['Beta', 'x']]));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/row 2/);
  });

  it('readSales(header only) is an error', () => {
    expect(kcError(() => readSales([['Client', 'Amount']])).code).toBe('#N/A');
  });

  it('readSales(header and empty rows only) is an error', () => {
    expect(kcError(() => readSales([['Client', 'Amount'], ['', ''], ['', '']])).code).toBe('#N/A');
  });

  it('readSales([]) is an error: the range is empty', () => {
    expect(kcError(() => readSales([])).code).toBe('#N/A');
  });

  it('readSales([[]]) is an error: the range is empty', () => {
    expect(kcError(() => readSales([[]])).code).toBe('#N/A');
  });

  it('readSales(no client column) is an error naming the client column', () => {
    const e = kcError(() => readSales([['Name', 'Amount'], ['Acme', 1]]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/client/i);
  });

  it('readSales(no amount column) is an error naming the amount column', () => {
    const e = kcError(() => readSales([['Client', 'Value?'], ['Acme', 1]]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/amount/i);
  });

  it('readSales(cells, { mapping: { client: 5 } }) is an error: the column is outside the range', () => {
    expect(kcError(() => readSales([['Client', 'Amount'], ['Acme', 1]], { mapping: { client: 5 } })).code).toBe('#N/A');
  });
});

describe('readSales(cells) folds client keys', () => {
  const cells: Rows = [
    ['Client', 'Amount'],
    ['  Acme   Ltd ', 1],
    ['ACME LTD', 2],
    ['acme\tltd', 3],
    ['Beta', 4],
  ];

  it('readSales(cells) groups names that differ in case and spaces into one client', () => {
    expect(Array.from(readSales(cells).client)).toEqual([0, 0, 0, 1]);
  });

  it("readSales(cells) shows the first row's spelling, trimmed and space-folded", () => {
    expect(readSales(cells).clientNames).toEqual(['Acme Ltd', 'Beta']);
  });

  it('readSales(cells) keeps the case-folded key', () => {
    expect(readSales(cells).clientKeys).toEqual(['acme ltd', 'beta']);
  });

  it('readSales(Cyrillic names, { locale: "ru" }) folds Cyrillic case', () => {
    const s = readSales([['Клиент', 'Сумма'], ['ООО Ромашка', 1], ['ооо  РОМАШКА', 2]], { locale: 'ru' });
    expect(s.clientNames).toEqual(['ООО Ромашка']);
  });

  it('readSales(cells) treats the number 12345 and the text "12345" as one client', () => {
    const s = readSales([['Client', 'Amount'], [12345, 1], ['12345', 2]]);
    expect(s.clientNames).toEqual(['12345']);
  });
});

describe('readSales(cells, options) mapping and header', () => {
  it('readSales(rows without header, { mapping }) reads the first row as data', () => {
    const s = readSales([['Acme', 100], ['Beta', 50]], { mapping: { client: 0, amount: 1 } });
    expect(s.hasHeader).toBe(false);
    expect(s.clientNames).toEqual(['Acme', 'Beta']);
  });

  it('readSales(cells, { mapping }) lets a manual mapping override detection', () => {
    const s = readSales([['Client', 'Amount', 'Net'], ['Acme', 100, 90]], { mapping: { amount: 2 } });
    expect(Array.from(s.amount)).toEqual([90]);
  });

  it('readSales(mm/dd column) reads the dates month-first because a second part is above 12', () => {
    const s = readSales([['Client', 'Amount', 'Date'], ['A', 1, '02/03/2024'], ['B', 1, '01/13/2024']]);
    expect(s.slashOrder).toBe('mdy');
    expect(s.day[0]).toBe(day(2024, 2, 3));
  });

  it('readSales(dd/mm column) reads the dates day-first because a first part is above 12', () => {
    const s = readSales([['Client', 'Amount', 'Date'], ['A', 1, '02/03/2024'], ['B', 1, '13/01/2024']], { slashOrder: 'mdy' });
    expect(s.slashOrder).toBe('dmy');
    expect(s.day[0]).toBe(day(2024, 3, 2));
  });

  it('readSales(undecided column, { slashOrder: "mdy" }) follows the locale', () => {
    const s = readSales([['Client', 'Amount', 'Date'], ['A', 1, '02/03/2024']], { slashOrder: 'mdy' });
    expect(s.day[0]).toBe(day(2024, 2, 3));
  });

  it('readSales(cells) keeps the first non-blank manager of each client', () => {
    const s = readSales([['Client', 'Amount', 'Manager'], ['A', 1, ''], ['A', 1, 'Ivanova'], ['A', 1, 'Petrov']]);
    expect(s.attributes.manager).toEqual(['Ivanova']);
  });
});
