import * as path from 'path';
import ExcelJS from 'exceljs';
import { buildReport, segmentClients, type Cell } from '../../src/core';
import { writeReportXlsx, TABLE_STYLE, CREATOR } from '../../src/cli/write-xlsx';
import { cleanup, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

const SERIAL_2024_01_15 = 45306;
function cells(): Cell[][] {
  return [
    ['Order ID', 'Order Date', 'Customer Name', 'Sales', 'Profit'],
    ['O-1', SERIAL_2024_01_15, '=HYPERLINK("http://evil","x")', 1000, 100],
    ['O-2', SERIAL_2024_01_15 + 40, '+7 900 123', 500, 50],
    ['O-3', SERIAL_2024_01_15 + 80, 'Beta', 'n/a', 5],
    ['O-4', SERIAL_2024_01_15 + 120, 'Gamma', 20, -3],
    ['O-5', SERIAL_2024_01_15 + 150, 'Beta', 300, 30],
  ];
}

async function written(): Promise<{ wb: ExcelJS.Workbook; names: string[] }> {
  const model = buildReport(segmentClients(cells()));
  const file = path.join(dir, 'result.xlsx');
  await writeReportXlsx(model, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, names: model.sheets.map((s) => s.name) };
}

describe('writeReportXlsx(model, file)', () => {
  it('writes every sheet of the model, in order', async () => {
    const { wb, names } = await written();
    expect(wb.worksheets.map((w) => w.name)).toEqual(names);
    expect(names.slice(0, 2)).toEqual(['Clients', 'Summary']);
    expect(names).toContain('Skipped rows');
  });

  it('writes tables as Excel tables with their names, the header row and the style', async () => {
    const { wb } = await written();
    const clients = wb.getWorksheet('Clients')!;
    const table = clients.getTable('KC_Clients') as unknown as { table: { tableRef: string; headerRow: boolean; style: { theme: string } } };
    expect(table.table.tableRef).toMatch(/^A2:[A-Z]+6$/); // header row 2, four clients in rows 3-6
    expect(table.table.headerRow).toBe(true);
    expect(table.table.style.theme).toBe(TABLE_STYLE);
    const summary = wb.getWorksheet('Summary')!;
    const summaryTables = Object.keys((summary as unknown as { tables: Record<string, unknown> }).tables);
    expect(summaryTables).toEqual(expect.arrayContaining(['KC_Overview', 'KC_ABC', 'KC_Pareto']));
    expect(clients.getCell('A1').value).toBe('Clients');
    expect(clients.getCell('A1').font?.bold).toBe(true);
    expect(clients.getCell('A2').value).toBe('Client');
  });

  it('writes a formula-like client name and a phone number as text, never a formula', async () => {
    const { wb } = await written();
    const ws = wb.getWorksheet('Clients')!;
    const names = [3, 4, 5].map((r) => ws.getCell(r, 1));
    const hyper = names.find((c) => String(c.value).startsWith('=HYPERLINK'))!;
    expect(hyper.type).toBe(ExcelJS.ValueType.String);
    expect(hyper.value).toBe('=HYPERLINK("http://evil","x")');
    expect(hyper.formula).toBeUndefined();
    const phone = names.find((c) => c.value === '+7 900 123')!;
    expect(phone.type).toBe(ExcelJS.ValueType.String);
  });

  it('gives columns their number formats, widths and class fills', async () => {
    const { wb } = await written();
    const ws = wb.getWorksheet('Clients')!;
    const header = ws.getRow(2).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    expect(ws.getCell(3, col('Revenue')).numFmt).toBe('#,##0.00');
    expect(ws.getCell(3, col('Last purchase')).numFmt).toBe('yyyy-mm-dd');
    expect(typeof ws.getCell(3, col('Last purchase')).value).not.toBe('string');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(20);
    const abc = ws.getCell(3, col('ABC'));
    expect(abc.value).toBe('A');
    expect(abc.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } });
  });

  it('freezes the header row of the Clients sheet and sets the creator', async () => {
    const { wb } = await written();
    expect(wb.creator).toBe(CREATOR);
    const view = wb.getWorksheet('Clients')!.views[0] as { state: string; ySplit: number };
    expect(view.state).toBe('frozen');
    expect(view.ySplit).toBe(2);
  });

  it('freezes the header row and client column of segment sheets, and the header row of Skipped rows', async () => {
    const { wb } = await written();
    const seg = wb.getWorksheet('Group A')!.views[0] as { state: string; xSplit: number; ySplit: number };
    expect([seg.state, seg.xSplit, seg.ySplit]).toEqual(['frozen', 1, 2]);
    const skipped = wb.getWorksheet('Skipped rows')!.views[0] as { state: string; ySplit: number };
    expect([skipped.state, skipped.ySplit]).toEqual(['frozen', 2]);
  });

  it('makes every table column at least as wide as its header and the filter button', async () => {
    for (const lang of ['en', 'ru', 'pl'] as const) {
      const model = buildReport(segmentClients(cells(), { settings: { language: lang } }));
      for (const sheet of model.sheets) {
        for (const b of sheet.blocks) {
          if (b.kind === 'table') for (const c of b.columns) expect([lang, c.header, c.width >= c.header.length + 3]).toEqual([lang, c.header, true]);
        }
      }
    }
  });

  it('writes the summary counts as whole numbers, the totals as money, the analysis date as a date', async () => {
    const { wb } = await written();
    const ws = wb.getWorksheet('Summary')!;
    const find = (label: string) => {
      let at = 0;
      ws.eachRow((row, n) => {
        if (!at && row.getCell(1).value === label) at = n;
      });
      return ws.getRow(at).getCell(2);
    };
    expect(find('Clients').numFmt).toBe('#,##0');
    expect(find('Total revenue').numFmt).toBe('#,##0.00');
    expect(find('Total revenue').value).toBe(1820);
    // exceljs reads a number in a date format back as a Date
    expect(find('Analysis date').value).toEqual(new Date(Date.UTC(2024, 5, 13)));
    expect(find('Analysis date').numFmt).toBe('yyyy-mm-dd');
  });

  it('keeps one empty row between the blocks of the summary', async () => {
    const model = buildReport(segmentClients(cells()));
    const file = path.join(dir, 'layout.xlsx');
    await writeReportXlsx(model, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Summary')!;
    const titles = model.sheets[1].blocks.map((b) => b.title);
    let row = 1;
    for (const b of model.sheets[1].blocks) {
      expect(ws.getCell(row, 1).value).toBe(b.title);
      expect(ws.getCell(row, 1).font?.bold).toBe(true);
      const height = b.kind === 'table' ? 2 + Math.max(1, b.rows.length) + (b.note ? 1 : 0) : 1 + b.lines.length;
      expect(ws.getCell(row + height, 1).value ?? null).toBeNull();
      row += height + 1;
    }
    // the KPIs over time first (issue 10), then the overview and the totals
    expect(titles.slice(1, 3)).toEqual(['Overview', 'Totals']);
    expect(model.sheets[1].blocks[0].id).toBe('kpis');
  });

  it('writes Russian summary texts with a decimal comma and translated settings', async () => {
    const model = buildReport(segmentClients(cells(), { settings: { language: 'ru' } }));
    const overview = model.sheets[1].blocks.find((b) => b.id === 'overview');
    expect(overview?.kind === 'table' && overview.note).toMatch(/^Настройки: ABC: накопленная доля 0,75 \/ 0,95, показатель — выручка;/);
    const flat = model.warnings.find((w) => w.includes('«плоская»'));
    expect(flat).toBeDefined();
    expect(flat).toMatch(/^В группе A \d+(,\d+)? % клиентов/);
    expect(model.warnings.join('\n').replace(/\b\d\d\.\d\d\.\d{4}\b/g, 'DATE')).not.toMatch(/\d\.\d/); // dates are dd.mm.yyyy
  });

  it('writes churn as a number in a percent format', async () => {
    const model = buildReport(segmentClients(cells()));
    const file = path.join(dir, 'churn.xlsx');
    await writeReportXlsx(model, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Summary')!;
    let churn: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('Churn (')) churn = row.getCell(2);
    });
    // asOf 2024-06-13; first purchases: the =HYPERLINK client 2024-01-15 (150 days), '+7 900 123'
    // 2024-02-24, Gamma 2024-05-14: none before the 365-day limit, so no churn row ...
    expect(churn).toBeUndefined();
    // ... and with a lost limit of 100 days: the first two clients (one purchase each, 150 and 110 days
    // before) are lost and are the two that first bought more than 100 days before: churn 2 / 2
    const lost = buildReport(segmentClients(cells(), { settings: { lifecycle: { lostDays: 100, atRiskDays: 50 } } }));
    await writeReportXlsx(lost, file);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(file);
    wb2.getWorksheet('Summary')!.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('Churn (')) churn = row.getCell(2);
    });
    expect([churn?.value, churn?.numFmt]).toEqual([1, '0.0%']);
  });

  it('right-aligns the headers of number columns: X, Y, Z and Total of the ABC x XYZ table, not ABC', async () => {
    const { wb } = await written();
    const ws = wb.getWorksheet('Summary')!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'ABC x XYZ: clients') header = n + 1;
    });
    const row = ws.getRow(header);
    expect([1, 2, 3, 4, 5].map((c) => [row.getCell(c).value, row.getCell(c).alignment?.horizontal ?? 'left'])).toEqual([
      ['ABC', 'left'], ['X', 'right'], ['Y', 'right'], ['Z', 'right'], ['Total', 'right'],
    ]);
  });

  it('writes the Key clients sheet and the revenue per period as Excel tables', async () => {
    const { wb } = await written();
    const key = wb.getWorksheet('Key clients')!;
    expect(Object.keys((key as unknown as { tables: Record<string, unknown> }).tables)).toEqual(['KC_KeyClients']);
    const periods = wb.getWorksheet('Revenue by period')!;
    expect(Object.keys((periods as unknown as { tables: Record<string, unknown> }).tables)).toEqual(['KC_Periods']);
    // months 2024-01 .. 2024-06 after Client, XYZ, CV, Periods with purchases
    expect((periods.getRow(2).values as unknown[]).slice(5)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
  });

  it('keeps one empty row between the blocks of every sheet', async () => {
    const model = buildReport(segmentClients(cells()));
    const file = path.join(dir, 'layout-all.xlsx');
    await writeReportXlsx(model, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const sheet of model.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      let row = 1;
      sheet.blocks.forEach((b, i) => {
        if (i > 0) expect([sheet.name, b.id, row - 1, ws.getCell(row - 1, 1).value ?? null]).toEqual([sheet.name, b.id, row - 1, null]);
        expect([sheet.name, ws.getCell(row, 1).value]).toEqual([sheet.name, b.title]);
        // a table: title, header, rows (at least one), the note; notes: title and lines
        row += b.kind === 'table' ? 2 + Math.max(1, b.rows.length) + (b.note ? 1 : 0) + 1 : 1 + b.lines.length + 1;
      });
    }
  });

  it('lists skipped rows with their sheet row and reason', async () => {
    const { wb } = await written();
    const ws = wb.getWorksheet('Skipped rows')!;
    expect(ws.getCell('A3').value).toBe(4);
    expect(String(ws.getCell('B3').value)).toMatch(/row 4: amount 'n\/a' is not a number/);
  });
});
