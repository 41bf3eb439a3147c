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
import { buildReport, columnLetter, segmentClients, tableRows, type Cell, type ReportModel, type ReportTable, type ReportValue } from '../../src/core';
import { TABLE_STYLE, writeReportXlsx } from '../../src/cli/write-xlsx';
import { MAX_SHEET_ROWS, StyleSheet, writeXlsx, xmlText, type SheetSpec } from '../../src/cli/xlsx-write/workbook';
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

/** Sales over two years, for the KPIs over time (6-month windows to 2024-12-31), cohorts with a partial quarter, the bridge and the LTV, with awkward names. */
function salesOverTime(): Cell[][] {
  const rows: Cell[][] = [['Order ID', 'Order Date', 'Customer Name', 'Sales', 'Profit']];
  const names = ['A & B <Trading> "Ltd"', '=SUM(A1)', 'Zoë ☃ 😀', 'Beta', 'Gamma', 'Delta', 'Eps', 'Zeta', 'Eta', 'Theta'];
  let n = 0;
  names.forEach((name, c) => {
    // client c buys every (c + 1) months from 2023-01 + c months; the first two stop in 2024-05
    for (let m = c; m < 24; m += c + 1) {
      if (c < 2 && m > 16) break;
      rows.push([`O-${++n}`, `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-1${c % 10}`, name, 100 * (10 - c) + m, 10 * (10 - c)]);
    }
  });
  return rows;
}

interface Expected {
  value: string | number | boolean | null;
  numFmt?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  align?: 'right';
}

/**
 * Every cell the model says a sheet holds, by address ("B7"): the layout of model.ts; a table cell has
 * its column's number format ("@" on a text when the column has one) or its cell type's, a header
 * cell is right-aligned when its column asks, and a chart is its fallback text in italics in its
 * top-left cell (the row of its table's title).
 */
function expectedCells(model: ReportModel): Map<string, Map<string, Expected>> {
  const sheets = new Map<string, Map<string, Expected>>();
  for (const sheet of model.sheets) {
    const cells = new Map<string, Expected>();
    const put = (row: number, col: number, e: Expected) => cells.set(`${columnLetter(col)}${row}`, e);
    let row = 1;
    sheet.blocks.forEach((b, i) => {
      if (i > 0) row++;
      put(row, 0, { value: b.title, bold: true });
      if (b.kind === 'notes') {
        row++;
        for (const line of b.lines) put(row++, 0, { value: line });
        return;
      }
      for (const chart of sheet.charts ?? []) if (chart.table === b.tableName) put(row, chart.column, { value: chart.fallback, italic: true });
      row++;
      b.columns.forEach((c, j) => put(row, j, c.headerAlign ? { value: c.header, align: c.headerAlign } : { value: c.header }));
      row++;
      const typed = new Map((b.cellTypes ?? []).map((t) => [`${t.row},${t.column}`, t.numFmt]));
      const rows = tableRows(b);
      for (let k = 0; k < rows.length; k++) {
        rows.row(k).forEach((v, j) => {
          const c = b.columns[j];
          const fmt = typed.get(`${k},${j}`) ?? c.numFmt;
          const general = fmt === 'General';
          const e: Expected = { value: v };
          if (!general) e.numFmt = typeof v === 'string' ? '@' : fmt;
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

/** A cell's look as compared: number format, fill, bold, italic, horizontal alignment. */
const look = (cell: ExcelJS.Cell) => [sameFormat(cell.numFmt), fillOf(cell), !!cell.font?.bold, !!cell.font?.italic, cell.alignment?.horizontal === 'right' ? 'right' : undefined];
const expectedLook = (e: Expected) => [e.numFmt, e.fill, !!e.bold, !!e.italic, e.align];

/**
 * The colour scales the model asks for on a sheet, as `sqref colours`: for each table with rows, each
 * scale over the body of its columns from `first` to `last`, "min [50th percentile] max" colours.
 */
function expectedScales(model: ReportModel, sheetName: string): string[] {
  const sheet = model.sheets.find((s) => s.name === sheetName)!;
  const out: string[] = [];
  let row = 1;
  sheet.blocks.forEach((b, i) => {
    if (i > 0) row++;
    if (b.kind === 'notes') {
      row += 1 + b.lines.length;
      return;
    }
    const n = tableRows(b).length;
    for (const scale of n ? b.colorScales ?? [] : []) {
      const c0 = b.columns.findIndex((c) => c.key === scale.first);
      const c1 = b.columns.findIndex((c) => c.key === scale.last);
      out.push(`${columnLetter(c0)}${row + 2}:${columnLetter(c1)}${row + 1 + n} ${scale.colors.map((c) => `FF${c}`).join(' ')}`);
    }
    row += 2 + Math.max(1, n) + (b.note ? 1 : 0);
  });
  return out;
}

/** The colour scales exceljs read from a sheet, as expectedScales gives them (with the cfvo types). */
function actualScales(ws: ExcelJS.Worksheet): Array<[string, string[]]> {
  const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ type: string; cfvo?: Array<{ type: string; value?: number }>; color?: Array<{ argb: string }> }> }> }).conditionalFormattings;
  return cfs.flatMap((cf) =>
    cf.rules
      .filter((r) => r.type === 'colorScale')
      .map((r): [string, string[]] => [`${cf.ref} ${(r.color ?? []).map((c) => c.argb).join(' ')}`, (r.cfvo ?? []).map((c) => (c.value === undefined ? c.type : `${c.type} ${c.value}`))]),
  );
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
/** The model with every feature of issues 10 and 11: KPIs, cell types, colour scales, a chart, booleans, `0.0%"*"`. */
const modelOverTime = () => buildReport(segmentClients(salesOverTime(), { settings: { language: 'en', asOf: '2024-12-31', dynamics: { windowMonths: 6 } } }));

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('writeReportXlsx(model, file) read back by exceljs', () => {
  it.each([
    ['texts every writer gets wrong', model],
    ['the KPIs over time and the LTV', modelOverTime],
  ])('holds every cell of the model (%s) with its value, number format, fill, font and alignment, and nothing else', async (what, make) => {
    const m = make();
    const file = path.join(dir, `model-${what.length}.xlsx`);
    await writeReportXlsx(m, file);
    const wb = await readBack(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(m.sheets.map((s) => s.name));
    for (const [name, expected] of expectedCells(m)) {
      const ws = wb.getWorksheet(name)!;
      const actual = actualCells(ws);
      // exceljs lists no empty cell, formatted or not: those are checked by address below
      const filled = [...expected].filter(([, e]) => e.value !== null).map(([a]) => a);
      expect([name, [...actual.keys()].sort()]).toEqual([name, filled.sort()]);
      for (const [address, e] of expected) {
        const cell = ws.getCell(address);
        // exceljs does not decode the _xHHHH_ escape in inline strings (Excel and LibreOffice do: see below)
        const value = typeof e.value === 'string' && /_x[0-9A-F]{4}_/i.test(e.value) ? plain(cell) : e.value;
        expect([name, address, plain(cell), ...look(cell)]).toEqual([name, address, value, ...expectedLook(e)]);
        expect([address, cell.type]).not.toEqual([address, ExcelJS.ValueType.Formula]);
      }
    }
  });

  it('covers with the second model every feature it is there for', () => {
    const m = modelOverTime();
    const tables = m.sheets.flatMap((s) => s.blocks).filter((b): b is ReportTable => b.kind === 'table');
    expect(m.sheets.map((s) => s.id)).toEqual(expect.arrayContaining(['keyClients', 'churnedKeyClients', 'dynamics', 'cohorts', 'periods']));
    expect(tables.some((t) => t.cellTypes?.some((c) => c.numFmt === '0.0%"*"'))).toBe(true);
    expect(tables.filter((t) => t.colorScales?.length && t.rows.length).length).toBeGreaterThanOrEqual(3);
    expect(m.sheets.some((s) => s.charts?.length)).toBe(true);
    expect(tables.some((t) => t.rows.some((r) => r.includes(true)) && t.rows.some((r) => r.includes(false)))).toBe(true);
    expect(tables.find((t) => t.id === 'churnedKeyClients')!.rows.length).toBeGreaterThan(0);
    expect(tables.find((t) => t.id === 'value')?.cellTypes?.length).toBeGreaterThan(0);
  });

  it('writes each colour scale as a conditional format over its table body: min, 50th percentile, max and their colours', async () => {
    const m = modelOverTime();
    const file = path.join(dir, 'scales.xlsx');
    await writeReportXlsx(m, file);
    const wb = await readBack(file);
    for (const sheet of m.sheets) {
      const actual = actualScales(wb.getWorksheet(sheet.name)!);
      const expected = expectedScales(m, sheet.name);
      expect([sheet.name, actual.map(([s]) => s)]).toEqual([sheet.name, expected]);
      for (const [scale, cfvo] of actual) {
        expect([scale, cfvo]).toEqual([scale, scale.split(' ').length === 4 ? ['min', 'percentile 50', 'max'] : ['min', 'max']]);
      }
    }
    expect(expectedScales(m, 'Cohorts').length).toBe(2);
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

  it('writes a three-colour scale with its 50th percentile, and none over a table without rows', async () => {
    const table = (tableName: string, rows: ReportValue[][]): ReportTable => ({
      kind: 'table', id: tableName, title: tableName, tableName,
      columns: ['k', 'a', 'b'].map((key) => ({ key, header: key.toUpperCase(), type: 'number' as const, numFmt: '0.0', width: 8 })),
      rows,
      colorScales: [{ first: 'a', last: 'b', colors: ['F8696B', 'FFEB84', '63BE7B'] }],
    });
    const m: ReportModel = {
      asOf: null, language: 'en', warnings: [], skippedCount: 0,
      sheets: [{ id: 's', name: 'S', role: 'summary', blocks: [table('T_Empty', []), table('T_Rows', [[1, 2, 3], [4, 5, 6]])] }],
    };
    const file = path.join(dir, 'three.xlsx');
    await writeReportXlsx(m, file);
    // T_Empty: title 1, header 2, its empty row 3; T_Rows: title 5, header 6, rows 7-8
    expect(actualScales((await readBack(file)).getWorksheet('S')!)).toEqual([['B7:C8 FFF8696B FFFFEB84 FF63BE7B', ['min', 'percentile 50', 'max']]]);
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
  const models: Array<{ what: string; m: ReportModel; wb: ExcelJS.Workbook; xml: (sheet: number) => string }> = [];
  beforeAll(async () => {
    const files: string[] = [];
    for (const [what, make] of [['texts', model], ['over-time', modelOverTime]] as const) {
      const file = path.join(dir, `lo-${what}.xlsx`);
      const m = make();
      await writeReportXlsx(m, file);
      files.push(file);
      models.push({ what, m, wb: new ExcelJS.Workbook(), xml: () => '' });
    }
    const outDir = path.join(dir, 'lo-out');
    // a profile of its own, so that another LibreOffice running on the machine does not take the job
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, ...files], { stdio: 'ignore', timeout: 170_000 });
    for (const x of models) {
      const saved = path.join(outDir, `lo-${x.what}.xlsx`);
      x.wb = await readBack(saved);
      x.xml = (n) => execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', saved, `xl/worksheets/sheet${n}.xml`], { encoding: 'utf8' });
    }
  }, 180_000);

  it('reads every sheet, value, number format, fill, font and alignment of both models (escaped texts decoded)', () => {
    for (const { what, m, wb } of models) {
      expect([what, wb.worksheets.map((w) => w.name)]).toEqual([what, m.sheets.map((s) => s.name)]);
      for (const [name, expected] of expectedCells(m)) {
        const ws = wb.getWorksheet(name)!;
        for (const [address, e] of expected) {
          const cell = ws.getCell(address);
          // LibreOffice writes the literal of 0.0%"*" as 0.0%\* (the same format)
          const fmt = e.numFmt?.replace(/"(.)"/g, '$1');
          expect([what, name, address, within15Digits(plain(cell, true), e.value), ...look(cell)]).toEqual([what, name, address, e.value, ...expectedLook({ ...e, numFmt: fmt })]);
        }
      }
    }
  });

  it('keeps the Excel tables: their names, ranges and header names', () => {
    for (const { m, wb } of models) {
      for (const sheet of m.sheets) {
        const ws = wb.getWorksheet(sheet.name)! as unknown as { tables: Record<string, { table: { tableRef: string; columns: Array<{ name: string }> } }> };
        for (const b of sheet.blocks.filter((x): x is ReportTable => x.kind === 'table')) {
          const t = ws.tables[b.tableName]?.table;
          expect([b.tableName, t?.columns.map((c) => c.name)]).toEqual([b.tableName, b.columns.map((c) => c.header)]);
          expect(t?.tableRef).toMatch(/^A\d+:[A-Z]+\d+$/);
        }
      }
    }
  });

  it('keeps the colour scales: their ranges, cfvo and colours', () => {
    const { m, xml } = models[1];
    m.sheets.forEach((sheet, i) => {
      // LibreOffice writes the rule with attributes of its own (priority, a val="0" on min and max): read range, cfvo and colours
      const found = [...xml(i + 1).matchAll(/<conditionalFormatting sqref="([^"]+)">(.*?)<\/conditionalFormatting>/g)].map(([, ref, rule]) => {
        const cfvo = [...rule.matchAll(/<cfvo type="(\w+)"(?: val="([^"]*)")?/g)].map(([, type, val]) => (val === undefined || type === 'min' || type === 'max' ? type : `${type} ${val}`));
        const colors = [...rule.matchAll(/<color rgb="(\w+)"/g)].map(([, c]) => c.toUpperCase());
        return `${ref} ${colors.join(' ')} / ${cfvo.join(', ')}`;
      });
      const expected = expectedScales(m, sheet.name).map((x) => `${x} / ${x.split(' ').length === 4 ? 'min, percentile 50, max' : 'min, max'}`);
      expect([sheet.name, found]).toEqual([sheet.name, expected]);
    });
  });
});
