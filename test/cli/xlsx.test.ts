/**
 * The streamed workbook against the report model it was written from, read back by two independent
 * readers: exceljs's full reader and LibreOffice (headless, re-saving it as .xlsx, which exceljs then
 * reads). The expected cells come from the model's own layout rules (model.ts: blocks from A1 down with
 * one empty row between them; a table is its bold title, the header, the rows and its note), not from
 * the writer. Python's zipfile checks the zip container (CRCs, sizes) on its own.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { buildReport, columnLetter, segmentClients, tableRows, type Cell, type ReportModel, type ReportTable } from '../../src/core';
import { TABLE_STYLE, writeReportXlsx } from '../../src/cli/write-xlsx';
import { MAX_SHEET_ROWS, StyleSheet, writeXlsx, xmlText, type SheetSpec } from '../../src/cli/xlsx/workbook';
import { cleanup, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

const SERIAL_2024_01_15 = 45306;

/** Sales with texts every writer gets wrong somewhere: markup, quotes, formulas, spaces, emoji, a control character, an escape look-alike. */
function sales(): Cell[][] {
  return [
    ['Order ID', 'Order Date', 'Customer Name', 'Region', 'Sales', 'Profit'],
    ['O-1', SERIAL_2024_01_15, 'A & B <Trading> "Ltd"', 'North & <South>', 1000, 100],
    ['O-2', SERIAL_2024_01_15 + 40, '=HYPERLINK("http://evil","x")', '@SUM(A1)', 500, 50],
    ['O-3', SERIAL_2024_01_15 + 80, '+7 900 123', '-1', 70, 5],
    ['O-4', SERIAL_2024_01_15 + 120, 'Zoë ☃ 😀 Łódź', 'tab\there', 20, -3],
    ['O-5', SERIAL_2024_01_15 + 150, 'x_x0041_y', 'ctrl\u0001char', 300, 30],
    ['O-6', SERIAL_2024_01_15 + 151, 'Beta', ' West ', 40, 4],
    ['O-7', SERIAL_2024_01_15 + 152, 'Gamma', 'East', 'n/a', 4],
  ];
}

interface Expected {
  value: string | number | boolean | null;
  numFmt?: string;
  fill?: string;
  bold?: boolean;
}

/** Every cell the model says a sheet holds, by address ("B7"). */
function expectedCells(model: ReportModel): Map<string, Map<string, Expected>> {
  const sheets = new Map<string, Map<string, Expected>>();
  for (const sheet of model.sheets) {
    const cells = new Map<string, Expected>();
    const put = (row: number, col: number, e: Expected) => cells.set(`${columnLetter(col)}${row}`, e);
    let row = 1;
    sheet.blocks.forEach((b, i) => {
      if (i > 0) row++;
      put(row++, 0, { value: b.title, bold: true });
      if (b.kind === 'notes') {
        for (const line of b.lines) put(row++, 0, { value: line });
        return;
      }
      b.columns.forEach((c, j) => put(row, j, { value: c.header }));
      row++;
      const rows = tableRows(b);
      for (let k = 0; k < rows.length; k++) {
        rows.row(k).forEach((v, j) => {
          const c = b.columns[j];
          const general = c.numFmt === 'General';
          const e: Expected = { value: v };
          if (!general) e.numFmt = typeof v === 'string' ? '@' : c.numFmt;
          if (typeof v === 'string' && c.fills?.[v]) e.fill = `FF${c.fills[v]}`;
          if (v !== null || !general) put(row, j, e);
        });
        row++;
      }
      if (!rows.length) row++;
      if (b.note) put(row++, 0, { value: b.note });
    });
    sheets.set(sheet.name, cells);
  }
  return sheets;
}

/**
 * A cell as the model holds it: a date-formatted number back to its serial, rich text to its text; a
 * formula's result when `formulas` (LibreOffice re-saves TRUE as the formula TRUE()).
 */
function plain(cell: ExcelJS.Cell, formulas = false): string | number | boolean | null {
  let v = cell.value;
  if (formulas && v && typeof v === 'object' && 'formula' in v) {
    // exceljs leaves out a false result
    v = (v.result as ExcelJS.CellValue) ?? (v.formula === 'FALSE()' ? false : null);
  }
  if (v instanceof Date) return Math.round((v.getTime() / 86_400_000 + 25_569) * 1e6) / 1e6;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return v as string | number | boolean | null;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' && f.pattern === 'solid' ? f.fgColor?.argb : undefined;
}

/** Every non-empty or formatted cell of a sheet, by address. */
function actualCells(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Cell> {
  const cells = new Map<string, ExcelJS.Cell>();
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => cells.set(cell.address, cell)));
  return cells;
}

/** The expected number when `actual` is within LibreOffice's precision of it (it re-saves doubles with 15 digits). */
const within15Digits = (actual: unknown, expected: unknown) =>
  typeof actual === 'number' && typeof expected === 'number' && Math.abs(actual - expected) <= 1e-14 * Math.max(1, Math.abs(expected)) ? expected : actual;

/** LibreOffice writes "yyyy\-mm\-dd" for yyyy-mm-dd and "General" where there is none. */
const sameFormat = (fmt: string | undefined) => (fmt && fmt !== 'General' ? fmt.replace(/\\/g, '') : undefined);

const model = () => buildReport(segmentClients(sales(), { settings: { language: 'en' } }));

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('writeReportXlsx(model, file) read back by exceljs', () => {
  it('holds every cell of the model with its value, number format, class fill and bold title, and nothing else', async () => {
    const m = model();
    const file = path.join(dir, 'model.xlsx');
    await writeReportXlsx(m, file);
    const wb = await readBack(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(m.sheets.map((s) => s.name));
    for (const [name, expected] of expectedCells(m)) {
      const actual = actualCells(wb.getWorksheet(name)!);
      expect([name, [...actual.keys()].sort()]).toEqual([name, [...expected.keys()].sort()]);
      for (const [address, e] of expected) {
        const cell = actual.get(address)!;
        // exceljs does not decode the _xHHHH_ escape in inline strings (Excel and LibreOffice do: see below)
        const value = typeof e.value === 'string' && /_x[0-9A-F]{4}_/i.test(e.value) ? plain(cell) : e.value;
        expect([name, address, plain(cell), sameFormat(cell.numFmt), fillOf(cell), !!cell.font?.bold]).toEqual([name, address, value, e.numFmt, e.fill, !!e.bold]);
        expect([address, cell.type]).not.toEqual([address, ExcelJS.ValueType.Formula]);
      }
    }
  });

  it('writes every text as a text cell, never as a formula', async () => {
    const file = path.join(dir, 'text.xlsx');
    await writeReportXlsx(model(), file);
    const ws = (await readBack(file)).getWorksheet('Clients')!;
    const texts = [...actualCells(ws).values()].filter((c) => typeof c.value === 'string');
    expect(texts.map((c) => c.value)).toEqual(expect.arrayContaining(['=HYPERLINK("http://evil","x")', '+7 900 123', '@SUM(A1)', '-1']));
    expect(texts.every((c) => c.type === ExcelJS.ValueType.String && c.formula === undefined)).toBe(true);
  });

  it('makes each table an Excel table with its name, range, header names and style', async () => {
    const m = model();
    const file = path.join(dir, 'tables.xlsx');
    await writeReportXlsx(m, file);
    const wb = await readBack(file);
    for (const sheet of m.sheets) {
      let row = 1;
      const ws = wb.getWorksheet(sheet.name)! as unknown as { tables: Record<string, { table: { tableRef: string; headerRow: boolean; style: { theme: string }; columns: Array<{ name: string }> } }> };
      sheet.blocks.forEach((b, i) => {
        if (i > 0) row++;
        if (b.kind === 'notes') {
          row += 1 + b.lines.length;
          return;
        }
        const n = Math.max(1, tableRows(b).length);
        const t = ws.tables[b.tableName]?.table;
        expect([b.tableName, t?.tableRef, t?.headerRow, t?.style.theme, t?.columns.map((c) => c.name)]).toEqual([
          b.tableName, `A${row + 1}:${columnLetter(b.columns.length - 1)}${row + 1 + n}`, true, TABLE_STYLE, b.columns.map((c) => c.header),
        ]);
        row += 2 + n + (b.note ? 1 : 0);
      });
    }
  });

  it('freezes the panes the model asks for and gives columns the widest width their tables ask for', async () => {
    const m = model();
    const file = path.join(dir, 'views.xlsx');
    await writeReportXlsx(m, file);
    const wb = await readBack(file);
    for (const sheet of m.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      const view = ws.views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
      if (sheet.freeze) expect([sheet.name, view?.state, view?.xSplit ?? 0, view?.ySplit ?? 0]).toEqual([sheet.name, 'frozen', sheet.freeze.columns, sheet.freeze.rows]);
      else expect([sheet.name, view?.state ?? 'normal']).toEqual([sheet.name, 'normal']);
      const widths: number[] = [];
      for (const b of sheet.blocks) if (b.kind === 'table') b.columns.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.width)));
      widths.forEach((w, j) => expect([sheet.name, j, ws.getColumn(j + 1).width]).toEqual([sheet.name, j, w]));
    }
  });

  it('writes a zip that Python\'s zipfile finds whole (every CRC and size right)', async () => {
    const file = path.join(dir, 'zip.xlsx');
    await writeReportXlsx(model(), file);
    const out = execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.namelist()))', file], { encoding: 'utf8' });
    const [bad, count] = out.trim().split('\n');
    expect(bad).toBe('None');
    expect(Number(count)).toBeGreaterThan(10);
  });

  it('leaves no file and no temporary file when the folder cannot be written', async () => {
    const file = path.join(dir, 'missing-folder', 'r.xlsx');
    await expect(writeReportXlsx(model(), file)).rejects.toThrow(/ENOENT/);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});

describe('the SpreadsheetML writer', () => {
  it('xmlText escapes markup and writes what XML cannot carry as _xHHHH_, escaping an underscore that would start one', () => {
    // ECMA-376 Part 1, 22.9.2.19 ST_Xstring: _xHHHH_ is a UTF-16 code unit; a literal one starts with _x005F_
    expect(xmlText('A & B <c> "d"')).toBe('A &amp; B &lt;c&gt; &quot;d&quot;');
    expect(xmlText('ctrl\u0001\u001fend')).toBe('ctrl_x0001__x001F_end');
    expect(xmlText('x_x0041_y and _x12_')).toBe('x_x005F_x0041_y and _x12_');
    expect(xmlText('tab\tline\nZoë 😀')).toBe('tab\tline\nZoë 😀');
  });

  it('gives built-in number formats their Excel ids and the others ids from 164', () => {
    const styles = new StyleSheet();
    styles.id({ numFmt: '#,##0.00' });
    styles.id({ numFmt: '0.0%' });
    styles.id({ numFmt: '@' });
    const xml = styles.xml();
    expect(xml).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>');
    expect(xml).toContain('<xf numFmtId="4" ');
    expect(xml).toContain('<xf numFmtId="49" ');
  });

  it('writes each number as JavaScript prints it (String(v)), cents and sums of cents alike', async () => {
    const numbers = [0, 7, -7, 0.05, -0.05, 0.5, 1234.5, 1234.56, 99_999_999_999.99, 0.1 + 0.2, 268602.2100000001, 1 / 3, 1e-7, 1e21, 2 ** 53, -1.5e300];
    const file = path.join(dir, 'numbers.xlsx');
    const sheet: SheetSpec = { name: 'N', widths: [], tables: [], write: async (rows) => rows.row(1, numbers) };
    await writeXlsx(file, { creator: 'test', title: 't', subject: 's', created: new Date(0) }, new StyleSheet(), [sheet]);
    const xml = execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', file], { encoding: 'utf8' });
    expect([...xml.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1])).toEqual(numbers.map(String));
  });

  it(`refuses a row past ${MAX_SHEET_ROWS} and leaves no file behind`, async () => {
    const file = path.join(dir, 'too-long.xlsx');
    const sheet: SheetSpec = { name: 'S', widths: [], tables: [], write: async (rows) => rows.row(MAX_SHEET_ROWS + 1, ['x']) };
    const props = { creator: 'test', title: 't', subject: 's', created: new Date(0) };
    await expect(writeXlsx(file, props, new StyleSheet(), [sheet])).rejects.toThrow(/row 1048577/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('too-long'))).toEqual([]);
  });
});

const SOFFICE = '/usr/bin/soffice';

(fs.existsSync(SOFFICE) ? describe : describe.skip)('writeReportXlsx(model, file) opened by LibreOffice', () => {
  let m: ReportModel;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    m = model();
    const file = path.join(dir, 'lo-in.xlsx');
    await writeReportXlsx(m, file);
    const outDir = path.join(dir, 'lo-out');
    // a profile of its own, so that another LibreOffice running on the machine does not take the job
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, file], { stdio: 'ignore', timeout: 110_000 });
    wb = await readBack(path.join(outDir, 'lo-in.xlsx'));
  }, 120_000);

  it('reads every sheet, value, number format and class fill of the model (escaped texts decoded)', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(m.sheets.map((s) => s.name));
    for (const [name, expected] of expectedCells(m)) {
      const ws = wb.getWorksheet(name)!;
      for (const [address, e] of expected) {
        const cell = ws.getCell(address);
        const fill = fillOf(cell);
        expect([name, address, within15Digits(plain(cell, true), e.value), sameFormat(cell.numFmt), fill, !!cell.font?.bold]).toEqual([name, address, e.value, e.numFmt, e.fill, !!e.bold]);
      }
    }
  });

  it('keeps the Excel tables: their names, ranges and header names', () => {
    for (const sheet of m.sheets) {
      const ws = wb.getWorksheet(sheet.name)! as unknown as { tables: Record<string, { table: { tableRef: string; columns: Array<{ name: string }> } }> };
      for (const b of sheet.blocks.filter((x): x is ReportTable => x.kind === 'table')) {
        const t = ws.tables[b.tableName]?.table;
        expect([b.tableName, t?.columns.map((c) => c.name)]).toEqual([b.tableName, b.columns.map((c) => c.header)]);
        expect(t?.tableRef).toMatch(/^A\d+:[A-Z]+\d+$/);
      }
    }
  });
});
