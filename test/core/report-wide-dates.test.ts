/**
 * Dates centuries apart (a stray 1900-01-15 and a 9999-12-01 in an export) must not crash the run
 * nor make a workbook Excel cannot open: the cohort table spans at most MAX_COHORT_PERIODS periods
 * and the revenue per period at most a sheet's 16,384 columns ("Excel specifications and limits").
 * Period counts are worked out by hand in the comments.
 */
import {
  buildReport, CohortGrid, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, isoToDay, MAX_COHORT_PERIODS, segmentClients, warningText,
  type Cell, type ReportModel, type SegmentationResult,
} from '../../src/core';

const WIDE: Cell[][] = [
  ['Client', 'Amount', 'Date'],
  ['Acme', 100, '1900-01-15'],
  ['Bolt', 50, '9999-12-01'],
  ['Acme', 20, '2020-05-05'],
];

/** Every table of the model within a sheet: its last column and last row. */
function widest(m: ReportModel): { columns: number; rows: number } {
  let columns = 0;
  let rows = 0;
  for (const sheet of m.sheets) {
    let row = 1;
    for (const b of sheet.blocks) {
      if (b.kind !== 'table') continue;
      columns = Math.max(columns, b.columns.length);
      row += 1 + b.rows.length;
    }
    rows = Math.max(rows, row);
  }
  return { columns, rows };
}

describe('the cohort table over dates centuries apart', () => {
  // one run, the heaviest: months 1900-01 .. 9999-12 are (9999 - 1900) * 12 + 12 = 97,200 periods
  let r: SegmentationResult;
  beforeAll(() => {
    r = segmentClients(WIDE, { settings: { dynamics: { cohort: 'month' }, xyz: { period: 'week' } } });
  });

  it('is left out with a warning naming its 97,200 months, and the run goes on', () => {
    expect(r.dynamics!.cohorts).toEqual([]);
    const w = r.warnings.find((x) => x.code === 'cohortsTooLong');
    expect(w?.params).toEqual({ periods: 97_200, max: 1_200, first: '1900-01-15', asOf: '9999-12-01' });
    expect(r.dynamics!.kpis.clientsCurrent).toBe(1); // Bolt bought in the current window; the rest holds
  });

  it.each([
    ['quarter', 32_400], // 97,200 / 3
    ['year', 8_100], // 9999 - 1900 + 1
  ] as const)('counts the periods by %s as %i, and leaves the table out', (cohort, periods) => {
    const grid = new CohortGrid(isoToDay('1900-01-15'), isoToDay('9999-12-01'), cohort);
    expect([grid.periods, grid.omitted, grid.cells()]).toEqual([periods, true, []]);
  });

  it('says so in words in every language', () => {
    const w = r.warnings.find((x) => x.code === 'cohortsTooLong')!;
    expect(warningText(w, 'en')).toBe(
      'the cohort table is left out: from the first purchase, 1900-01-15, to the analysis date, 9999-12-01, there are 97200 cohort periods, more than the 1200 it can show; check the earliest and the latest date, or choose a longer cohort period',
    );
    expect(warningText(w, 'ru')).toContain('Таблица когорт не построена');
    expect(warningText(w, 'pl')).toContain('Tabela kohort nie została utworzona');
  });

  it('writes no Cohorts sheet then, and every sheet stays within 16,384 columns and 1,048,576 rows', () => {
    const m = buildReport(r);
    expect(m.sheets.map((s) => s.role)).not.toContain('cohorts');
    const { columns, rows } = widest(m);
    expect(columns).toBeLessThanOrEqual(EXCEL_MAX_COLUMNS);
    expect(rows).toBeLessThanOrEqual(EXCEL_MAX_ROWS);
  });

  it('leaves out the revenue per period over 421,000-odd weeks, and the Summary says why', () => {
    // 2 clients: within the 1,000,000-cell budget only below 500,000 weeks, but far past a sheet's columns
    const m = buildReport(r, { language: 'en' });
    expect(m.sheets.map((s) => s.role)).not.toContain('periods');
    const summary = m.sheets.find((s) => s.role === 'summary')!;
    const lines = summary.blocks.flatMap((b) => (b.kind === 'notes' ? b.lines : []));
    expect(lines.filter((l) => l.startsWith('The table of revenue per period is not written: ') && l.includes('periods need more than the 16,384 columns of a sheet. Check the earliest and the latest date, or choose longer periods (quarters).'))).toHaveLength(1);
  });

  it('keeps a table of exactly 1,200 months and leaves out one of 1,201', () => {
    // 1927-01 .. 2026-12 is 100 years of 12 months; 1926-12 adds one
    const at = (first: string) => segmentClients([['Client', 'Amount', 'Date'], ['Acme', 10, first], ['Bolt', 5, '2026-12-01']], { settings: { dynamics: { cohort: 'month' } } });
    expect(MAX_COHORT_PERIODS).toBe(1_200);
    const kept = at('1927-01-31');
    expect(kept.warnings.map((w) => w.code)).not.toContain('cohortsTooLong');
    // Acme's cohort 1927-01 has 1,200 cells (k = 0..1199), Bolt's 2026-12 one
    expect(kept.dynamics!.cohorts).toHaveLength(1_201);
    expect(kept.dynamics!.cohorts.filter((c) => c.cohort === '1927-01').map((c) => c.k).at(-1)).toBe(1_199);
    const left = at('1926-12-31');
    expect(left.dynamics!.cohorts).toEqual([]);
    expect(left.warnings.find((w) => w.code === 'cohortsTooLong')?.params.periods).toBe(1_201);
  });
});

describe('the revenue per period within 16,384 columns', () => {
  const small = (count: number): SegmentationResult => {
    const r = segmentClients([['Client', 'Amount', 'Date'], ['Acme', 10, '2024-01-05'], ['Bolt', 5, '2024-03-01']], { settings: { formulas: true } });
    return { ...r, periods: { ...r.periods!, count } };
  };

  it('is written with 16,379 periods: client, XYZ, CV, coverage, the periods and the first row make 16,384 columns', () => {
    const sheet = buildReport(small(16_379)).sheets.find((s) => s.role === 'periods');
    expect(sheet).toBeDefined();
    const table = sheet!.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.columns.length).toBe(16_384);
  });

  it('is not written with 16,380 periods', () => {
    expect(buildReport(small(16_380)).sheets.map((s) => s.role)).not.toContain('periods');
  });
});
