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

describe('textForExcel(s)', () => {
  it('textForExcel(s) gives every non-empty string the quote prefix, and leaves the empty string empty', () => {
    expect(['=A1', '+7', '-x', '@home', "'q", 'Plain', ''].map(textForExcel)).toEqual(["'=A1", "'+7", "'-x", "'@home", "''q", "'Plain", '']);
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
    // the selection, the used range, the tables, hidden rows, a sample and the rest of the values, the dates
    expect(wb.stats().syncs).toBeLessThanOrEqual(7);
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
});

describe('writeReport on the floor of the requirement sets', () => {
  it('runs on ExcelApi 1.10, the floor of the hosts with the shared runtime, with the PivotTable and the Pareto chart', async () => {
    const wb = workbookWith(salesRows(300, 20));
    wb.apiVersion = '1.10';
    const out = await run(wb);
    expect([out.written.pivot, out.written.chart]).toEqual([true, true]);
    expect(wb.syncs.some((x) => x.failed)).toBe(false);
  });

  it('sums the revenue in the PivotTable explicitly and suspends screen updating', async () => {
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
    expect(cells.filter((c) => c!.formula || c!.coerced || c!.undocumented)).toEqual([]);
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
    // the budgets (4 MB per request, 3.5 MB per read) hold as the transport measures them, not in UTF-16 characters
    expect(wb.syncs.every((x) => x.requestBytes < 4_500_000 && x.responseBytes < 4_000_000)).toBe(true);
    expect(wb.syncs.some((x) => x.failed)).toBe(false);
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
