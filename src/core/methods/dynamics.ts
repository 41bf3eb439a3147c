import { KcError } from '../errors';
import type { Settings, CohortPeriod } from '../settings';
import type { AbcClass, RfmSegmentKey, Warning } from '../types';
import type { SalesData } from '../parse/sales';
import { dayToIso, type Day } from '../parse/dates';
import { AbcPopulation } from './abc';
import { rankScores, rfmSegment, RFM_SEGMENT_KEYS } from './rfm';
import { CohortGrid, MAX_COHORT_PERIODS, type CohortCell } from './cohorts';
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
  /** Profit dated in the current window; null without a profit column. */
  profitCurrent: Float64Array | null;
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
 * @returns the codes per client: NONE for non-buyers, UNDEFINED for every buyer when the method
 *   cannot be applied to the window (`onError` is told why).
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
  const values = new Float64Array(n);
  for (let c = 0, j = 0; c < k; c++) if (bought[c]) values[j++] = basis[c];
  let fromA: number;
  let fromB: number;
  try {
    [fromA, fromB] = new AbcPopulation(values, { method: settings.abc.method, limitA: settings.abc.limitA, limitB: settings.abc.limitB }).classBounds();
  } catch (e) {
    if (!(e instanceof KcError)) throw e;
    onError(e.message);
    for (let c = 0; c < k; c++) if (bought[c]) codes[c] = UNDEFINED;
    return codes;
  }
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

// The functions below take and return typed arrays, numbers and arrays (tuples), never objects made
// per run: V8 forgets the shapes of objects that no longer exist at a garbage collection, and a
// function reading such an object is compiled again on every run.

/** What pass 1 finds per client (by client index); a tuple, see the comment above. */
type Facts = [
  /** Records of STRIDE fields: revenue in all, up to the cut, in P, in C; first purchase, last row, last row up to the cut, bought bits. */
  acc: Float64Array,
  profP: Float64Array,
  profC: Float64Array,
  /** Purchases in all, up to the cut, in P, in C: the order-id ones from pass 1, the day ones added by pass 2. */
  ordAll: Float64Array,
  ordCut: Float64Array,
  ordP: Float64Array,
  ordC: Float64Array,
  /** The earliest day on or before asOf (Infinity for none). */
  minDay: number,
  /** 1 when some row on or before asOf has no order id (its day is its purchase). */
  dayPurchases: number,
];

/** The two order-id arrays, copied into arrays of at least `size`. */
function grown(owner: Int32Array, flags: Uint8Array, size: number): [Int32Array, Uint8Array] {
  const capacity = Math.max(size, owner.length * 2);
  const o = new Int32Array(capacity);
  const f = new Uint8Array(capacity);
  o.set(owner);
  f.set(flags);
  return [o, f];
}

/**
 * Pass 1, the rows in sheet order: each client's sums, first purchase and last rows into one record
 * (the fields a row touches sit together), and its purchases with an order id. Order ids are
 * numbered in order of first appearance, so in sheet order they are read almost in sequence: per
 * order id, the client that first had it (+1) and the flags its rows showed. An order id shared by
 * several clients is a purchase of each: the other clients' (client, order) pairs go to a map.
 */
function clientFacts(
  client: Int32Array,
  day: Float64Array,
  amount: Float64Array,
  profit: Float64Array | null,
  order: Int32Array | null,
  k: number,
  asOf: Day,
  pFrom: Day,
  cut: Day,
): Facts {
  const n = client.length;
  // order ids (readSales numbers them 0, 1, ... over the valid rows) are below the number of rows;
  // the arrays grow should a reader number them otherwise
  let orderOwner: Int32Array = new Int32Array(order !== null ? n : 0);
  let orderFlags: Uint8Array = new Uint8Array(order !== null ? n : 0);
  let orderCount = 0;
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
  let dayPurchases = 0;
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
        if (profit !== null) profP[c] += profit[i];
        if (a > 0) acc[r + BOUGHT] = acc[r + BOUGHT] | BOUGHT_P;
      } else flags = AT_CUT;
    } else {
      flags = IN_C;
      acc[r + REV_C] += a;
      if (profit !== null) profC[c] += profit[i];
      if (a > 0) acc[r + BOUGHT] = acc[r + BOUGHT] | BOUGHT_C;
    }
    const o = order !== null ? order[i] : -1;
    if (o < 0) dayPurchases = 1;
    else {
      if (o >= orderCount) {
        orderCount = o + 1;
        if (o >= orderOwner.length) [orderOwner, orderFlags] = grown(orderOwner, orderFlags, o + 1);
      }
      const owner = orderOwner[o];
      if (owner === 0) {
        orderOwner[o] = c + 1;
        orderFlags[o] = flags;
      } else if (owner === c + 1) orderFlags[o] |= flags;
      else {
        const key = c * 2 ** 31 + o;
        shared.set(key, (shared.get(key) ?? 0) | flags);
      }
    }
  }
  const ordAll = new Float64Array(k);
  const ordCut = new Float64Array(k);
  const ordP = new Float64Array(k);
  const ordC = new Float64Array(k);
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
  // the purchases of order ids shared by several clients: one per (client, order) pair
  if (shared.size > 0) {
    for (const [key, flags] of shared) {
      const c = Math.floor(key / 2 ** 31);
      ordAll[c]++;
      if (flags & AT_CUT) ordCut[c]++;
      if (flags & IN_P) ordP[c]++;
      if (flags & IN_C) ordC[c]++;
    }
  }
  return [acc, profP, profC, ordAll, ordCut, ordP, ordC, minDay, dayPurchases];
}

/**
 * Pass 2: the cohort table (each row's amount into its client's cohort cell; each client counted once
 * per period it bought in) and the purchases of rows without an order id (each client's distinct
 * days, added to `facts`). Distinct (client, period) and (client, day) pairs are kept in one bitset
 * per client when that stays small (one pass over the rows in sheet order); otherwise the rows are
 * grouped by client (a counting sort) and counted client by client with stamps.
 * @param periodOfDay, periods, rowStart, size, revenue, buyers the cohort grid's arrays (filled here).
 */
function cohortsAndDays(
  client: Int32Array,
  day: Float64Array,
  amount: Float64Array,
  order: Int32Array | null,
  facts: Facts,
  periodOfDay: Int32Array,
  rowStart: Int32Array,
  size: Int32Array,
  revenue: Float64Array,
  buyers: Int32Array,
  asOf: Day,
  pFrom: Day,
  cut: Day,
  maxBitsetWords: number,
): void {
  const n = client.length;
  const acc = facts[0];
  const ordAll = facts[3];
  const ordCut = facts[4];
  const ordP = facts[5];
  const ordC = facts[6];
  const minDay = facts[7];
  const k = ordAll.length;
  const periods = size.length;
  // each client's cohort (-1: none), and where its cells start: cell(cohort, period - cohort) = base + period
  const cohortOf = new Int32Array(k).fill(-1);
  const base = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const f = acc[c * STRIDE + FIRST];
    if (f === Infinity) continue;
    const co = periodOfDay[f - minDay];
    if (co < 0) continue; // no cohort table (CohortGrid.omitted)
    cohortOf[c] = co;
    base[c] = rowStart[co] - co;
    size[co]++;
  }
  const cutOffset = cut - minDay;
  const pOffset = pFrom - minDay;
  const periodWords = (periods + 31) >> 5;
  const dayWords = facts[8] ? (asOf - minDay + 32) >> 5 : 0;
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
          ordAll[c]++;
          if (dOff <= cutOffset) {
            ordCut[c]++;
            if (dOff >= pOffset) ordP[c]++;
          } else ordC[c]++;
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
  const periodStamp = new Int32Array(periods);
  for (let c = 0; c < k; c++) {
    const mark = c + 1;
    const co = cohortOf[c];
    for (let j = start[c]; j < start[c + 1]; j++) {
      const x = packed[j];
      const dOff = x >> 2;
      if ((x & 2) === 0 && dayStamp[dOff] !== mark) {
        dayStamp[dOff] = mark;
        ordAll[c]++;
        if (dOff <= cutOffset) {
          ordCut[c]++;
          if (dOff >= pOffset) ordP[c]++;
        } else ordC[c]++;
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

/**
 * The flags of every client from its record: in the analysis (a row on or before asOf), bought in P,
 * bought in C, bought by the cut (first purchase on or before asOf - W); and its status code
 * (section 9; NOT_IN_RUN outside the analysis). `first` (Infinity for none) becomes NaN for none.
 */
function flagsAndStatus(
  acc: Float64Array,
  first: Float64Array,
  cut: Day,
  currentFrom: Day,
): [inRun: Uint8Array, boughtP: Uint8Array, boughtC: Uint8Array, boughtByCut: Uint8Array, status: Int8Array] {
  const k = first.length;
  const inRun = new Uint8Array(k);
  const boughtP = new Uint8Array(k);
  const boughtC = new Uint8Array(k);
  const boughtByCut = new Uint8Array(k);
  const status = new Int8Array(k).fill(NOT_IN_RUN);
  for (let c = 0; c < k; c++) {
    const bought = acc[c * STRIDE + BOUGHT];
    const p = bought & BOUGHT_P ? 1 : 0;
    const cur = bought & BOUGHT_C ? 1 : 0;
    boughtP[c] = p;
    boughtC[c] = cur;
    const f = first[c];
    if (f === Infinity) first[c] = NaN;
    else if (f <= cut) boughtByCut[c] = 1;
    if (acc[c * STRIDE + LAST] === -Infinity) continue; // no row on or before asOf
    inRun[c] = 1;
    if (p) status[c] = cur ? RETAINED : CHURNED;
    else if (cur) status[c] = f >= currentFrom ? NEW : RETURNED;
    else status[c] = INACTIVE;
  }
  return [inRun, boughtP, boughtC, boughtByCut, status];
}

// the sums of tally(), by index
const [T_CLIENTS_CURRENT, T_KEY_PREVIOUS, T_KEY_KEPT, T_KEY_REV_P, T_KEY_REV_C, T_LOST_KEY, T_RETENTION_BASE, T_NRR, T_GRR, T_REV_P, T_REV_C] = [
  5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
];

/**
 * The sums behind the KPIs (the status counts at 0..4, then the T_* sums) and the migration
 * accumulators: per (from, to) the clients, revenuePrevious and revenueCurrent, for the ABC classes
 * (5 x 5) and the RFM segments ((segments + '-') x segments).
 */
function tally(
  status: Int8Array,
  revP: Float64Array,
  revC: Float64Array,
  boughtP: Uint8Array,
  boughtC: Uint8Array,
  abcP: Int8Array,
  abcC: Int8Array,
  abcDefined: boolean,
  rfmBefore: Int8Array,
  rfmNow: Int8Array,
): [sums: Float64Array, abcAcc: Float64Array, rfmAcc: Float64Array] {
  const k = status.length;
  const sums = new Float64Array(16);
  const abcAcc = new Float64Array(25 * 3);
  const segs = RFM_SEGMENT_KEYS.length;
  const rfmAcc = new Float64Array((segs + 1) * segs * 3);
  for (let c = 0; c < k; c++) {
    const s = status[c];
    if (s === NOT_IN_RUN) continue;
    sums[s]++;
    const p = revP[c];
    const cur = revC[c];
    sums[T_REV_P] += p;
    sums[T_REV_C] += cur;
    if (boughtC[c]) sums[T_CLIENTS_CURRENT]++;
    if (boughtP[c]) {
      sums[T_NRR] += cur;
      sums[T_RETENTION_BASE] += p;
      sums[T_GRR] += Math.max(0, Math.min(cur, p));
      if (abcP[c] === A_CODE) {
        sums[T_KEY_PREVIOUS]++;
        sums[T_KEY_REV_P] += p;
        sums[T_KEY_REV_C] += cur;
        if (boughtC[c]) sums[T_KEY_KEPT]++;
        else sums[T_LOST_KEY] += p;
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
  return [sums, abcAcc, rfmAcc];
}

/** The cells of the ABC migration (24, without (-, -)) from its accumulator. */
function abcMigrationOf(abcAcc: Float64Array): AbcMigrationCell[] {
  const out: AbcMigrationCell[] = [];
  for (let a = 0; a < 5; a++) {
    for (let b = 0; b < 5; b++) {
      if (a === NONE && b === NONE) continue;
      const at = (a * 5 + b) * 3;
      out.push({ from: WINDOW_CLASSES[a], to: WINDOW_CLASSES[b], clients: abcAcc[at], revenuePrevious: abcAcc[at + 1], revenueCurrent: abcAcc[at + 2] });
    }
  }
  return out;
}

/** The non-empty cells of the RFM migration from its accumulator. */
function rfmMigrationOf(rfmAcc: Float64Array): RfmMigrationCell[] {
  const segs = RFM_SEGMENT_KEYS.length;
  const out: RfmMigrationCell[] = [];
  for (let a = 0; a <= segs; a++) {
    for (let b = 0; b < segs; b++) {
      const at = (a * segs + b) * 3;
      if (rfmAcc[at] === 0) continue;
      out.push({ from: a === segs ? '-' : RFM_SEGMENT_KEYS[a], to: RFM_SEGMENT_KEYS[b], clients: rfmAcc[at], revenuePrevious: rfmAcc[at + 1], revenueCurrent: rfmAcc[at + 2] });
    }
  }
  return out;
}

/** The per-client text columns of the result, from the codes. */
function clientColumns(
  status: Int8Array,
  abcP: Int8Array,
  abcC: Int8Array,
  rfmBefore: Int8Array,
  rfmNow: Int8Array,
): [status: (ClientStatus | null)[], abcPrevious: (WindowClass | null)[], abcCurrent: (WindowClass | null)[], rfmPrevious: (SnapshotSegment | null)[], rfmCurrent: (RfmSegmentKey | null)[]] {
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
  return [statusOf, abcPrevious, abcCurrent, rfmPrevious, rfmCurrent];
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
  const order = sales.mapping.order !== undefined ? sales.order : null;

  // the passes over the rows
  const facts = clientFacts(sales.client, sales.day, sales.amount, hasProfit ? sales.profit : null, order, k, asOf, previous.from, previous.to);
  const [acc, profP, profC, ordAll, ordCut, ordP, ordC, minDay] = facts;
  if (minDay === Infinity) throw new KcError('#N/A', `no sale on or before the analysis date ${dayToIso(asOf)}`, 'noSaleBeforeAsOf', { asOf: dayToIso(asOf) });
  const grid = new CohortGrid(minDay, asOf, cohortPeriod);
  cohortsAndDays(
    sales.client, sales.day, sales.amount, order, facts,
    grid.periodOfDay, grid.rowStart, grid.size, grid.revenue, grid.buyers,
    asOf, previous.from, previous.to, options.maxBitsetWords ?? MAX_BITSET_WORDS,
  );

  // per client: status, ABC in each window, RFM segments before and now
  const revP = column(acc, k, REV_P);
  const revC = column(acc, k, REV_C);
  const first = column(acc, k, FIRST);
  const [inRun, boughtP, boughtC, boughtByCut, status] = flagsAndStatus(acc, first, previous.to, current.from);
  const warnings: Warning[] = [];
  const basis = settings.abc.basis;
  const basisP = basis === 'revenue' ? revP : basis === 'profit' ? profP : ordP;
  const basisC = basis === 'revenue' ? revC : basis === 'profit' ? profC : ordC;
  const abcP = windowClasses(boughtP, basisP, profP, hasProfit, settings, (reason) => warnings.push({ code: 'dynamicsAbcPrevious', params: { reason } }));
  const abcC = windowClasses(boughtC, basisC, profC, hasProfit, settings, (reason) => warnings.push({ code: 'dynamicsAbcCurrent', params: { reason } }));
  const bins = settings.rfm.bins;
  const rfmBefore = segmentsOf(boughtByCut, column(acc, k, LAST_CUT), ordCut, column(acc, k, REV_CUT), bins);
  const rfmNow = options.rfmCurrent ? segmentCodes(options.rfmCurrent, inRun) : segmentsOf(inRun, column(acc, k, LAST), ordAll, column(acc, k, REV_ALL), bins);

  // KPIs and migrations
  const abcPUndefined = abcP.includes(UNDEFINED);
  const abcCUndefined = abcC.includes(UNDEFINED);
  const abcDefined = !abcPUndefined && !abcCUndefined;
  const [sums, abcAcc, rfmAcc] = tally(status, revP, revC, boughtP, boughtC, abcP, abcC, abcDefined, rfmBefore, rfmNow);
  const clientsP = sums[RETAINED] + sums[CHURNED];
  const keyPrevious = sums[T_KEY_PREVIOUS];
  const kpis: DynamicsKpis = {
    windowMonths,
    previous,
    current,
    clientsPrevious: clientsP,
    clientsCurrent: sums[T_CLIENTS_CURRENT],
    retained: sums[RETAINED],
    churned: sums[CHURNED],
    new: sums[NEW],
    returned: sums[RETURNED],
    inactive: sums[INACTIVE],
    retentionRate: ratio(sums[RETAINED], clientsP),
    churnRate: ratio(sums[CHURNED], clientsP),
    keyClientsPrevious: abcPUndefined ? null : keyPrevious,
    keyClientRetention: abcPUndefined ? null : ratio(sums[T_KEY_KEPT], keyPrevious),
    keyClientGrowth: abcPUndefined || !(sums[T_KEY_REV_P] > 0) ? null : sums[T_KEY_REV_C] / sums[T_KEY_REV_P] - 1,
    nrr: ratio(sums[T_NRR], sums[T_RETENTION_BASE]),
    grr: ratio(sums[T_GRR], sums[T_RETENTION_BASE]),
    lostKeyRevenue: abcPUndefined ? null : sums[T_LOST_KEY],
    revenuePrevious: sums[T_REV_P],
    revenueCurrent: sums[T_REV_C],
  };
  if (grid.omitted) {
    warnings.push({ code: 'cohortsTooLong', params: { periods: grid.periods, max: MAX_COHORT_PERIODS, first: dayToIso(minDay), asOf: dayToIso(asOf) } });
  }
  const partial = minDay > previous.from;
  if (partial) warnings.unshift({ code: 'dynamicsPartial', params: { first: dayToIso(minDay), from: dayToIso(previous.from) } });
  const [statusOf, abcPrevious, abcCurrent, rfmPrevious, rfmCurrent] = clientColumns(status, abcP, abcC, rfmBefore, rfmNow);
  return {
    windowMonths,
    cohortPeriod,
    asOf,
    previous,
    current,
    firstSale: minDay,
    partial,
    clients: { status: statusOf, revenuePrevious: revP, revenueCurrent: revC, profitCurrent: hasProfit ? profC : null, abcPrevious, abcCurrent, rfmPrevious, rfmCurrent, firstPurchase: first },
    kpis,
    migration: { abc: abcDefined ? abcMigrationOf(abcAcc) : [], rfm: rfmMigrationOf(rfmAcc) },
    bridge: revenueBridge(statusOf, revP, revC),
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

/** The retention of METHODS.md section 9 alone, over two windows of W months ({@link windowRetention}). */
export interface WindowRetention {
  windowMonths: number;
  previous: DayRange;
  current: DayRange;
  /** Clients that bought (a row with amount > 0) in the previous window. */
  clientsPrevious: number;
  /** Of those, the clients that bought in the current window too. */
  retained: number;
  /** retained / clientsPrevious; null when no client bought in the previous window. */
  retentionRate: number | null;
  /** The data's first date (on or before asOf) lies after the first day of the previous window. */
  partial: boolean;
  /** Per client index: the sum of its amounts dated in the current window, returns included. */
  revenueCurrent: Float64Array;
  /** Per client index: the sum of its profit dated in the current window; null without a profit column. */
  profitCurrent: Float64Array | null;
}

/**
 * Section 9's retentionRate and each client's revenue and profit in the current window, without the
 * rest of {@link computeDynamics}: one pass over the rows, with its windows ({@link dynamicsWindows})
 * and its rule that a client *bought in a window* when it has a row dated in it with amount > 0
 * (the BOUGHT_P / BOUGHT_C bits of its pass 1). For the simple LTV of section 10, which needs W = 12
 * whatever window the user chose for the dynamics; when the user's window is 12 months, the dynamics'
 * kpis.retentionRate and revenueCurrent are the same numbers.
 * @param sales the valid rows (readSales); not mutated.
 * @param asOf the analysis date (a day number): rows after it are left out.
 * @param windowMonths W, a whole number of months 1..60.
 * @returns the windows, the counts, the rate (null when no client bought in the previous window) and
 *   the per-client sums of the current window.
 * @throws KcError `#N/A` without a date column (key `dynamicsNoDates`); `#NUM!` for a bad window
 *   (`windowMonths`).
 * @example windowRetention(readSales(cells), isoToDay('2024-12-31'), 12).retentionRate // 0.75
 */
export function windowRetention(sales: DynamicsSales, asOf: Day, windowMonths: number): WindowRetention {
  if (sales.mapping.date === undefined) throw new KcError('#N/A', 'KPIs over time need a date column: map one', 'dynamicsNoDates');
  const { previous, current } = dynamicsWindows(asOf, windowMonths);
  const k = sales.clientNames.length;
  const { client, day, amount } = sales;
  const profit = sales.mapping.profit !== undefined ? sales.profit : null;
  const bought = new Uint8Array(k);
  const revenueCurrent = new Float64Array(k);
  const profitCurrent = profit !== null ? new Float64Array(k) : null;
  let minDay = Infinity;
  for (let i = 0; i < client.length; i++) {
    const d = day[i];
    if (!(d <= asOf)) continue; // after asOf, or no date
    if (d < minDay) minDay = d;
    const c = client[i];
    const a = amount[i];
    if (d >= current.from) {
      revenueCurrent[c] += a;
      if (profitCurrent !== null) profitCurrent[c] += profit![i];
      if (a > 0) bought[c] |= BOUGHT_C;
    } else if (d >= previous.from && a > 0) bought[c] |= BOUGHT_P;
  }
  let clientsPrevious = 0;
  let retained = 0;
  for (let c = 0; c < k; c++) {
    if (!(bought[c] & BOUGHT_P)) continue;
    clientsPrevious++;
    if (bought[c] & BOUGHT_C) retained++;
  }
  return {
    windowMonths,
    previous,
    current,
    clientsPrevious,
    retained,
    retentionRate: ratio(retained, clientsPrevious),
    partial: minDay > previous.from,
    revenueCurrent,
    profitCurrent,
  };
}

/**
 * The {@link WindowRetention} a run of {@link computeDynamics} already holds: its windows, counts and
 * retentionRate (kpis) and each client's revenue and profit in the current window, without another
 * pass over the rows. The same numbers {@link windowRetention} gives for the same rows, asOf and
 * window (both count a client as buying in a window by a row with amount > 0 dated in it).
 * @param d a result of computeDynamics; its arrays are shared, not copied.
 * @returns the retention over d's windows (W = d.windowMonths).
 * @example retentionOfDynamics(computeDynamics(sales, settings, asOf)).retentionRate // = d.kpis.retentionRate
 */
export function retentionOfDynamics(d: DynamicsResult): WindowRetention {
  return {
    windowMonths: d.windowMonths,
    previous: d.previous,
    current: d.current,
    clientsPrevious: d.kpis.clientsPrevious,
    retained: d.kpis.retained,
    retentionRate: d.kpis.retentionRate,
    partial: d.partial,
    revenueCurrent: d.clients.revenueCurrent,
    profitCurrent: d.clients.profitCurrent,
  };
}
