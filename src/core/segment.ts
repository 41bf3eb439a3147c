import { KcError } from './errors';
import { resolveSettings, type Settings, type SettingsInput } from './settings';
import type { AbcClass, Cell, ColumnMapping, Lifecycle, Quadrant, RfmSegmentKey, SkippedRow, Warning, XyzClass } from './types';
import { readSales, type ReadOptions, type SalesData } from './parse/sales';
import { dayToIso, isoToDay, type Day, type SlashOrder } from './parse/dates';
import { AbcPopulation, paretoCheck, type ParetoCheck } from './methods/abc';
import { periodOf, seriesStats, xyzClassOf } from './methods/xyz';
import { rankScores, rfmCode, rfmSegment, RFM_SEGMENT_KEYS } from './methods/rfm';
import { lifecycleOf, quadrantOf } from './methods/lifecycle';
import { median, spreadsheetSum } from './methods/stats';
import { suggestXyz, XYZ_ONE_CLASS_SHARE, type XyzSuggestion } from './xyz-advice';
import { computeDynamics, dynamicsJson, DYNAMICS_CLIENT_JSON_KEYS, type DynamicsJson, type DynamicsResult, type WindowClass } from './methods/dynamics';
import type { ClientStatus } from './methods/bridge';
import { clientLtvJson, ltvModelJson, valueOfClients, type ClientLtvJson, type ClientsValue, type LtvModelJson, type LtvSource, type SegmentLtv } from './value';
import { latestDate, latestDateWarning } from './latest-date';

/** Everything known about one client after segmentation (METHODS.md sections 1-5). */
export interface ClientResult {
  /** Display name: the spelling of its first row. */
  client: string;
  /** Case-folded key the rows were grouped by. */
  key: string;
  /** Index of the client in the sales data (`SalesData.clientNames`, the per-client columns of the methods). */
  index: number;
  /** Sheet row of its first valid row. */
  firstRow: number;
  rows: number;
  revenue: number;
  /** Sum of profit, null without a profit column. */
  profit: number | null;
  orders: number;
  firstPurchase: Day | null;
  lastPurchase: Day | null;
  recencyDays: number | null;
  revenueShare: number;
  averageCheck: number | null;
  margin: number | null;
  /** Main class (D when profit < 0 with a profit column). */
  abc: AbcClass;
  /** The class on the basis alone, before the profit rule. */
  abcBasis: AbcClass;
  abcProfit: AbcClass | null;
  xyz: XyzClass | null;
  cv: number | null;
  coverage: number | null;
  /**
   * Revenue in each XYZ period of the run, oldest first, 0 where nothing was bought (its CV is `cv`);
   * null without XYZ, and when clients x periods is above {@link PERIOD_REVENUE_CELLS} (the report's
   * table of revenue per period is left out then, and a million clients' series are not kept).
   */
  periodRevenue: number[] | null;
  abcXyz: string | null;
  r: number | null;
  f: number | null;
  m: number | null;
  rfm: number | null;
  rfmSegment: RfmSegmentKey | null;
  lifecycle: Lifecycle | null;
  quadrant: Quadrant | null;
  keyClient: boolean;
  /** LTV (METHODS.md section 10, src/core/value.ts): P(alive | x, t_x, T); null where blank. */
  pAlive: number | null;
  /** Expected purchases over the horizon (settings.ltv.months). */
  expectedPurchases: number | null;
  /** Expected value of one future purchase (Gamma-Gamma). */
  expectedValue: number | null;
  /** CLV over the horizon: margin, discount (settings.ltv). */
  clv: number | null;
  /** The simple LTV m · r / (1 + d - r). */
  ltvSimple: number | null;
  manager: string | null;
  region: string | null;
  industry: string | null;
  segment: string | null;
  /** Status between the previous and the current window (METHODS.md section 9); null without dates. */
  status: ClientStatus | null;
  /** Revenue dated in the previous window, returns included; null without dates. */
  revenuePrevious: number | null;
  /** Revenue dated in the current window, returns included; null without dates. */
  revenueCurrent: number | null;
  /** revenueCurrent / revenuePrevious - 1; null when revenuePrevious <= 0 or without dates. */
  growth: number | null;
  /** ABC class in the previous window, "-" when it did not buy in it; null when the window's ABC could not be computed, or without dates. */
  abcPrevious: WindowClass | null;
  /** ABC class in the current window, as abcPrevious. */
  abcCurrent: WindowClass | null;
}

/** How many clients a class (segment, stage, quadrant) holds, and their revenue and profit. */
export interface ClassCount {
  clients: number;
  revenue: number;
  profit: number;
}

/** The totals and per-class counts of a segmentation, with the Pareto check and churn. */
export interface SegmentationSummary {
  clients: number;
  totalRevenue: number;
  /** Revenue of clients with positive revenue: the base of every share. */
  positiveRevenue: number;
  totalProfit: number | null;
  abc: Record<AbcClass, ClassCount>;
  xyz: Record<XyzClass, ClassCount> | null;
  abcXyz: Record<string, ClassCount> | null;
  rfm: Record<RfmSegmentKey, ClassCount> | null;
  lifecycle: Record<Lifecycle, ClassCount> | null;
  /** Lost clients over clients that first bought before the "lost" limit; null when none did. */
  churn: number | null;
  churnBase: number;
  quadrants: Record<Quadrant, ClassCount> | null;
  /** Median over clients of profit (revenue without profit), the quadrants' line. */
  quadrantMedian: number | null;
  pareto: ParetoCheck;
  keyClients: number;
  /** Average value P of the average method, when used. */
  abcAverage: number | null;
}

/** What {@link segmentClients} returns: every client's facts and classes, the summary and warnings. */
export interface SegmentationResult {
  settings: Settings;
  /** The analysis date, or null when the range has no date column. */
  asOf: Day | null;
  hasDates: boolean;
  hasProfit: boolean;
  hasOrders: boolean;
  mapping: ColumnMapping;
  headers: string[];
  hasHeader: boolean;
  slashOrder: SlashOrder;
  /** Rows of data in the range (header excluded), empty ones included. */
  dataRows: number;
  validRows: number;
  emptyRows: number;
  skippedCount: number;
  /** Every skipped row with its reason, in sheet order. */
  skipped: SkippedRow[];
  /** XYZ periods: kind, index of the first period and how many; null without dates. */
  periods: { kind: Settings['xyz']['period']; first: number; count: number } | null;
  /** Clients sorted by revenue descending, ties by name, then first row. */
  clients: ClientResult[];
  summary: SegmentationSummary;
  /**
   * When one XYZ class holds more than 90 % of the clients: the first other period and method that
   * splits them, with its class counts (docs/methods.md, "XYZ advice"); null otherwise, or when none does.
   */
  xyzSuggestion: XyzSuggestion | null;
  /** KPIs over time, migrations, bridge and cohorts (METHODS.md section 9); null without dates. */
  dynamics: DynamicsResult | null;
  /** LTV (METHODS.md section 10): the fits, counts and warnings; null without a date column. */
  ltv: SegmentLtv | null;
  warnings: Warning[];
}

/** The stages {@link segmentClients} reports progress of: reading, per-client facts, the methods, the KPIs over time. */
export type SegmentStage = 'read' | 'clients' | 'methods' | 'dynamics';

/** Options of {@link segmentClients}: where the range sits, its columns and the settings. */
export interface SegmentOptions {
  mapping?: ColumnMapping;
  hasHeader?: boolean;
  /** Sheet row number of the range's first row, default 1. */
  firstRow?: number;
  firstColumn?: number;
  settings?: SettingsInput;
  /** The workbook's locale order of slashed dates when the data does not decide. */
  localeDateOrder?: SlashOrder;
  /** Progress 0..1 with the stage name. The engine never prints. */
  onProgress?: (fraction: number, stage: SegmentStage) => void;
  /** Today's date (a day number), to warn of sales dated in the future; the engine has no clock. */
  today?: Day | null;
  /**
   * What a file reader found, passed on to {@link readSales}: the header row it located, the cells
   * holding SUM formulas (totals rows), a CSV's delimiter (lines with extra fields are skipped) and
   * its file line of each row.
   */
  read?: Pick<ReadOptions, 'headerRow' | 'sumFormulaCells' | 'delimiter' | 'rowNumbers'>;
}


/** ABC classes in report order. */
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C', 'D'];
/** XYZ classes in report order. */
export const XYZ_CLASSES: readonly XyzClass[] = ['X', 'Y', 'Z'];
/** Lifecycle stages in report order. */
export const LIFECYCLES: readonly Lifecycle[] = ['new', 'active', 'at_risk', 'lost'];
/** Loyalty x profitability quadrants in report order. */
export const QUADRANTS: readonly Quadrant[] = ['I', 'II', 'III', 'IV'];
/** The 12 ABC-XYZ codes, "AX" ... "DZ", A first. */
export const ABC_XYZ_CODES: readonly string[] = ABC_CLASSES.flatMap((a) => XYZ_CLASSES.map((x) => a + x));

/** Index of each class in its list above (and in RFM_SEGMENT_KEYS): the steps keep classes as these indexes. */
const indexOf = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k, i) => [k, i])) as Record<K, number>;
const XYZ_CODE = indexOf(XYZ_CLASSES);
const LIFECYCLE_CODE = indexOf(LIFECYCLES);
const QUADRANT_CODE = indexOf(QUADRANTS);
const SEGMENT_CODE = indexOf(RFM_SEGMENT_KEYS);
const [A_CODE, B_CODE, C_CODE, D_CODE] = [0, 1, 2, 3];
const LOST_CODE = LIFECYCLE_CODE.lost;

/**
 * Segments the clients of a sales range: reads and cleans it, computes per-client facts and every
 * method of METHODS.md with the given settings. Pure and deterministic.
 * @param cells the range as Excel hands it (rows of numbers, strings, booleans, "" for blanks); not mutated.
 * @param options where the range sits on the sheet, its columns, the settings and a progress callback.
 * @returns the clients sorted by revenue with their facts and classes, the summary and the warnings.
 * @throws KcError for input that gives no result (no columns, no valid rows, bad settings, ABC on
 *   profit without a profit column, the average method with a non-positive average).
 * @example segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]).clients.map((c) => c.abc) // ['A', 'A']
 */
export function segmentClients(cells: readonly (readonly Cell[])[], options: SegmentOptions = {}): SegmentationResult {
  const settings = resolveSettings(options.settings);
  const sales = readSales(cells, segmentReadOptions(options, settings));
  return segmentSales(sales, settings, options.onProgress, { today: options.today });
}

/**
 * The {@link readSales} options {@link segmentClients} reads with: where the range sits, its columns,
 * what the file reader found (`options.read`), the date order of the settings (a "dmy" or "mdy" set
 * wins over the data; with "auto" the data decides, then the locale's order) and the report language
 * for client keys. For a caller that reads and segments in two steps (the command line lets the cells
 * go in between).
 * @param options as for {@link segmentClients}.
 * @param settings the settings already resolved by {@link resolveSettings}.
 * @returns the options for {@link readSales}.
 * @example segmentReadOptions({ localeDateOrder: 'mdy' }, resolveSettings({ dateOrder: 'dmy' })).dateOrder // "dmy"
 */
export function segmentReadOptions(options: SegmentOptions, settings: Settings): ReadOptions {
  const progress = options.onProgress;
  return {
    ...options.read,
    mapping: options.mapping,
    hasHeader: options.hasHeader,
    firstRow: options.firstRow,
    firstColumn: options.firstColumn,
    slashOrder: options.localeDateOrder ?? 'dmy',
    dateOrder: settings.dateOrder,
    locale: settings.language,
    onProgress: progress && ((f) => progress(f, 'read')),
  };
}

/**
 * {@link segmentClients} on rows already read by {@link readSales}. The steps, in order: the analysis
 * date and the rows it leaves out ({@link analysisWindow}), the rows grouped by client
 * ({@link groupRowsByClient}), the XYZ periods ({@link xyzPeriods}), the per-client facts with their XYZ
 * ({@link clientFacts}), ABC ({@link classifyAbc}), RFM with lifecycle and quadrants
 * ({@link scoreRfm}), key clients, the KPIs over time ({@link clientDynamics}; with dates), the report
 * order, the summary and its warnings, the LTV ({@link valueOfClients}, src/core/value.ts; it reuses the
 * dynamics' retention when their window is 12 months), and last the client objects
 * ({@link clientResults}): until then every step reads and writes columns by client index.
 * @param sales the valid rows and clients; not mutated.
 * @param settings settings already resolved by {@link resolveSettings}.
 * @param progress progress 0..1 with the stage name.
 * @param context what the engine cannot know by itself: today's date, for the warning on future dates.
 * @returns as {@link segmentClients}.
 * @throws KcError as {@link segmentClients}, except for reading and settings errors.
 * @example segmentSales(readSales([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]), resolveSettings()).clients.map((c) => c.revenueShare) // [0.6666666666666666, 0.3333333333333333]
 */
export function segmentSales(sales: SalesData, settings: Settings, progress?: SegmentOptions['onProgress'], context: SegmentContext = {}): SegmentationResult {
  const warnings: Warning[] = [];
  const hasDates = sales.mapping.date !== undefined;
  const hasProfit = sales.mapping.profit !== undefined;
  const hasOrders = sales.mapping.order !== undefined;
  if (settings.abc.basis === 'profit' && !hasProfit) throw new KcError('#N/A', 'ABC by profit needs a profit column; map one or use revenue', 'profitBasisWithoutProfit');

  const window = hasDates ? analysisWindow(sales, settings, context.today ?? null, warnings) : null;
  const groups = groupRowsByClient(sales, window?.include ?? null);
  const periods = window ? xyzPeriods(sales, window, settings.xyz.period, warnings) : null;

  progress?.(0, 'clients');
  const facts = clientFacts(sales, groups, window, periods, settings, { hasDates, hasProfit, hasOrders }, progress);
  // clients whose rows all fell after asOf take no part
  const list = inRun(facts);
  progress?.(0, 'methods');

  const abcAverage = classifyAbc(facts, list, settings, hasProfit, warnings);
  const quadrantMedian = window ? scoreRfm(facts, list, window.asOf, settings, hasProfit) : null;
  if (!window) warnings.push({ code: 'noDates', params: {} });
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    facts.keyClient[c] = facts.abc[c] === A_CODE && facts.lifecycle[c] !== LOST_CODE ? 1 : 0;
  }
  const dynamics = window ? clientDynamics(sales, settings, window.asOf, facts, list, warnings, progress) : null;
  if (!window) warnings.push({ code: 'dynamicsNoDates', params: {} });
  const order = reportOrder(facts, list, sales.clientKeys);

  const doXyz = periods !== null && periods.range.count >= 2;
  const summary = summarise(facts, order, settings, hasDates, hasProfit, doXyz, quadrantMedian, abcAverage, window?.asOf ?? null);
  const xyzSuggestion = doXyz && window && dominantXyz(summary) ? suggestXyz(sales.day, sales.amount, groups, window, settings.xyz) : null;
  warnings.push(...summaryWarnings(summary, settings, xyzSuggestion));
  const value = window ? valueOfClients(sales, facts, window.asOf, settings, warnings, dynamics, context.ltv ?? null) : null;
  if (sales.skippedCount) warnings.unshift({ code: 'skippedRows', params: { rows: sales.skippedCount } });
  const clients = clientResults(sales, facts, order, { hasDates, hasProfit, doXyz, asOf: window?.asOf ?? null }, dynamics, value);
  progress?.(1, 'methods');
  return {
    settings,
    asOf: window?.asOf ?? null,
    hasDates,
    hasProfit,
    hasOrders,
    mapping: sales.mapping,
    headers: sales.headers,
    hasHeader: sales.hasHeader,
    slashOrder: sales.slashOrder,
    dataRows: sales.dataRows,
    validRows: sales.client.length,
    emptyRows: sales.emptyRows,
    skippedCount: sales.skippedCount,
    skipped: sales.skipped,
    periods: periods?.range ?? null,
    clients,
    summary,
    xyzSuggestion,
    dynamics,
    ltv: value?.ltv ?? null,
    warnings,
  };
}

/** What {@link segmentSales} is told by its caller rather than by the data. */
export interface SegmentContext {
  /** Today's date (a day number), to warn of sales dated in the future; omitted: no such warning. */
  today?: Day | null;
  /** The LTV's summary and fits made ahead ({@link ltvAhead}; the command line's worker thread); omitted: made in the LTV step. */
  ltv?: LtvSource | null;
}

/**
 * The analysis date {@link segmentSales} will take for these rows and settings: the date of the
 * settings, else the latest date of the rows; null without dates.
 * @example analysisDateOf(readSales([['Client', 'Amount', 'Date'], ['Acme', 5, '2024-03-01']]), resolveSettings()) // isoToDay('2024-03-01')
 */
export function analysisDateOf(sales: SalesData, settings: Settings): Day | null {
  if (sales.mapping.date === undefined) return null;
  return asOfOf(settings, latestDate(sales.day, sales.sheetRow)?.day ?? null);
}

/** The analysis date of the settings, else the latest date of the rows (null: none): one rule for {@link analysisDateOf} and {@link analysisWindow}. */
function asOfOf(settings: Settings, latestDay: Day | null): Day | null {
  return settings.asOf !== null ? isoToDay(settings.asOf) : latestDay;
}

/** The analysis date, the first day of the data, and which rows lie on or before the analysis date. */
interface AnalysisWindow {
  asOf: Day;
  /** The earliest date among the rows included. */
  minDay: Day;
  /** 1 for a row on or before asOf; null when every row is (no row is left out). */
  include: Uint8Array | null;
}

/**
 * Step 1: the analysis date (the user's, or the latest date of the rows), the rows dated after it
 * (left out, with a warning), and warnings on a latest date that lies in the future or far from the
 * rest of the data (a typo such as 2099 would otherwise become the analysis date and mark every client
 * lost).
 * @throws KcError `#N/A` when no row lies on or before the analysis date.
 */
function analysisWindow(sales: SalesData, settings: Settings, today: Day | null, warnings: Warning[]): AnalysisWindow {
  const n = sales.client.length;
  const day = sales.day;
  const latest = latestDate(day, sales.sheetRow);
  const maxDay = latest?.day ?? -Infinity;
  if (settings.asOf === null && latest) {
    const warning = latestDateWarning(latest, today);
    if (warning) warnings.push(warning);
  }
  const asOf = asOfOf(settings, latest?.day ?? null) ?? maxDay;
  let include: Uint8Array | null = null;
  if (maxDay > asOf) {
    include = new Uint8Array(n);
    let after = 0;
    for (let i = 0; i < n; i++) {
      if (day[i] > asOf) after++;
      else include[i] = 1;
    }
    warnings.push({ code: 'rowsAfterAsOf', params: { rows: after, asOf: dayToIso(asOf) } });
  }
  let minDay = Infinity;
  for (let i = 0; i < n; i++) if ((!include || include[i]) && day[i] < minDay) minDay = day[i];
  if (minDay === Infinity) throw new KcError('#N/A', `no sale on or before the analysis date ${dayToIso(asOf)}`, 'noSaleBeforeAsOf', { asOf: dayToIso(asOf) });
  return { asOf, minDay, include };
}

/** The included rows grouped by client: client c's rows are perm[start[c]] .. perm[start[c + 1] - 1], in sheet order. */
interface RowGroups {
  start: Int32Array;
  perm: Int32Array;
}

/** Step 2: the included rows grouped by client (a counting sort, stable: sheet order within a client). */
function groupRowsByClient(sales: SalesData, include: Uint8Array | null): RowGroups {
  const n = sales.client.length;
  const k = sales.clientNames.length;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) if (!include || include[i]) start[sales.client[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const perm = new Int32Array(start[k]);
  const fill = start.slice(0, k);
  for (let i = 0; i < n; i++) if (!include || include[i]) perm[fill[sales.client[i]]++] = i;
  return { start, perm };
}

/** The XYZ periods of the data and the period index (0-based from the first) of each included row. */
interface XyzPeriods {
  range: NonNullable<SegmentationResult['periods']>;
  ofRow: Int32Array;
}

/** Step 3: the XYZ window, from the period of the first date to the period of asOf, and each row's period in it. */
function xyzPeriods(sales: SalesData, window: AnalysisWindow, kind: Settings['xyz']['period'], warnings: Warning[]): XyzPeriods {
  const { asOf, minDay, include } = window;
  const first = periodOf(minDay, kind);
  const count = periodOf(asOf, kind) - first + 1;
  const n = sales.client.length;
  const ofRow = new Int32Array(n);
  // period of each day of the window, looked up by day - minDay (no Date work per row)
  const span = asOf - minDay + 1;
  const byDay = new Int32Array(span);
  for (let d = 0; d < span; d++) byDay[d] = periodOf(minDay + d, kind) - first;
  for (let i = 0; i < n; i++) if (!include || include[i]) ofRow[i] = byDay[sales.day[i] - minDay];
  if (count < 2) warnings.push({ code: 'xyzOnePeriod', params: { periods: count } });
  return { range: { kind, first, count }, ofRow };
}

/** Which optional columns the data has. */
interface Columns {
  hasDates: boolean;
  hasProfit: boolean;
  hasOrders: boolean;
}

/**
 * The clients' facts and classes by client index (`SalesData.clientNames`), one column each: the
 * steps fill them in, and the client objects are made once, last ({@link clientResults}). A million
 * clients are then a few dozen arrays, not a million objects changed step after step (which cost the
 * garbage collector most of the time: docs/notes-infra.md, "Segmenting").
 */
interface ClientFacts {
  k: number;
  rows: Int32Array;
  /** Sheet row of the client's first valid row (0 for a client without rows). */
  firstRow: Int32Array;
  revenue: Float64Array;
  /** Sum of profit (0 without a profit column). */
  profit: Float64Array;
  orders: Float64Array;
  /** First and last day with a row (valid where rows > 0 and there are dates). */
  first: Float64Array;
  last: Float64Array;
  /** XYZ: class (index into XYZ_CLASSES, -1 for none), CV (NaN for none) and coverage, where computed. */
  xyz: Int8Array;
  cv: Float64Array;
  coverage: Float64Array;
  /** Revenue per XYZ period, client by client (`count` periods each), when kept (see {@link PERIOD_REVENUE_CELLS}). */
  periodRevenue: Float64Array | null;
  periodCount: number;
  positiveRevenue: number;
  revenueShare: Float64Array;
  /** Classes as indexes into ABC_CLASSES, XYZ_CLASSES, RFM_SEGMENT_KEYS, LIFECYCLES and QUADRANTS; -1 for none. */
  abc: Int8Array;
  abcBasis: Int8Array;
  abcProfit: Int8Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  rfmSegment: Int8Array;
  lifecycle: Int8Array;
  quadrant: Int8Array;
  keyClient: Uint8Array;
}

/**
 * The most clients x periods whose revenue per period the result keeps (`ClientResult.periodRevenue`):
 * the report shows that table only up to this many cells (PERIOD_CELL_BUDGET of src/core/report/build.ts,
 * the same number, tested), and a million clients' series would otherwise hold hundreds of megabytes.
 */
export const PERIOD_REVENUE_CELLS = 1_000_000;

/**
 * Step 4: every client's facts (METHODS.md section 1) and its XYZ class (section 3), one pass over its
 * rows. Distinct purchases are counted with a stamp per order id (and per day for rows without an
 * order) holding the last client that counted it. The other classes are filled in by later steps.
 * @throws KcError `#NUM!` when amounts are too large to add up.
 */
function clientFacts(
  sales: SalesData,
  groups: RowGroups,
  window: AnalysisWindow | null,
  periods: XyzPeriods | null,
  settings: Settings,
  columns: Columns,
  progress?: SegmentOptions['onProgress'],
): ClientFacts {
  const { hasDates, hasOrders } = columns;
  const { start, perm } = groups;
  const k = sales.clientNames.length;
  const minDay = window?.minDay ?? 0;
  const doXyz = periods !== null && periods.range.count >= 2;
  const count = doXyz ? periods.range.count : 0;
  const series = new Float64Array(count);
  let inRunCount = 0;
  for (let c = 0; c < k; c++) if (start[c + 1] > start[c]) inRunCount++;
  const keepSeries = doXyz && inRunCount * count <= PERIOD_REVENUE_CELLS;
  let orderCount = 0;
  if (hasOrders) for (let i = 0; i < sales.order.length; i++) if (sales.order[i] >= orderCount) orderCount = sales.order[i] + 1;
  const orderStamp = new Int32Array(orderCount);
  const dayStamp = new Int32Array(window ? window.asOf - window.minDay + 1 : 0);
  const { method, limitX, limitY } = settings.xyz;
  const stats = new Float64Array(2);
  const f: ClientFacts = {
    k,
    rows: new Int32Array(k),
    firstRow: new Int32Array(k),
    revenue: new Float64Array(k),
    profit: new Float64Array(k),
    orders: new Float64Array(k),
    first: new Float64Array(k),
    last: new Float64Array(k),
    xyz: new Int8Array(k).fill(-1),
    cv: new Float64Array(k).fill(NaN),
    coverage: new Float64Array(k).fill(NaN),
    periodRevenue: keepSeries ? new Float64Array(k * count) : null,
    periodCount: count,
    positiveRevenue: 0,
    revenueShare: new Float64Array(k),
    abc: new Int8Array(k).fill(C_CODE),
    abcBasis: new Int8Array(k).fill(C_CODE),
    abcProfit: new Int8Array(k).fill(-1),
    r: new Uint8Array(k),
    f: new Uint8Array(k),
    m: new Uint8Array(k),
    rfmSegment: new Int8Array(k).fill(-1),
    lifecycle: new Int8Array(k).fill(-1),
    quadrant: new Int8Array(k).fill(-1),
    keyClient: new Uint8Array(k),
  };
  const { amount, profit: rowProfit, day, order, sheetRow } = sales;
  const ofRow = doXyz ? periods.ofRow : null;
  let positiveRevenue = 0;
  for (let c = 0; c < k; c++) {
    let revenue = 0;
    let profit = 0;
    let first = Infinity;
    let last = -Infinity;
    let orders = 0;
    const stamp = c + 1;
    if (doXyz) series.fill(0);
    const from = start[c];
    const to = start[c + 1];
    for (let j = from; j < to; j++) {
      const i = perm[j];
      revenue += amount[i];
      profit += rowProfit[i];
      const d = day[i];
      if (d < first) first = d;
      if (d > last) last = d;
      const o = hasOrders ? order[i] : -1;
      if (o >= 0) {
        if (orderStamp[o] !== stamp) {
          orderStamp[o] = stamp;
          orders++;
        }
      } else if (hasDates) {
        if (dayStamp[d - minDay] !== stamp) {
          dayStamp[d - minDay] = stamp;
          orders++;
        }
      } else orders++; // a blank order without dates: the row is its own purchase
      if (ofRow !== null) series[ofRow[i]] += amount[i];
    }
    const rows = to - from;
    if (!Number.isFinite(revenue) || !Number.isFinite(profit)) {
      throw new KcError('#NUM!', `the amounts of '${sales.clientNames[c]}' are too large to add up`, 'tooLarge', { client: sales.clientNames[c] });
    }
    // sums equal in decimals are equal numbers, as a spreadsheet compares them (docs/methods.md section 1)
    revenue = spreadsheetSum(revenue);
    profit = spreadsheetSum(profit);
    if (revenue > 0) positiveRevenue += revenue;
    f.rows[c] = rows;
    f.firstRow[c] = rows ? sheetRow[perm[from]] : 0;
    f.revenue[c] = revenue;
    f.profit[c] = profit;
    f.orders[c] = orders;
    f.first[c] = first;
    f.last[c] = last;
    if (doXyz && rows > 0) {
      seriesStats(series, stats);
      f.xyz[c] = XYZ_CODE[xyzClassOf(stats[0], stats[1], method, limitX, limitY)];
      f.cv[c] = stats[0];
      f.coverage[c] = stats[1];
      if (f.periodRevenue) f.periodRevenue.set(series, c * count);
    }
    if (progress && (c & 4095) === 0) progress(c / k, 'clients');
  }
  if (!Number.isFinite(positiveRevenue)) throw new KcError('#NUM!', 'the total revenue is too large to add up');
  f.positiveRevenue = positiveRevenue;
  return f;
}

/** The clients that take part: those with a row on or before the analysis date, by client index. */
function inRun(f: ClientFacts): Int32Array {
  let n = 0;
  for (let c = 0; c < f.k; c++) if (f.rows[c] > 0) n++;
  const list = new Int32Array(n);
  for (let c = 0, j = 0; c < f.k; c++) if (f.rows[c] > 0) list[j++] = c;
  return list;
}

/** The values of a column for the clients of `list`, in its order. */
function valuesOf(column: ArrayLike<number>, list: Int32Array): Float64Array {
  const out = new Float64Array(list.length);
  for (let j = 0; j < list.length; j++) out[j] = column[list[j]];
  return out;
}

/**
 * The class of each value of a population by {@link AbcPopulation.classBounds} (two comparisons for a
 * positive value: its class only grows with the value), the same class as
 * {@link AbcPopulation.classify} of each value of the population.
 */
function classesOf(pop: AbcPopulation, values: Float64Array): Int8Array {
  const [fromA, fromB] = pop.classBounds();
  const out = new Int8Array(values.length);
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    out[j] = v < 0 ? D_CODE : v === 0 ? C_CODE : v >= fromA ? A_CODE : v >= fromB ? B_CODE : C_CODE;
  }
  return out;
}

/**
 * Step 5: revenue shares, the main ABC class (D for a loss where there is profit), ABC by profit, in
 * `f` (METHODS.md sections 1-3).
 * @returns the average value P of the average method (the population's, whatever the method).
 */
function classifyAbc(f: ClientFacts, list: Int32Array, settings: Settings, hasProfit: boolean, warnings: Warning[]): number {
  const positiveRevenue = f.positiveRevenue;
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    f.revenueShare[c] = f.revenue[c] > 0 && positiveRevenue > 0 ? f.revenue[c] / positiveRevenue : 0;
  }
  const basis = valuesOf(settings.abc.basis === 'revenue' ? f.revenue : settings.abc.basis === 'profit' ? f.profit : f.orders, list);
  const abcOpts = { method: settings.abc.method, limitA: settings.abc.limitA, limitB: settings.abc.limitB };
  const pop = new AbcPopulation(basis, abcOpts);
  const classes = classesOf(pop, basis);
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    f.abcBasis[c] = classes[j];
    f.abc[c] = hasProfit && f.profit[c] < 0 ? D_CODE : classes[j];
  }
  if (hasProfit) {
    try {
      const profits = valuesOf(f.profit, list);
      const byProfit = classesOf(new AbcPopulation(profits, abcOpts), profits);
      for (let j = 0; j < list.length; j++) f.abcProfit[list[j]] = byProfit[j];
    } catch (e) {
      if (!(e instanceof KcError)) throw e;
      warnings.push({ code: 'abcProfitUndefined', params: { reason: e.message } });
    }
  }
  return pop.averageValue;
}

/**
 * Step 6: R, F and M scores, the RFM segment, the lifecycle stage and the quadrant of each client, in
 * `f` (METHODS.md sections 4-5).
 * @returns the median over clients of profit (revenue without profit): the quadrants' line.
 */
function scoreRfm(f: ClientFacts, list: Int32Array, asOf: Day, settings: Settings, hasProfit: boolean): number {
  const bins = settings.rfm.bins;
  const rs = rankScores(valuesOf(f.last, list), bins);
  const fs = rankScores(valuesOf(f.orders, list), bins);
  const ms = rankScores(valuesOf(f.revenue, list), bins);
  const value = hasProfit ? f.profit : f.revenue;
  const quadrantMedian = median(valuesOf(value, list));
  // the segment of each code, found once
  const segmentOfCode = new Int8Array(1000).fill(-1);
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    const code = rfmCode(rs[j], fs[j], ms[j]);
    let segment = segmentOfCode[code];
    if (segment < 0) {
      segment = SEGMENT_CODE[rfmSegment(rs[j], fs[j], ms[j], bins)];
      segmentOfCode[code] = segment;
    }
    f.r[c] = rs[j];
    f.f[c] = fs[j];
    f.m[c] = ms[j];
    f.rfmSegment[c] = segment;
    f.lifecycle[c] = LIFECYCLE_CODE[lifecycleOf(asOf - f.last[c], asOf - f.first[c], settings.lifecycle)];
    f.quadrant[c] = QUADRANT_CODE[quadrantOf(rs[j], fs[j], value[c], quadrantMedian, bins)];
  }
  return quadrantMedian;
}

/**
 * Step 7 (with dates): the KPIs over time of METHODS.md section 9 ({@link computeDynamics}) with the
 * run's settings and analysis date, given the RFM segments step 6 found (the segments at asOf are the
 * main run's, not scored again). Adds the dynamics' warnings (a partial previous window, a window
 * without ABC).
 * @returns the dynamics: KPIs, migrations, bridge, cohorts and the per-client columns.
 */
function clientDynamics(
  sales: SalesData,
  settings: Settings,
  asOf: Day,
  f: ClientFacts,
  list: Int32Array,
  warnings: Warning[],
  progress?: SegmentOptions['onProgress'],
): DynamicsResult {
  progress?.(0, 'dynamics');
  const rfmCurrent = new Array<RfmSegmentKey | null>(f.k).fill(null);
  for (let j = 0; j < list.length; j++) rfmCurrent[list[j]] = RFM_SEGMENT_KEYS[f.rfmSegment[list[j]]];
  const d = computeDynamics(sales, settings, asOf, { rfmCurrent });
  warnings.push(...d.warnings);
  progress?.(1, 'dynamics');
  return d;
}

/**
 * The report order of the clients of `list` (METHODS.md section 8): revenue descending, ties by client
 * key, then first row.
 * @returns client indexes in that order.
 */
function reportOrder(f: ClientFacts, list: Int32Array, keys: readonly string[]): Int32Array {
  const revenue = f.revenue;
  const firstRow = f.firstRow;
  const order = Array.from(list);
  order.sort((a, b) => revenue[b] - revenue[a] || (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0) || firstRow[a] - firstRow[b]);
  return Int32Array.from(order);
}

/** Per class (by index): the clients, and the sums of their revenue and profit, added in report order. */
class ClassSums {
  readonly clients: Float64Array;
  readonly revenue: Float64Array;
  readonly profit: Float64Array;
  constructor(classes: number) {
    this.clients = new Float64Array(classes);
    this.revenue = new Float64Array(classes);
    this.profit = new Float64Array(classes);
  }

  add(i: number, revenue: number, profit: number): void {
    this.clients[i]++;
    this.revenue[i] += revenue;
    this.profit[i] += profit;
  }

  /** The counts keyed as `keys` (index i for keys[i]). */
  tally<K extends string>(keys: readonly K[]): Record<K, ClassCount> {
    const o = {} as Record<K, ClassCount>;
    keys.forEach((k, i) => (o[k] = { clients: this.clients[i], revenue: this.revenue[i], profit: this.profit[i] }));
    return o;
  }
}

function summarise(
  f: ClientFacts,
  order: Int32Array,
  settings: Settings,
  hasDates: boolean,
  hasProfit: boolean,
  doXyz: boolean,
  quadrantMedian: number | null,
  abcAverage: number,
  asOf: Day | null,
): SegmentationSummary {
  const abc = new ClassSums(ABC_CLASSES.length);
  const xyz = new ClassSums(XYZ_CLASSES.length);
  const abcXyz = new ClassSums(ABC_XYZ_CODES.length);
  const rfm = new ClassSums(RFM_SEGMENT_KEYS.length);
  const lifecycle = new ClassSums(LIFECYCLES.length);
  const quadrants = new ClassSums(QUADRANTS.length);
  let totalRevenue = 0;
  let totalProfit = 0;
  let keyClients = 0;
  let churnBase = 0;
  const n = order.length;
  const revenues = new Float64Array(n);
  const classes = new Array<AbcClass>(n);
  for (let i = 0; i < n; i++) {
    const c = order[i];
    const revenue = f.revenue[c];
    const profit = hasProfit ? f.profit[c] : 0;
    revenues[i] = revenue;
    classes[i] = ABC_CLASSES[f.abc[c]];
    totalRevenue += revenue;
    totalProfit += profit;
    abc.add(f.abc[c], revenue, profit);
    const x = f.xyz[c];
    if (doXyz && x >= 0) {
      xyz.add(x, revenue, profit);
      abcXyz.add(f.abc[c] * XYZ_CLASSES.length + x, revenue, profit);
    }
    if (hasDates) {
      if (f.rfmSegment[c] >= 0) rfm.add(f.rfmSegment[c], revenue, profit);
      if (f.lifecycle[c] >= 0) lifecycle.add(f.lifecycle[c], revenue, profit);
      if (f.quadrant[c] >= 0) quadrants.add(f.quadrant[c], revenue, profit);
    }
    if (f.keyClient[c]) keyClients++;
    if (asOf !== null && hasDates && asOf - f.first[c] > settings.lifecycle.lostDays) churnBase++;
  }
  const stages = hasDates ? lifecycle.tally(LIFECYCLES) : null;
  const lost = stages ? stages.lost.clients : 0;
  return {
    clients: n,
    totalRevenue,
    positiveRevenue: f.positiveRevenue,
    totalProfit: hasProfit ? totalProfit : null,
    abc: abc.tally(ABC_CLASSES),
    xyz: doXyz ? xyz.tally(XYZ_CLASSES) : null,
    abcXyz: doXyz ? abcXyz.tally(ABC_XYZ_CODES) : null,
    rfm: hasDates ? rfm.tally(RFM_SEGMENT_KEYS) : null,
    lifecycle: stages,
    churn: stages && churnBase > 0 ? lost / churnBase : null,
    churnBase,
    quadrants: hasDates ? quadrants.tally(QUADRANTS) : null,
    quadrantMedian,
    pareto: paretoCheck(revenues, classes),
    keyClients,
    abcAverage: settings.abc.method === 'average' ? abcAverage : null,
  };
}

/**
 * The last step: one {@link ClientResult} per client of `order`, in that order, from the columns of
 * the steps, the dynamics (by client index) and the LTV (by client index).
 */
function clientResults(
  sales: SalesData,
  f: ClientFacts,
  order: Int32Array,
  run: { hasDates: boolean; hasProfit: boolean; doXyz: boolean; asOf: Day | null },
  dynamics: DynamicsResult | null,
  value: ClientsValue | null,
): ClientResult[] {
  const { hasDates, hasProfit, doXyz, asOf } = run;
  const { manager, region, industry, segment } = sales.attributes;
  const count = f.periodCount;
  const out = new Array<ClientResult>(order.length);
  const col = dynamics?.clients ?? null;
  for (let i = 0; i < order.length; i++) {
    const c = order[i];
    const revenue = f.revenue[c];
    const profit = f.profit[c];
    const orders = f.orders[c];
    const abc = ABC_CLASSES[f.abc[c]];
    const x = f.xyz[c];
    const xyz = x >= 0 ? XYZ_CLASSES[x] : null;
    const cv = f.cv[c];
    const p = col ? col.revenuePrevious[c] : 0;
    const now = col ? col.revenueCurrent[c] : 0;
    out[i] = {
      client: sales.clientNames[c],
      key: sales.clientKeys[c],
      index: c,
      firstRow: f.firstRow[c],
      rows: f.rows[c],
      revenue,
      profit: hasProfit ? profit : null,
      orders,
      firstPurchase: hasDates ? f.first[c] : null,
      lastPurchase: hasDates ? f.last[c] : null,
      recencyDays: hasDates && asOf !== null ? asOf - f.last[c] : null,
      revenueShare: f.revenueShare[c],
      averageCheck: orders > 0 ? revenue / orders : null,
      margin: hasProfit && revenue > 0 ? profit / revenue : null,
      abc,
      abcBasis: ABC_CLASSES[f.abcBasis[c]],
      abcProfit: f.abcProfit[c] >= 0 ? ABC_CLASSES[f.abcProfit[c]] : null,
      xyz,
      cv: Number.isNaN(cv) ? null : cv,
      coverage: xyz ? f.coverage[c] : null,
      periodRevenue: doXyz && f.periodRevenue ? Array.from(f.periodRevenue.subarray(c * count, (c + 1) * count)) : null,
      abcXyz: x >= 0 ? ABC_XYZ_CODES[f.abc[c] * XYZ_CLASSES.length + x] : null,
      r: hasDates ? f.r[c] : null,
      f: hasDates ? f.f[c] : null,
      m: hasDates ? f.m[c] : null,
      rfm: hasDates ? rfmCode(f.r[c], f.f[c], f.m[c]) : null,
      rfmSegment: f.rfmSegment[c] >= 0 ? RFM_SEGMENT_KEYS[f.rfmSegment[c]] : null,
      lifecycle: f.lifecycle[c] >= 0 ? LIFECYCLES[f.lifecycle[c]] : null,
      quadrant: f.quadrant[c] >= 0 ? QUADRANTS[f.quadrant[c]] : null,
      keyClient: f.keyClient[c] === 1,
      pAlive: value ? value.pAlive[c] : null,
      expectedPurchases: value ? value.expectedPurchases[c] : null,
      expectedValue: value ? value.expectedValue[c] : null,
      clv: value ? value.clv[c] : null,
      ltvSimple: value ? value.ltvSimple[c] : null,
      manager: manager?.[c] ?? null,
      region: region?.[c] ?? null,
      industry: industry?.[c] ?? null,
      segment: segment?.[c] ?? null,
      status: col ? col.status[c] : null,
      revenuePrevious: col ? p : null,
      revenueCurrent: col ? now : null,
      growth: col && p > 0 ? now / p - 1 : null,
      abcPrevious: col ? col.abcPrevious[c] : null,
      abcCurrent: col ? col.abcCurrent[c] : null,
    };
  }
  return out;
}

/** The XYZ class holding more than 90 % of the clients, if one does. */
function dominantXyz(s: SegmentationSummary): XyzClass | null {
  if (!s.xyz || s.clients === 0) return null;
  return XYZ_CLASSES.find((x) => s.xyz![x].clients / s.clients > XYZ_ONE_CLASS_SHARE) ?? null;
}

/**
 * The summary's warnings: the Pareto verdict, one XYZ class over 90 % of the clients (with the other
 * period and method that splits them, or saying that none does), and group D.
 */
function summaryWarnings(s: SegmentationSummary, settings: Settings, suggestion: XyzSuggestion | null): Warning[] {
  const out: Warning[] = [];
  const pct = (x: number) => Math.round(x * 1000) / 10;
  if (s.pareto.verdict === 'dependence') out.push({ code: 'paretoDependence', params: { share: pct(s.pareto.aClientShare) } });
  if (s.pareto.verdict === 'flat') out.push({ code: 'paretoFlat', params: { share: pct(s.pareto.aClientShare) } });
  const cls = dominantXyz(s);
  if (cls) {
    const params = { cls, share: pct(s.xyz![cls].clients / s.clients), period: settings.xyz.period, method: settings.xyz.method };
    if (suggestion) {
      const { X: x, Y: y, Z: z } = suggestion.counts;
      out.push({ code: 'xyzOneClass', params: { ...params, suggestPeriod: suggestion.period, suggestMethod: suggestion.method, x, y, z } });
    } else {
      out.push({ code: 'xyzOneClassNoSplit', params });
    }
  }
  if (s.abc.D.clients > 0) out.push({ code: 'groupD', params: { clients: s.abc.D.clients } });
  return out;
}

/**
 * The keys of a client in the command line's --json, in order: those of issue 2, then the client
 * between the two windows of issue 10 ({@link DYNAMICS_CLIENT_JSON_KEYS}: null without dates).
 */
export const CLIENT_JSON_KEYS = [
  'client', 'revenue', 'profit', 'orders', 'firstPurchase', 'lastPurchase', 'recencyDays', 'revenueShare',
  'abc', 'abcProfit', 'xyz', 'cv', 'abcXyz', 'r', 'f', 'm', 'rfm', 'rfmSegment', 'lifecycle', 'quadrant', 'keyClient',
  ...DYNAMICS_CLIENT_JSON_KEYS,
] as const;

/** The JSON client record: the result's fields of {@link CLIENT_JSON_KEYS}, dates as ISO strings, then the LTV keys (src/core/value.ts). */
export type ClientJson = Omit<Pick<ClientResult, (typeof CLIENT_JSON_KEYS)[number]>, 'firstPurchase' | 'lastPurchase'> & {
  firstPurchase: string | null;
  lastPurchase: string | null;
} & ClientLtvJson;

/**
 * The --json document: `{ asOf, dateOrder, settings, skipped, kpis, migration, cohorts, bridge, ltvModel,
 * clients }`. `settings` are the settings as set (`settings.dateOrder` may be "auto"); `dateOrder` is the
 * order slashed text dates were actually read in ("dmy" or "mdy": the one set, or with "auto" the one the
 * data or the locale gave), null without a date column. `kpis`, `migration`, `cohorts` and `bridge` are
 * the KPIs over time of issue 10 ({@link dynamicsJson}: windows as { from, to }, the first and last day
 * inside; a ratio with a zero denominator null), each null without a date column. `ltvModel` the LTV
 * models of issue 11 ({@link ltvModelJson}), null without a date column.
 * @param result a segmentation; not mutated.
 * @returns a plain object ready for JSON.stringify: dates as ISO strings, each client with
 *   {@link CLIENT_JSON_KEYS} then the LTV keys (pAlive, expectedPurchases12m, expectedValue, clv12m,
 *   ltvSimple; over the horizon of settings.ltv.months whatever it is).
 * @example toJson(segmentClients([['Client', 'Amount', 'Date'], ['Acme', 100, '2024-03-01'], ['Bolt', 50, '2024-03-05']])).asOf // "2024-03-05"
 */
export function toJson(result: SegmentationResult): {
  asOf: string | null;
  dateOrder: SlashOrder | null;
  settings: Settings;
  skipped: Array<Pick<SkippedRow, 'row' | 'reason'>>;
  kpis: DynamicsJson['kpis'] | null;
  migration: DynamicsJson['migration'] | null;
  cohorts: DynamicsJson['cohorts'] | null;
  bridge: DynamicsJson['bridge'] | null;
  ltvModel: LtvModelJson | null;
  clients: ClientJson[];
} {
  const iso = (d: Day | null) => (d === null ? null : dayToIso(d));
  const dynamics = result.dynamics ? dynamicsJson(result.dynamics) : null;
  return {
    asOf: iso(result.asOf),
    dateOrder: result.hasDates ? result.slashOrder : null,
    settings: result.settings,
    skipped: result.skipped.map((s) => ({ row: s.row, reason: s.reason })),
    kpis: dynamics?.kpis ?? null,
    migration: dynamics?.migration ?? null,
    cohorts: dynamics?.cohorts ?? null,
    bridge: dynamics?.bridge ?? null,
    ltvModel: ltvModelJson(result.ltv),
    clients: result.clients.map((c) => {
      const out = {} as Record<string, unknown>;
      for (const k of CLIENT_JSON_KEYS) out[k] = k === 'firstPurchase' || k === 'lastPurchase' ? iso(c[k]) : c[k];
      return Object.assign(out, clientLtvJson(c)) as ClientJson;
    }),
  };
}
