/**
 * The KPIs over time in the task pane in Chromium over the in-memory workbook (issue 10): the period
 * and the cohort period come from the settings stored in the workbook, the run shows the KPIs in the
 * result panel and writes the Dynamics sheet with its waterfall. Needs dist/ (`npm run build`) and
 * /usr/bin/chromium. The table and its hand calculation are those of test/core/segment-dynamics.test.ts:
 * asOf 2024-12-31, W = 6: retention 3 / 4, churn 1 / 4, key-client retention 1 / 2, key-client growth
 * 1500 / 1600 - 1 = -6.25 %, NRR 1800 / 2000 = 90 %, GRR 1300 / 2000 = 65 %, lost key revenue 600.
 */
import type { Harness } from './harness';
import { outputPath } from './harness';
import { openPane } from './pane';
import { DYNAMICS_TABLE } from '../core/dynamics-table';

const T = DYNAMICS_TABLE;

/** The options a previous run stored in the workbook (src/excel/store.ts): the analysis date, 6-month periods, cohorts by quarter. */
const STORED = {
  version: 1,
  mappingByHeader: {},
  mapping: {},
  hasHeader: true,
  settings: { asOf: '2024-12-31', dynamics: { windowMonths: 6, cohort: 'quarter' } },
  source: 'Sales!A1:D14',
};

describe('the KPIs over time in the task pane in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openPane({
      sheets: [{ name: 'Sales', cells: T }],
      select: { sheet: 'Sales', address: 'A1' },
      setup: `wb.settings.set('KeyClients.options', ${JSON.stringify(STORED)});`,
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the KPI period and the cohort period stored in the workbook', async () => {
    const page = harness.page;
    await page.getByText('Source: Sales!A1:D14 (14 rows)').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByLabel('KPI period (months)').inputValue()).resolves.toBe('6');
    await expect(page.getByRole('combobox', { name: 'Cohorts by' }).textContent()).resolves.toContain('Quarter');
  });

  it('shows the KPIs of the run in the result panel', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Segment clients' }).click();
    await page.getByText('Done', { exact: true }).waitFor({ timeout: 60_000 });
    const panel = page.getByRole('region', { name: 'KPIs over time' });
    await expect(panel.textContent()).resolves.toContain('Current period (6 months): 2024-07-01 – 2024-12-31; previous: 2024-01-01 – 2024-06-30');
    const value = (name: string) => panel.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]').textContent();
    await expect(value('Retention rate')).resolves.toBe('75%');
    await expect(value('Churn rate')).resolves.toBe('25%');
    await expect(value('Key-client retention')).resolves.toBe('50%');
    await expect(value('Key-client growth')).resolves.toBe('-6.3%');
    await expect(value('Net revenue retention (NRR)')).resolves.toBe('90%');
    await expect(value('Gross revenue retention (GRR)')).resolves.toBe('65%');
    await expect(value('Revenue lost with churned key clients')).resolves.toBe('600');
    await panel.screenshot({ path: outputPath('kpis-panel.png') });
  });

  it('writes the Dynamics sheet with the waterfall of the revenue bridge, and the Cohorts sheet', async () => {
    const sheets = await harness.page.evaluate(() => {
      const w = (window as unknown as { __keyClientsWorkbook: { sheets: Array<{ name: string; charts: Array<{ type: string }>; conditionalFormats: Array<{ type: string }> }> } }).__keyClientsWorkbook;
      return w.sheets.map((s) => ({ name: s.name, charts: s.charts.map((c) => c.type), scales: s.conditionalFormats.filter((c) => c.type === 'ColorScale').length }));
    });
    expect(sheets.find((s) => s.name === 'Dynamics')).toEqual({ name: 'Dynamics', charts: ['Waterfall'], scales: 3 });
    expect(sheets.find((s) => s.name === 'Cohorts')?.scales).toBe(2);
    expect(sheets.map((s) => s.name)).toContain('Churned key clients');
  });
});
