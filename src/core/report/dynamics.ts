/**
 * The KPIs over time in the report model (METHODS.md section 9, docs/methods.md "Report"): the KPI
 * table at the top of the Summary, the per-client columns of the Clients table, and the sheets
 * Churned key clients, Dynamics (statuses, revenue bridge with its waterfall chart, ABC migration
 * matrices, RFM segment migration) and Cohorts (share and revenue matrices with colour scales, and
 * the same as one row per cell for a PivotTable). Called from build.ts; nothing here when the result
 * has no dynamics (no date column).
 */
import type { Lang } from '../types';
import { dayToIso, dayToSerial } from '../parse/dates';
import { dateText, format, grouped, plural, type Texts } from '../i18n';
import type { ClientResult, SegmentationResult } from '../segment';
import { BRIDGE_KEYS, CLIENT_STATUSES, type ClientStatus } from '../methods/bridge';
import { WINDOW_CLASSES, type DynamicsResult, type WindowClass } from '../methods/dynamics';
import type { DayRange } from '../methods/windows';
import { ABC_FILLS, LIFECYCLE_FILLS, NUMBER_FORMATS, col, labelWidth, sheetName } from './build';
import type { ReportCellType, ReportColorScale, ReportColumn, ReportSheet, ReportTable, ReportValue } from './model';
import { computedTable } from './rows';

/** Fill colours (hex RGB) of the statuses between the two periods. */
export const STATUS_FILLS: Readonly<Record<ClientStatus, string>> = { retained: 'C6EFCE', churned: 'FFC7CE', new: 'DDEBF7', returned: 'FFEB9C', inactive: 'EDEDED' };

/** Colours of the heat maps: white for the lowest value, a blue (migration) or a green (cohorts) for the highest. */
export const HEAT_MAP_COLORS = { migration: ['FFFFFF', '5B9BD5'], cohorts: ['FFFFFF', '63BE7B'] } as const;

/** The number format of a partial cohort cell: the percent with an asterisk, explained by the note under the table. */
export const PARTIAL_PERCENT_FORMAT = '0.0%"*"';

/** A per-client column of the Clients table, as build.ts lists them. */
export interface DynamicsClientColumn {
  column: ReportColumn;
  value: (c: ClientResult) => ReportValue;
}

/** Sheet columns a waterfall chart takes, and rows. */
const CHART_WIDTH = 8;
const CHART_HEIGHT = 18;

/** A sum of money as written in a sentence: digits grouped, at most two decimals ("1,234.5"; "1 234,5"). */
function moneyText(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
}

/** A period as written in titles: "2024-01-01 – 2024-06-30" ("01.01.2024 – 30.06.2024" in Russian and Polish). */
function rangeText(r: DayRange, lang: Lang): string {
  return `${dateText(dayToIso(r.from), lang)} – ${dateText(dayToIso(r.to), lang)}`;
}

/** The name of a window class in the tables: the letter, or "- (no purchase)". */
function classLabel(c: WindowClass, t: Texts): string {
  return c === '-' ? t.dynamics.col.noPurchase : c;
}

/** Status names of a language keyed to their fills (the column shows the names). */
function statusFills(t: Texts): Record<string, string> {
  return Object.fromEntries(CLIENT_STATUSES.map((s) => [t.dynamics.status[s], STATUS_FILLS[s]]));
}

/**
 * The per-client columns of the dynamics in the Clients table: status (by name, coloured), revenue in
 * the previous and the current period, growth, and the ABC class in each period; none without dates.
 * @param r a segmentation; not mutated.
 * @param t the texts of the report language.
 */
export function dynamicsClientColumns(r: SegmentationResult, t: Texts): DynamicsClientColumn[] {
  if (!r.dynamics) return [];
  const c = t.dynamics.col;
  return [
    { column: col('status', c.status, 'text', labelWidth(Object.values(t.dynamics.status), 10), statusFills(t)), value: (x) => (x.status ? t.dynamics.status[x.status] : null) },
    { column: col('revenuePrevious', c.revenuePrevious, 'money', 14), value: (x) => x.revenuePrevious },
    { column: col('revenueCurrent', c.revenueCurrent, 'money', 14), value: (x) => x.revenueCurrent },
    { column: col('growth', c.growth, 'percent', 10), value: (x) => x.growth },
    { column: col('abcPrevious', c.abcPrevious, 'text', 8, ABC_FILLS), value: (x) => x.abcPrevious },
    { column: col('abcCurrent', c.abcCurrent, 'text', 8, ABC_FILLS), value: (x) => x.abcCurrent },
  ];
}

/** Sums over the clients that the KPI formulas show: numerators and denominators of the ratios. */
interface KpiSums {
  keyKept: number;
  keyRevenuePrevious: number;
  keyRevenueCurrent: number;
  keyChurned: number;
  baseRevenuePrevious: number;
  baseRevenueCurrent: number;
  grossRevenueCurrent: number;
}

/** The sums, from the dynamics' per-client columns (contiguous arrays: no pass over the client objects). */
function kpiSums(d: DynamicsResult): KpiSums {
  const s: KpiSums = { keyKept: 0, keyRevenuePrevious: 0, keyRevenueCurrent: 0, keyChurned: 0, baseRevenuePrevious: 0, baseRevenueCurrent: 0, grossRevenueCurrent: 0 };
  const { status, revenuePrevious, revenueCurrent, abcPrevious } = d.clients;
  for (let i = 0; i < status.length; i++) {
    const st = status[i];
    if (st !== 'retained' && st !== 'churned') continue;
    const p = revenuePrevious[i];
    const cur = revenueCurrent[i];
    s.baseRevenuePrevious += p;
    s.baseRevenueCurrent += cur;
    s.grossRevenueCurrent += Math.max(0, Math.min(cur, p));
    if (abcPrevious[i] === 'A') {
      s.keyRevenuePrevious += p;
      s.keyRevenueCurrent += cur;
      if (st === 'retained') s.keyKept++;
      else s.keyChurned++;
    }
  }
  return s;
}

/**
 * The KPI table at the top of the Summary: each KPI of METHODS.md section 9 with its value (a share,
 * a count or a sum of money, typed) and its formula in words with this run's numbers (the JSON keys stay
 * out of the workbook, as docs/methods.md "Report" decides: they are in the JSON).
 * A blank value says why in its formula. Null without dates.
 * @param r a segmentation; not mutated.
 * @param t the texts of the report language.
 * @param lang the report language (numbers in the formulas).
 */
export function kpiTable(r: SegmentationResult, t: Texts, lang: Lang): ReportTable | null {
  const d = r.dynamics;
  if (!d) return null;
  const k = d.kpis;
  const x = t.dynamics.kpi;
  const s = kpiSums(d);
  const n = (v: number) => grouped(v, lang);
  const m = (v: number) => moneyText(v, lang);
  type Kind = 'percent' | 'integer' | 'money';
  const rows: Array<[key: keyof typeof x, value: number | null, kind: Kind, params: Record<string, string>]> = [
    ['retentionRate', k.retentionRate, 'percent', { a: n(k.retained), b: n(k.clientsPrevious) }],
    ['churnRate', k.churnRate, 'percent', { a: n(k.churned), b: n(k.clientsPrevious) }],
    ['keyClientRetention', k.keyClientRetention, 'percent', { a: n(s.keyKept), b: n(k.keyClientsPrevious ?? 0) }],
    ['keyClientGrowth', k.keyClientGrowth, 'percent', { a: m(s.keyRevenueCurrent), b: m(s.keyRevenuePrevious) }],
    ['nrr', k.nrr, 'percent', { a: m(s.baseRevenueCurrent), b: m(s.baseRevenuePrevious) }],
    ['grr', k.grr, 'percent', { a: m(s.grossRevenueCurrent), b: m(s.baseRevenuePrevious) }],
    ['lostKeyRevenue', k.lostKeyRevenue, 'money', { n: n(s.keyChurned) }],
    ['clientsPrevious', k.clientsPrevious, 'integer', {}],
    ['clientsCurrent', k.clientsCurrent, 'integer', {}],
    ['retained', k.retained, 'integer', {}],
    ['churned', k.churned, 'integer', {}],
    ['new', k.new, 'integer', {}],
    ['returned', k.returned, 'integer', {}],
    ['keyClientsPrevious', k.keyClientsPrevious, 'integer', { basis: t.basis[r.settings.abc.basis] }],
    ['revenuePrevious', k.revenuePrevious, 'money', {}],
    ['revenueCurrent', k.revenueCurrent, 'money', {}],
  ];
  const abcUndefined = k.keyClientsPrevious === null;
  const cellTypes: ReportCellType[] = [];
  const values: ReportValue[][] = rows.map(([key, value, kind, params], i) => {
    if (kind !== 'integer') cellTypes.push({ row: i, column: 1, type: kind, numFmt: NUMBER_FORMATS[kind] });
    const keyRow = key === 'keyClientsPrevious' || key === 'keyClientRetention' || key === 'keyClientGrowth' || key === 'lostKeyRevenue';
    const why = value !== null ? '' : abcUndefined && keyRow ? t.dynamics.noAbc : t.dynamics.blank;
    return [x[key][0], value, format(x[key][1], params) + why];
  });
  return {
    kind: 'table',
    id: 'kpis',
    title: format(t.dynamics.block.kpis, { current: rangeText(d.current, lang), previous: rangeText(d.previous, lang), months: plural(t.dynamics.months, d.windowMonths, lang) }),
    tableName: 'KC_KPIs',
    columns: [
      col('kpi', t.dynamics.col.kpi, 'text', labelWidth(rows.map(([key]) => x[key][0]), 30)),
      col('value', t.col.value, 'integer', 14),
      col('formula', t.dynamics.col.formula, 'text', 90),
    ],
    rows: values,
    cellTypes,
  };
}

/** A matrix of the ABC migration: previous class (rows) by current class (columns), with a total column. */
function abcMatrix(d: DynamicsResult, t: Texts, id: string, title: string, tableName: string, pick: 'clients' | 'revenuePrevious' | 'revenueCurrent'): ReportTable {
  const type = pick === 'clients' ? 'integer' : 'money';
  const cells = new Map(d.migration.abc.map((c) => [`${c.from}${c.to}`, c]));
  const keyOf = (c: WindowClass) => (c === '-' ? 'none' : c);
  const rows: ReportValue[][] = WINDOW_CLASSES.map((from) => {
    const vals: Array<number | null> = WINDOW_CLASSES.map((to) => {
      const cell = cells.get(`${from}${to}`);
      return cell ? cell[pick] : null;
    });
    const total = vals.every((v) => v === null) ? null : vals.reduce<number>((u, v) => u + (v ?? 0), 0);
    return [classLabel(from, t), ...vals, total];
  });
  const scale: ReportColorScale = { first: 'A', last: 'none', colors: HEAT_MAP_COLORS.migration };
  return {
    kind: 'table',
    id,
    title,
    tableName,
    columns: [
      col('abcPrevious', t.dynamics.col.fromTo, 'text', labelWidth([t.dynamics.col.noPurchase], 16)),
      ...WINDOW_CLASSES.map((c) => col(keyOf(c), classLabel(c, t), type, 12)),
      col('total', t.col.total, type, 12),
    ],
    rows,
    colorScales: [scale],
    ...(d.migration.abc.length === 0 ? { note: t.dynamics.block.abcUndefined } : {}),
  };
}

/** The revenue bridge and its equation in words: "2,000 - 600 - 50 + 500 + 200 + 300 = 2,250". */
function bridgeTable(d: DynamicsResult, t: Texts, lang: Lang): ReportTable {
  const lines = d.bridge;
  const m = (v: number) => moneyText(v, lang);
  const first = lines[0].amount;
  const last = lines[lines.length - 1].amount;
  const steps = lines.slice(1, -1).map((l) => `${l.amount < 0 ? ' - ' : ' + '}${m(Math.abs(l.amount))}`).join('');
  return {
    kind: 'table',
    id: 'bridge',
    title: t.dynamics.block.bridge,
    tableName: 'KC_Bridge',
    columns: [
      col('line', t.dynamics.col.line, 'text', labelWidth(Object.values(t.dynamics.bridge), 24)),
      col('amount', t.dynamics.col.amount, 'money', 14),
      col('clients', t.col.clients, 'integer', 10),
    ],
    rows: lines.map((l) => [t.dynamics.bridge[l.key], l.amount, l.clients]),
    note: format(t.dynamics.block.bridgeNote, { sum: `${m(first)}${steps} = ${m(last)}` }),
  };
}

/** The Dynamics sheet: clients by status, the revenue bridge (with its waterfall), the ABC migration matrices, the RFM segment migration. */
function dynamicsSheet(d: DynamicsResult, t: Texts, lang: Lang, taken: Set<string>): ReportSheet {
  const x = t.dynamics;
  const byStatus = new Map<ClientStatus, [number, number, number]>(CLIENT_STATUSES.map((s) => [s, [0, 0, 0]]));
  const { status: statusOf, revenuePrevious, revenueCurrent } = d.clients;
  for (let i = 0; i < statusOf.length; i++) {
    const st = statusOf[i];
    if (!st) continue;
    const acc = byStatus.get(st)!;
    acc[0]++;
    acc[1] += revenuePrevious[i];
    acc[2] += revenueCurrent[i];
  }
  const status: ReportTable = {
    kind: 'table',
    id: 'status',
    title: format(x.block.status, { current: rangeText(d.current, lang), previous: rangeText(d.previous, lang) }),
    tableName: 'KC_Status',
    columns: [
      col('status', x.col.status, 'text', labelWidth(Object.values(x.status), 12), statusFills(t)),
      col('clients', t.col.clients, 'integer', 10),
      col('revenuePrevious', x.col.revenuePrevious, 'money', 14),
      col('revenueCurrent', x.col.revenueCurrent, 'money', 14),
    ],
    rows: CLIENT_STATUSES.map((s) => [x.status[s], ...byStatus.get(s)!]),
    note: x.statusRule,
  };
  const bridge = bridgeTable(d, t, lang);
  const matrices = [
    abcMatrix(d, t, 'abcMigrationClients', x.block.abcClients, 'KC_ABCMigration_Clients', 'clients'),
    abcMatrix(d, t, 'abcMigrationRevenuePrevious', x.block.abcRevenuePrevious, 'KC_ABCMigration_RevenuePrevious', 'revenuePrevious'),
    abcMatrix(d, t, 'abcMigrationRevenueCurrent', x.block.abcRevenueCurrent, 'KC_ABCMigration_RevenueCurrent', 'revenueCurrent'),
  ];
  const segmentName = (k: string) => (k === '-' ? x.col.notYet : t.rfm[k as 'new'][0]);
  const rfm: ReportTable = {
    kind: 'table',
    id: 'rfmMigration',
    title: format(x.block.rfm, { cut: dateText(dayToIso(d.previous.to), lang), asOf: dateText(dayToIso(d.asOf), lang) }),
    tableName: 'KC_RFMMigration',
    columns: [
      col('from', x.col.from, 'text', labelWidth([...Object.values(t.rfm).map((v) => v[0]), x.col.notYet], 18)),
      col('to', x.col.to, 'text', labelWidth(Object.values(t.rfm).map((v) => v[0]), 18)),
      col('clients', t.col.clients, 'integer', 10),
      col('revenuePrevious', x.col.revenuePrevious, 'money', 14),
      col('revenueCurrent', x.col.revenueCurrent, 'money', 14),
    ],
    rows: d.migration.rfm.map((c) => [segmentName(c.from), segmentName(c.to), c.clients, c.revenuePrevious, c.revenueCurrent]),
  };
  const blocks = [status, bridge, ...matrices, rfm];
  const widest = blocks.reduce((w, b) => Math.max(w, b.columns.length), 0);
  return {
    id: 'dynamics',
    name: sheetName(x.sheet.dynamics, taken),
    role: 'dynamics',
    blocks,
    charts: [
      {
        kind: 'waterfall',
        id: 'bridgeChart',
        title: x.chart.bridgeTitle,
        table: bridge.tableName,
        categories: 'line',
        values: 'amount',
        rows: BRIDGE_KEYS.length,
        totals: [0, BRIDGE_KEYS.length - 1],
        column: widest + 1,
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        fallback: x.chart.bridgeFallback,
      },
    ],
  };
}

/**
 * The Churned key clients sheet: the key clients (class A) of the previous period who did not buy in
 * the current one, with the revenue lost (their previous-period revenue), largest first (ties by
 * name, then first row), and what a manager calls them with.
 */
function churnedKeySheet(r: SegmentationResult, t: Texts, lang: Lang, taken: Set<string>): ReportSheet {
  const x = t.dynamics;
  const list = r.clients
    .filter((c) => c.status === 'churned' && c.abcPrevious === 'A')
    .sort((a, b) => (b.revenuePrevious ?? 0) - (a.revenuePrevious ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.firstRow - b.firstRow);
  const lost = list.reduce((s, c) => s + (c.revenuePrevious ?? 0), 0);
  const has = (f: keyof SegmentationResult['mapping']) => r.mapping[f] !== undefined;
  const d = (day: number | null) => (day === null ? null : dayToSerial(day));
  const cols: Array<{ column: ReportColumn; value: (c: ClientResult) => ReportValue; when: boolean }> = [
    { column: col('client', t.col.client, 'text', 28), value: (c) => c.client, when: true },
    { column: col('revenuePrevious', x.col.lostRevenue, 'money', 16), value: (c) => c.revenuePrevious, when: true },
    { column: col('revenueCurrent', x.col.revenueCurrent, 'money', 14), value: (c) => c.revenueCurrent, when: true },
    { column: col('revenue', t.col.revenue, 'money', 14), value: (c) => c.revenue, when: true },
    { column: col('lastPurchase', t.col.lastPurchase, 'date', 12), value: (c) => d(c.lastPurchase), when: true },
    { column: col('recencyDays', t.col.recencyDays, 'integer', 10), value: (c) => c.recencyDays, when: true },
    { column: col('orders', t.col.orders, 'integer', 9), value: (c) => c.orders, when: true },
    { column: col('rfmSegment', t.col.rfmSegment, 'text', labelWidth(Object.values(t.rfm).map((v) => v[0]), 18)), value: (c) => (c.rfmSegment ? t.rfm[c.rfmSegment][0] : null), when: true },
    {
      column: col('lifecycle', t.col.lifecycle, 'text', labelWidth(Object.values(t.lifecycle), 12), Object.fromEntries(Object.entries(LIFECYCLE_FILLS).map(([k, v]) => [t.lifecycle[k as 'new'], v]))),
      value: (c) => (c.lifecycle ? t.lifecycle[c.lifecycle] : null),
      when: true,
    },
    { column: col('manager', t.col.manager, 'text', 16), value: (c) => c.manager, when: has('manager') },
    { column: col('region', t.col.region, 'text', 14), value: (c) => c.region, when: has('region') },
    { column: col('industry', t.col.industry, 'text', 14), value: (c) => c.industry, when: has('industry') },
    { column: col('segment', t.col.segment, 'text', 14), value: (c) => c.segment, when: has('segment') },
  ];
  const shown = cols.filter((c) => c.when);
  return {
    id: 'churnedKeyClients',
    name: sheetName(x.sheet.churnedKeyClients, taken),
    role: 'churnedKeyClients',
    freeze: { rows: 2, columns: 1 },
    blocks: [
      // rows computed when read, as the other client tables' (src/core/report/rows.ts)
      computedTable(
        {
          kind: 'table',
          id: 'churnedKeyClients',
          title: format(x.block.churnedKeyClients, { n: grouped(list.length, lang), lost: moneyText(lost, lang) }),
          tableName: 'KC_ChurnedKeyClients',
          columns: shown.map((c) => c.column),
        },
        { length: list.length, row: (i) => shown.map((s) => s.value(list[i])) },
      ),
    ],
  };
}

/**
 * The Cohorts sheet: a matrix of the share of each cohort's clients who bought k periods after its
 * first, one of its revenue k periods after over its revenue in its first, both with a colour scale
 * and the partial period (the analysis date's) marked with an asterisk; then the same as one row per
 * cohort and k, for a PivotTable.
 */
function cohortsSheet(d: DynamicsResult, t: Texts, taken: Set<string>): ReportSheet {
  const x = t.dynamics;
  const kind = d.cohortPeriod;
  const periods = d.cohorts.reduce((n, c) => Math.max(n, c.k + 1), 0);
  const order: string[] = [];
  const byCohort = new Map<string, { size: number; cells: Array<(typeof d.cohorts)[number] | undefined> }>();
  for (const c of d.cohorts) {
    let row = byCohort.get(c.cohort);
    if (!row) {
      row = { size: c.size, cells: new Array(periods) };
      byCohort.set(c.cohort, row);
      order.push(c.cohort);
    }
    row.cells[c.k] = c;
  }
  const partialLabel = d.cohorts.find((c) => c.partial)?.period ?? '';
  const kKeys = Array.from({ length: periods }, (_, k) => `k${k}`);
  const matrix = (id: string, title: string, tableName: string, pick: 'share' | 'revenueRatio'): ReportTable => {
    const cellTypes: ReportCellType[] = [];
    const rows: ReportValue[][] = order.map((cohort, i) => {
      const row = byCohort.get(cohort)!;
      return [
        cohort,
        row.size,
        ...Array.from({ length: periods }, (_, k) => {
          const c = row.cells[k];
          if (!c) return null;
          if (c.partial) cellTypes.push({ row: i, column: 2 + k, type: 'percent', numFmt: PARTIAL_PERCENT_FORMAT });
          return c[pick];
        }),
      ];
    });
    return {
      kind: 'table',
      id,
      title,
      tableName,
      columns: [
        col('cohort', x.col.cohort, 'text', 10),
        col('size', x.col.size, 'integer', 10),
        ...kKeys.map((key, k) => col(key, format(x.periodAfter[kind], { k }), 'percent', 9)),
      ],
      rows,
      cellTypes,
      ...(periods > 0 ? { colorScales: [{ first: kKeys[0], last: kKeys[periods - 1], colors: HEAT_MAP_COLORS.cohorts }] } : {}),
      note: format(x.block.cohortNote, { label: partialLabel, period: x.period[kind] }),
    };
  };
  const long: ReportTable = {
    kind: 'table',
    id: 'cohorts',
    title: x.block.cohortTable,
    tableName: 'KC_Cohorts',
    columns: [
      col('cohort', x.col.cohort, 'text', 10),
      col('k', x.col.k, 'integer', 10),
      col('period', x.col.period, 'text', 10),
      col('size', x.col.size, 'integer', 10),
      col('clients', x.col.buyers, 'integer', 10),
      col('share', x.col.share, 'percent', 10),
      col('revenue', x.col.revenue, 'money', 14),
      col('revenueRatio', x.col.revenueRatio, 'percent', 12),
      col('partial', x.col.partial, 'boolean', 10),
    ],
    rows: d.cohorts.map((c) => [c.cohort, c.k, c.period, c.size, c.clients, c.share, c.revenue, c.revenueRatio, c.partial]),
  };
  const period = x.period[kind];
  return {
    id: 'cohorts',
    name: sheetName(x.sheet.cohorts, taken),
    role: 'cohorts',
    blocks: [
      matrix('cohortShare', format(x.block.cohortShare, { period }), 'KC_CohortShare', 'share'),
      matrix('cohortRevenue', format(x.block.cohortRevenue, { period }), 'KC_CohortRevenue', 'revenueRatio'),
      long,
    ],
  };
}

/**
 * The sheets of the KPIs over time, in order: Churned key clients (the list a manager calls first),
 * Dynamics, Cohorts (not when the cohort table was left out); none without dates.
 * @param r a segmentation; not mutated.
 * @param t the texts of the report language.
 * @param lang the report language.
 * @param taken lower-cased sheet names already used; the new names are added (mutated).
 */
export function dynamicsSheets(r: SegmentationResult, t: Texts, lang: Lang, taken: Set<string>): ReportSheet[] {
  const d = r.dynamics;
  if (!d) return [];
  const sheets = [churnedKeySheet(r, t, lang, taken), dynamicsSheet(d, t, lang, taken)];
  // no cohort table when it would span too many periods (the warning cohortsTooLong says why)
  if (d.cohorts.length > 0) sheets.push(cohortsSheet(d, t, taken));
  return sheets;
}
