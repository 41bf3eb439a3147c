/**
 * The KPIs over time as the pane writes them (issue 10), against the strict in-memory Excel: the
 * Dynamics and Cohorts sheets, their colour scales (ConditionalFormatType.colorScale, ExcelApi 1.6), the
 * revenue bridge's waterfall (ChartType.waterfall, ExcelApi 1.9) and what the run says when the host
 * refuses it. The table and its hand calculation are those of test/core/segment-dynamics.test.ts.
 */
import { FakeWorkbook } from './fake/fake-excel';
import { loadOptions, readSelection, segmentAndWrite, waterfallRows, type SegmentRunResult } from '../../src/excel';
import { fromSettingsInput } from '../../src/taskpane/components/SettingsForm';
import { DYNAMICS_TABLE } from '../core/dynamics-table';

const T = DYNAMICS_TABLE;

async function runOn(wb: FakeWorkbook, pivot = true, dynamics: { windowMonths?: number; cohort?: 'month' | 'quarter' | 'year' } = { windowMonths: 6 }): Promise<SegmentRunResult> {
  wb.addSheet('Sales', T);
  wb.select('Sales', 'A1');
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host), { settings: { asOf: '2024-12-31', dynamics }, pivot });
}

/** The 0-based row of a sheet whose column A holds `text`. */
function rowWith(wb: FakeWorkbook, sheet: string, text: string): number {
  const s = wb.sheet(sheet)!;
  for (let r = 0; r < 200; r++) if (s.value(r, 0) === text) return r;
  throw new Error(`no '${text}' in ${sheet}`);
}

describe('segmentAndWrite with dates: the sheets of the KPIs over time in Excel', () => {
  let wb: FakeWorkbook;
  let run: SegmentRunResult;
  beforeAll(async () => {
    wb = new FakeWorkbook();
    run = await runOn(wb);
  });

  it('writes Churned key clients, Dynamics and Cohorts, each table an Excel table', () => {
    for (const name of ['Churned key clients', 'Dynamics', 'Cohorts']) expect(wb.sheet(name)).toBeTruthy();
    expect(wb.sheet('Dynamics')!.tables.map((t) => t.name)).toEqual([
      'KC_Status', 'KC_Bridge', 'KC_ABCMigration_Clients', 'KC_ABCMigration_RevenuePrevious', 'KC_ABCMigration_RevenueCurrent', 'KC_RFMMigration',
    ]);
  });

  it('writes the KPI ratios as numbers at the top of the Summary', () => {
    const s = wb.sheet('Summary')!;
    expect([s.value(2, 0), s.value(2, 1), s.cell(2, 1)!.numberFormat]).toEqual(['Retention rate', 0.75, '0.0%']);
  });

  it('draws the revenue bridge as a waterfall from the previous period through the five steps, beside its table', () => {
    const at = rowWith(wb, 'Dynamics', 'Revenue bridge: from the previous period to the current one');
    const [chart] = wb.sheet('Dynamics')!.charts;
    // the header row and 6 rows of columns A:B (Office.js cannot mark the closing total as a total)
    expect(chart.type).toBe('Waterfall');
    expect(chart.source).toBe(`Dynamics!A${at + 2}:B${at + 8}`);
    expect(chart.position).toEqual([`I${at + 1}`, `P${at + 18}`]);
    expect(chart.title).toBe('Revenue bridge: previous period to current period');
    expect(chart.legendVisible).toBe(false);
    expect(run.written.charts).toEqual(['bridgeChart']);
  });

  it('puts a white-to-blue colour scale over the class cells of each migration matrix', () => {
    const at = rowWith(wb, 'Dynamics', 'ABC migration, clients: class in the previous period (rows) and in the current one (columns); "-" = did not buy');
    const scales = wb.sheet('Dynamics')!.conditionalFormats.filter((c) => c.type === 'ColorScale');
    expect(scales).toHaveLength(3);
    // body rows at + 2 .. at + 6 (A, B, C, D, -), columns B..F (index 1, 5 wide)
    expect([scales[0].row, scales[0].col, scales[0].rows, scales[0].cols]).toEqual([at + 2, 1, 5, 5]);
    expect(scales[0].colorScale).toEqual({
      minimum: { formula: null, type: 'LowestValue', color: '#FFFFFF' },
      maximum: { formula: null, type: 'HighestValue', color: '#5B9BD5' },
    });
  });

  it('puts a colour scale over the quarter cells of both cohort matrices', () => {
    const scales = wb.sheet('Cohorts')!.conditionalFormats.filter((c) => c.type === 'ColorScale');
    // 5 cohorts x 8 quarters from column C, under a title and a header row
    expect(scales.map((c) => [c.row, c.col, c.rows, c.cols])).toEqual([[2, 2, 5, 8], [11, 2, 5, 8]]);
    expect(scales[0].colorScale!.maximum.color).toBe('#63BE7B');
  });

  it('writes the starred number format on the partial quarter', () => {
    // 2024-Q1 is the third cohort (row 4), 3 quarters before 2024-Q4: column C + 3 = F (index 5)
    const s = wb.sheet('Cohorts')!;
    expect([s.value(4, 5), s.cell(4, 5)!.numberFormat]).toEqual([0, '0.0%"*"']);
  });

  it('colours the status cells of the Clients table by the names they show', () => {
    const s = wb.sheet('Clients')!;
    const header = s.values(1, 0, 1, 40)[0];
    const col = header.indexOf('Status');
    const row = s.values(2, 0, 8, 1).findIndex((r) => r[0] === 'Churn') + 2;
    expect([s.value(row, col), s.fillOf(row, col)]).toEqual(['Churned', 'FFC7CE']);
  });
});

describe('segmentAndWrite with dates on a host that refuses the waterfall', () => {
  it('writes every sheet and says why the chart is missing and how to draw it', async () => {
    const wb = new FakeWorkbook();
    wb.notImplemented.add('ChartType.Waterfall');
    const run = await runOn(wb);
    expect(wb.sheet('Dynamics')!.charts).toEqual([]);
    expect(wb.sheet('Cohorts')).toBeTruthy();
    expect(run.written.charts).toEqual([]);
    const note = run.written.notes.find((n) => n.startsWith('the waterfall chart of the revenue bridge could not be added'));
    expect(note).toMatch(/Insert > Waterfall, then right-click the Current period bar > Set as total\.$/);
  });

  it('keeps the chart without a title when Excel refuses the title (Excel 2016, office-js#2041), and says so', async () => {
    const wb = new FakeWorkbook();
    wb.failAt = { api: 'Chart.title', nth: 1, code: 'UnsupportedOperation' };
    const run = await runOn(wb, false);
    expect(wb.sheet('Dynamics')!.charts.map((c) => c.type)).toEqual(['Waterfall']);
    expect(run.written.charts).toEqual(['bridgeChart']);
    expect(run.written.notes).toContain('the waterfall chart of the revenue bridge has no title: injected failure of Chart.title');
  });
});

describe('segmentAndWrite: the settings of the KPIs over time are kept in the workbook', () => {
  it('stores the period and the cohort period with the other settings, and the form reads them back', async () => {
    const wb = new FakeWorkbook();
    await runOn(wb, false, { windowMonths: 9, cohort: 'month' });
    const stored = loadOptions(wb.host())!;
    expect(stored.settings.dynamics).toEqual({ windowMonths: 9, cohort: 'month' });
    expect(fromSettingsInput(stored.settings)).toMatchObject({ windowMonths: '9', cohort: 'month' });
  });

  it('writes the cohorts by the stored period: months label the cohorts 2023-03 ...', async () => {
    const wb = new FakeWorkbook();
    await runOn(wb, false, { windowMonths: 9, cohort: 'month' });
    const s = wb.sheet('Cohorts')!;
    expect([s.value(1, 2), s.value(2, 0)]).toEqual(['Month 0', '2023-03']);
  });
});

describe('waterfallRows(chart)', () => {
  it('waterfallRows({ rows: 7, totals: [0, 6] }) draws the first six: the closing total cannot be marked in Office.js', () => {
    expect(waterfallRows({ rows: 7, totals: [0, 6] })).toBe(6);
  });

  it('waterfallRows({ rows: 5, totals: [0] }) draws them all', () => {
    expect(waterfallRows({ rows: 5, totals: [0] })).toBe(5);
  });
});
