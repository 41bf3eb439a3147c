/**
 * The KPIs over time end to end through the command line (issue 10): --window and --cohort, the --json
 * keys and values, and the workbook's blocks read back from the file. The table and its hand
 * calculation are those of test/core/segment-dynamics.test.ts (asOf 2024-12-31, W = 6).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { parseArgs, type SegmentCommand } from '../../src/cli/args';
import { ExitCode } from '../../src/cli/exit';
import { cleanup, fails, run, tmpDir } from './fixtures';

const CSV = [
  'Order,Date,Client,Amount',
  'O1,2024-02-10,Ret,1000',
  'O2,2024-08-05,Ret,1500',
  'O3,2024-03-01,Churn,600',
  'O4,2024-04-01,Ret2,200',
  'O5,2024-05-01,Ret2,100',
  'O6,2024-11-11,Ret2,250',
  'O7,2024-06-30,Small,100',
  'O8,2024-07-01,Small,50',
  'O9,2024-09-15,Newc,300',
  'O10,2023-12-31,Back,400',
  'O11,2024-10-01,Back,200',
  'O12,2023-03-01,Sleep,100',
  'O13,2024-08-01,Refund,-50',
].join('\n');

let dir: string;
let input: string;
let doc: {
  kpis: Record<string, unknown>;
  migration: { abc: Array<Record<string, unknown>>; rfm: Array<Record<string, unknown>> };
  cohorts: Array<Record<string, unknown>>;
  clients: Array<Record<string, unknown>>;
};
let wb: ExcelJS.Workbook;
let out: string;

beforeAll(async () => {
  dir = tmpDir();
  input = path.join(dir, 'sales.csv');
  fs.writeFileSync(input, `${CSV}\n`);
  out = path.join(dir, 'result.xlsx');
  const json = path.join(dir, 'result.json');
  const r = await run('segment', input, '--as-of', '2024-12-31', '--window', '6', '--cohort', 'quarter', '--out', out, '--json', json, '--quiet');
  expect([r.code, r.stderr]).toEqual([ExitCode.OK, '']);
  doc = JSON.parse(fs.readFileSync(json, 'utf8'));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});
afterAll(() => cleanup(dir));

/** The value of a sheet's cell (1-based row and column). */
const cell = (sheet: string, row: number, col: number) => wb.getWorksheet(sheet)!.getCell(row, col).value;

/** The 1-based row of a sheet whose column A holds `text`. */
function rowWith(sheet: string, text: string): number {
  const ws = wb.getWorksheet(sheet)!;
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === text) return r;
  throw new Error(`no '${text}' in column A of ${sheet}`);
}

describe('key-clients segment --window 6 --json: the keys of issue 10', () => {
  it('gives kpis with the issue\'s keys in order, the windows as first and last days', () => {
    expect(Object.keys(doc.kpis).slice(0, 17)).toEqual([
      'windowMonths', 'previous', 'current', 'clientsPrevious', 'clientsCurrent', 'retained', 'churned', 'new', 'returned',
      'retentionRate', 'churnRate', 'keyClientsPrevious', 'keyClientRetention', 'keyClientGrowth', 'nrr', 'grr', 'lostKeyRevenue',
    ]);
    expect([doc.kpis.windowMonths, doc.kpis.previous, doc.kpis.current]).toEqual([6, { from: '2024-01-01', to: '2024-06-30' }, { from: '2024-07-01', to: '2024-12-31' }]);
  });

  it('gives the hand-computed KPIs', () => {
    const k = doc.kpis;
    expect([k.clientsPrevious, k.clientsCurrent, k.retained, k.churned, k.new, k.returned, k.retentionRate, k.churnRate, k.keyClientsPrevious, k.keyClientRetention, k.lostKeyRevenue])
      .toEqual([4, 5, 3, 1, 1, 1, 0.75, 0.25, 2, 0.5, 600]);
    expect(k.keyClientGrowth).toBeCloseTo(-0.0625, 12);
    expect(k.nrr).toBeCloseTo(0.9, 12);
    expect(k.grr).toBeCloseTo(0.65, 12);
  });

  it('gives migration.abc as { from, to, clients, revenuePrevious, revenueCurrent } and migration.rfm as { from, to, clients }', () => {
    expect(doc.migration.abc).toHaveLength(24);
    expect(doc.migration.abc[0]).toEqual({ from: 'A', to: 'A', clients: 1, revenuePrevious: 1000, revenueCurrent: 1500 });
    for (const m of doc.migration.rfm) expect(Object.keys(m)).toEqual(['from', 'to', 'clients']);
  });

  it('gives cohorts by quarter with cohort, k, clients and revenue', () => {
    expect(doc.cohorts.filter((c) => c.cohort === '2024-Q2').map((c) => [c.k, c.clients, c.revenue])).toEqual([[0, 2, 400], [1, 1, 50], [2, 1, 250]]);
  });

  it('gives each client the six keys after the keys of issue 2 (the LTV keys of issue 11 follow them)', () => {
    const ret2 = doc.clients.find((c) => c.client === 'Ret2')!;
    const keys = Object.keys(ret2);
    const at = keys.indexOf('keyClient');
    expect(keys.slice(at, at + 7)).toEqual(['keyClient', 'status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent']);
    expect(keys.slice(at + 7)).toEqual(['pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple']);
    expect([ret2.status, ret2.revenuePrevious, ret2.revenueCurrent, ret2.abcPrevious, ret2.abcCurrent]).toEqual(['retained', 300, 250, 'B', 'B']);
    expect(ret2.growth).toBeCloseTo(250 / 300 - 1, 12);
  });

  it('takes --cohort month and --window 12 (the default window is 12 months)', async () => {
    const json = path.join(dir, 'month.json');
    const r = await run('segment', input, '--as-of', '2024-12-31', '--cohort', 'month', '--out', path.join(dir, 'month.xlsx'), '--json', json, '--quiet');
    expect(r.code).toBe(ExitCode.OK);
    const m = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(m.kpis.previous).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(m.cohorts[0].cohort).toBe('2023-03');
  });
});

describe('key-clients segment --window / --cohort: bad values', () => {
  // --window is read by the settings' text rules like --horizon (docs/methods.md "Settings as typed"):
  // a number as the pane reads it, then the settings' own range check names the range
  it.each(['0', '61', '1.5'])('refuses --window %s with the range it takes', async (w) => {
    expect(await fails(ExitCode.USAGE, 'segment', input, '--window', w)).toBe(`the window must be a whole number of months from 1 to 60, not ${w}`);
  });

  it('refuses --window twelve: not a number', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', input, '--window', 'twelve')).toBe("--window must be a number, not 'twelve'");
  });

  it('refuses --window 12%: months take no % sign', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', input, '--window', '12%')).toBe("--window takes no % sign, not '12%'");
  });

  it('parseArgs(--window 6,0) reads the decimal comma: 6 months, as the pane reads its field', () => {
    expect((parseArgs(['segment', 'x.csv', '--window', '6,0']) as SegmentCommand).settings.dynamics).toEqual({ windowMonths: 6 });
  });

  it('refuses --cohort week, naming the periods it takes', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', input, '--cohort', 'week')).toBe("--cohort must be one of quarter, month, year, not 'week'");
  });

  it('names both options in --help', async () => {
    const r = await run('--help');
    expect(r.stdout).toContain('--window N');
    expect(r.stdout).toContain('--cohort month|quarter|year');
  });
});

describe('key-clients segment --window 6: the workbook', () => {
  it('writes the sheets Churned key clients, Dynamics and Cohorts after Key clients', () => {
    expect(wb.worksheets.map((w) => w.name).slice(0, 6)).toEqual(['Clients', 'Summary', 'Key clients', 'Churned key clients', 'Dynamics', 'Cohorts']);
  });

  it('starts the Summary with the KPIs, a ratio as a number in a percent format', () => {
    expect(String(cell('Summary', 1, 1))).toMatch(/^KPIs over time: the current period 2024-07-01 – 2024-12-31/);
    expect([cell('Summary', 2, 1), cell('Summary', 2, 2), cell('Summary', 2, 3)]).toEqual(['KPI', 'Value', 'Formula']);
    expect([cell('Summary', 3, 1), cell('Summary', 3, 2)]).toEqual(['Retention rate', 0.75]);
    expect(wb.getWorksheet('Summary')!.getCell(3, 2).numFmt).toBe('0.0%');
  });

  it('writes the revenue bridge as an Excel table, and how to draw its waterfall beside it', () => {
    const at = rowWith('Dynamics', 'Revenue bridge: from the previous period to the current one');
    expect([cell('Dynamics', at + 2, 1), cell('Dynamics', at + 2, 2)]).toEqual(['Previous period', 2000]);
    expect([cell('Dynamics', at + 8, 1), cell('Dynamics', at + 8, 2)]).toEqual(['Current period', 2250]);
    expect(wb.getWorksheet('Dynamics')!.getTable('KC_Bridge')).toBeTruthy();
    // the command line draws no chart (yet): the how-to stands in the chart's corner, column I of the bridge's title row
    expect(String(cell('Dynamics', at, 9))).toMatch(/^Waterfall chart: select the Line and Amount cells/);
  });

  it('writes the churned key client with the revenue lost', () => {
    expect([cell('Churned key clients', 3, 1), cell('Churned key clients', 3, 2)]).toEqual(['Churn', 600]);
  });

  it('writes colour scales over the migration matrices and the cohort matrices (read back from the file)', () => {
    // the sheets' XML, by Python's zipfile: Dynamics is sheet 5, Cohorts sheet 6
    const xml = (n: number) => execFileSync('python3', ['-c', `import zipfile,sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet${n}.xml').decode())`, out], { encoding: 'utf8' });
    const scales = (n: number) => [...xml(n).matchAll(/<conditionalFormatting sqref="([A-Z]+\d+:[A-Z]+\d+)"><cfRule type="colorScale"/g)].map((m) => m[1]);
    // the three matrices: columns B..F (A, B, C, D, -), rows 5 each; the cohort matrices: C..J (quarters
    // 0..7), 5 cohorts each: title 1, header 2, rows 3-7, note 8, an empty row, title 10, header 11, rows 12-16
    const m = rowWith('Dynamics', 'ABC migration, clients: class in the previous period (rows) and in the current one (columns); "-" = did not buy');
    expect(scales(5)[0]).toBe(`B${m + 2}:F${m + 6}`);
    expect(scales(5)).toHaveLength(3);
    expect(scales(6)).toEqual(['C3:J7', 'C12:J16']);
    expect(xml(6)).toMatch(/<color rgb="FFFFFFFF"\/><color rgb="FF63BE7B"\/>/);
  });

  it('stars the partial quarter of the cohort matrices by its number format', () => {
    // 2024-Q1 (row 5) is 3 quarters before 2024-Q4: column C + 3 = F
    const ws = wb.getWorksheet('Cohorts')!;
    expect([ws.getCell(5, 6).value, ws.getCell(5, 6).numFmt]).toEqual([0, '0.0%"*"']);
    expect([ws.getCell(5, 5).value, ws.getCell(5, 5).numFmt]).toEqual([0.5, '0.0%']);
  });
});
