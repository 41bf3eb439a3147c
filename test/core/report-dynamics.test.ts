/**
 * The KPIs over time in the report model (issue 10, docs/methods.md "Report"): the KPI table at the top
 * of the Summary, the per-client columns, the sheets Churned key clients, Dynamics and Cohorts. The
 * table and its hand calculation are those of test/core/segment-dynamics.test.ts: asOf 2024-12-31,
 * W = 6, P = 2024-01-01..2024-06-30, C = 2024-07-01..2024-12-31.
 */
import { buildReport, segmentClients, PARTIAL_PERCENT_FORMAT, type Cell, type ReportModel, type ReportSheet, type ReportTable, type SettingsInput } from '../../src/core';
import { DYNAMICS_TABLE } from './dynamics-table';

const T = DYNAMICS_TABLE;
const SETTINGS: SettingsInput = { asOf: '2024-12-31', dynamics: { windowMonths: 6 } };

function report(cells: Cell[][] = T, language: 'en' | 'ru' | 'pl' = 'en', settings: SettingsInput = SETTINGS): ReportModel {
  return buildReport(segmentClients(cells, { settings: { ...settings, language } }));
}

function sheet(m: ReportModel, id: string): ReportSheet {
  const s = m.sheets.find((x) => x.id === id);
  if (!s) throw new Error(`no sheet ${id}`);
  return s;
}

function table(m: ReportModel, id: string): ReportTable {
  for (const s of m.sheets) for (const b of s.blocks) if (b.id === id && b.kind === 'table') return b;
  throw new Error(`no table ${id}`);
}

/** The row of a table whose first cell is `label`, from its second cell on. */
function rowOf(t: ReportTable, label: string): unknown[] {
  const row = t.rows.find((r) => r[0] === label);
  if (!row) throw new Error(`no row ${label} in ${t.id}`);
  return row.slice(1);
}

describe('buildReport(result with dates): the sheets of the KPIs over time', () => {
  const m = report();

  it('puts Churned key clients, Dynamics and Cohorts after Key clients', () => {
    expect(m.sheets.map((s) => s.name).slice(0, 6)).toEqual(['Clients', 'Summary', 'Key clients', 'Churned key clients', 'Dynamics', 'Cohorts']);
  });

  it.each([
    ['ru', ['Ушедшие ключевые клиенты', 'Динамика', 'Когорты']],
    ['pl', ['Utraceni klienci kluczowi', 'Dynamika', 'Kohorty']],
  ] as const)('names them in %s', (lang, names) => {
    expect(report(T, lang).sheets.map((s) => s.name).slice(3, 6)).toEqual(names);
  });

  it('writes none of them, and no KPI table, without a date column', () => {
    const n = buildReport(segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]));
    expect(n.sheets.map((s) => s.role)).not.toEqual(expect.arrayContaining(['dynamics']));
    expect(n.sheets.some((s) => s.role === 'cohorts' || s.role === 'churnedKeyClients')).toBe(false);
    expect(n.sheets[1].blocks[0].id).toBe('overview');
  });

  it('gives every table one header row and typed values: numbers in number columns, text in text columns', () => {
    const numeric = new Set(['integer', 'number', 'money', 'percent', 'date']);
    for (const s of m.sheets.filter((x) => ['dynamics', 'cohorts', 'churnedKeyClients'].includes(x.role))) {
      for (const b of s.blocks) {
        if (b.kind !== 'table') continue;
        const own = new Set((b.cellTypes ?? []).map((c) => `${c.row}:${c.column}`));
        b.rows.forEach((r, i) =>
          r.forEach((v, j) => {
            if (v === null || own.has(`${i}:${j}`)) return;
            const type = b.columns[j].type;
            const want = numeric.has(type) ? 'number' : type === 'boolean' ? 'boolean' : 'string';
            expect([b.id, b.columns[j].key, typeof v]).toEqual([b.id, b.columns[j].key, want]);
          }),
        );
      }
    }
  });
});

describe('buildReport(result with dates): the KPI table at the top of the Summary', () => {
  const m = report();
  const kpis = table(m, 'kpis');

  it('is the first block of the Summary, its title giving both periods and their length', () => {
    expect(sheet(m, 'summary').blocks[0]).toBe(kpis);
    expect(kpis.title).toBe('KPIs over time: the current period 2024-07-01 – 2024-12-31 against the previous period 2024-01-01 – 2024-06-30 (periods of 6 months)');
  });

  it('lists the KPIs by name, the ratios first, without JSON keys (they are in the JSON)', () => {
    expect(kpis.columns.map((c) => c.header)).toEqual(['KPI', 'Value', 'Formula']);
    expect(kpis.rows.map((r) => r[0])).toEqual([
      'Retention rate', 'Churn rate', 'Key-client retention', 'Key-client growth', 'Net revenue retention (NRR)', 'Gross revenue retention (GRR)',
      'Revenue lost with churned key clients', 'Clients, previous period', 'Clients, current period', 'Retained clients', 'Churned clients', 'New clients',
      'Returned clients', 'Key clients, previous period', 'Revenue, previous period', 'Revenue, current period',
    ]);
  });

  it.each([
    ['Retention rate', 0.75, 'retained / clients of the previous period = 3 / 4'],
    ['Churn rate', 0.25, 'churned / clients of the previous period = 1 / 4'],
    ['Key-client retention', 0.5, 'key clients of the previous period who bought in the current one / key clients of the previous period = 1 / 2'],
    ['Key-client growth', -0.0625, "current-period revenue of the previous period's key clients / their previous-period revenue - 1 = 1,500 / 1,600 - 1"],
    ['Net revenue retention (NRR)', 0.9, "current-period revenue of the previous period's clients / their previous-period revenue = 1,800 / 2,000"],
    ['Gross revenue retention (GRR)', 0.65, "as NRR, each client's current-period revenue counted up to its previous-period revenue and not below 0: 1,300 / 2,000"],
    ['Revenue lost with churned key clients', 600, "previous-period revenue of the previous period's key clients who did not buy in the current one (1)"],
  ])('gives %s = %p with its formula in words and the numbers of the run', (name, value, formula) => {
    const [v, f] = rowOf(kpis, name);
    expect(v).toBeCloseTo(value, 12);
    expect(f).toBe(formula);
  });

  it('types the ratios as percents and the revenues as money, the counts in the column format', () => {
    const fmt = (name: string) => {
      const i = kpis.rows.findIndex((r) => r[0] === name);
      return kpis.cellTypes!.find((c) => c.row === i && c.column === 1)?.numFmt ?? kpis.columns[1].numFmt;
    };
    expect([fmt('Retention rate'), fmt('Gross revenue retention (GRR)'), fmt('Revenue lost with churned key clients'), fmt('Revenue, current period'), fmt('Churned clients')])
      .toEqual(['0.0%', '0.0%', '#,##0.00', '#,##0.00', '#,##0']);
  });

  it('leaves a ratio with nothing to divide by blank and says so in its formula', () => {
    const k = table(report([['Date', 'Client', 'Amount'], ['2024-08-01', 'A1', 100]]), 'kpis');
    expect(rowOf(k, 'Retention rate').slice(0, 2)).toEqual([null, 'retained / clients of the previous period = 0 / 0; blank: nothing to divide by']);
  });

  it('writes the formulas in Russian with the Russian digit grouping', () => {
    const k = table(report(T, 'ru'), 'kpis');
    expect(rowOf(k, 'Коэффициент удержания клиентов')[1]).toBe('удержанные / клиенты предыдущего периода = 3 / 4');
    expect(rowOf(k, 'Удержание выручки нетто (NRR)')[1]).toMatch(/^выручка клиентов предыдущего периода в текущем периоде \/ их выручка в предыдущем = 1\s800 \/ 2\s000$/);
  });

  it('gives the length of the periods with the plural forms of the language', () => {
    const title = (lang: 'ru' | 'pl', w: number) => table(report(T, lang, { asOf: '2024-12-31', dynamics: { windowMonths: w } }), 'kpis').title;
    expect(title('ru', 1)).toMatch(/\(длина периода: 1 месяц\)$/);
    expect(title('ru', 2)).toMatch(/\(длина периода: 2 месяца\)$/);
    expect(title('ru', 5)).toMatch(/\(длина периода: 5 месяцев\)$/);
    expect(title('pl', 2)).toMatch(/\(długość okresu: 2 miesiące\)$/);
    expect(title('pl', 12)).toMatch(/\(długość okresu: 12 miesięcy\)$/);
  });
});

describe('buildReport(result with dates): the per-client columns of the Clients table', () => {
  const clients = table(report(), 'clients');

  it('adds status, both period revenues, growth and both period classes', () => {
    const keys = clients.columns.map((c) => c.key);
    const at = keys.indexOf('status');
    expect(keys.slice(at, at + 6)).toEqual(['status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent']);
  });

  it('gives Churn the status by name, 600 then 0, growth -100 %, A then "-"', () => {
    const keys = clients.columns.map((c) => c.key);
    const row = clients.rows.find((r) => r[0] === 'Churn')!;
    const at = keys.indexOf('status');
    expect(row.slice(at, at + 6)).toEqual(['Churned', 600, 0, -1, 'A', '-']);
  });

  it('colours the status column by the names it shows', () => {
    const status = clients.columns.find((c) => c.key === 'status')!;
    expect(Object.keys(status.fills!)).toEqual(['Retained', 'Churned', 'New', 'Returned', 'Inactive']);
  });
});

describe('buildReport(result with dates): the Dynamics sheet', () => {
  const m = report();

  it('counts the clients and both revenues by status', () => {
    // retained: Ret 1000 / 1500, Ret2 300 / 250, Small 100 / 50; inactive: Sleep, Refund (-50 in C)
    expect(table(m, 'status').rows).toEqual([
      ['Retained', 3, 1400, 1800],
      ['Churned', 1, 600, 0],
      ['New', 1, 0, 300],
      ['Returned', 1, 0, 200],
      ['Inactive', 2, 0, -50],
    ]);
  });

  it('gives the revenue bridge line by line, with its sum in words under it', () => {
    // contraction: Ret2 -50, Small -50 and Refund's return -50 (inactive); expansion: Ret +500
    const b = table(m, 'bridge');
    expect(b.rows).toEqual([
      ['Previous period', 2000, 4],
      ['Churned clients', -600, 1],
      ['Contraction: bought less, or returns', -150, 3],
      ['Expansion: bought more', 500, 1],
      ['Returned clients', 200, 1],
      ['New clients', 300, 1],
      ['Current period', 2250, 5],
    ]);
    expect(b.note).toMatch(/^Previous period \+ the five steps = current period: 2,000 - 600 - 150 \+ 500 \+ 200 \+ 300 = 2,250\./);
  });

  it('asks for a waterfall of the bridge beside it: seven rows, the first and the last as totals', () => {
    const [chart] = sheet(m, 'dynamics').charts!;
    expect(chart).toMatchObject({ kind: 'waterfall', table: 'KC_Bridge', categories: 'line', values: 'amount', rows: 7, totals: [0, 6] });
    // right of the widest table (the matrices: label, A, B, C, D, -, total) with one empty column
    expect(chart.column).toBe(8);
    expect(chart.fallback).toMatch(/Insert > Waterfall/);
  });

  it('gives the ABC migration of clients as a matrix, previous class by current class, the (-, -) cell blank', () => {
    const t = table(m, 'abcMigrationClients');
    expect(t.columns.map((c) => c.header)).toEqual(['Previous \\ current', 'A', 'B', 'C', 'D', '- (no purchase)', 'Total']);
    expect(t.rows).toEqual([
      ['A', 1, 0, 0, 0, 1, 2],
      ['B', 0, 1, 0, 0, 0, 1],
      ['C', 0, 0, 1, 0, 0, 1],
      ['D', 0, 0, 0, 0, 0, 0],
      ['- (no purchase)', 1, 1, 0, 0, null, 2],
    ]);
  });

  it('gives the ABC migration of both revenues as matrices', () => {
    expect(rowOf(table(m, 'abcMigrationRevenuePrevious'), 'A')).toEqual([1000, 0, 0, 0, 600, 1600]);
    expect(rowOf(table(m, 'abcMigrationRevenueCurrent'), '- (no purchase)')).toEqual([300, 200, 0, 0, null, 500]);
  });

  it('puts one heat map over the class cells of each migration matrix, not over the total', () => {
    for (const id of ['abcMigrationClients', 'abcMigrationRevenuePrevious', 'abcMigrationRevenueCurrent']) {
      expect(table(m, id).colorScales).toEqual([{ first: 'A', last: 'none', colors: ['FFFFFF', '5B9BD5'] }]);
    }
  });

  it('gives the RFM migration by segment names; the clients who had not bought by the end of the previous period come from "-"', () => {
    // by 2024-06-30 Newc (first row 2024-09-15) and Refund (2024-08-01) had not bought
    const t = table(m, 'rfmMigration');
    expect(t.title).toBe('RFM segment migration: segment on 2024-06-30 (the rows up to that day) and on 2024-12-31');
    expect(t.rows.filter((r) => r[0] === '- (not a client yet)').reduce((s, r) => s + (r[2] as number), 0)).toBe(2);
    expect(t.rows.reduce((s, r) => s + (r[2] as number), 0)).toBe(8);
  });
});

describe('buildReport(result with dates): the Churned key clients sheet', () => {
  it('lists the key clients of the previous period who did not buy in the current one, with the revenue lost', () => {
    const t = table(report(), 'churnedKeyClients');
    expect(t.title).toBe('Key clients of the previous period who did not buy in the current one: 1; revenue lost 600');
    // Churn: last purchase 2024-03-01 (serial 45352), 305 days before 2024-12-31
    expect(t.rows).toEqual([['Churn', 600, 0, 600, 45352, 305, 1, expect.any(String), expect.any(String)]]);
    expect(t.columns[1].header).toBe('Lost revenue (previous period)');
  });

  it('lists them by the revenue lost, largest first', () => {
    // P: X1 700, X2 900, X3 100 (total 1700): X2 before 0 -> A, X1 900 / 1700 = .53 -> A, X3 .94 -> B; only X3 buys in C
    const cells: Cell[][] = [
      ['Date', 'Client', 'Amount'],
      ['2024-02-01', 'X1', 700],
      ['2024-02-01', 'X2', 900],
      ['2024-02-01', 'X3', 100],
      ['2024-09-01', 'X3', 100],
    ];
    const t = table(report(cells), 'churnedKeyClients');
    expect(t.rows.map((r) => [r[0], r[1]])).toEqual([['X2', 900], ['X1', 700]]);
    expect(t.title).toBe('Key clients of the previous period who did not buy in the current one: 2; revenue lost 1,600');
  });
});

describe('buildReport(result with dates): the Cohorts sheet', () => {
  const m = report();

  it('gives the share of each cohort that bought, quarter by quarter after its first', () => {
    // 2024-Q1 = Ret, Churn: both at k = 0; Ret in 2024-Q3 (k = 2). 2024-Q2 = Ret2, Small: Small in Q3, Ret2 in Q4
    const t = table(m, 'cohortShare');
    expect(t.columns.map((c) => c.header).slice(0, 5)).toEqual(['Cohort', 'Clients in cohort', 'Quarter 0', 'Quarter 1', 'Quarter 2']);
    expect(rowOf(t, '2024-Q1')).toEqual([2, 1, 0, 0.5, 0, null, null, null, null]);
    expect(rowOf(t, '2024-Q2')).toEqual([2, 1, 0.5, 0.5, null, null, null, null, null]);
  });

  it('gives the revenue of each quarter over the revenue of the first', () => {
    // 2024-Q1: 1600, then 0, 1500 (1500 / 1600 = 0.9375), 0; 2024-Q2: 400, then 50 (0.125), 250 (0.625)
    const t = table(m, 'cohortRevenue');
    expect(rowOf(t, '2024-Q1')).toEqual([2, 1, 0, 0.9375, 0, null, null, null, null]);
    expect(rowOf(t, '2024-Q2')).toEqual([2, 1, 0.125, 0.625, null, null, null, null, null]);
  });

  it('stars the cells of the partial quarter (2024-Q4) and says why under the table', () => {
    const t = table(m, 'cohortShare');
    // rows 2023-Q1 (k = 7), 2023-Q4 (k = 4), 2024-Q1 (k = 3), 2024-Q2 (k = 2), 2024-Q3 (k = 1): column 2 + k
    expect(t.cellTypes!.map((c) => [c.row, c.column, c.numFmt])).toEqual([
      [0, 9, PARTIAL_PERCENT_FORMAT], [1, 6, PARTIAL_PERCENT_FORMAT], [2, 5, PARTIAL_PERCENT_FORMAT], [3, 4, PARTIAL_PERCENT_FORMAT], [4, 3, PARTIAL_PERCENT_FORMAT],
    ]);
    expect(t.note).toBe('* 2024-Q4, the quarter of the analysis date, is not over yet.');
  });

  it('puts one colour scale over the quarter columns of each matrix', () => {
    expect(table(m, 'cohortShare').colorScales).toEqual([{ first: 'k0', last: 'k7', colors: ['FFFFFF', '63BE7B'] }]);
  });

  it('gives every cell again as a row for a PivotTable, the partial ones marked TRUE', () => {
    const t = table(m, 'cohorts');
    expect(t.columns.map((c) => c.key)).toEqual(['cohort', 'k', 'period', 'size', 'clients', 'share', 'revenue', 'revenueRatio', 'partial']);
    // 8 + 5 + 4 + 3 + 2 cells (2023-Q1 .. 2024-Q3 cohorts up to 2024-Q4)
    expect(t.rows).toHaveLength(22);
    expect(t.rows.find((r) => r[0] === '2024-Q1' && r[1] === 2)).toEqual(['2024-Q1', 2, '2024-Q3', 2, 1, 0.5, 1500, 0.9375, false]);
    expect(t.rows.filter((r) => r[8] === true).map((r) => r[2])).toEqual(['2024-Q4', '2024-Q4', '2024-Q4', '2024-Q4', '2024-Q4']);
  });

  it.each([
    ['ru', 'Квартал 0', '* 2024-Q4 — период даты анализа (квартал), он ещё не закончился.'],
    ['pl', 'Kwartał 0', '* 2024-Q4, okres daty analizy (kwartał), jeszcze się nie skończył.'],
  ] as const)('labels the periods in %s', (lang, header, note) => {
    const t = table(report(T, lang), 'cohortShare');
    expect(t.columns[2].header).toBe(header);
    expect(t.note).toBe(note);
  });

  it('labels months and years by the cohort period of the settings', () => {
    const year = table(report(T, 'en', { ...SETTINGS, dynamics: { windowMonths: 6, cohort: 'year' } }), 'cohortShare');
    expect(year.columns.map((c) => c.header)).toEqual(['Cohort', 'Clients in cohort', 'Year 0', 'Year 1']);
    expect(year.rows.map((r) => r[0])).toEqual(['2023', '2024']);
  });
});
