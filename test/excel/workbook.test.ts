import { FakeWorkbook, PAYLOAD_LIMIT } from './fake/fake-excel';
import { readSelection, segmentAndWrite, MARKER_KEY, PaneError, loadOptions, OPTIONS_KEY, SHEET_NAME_TAG } from '../../src/excel';
import { salesRows } from './sales-data';

async function segmentSheet(wb: FakeWorkbook, address: string, settings = {}) {
  const host = wb.host();
  const source = await readSelection(host);
  return segmentAndWrite(host, source, { settings });
  void address;
}

function workbookWith(rows: (string | number)[][]): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', 'A1');
  return wb;
}

describe('segmentAndWrite on the in-memory workbook', () => {
  it('segments 100,000 rows in a bounded number of syncs, none above 5 MB', async () => {
    const counts: number[] = [];
    for (const n of [20_000, 100_000]) {
      const wb = workbookWith(salesRows(n, 3000));
      const run = await segmentSheet(wb, 'A1');
      const st = wb.stats();
      counts.push(st.syncs);
      expect(st.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
      expect(st.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
      expect(run.result.validRows).toBe(n);
      // reading: 6 syncs (selection, tables, hidden rows, a sample, the dates) + chunks of at most 20,000
      // rows; writing: 10 for sheets, tables, widths, pivot and chart + the values and number formats of
      // the Clients (3,000 x 37: the 6 columns of the KPIs over time and the 5 LTV columns), Summary (the
      // KPI table and the 2 Value tables), Key clients (1,464 x 18), segment (3,000 x 15) and Revenue by
      // period (3,000 x 28) sheets, about 520,000 cells, in requests of at most 20,000 cells: about 26;
      // the sheets of the KPIs over time (Churned key clients, Dynamics, Cohorts) and the waterfall:
      // about 5. Measured after merging both (dyn-int and ltv-int): 47 syncs at 20,000 rows and 51 at
      // 100,000, i.e. 46 + the read chunks; each branch alone had its bound (43 and 46) with the other's
      // columns missing
      expect(st.syncs).toBeLessThanOrEqual(46 + Math.ceil(n / 20_000));
      // eslint-disable-next-line no-console
      if (n === 100_000) console.log(`100k rows: ${st.syncs} syncs, max request ${st.maxRequestBytes} B, max response ${st.maxResponseBytes} B`);
    }
    // five times the rows: only the read chunks grow (3,000 clients both times)
    expect(counts[1] - counts[0]).toBeLessThanOrEqual(5);
  });

  it('keeps every request under the limit when the client table itself is large', async () => {
    const wb = workbookWith(salesRows(60_000, 40_000));
    await segmentSheet(wb, 'A1');
    const st = wb.stats();
    expect(st.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(wb.syncs.every((s) => s.requestBytes < 4_500_000)).toBe(true);
    const clients = wb.sheet('Clients')!;
    expect(clients.tables[0].rows).toBeGreaterThan(20_000);
  });

  it('freezes title, header and client column on Clients and segment sheets, and title and header on Skipped rows', async () => {
    const rows = salesRows(3000, 200);
    rows[5][4] = 'n/a'; // one bad amount (Sales) gives a Skipped rows sheet
    const wb = workbookWith(rows);
    await segmentSheet(wb, 'A1');
    for (const name of ['Clients', 'Group A']) {
      expect([wb.sheet(name)!.frozenRows, wb.sheet(name)!.frozenColumns]).toEqual([2, 1]);
    }
    expect([wb.sheet('Skipped rows')!.frozenRows, wb.sheet('Skipped rows')!.frozenColumns]).toEqual([2, 0]);
    expect(wb.sheet('Summary')!.frozenRows).toBe(0);
  });

  it('writes the Clients sheet as an Excel table with formats and coloured classes, and the Summary', async () => {
    const wb = workbookWith(salesRows(3000, 200));
    const run = await segmentSheet(wb, 'A1');
    const clients = wb.sheet('Clients')!;
    const t = clients.tables.find((x) => x.name === 'KC_Clients')!;
    expect(t).toBeDefined();
    expect(t.rows).toBe(run.result.clients.length + 1);
    const headers = clients.values(t.row, t.col, 1, t.cols)[0];
    const abcCol = headers.indexOf('ABC');
    const revCol = headers.indexOf('Revenue');
    expect(clients.value(t.row + 1, abcCol)).toBe('A');
    expect(clients.fillOf(t.row + 1, abcCol)).toBe('C6EFCE');
    expect(clients.cell(t.row + 1, revCol)?.numberFormat).toBe('#,##0.00');
    expect(clients.cell(0, 0)?.value).toBe(run.model.sheets[0].blocks[0].title);
    expect(wb.sheet('Summary')!.tables.length).toBeGreaterThan(3);
    // calculation was suspended for the writes
    expect(wb.syncs.filter((s) => s.calculationSuspended).length).toBeGreaterThan(0);
    // PivotTable (ABC x XYZ, sum of revenue) and the Pareto chart
    const pivotSheet = wb.sheets.find((s) => s.pivots.length > 0)!;
    expect(pivotSheet.pivots[0]).toMatchObject({ source: 'KC_Clients', rows: ['ABC'], columns: ['XYZ'], data: ['Revenue'] });
    expect(pivotSheet.charts[0].type).toBe('Pareto');
    expect(run.written.pivot && run.written.chart).toBe(true);
  });

  it('writes every block of the Summary where the model puts it, one empty row between blocks', async () => {
    const wb = workbookWith(salesRows(600, 40));
    const run = await segmentSheet(wb, 'A1');
    const model = run.model.sheets.find((x) => x.id === 'summary')!;
    const sheet = wb.sheet('Summary')!;
    let row = 0;
    model.blocks.forEach((b, i) => {
      if (i > 0) expect([b.id, sheet.value(row - 1, 0)]).toEqual([b.id, '']);
      expect([b.id, sheet.value(row, 0)]).toEqual([b.id, b.title]);
      if (b.kind === 'table') {
        expect([b.id, sheet.values(row + 1, 0, 1, b.columns.length)[0]]).toEqual([b.id, b.columns.map((c) => c.header)]);
        if (b.note) expect([b.id, sheet.value(row + 2 + Math.max(1, b.rows.length), 0)]).toEqual([b.id, b.note]);
      }
      row += b.kind === 'table' ? 2 + Math.max(1, b.rows.length) + (b.note ? 1 : 0) + 1 : 1 + b.lines.length + 1;
    });
  });

  it('writes the analysis date as a date, churn as a percent and the source in the overview', async () => {
    const wb = workbookWith(salesRows(600, 40));
    const run = await segmentSheet(wb, 'A1');
    const sheet = wb.sheet('Summary')!;
    const at = (label: string) => {
      // the overview stands under the KPI table (issue 10)
      for (let r = 0; r < 60; r++) if (sheet.value(r, 0) === label) return sheet.cell(r, 1)!;
      throw new Error(`no ${label}`);
    };
    // the latest of the synthetic dates is a serial number; the cell keeps it with a date format
    expect(at('Analysis date').value).toBe(run.result.asOf! + 25569);
    expect(at('Analysis date').numberFormat).toBe('yyyy-mm-dd');
    expect(at('Source').value).toBe('Sales!A1:F601');
    const churn = at('Churn (lost / bought before the lost limit)');
    expect(typeof churn.value).toBe('number');
    expect(churn.numberFormat).toBe('0.0%');
  });

  it('right-aligns the headers of number columns', async () => {
    const wb = workbookWith(salesRows(600, 40));
    await segmentSheet(wb, 'A1');
    const sheet = wb.sheet('Summary')!;
    let header = -1;
    for (let r = 0; r < 80 && header < 0; r++) if (sheet.value(r, 0) === 'ABC x XYZ: clients') header = r + 1;
    expect([0, 1, 2, 3, 4].map((c) => [sheet.value(header, c), sheet.alignment.get(`${header},${c}`) ?? 'General'])).toEqual([
      ['ABC', 'General'], ['X', 'Right'], ['Y', 'Right'], ['Z', 'Right'], ['Total', 'Right'],
    ]);
  });

  it('writes the Key clients sheet and the revenue per period as Excel tables', async () => {
    const wb = workbookWith(salesRows(600, 40));
    const run = await segmentSheet(wb, 'A1');
    expect(wb.sheet('Key clients')!.tables.map((t) => t.name)).toEqual(['KC_KeyClients']);
    expect(wb.sheet('Key clients')!.tables[0].rows).toBe(run.result.summary.keyClients + 1);
    expect(wb.sheet('Revenue by period')!.tables.map((t) => t.name)).toEqual(['KC_Periods']);
  });

  it('never changes the source range', async () => {
    const rows = salesRows(800, 50);
    const wb = workbookWith(rows);
    const before = JSON.stringify(wb.sheet('Sales')!.values(0, 0, rows.length + 2, 8));
    await segmentSheet(wb, 'A1');
    expect(JSON.stringify(wb.sheet('Sales')!.values(0, 0, rows.length + 2, 8))).toBe(before);
  });

  it('a re-run replaces its own sheets and leaves the user sheets', async () => {
    const wb = workbookWith(salesRows(1000, 60));
    wb.addSheet('Notes', [['my notes']]);
    await segmentSheet(wb, 'A1');
    const first = wb.sheets.map((s) => s.name);
    await segmentSheet(wb, 'A1');
    expect(wb.sheets.map((s) => s.name).sort()).toEqual(first.sort());
    expect(wb.sheet('Notes')!.value(0, 0)).toBe('my notes');
    expect(wb.sheet('Sales')).toBeDefined();
    expect(wb.sheets.filter((s) => s.name.startsWith('Clients')).length).toBe(1);
    const marker = wb.settings.get(MARKER_KEY) as { sheets: { name: string }[] };
    expect(marker.sheets.every((m) => wb.sheet(m.name)!.names.has(SHEET_NAME_TAG))).toBe(true);
  });

  it('a user sheet named like ours is left alone and ours gets another name', async () => {
    const wb = workbookWith(salesRows(1000, 60));
    wb.addSheet('Clients', [['the user list']]);
    const run = await segmentSheet(wb, 'A1');
    expect(wb.sheet('Clients')!.value(0, 0)).toBe('the user list');
    expect(wb.sheet('Clients')!.tables.length).toBe(0);
    expect(run.written.sheets.find((s) => s.reportId === 'clients')!.name).toBe('Clients (2)');
    expect(wb.sheet('Clients (2)')!.tables[0].name).toBe('KC_Clients');
  });

  it('a sheet named like ours without the hidden tag is not ours, though the marker lists its name', async () => {
    const wb = workbookWith(salesRows(500, 40));
    await segmentSheet(wb, 'A1');
    // the user deletes our Summary and makes a sheet of the same name
    wb.deleteSheet(wb.sheet('Summary')!);
    wb.addSheet('Summary', [['user summary']]);
    await segmentSheet(wb, 'A1');
    expect(wb.sheet('Summary')!.value(0, 0)).toBe('user summary');
    expect(wb.sheet('Summary (2)')).toBeDefined();
  });

  it('writes formula-like client names as text', async () => {
    const rows: (string | number)[][] = [['Client', 'Amount'], ['=HYPERLINK("x")', 100], ['+7 999', 50], ['-minus', 30], ['@home', 20], ['Plain', 10]];
    const wb = workbookWith(rows);
    await segmentSheet(wb, 'A1');
    const clients = wb.sheet('Clients')!;
    const t = clients.tables[0];
    const names = clients.values(t.row + 1, 0, t.rows - 1, 1).map((r) => r[0]);
    expect(names).toEqual(['=HYPERLINK("x")', '+7 999', '-minus', '@home', 'Plain']);
    for (let r = 1; r < t.rows; r++) expect(clients.cell(t.row + r, 0)?.formula).toBeUndefined();
    const everyCell = wb.sheets.flatMap((s) => s.cells.flatMap((line) => (line ?? []).filter((c) => c?.formula)));
    expect(everyCell).toEqual([]);
  });

  it('gives plain-word errors for an empty and a header-only selection', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Empty');
    wb.select('Empty', 'C3');
    await expect(readSelection(wb.host())).rejects.toMatchObject({ code: 'emptySelection' });
    const wb2 = workbookWith([['Client', 'Amount', 'Date']]);
    const source = await readSelection(wb2.host());
    const err = await segmentAndWrite(wb2.host(), source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaneError);
    expect((err as PaneError).code).toBe('headerOnly');
    expect((err as PaneError).message).toMatch(/only the header row/);
  });

  it('gives a plain-word error when a chart is selected, not cells', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('S');
    wb.selectChart();
    await expect(readSelection(wb.host())).rejects.toMatchObject({ code: 'notCells' });
  });

  it('refuses to replace a protected sheet it wrote, and a protected workbook', async () => {
    const wb = workbookWith(salesRows(300, 20));
    await segmentSheet(wb, 'A1');
    wb.sheet('Clients')!.protected = true;
    await expect(segmentSheet(wb, 'A1')).rejects.toMatchObject({ code: 'sheetProtected' });
    wb.sheet('Clients')!.protected = false;
    wb.structureProtected = true;
    await expect(segmentSheet(wb, 'A1')).rejects.toMatchObject({ code: 'workbookProtected' });
  });

  it('stops between chunks when cancelled', async () => {
    const wb = workbookWith(salesRows(30_000, 20_000));
    const host = wb.host();
    const source = await readSelection(host);
    const ac = new AbortController();
    const err = await segmentAndWrite(host, source, {
      signal: ac.signal,
      onProgress: (f, stage) => stage === 'write' && f > 0.55 && ac.abort(),
    }).catch((e: unknown) => e);
    expect((err as PaneError).code).toBe('cancelled');
    // the next run cleans up what the cancelled one wrote
    await segmentSheet(wb, 'A1');
    expect(wb.sheets.filter((s) => s.name.startsWith('Clients')).length).toBe(1);
  });

  it('reads a table around one selected cell, and the region around it otherwise', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('Data');
    const rows = salesRows(50, 10);
    rows.forEach((line, r) => line.forEach((v, c) => s.setCell(r + 2, c + 1, { value: v })));
    wb.select('Data', 'C10');
    const region = await readSelection(wb.host());
    expect(region.address).toBe('Data!B3:G53');
    expect(region.firstRow).toBe(3);
    expect(region.firstColumn).toBe(1);
    s.tables.push({ name: 'T', sheet: s, row: 2, col: 1, rows: 20, cols: 6, style: '' });
    const table = await readSelection(wb.host());
    expect(table.address).toBe('Data!B3:G22');
  });

  it('stores the mapping and settings in the workbook and reads them back', async () => {
    const wb = workbookWith(salesRows(400, 30));
    const host = wb.host();
    const source = await readSelection(host);
    await segmentAndWrite(host, source, { settings: { abc: { limitA: 0.8, limitB: 0.95 }, rfm: { bins: 3 } } });
    expect(wb.savedSettings.has(OPTIONS_KEY)).toBe(true);
    const stored = loadOptions(wb.host());
    expect(stored?.settings).toEqual({ abc: { limitA: 0.8, limitB: 0.95 }, rfm: { bins: 3 } });
    expect(stored?.mappingByHeader).toMatchObject({ client: 'Customer Name', amount: 'Sales', date: 'Order Date' });
    expect(stored?.source).toBe('Sales!A1:F401');
  });

  it('warns of a sale dated after today, today being the machine\'s local date', async () => {
    const wb = workbookWith([['Client', 'Amount', 'Date'], ['Acme', 100, '2024-01-10'], ['Bolt', 50, '2999-01-10']]);
    const now = new Date();
    const run = await segmentSheet(wb, 'A1');
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const w = run.result.warnings.find((x) => x.code === 'latestDateFuture');
    expect(w?.params.date).toBe('2999-01-10');
    expect([iso(now), iso(new Date())]).toContain(w?.params.today);
  });

  it('segmentAndWrite(host, source, { today }) takes the day given', async () => {
    const wb = workbookWith([['Client', 'Amount', 'Date'], ['Acme', 100, '2024-01-10'], ['Bolt', 50, '2024-03-05']]);
    const host = wb.host();
    // 2024-03-01 is day 19783 (see test/core/exports.test.ts): the sale of 2024-03-05 lies after it
    const run = await segmentAndWrite(host, await readSelection(host), { today: 19783 });
    expect(run.result.warnings.find((x) => x.code === 'latestDateFuture')?.params).toEqual({ date: '2024-03-05', row: 3, today: '2024-03-01' });
  });
});
