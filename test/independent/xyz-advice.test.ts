/**
 * Independent check of the XYZ advice and of the revenue-per-period sheet on the bundled sample
 * (assets/sample-sales.xlsx, 793 clients).
 *
 * test/independent/xyz_check.py computes, from assets/sample-sales.csv with sqlite3 and Python's
 * datetime, the XYZ class counts of every pair of period (month, quarter, week) and method (CV,
 * frequency) with the default limits, and every client's revenue per month. This test reads the .xlsx
 * in-process, runs the engine with each pair, and compares; then checks that the advice of the default
 * run names the first pair of docs/methods.md's order that splits the clients (quarters + frequency:
 * X 1, Y 642, Z 150), and that the report's sheet of revenue per month is the Python series.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { buildReport, segmentClients, xyzCandidates, splitsClients, type PeriodKind, type ReportTable, type SegmentationResult, type XyzMethod } from '../../src/core';
import { readInput } from '../../src/cli/read';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'independent', 'xyz_check.py');
const SAMPLE_CSV = path.join(ROOT, 'assets', 'sample-sales.csv');
const SAMPLE_XLSX = path.join(ROOT, 'assets', 'sample-sales.xlsx');

interface Expected {
  pairs: Record<string, { T: number; X: number; Y: number; Z: number }>;
  months: string[];
  monthly: Record<string, number[]>;
}

const PERIODS: PeriodKind[] = ['month', 'quarter', 'week'];
const METHODS: XyzMethod[] = ['cv', 'frequency'];

let expected: Expected;
let cells: Awaited<ReturnType<typeof readInput>>['cells'];
const runs = new Map<string, SegmentationResult>();
beforeAll(async () => {
  expected = JSON.parse(execFileSync('python3', [SCRIPT, SAMPLE_CSV], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }));
  cells = (await readInput(SAMPLE_XLSX)).cells;
  for (const period of PERIODS) for (const method of METHODS) runs.set(`${period}/${method}`, segmentClients(cells, { settings: { xyz: { period, method } } }));
}, 120_000);

describe('XYZ on the sample, every period and method (xyz_check.py)', () => {
  it.each(PERIODS.flatMap((p) => METHODS.map((m) => `${p}/${m}`)))('segmentClients(sample, %s) gives the class counts and the number of periods of xyz_check.py', (pair) => {
    const r = runs.get(pair)!;
    const want = expected.pairs[pair];
    expect({ T: r.periods!.count, X: r.summary.xyz!.X.clients, Y: r.summary.xyz!.Y.clients, Z: r.summary.xyz!.Z.clients }).toEqual(want);
  });
});

describe('the XYZ advice on the sample', () => {
  it('the default run (months + CV) puts every client in Z', () => {
    expect(expected.pairs['month/cv']).toMatchObject({ X: 0, Y: 0, Z: 793 });
    expect(runs.get('month/cv')!.summary.xyz!.Z.clients).toBe(793);
  });

  it('the default run suggests the first pair of the documented order that splits the clients: quarters + frequency, X 1, Y 642, Z 150', () => {
    const firstSplit = xyzCandidates({ method: 'cv', period: 'month', limitX: 0.1, limitY: 0.25 }).find((c) => {
      const { X, Y, Z } = expected.pairs[`${c.period}/${c.method}`];
      return splitsClients({ X, Y, Z });
    })!;
    expect([firstSplit.period, firstSplit.method]).toEqual(['quarter', 'frequency']);
    expect(runs.get('month/cv')!.xyzSuggestion).toEqual({ period: 'quarter', method: 'frequency', limitX: 0.75, limitY: 0.25, counts: { X: 1, Y: 642, Z: 150 } });
  });

  it('the default run warns, in Russian too, with the counts of quarters + frequency', () => {
    const ru = buildReport(runs.get('month/cv')!, { language: 'ru' });
    expect(ru.warnings).toContain(
      'В группе Z 100 % клиентов (периоды — месяцы, метод — коэффициент вариации), так что XYZ их не различает; разделяет их вариант «кварталы + частота»: X 1, Y 642, Z 150',
    );
  });

  it('a run with quarters + frequency gets no advice: Y holds 81 %', () => {
    expect(runs.get('quarter/frequency')!.xyzSuggestion).toBeNull();
    expect(runs.get('quarter/frequency')!.warnings.map((w) => w.code)).not.toContain('xyzOneClass');
  });
});

describe('the sheet of revenue per month on the sample', () => {
  it('buildReport(sample) writes every client\'s revenue per month as xyz_check.py sums it, 0 where nothing was bought', () => {
    const sheet = buildReport(runs.get('month/cv')!).sheets.find((s) => s.id === 'periods')!;
    const table = sheet.blocks[0] as ReportTable;
    const first = table.columns.findIndex((c) => c.key === expected.months[0]);
    expect(table.columns.slice(first).map((c) => c.header)).toEqual(expected.months);
    expect(table.rows).toHaveLength(793);
    let worst = 0;
    for (const row of table.rows) {
      const want = expected.monthly[String(row[0]).trim().replace(/\s+/g, ' ').toLowerCase()];
      expect(want).toBeDefined();
      row.slice(first).forEach((v, i) => (worst = Math.max(worst, Math.abs((v as number) - want[i]))));
    }
    expect(worst).toBeLessThan(1e-6);
  });
});
