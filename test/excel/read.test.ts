/**
 * Reading the selection as Excel on the web allows (issue 12, items 1, 4, 5 and 9): payload and read
 * limits, tables with totals rows, hidden and filtered rows, the 1904 date system, the regional date
 * order, and selections that are not one block of cells. Every case runs against the strict double.
 */
import { FakeWorkbook, PAYLOAD_LIMIT } from './fake/fake-excel';
import { readSelection, segmentAndWrite, prepareCells, slashOrderOfPattern, rowsOfAreas, PaneError, type SourceRange } from '../../src/excel';
import { salesRows } from './sales-data';

function workbookWith(rows: (string | number)[][], select = 'A1'): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', select);
  return wb;
}

const clientsOf = (wb: FakeWorkbook): string[] => {
  const s = wb.sheet('Clients')!;
  const t = s.tables[0];
  return s.values(t.row + 1, 0, t.rows - 1, 1).map((r) => String(r[0]));
};

describe('readSelection within Excel on the web’s limits', () => {
  it('reads 40 columns of long Russian text, every response under 5 MB as the transport measures it', async () => {
    const text = 'Общество с ограниченной ответственностью «Северо-Западная торговая компания»';
    const header = ['Клиент', 'Сумма', ...Array.from({ length: 38 }, (_, i) => `Примечание ${i + 1}`)];
    const rows = [header, ...Array.from({ length: 3000 }, (_, i) => [`Клиент ${i % 300}`, 100 + i, ...new Array<string>(38).fill(text)])];
    const wb = workbookWith(rows);
    const source = await readSelection(wb.host());
    expect(source.values.length).toBe(3001);
    expect(wb.syncs.every((s) => s.responseBytes < PAYLOAD_LIMIT && !s.failed)).toBe(true);
  });

  it('reads a range again in halves when Excel gives null for a read above its cell limit', async () => {
    const rows = [Array.from({ length: 2600 }, (_, i) => `H${i}`), ...Array.from({ length: 60 }, (_, r) => Array.from({ length: 2600 }, (_, c) => (r + c) % 10))];
    const wb = workbookWith(rows);
    wb.readCellLimit = 100_000;
    const source = await readSelection(wb.host());
    expect(source.values.length).toBe(61);
    expect(source.values[60][2599]).toBe((59 + 2599) % 10);
  });

  it('reads a chunk again in halves when Excel refuses its response as too large', async () => {
    // short rows first (the sample), then rows a hundred times longer
    const rows = [['Client', 'Amount', 'Note'], ...Array.from({ length: 4000 }, (_, i) => [`C${i}`, i, i < 60 ? 'x' : 'y'.repeat(3000)])];
    const wb = workbookWith(rows);
    const source = await readSelection(wb.host());
    expect(source.values.length).toBe(4001);
    expect(source.values[4000][2]).toBe('y'.repeat(3000));
    expect(wb.syncs.some((s) => s.failed === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
  });

  it('says in plain words which row is too large when one row alone passes the limit', async () => {
    const rows = [['Client', 'Amount', 'Note'], ['A', 1, 'x'], ['B', 2, 'Ж'.repeat(800_000)]];
    const wb = workbookWith(rows);
    const err = await readSelection(wb.host()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaneError);
    expect(err).toMatchObject({ code: 'tooLarge', params: { row: 3 } });
  });
});

describe('readSelection and Excel tables', () => {
  function tableBook(): FakeWorkbook {
    const wb = workbookWith([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50], ['Total', 150]], 'A2');
    wb.sheet('Sales')!.addTable('Sales', 'A1:B4', { showTotals: true });
    return wb;
  }

  it('reads the header and data body of the table around one selected cell, not its totals row', async () => {
    const source = await readSelection(tableBook().host());
    expect([source.address, source.origin, source.values.map((r) => r[0])]).toEqual(['Sales!A1:B3', 'table', ['Client', 'Acme', 'Bolt']]);
  });

  it('reads the data body alone of a table whose header row is hidden', async () => {
    const wb = workbookWith([['Acme', 100], ['Bolt', 50]], 'A1');
    wb.sheet('Sales')!.addTable('Sales', 'A1:B2', { showHeaders: false });
    const source = await readSelection(wb.host());
    expect([source.address, source.values.length]).toEqual(['Sales!A1:B2', 2]);
  });

  it('lists a totals row inside a selected block, and segmentation leaves it out', async () => {
    const wb = tableBook();
    wb.select('Sales', 'A1:B4');
    const source = await readSelection(wb.host());
    expect(source.totalsRows).toEqual([4]);
    const run = await segmentAndWrite(wb.host(), source);
    expect(clientsOf(wb).sort()).toEqual(['Acme', 'Bolt']);
    expect(run.leftOut.totals).toBe(1);
  });
});

describe('readSelection and hidden or filtered rows', () => {
  function hiddenBook(): FakeWorkbook {
    const wb = workbookWith([['Client', 'Amount'], ['Acme', 100], ['Hidden Ltd', 900], ['Bolt', 50], ['Bad', 'n/a']]);
    wb.sheet('Sales')!.hiddenRows.add(2); // sheet row 3
    return wb;
  }

  it('lists the hidden rows of the selection by sheet row', async () => {
    const source = await readSelection(hiddenBook().host());
    expect(source.hiddenRows).toEqual([3]);
  });

  it('uses the hidden rows when the user chooses all rows', async () => {
    const wb = hiddenBook();
    await segmentAndWrite(wb.host(), await readSelection(wb.host()), { rows: 'all' });
    expect(clientsOf(wb)).toContain('Hidden Ltd');
  });

  it('leaves the hidden rows out when the user chooses the visible ones, and keeps the sheet row numbers', async () => {
    const wb = hiddenBook();
    const run = await segmentAndWrite(wb.host(), await readSelection(wb.host()), { rows: 'visible' });
    expect(clientsOf(wb)).not.toContain('Hidden Ltd');
    expect(run.leftOut.hidden).toBe(1);
    expect(run.result.skipped.map((r) => r.row)).toEqual([5]);
  });

  it('asks Excel for visible rows only when some row is hidden', async () => {
    const wb = workbookWith(salesRows(200, 20));
    await readSelection(wb.host());
    expect(wb.syncs.length).toBe(7);
  });
});

describe('readSelection and the workbook’s dates', () => {
  const iso = (serial1900: number) => new Date(Date.UTC(1899, 11, 30) + serial1900 * 86_400_000).toISOString().slice(0, 10);

  it('reads the 1904 date system from Excel, and dates keep their calendar day through the run', async () => {
    // 2024-03-31 and 2024-01-15 as a 1904-system workbook stores them: 45382 - 1462 and 45306 - 1462
    const wb = workbookWith([['Client', 'Amount', 'Date'], ['Acme', 100, 45382 - 1462], ['Bolt', 50, 45306 - 1462]]);
    wb.date1904 = true;
    const source = await readSelection(wb.host());
    const run = await segmentAndWrite(wb.host(), source);
    expect(source.dateSystem).toBe(1904);
    expect(run.model.asOf).toBe('2024-03-31');
    // the last purchase is written in the workbook's own system, so Excel shows the same day
    const clients = wb.sheet('Clients')!;
    const t = clients.tables[0];
    const headers = clients.values(t.row, 0, 1, t.cols)[0];
    const last = clients.value(t.row + 1, headers.indexOf('Last purchase')) as number;
    expect(iso(last + 1462)).toBe('2024-03-31');
  });

  it('reports the date system as unknown when Excel cannot say, so the pane asks', async () => {
    const wb = workbookWith(salesRows(50, 5));
    wb.notImplemented.add('Workbook.functions');
    expect((await readSelection(wb.host())).dateSystem).toBeNull();
  });

  it('shifts only numeric dates of the date column when the user says 1904', () => {
    const source = { values: [['Client', 'Amount', 'Date'], ['Acme', 7, 0], ['Bolt', 8, '2024-01-02']], firstRow: 1, firstColumn: 0, hiddenRows: [], totalsRows: [] } as unknown as SourceRange;
    expect(prepareCells(source, { date1904: true }).cells).toEqual([['Client', 'Amount', 'Date'], ['Acme', 7, 1462], ['Bolt', 8, '2024-01-02']]);
  });

  it('reads slashed text dates in the regional format’s order, not the display language’s', async () => {
    const rows = [['Client', 'Amount', 'Date'], ['Acme', 100, '01/02/2024'], ['Bolt', 50, '03/02/2024']];
    const wb = workbookWith(rows);
    wb.displayLanguage = 'en-US';
    wb.culture = { name: 'en-GB', shortDatePattern: 'dd/MM/yyyy' };
    const run = await segmentAndWrite(wb.host(), await readSelection(wb.host()));
    expect(run.model.asOf).toBe('2024-02-03');
  });

  it('falls back to the display language where Application.cultureInfo is missing (ExcelApi 1.10)', async () => {
    const rows = [['Client', 'Amount', 'Date'], ['Acme', 100, '01/02/2024'], ['Bolt', 50, '03/02/2024']];
    const wb = workbookWith(rows);
    wb.apiVersion = '1.10';
    wb.displayLanguage = 'en-US';
    wb.culture = { name: 'en-GB', shortDatePattern: 'dd/MM/yyyy' };
    const run = await segmentAndWrite(wb.host(), await readSelection(wb.host()));
    expect(run.model.asOf).toBe('2024-03-02');
  });

  it('slashOrderOfPattern(pattern) reads the day/month order of a short date pattern', () => {
    expect(['dd.MM.yyyy', 'M/d/yyyy', 'yyyy-MM-dd', 'yyyy/M/d', ''].map(slashOrderOfPattern)).toEqual(['dmy', 'mdy', 'mdy', 'mdy', null]);
  });
});

describe('readSelection and selections that are not one block of cells', () => {
  it('says that several blocks are selected, and how many', async () => {
    const wb = workbookWith(salesRows(20, 5));
    wb.selectAreas('Sales', ['A1:C5', 'E1:E5']);
    await expect(readSelection(wb.host())).rejects.toMatchObject({ code: 'multipleAreas', params: { areas: 2 } });
  });

  it('says that a chart or shape is selected', async () => {
    const wb = workbookWith(salesRows(20, 5));
    wb.selectChart();
    await expect(readSelection(wb.host())).rejects.toMatchObject({ code: 'notCells' });
  });

  it('rowsOfAreas(address) gives the zero-based rows of each area', () => {
    expect(rowsOfAreas("'Q1, 2024'!A2:F9,'Q1, 2024'!A12:F12")).toEqual([[1, 8], [11, 11]]);
  });
});
