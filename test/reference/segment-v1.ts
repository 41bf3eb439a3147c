/**
 * The segmentation as it was before the perf branch (src/core/segment.ts at b980f21, with main's
 * 15-significant-digit sums of c6b7eef, and the LTV step
 * segmentValue of src/core/value.ts at b980f21): one object per client from the first step, changed by
 * every later step. Kept as the reference of test/core/segment-paths.test.ts: the
 * segmentation of src/ (columns by client index, the objects made last) must give the same result on
 * any data. Test-only code.
 */
/* eslint-disable */
import { KcError } from '../../src/core/errors';
import { resolveSettings, type Settings, type SettingsInput } from '../../src/core/settings';
import type { AbcClass, Cell, ColumnMapping, Lifecycle, Quadrant, RfmSegmentKey, SkippedRow, Warning, XyzClass } from '../../src/core/types';
import { readSales, type ReadOptions, type SalesData } from '../../src/core/parse/sales';
import { dayToIso, isoToDay, type Day, type SlashOrder } from '../../src/core/parse/dates';
import { AbcPopulation, paretoCheck, type ParetoCheck } from '../../src/core/methods/abc';
import { classifySeries, periodOf } from '../../src/core/methods/xyz';
import { rankScores, rfmCode, rfmSegment, RFM_SEGMENT_KEYS } from '../../src/core/methods/rfm';
import { lifecycleOf, quadrantOf } from '../../src/core/methods/lifecycle';
import { median, spreadsheetSum } from '../../src/core/methods/stats';
import { suggestXyz, XYZ_ONE_CLASS_SHARE, type XyzSuggestion } from '../../src/core/xyz-advice';
import { computeDynamics, dynamicsJson, DYNAMICS_CLIENT_JSON_KEYS, type DynamicsJson, type DynamicsResult, type WindowClass } from '../../src/core/methods/dynamics';
import type { ClientStatus } from '../../src/core/methods/bridge';
import { clientLtvJson, isKeyClientLowPAlive, ltvModelJson, SIMPLE_LTV_WINDOW_MONTHS, type ClientLtvJson, type LtvModelJson, type SegmentLtv } from '../../src/core/value';
import { ltvSummary } from '../../src/core/methods/ltv-summary';
import { ltvMargin, ltvModel } from '../../src/core/methods/ltv';
import { ltvSimple } from '../../src/core/methods/ltv-simple';
import { retentionOfDynamics, windowRetention } from '../../src/core/methods/dynamics';
import { latestDate, latestDateWarning } from '../../src/core/latest-date';

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
  /** Revenue in each XYZ period of the run, oldest first, 0 where nothing was bought (its CV is `cv`); null without XYZ. */
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

const empty = (): ClassCount => ({ clients: 0, revenue: 0, profit: 0 });
function tally<K extends string>(keys: readonly K[]): Record<K, ClassCount> {
  const o = {} as Record<K, ClassCount>;
  for (const k of keys) o[k] = empty();
  return o;
}
function add(c: ClassCount, client: ClientResult): void {
  c.clients++;
  c.revenue += client.revenue;
  c.profit += client.profit ?? 0;
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
export function segmentClientsV1(cells: readonly (readonly Cell[])[], options: SegmentOptions = {}): SegmentationResult {
  const settings = resolveSettings(options.settings);
  const sales = readSales(cells, segmentReadOptions(options, settings));
  return segmentSalesV1(sales, settings, options.onProgress, { today: options.today });
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
 * order, the summary and its warnings, the LTV ({@link segmentValue}, src/core/value.ts; it reuses the
 * dynamics' retention when their window is 12 months).
 * @param sales the valid rows and clients; not mutated.
 * @param settings settings already resolved by {@link resolveSettings}.
 * @param progress progress 0..1 with the stage name.
 * @param context what the engine cannot know by itself: today's date, for the warning on future dates.
 * @returns as {@link segmentClients}.
 * @throws KcError as {@link segmentClients}, except for reading and settings errors.
 * @example segmentSales(readSales([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]), resolveSettings()).clients.map((c) => c.revenueShare) // [0.6666666666666666, 0.3333333333333333]
 */
export function segmentSalesV1(sales: SalesData, settings: Settings, progress?: SegmentOptions['onProgress'], context: SegmentContext = {}): SegmentationResult {
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
  const list = facts.clients.filter((cl) => cl.rows > 0);
  progress?.(0, 'methods');

  const abcAverage = classifyAbc(list, facts.positiveRevenue, settings, hasProfit, warnings);
  const quadrantMedian = window ? scoreRfm(list, window.asOf, settings, hasProfit) : null;
  if (!window) warnings.push({ code: 'noDates', params: {} });
  for (const cl of list) cl.keyClient = cl.abc === 'A' && cl.lifecycle !== 'lost';
  const dynamics = window ? clientDynamics(sales, settings, window.asOf, list, warnings, progress) : null;
  if (!window) warnings.push({ code: 'dynamicsNoDates', params: {} });
  list.sort(reportOrder);

  const doXyz = periods !== null && periods.range.count >= 2;
  const summary = summarise(list, settings, hasDates, hasProfit, doXyz, facts.positiveRevenue, quadrantMedian, abcAverage, window?.asOf ?? null);
  const xyzSuggestion = doXyz && window && dominantXyz(summary) ? suggestXyz(sales.day, sales.amount, groups, window, settings.xyz) : null;
  warnings.push(...summaryWarnings(summary, settings, xyzSuggestion));
  const ltv = window ? segmentValue(sales, facts.clients, window.asOf, settings, warnings, dynamics) : null;
  if (sales.skippedCount) warnings.unshift({ code: 'skippedRows', params: { rows: sales.skippedCount } });
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
    clients: list,
    summary,
    xyzSuggestion,
    dynamics,
    ltv,
    warnings,
  };
}

/** What {@link segmentSales} is told by its caller rather than by the data. */
export interface SegmentContext {
  /** Today's date (a day number), to warn of sales dated in the future; omitted: no such warning. */
  today?: Day | null;
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
  const asOf = settings.asOf !== null ? isoToDay(settings.asOf) : maxDay;
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
 * Step 4: every client's facts (METHODS.md section 1) and its XYZ class (section 3), one pass over its
 * rows. Distinct purchases are counted with a stamp per order id (and per day for rows without an
 * order) holding the last client that counted it. Classes other than XYZ are filled in by later steps.
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
): { clients: ClientResult[]; positiveRevenue: number } {
  const { hasDates, hasProfit, hasOrders } = columns;
  const { start, perm } = groups;
  const k = sales.clientNames.length;
  const asOf = window?.asOf ?? null;
  const minDay = window?.minDay ?? 0;
  const doXyz = periods !== null && periods.range.count >= 2;
  const series = new Float64Array(doXyz ? periods.range.count : 0);
  let orderCount = 0;
  if (hasOrders) for (let i = 0; i < sales.order.length; i++) if (sales.order[i] >= orderCount) orderCount = sales.order[i] + 1;
  const orderStamp = new Int32Array(orderCount);
  const dayStamp = new Int32Array(window ? window.asOf - window.minDay + 1 : 0);
  const clients: ClientResult[] = new Array(k);
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
      revenue += sales.amount[i];
      profit += sales.profit[i];
      const d = sales.day[i];
      if (d < first) first = d;
      if (d > last) last = d;
      const o = hasOrders ? sales.order[i] : -1;
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
      if (doXyz) series[periods.ofRow[i]] += sales.amount[i];
    }
    const rows = to - from;
    if (!Number.isFinite(revenue) || !Number.isFinite(profit)) {
      throw new KcError('#NUM!', `the amounts of '${sales.clientNames[c]}' are too large to add up`, 'tooLarge', { client: sales.clientNames[c] });
    }
    // main's rule since the formulas merge (c6b7eef): sums held to 15 significant digits
    revenue = spreadsheetSum(revenue);
    profit = spreadsheetSum(profit);
    if (revenue > 0) positiveRevenue += revenue;
    let xyz: XyzClass | null = null;
    let cv: number | null = null;
    let coverage: number | null = null;
    if (doXyz && rows > 0) {
      const res = classifySeries(series, settings.xyz.method, settings.xyz.limitX, settings.xyz.limitY);
      xyz = res.xyz;
      cv = res.cv;
      coverage = res.coverage;
    }
    clients[c] = {
      client: sales.clientNames[c],
      key: sales.clientKeys[c],
      index: c,
      firstRow: rows ? sales.sheetRow[perm[from]] : 0,
      rows,
      revenue,
      profit: hasProfit ? profit : null,
      orders,
      firstPurchase: hasDates && rows ? first : null,
      lastPurchase: hasDates && rows ? last : null,
      recencyDays: hasDates && rows && asOf !== null ? asOf - last : null,
      revenueShare: 0,
      averageCheck: orders > 0 ? revenue / orders : null,
      margin: hasProfit && revenue > 0 ? profit / revenue : null,
      abc: 'C',
      abcBasis: 'C',
      abcProfit: null,
      xyz,
      cv,
      coverage,
      periodRevenue: doXyz && rows > 0 ? Array.from(series) : null,
      abcXyz: null,
      r: null,
      f: null,
      m: null,
      rfm: null,
      rfmSegment: null,
      lifecycle: null,
      quadrant: null,
      keyClient: false,
      pAlive: null,
      expectedPurchases: null,
      expectedValue: null,
      clv: null,
      ltvSimple: null,
      manager: sales.attributes.manager?.[c] ?? null,
      region: sales.attributes.region?.[c] ?? null,
      industry: sales.attributes.industry?.[c] ?? null,
      segment: sales.attributes.segment?.[c] ?? null,
      status: null,
      revenuePrevious: null,
      revenueCurrent: null,
      growth: null,
      abcPrevious: null,
      abcCurrent: null,
    };
    if (progress && (c & 4095) === 0) progress(c / k, 'clients');
  }
  if (!Number.isFinite(positiveRevenue)) throw new KcError('#NUM!', 'the total revenue is too large to add up');
  return { clients, positiveRevenue };
}

/**
 * Step 5: revenue shares, the main ABC class (D for a loss where there is profit), ABC by profit, and
 * the ABC-XYZ code (METHODS.md sections 1-3). Mutates the clients.
 * @returns the average value P of the average method (the population's, whatever the method).
 */
function classifyAbc(list: ClientResult[], positiveRevenue: number, settings: Settings, hasProfit: boolean, warnings: Warning[]): number {
  for (const cl of list) cl.revenueShare = cl.revenue > 0 && positiveRevenue > 0 ? cl.revenue / positiveRevenue : 0;
  const basis = list.map((cl) => (settings.abc.basis === 'revenue' ? cl.revenue : settings.abc.basis === 'profit' ? cl.profit! : cl.orders));
  const abcOpts = { method: settings.abc.method, limitA: settings.abc.limitA, limitB: settings.abc.limitB };
  const pop = new AbcPopulation(basis, abcOpts);
  list.forEach((cl, i) => {
    cl.abcBasis = pop.classify(basis[i]);
    cl.abc = hasProfit && cl.profit! < 0 ? 'D' : cl.abcBasis;
  });
  if (hasProfit) {
    try {
      const profitPop = new AbcPopulation(list.map((cl) => cl.profit!), abcOpts);
      for (const cl of list) cl.abcProfit = profitPop.classify(cl.profit!);
    } catch (e) {
      if (!(e instanceof KcError)) throw e;
      warnings.push({ code: 'abcProfitUndefined', params: { reason: e.message } });
    }
  }
  for (const cl of list) if (cl.xyz) cl.abcXyz = cl.abc + cl.xyz;
  return pop.averageValue;
}

/**
 * Step 6: R, F and M scores, the RFM code and segment, the lifecycle stage and the quadrant of each
 * client (METHODS.md sections 4-5). Mutates the clients.
 * @returns the median over clients of profit (revenue without profit): the quadrants' line.
 */
function scoreRfm(list: ClientResult[], asOf: Day, settings: Settings, hasProfit: boolean): number {
  const bins = settings.rfm.bins;
  const rs = rankScores(list.map((cl) => cl.lastPurchase!), bins);
  const fs = rankScores(list.map((cl) => cl.orders), bins);
  const ms = rankScores(list.map((cl) => cl.revenue), bins);
  const value = (cl: ClientResult) => (hasProfit ? cl.profit! : cl.revenue);
  const quadrantMedian = median(list.map(value));
  list.forEach((cl, i) => {
    cl.r = rs[i];
    cl.f = fs[i];
    cl.m = ms[i];
    cl.rfm = rfmCode(rs[i], fs[i], ms[i]);
    cl.rfmSegment = rfmSegment(rs[i], fs[i], ms[i], bins);
    cl.lifecycle = lifecycleOf(cl.recencyDays!, asOf - cl.firstPurchase!, settings.lifecycle);
    cl.quadrant = quadrantOf(rs[i], fs[i], value(cl), quadrantMedian, bins);
  });
  return quadrantMedian;
}

/**
 * Step 7 (with dates): the KPIs over time of METHODS.md section 9 ({@link computeDynamics}) with the
 * run's settings and analysis date, given the RFM segments step 6 found (the segments at asOf are the
 * main run's, not scored again), and each client's status, window revenues, growth and window classes.
 * Mutates the clients; adds the dynamics' warnings (a partial previous window, a window without ABC).
 * @returns the dynamics: KPIs, migrations, bridge, cohorts and the per-client columns.
 */
function clientDynamics(
  sales: SalesData,
  settings: Settings,
  asOf: Day,
  list: ClientResult[],
  warnings: Warning[],
  progress?: SegmentOptions['onProgress'],
): DynamicsResult {
  progress?.(0, 'dynamics');
  const rfmCurrent = new Array<RfmSegmentKey | null>(sales.clientNames.length).fill(null);
  for (const cl of list) rfmCurrent[cl.index] = cl.rfmSegment;
  const d = computeDynamics(sales, settings, asOf, { rfmCurrent });
  const col = d.clients;
  for (const cl of list) {
    const i = cl.index;
    const p = col.revenuePrevious[i];
    const c = col.revenueCurrent[i];
    cl.status = col.status[i];
    cl.revenuePrevious = p;
    cl.revenueCurrent = c;
    cl.growth = p > 0 ? c / p - 1 : null;
    cl.abcPrevious = col.abcPrevious[i];
    cl.abcCurrent = col.abcCurrent[i];
  }
  warnings.push(...d.warnings);
  progress?.(1, 'dynamics');
  return d;
}

/** The report order: revenue descending, ties by client key, then first row (METHODS.md section 8). */
function reportOrder(a: ClientResult, b: ClientResult): number {
  return b.revenue - a.revenue || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.firstRow - b.firstRow;
}

function summarise(
  list: readonly ClientResult[],
  settings: Settings,
  hasDates: boolean,
  hasProfit: boolean,
  doXyz: boolean,
  positiveRevenue: number,
  quadrantMedian: number | null,
  abcAverage: number,
  asOf: Day | null,
): SegmentationSummary {
  const abc = tally(ABC_CLASSES);
  const xyz = doXyz ? tally(XYZ_CLASSES) : null;
  const abcXyz = doXyz ? tally(ABC_XYZ_CODES) : null;
  const rfm = hasDates ? tally(RFM_SEGMENT_KEYS) : null;
  const lifecycle = hasDates ? tally(LIFECYCLES) : null;
  const quadrants = hasDates ? tally(QUADRANTS) : null;
  let totalRevenue = 0;
  let totalProfit = 0;
  let keyClients = 0;
  let churnBase = 0;
  for (const cl of list) {
    totalRevenue += cl.revenue;
    totalProfit += cl.profit ?? 0;
    add(abc[cl.abc], cl);
    if (xyz && cl.xyz) add(xyz[cl.xyz], cl);
    if (abcXyz && cl.abcXyz) add(abcXyz[cl.abcXyz], cl);
    if (rfm && cl.rfmSegment) add(rfm[cl.rfmSegment], cl);
    if (lifecycle && cl.lifecycle) add(lifecycle[cl.lifecycle], cl);
    if (quadrants && cl.quadrant) add(quadrants[cl.quadrant], cl);
    if (cl.keyClient) keyClients++;
    if (asOf !== null && cl.firstPurchase !== null && asOf - cl.firstPurchase > settings.lifecycle.lostDays) churnBase++;
  }
  const lost = lifecycle ? lifecycle.lost.clients : 0;
  return {
    clients: list.length,
    totalRevenue,
    positiveRevenue,
    totalProfit: hasProfit ? totalProfit : null,
    abc,
    xyz,
    abcXyz,
    rfm,
    lifecycle,
    churn: lifecycle && churnBase > 0 ? lost / churnBase : null,
    churnBase,
    quadrants,
    quadrantMedian,
    pareto: paretoCheck(list.map((c) => c.revenue), list.map((c) => c.abc)),
    keyClients,
    abcAverage: settings.abc.method === 'average' ? abcAverage : null,
  };
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

// the LTV step as it was (src/core/value.ts at b980f21)
/** Sum of the non-blank entries; null when all are blank. */
function total(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let any = false;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    any = true;
  }
  return any ? sum : null;
}

function segmentValue(
  sales: SalesData,
  clients: readonly ClientResult[],
  asOf: Day,
  settings: Settings,
  warnings: Warning[],
  dynamics: DynamicsResult | null = null,
): SegmentLtv {
  const hasProfit = sales.mapping.profit !== undefined;
  const hasOrders = sales.mapping.order !== undefined;
  const k = clients.length;
  const { months, discount } = settings.ltv;

  // model LTV
  const summary = ltvSummary({ client: sales.client, amount: sales.amount, day: sales.day, order: hasOrders ? sales.order : null }, asOf, k);
  let margin: Float64Array | null = null;
  if (hasProfit) {
    margin = new Float64Array(k);
    for (let c = 0; c < k; c++) margin[c] = ltvMargin(clients[c].profit ?? 0, clients[c].revenue);
  }
  const model = ltvModel(summary, margin, { months, discount });

  // simple LTV: when the run's dynamics have a 12-month window they hold the same retention rate and
  // current-window sums (result.dynamics.kpis.retentionRate): reuse them instead of another pass
  const reuse = dynamics !== null && dynamics.windowMonths === SIMPLE_LTV_WINDOW_MONTHS && dynamics.asOf === asOf;
  const { revenueCurrent, profitCurrent, ...retention } = reuse ? retentionOfDynamics(dynamics) : windowRetention(sales, asOf, SIMPLE_LTV_WINDOW_MONTHS);
  const m = profitCurrent ?? revenueCurrent;
  const r = retention.retentionRate;
  const stepWarnings = [...model.warnings];
  const period = { from: dayToIso(retention.previous.from), to: dayToIso(retention.previous.to) };
  if (r === null) stepWarnings.push({ code: 'ltvSimpleNoRetention', params: period });
  else if (!(1 + discount - r > 0)) stepWarnings.push({ code: 'ltvSimpleNoEnd', params: period });

  let keyClientsLowPAlive = 0;
  for (let c = 0; c < k; c++) {
    const cl = clients[c];
    cl.pAlive = model.pAlive[c];
    cl.expectedPurchases = model.expectedPurchases[c];
    cl.expectedValue = model.expectedValue[c];
    cl.clv = model.clv[c];
    // a client with no row up to asOf takes no part (it is not in the result)
    cl.ltvSimple = cl.rows > 0 ? ltvSimple(m[c], r, discount) : null;
    if (isKeyClientLowPAlive(cl)) keyClientsLowPAlive++;
  }
  warnings.push(...stepWarnings);
  return {
    months,
    discount,
    bgnbd: model.bgnbd,
    gammaGamma: model.gammaGamma,
    clients: model.clients,
    repeatBuyers: model.repeatBuyers,
    retention,
    totalExpectedPurchases: total(model.expectedPurchases),
    totalClv: total(model.clv),
    keyClientsLowPAlive,
    warnings: stepWarnings,
  };
}

