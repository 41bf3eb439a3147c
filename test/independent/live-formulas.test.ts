/**
 * Live formulas checked by an independent engine (issue 8 item 9): LibreOffice Calc (Debian's
 * libreoffice-calc, installed by .ci/run) recalculates the --formulas workbook of the bundled sample,
 * headless, and every formula cell must equal the engine's value: texts and booleans exactly, numbers
 * to 1e-9 relative (LibreOffice saves 15 significant digits).
 *
 * So that no number can come from the file itself, the cached value of every formula (`<v>` after
 * `<f>`) is removed before LibreOffice opens it, and LibreOffice is told to recalculate every formula
 * on load (a profile of its own with Calc's "Recalculation on File Load: Excel 2007 and newer: Always
 * recalculate", org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0). LibreOffice then saves
 * the workbook as .xlsx, whose cells (formula or not, and value) this test reads from the XML itself
 * (exceljs leaves out a formula's result when it is 0 or FALSE).
 *
 * Then the workbook is edited as a colleague without the add-in would edit it, recalculated again, and
 * compared client by client with the engine run on the edited data: a client's revenue (with its cell
 * of revenue per period), and ABC limit A with the number of RFM scores on the Summary.
 *
 * LibreOffice must be there: without /usr/bin/soffice the tests fail, they are not skipped.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { buildReport, columnLetter, LIVE_NAMES, segmentClients, tableRows, type Cell, type ReportModel, type ReportTable, type ReportValue, type SegmentationResult, type SettingsInput } from '../../src/core';
import { readInput } from '../../src/cli/read';
import { writeReportXlsx } from '../../src/cli/write-xlsx';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'assets', 'sample-sales.xlsx');
const SOFFICE = '/usr/bin/soffice';

/** Where a table of the model lands on its sheet as both writers lay it out (model.ts: blocks from A1, one empty row between). */
function bodyRow(model: ReportModel, sheetId: string, tableName: string): { sheet: string; index: number; first: number; table: ReportTable } {
  const index = model.sheets.findIndex((s) => s.id === sheetId);
  const sheet = model.sheets[index];
  let row = 1;
  for (const [i, b] of sheet.blocks.entries()) {
    if (i > 0) row++;
    if (b.kind === 'table' && b.tableName === tableName) return { sheet: sheet.name, index, first: row + 2, table: b };
    row += b.kind === 'table' ? 2 + Math.max(1, tableRows(b).length) + (b.note ? 1 : 0) : 1 + b.lines.length;
  }
  throw new Error(`no table ${tableName} on ${sheetId}`);
}

/** Every formula cell of the model: address, the value the engine gave it, and its table row and column. */
function formulaCells(model: ReportModel): Array<{ sheet: string; address: string; value: ReportValue; table: ReportTable; row: number; column: number }> {
  const out: ReturnType<typeof formulaCells> = [];
  for (const sheet of model.sheets) {
    for (const b of sheet.blocks) {
      if (b.kind !== 'table') continue;
      const { first } = bodyRow(model, sheet.id, b.tableName);
      const cells = new Set<string>();
      b.columns.forEach((c, j) => {
        if (c.formula) for (let i = 0; i < b.rows.length; i++) cells.add(`${i},${j}`);
      });
      for (const f of b.cellFormulas ?? []) cells.add(`${f.row},${f.column}`);
      for (const key of cells) {
        const [i, j] = key.split(',').map(Number);
        out.push({ sheet: sheet.name, address: `${columnLetter(j)}${first + i}`, value: b.rows[i][j], table: b, row: i, column: j });
      }
    }
  }
  return out;
}

/** A cell as LibreOffice saved it: whether it holds a formula, and its value (a blank as null). */
interface SavedCell {
  formula: boolean;
  value: ReportValue;
}
type SavedBook = Map<string, Map<string, SavedCell>>;

const unescape = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * The cells of every sheet of an .xlsx, by sheet name and address, read from its XML (ECMA-376 Part 1,
 * §18.3.1.4 c: t="s" a shared string, "str" a formula's text, "inlineStr", "b", "e", else a number).
 */
async function readSaved(file: string): Promise<SavedBook> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const text = async (name: string) => (zip.file(name) ? zip.file(name)!.async('string') : '');
  const shared = [...(await text('xl/sharedStrings.xml')).matchAll(/<si>(.*?)<\/si>/gs)].map(([, si]) => [...si.matchAll(/<t(?: [^>]*)?>(.*?)<\/t>/gs)].map((m) => unescape(m[1])).join(''));
  const rels = new Map([...(await text('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map(([, id, target]) => [id, target.replace(/^\/?(xl\/)?/, 'xl/')]));
  const book: SavedBook = new Map();
  for (const [, name, rid] of (await text('xl/workbook.xml')).matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const cells = new Map<string, SavedCell>();
    for (const [, address, attrs, inner = ''] of (await text(rels.get(rid)!)).matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const t = /t="(\w+)"/.exec(attrs)?.[1];
      const v = /<v>(.*?)<\/v>/s.exec(inner)?.[1];
      let value: ReportValue = null;
      if (t === 'inlineStr') value = unescape(/<t(?: [^>]*)?>(.*?)<\/t>/s.exec(inner)?.[1] ?? '');
      else if (v === undefined) value = null;
      else if (t === 's') value = shared[Number(v)];
      else if (t === 'str' || t === 'e') value = unescape(v);
      else if (t === 'b') value = v === '1';
      else value = Number(v);
      cells.set(address, { formula: /<f[ >\/]/.test(inner), value: value === '' ? null : value });
    }
    book.set(unescape(name), cells);
  }
  return book;
}

const savedCell = (book: SavedBook, sheet: string, address: string): SavedCell => book.get(sheet)?.get(address) ?? { formula: false, value: null };

/** Equal as the issue asks: texts, booleans and whole numbers exactly, other numbers to 1e-9 relative; a blank and "" alike. */
function same(engine: ReportValue, calc: ReportValue): boolean {
  const e = engine === '' ? null : engine;
  if (typeof e === 'number' && typeof calc === 'number') return Number.isInteger(e) ? e === calc : Math.abs(e - calc) <= 1e-9 * Math.max(Math.abs(e), Math.abs(calc));
  return e === calc;
}

/** Removes the cached value of every formula cell of every sheet, so that only a recalculation can give one. */
async function withoutCachedValues(file: string, out: string, edit: (sheetIndex: number, xml: string) => string = (_, x) => x): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const name of Object.keys(zip.files)) {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    if (!m) continue;
    const xml = await zip.file(name)!.async('string');
    zip.file(name, edit(Number(m[1]) - 1, xml).replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, '$1'));
  }
  fs.writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** A number cell set to `value`, as a user types it (its style kept). */
function setNumber(xml: string, address: string, value: number): string {
  const re = new RegExp(`<c r="${address}"( s="\\d+")?[^>]*?(?:/>|>.*?</c>)`);
  expect([address, re.test(xml)]).toEqual([address, true]);
  return xml.replace(re, (_m, style: string | undefined) => `<c r="${address}"${style ?? ''}><v>${value}</v></c>`);
}

/** Runs LibreOffice headless on the files: recalculated on load and saved as .xlsx in `outDir`. */
function recalculate(dir: string, files: string[], outDir: string): void {
  const profile = path.join(dir, 'lo-profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n',
  );
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, ...files], { stdio: 'ignore', timeout: 170_000 });
}

/** The live columns of a client table by client name: each column's header to its value. */
function liveByClient(table: ReportTable, rows: (i: number, j: number) => ReportValue): Map<string, Map<string, ReportValue>> {
  const clientCol = table.columns.findIndex((c) => c.key === 'client');
  const out = new Map<string, Map<string, ReportValue>>();
  for (let i = 0; i < table.rows.length; i++) {
    const m = new Map<string, ReportValue>();
    table.columns.forEach((c, j) => {
      if (c.formula) m.set(c.header, rows(i, j));
    });
    out.set(String(table.rows[i][clientCol]), m);
  }
  return out;
}

/** The differences between the engine's live columns and LibreOffice's, client by client, as lines. */
function diffByClient(expected: Map<string, Map<string, ReportValue>>, actual: Map<string, Map<string, ReportValue>>): string[] {
  const diffs: string[] = [];
  for (const [client, cols] of expected) {
    const got = actual.get(client);
    if (!got) {
      diffs.push(`${client}: missing`);
      continue;
    }
    for (const [h, v] of cols) if (!same(v, got.get(h) ?? null)) diffs.push(`${client} / ${h}: engine ${JSON.stringify(v)}, LibreOffice ${JSON.stringify(got.get(h))}`);
  }
  return diffs;
}

/** What LibreOffice computed in the cells of a table, by row and column index. */
function calculated(book: SavedBook, model: ReportModel, sheetId: string, tableName: string): (i: number, j: number) => ReportValue {
  const { sheet, first } = bodyRow(model, sheetId, tableName);
  return (i, j) => savedCell(book, sheet, `${columnLetter(j)}${first + i}`).value;
}

describe('live formulas recalculated by LibreOffice (the bundled sample, --formulas)', () => {
  let dir: string;
  let cells: Cell[][];
  let firstRow: number;
  let base: SegmentationResult;
  let model: ReportModel;
  const out: Record<string, SavedBook> = {};
  const edited: { client: string; before: SegmentationResult | null; after: SegmentationResult | null } = { client: '', before: null, after: null };
  let limits: SegmentationResult;
  const segment = (input: Cell[][], settings: SettingsInput = {}) => segmentClients(input, { firstRow, settings: { formulas: true, ...settings } });

  beforeAll(async () => {
    expect([SOFFICE, fs.existsSync(SOFFICE)]).toEqual([SOFFICE, true]); // .ci/run installs libreoffice-calc
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-live-'));
    const table = await readInput(SAMPLE);
    cells = table.cells;
    firstRow = table.firstRow;
    base = segment(cells);
    model = buildReport(base);
    const file = path.join(dir, 'sample.xlsx');
    await writeReportXlsx(model, file);

    // 1. as written, without its cached values
    await withoutCachedValues(file, path.join(dir, 'bare.xlsx'));

    // 2. a client's revenue raised above the largest client's, in the Clients table and in its cell
    // of revenue per period (the sales row it is added to), as in the sales data the engine reads
    const header = cells[0].map(String);
    const [clientCol, amountCol, dateCol] = ['Customer Name', 'Sales', 'Order Date'].map((h) => header.indexOf(h));
    const lastC = [...base.clients].reverse().find((c) => c.abc === 'C' && c.revenue > 0)!;
    edited.client = lastC.client;
    const salesRow = cells.findIndex((r) => r[clientCol] === lastC.client);
    const delta = base.clients[0].revenue + 1000;
    const editedCells = cells.map((r, i) => (i === salesRow ? r.map((v, j) => (j === amountCol ? (v as number) + delta : v)) : r));
    edited.before = base;
    edited.after = segment(editedCells);
    const clients = bodyRow(model, 'clients', 'KC_Clients');
    const periods = bodyRow(model, 'periods', 'KC_Periods');
    const clientIndex = base.clients.indexOf(lastC);
    const revenueCol = clients.table.columns.findIndex((c) => c.key === 'revenue');
    const date = cells[salesRow][dateCol];
    const serial = typeof date === 'number' ? date : NaN;
    const day = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    const label = `${day.getUTCFullYear()}-${String(day.getUTCMonth() + 1).padStart(2, '0')}`;
    const periodCol = periods.table.columns.findIndex((c) => c.header === label);
    expect([label, periodCol >= 0]).toEqual([label, true]);
    // the numbers typed are the edited data's, as the engine adds them up
    const now = edited.after.clients.find((c) => c.client === lastC.client)!;
    await withoutCachedValues(file, path.join(dir, 'revenue.xlsx'), (sheet, xml) => {
      if (sheet === clients.index) return setNumber(xml, `${columnLetter(revenueCol)}${clients.first + clientIndex}`, now.revenue);
      if (sheet === periods.index) return setNumber(xml, `${columnLetter(periodCol)}${periods.first + clientIndex}`, now.periodRevenue![periodCol - 4]);
      return xml;
    });

    // 3. limit A 0.5 and 3 RFM scores, typed into their named cells on the Summary
    limits = segment(cells, { abc: { limitA: 0.5 }, rfm: { bins: 3 } });
    const settings = bodyRow(model, 'summary', 'KC_Settings');
    const nameOf = (name: string) => settings.table.rows.findIndex((r) => r[2] === name);
    await withoutCachedValues(file, path.join(dir, 'limits.xlsx'), (sheet, xml) => {
      if (sheet !== settings.index) return xml;
      const at = (name: string) => `B${settings.first + nameOf(name)}`;
      return setNumber(setNumber(xml, at(LIVE_NAMES.limitA), 0.5), at(LIVE_NAMES.bins), 3);
    });

    const outDir = path.join(dir, 'out');
    recalculate(dir, ['bare', 'revenue', 'limits'].map((n) => path.join(dir, `${n}.xlsx`)), outDir);
    for (const n of ['bare', 'revenue', 'limits']) out[n] = await readSaved(path.join(outDir, `${n}.xlsx`));
  }, 200_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('LibreOffice gives every formula cell of the workbook the engine value (classes exactly, numbers to 1e-9)', () => {
    const all = formulaCells(model);
    // every derived column of the Clients table, XYZ / CV / coverage of the revenue per period, the Summary's totals
    expect(all.length).toBe(base.clients.length * 18 + base.clients.length * 3 + 7);
    const diffs: string[] = [];
    for (const c of all) {
      const cell = savedCell(out.bare, c.sheet, c.address);
      if (!cell.formula) diffs.push(`${c.sheet}!${c.address}: no formula`);
      else if (!same(c.value, cell.value)) diffs.push(`${c.sheet}!${c.address} (${c.table.columns[c.column].header}): engine ${JSON.stringify(c.value)}, LibreOffice ${JSON.stringify(cell.value)}`);
    }
    expect(diffs.slice(0, 20)).toEqual([]);
  });

  it('a revenue raised above the largest in the workbook gives the classes the engine gives the edited sales', () => {
    const after = buildReport(edited.after!);
    const clients = bodyRow(after, 'clients', 'KC_Clients');
    const expected = liveByClient(clients.table, (i, j) => clients.table.rows[i][j]);
    const table = bodyRow(model, 'clients', 'KC_Clients').table;
    const actual = liveByClient(table, calculated(out.revenue, model, 'clients', 'KC_Clients'));
    expect(diffByClient(expected, actual).slice(0, 20)).toEqual([]);
    // not a test that cannot fail: the edit moved the client from C to A and changed other classes too
    const abc = (r: SegmentationResult, name: string) => r.clients.find((c) => c.client === name)!.abc;
    expect([abc(edited.before!, edited.client), abc(edited.after!, edited.client)]).toEqual(['C', 'A']);
    const moved = edited.after!.clients.filter((c) => c.client !== edited.client && abc(edited.before!, c.client) !== c.abc);
    expect(moved.length).toBeGreaterThan(0);
    // the revenue per period: XYZ, CV and coverage of every row
    const periods = bodyRow(after, 'periods', 'KC_Periods');
    const expectedPeriods = liveByClient(periods.table, (i, j) => periods.table.rows[i][j]);
    const actualPeriods = liveByClient(bodyRow(model, 'periods', 'KC_Periods').table, calculated(out.revenue, model, 'periods', 'KC_Periods'));
    expect(diffByClient(expectedPeriods, actualPeriods).slice(0, 20)).toEqual([]);
  });

  it('limit A 0.5 and 3 RFM scores typed on the Summary give what the engine gives with those settings', () => {
    const after = buildReport(limits);
    const clients = bodyRow(after, 'clients', 'KC_Clients');
    const expected = liveByClient(clients.table, (i, j) => clients.table.rows[i][j]);
    const actual = liveByClient(bodyRow(model, 'clients', 'KC_Clients').table, calculated(out.limits, model, 'clients', 'KC_Clients'));
    expect(diffByClient(expected, actual).slice(0, 20)).toEqual([]);
    const changed = limits.clients.filter((c) => base.clients.find((b) => b.client === c.client)!.rfmSegment !== c.rfmSegment);
    expect(changed.length).toBeGreaterThan(0);
    expect(limits.summary.abc.A.clients).toBeLessThan(base.summary.abc.A.clients);
  });
});
