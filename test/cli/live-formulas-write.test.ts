/**
 * The streaming writer with live formulas (issue 8 item 8): what it puts in the SpreadsheetML, read
 * from the XML itself. The expected cells come from the model's layout rules (model.ts: blocks from A1
 * down, one empty row between them; a table is its title, header, rows and note), not from the writer.
 * That LibreOffice computes the same values is test/independent/live-formulas.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { ABC_FILLS, buildReport, columnLetter, segmentClients, tableRows, type Cell, type ReportModel, type ReportTable } from '../../src/core';
import { writeReportXlsx } from '../../src/cli/write-xlsx';
import { PLAIN, StyleSheet, formulaBytes, writeXlsx, xmlText, type SheetSpec } from '../../src/cli/xlsx-write/workbook';
import { cleanup, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

const SERIAL = 45306; // 2024-01-15

function sales(): Cell[][] {
  return [
    ['Order ID', 'Order Date', 'Customer Name', 'Sales', 'Profit'],
    ['O-1', SERIAL, 'Acme', 1000, 100],
    ['O-2', SERIAL + 40, '=HYPERLINK("http://evil","x")', 500, 50],
    ['O-3', SERIAL + 80, 'Bolt', 70, -5],
    ['O-4', SERIAL + 400, 'Acme', 20, 3],
    ['O-5', SERIAL + 420, 'Cato', 300, 30],
    ['O-6', SERIAL + 430, 'Dune', -40, -4],
  ];
}

/** The first body row (1-based) of a table on its sheet, by the model's layout rules. */
function firstBodyRow(model: ReportModel, sheetId: string, tableName: string): number {
  let row = 1;
  for (const [i, b] of model.sheets.find((s) => s.id === sheetId)!.blocks.entries()) {
    if (i > 0) row++;
    if (b.kind === 'table' && b.tableName === tableName) return row + 2;
    row += b.kind === 'table' ? 2 + Math.max(1, tableRows(b).length) + (b.note ? 1 : 0) : 1 + b.lines.length;
  }
  throw new Error(`no ${tableName}`);
}

async function written(model: ReportModel, name: string): Promise<(part: string) => Promise<string>> {
  const file = path.join(dir, name);
  await writeReportXlsx(model, file);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return async (part) => zip.file(part)!.async('string');
}

/** The XML of a cell: `<c r="K3" ...>...</c>` (or its empty form). */
const cellXml = (sheet: string, address: string) => new RegExp(`<c r="${address}"[^>]*?(?:/>|>.*?</c>)`).exec(sheet)?.[0] ?? '';

describe('writeReportXlsx with live formulas', () => {
  const r = segmentClients(sales(), { settings: { formulas: true, language: 'en' } });
  const model = buildReport(r);
  const clients = model.sheets[0].blocks[0] as ReportTable;
  const col = (key: string) => clients.columns.findIndex((c) => c.key === key);
  const first = firstBodyRow(model, 'clients', 'KC_Clients');
  let part: (name: string) => Promise<string>;
  beforeAll(async () => {
    part = await written(model, 'live.xlsx');
  });

  it('writes each formula cell as <f>, with the engine value as its cached <v>: a text result t="str", a number as it is, a boolean t="b"', async () => {
    const sheet = await part('xl/worksheets/sheet1.xml');
    const abc = clients.columns[col('abc')].formula!;
    const share = clients.columns[col('revenueShare')].formula!;
    const key = clients.columns[col('keyClient')].formula!;
    const at = (key2: string) => `${columnLetter(col(key2))}${first}`;
    expect(cellXml(sheet, at('abc'))).toBe(`<c r="${at('abc')}" t="str"><f>${xmlText(abc)}</f><v>${clients.rows[0][col('abc')]}</v></c>`);
    expect(cellXml(sheet, at('revenueShare'))).toMatch(new RegExp(`^<c r="${at('revenueShare')}" s="\\d+"><f>${escapeRe(xmlText(share))}</f><v>${escapeRe(String(clients.rows[0][col('revenueShare')]))}</v></c>$`));
    expect(cellXml(sheet, at('keyClient'))).toBe(`<c r="${at('keyClient')}" t="b"><f>${xmlText(key)}</f><v>${clients.rows[0][col('keyClient')] ? 1 : 0}</v></c>`);
  });

  it('writes a formula whose run value is blank with an empty text as its cached value (Dune, a return only: no CV, no margin)', async () => {
    const sheet = await part('xl/worksheets/sheet1.xml');
    const i = clients.rows.findIndex((row) => row[0] === 'Dune');
    expect([clients.rows[i][col('cv')], clients.rows[i][col('margin')]]).toEqual([null, null]);
    expect(cellXml(sheet, `${columnLetter(col('cv'))}${first + i}`)).toMatch(/^<c r="[A-Z]+\d+" s="\d+" t="str"><f>INDEX\(KC_Periods\[CV\],MATCH\(.*\)<\/f><v><\/v><\/c>$/);
    expect(cellXml(sheet, `${columnLetter(col('margin'))}${first + i}`)).toMatch(/^<c r="[A-Z]+\d+" s="\d+" t="str"><f>IF\(.*\)<\/f><v><\/v><\/c>$/);
  });

  it('keeps a client name that looks like a formula as a text cell', async () => {
    const sheet = await part('xl/worksheets/sheet1.xml');
    const i = clients.rows.findIndex((row) => row[0] === '=HYPERLINK("http://evil","x")');
    const cell = cellXml(sheet, `A${first + i}`);
    expect(cell).toContain(` t="inlineStr"><is><t>${xmlText('=HYPERLINK("http://evil","x")')}</t></is></c>`);
    expect(cell).not.toContain('<f>');
  });

  it('makes the live columns calculated columns of the table: <calculatedColumnFormula>, the others plain', async () => {
    const table = await part('xl/tables/table1.xml');
    const calculated = [...table.matchAll(/<tableColumn id="\d+" name="([^"]+)"><calculatedColumnFormula>(.*?)<\/calculatedColumnFormula><\/tableColumn>/g)].map(([, name, f]) => [name, f]);
    expect(calculated).toEqual(clients.columns.filter((c) => c.formula).map((c) => [xmlText(c.header), xmlText(c.formula!)]));
  });

  it('colours the classes of a live column by conditional formats (cellIs equal, a dxf fill), not by a fill fixed on the cell', async () => {
    const sheet = await part('xl/worksheets/sheet1.xml');
    const styles = await part('xl/styles.xml');
    const letter = columnLetter(col('abc'));
    const ref = `${letter}${first}:${letter}${first + clients.rows.length - 1}`;
    const dxfs = [...(/<dxfs count="\d+">(.*?)<\/dxfs>/.exec(styles)?.[1] ?? '').matchAll(/<bgColor rgb="FF(\w{6})"\/>/g)].map((m) => m[1]);
    const rules = [...sheet.matchAll(new RegExp(`<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="(\\d+)" priority="\\d+" operator="equal"><formula>&quot;(\\w)&quot;</formula></cfRule></conditionalFormatting>`, 'g'))]
      .map(([, dxf, value]) => [value, dxfs[Number(dxf)]]);
    expect(rules).toEqual(Object.entries(ABC_FILLS));
    // the cell itself has no style (no fixed fill): t="str" straight after the reference
    expect(cellXml(sheet, `${letter}${first}`)).toMatch(new RegExp(`^<c r="${letter}${first}" t="str">`));
  });

  it('defines a workbook name for each setting at its cell on the Summary', async () => {
    const book = await part('xl/workbook.xml');
    const settings = model.sheets[1].blocks.find((b): b is ReportTable => b.kind === 'table' && b.tableName === 'KC_Settings')!;
    const row0 = firstBodyRow(model, 'summary', 'KC_Settings');
    const expected = settings.rows.map((row, i) => `<definedName name="${row[2]}">'Summary'!$B$${row0 + i}</definedName>`).join('');
    expect(book).toContain(`</sheets><definedNames>${expected}</definedNames></workbook>`);
  });

  it('writes the Summary totals as formula cells with their run values', async () => {
    const sheet = await part('xl/worksheets/sheet2.xml');
    const settings = model.sheets[1].blocks.find((b): b is ReportTable => b.kind === 'table' && b.tableName === 'KC_Settings')!;
    const row0 = firstBodyRow(model, 'summary', 'KC_Settings');
    const total = settings.rows.findIndex((row) => row[2] === 'KC_RevenueTotal');
    // Acme 1020, the =HYPERLINK client 500, Cato 300, Bolt 70 (Dune's -40 is not above 0): 1890
    expect(cellXml(sheet, `B${row0 + total}`)).toMatch(/^<c r="B\d+" s="\d+"><f>SUMIF\(KC_Clients\[Revenue\],&quot;&gt;0&quot;\)<\/f><v>1890<\/v><\/c>$/);
  });
});

describe('SheetRows.row with formulas', () => {
  it('keeps every row whole when a row of long formulas nearly fills the buffer (valid UTF-8, every cell of every row)', async () => {
    // rows of one long formula and 40 shared texts, the formula a few bytes longer each row: the
    // formulas end at every place of the writer's 256 KB buffer, and a row must keep room for its texts
    const rows = 3000;
    const texts = Array.from({ length: 40 }, (_, k) => `text ${k}`);
    const sheet: SheetSpec = {
      name: 'S', widths: [], tables: [],
      write: async (out) => {
        for (let r = 1; r <= rows; r++) {
          out.row(r, [1, ...texts], PLAIN, [formulaBytes(`LEN("${'x'.repeat(4000 + ((r * 37) % 997))}")`)]);
          if (out.full) await out.flush();
        }
      },
    };
    const file = path.join(dir, 'sweep.xlsx');
    await writeXlsx(file, { creator: 'test', title: 't', subject: 's', created: new Date(0) }, new StyleSheet(), [sheet]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('xl/worksheets/sheet1.xml')!.async('string');
    // eslint-disable-next-line no-control-regex
    expect(/[\ufffd\u0000-\u0008]/.test(xml)).toBe(false);
    const counts = [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map(([, , body]) => (body.match(/<c r=/g) ?? []).length);
    expect(counts.length).toBe(rows);
    expect(counts.filter((n) => n !== 41)).toEqual([]);
  });
});

describe('writeReportXlsx without live formulas', () => {
  it('writes no formula and no defined name', async () => {
    const part = await written(buildReport(segmentClients(sales(), { settings: { language: 'en' } })), 'values.xlsx');
    for (let i = 1; i <= 4; i++) expect((await part(`xl/worksheets/sheet${i}.xml`)).includes('<f>')).toBe(false);
    expect(await part('xl/workbook.xml')).not.toContain('definedName');
    expect(await part('xl/tables/table1.xml')).not.toContain('calculatedColumnFormula');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
