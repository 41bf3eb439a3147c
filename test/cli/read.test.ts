import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readInput } from '../../src/cli/read';
import { CliError, ExitCode } from '../../src/cli/exit';
import { cleanup, salesRows, sha256, tmpDir, writeXlsx } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

async function inputError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(ExitCode.INPUT);
    return (e as CliError).message;
  }
  throw new Error('expected an input error');
}

describe('readInput(file.xlsx)', () => {
  it('reads cells as Excel hands them: numbers, serial dates, text, formula results, error text, a blank row', async () => {
    const file = await writeXlsx(path.join(dir, 'sales.xlsx'), { Sales: salesRows() });
    const t = await readInput(file);
    expect(t.sheet).toBe('Sales');
    expect(t.firstRow).toBe(1);
    expect(t.firstColumn).toBe(0);
    expect(t.cells).toHaveLength(8);
    expect(t.cells[0]).toEqual(['Order ID', 'Order Date', 'Customer Name', 'Sales', 'Profit']);
    expect(t.cells[1]).toEqual(['O-1', 45306, 'Acme', 100, 10]);
    expect(t.cells[2]).toEqual(['O-2', 45342, 'Acme', 200, 20]);
    expect(t.cells[3]).toEqual(['O-3', 45356, 'Beta', '1 234,56', 5]);
    expect(t.cells[4].every((c) => c === '' || c === undefined)).toBe(true);
    expect(t.cells[5][3]).toBe('#N/A');
    expect(t.cells[6]).toEqual(['O-5', 45413, 'Delta', 50, 5]);
  });

  it('keeps the error code of a formula whose cached result is an error', async () => {
    const file = await writeXlsx(path.join(dir, 'formula-error.xlsx'), {
      S: [['Client', 'Amount'], ['A', { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue], ['B', 2]],
    });
    const t = await readInput(file);
    expect(t.cells[1]).toEqual(['A', '#DIV/0!']);
  });

  it('takes the first sheet with data, or the sheet named by --sheet', async () => {
    const file = await writeXlsx(path.join(dir, 'sheets.xlsx'), { Notes: [], First: [['Client', 'Amount'], ['A', 1]], Second: [['Client', 'Amount'], ['B', 2]] });
    expect((await readInput(file)).sheet).toBe('First');
    const t = await readInput(file, { sheet: 'second' });
    expect(t.sheet).toBe('Second');
    expect(t.cells[1]).toEqual(['B', 2]);
    expect(await inputError(readInput(file, { sheet: 'Third' }))).toBe("sheets.xlsx has no sheet 'Third' (sheets: Notes, First, Second)");
  });

  it('reads the used range when the table does not start at A1, with its sheet row and column', async () => {
    const file = await writeXlsx(path.join(dir, 'offset.xlsx'), { S: [[], [], [null, null, 'Client', 'Amount'], [null, null, 'A', 5]] });
    const t = await readInput(file);
    expect(t.firstRow).toBe(3);
    expect(t.firstColumn).toBe(2);
    expect(t.cells).toEqual([['Client', 'Amount'], ['A', 5]]);
  });

  it('restricts to --range and reports where the range starts', async () => {
    const file = await writeXlsx(path.join(dir, 'range.xlsx'), { Sales: salesRows() });
    const t = await readInput(file, { range: { firstRow: 2, lastRow: 4, firstColumn: 2, lastColumn: 3 } });
    expect(t.firstRow).toBe(2);
    expect(t.firstColumn).toBe(2);
    expect(t.cells).toEqual([['Acme', 100], ['Acme', 200], ['Beta', '1 234,56']]);
  });

  it('does not change the input file', async () => {
    const file = await writeXlsx(path.join(dir, 'hash.xlsx'), { Sales: salesRows() });
    const before = sha256(file);
    const mtime = fs.statSync(file).mtimeMs;
    await readInput(file);
    expect(sha256(file)).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('says clearly when a file is missing, not a workbook, or of an unsupported type', async () => {
    expect(await inputError(readInput(path.join(dir, 'nope.xlsx')))).toMatch(/^no such file: .*nope\.xlsx$/);
    fs.writeFileSync(path.join(dir, 'fake.xlsx'), 'this is not a zip');
    expect(await inputError(readInput(path.join(dir, 'fake.xlsx')))).toMatch(/^cannot read fake\.xlsx as an \.xlsx workbook/);
    fs.writeFileSync(path.join(dir, 'old.xls'), 'x');
    expect(await inputError(readInput(path.join(dir, 'old.xls')))).toMatch(/\.xls files are not supported/);
  });
});
