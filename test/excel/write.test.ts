/**
 * Writing the report as Excel on the web allows (issue 12, items 2, 3, 7, 9 and 10): refused requests
 * re-sent smaller, failures half-way through a run, re-runs across sessions, copies of our sheets,
 * failing settings saves, text that Excel would read as something else, renamed table columns, and the
 * sheet Excel reports as active. Every case runs against the strict double.
 */
import { FakeWorkbook, type FakeSheet } from './fake/fake-excel';
import { readSelection, segmentAndWrite, writeReport, MARKER_KEY, SHEET_NAME_TAG, parseTag, tagFormula, type SegmentRunResult } from '../../src/excel';
import { buildReport } from '../../src/core/report/build';
import { segmentClients } from '../../src/core';
import { salesRows } from './sales-data';

function workbookWith(rows: (string | number)[][]): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', 'A1');
  return wb;
}

async function run(wb: FakeWorkbook): Promise<SegmentRunResult> {
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host));
}

/** The body of the first table of a sheet, as rows of values. */
function tableBody(s: FakeSheet): unknown[][] {
  const t = s.tables[0];
  return s.values(t.row + 1, t.col, t.rows - 1, t.cols);
}

const names = (wb: FakeWorkbook) => wb.sheets.map((s) => s.name).sort();

describe('writeReport and Excel’s limits on a request', () => {
  it('re-sends a request Excel refuses for its cell count in smaller blocks, and the table is whole', async () => {
    const wb = workbookWith(salesRows(6000, 1500));
    wb.maxCellsPerRequest = 3000;
    const out = await run(wb);
    expect(out.written.retries).toBeGreaterThan(0);
    expect(wb.syncs.some((s) => s.failed === 'GeneralException')).toBe(true);
    const body = tableBody(wb.sheet('Clients')!);
    expect(body.length).toBe(out.result.clients.length);
    expect(body.map((r) => r[0]).sort()).toEqual(out.result.clients.map((c) => c.client).sort());
  });

  it('builds the requests after a refused one smaller, so Excel refuses only a few', async () => {
    const wb = workbookWith(salesRows(6000, 1500));
    wb.maxCellsPerRequest = 3000;
    await run(wb);
    const refused = wb.syncs.filter((s) => s.failed).length;
    const accepted = wb.syncs.filter((s) => !s.failed && s.cells > 0).length;
    expect(refused).toBeLessThanOrEqual(4);
    expect(accepted).toBeGreaterThan(20);
  });

  it('keeps every request under the cell cap and 5 MB with long Cyrillic names, refused by none', async () => {
    const long = 'Общество с ограниченной ответственностью «Торговый дом Северо-Западного федерального округа»';
    const rows = salesRows(20_000, 8000).map((line, i) => (i === 0 ? line : line.map((v, c) => (c === 2 ? `${long} ${v}` : v))));
    const wb = workbookWith(rows);
    await run(wb);
    expect(wb.syncs.every((s) => !s.failed && s.cells <= 20_000 && s.requestBytes < 4_500_000)).toBe(true);
  });

  it('writes a table whose header and rows are each wider than the cell cap, in parts of its columns, refused by none', async () => {
    // 12,000 money columns (revenue per month over a thousand years: one sale dated 2999 instead of 2024):
    // the two header rows are 24,000 cells, a row's values and number formats 24,000
    const cols = 12_000;
    const columns = Array.from({ length: cols }, (_, i) => ({ key: `p${i}`, header: `P${i + 1}`, type: 'money' as const, numFmt: '#,##0.00', width: 12, headerAlign: 'right' as const }));
    const row = Array.from({ length: cols }, (_, i) => i + 0.5);
    const model = { asOf: null, language: 'en' as const, warnings: [], skippedCount: 0, sheets: [{ id: 'periods', name: 'Wide', role: 'periods' as const, blocks: [{ kind: 'table' as const, id: 'wide', title: 'Wide', tableName: 'KC_Wide', columns, rows: [row] }] }] };
    const wb = workbookWith([['Client', 'Amount'], ['Acme', 1]]);
    await writeReport(wb.host(), model, { pivot: false });
    const wide = wb.sheet('Wide')!;
    expect(wb.syncs.every((s) => !s.failed && s.cells <= 20_000)).toBe(true);
    expect(wide.values(0, 0, 3, cols)).toEqual([['Wide', ...new Array(cols - 1).fill('')], columns.map((c) => c.header), row]);
    expect([wide.cell(2, 0)!.numberFormat, wide.cell(2, cols - 1)!.numberFormat, wide.alignment.get(`1,${cols - 1}`)]).toEqual(['#,##0.00', '#,##0.00', 'Right']);
  });
});

describe('writeReport after a failure half-way', () => {
  it('leaves what ran before the failure, and the next run replaces it all', async () => {
    const wb = workbookWith(salesRows(800, 60));
    wb.failAt = { api: 'tables.add', nth: 2, code: 'GeneralException' };
    await expect(run(wb)).rejects.toMatchObject({ code: 'GeneralException' });
    // the sheets were added and the first table made before the failure
    expect(wb.sheet('Clients')!.tables.length).toBe(1);
    await run(wb);
    // the same sheets and tables as a run that never failed
    const clean = workbookWith(salesRows(800, 60));
    await run(clean);
    expect(names(wb)).toEqual(names(clean));
    expect(wb.allTables().map((t) => t.name).sort()).toEqual(clean.allTables().map((t) => t.name).sort());
  });
});

describe('writeReport finds its own sheets by their tags', () => {
  it('replaces its sheets in a new session, where every sheet id has changed', async () => {
    const wb = workbookWith(salesRows(500, 40));
    wb.addSheet('Notes', [['my notes']]);
    await run(wb);
    const first = names(wb);
    wb.newSession();
    await run(wb);
    expect(names(wb)).toEqual(first);
    expect(wb.sheet('Notes')!.value(0, 0)).toBe('my notes');
  });

  it('leaves alone a copy the user made of one of its sheets, tag and all', async () => {
    const wb = workbookWith(salesRows(500, 40));
    await run(wb);
    // Excel's "Move or Copy" takes the sheet-scoped names along
    const copy = wb.addSheet('Clients (2)', [['my copy']]);
    copy.names.set(SHEET_NAME_TAG, { ...wb.sheet('Clients')!.names.get(SHEET_NAME_TAG)! });
    await run(wb);
    expect(wb.sheet('Clients (2)')!.value(0, 0)).toBe('my copy');
    expect(wb.sheets.filter((s) => s.name.startsWith('Clients')).length).toBe(2);
  });

  it('replaces sheets tagged by the first version (the report id alone)', async () => {
    const wb = workbookWith(salesRows(300, 20));
    const old = wb.addSheet('Clients', [['old report']]);
    old.names.set(SHEET_NAME_TAG, { formula: '="clients"', visible: false });
    await run(wb);
    expect(wb.sheet('Clients')!.value(0, 0)).not.toBe('old report');
    expect(wb.sheet('Clients (2)')).toBeUndefined();
  });

  it('never takes the leads ranking’s sheet for a segmentation sheet', async () => {
    const wb = workbookWith(salesRows(300, 20));
    const leads = wb.addSheet('Refused leads', [['ranking']]);
    leads.names.set(SHEET_NAME_TAG, { formula: tagFormula('KeyClients.leads', 'leads', 't1'), visible: false });
    await run(wb);
    expect(wb.sheet('Refused leads')!.value(0, 0)).toBe('ranking');
  });

  it('parseTag(formula) reads the group, part and run of a tag, and the report id of a first-version tag', () => {
    expect([parseTag(tagFormula(MARKER_KEY, 'segment:A', 'abc')), parseTag('="summary"'), parseTag('=Sales!$A$1')]).toEqual([
      { group: MARKER_KEY, reportId: 'segment:A', token: 'abc' },
      { group: null, reportId: 'summary', token: null },
      null,
    ]);
  });
});

describe('writeReport when the document settings cannot be saved', () => {
  it('finishes the report, says the settings were not saved, and the next run still replaces the sheets', async () => {
    const wb = workbookWith(salesRows(300, 20));
    wb.settingsSaveError = 'the document is read-only';
    const out = await run(wb);
    expect(wb.sheet('Clients')!.tables[0].rows).toBe(out.result.clients.length + 1);
    expect(out.written.notes.filter((n) => n.includes('read-only'))).toHaveLength(1);
    wb.settingsSaveError = null;
    const before = names(wb);
    await run(wb);
    expect(names(wb)).toEqual(before);
  });
});

describe('writeReport writes text one documented way', () => {
  it('stores "-Acme", "=HYPERLINK(…)", "0042" and an apostrophe-led name as the text they are, with no stray apostrophe', async () => {
    const wb = workbookWith([['Client', 'Amount'], ['-Acme', 100], ['=HYPERLINK("x")', 50], ['0042', 30], ["'quoted", 20], ['+7 999', 10]]);
    await run(wb);
    const clients = wb.sheet('Clients')!;
    expect(tableBody(clients).map((r) => r[0])).toEqual(['-Acme', '=HYPERLINK("x")', '0042', "'quoted", '+7 999']);
  });

  it('formats no written cell as text, and leaves no cell whose outcome Excel does not document', async () => {
    const wb = workbookWith([['Client', 'Amount', 'Date'], ['-Acme', 100, 45300], ['80%', 50, 45310]]);
    await run(wb);
    const ours = wb.sheets.filter((s) => s.name !== 'Sales').flatMap((s) => s.cells.flatMap((line) => (line ?? []).filter(Boolean)));
    expect(ours.filter((c) => c!.numberFormat === '@' || c!.undocumented || c!.formula || c!.coerced)).toEqual([]);
  });
});

describe('writeReport and the names Excel gives table columns', () => {
  it('finds the pivot fields by the names Excel gave the columns, when two headers are the same', async () => {
    const wb = workbookWith(salesRows(300, 20));
    const result = segmentClients(wb.sheet('Sales')!.values(0, 0, 301, 6));
    const model = buildReport(result);
    const table = model.sheets.find((s) => s.role === 'clients')!.blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    // the XYZ column's header made equal to the ABC column's: Excel renames the second one "ABC2"
    const abc = table.columns.find((c) => c.key === 'abc')!;
    table.columns.find((c) => c.key === 'xyz')!.header = abc.header;
    const out = await writeReport(wb.host(), model);
    const pivot = wb.sheets.flatMap((s) => s.pivots)[0];
    expect(out.pivot).toBe(true);
    expect([pivot.rows, pivot.columns]).toEqual([[abc.header], [`${abc.header}2`]]);
  });
});

describe('writeReport and the names of the workbook', () => {
  it('gives the PivotTable a name that no table or defined name has', async () => {
    const wb = workbookWith(salesRows(200, 15));
    wb.names.set('KC_Pivot', '=Sales!$A$1');
    await run(wb);
    expect(wb.sheets.flatMap((s) => s.pivots).map((p) => p.name)).toEqual(['KC_Pivot_2']);
  });
});

describe('writeReport and the active sheet', () => {
  it('ends with the sheet it shows as the one Excel reports active, though it froze panes on others', async () => {
    const wb = workbookWith(salesRows(300, 20));
    await run(wb);
    expect([wb.activeSheet!.name, wb.shownSheet!.name]).toEqual(['Clients', 'Clients']);
    expect(wb.activations.slice(-1)).toEqual(['Clients']);
  });
});

describe('writeReport in a 1904-system workbook', () => {
  it('writes date columns in the 1904 system and leaves other numbers alone', async () => {
    const wb = workbookWith([['Client', 'Amount', 'Date'], ['Acme', 100, 45382 - 1462]]);
    wb.date1904 = true;
    await run(wb);
    const clients = wb.sheet('Clients')!;
    const t = clients.tables[0];
    const headers = clients.values(t.row, 0, 1, t.cols)[0];
    expect([clients.value(t.row + 1, headers.indexOf('Last purchase')), clients.value(t.row + 1, headers.indexOf('Revenue'))]).toEqual([45382 - 1462, 100]);
  });

  it('writes the Summary’s analysis date, a date cell in a column of counts, in the 1904 system too', async () => {
    // the only sale is of 2024-03-31 (45382 in the 1900 system), so that is the analysis date
    const wb = workbookWith([['Client', 'Amount', 'Date'], ['Acme', 100, 45382 - 1462]]);
    wb.date1904 = true;
    await run(wb);
    const summary = wb.sheet('Summary')!;
    const row = Array.from({ length: 60 }, (_, r) => r).find((r) => summary.value(r, 0) === 'Analysis date')!;
    expect([summary.value(row, 1), summary.cell(row, 1)!.numberFormat]).toEqual([45382 - 1462, 'yyyy-mm-dd']);
  });
});
