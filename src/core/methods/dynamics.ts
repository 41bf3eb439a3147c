import { KcError } from '../errors';
import type { Settings, CohortPeriod } from '../settings';
import type { AbcClass, RfmSegmentKey, Warning } from '../types';
import type { SalesData } from '../parse/sales';
import { dayToIso, type Day } from '../parse/dates';
import { AbcPopulation } from './abc';
import { rankScores, rfmSegment, RFM_SEGMENT_KEYS } from './rfm';
import { CohortGrid, type CohortCell } from './cohorts';
import { revenueBridge, type BridgeLine, type ClientStatus } from './bridge';
import { dynamicsWindows, type DayRange } from './windows';

/** A client's ABC class in a window: A, B, C, D, or "-" when it did not buy in the window. */
export type WindowClass = AbcClass | '-';
/** A client's RFM segment at a date: "-" when it had not bought by then. */
export type SnapshotSegment = RfmSegmentKey | '-';

/** The rows and columns the dynamics read: a subset of {@link SalesData}. */
export type DynamicsSales = Pick<SalesData, 'mapping' | 'client' | 'amount' | 'profit' | 'day' | 'order' | 'clientNames'>;

/** One client between the two windows (METHODS.md section 9). */
export interface ClientDynamics {
  status: ClientStatus;
  /** Sum of its amounts dated in the previous window, returns included. */
  revenuePrevious: number;
  /** Sum of its amounts dated in the current window, returns included. */
  revenueCurrent: number;
  /** revenueCurrent / revenuePrevious - 1; null when revenuePrevious <= 0. */
  growth: number | null;
  /** ABC in the previous window; null when that window's ABC could not be computed (a warning says why). */
  abcPrevious: WindowClass | null;
  /** ABC in the current window; null as for abcPrevious. */
  abcCurrent: WindowClass | null;
  /** RFM segment at the end of the previous window (asOf - W months); "-" when it had not bought by then. */
  rfmPrevious: SnapshotSegment;
  /** RFM segment at the analysis date, as the main segmentation gives it. */
  rfmCurrent: RfmSegmentKey;
  /** Its first purchase: the earliest row with amount > 0; null when it has only returns. */
  firstPurchase: Day | null;
}

/**
 * The per-client dynamics in columns, each indexed by the client index of the sales data. A client
 * with no row on or before asOf is outside the analysis: null status, classes and segments, 0 revenue.
 */
export interface DynamicsClients {
  status: (ClientStatus | null)[];
  revenuePrevious: Float64Array;
  revenueCurrent: Float64Array;
  abcPrevious: (WindowClass | null)[];
  abcCurrent: (WindowClass | null)[];
  rfmPrevious: (SnapshotSegment | null)[];
  rfmCurrent: (RfmSegmentKey | null)[];
  /** Day of the first purchase (earliest row with amount > 0); NaN for none. */
  firstPurchase: Float64Array;
}

/** The KPIs of METHODS.md section 9. Ratios are null, never 0 or NaN, when their denominator is not above 0. */
export interface DynamicsKpis {
  windowMonths: number;
  previous: DayRange;
  current: DayRange;
  /** Clients that bought (a row with amount > 0) in the previous window. */
  clientsPrevious: number;
  /** Clients that bought in the current window. */
  clientsCurrent: number;
  retained: number;
  churned: number;
  new: number;
  returned: number;
  inactive: number;
  /** retained / clientsPrevious. */
  retentionRate: number | null;
  /** churned / clientsPrevious. */
  churnRate: number | null;
  /** Class A of the previous window; null when that window's ABC could not be computed. */
  keyClientsPrevious: number | null;
  /** (class A of the previous window that bought in the current one) / keyClientsPrevious. */
  keyClientRetention: number | null;
  /** (sum of revenueCurrent of class A of the previous window) / (sum of their revenuePrevious) - 1. */
  keyClientGrowth: number | null;
  /** Net revenue retention: sum of revenueCurrent / sum of revenuePrevious, over clients that bought in the previous window. */
  nrr: number | null;
  /** Gross revenue retention: sum of max(0, min(revenueCurrent, revenuePrevious)) / sum of revenuePrevious, same clients. */
  grr: number | null;
  /** Sum of revenuePrevious of class A of the previous window that churned; null when that window's ABC could not be computed. */
  lostKeyRevenue: number | null;
  /** Revenue of the previous window: every row dated in it. */
  revenuePrevious: number;
  /** Revenue of the current window. */
  revenueCurrent: number;
}

/** One cell of the ABC migration matrix. */
export interface AbcMigrationCell {
  from: WindowClass;
  to: WindowClass;
  clients: number;
  revenuePrevious: number;
  revenueCurrent: number;
}

/** One non-empty cell of the RFM segment migration. */
export interface RfmMigrationCell {
  from: SnapshotSegment;
  to: RfmSegmentKey;
  clients: number;
  revenuePrevious: number;
  revenueCurrent: number;
}

/** Everything {@link computeDynamics} finds. */
export interface DynamicsResult {
  windowMonths: number;
  cohortPeriod: CohortPeriod;
  asOf: Day;
  previous: DayRange;
  current: DayRange;
  /** The earliest date of the data (on or before asOf). */
  firstSale: Day;
  /** True when the data start after the first day of the previous window (a warning says so). */
  partial: boolean;
  /** Per client, in columns by the client index of the sales data ({@link clientDynamics} gives one client as an object). */
  clients: DynamicsClients;
  kpis: DynamicsKpis;
  migration: {
    /** The 24 cells of (A, B, C, D, -) x (A, B, C, D, -) without (-, -), from-major in that order; empty when a window's ABC could not be computed. */
    abc: AbcMigrationCell[];
    /** The non-empty (from, to) pairs, in the order of the segment table with "-" last on the "from" side. */
    rfm: RfmMigrationCell[];
  };
  /** The revenue bridge, previous to current, in {@link BRIDGE_KEYS} order. */
  bridge: BridgeLine[];
  /** The cohort table, oldest cohort first. */
  cohorts: CohortCell[];
  warnings: Warning[];
}

/** Options of {@link computeDynamics}. */
export interface DynamicsOptions {
  /**
   * The RFM segment at asOf of each client (by client index), as the main segmentation computed it
   * on the same rows and settings. Given, the dynamics use it instead of scoring every client again;
   * omitted, they compute the same segments (section 4 on every row up to asOf).
   */
  rfmCurrent?: ArrayLike<RfmSegmentKey | null | undefined>;
  /**
   * The largest bitset, in 32-bit words, used to count each client's distinct periods (and days) in
   * one pass; above it the rows are grouped by client. The results are the same either way; tests
   * set it to 0 to run the grouped path.
   */
  maxBitsetWords?: number;
}

/** The classes of the migration matrix, in order. */
export const WINDOW_CLASSES: readonly WindowClass[] = ['A', 'B', 'C', 'D', '-'];
const NONE = 4; // '-'
const UNDEFINED = 5; // the window's ABC could not be computed
const NOT_IN_RUN = -1;
const STATUS: readonly ClientStatus[] = ['retained', 'churned', 'new', 'returned', 'inactive'];
const [RETAINED, CHURNED, NEW, RETURNED, INACTIVE] = [0, 1, 2, 3, 4];
const [A_CODE, B_CODE, C_CODE, D_CODE] = [0, 1, 2, 3];
const SEGMENT_CODE = new Map<RfmSegmentKey, number>(RFM_SEGMENT_KEYS.map((key, i) => [key, i]));

const cls = (code: number): WindowClass | null => (code === UNDEFINED ? null : WINDOW_CLASSES[code]);

/** null for a denominator that is not above 0. */
const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

// the fields of a client's record of pass 1 (the ones a row touches, together)
const [REV_ALL, REV_CUT, REV_P, REV_C, FIRST, LAST, LAST_CUT, BOUGHT] = [0, 1, 2, 3, 4, 5, 6, 7];
const STRIDE = 8;
/** BOUGHT bits: a row with amount > 0 in P, in C. */
const BOUGHT_P = 1;
const BOUGHT_C = 2;
/** The largest bitset (32-bit words) the cohort and day counting uses instead of grouping the rows by client. */
const MAX_BITSET_WORDS = 1 << 23;

/** Flags of a purchase (an order, or a day for rows without one): a row on or before the RFM cut, in P, in C. */
const AT_CUT = 1;
const IN_P = 2;
const IN_C = 4;

/**
 * The ABC class (codes 0..3 = A..D) of every client that bought in a window, on the window's basis
 * value, with group D on the window's profit where there is a profit column (METHODS.md sections 2, 9).
 * @returns the codes per client (NONE for non-buyers), or null when the classes cannot be computed.
 */
function windowClasses(
  bought: Uint8Array,
  basis: Float64Array,
  profit: Float64Array,
  hasProfit: boolean,
  settings: Settings,
  onError: (reason: string) => void,
): Int8Array {
  const k = bought.length;
  const codes = new Int8Array(k).fill(NONE);
  let n = 0;
  for (let c = 0; c < k; c++) if (bought[c]) n++;
  if (n === 0) return codes;
  const sorted = new Float64Array(n);
  for (let c = 0, j = 0; c < k; c++) if (bought[c]) sorted[j++] = basis[c];
  sorted.sort();
  let pop: AbcPopulation;
  try {
    pop = new AbcPopulation(sorted, { method: settings.abc.method, limitA: settings.abc.limitA, limitB: settings.abc.limitB });
  } catch (e) {
    if (!(e instanceof KcError)) throw e;
    onError(e.message);
    for (let c = 0; c < k; c++) if (bought[c]) codes[c] = UNDEFINED;
    return codes;
  }
  // The class of a positive value only grows with the value (section 2: A, and A or B, are the
  // population's values from a threshold up), so the two thresholds are found by binary search over
  // the sorted values, and each client is classed by comparisons.
  let firstPositive = 0;
  while (firstPositive < n && !(sorted[firstPositive] > 0)) firstPositive++;
  const fromA = lowestOf(sorted, firstPositive, pop, 'A');
  const fromB = lowestOf(sorted, firstPositive, pop, 'B');
  for (let c = 0; c < k; c++) {
    if (!bought[c]) continue;
    const v = basis[c];
    if (hasProfit && profit[c] < 0) codes[c] = D_CODE;
    else if (v > 0) codes[c] = v >= fromA ? A_CODE : v >= fromB ? B_CODE : C_CODE;
    else codes[c] = v < 0 ? D_CODE : C_CODE; // section 2: below zero D, zero C
  }
  return codes;
}

/**
 * The smallest of the sorted positive values `sorted[from..]` whose class is `cls` or better (A is
 * better than B), Infinity when there is none.
 */
function lowestOf(sorted: Float64Array, from: number, pop: AbcPopulation, cls: 'A' | 'B'): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = pop.classify(sorted[mid]);
    if (x === 'A' || x === cls) hi = mid;
    else lo = mid + 1;
  }
  return lo < sorted.length ? sorted[lo] : Infinity;
}

/**
 * RFM segments (METHODS.md section 4) over the clients with `scored` set, on their last purchase day,
 * purchases and revenue.
 * @returns per client the index of its segment in RFM_SEGMENT_KEYS, -1 for a client not scored.
 */
function segmentsOf(scored: Uint8Array, last: ArrayLike<number>, orders: ArrayLike<number>, revenue: ArrayLike<number>, bins: number): Int8Array {
  const k = scored.length;
  const out = new Int8Array(k).fill(-1);
  let n = 0;
  for (let c = 0; c < k; c++) if (scored[c]) n++;
  if (n === 0) return out;
  const r = new Float64Array(n);
  const f = new Float64Array(n);
  const m = new Float64Array(n);
  for (let c = 0, j = 0; c < k; c++) {
    if (!scored[c]) continue;
    r[j] = last[c];
    f[j] = orders[c];
    m[j++] = revenue[c];
  }
  const rs = rankScores(r, bins);
  const fs = rankScores(f, bins);
  const ms = rankScores(m, bins);
  // the segment of each of the bins^3 codes, looked up once
  const bySegment = new Int8Array(1000).fill(-1);
  for (let c = 0, j = 0; c < k; c++) {
    if (!scored[c]) continue;
    const code = rs[j] * 100 + fs[j] * 10 + ms[j];
    if (bySegment[code] < 0) bySegment[code] = SEGMENT_CODE.get(rfmSegment(rs[j], fs[j], ms[j], bins))!;
    out[c] = bySegment[code];
    j++;
  }
  return out;
}

/** What pass 1 finds per client (by client index). */
class ClientFacts {
  /** Purchases in all, up to the cut, in P, in C: the order-id ones from pass 1, the day ones added by pass 2. */
  readonly ordAll: Float64Array;
  readonly ordCut: Float64Array;
  readonly ordP: Float64Array;
  readonly ordC: Float64Array;
  /**
   * @param acc records of STRIDE fields: revenue in all, up to the cut, in P, in C; first purchase,
   *   last row, last row up to the cut, bought bits.
   * @param profP profit in P per client.
   * @param profC profit in C per client.
   * @param minDay the earliest day on or before asOf.
   * @param dayPurchases whether some row on or before asOf has no order id (its day is its purchase).
   */
  constructor(
    readonly acc: Float64Array,
    readonly profP: Float64Array,
    readonly profC: Float64Array,
    readonly minDay: Day,
    readonly dayPurchases: boolean,
  ) {
    const k = profP.length;
    this.ordAll = new Float64Array(k);
    this.ordCut = new Float64Array(k);
    this.ordP = new Float64Array(k);
    this.ordC = new Float64Array(k);
  }
}

/**
 * Pass 1, the rows in sheet order: each client's sums, first purchase and last rows into one record
 * (the fields a row touches sit together), and its purchases with an order id.
 * Order ids are numbered in order of first appearance, so in sheet order they are read almost in
 * sequence: per order id, the client that first had it (+1) and the flags its rows showed. An order
 * id shared by several clients is a purchase of each: the other clients' (client, order) pairs go to
 * a map.
 */
function clientFacts(sales: DynamicsSales, k: number, asOf: Day, pFrom: Day, cut: Day, hasProfit: boolean): ClientFacts {
  const { client, day, amount, profit } = sales;
  const order = sales.mapping.order !== undefined ? sales.order : null;
  const n = client.length;
  let orderCount = 0;
  if (order !== null) for (let i = 0; i < n; i++) if (order[i] >= orderCount) orderCount = order[i] + 1;
  const orderOwner = new Int32Array(orderCount);
  const orderFlags = new Uint8Array(orderCount);
  const shared = new Map<number, number>();
  const acc = new Float64Array(k * STRIDE);
  for (let c = 0; c < k; c++) {
    acc[c * STRIDE + FIRST] = Infinity;
    acc[c * STRIDE + LAST] = -Infinity;
    acc[c * STRIDE + LAST_CUT] = -Infinity;
  }
  const profP = new Float64Array(k);
  const profC = new Float64Array(k);
  let minDay = Infinity;
  let dayPurchases = false;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (!(d <= asOf)) continue; // after asOf, or no date
    const c = client[i];
    const a = amount[i];
    if (d < minDay) minDay = d;
    const r = c * STRIDE;
    acc[r + REV_ALL] += a;
    if (d > acc[r + LAST]) acc[r + LAST] = d;
    if (a > 0 && d < acc[r + FIRST]) acc[r + FIRST] = d;
    let flags: number;
    if (d <= cut) {
      acc[r + REV_CUT] += a;
      if (d > acc[r + LAST_CUT]) acc[r + LAST_CUT] = d;
      if (d >= pFrom) {
        flags = AT_CUT | IN_P;
        acc[r + REV_P] += a;
        if (hasProfit) profP[c] += profit[i];
        if (a > 0) acc[r + BOUGHT] = acc[r + BOUGHT] | BOUGHT_P;
      } else flags = AT_CUT;
    } else {
      flags = IN_C;
      acc[r + REV_C] += a;
      if (hasProfit) profC[c] += profit[i];
      if (a > 0) acc[r + BOUGHT] = acc[r + BOUGHT] | BOUGHT_C;
    }
    const o = order !== null ? order[i] : -1;
    if (o < 0) dayPurchases = true;
    else {
      const owner = orderOwner[o];
      if (owner === 0) {
        orderOwner[o] = c + 1;
        orderFlags[o] = flags;
      } else if (owner === c + 1) orderFlags[o] |= flags;
      else {
        const key = c * orderCount + o;
        shared.set(key, (shared.get(key) ?? 0) | flags);
      }
    }
  }
  const facts = new ClientFacts(acc, profP, profC, minDay, dayPurchases);
  const { ordAll, ordCut, ordP, ordC } = facts;
  for (let o = 0; o < orderCount; o++) {
    const owner = orderOwner[o];
    if (owner === 0) continue;
    const c = owner - 1;
    const flags = orderFlags[o];
    ordAll[c]++;
    if (flags & AT_CUT) ordCut[c]++;
    if (flags & IN_P) ordP[c]++;
    if (flags & IN_C) ordC[c]++;
  }
  if (shared.size > 0) countShared(shared, orderCount, facts);
  return facts;
}

/** The purchases of order ids shared by several clients: one per (client, order) pair. */
function countShared(shared: Map<number, number>, orderCount: number, facts: ClientFacts): void {
  for (const [key, flags] of shared) {
    const c = Math.floor(key / orderCount);
    facts.ordAll[c]++;
    if (flags & AT_CUT) facts.ordCut[c]++;
    if (flags & IN_P) facts.ordP[c]++;
    if (flags & IN_C) facts.ordC[c]++;
  }
}

/**
 * Pass 2: the cohort table (each row's amount into its client's cohort cell; each client counted once
 * per period it bought in) and the purchases of rows without an order id (each client's distinct
 * days). Distinct (client, period) and (client, day) pairs are kept in one bitset per client when
 * that stays small (one pass over the rows in sheet order); otherwise the rows are grouped by client
 * (a counting sort) and counted client by client with stamps.
 */
function cohortsAndDays(sales: DynamicsSales, facts: ClientFacts, grid: CohortGrid, asOf: Day, pFrom: Day, cut: Day, maxBitsetWords: number): void {
  const { client, day, amount } = sales;
  const order = sales.mapping.order !== undefined ? sales.order : null;
  const n = client.length;
  const { acc, ordAll, ordCut, ordP, ordC, minDay } = facts;
  const k = ordAll.length;
  const { periodOfDay, revenue, buyers, size } = grid;
  // each client's cohort (-1: none), and where its cells start: cell(cohort, k) = base + cohort + k
  const cohortOf = new Int32Array(k).fill(-1);
  const base = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const f = acc[c * STRIDE + FIRST];
    if (f === Infinity) continue;
    const co = periodOfDay[f - minDay];
    cohortOf[c] = co;
    base[c] = grid.cell(co, 0) - co;
    size[co]++;
  }
  const cutOffset = cut - minDay;
  const pOffset = pFrom - minDay;
  const countDay = (c: number, dOff: number) => {
    ordAll[c]++;
    if (dOff <= cutOffset) {
      ordCut[c]++;
      if (dOff >= pOffset) ordP[c]++;
    } else ordC[c]++;
  };
  const periodWords = (grid.periods + 31) >> 5;
  const dayWords = facts.dayPurchases ? (asOf - minDay + 32) >> 5 : 0;
  const words = periodWords + dayWords;

  if (k * words <= maxBitsetWords) {
    // one pass in sheet order; per client `periodWords` words of periods bought in, then `dayWords` of days
    const bits = new Int32Array(k * words);
    for (let i = 0; i < n; i++) {
      const d = day[i];
      if (!(d <= asOf)) continue;
      const c = client[i];
      const a = amount[i];
      const dOff = d - minDay;
      const co = cohortOf[c];
      if (co >= 0) {
        const p = periodOfDay[dOff];
        if (p >= co) {
          const cell = base[c] + p;
          revenue[cell] += a;
          if (a > 0) {
            const w = c * words + (p >> 5);
            const bit = 1 << (p & 31);
            if ((bits[w] & bit) === 0) {
              bits[w] |= bit;
              buyers[cell]++;
            }
          }
        }
      }
      if (dayWords > 0 && (order === null || order[i] < 0)) {
        const w = c * words + periodWords + (dOff >> 5);
        const bit = 1 << (dOff & 31);
        if ((bits[w] & bit) === 0) {
          bits[w] |= bit;
          countDay(c, dOff);
        }
      }
    }
    return;
  }

  // grouped: rows by client as (day - minDay) * 4 + 2 for a row with an order id + 1 for a purchase
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) if (day[i] <= asOf) start[client[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const packed = new Int32Array(start[k]);
  const fill = start.slice(0, k);
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (!(d <= asOf)) continue;
    const c = client[i];
    const a = amount[i];
    packed[fill[c]++] = (d - minDay) * 4 + (order !== null && order[i] >= 0 ? 2 : 0) + (a > 0 ? 1 : 0);
    const co = cohortOf[c];
    if (co >= 0) {
      const p = periodOfDay[d - minDay];
      if (p >= co) revenue[base[c] + p] += a;
    }
  }
  // client by client: a stamp per day and per period holding the last client (+1) that counted it
  const dayStamp = new Int32Array(asOf - minDay + 1);
  const periodStamp = new Int32Array(grid.periods);
  for (let c = 0; c < k; c++) {
    const mark = c + 1;
    const co = cohortOf[c];
    for (let j = start[c]; j < start[c + 1]; j++) {
      const x = packed[j];
      const dOff = x >> 2;
      if ((x & 2) === 0 && dayStamp[dOff] !== mark) {
        dayStamp[dOff] = mark;
        countDay(c, dOff);
      }
      if ((x & 1) === 1 && co >= 0) {
        const p = periodOfDay[dOff];
        if (p >= co && periodStamp[p] !== mark) {
          periodStamp[p] = mark;
          buyers[base[c] + p]++;
        }
      }
    }
  }
}

/** Segment codes of segments given per client; every client in the run must have one. */
function segmentCodes(segments: ArrayLike<RfmSegmentKey | null | undefined>, inRun: Uint8Array): Int8Array {
  const out = new Int8Array(inRun.length).fill(-1);
  for (let c = 0; c < inRun.length; c++) {
    if (!inRun[c]) continue;
    const code = SEGMENT_CODE.get(segments[c] as RfmSegmentKey);
    if (code === undefined) throw new KcError('#VALUE!', `the RFM segment given for client ${c} is '${String(segments[c])}', not a segment`);
    out[c] = code;
  }
  return out;
}

/** One field of every client's record, as a column. */
function column(acc: Float64Array, k: number, field: number): Float64Array {
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) out[c] = acc[c * STRIDE + field];
  return out;
}

/** The columns the statuses, classes and KPIs read, from the records of pass 1. */
class ClientColumns {
  readonly revP: Float64Array;
  readonly revC: Float64Array;
  /** First purchase day, NaN for none. */
  readonly first: Float64Array;
  /** 1 for a client with a row on or before asOf. */
  readonly inRun: Uint8Array;
  readonly boughtP: Uint8Array;
  readonly boughtC: Uint8Array;
  /** 1 for a client whose first purchase is on or before the cut (asOf - W). */
  readonly boughtByCut: Uint8Array;

  constructor(acc: Float64Array, k: number, cut: Day) {
    this.revP = column(acc, k, REV_P);
    this.revC = column(acc, k, REV_C);
    const first = (this.first = column(acc, k, FIRST));
    const inRun = (this.inRun = new Uint8Array(k));
    const boughtP = (this.boughtP = new Uint8Array(k));
    const boughtC = (this.boughtC = new Uint8Array(k));
    const boughtByCut = (this.boughtByCut = new Uint8Array(k));
    for (let c = 0; c < k; c++) {
      inRun[c] = acc[c * STRIDE + LAST] !== -Infinity ? 1 : 0;
      const bought = acc[c * STRIDE + BOUGHT];
      boughtP[c] = bought & BOUGHT_P ? 1 : 0;
      boughtC[c] = bought & BOUGHT_C ? 1 : 0;
      if (first[c] === Infinity) first[c] = NaN;
      else if (first[c] <= cut) boughtByCut[c] = 1;
    }
  }
}

/** Each client's status code (section 9), NOT_IN_RUN for a client without rows on or before asOf. */
function statusesOf(cols: ClientColumns, currentFrom: Day): Int8Array {
  const { inRun, boughtP, boughtC, first } = cols;
  const k = inRun.length;
  const status = new Int8Array(k).fill(NOT_IN_RUN);
  for (let c = 0; c < k; c++) {
    if (!inRun[c]) continue;
    if (boughtP[c]) status[c] = boughtC[c] ? RETAINED : CHURNED;
    else if (boughtC[c]) status[c] = first[c] >= currentFrom ? NEW : RETURNED;
    else status[c] = INACTIVE;
  }
  return status;
}

/** The sums behind the KPIs, and the migrations. */
interface Tally {
  counts: number[];
  clientsCurrent: number;
  keyPrevious: number;
  keyKept: number;
  keyRevenuePrevious: number;
  keyRevenueCurrent: number;
  lostKeyRevenue: number;
  /** Sum of revenuePrevious of the clients that bought in P: the base of nrr and grr. */
  retentionBase: number;
  nrrNumerator: number;
  grrNumerator: number;
  revenuePrevious: number;
  revenueCurrent: number;
  abcMigration: AbcMigrationCell[];
  rfmMigration: RfmMigrationCell[];
}

function tally(status: Int8Array, cols: ClientColumns, abcP: Int8Array, abcC: Int8Array, abcDefined: boolean, rfmBefore: Int8Array, rfmNow: Int8Array): Tally {
  const { revP, revC, boughtP, boughtC } = cols;
  const k = status.length;
  const counts = [0, 0, 0, 0, 0];
  let keyPrevious = 0, keyKept = 0, keyRevenuePrevious = 0, keyRevenueCurrent = 0, lostKeyRevenue = 0;
  let retentionBase = 0, nrrNumerator = 0, grrNumerator = 0, clientsCurrent = 0;
  let revenuePrevious = 0, revenueCurrent = 0;
  const abcAcc = new Float64Array(25 * 3); // per (from, to): clients, revenuePrevious, revenueCurrent
  const segs = RFM_SEGMENT_KEYS.length;
  const rfmAcc = new Float64Array((segs + 1) * segs * 3); // from (the segments, then '-') x to
  for (let c = 0; c < k; c++) {
    const s = status[c];
    if (s === NOT_IN_RUN) continue;
    counts[s]++;
    const p = revP[c];
    const cur = revC[c];
    revenuePrevious += p;
    revenueCurrent += cur;
    if (boughtC[c]) clientsCurrent++;
    if (boughtP[c]) {
      nrrNumerator += cur;
      retentionBase += p;
      grrNumerator += Math.max(0, Math.min(cur, p));
      if (abcP[c] === A_CODE) {
        keyPrevious++;
        keyRevenuePrevious += p;
        keyRevenueCurrent += cur;
        if (boughtC[c]) keyKept++;
        else lostKeyRevenue += p;
      }
    }
    if (s !== INACTIVE && abcDefined) {
      const at = (abcP[c] * 5 + abcC[c]) * 3;
      abcAcc[at]++;
      abcAcc[at + 1] += p;
      abcAcc[at + 2] += cur;
    }
    const at = ((rfmBefore[c] < 0 ? segs : rfmBefore[c]) * segs + rfmNow[c]) * 3;
    rfmAcc[at]++;
    rfmAcc[at + 1] += p;
    rfmAcc[at + 2] += cur;
  }
  const abcMigration: AbcMigrationCell[] = [];
  if (abcDefined) {
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        if (a === NONE && b === NONE) continue;
        const at = (a * 5 + b) * 3;
        abcMigration.push({ from: WINDOW_CLASSES[a], to: WINDOW_CLASSES[b], clients: abcAcc[at], revenuePrevious: abcAcc[at + 1], revenueCurrent: abcAcc[at + 2] });
      }
    }
  }
  const rfmMigration: RfmMigrationCell[] = [];
  for (let a = 0; a <= segs; a++) {
    for (let b = 0; b < segs; b++) {
      const at = (a * segs + b) * 3;
      if (rfmAcc[at] === 0) continue;
      rfmMigration.push({ from: a === segs ? '-' : RFM_SEGMENT_KEYS[a], to: RFM_SEGMENT_KEYS[b], clients: rfmAcc[at], revenuePrevious: rfmAcc[at + 1], revenueCurrent: rfmAcc[at + 2] });
    }
  }
  return {
    counts, clientsCurrent, keyPrevious, keyKept, keyRevenuePrevious, keyRevenueCurrent, lostKeyRevenue,
    retentionBase, nrrNumerator, grrNumerator, revenuePrevious, revenueCurrent, abcMigration, rfmMigration,
  };
}

/** The per-client columns of the result, from the codes. */
function clientColumns(status: Int8Array, cols: ClientColumns, abcP: Int8Array, abcC: Int8Array, rfmBefore: Int8Array, rfmNow: Int8Array): DynamicsClients {
  const k = status.length;
  const statusOf: (ClientStatus | null)[] = new Array(k);
  const abcPrevious: (WindowClass | null)[] = new Array(k);
  const abcCurrent: (WindowClass | null)[] = new Array(k);
  const rfmPrevious: (SnapshotSegment | null)[] = new Array(k);
  const rfmCurrent: (RfmSegmentKey | null)[] = new Array(k);
  for (let c = 0; c < k; c++) {
    if (status[c] === NOT_IN_RUN) {
      statusOf[c] = abcPrevious[c] = abcCurrent[c] = rfmPrevious[c] = rfmCurrent[c] = null;
      continue;
    }
    statusOf[c] = STATUS[status[c]];
    abcPrevious[c] = cls(abcP[c]);
    abcCurrent[c] = cls(abcC[c]);
    rfmPrevious[c] = rfmBefore[c] < 0 ? '-' : RFM_SEGMENT_KEYS[rfmBefore[c]];
    rfmCurrent[c] = RFM_SEGMENT_KEYS[rfmNow[c]];
  }
  return { status: statusOf, revenuePrevious: cols.revP, revenueCurrent: cols.revC, abcPrevious, abcCurrent, rfmPrevious, rfmCurrent, firstPurchase: cols.first };
}

/**
 * Key-client KPIs over time (METHODS.md section 9; the rules it leaves open are in docs/methods.md,
 * "Dynamics"): two windows of `settings.dynamics.windowMonths` months ending on `asOf`, each client's
 * status, revenue and ABC class in both, the KPIs, the ABC and RFM migrations, the revenue bridge and
 * the cohort table (`settings.dynamics.cohort`). Rows after `asOf` are left out, as in the
 * segmentation. Two passes over the rows' typed arrays (three when the rows must be grouped by
 * client); objects only per table cell.
 * @param sales the valid rows (readSales); not mutated.
 * @param settings resolved settings: ABC method, limits and basis, RFM bins, window and cohort period.
 * @param asOf the analysis date of the segmentation (a day number).
 * @param options the main segmentation's RFM segments, when the caller has them (saves scoring again).
 * @returns the per-client dynamics (by client index), the KPIs, migrations, bridge, cohorts and warnings.
 * @throws KcError `#N/A` without a date column (key `dynamicsNoDates`), with no row on or before asOf
 *   (`noSaleBeforeAsOf`), or for ABC on profit without a profit column (`profitBasisWithoutProfit`);
 *   `#NUM!` for a bad window (`windowMonths`); `#VALUE!` when `options.rfmCurrent` lacks a segment for a
 *   client with rows on or before asOf.
 * @example computeDynamics(readSales(cells), resolveSettings({ dynamics: { windowMonths: 6 } }), isoToDay('2024-06-30')).kpis.retentionRate // 0.5
 */
export function computeDynamics(sales: DynamicsSales, settings: Settings, asOf: Day, options: DynamicsOptions = {}): DynamicsResult {
  if (sales.mapping.date === undefined) throw new KcError('#N/A', 'KPIs over time need a date column: map one', 'dynamicsNoDates');
  const hasProfit = sales.mapping.profit !== undefined;
  if (settings.abc.basis === 'profit' && !hasProfit) throw new KcError('#N/A', 'ABC by profit needs a profit column; map one or use revenue', 'profitBasisWithoutProfit');
  const { windowMonths, cohort: cohortPeriod } = settings.dynamics;
  const { previous, current } = dynamicsWindows(asOf, windowMonths);
  const k = sales.clientNames.length;

  // the passes over the rows
  const facts = clientFacts(sales, k, asOf, previous.from, previous.to, hasProfit);
  const minDay = facts.minDay;
  if (minDay === Infinity) throw new KcError('#N/A', `no sale on or before the analysis date ${dayToIso(asOf)}`, 'noSaleBeforeAsOf', { asOf: dayToIso(asOf) });
  const grid = new CohortGrid(minDay, asOf, cohortPeriod);
  cohortsAndDays(sales, facts, grid, asOf, previous.from, previous.to, options.maxBitsetWords ?? MAX_BITSET_WORDS);

  // per client: status, ABC in each window, RFM segments before and now
  const cols = new ClientColumns(facts.acc, k, previous.to);
  const status = statusesOf(cols, current.from);
  const warnings: Warning[] = [];
  const basis = settings.abc.basis;
  const { profP, profC } = facts;
  const basisP = basis === 'revenue' ? cols.revP : basis === 'profit' ? profP : facts.ordP;
  const basisC = basis === 'revenue' ? cols.revC : basis === 'profit' ? profC : facts.ordC;
  const abcP = windowClasses(cols.boughtP, basisP, profP, hasProfit, settings, (reason) => warnings.push({ code: 'dynamicsAbcPrevious', params: { reason } }));
  const abcC = windowClasses(cols.boughtC, basisC, profC, hasProfit, settings, (reason) => warnings.push({ code: 'dynamicsAbcCurrent', params: { reason } }));
  const bins = settings.rfm.bins;
  const rfmBefore = segmentsOf(cols.boughtByCut, column(facts.acc, k, LAST_CUT), facts.ordCut, column(facts.acc, k, REV_CUT), bins);
  const rfmNow = options.rfmCurrent
    ? segmentCodes(options.rfmCurrent, cols.inRun)
    : segmentsOf(cols.inRun, column(facts.acc, k, LAST), facts.ordAll, column(facts.acc, k, REV_ALL), bins);

  // KPIs and migrations
  const abcPUndefined = abcP.includes(UNDEFINED);
  const abcCUndefined = abcC.includes(UNDEFINED);
  const t = tally(status, cols, abcP, abcC, !abcPUndefined && !abcCUndefined, rfmBefore, rfmNow);
  const clientsP = t.counts[RETAINED] + t.counts[CHURNED];
  const kpis: DynamicsKpis = {
    windowMonths,
    previous,
    current,
    clientsPrevious: clientsP,
    clientsCurrent: t.clientsCurrent,
    retained: t.counts[RETAINED],
    churned: t.counts[CHURNED],
    new: t.counts[NEW],
    returned: t.counts[RETURNED],
    inactive: t.counts[INACTIVE],
    retentionRate: ratio(t.counts[RETAINED], clientsP),
    churnRate: ratio(t.counts[CHURNED], clientsP),
    keyClientsPrevious: abcPUndefined ? null : t.keyPrevious,
    keyClientRetention: abcPUndefined ? null : ratio(t.keyKept, t.keyPrevious),
    keyClientGrowth: abcPUndefined || !(t.keyRevenuePrevious > 0) ? null : t.keyRevenueCurrent / t.keyRevenuePrevious - 1,
    nrr: ratio(t.nrrNumerator, t.retentionBase),
    grr: ratio(t.grrNumerator, t.retentionBase),
    lostKeyRevenue: abcPUndefined ? null : t.lostKeyRevenue,
    revenuePrevious: t.revenuePrevious,
    revenueCurrent: t.revenueCurrent,
  };
  const partial = minDay > previous.from;
  if (partial) warnings.unshift({ code: 'dynamicsPartial', params: { first: dayToIso(minDay), from: dayToIso(previous.from) } });
  const clients = clientColumns(status, cols, abcP, abcC, rfmBefore, rfmNow);
  return {
    windowMonths,
    cohortPeriod,
    asOf,
    previous,
    current,
    firstSale: minDay,
    partial,
    clients,
    kpis,
    migration: { abc: t.abcMigration, rfm: t.rfmMigration },
    bridge: revenueBridge(clients.status, cols.revP, cols.revC),
    cohorts: grid.cells(),
    warnings,
  };
}

/** The keys {@link dynamicsJson} gives each client in the command line's --json (issue 10), in order. */
export const DYNAMICS_CLIENT_JSON_KEYS = ['status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent'] as const;

/** A client's dynamics in the --json: {@link DYNAMICS_CLIENT_JSON_KEYS}. */
export type ClientDynamicsJson = Pick<ClientDynamics, (typeof DYNAMICS_CLIENT_JSON_KEYS)[number]>;

/** A window in the --json: its first and last day as yyyy-mm-dd. */
export interface DayRangeJson {
  from: string;
  to: string;
}

/** The --json additions of issue 10. */
export interface DynamicsJson {
  kpis: Omit<DynamicsKpis, 'previous' | 'current'> & { previous: DayRangeJson; current: DayRangeJson };
  migration: {
    abc: AbcMigrationCell[];
    rfm: Array<Pick<RfmMigrationCell, 'from' | 'to' | 'clients'>>;
  };
  cohorts: Array<Pick<CohortCell, 'cohort' | 'k' | 'clients' | 'revenue' | 'size' | 'share' | 'revenueRatio' | 'partial'>>;
  bridge: BridgeLine[];
}

/**
 * The dynamics as the command line's --json carries them (issue 10): `kpis` (the keys first,
 * then inactive, revenuePrevious, revenueCurrent), `migration` { abc, rfm }, `cohorts` and `bridge`;
 * windows as { from, to } in yyyy-mm-dd. The per-client keys come from {@link clientDynamicsJson}.
 * @param d a result of {@link computeDynamics}; not mutated.
 * @returns a plain object ready for JSON.stringify (null ratios stay null).
 * @example dynamicsJson(computeDynamics(sales, settings, asOf)).kpis.previous // { from: '2023-07-01', to: '2024-06-30' }
 */
export function dynamicsJson(d: DynamicsResult): DynamicsJson {
  const range = (r: DayRange): DayRangeJson => ({ from: dayToIso(r.from), to: dayToIso(r.to) });
  const q = d.kpis;
  return {
    kpis: {
      windowMonths: q.windowMonths,
      previous: range(q.previous),
      current: range(q.current),
      clientsPrevious: q.clientsPrevious,
      clientsCurrent: q.clientsCurrent,
      retained: q.retained,
      churned: q.churned,
      new: q.new,
      returned: q.returned,
      retentionRate: q.retentionRate,
      churnRate: q.churnRate,
      keyClientsPrevious: q.keyClientsPrevious,
      keyClientRetention: q.keyClientRetention,
      keyClientGrowth: q.keyClientGrowth,
      nrr: q.nrr,
      grr: q.grr,
      lostKeyRevenue: q.lostKeyRevenue,
      inactive: q.inactive,
      revenuePrevious: q.revenuePrevious,
      revenueCurrent: q.revenueCurrent,
    },
    migration: {
      abc: d.migration.abc.map((m) => ({ from: m.from, to: m.to, clients: m.clients, revenuePrevious: m.revenuePrevious, revenueCurrent: m.revenueCurrent })),
      rfm: d.migration.rfm.map((m) => ({ from: m.from, to: m.to, clients: m.clients })),
    },
    cohorts: d.cohorts.map((c) => ({
      cohort: c.cohort, k: c.k, clients: c.clients, revenue: c.revenue, size: c.size, share: c.share, revenueRatio: c.revenueRatio, partial: c.partial,
    })),
    bridge: d.bridge.map((b) => ({ key: b.key, amount: b.amount, clients: b.clients })),
  };
}

/**
 * One client's dynamics as an object.
 * @param d a result of {@link computeDynamics}; not mutated.
 * @param client the client's index in the sales data.
 * @returns its status, revenues, growth (null when revenuePrevious <= 0), classes, segments and
 *   first purchase (null for none); null for a client outside the analysis (no row on or before asOf).
 * @example clientDynamics(d, 0) // { status: 'retained', revenuePrevious: 100, revenueCurrent: 120, growth: 0.2, abcPrevious: 'A', ... }
 */
export function clientDynamics(d: DynamicsResult, client: number): ClientDynamics | null {
  const col = d.clients;
  const status = col.status[client];
  if (status === null || status === undefined) return null;
  const p = col.revenuePrevious[client];
  const c = col.revenueCurrent[client];
  const first = col.firstPurchase[client];
  return {
    status,
    revenuePrevious: p,
    revenueCurrent: c,
    growth: p > 0 ? c / p - 1 : null,
    abcPrevious: col.abcPrevious[client],
    abcCurrent: col.abcCurrent[client],
    rfmPrevious: col.rfmPrevious[client]!,
    rfmCurrent: col.rfmCurrent[client]!,
    firstPurchase: Number.isNaN(first) ? null : first,
  };
}

/**
 * One client's dynamics as the --json carries them: {@link DYNAMICS_CLIENT_JSON_KEYS}.
 * @param d a result of {@link computeDynamics}; not mutated.
 * @param client the client's index in the sales data.
 * @returns { status, revenuePrevious, revenueCurrent, growth, abcPrevious, abcCurrent }; null for a
 *   client outside the analysis.
 * @example clientDynamicsJson(d, 0) // { status: 'retained', revenuePrevious: 100, revenueCurrent: 120, growth: 0.2, abcPrevious: 'A', abcCurrent: 'A' }
 */
export function clientDynamicsJson(d: DynamicsResult, client: number): ClientDynamicsJson | null {
  const c = clientDynamics(d, client);
  return c && { status: c.status, revenuePrevious: c.revenuePrevious, revenueCurrent: c.revenueCurrent, growth: c.growth, abcPrevious: c.abcPrevious, abcCurrent: c.abcCurrent };
}
