/**
 * What real Excel does that the in-memory workbook models, and that the add-in must survive:
 * requirement sets, whole-column selections, how Excel reads written strings, UTF-8 payload sizes.
 */
import { FakeWorkbook, PAYLOAD_LIMIT, MAX_ROWS } from './fake/fake-excel';
import { readSelection, segmentAndWrite, textForExcel, utf8Length } from '../../src/excel';
import { salesRows } from './sales-data';

function workbookWith(rows: (string | number)[][], select = 'A1'): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', select);
  return wb;
}

async function run(wb: FakeWorkbook) {
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host));
}

describe('the in-memory workbook reads written strings as Excel does', () => {
  async function write(value: string, format: string) {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S');
    await wb.host().run(async (context) => {
      const r = context.workbook.worksheets.getItem('S').getRange('A1');
      r.numberFormat = [[format]];
      r.values = [[value]];
      await context.sync();
    });
    return s.cell(0, 0)!;
  }

  it('a formula-like string in a General cell becomes a formula', async () => {
    expect((await write('=1+2', 'General')).formula).toBe('=1+2');
  });

  it('a number-like string in a General cell becomes a number', async () => {
    expect((await write('0042', 'General')).value).toBe(42);
    expect((await write('80%', 'General')).value).toBe(0.8);
    expect((await write('2024-01-31', 'General')).value).toBe(45322);
  });

  it('a text-formatted cell keeps the string, and a leading apostrophe is a prefix in any format', async () => {
    expect((await write('0042', '@')).value).toBe('0042');
    expect((await write("'=1+2", 'General')).value).toBe('=1+2');
    expect((await write("'=1+2", '@')).value).toBe('=1+2');
  });
});

describe('textForExcel(s)', () => {
  it('textForExcel(s) prefixes = + - @ and a leading apostrophe, and leaves other text alone', () => {
    expect(['=A1', '+7', '-x', '@home', "'q", 'Plain', ''].map(textForExcel)).toEqual(["'=A1", "'+7", "'-x", "'@home", "''q", 'Plain', '']);
  });
});

describe('readSelection on real-Excel-shaped selections', () => {
  it('trims a whole-column selection (A:I) to the used range instead of reading 1,048,576 rows', async () => {
    const rows = salesRows(400, 30);
    const wb = workbookWith(rows, 'A:I');
    const source = await readSelection(wb.host());
    expect(source.rowCount).toBe(rows.length);
    expect(source.columnCount).toBe(6);
    expect(source.address).toBe('Sales!A1:F401');
    expect(source.values.length).toBe(rows.length);
    // one sync for the selection and the used range, one for the values
    expect(wb.stats().syncs).toBeLessThanOrEqual(2);
    expect(wb.stats().totalRequestBytes).toBeLessThan(10_000);
    expect(MAX_ROWS).toBe(1_048_576);
  });

  it('keeps the sheet row numbers of a trimmed selection that starts below the top', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('Data');
    salesRows(20, 5).forEach((line, r) => line.forEach((v, c) => s.setCell(r + 4, c + 2, { value: v })));
    wb.select('Data', 'A:Z');
    const source = await readSelection(wb.host());
    expect(source.address).toBe('Data!C5:H25');
    expect(source.firstRow).toBe(5);
    expect(source.firstColumn).toBe(2);
  });

  it('a whole-column selection of an empty sheet is an empty selection', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Empty');
    wb.select('Empty', 'A:I');
    await expect(readSelection(wb.host())).rejects.toMatchObject({ code: 'emptySelection' });
  });

  it('finds the table around one cell without Range.getTables (ExcelApi 1.8)', async () => {
    const wb = new FakeWorkbook();
    wb.apiVersion = '1.8';
    const s = wb.addSheet('Data');
    salesRows(50, 10).forEach((line, r) => line.forEach((v, c) => s.setCell(r + 2, c + 1, { value: v })));
    s.tables.push({ name: 'T', sheet: s, row: 2, col: 1, rows: 20, cols: 6, style: '' });
    wb.select('Data', 'C10');
    expect((await readSelection(wb.host())).address).toBe('Data!B3:G22');
  });
});

describe('writeReport within the requirement sets of the host', () => {
  it('runs on ExcelApi 1.7 without the APIs above it (no pivot, no getTables, no screen suspension)', async () => {
    const wb = workbookWith(salesRows(300, 20));
    wb.apiVersion = '1.7';
    const out = await run(wb);
    expect(out.written.pivot).toBe(false);
    expect(wb.syncs.some((x) => x.screenUpdatingSuspended)).toBe(false);
    expect(wb.syncs.some((x) => x.calculationSuspended)).toBe(true);
  });

  it('on ExcelApi 1.8 adds the PivotTable and says why the Pareto chart (1.9) is missing', async () => {
    const wb = workbookWith(salesRows(300, 20));
    wb.apiVersion = '1.8';
    const out = await run(wb);
    expect(out.written.pivot).toBe(true);
    expect(out.written.chart).toBe(false);
    expect(out.written.notes.join(' ')).toMatch(/Pareto chart needs ExcelApi 1\.9/);
    expect(wb.sheets.some((s) => s.charts.length > 0)).toBe(false);
  });

  it('sums the revenue in the PivotTable explicitly and suspends screen updating on 1.9+', async () => {
    const wb = workbookWith(salesRows(300, 20));
    await run(wb);
    const pivot = wb.sheets.flatMap((s) => s.pivots)[0];
    expect(pivot.summarizeBy).toEqual(['Sum']);
    expect(wb.syncs.some((x) => x.screenUpdatingSuspended)).toBe(true);
  });
});

describe('writeReport writes every string as text', () => {
  it('no string of the report is turned into a number, a date or a formula by Excel', async () => {
    const rows: (string | number)[][] = [['Client', 'Amount', 'Date'], ['0042', 100, 45300], ['2024-01-31', 50, 45310], ["'quoted", 30, 45320], ['=1+2', 20, 45330], ['80%', 10, 45340]];
    const wb = workbookWith(rows);
    await run(wb);
    const cells = wb.sheets.filter((s) => s.name !== 'Sales').flatMap((s) => s.cells.flatMap((line) => (line ?? []).filter(Boolean)));
    expect(cells.filter((c) => c!.formula || c!.coerced)).toEqual([]);
    const clients = wb.sheet('Clients')!;
    const t = clients.tables[0];
    const names = clients.values(t.row + 1, 0, t.rows - 1, 1).map((r) => r[0]);
    expect(names.sort()).toEqual(['0042', '2024-01-31', "'quoted", '80%', '=1+2'].sort());
  });

  it('keeps every request under 5 MB in UTF-8 when client names are Cyrillic', async () => {
    const rows = salesRows(60_000, 40_000).map((line, i) => (i === 0 ? line : line.map((v, c) => (c === 2 ? `Общество с ограниченной ответственностью «Торговый дом Северо-Западного федерального округа, клиент ${v}»` : v))));
    const wb = workbookWith(rows);
    await run(wb);
    const st = wb.stats();
    expect(st.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(st.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
    // the budgets (4 MB per request, 3.5 MB per read) hold in bytes, not in UTF-16 characters
    expect(wb.syncs.every((x) => x.requestBytes < 4_500_000 && x.responseBytes < 4_000_000)).toBe(true);
    expect(st.maxRequestBytes).toBeGreaterThan(2_000_000);
    expect(utf8Length('Ж')).toBe(2);
  });
});

describe('writeReport and the names of the workbook', () => {
  it('gives the client table another name when a defined name already has it', async () => {
    const wb = workbookWith(salesRows(200, 15));
    wb.names.set('KC_Clients', '=Sales!$A$1');
    const out = await run(wb);
    expect(out.written.tables).toContain('KC_Clients_2');
    expect(wb.sheet('Clients')!.tables[0].name).toBe('KC_Clients_2');
  });
});
