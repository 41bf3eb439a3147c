/**
 * The built task pane in Chromium over the in-memory workbook holding the bundled sample: it reads
 * the selection, the user clicks "Segment clients", and the sheets and tables land in the workbook.
 * Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { openHarness, outputPath } from './harness';
import { officeStubScript } from './office-stub';
import { bundleFakeExcel } from './fake-bundle';
import { sampleCells } from './sample';

interface PageWorkbook {
  sheets: Array<{ name: string; tables: Array<{ name: string; rows: number; cols: number }>; pivots: unknown[]; charts: Array<{ type: string }> }>;
  settings: Map<string, unknown>;
}

describe('the task pane in Chromium over the in-memory workbook', () => {
  let harness: Harness;
  let rows = 0;

  beforeAll(async () => {
    const [fake, cells] = await Promise.all([bundleFakeExcel(), sampleCells()]);
    rows = cells.length;
    harness = await openHarness({ viewport: { width: 420, height: 1100 } });
    const stub = officeStubScript({ displayLanguage: 'en-US' });
    const install = `(() => {
      const wb = new window.KeyClientsFake.FakeWorkbook();
      wb.addSheet('Sales', ${JSON.stringify(cells)});
      wb.select('Sales', 'B2');
      window.KeyClientsFake.installFakeOffice(wb, window);
    })();`;
    await harness.page.addInitScript(`${stub}\n${fake}\n${install}`);
    await harness.page.route('**/office-js/**', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: stub }));
    await harness.page.goto(`${harness.baseUrl}/taskpane.html`);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('reads the selection on open and shows the detected columns and the row counts', async () => {
    const page = harness.page;
    await page.getByText(`Source: Sales!A1:I${rows}`).waitFor({ timeout: 30_000 });
    await page.getByText(/\d+ valid rows, 0 skipped/).waitFor();
    await expect(page.getByRole('combobox', { name: 'Client' }).textContent()).resolves.toContain('Customer Name');
  });

  it('segments the sample and writes the sheets, tables, pivot and chart', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Segment clients' }).click();
    await page.getByText('Done', { exact: true }).waitFor({ timeout: 60_000 });
    const wb = await page.evaluate(() => {
      const w = (window as unknown as { __keyClientsWorkbook: PageWorkbook }).__keyClientsWorkbook;
      return {
        sheets: w.sheets.map((s) => ({ name: s.name, tables: s.tables.map((t) => ({ name: t.name, rows: t.rows, cols: t.cols })), pivots: s.pivots.length, charts: s.charts.map((c) => c.type) })),
        settings: [...w.settings.keys()],
      };
    });
    const names = wb.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Sales', 'Clients', 'Summary', 'Pivot']));
    const clients = wb.sheets.find((s) => s.name === 'Clients')!;
    expect(clients.tables[0].name).toBe('KC_Clients');
    expect(clients.tables[0].rows).toBeGreaterThan(700);
    expect(wb.sheets.find((s) => s.name === 'Summary')!.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['KC_ABC', 'KC_XYZ']));
    expect(wb.sheets.find((s) => s.name === 'Pivot')).toMatchObject({ pivots: 1, charts: ['Pareto'] });
    expect(wb.settings).toEqual(expect.arrayContaining(['KeyClients.report', 'KeyClients.options']));
    await page.screenshot({ path: outputPath('taskpane.png'), fullPage: true });
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
