/**
 * The built task pane in Chromium in situations of real Excel that the pane must show (issue 12 and
 * issue 8 item 10): a selection with hidden rows and a table totals row (the user chooses the rows, the
 * totals row is left out), a workbook whose date system Excel cannot report (the user says which), a
 * 1904 workbook (said), the page loaded hidden by the shared runtime (nothing is read until the pane is
 * shown), and converting =KC.* formulas to values after a confirmation dialog. Saves
 * test/output/taskpane-hidden-rows.png and taskpane-convert.png. Needs dist/ and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { outputPath } from './harness';
import { openPane } from './pane';

interface PageSheet {
  name: string;
  value(r: number, c: number): unknown;
  cell(r: number, c: number): { formula?: string } | undefined;
  tables: Array<{ row: number; rows: number }>;
}
interface PageBook {
  sheets: PageSheet[];
  syncs: unknown[];
}

const SALES = [
  ['Client', 'Amount', 'Date'],
  ['Acme', 500, 45300],
  ['Hidden Ltd', 9000, 45310],
  ['Bolt', 300, 45320],
  ['Cyan', 100, 45330],
  ['Total', 9900, ''],
];

/** The first column of the Clients table of the page's workbook. */
const clientNames = (h: Harness) =>
  h.page.evaluate(() => {
    const wb = (window as unknown as { __keyClientsWorkbook: PageBook }).__keyClientsWorkbook;
    const s = wb.sheets.find((x) => x.name === 'Clients')!;
    const t = s.tables[0];
    return Array.from({ length: t.rows - 1 }, (_, i) => String(s.value(t.row + 1 + i, 0)));
  });

describe('the task pane with hidden rows, a totals row and a 1904 workbook', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openPane({
      sheets: [{ name: 'Sales', cells: SALES }],
      select: { sheet: 'Sales', address: 'A1:C6' },
      setup: `wb.sheet('Sales').hiddenRows.add(2); wb.sheet('Sales').addTable('Sales', 'A1:C6', { showTotals: true }); wb.date1904 = true;`,
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('says the workbook counts dates from 1904, and that the totals row is left out', async () => {
    const page = harness.page;
    await page.getByText('Source: Sales!A1:C6 (6 rows)').waitFor({ timeout: 30_000 });
    await page.getByText('This workbook counts dates from 1904: dates are read and written in that system.').waitFor();
    await page.getByText('The table’s totals row (sheet row 6) is not data and is left out.').waitFor();
    // the preview shows the calendar day of a 1904 serial (45300 + 1462 days from 1899-12-30)
    await page.getByRole('cell', { name: '2028-01-10' }).waitFor();
  });

  it('asks which rows to use, and keeps "Segment clients" unavailable until the user chooses', async () => {
    const page = harness.page;
    await page.getByRole('radiogroup', { name: /hidden or filtered out: 1/ }).waitFor();
    await expect(page.getByRole('button', { name: 'Segment clients' }).getAttribute('aria-disabled')).resolves.toBe('true');
  });

  it('leaves the hidden rows out when the user chooses the rows shown, and says so in the result', async () => {
    const page = harness.page;
    await page.getByText('4 valid rows, 0 skipped, 0 empty').waitFor();
    await page.getByRole('radio', { name: 'Only the rows shown' }).check();
    await page.getByText('3 valid rows, 0 skipped, 0 empty').waitFor();
    await page.getByRole('button', { name: 'Segment clients' }).click();
    await page.getByRole('region', { name: 'Done' }).waitFor({ timeout: 60_000 });
    await page.getByText('Read from Sales!A1:C6').waitFor();
    await page.getByText('Hidden or filtered rows left out: 1').waitFor();
    await expect(clientNames(harness).then((n) => n.sort())).resolves.toEqual(['Acme', 'Bolt', 'Cyan']);
    await page.screenshot({ path: outputPath('taskpane-hidden-rows.png'), fullPage: true });
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});

describe('the task pane when Excel cannot tell the date system', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openPane({
      sheets: [{ name: 'Sales', cells: SALES.slice(0, 5) }],
      select: { sheet: 'Sales', address: 'B2' },
      setup: `wb.notImplemented.add('Workbook.functions');`,
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('asks which date system the workbook uses before it can run', async () => {
    const page = harness.page;
    await page.getByRole('radiogroup', { name: /which date system/ }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Segment clients' }).getAttribute('aria-disabled')).resolves.toBe('true');
    await page.getByRole('radio', { name: /^1900/ }).check();
    await expect(page.getByRole('button', { name: 'Segment clients' }).getAttribute('aria-disabled')).resolves.not.toBe('true');
  });

  it('runs once the user has answered', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Segment clients' }).click();
    await page.getByRole('region', { name: 'Done' }).waitFor({ timeout: 60_000 });
    await expect(clientNames(harness).then((n) => n.sort())).resolves.toEqual(['Acme', 'Bolt', 'Cyan', 'Hidden Ltd']);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});

describe('the task pane loaded hidden by the shared runtime, then converting formulas', () => {
  let harness: Harness;
  const syncs = () => harness.page.evaluate(() => (window as unknown as { __keyClientsWorkbook: PageBook }).__keyClientsWorkbook.syncs.length);
  const formulas = () =>
    harness.page.evaluate(() => {
      const wb = (window as unknown as { __keyClientsWorkbook: PageBook }).__keyClientsWorkbook;
      const s = wb.sheets.find((x) => x.name === 'Report')!;
      return [0, 1, 2, 3].map((r) => s.cell(r, 1)?.formula ?? null);
    });

  beforeAll(async () => {
    harness = await openPane({
      sheets: [{ name: 'Sales', cells: SALES.slice(0, 5) }, { name: 'Report', cells: [['Client', 'ABC'], ['Acme'], ['Bolt'], ['Cyan']] }],
      select: { sheet: 'Sales', address: 'B2' },
      hidden: true,
      setup: `wb.sheet('Report').setSpill(1, 1, '=KC.ABC_CLASS(Sales!B2:B4)', [['A'], ['B'], ['C']]); wb.sheet('Report').setCell(0, 1, { value: 'ABC' });`,
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('reads nothing from the workbook while the page is hidden', async () => {
    const page = harness.page;
    await page.getByRole('heading', { name: 'Key Clients' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await expect(syncs()).resolves.toBe(0);
  });

  it('reads the selection when the pane is shown', async () => {
    const page = harness.page;
    await page.evaluate(() => (window as unknown as { __keyClientsShow(): void }).__keyClientsShow());
    await page.getByText(/Source: Sales!A1:C5/).waitFor({ timeout: 30_000 });
  });

  it('reads the selection again when the pane is shown again, and the user selected elsewhere meanwhile', async () => {
    const page = harness.page;
    await page.evaluate(() => (window as unknown as { __keyClientsWorkbook: { select(s: string, a: string): void } }).__keyClientsWorkbook.select('Report', 'A1:B4'));
    // two signals of one showing within a second count once: wait before showing again
    await page.waitForTimeout(1100);
    await page.evaluate(() => (window as unknown as { __keyClientsShow(): void }).__keyClientsShow());
    await page.getByText(/Source: Report!A1:B4/).waitFor({ timeout: 30_000 });
  });

  it('asks for a confirmation that says how many formulas, and Cancel changes nothing', async () => {
    const page = harness.page;
    await page.getByRole('tab', { name: 'Formulas' }).click();
    await page.getByRole('radio', { name: 'In the whole workbook' }).check();
    await page.getByRole('button', { name: 'Convert Key Clients formulas to values' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Convert the formulas to values?' });
    await dialog.waitFor({ timeout: 30_000 });
    await expect(dialog.textContent()).resolves.toContain('Key Clients formulas found: 1 (cells with results: 3), on: Report.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(formulas()).resolves.toEqual([null, '=KC.ABC_CLASS(Sales!B2:B4)', null, null]);
  });

  it('replaces the formulas by their values once confirmed', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Convert Key Clients formulas to values' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Convert the formulas to values?' });
    await page.screenshot({ path: outputPath('taskpane-convert.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Convert' }).click();
    await page.getByText('Done: formulas converted: 1, cells: 3; on: Report.').waitFor({ timeout: 30_000 });
    await expect(formulas()).resolves.toEqual([null, null, null, null]);
    const values = await page.evaluate(() => {
      const wb = (window as unknown as { __keyClientsWorkbook: PageBook }).__keyClientsWorkbook;
      const s = wb.sheets.find((x) => x.name === 'Report')!;
      return [1, 2, 3].map((r) => s.value(r, 1));
    });
    expect(values).toEqual(['A', 'B', 'C']);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
