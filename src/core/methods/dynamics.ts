import { KcError } from '../errors';
import type { Settings, CohortPeriod } from '../settings';
import type { AbcClass, RfmSegmentKey, Warning } from '../types';
import type { SalesData } from '../parse/sales';
import { dayToIso, type Day } from '../parse/dates';
import { AbcPopulation } from './abc';
import { rankScores, rfmSegment, RFM_SEGMENT_KEYS } from './rfm';
import { groupRowsByClient } from './clientrows';
import { cohortTable, type CohortCell } from './cohorts';
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

/** The classes of the migration matrix, in order. */
export const WINDOW_CLASSES: readonly WindowClass[] = ['A', 'B', 'C', 'D', '-'];
const NONE = 4; // '-'
const UNDEFINED = 5; // the window's ABC could not be computed
const NOT_IN_RUN = -1;
const STATUS: readonly ClientStatus[] = ['retained', 'churned', 'new', 'returned', 'inactive'];
const [RETAINED, CHURNED, NEW, RETURNED, INACTIVE] = [0, 1, 2, 3, 4];
const CLASS_CODE: Record<AbcClass, number> = { A: 0, B: 1, C: 2, D: 3 };
const SEGMENT_CODE = new Map<RfmSegmentKey, number>(RFM_SEGMENT_KEYS.map((key, i) => [key, i]));

const cls = (code: number): WindowClass | null => (code === UNDEFINED ? null : WINDOW_CLASSES[code]);

/** null for a denominator that is not above 0. */
const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

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
  const values = new Float64Array(n);
  for (let c = 0, j = 0; c < k; c++) if (bought[c]) values[j++] = basis[c];
  let pop: AbcPopulation;
  try {
    pop = new AbcPopulation(values, { method: settings.abc.method, limitA: settings.abc.limitA, limitB: settings.abc.limitB });
  } catch (e) {
    if (!(e instanceof KcError)) throw e;
    onError(e.message);
    for (let c = 0; c < k; c++) if (bought[c]) codes[c] = UNDEFINED;
    return codes;
  }
  for (let c = 0; c < k; c++) {
    if (!bought[c]) continue;
    codes[c] = hasProfit && profit[c] < 0 ? CLASS_CODE.D : CLASS_CODE[pop.classify(basis[c])];
  }
  return codes;
}

/**
 * RFM segments (METHODS.md section 4) over the clients with `scored` set, on their last purchase
 * day, purchases and revenue.
 * @returns per client the index of its segment in RFM_SEGMENT_KEYS, -1 for a client not scored.
 */
function segmentsOf(scored: Uint8Array, last: Float64Array, orders: Float64Array, revenue: Float64Array, bins: number): Int8Array {
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
  for (let c = 0, j = 0; c < k; c++) {
    if (!scored[c]) continue;
    out[c] = SEGMENT_CODE.get(rfmSegment(rs[j], fs[j], ms[j], bins))!;
    j++;
  }
  return out;
}

/**
 * Key-client KPIs over time (METHODS.md section 9; the rules it leaves open are in docs/methods.md,
 * "Dynamics"): two windows of `settings.dynamics.windowMonths` months ending on `asOf`, each client's
 * status, revenue and ABC class in both, the KPIs, the ABC and RFM migrations, the revenue bridge and
 * the cohort table (`settings.dynamics.cohort`). Rows after `asOf` are left out, as in the
 * segmentation. A few passes over typed arrays; objects only per client and per table cell.
 * @param sales the valid rows (readSales); not mutated.
 * @param settings resolved settings: ABC method, limits and basis, RFM bins, window and cohort period.
 * @param asOf the analysis date of the segmentation (a day number).
 * @returns the per-client dynamics (by client index), the KPIs, migrations, bridge, cohorts and warnings.
 * @throws KcError `#N/A` without a date column (key `dynamicsNoDates`), with no row on or before asOf
 *   (`noSaleBeforeAsOf`), or for ABC on profit without a profit column (`profitBasisWithoutProfit`);
 *   `#NUM!` for a bad window (`windowMonths`).
 * @example computeDynamics(readSales(cells), resolveSettings({ dynamics: { windowMonths: 6 } }), isoToDay('2024-06-30')).kpis.retentionRate // 0.5
 */
export function computeDynamics(sales: DynamicsSales, settings: Settings, asOf: Day): DynamicsResult {
  if (sales.mapping.date === undefined) throw new KcError('#N/A', 'KPIs over time need a date column: map one', 'dynamicsNoDates');
  const hasProfit = sales.mapping.profit !== undefined;
  const hasOrders = sales.mapping.order !== undefined;
  if (settings.abc.basis === 'profit' && !hasProfit) throw new KcError('#N/A', 'ABC by profit needs a profit column; map one or use revenue', 'profitBasisWithoutProfit');
  const { windowMonths, cohort: cohortPeriod } = settings.dynamics;
  const windows = dynamicsWindows(asOf, windowMonths);
  const { previous, current } = windows;
  const k = sales.clientNames.length;

  const grouped = groupRowsByClient({ client: sales.client, day: sales.day, amount: sales.amount, profit: hasProfit ? sales.profit : undefined, order: hasOrders ? sales.order : undefined }, k, asOf);
  const minDay = grouped.minDay;
  if (minDay === Infinity) throw new KcError('#N/A', `no sale on or before the analysis date ${dayToIso(asOf)}`, 'noSaleBeforeAsOf', { asOf: dayToIso(asOf) });
  const { start, day, amount, profit, order } = grouped;
  // purchases (section 1's orders) are counted per client with a stamp per order id and per day:
  // (client + 1) * 8 + the flags the purchase has shown so far
  let orderCount = 0;
  if (order) for (let j = 0; j < order.length; j++) if (order[j] >= orderCount) orderCount = order[j] + 1;
  const orderStamp = new Int32Array(orderCount);
  const dayStamp = new Int32Array(asOf - minDay + 1);
  const cut = previous.to; // the RFM snapshot before: asOf - W months

  // per client, one sequential pass over its rows
  const revP = new Float64Array(k);
  const revC = new Float64Array(k);
  const profP = new Float64Array(k);
  const profC = new Float64Array(k);
  const ordP = new Float64Array(k);
  const ordC = new Float64Array(k);
  const boughtP = new Uint8Array(k);
  const boughtC = new Uint8Array(k);
  const first = new Float64Array(k).fill(NaN);
  const lastAll = new Float64Array(k);
  const ordAll = new Float64Array(k);
  const revAll = new Float64Array(k);
  const lastCut = new Float64Array(k);
  const ordCut = new Float64Array(k);
  const revCut = new Float64Array(k);
  const inRun = new Uint8Array(k);
  const boughtByCut = new Uint8Array(k);
  const pFrom = previous.from;
  const cFrom = current.from;
  for (let c = 0; c < k; c++) {
    const from = start[c];
    const to = start[c + 1];
    if (from === to) continue;
    inRun[c] = 1;
    const mark = c + 1;
    let rp = 0, rc = 0, pp = 0, pc = 0, op = 0, oc = 0, bp = 0, bc = 0;
    let ra = 0, oa = 0, la = -Infinity, rcut = 0, ocut = 0, lcut = -Infinity;
    let f = Infinity;
    for (let j = from; j < to; j++) {
      const a = amount[j];
      const d = day[j];
      ra += a;
      if (d > la) la = d;
      if (a > 0 && d < f) f = d;
      let flags = 0;
      if (d <= cut) {
        flags = AT_CUT;
        rcut += a;
        if (d > lcut) lcut = d;
        if (d >= pFrom) {
          flags |= IN_P;
          rp += a;
          if (profit) pp += profit[j];
          if (a > 0) bp = 1;
        }
      } else if (d >= cFrom) {
        flags = IN_C;
        rc += a;
        if (profit) pc += profit[j];
        if (a > 0) bc = 1;
      }
      // the row's purchase: its order id, or its day for a row without one
      const o = order ? order[j] : -1;
      const stamps = o >= 0 ? orderStamp : dayStamp;
      const at = o >= 0 ? o : d - minDay;
      const old = stamps[at];
      let seen = 0;
      if (old >> 3 === mark) seen = old & 7;
      else oa++;
      const added = flags & ~seen;
      if (added) {
        if (added & AT_CUT) ocut++;
        if (added & IN_P) op++;
        if (added & IN_C) oc++;
      }
      stamps[at] = (mark << 3) | seen | flags;
    }
    revP[c] = rp;
    revC[c] = rc;
    profP[c] = pp;
    profC[c] = pc;
    ordP[c] = op;
    ordC[c] = oc;
    boughtP[c] = bp;
    boughtC[c] = bc;
    revAll[c] = ra;
    ordAll[c] = oa;
    lastAll[c] = la;
    revCut[c] = rcut;
    ordCut[c] = ocut;
    lastCut[c] = lcut;
    if (f !== Infinity) {
      first[c] = f;
      if (f <= cut) boughtByCut[c] = 1;
    }
  }

  // statuses
  const status = new Int8Array(k).fill(NOT_IN_RUN);
  for (let c = 0; c < k; c++) {
    if (!inRun[c]) continue;
    if (boughtP[c]) status[c] = boughtC[c] ? RETAINED : CHURNED;
    else if (boughtC[c]) status[c] = first[c] >= current.from ? NEW : RETURNED;
    else status[c] = INACTIVE;
  }

  // ABC in each window
  const warnings: Warning[] = [];
  const basis = settings.abc.basis;
  const pick = (rev: Float64Array, prof: Float64Array, ord: Float64Array) => (basis === 'revenue' ? rev : basis === 'profit' ? prof : ord);
  const abcP = windowClasses(boughtP, pick(revP, profP, ordP), profP, hasProfit, settings, (reason) => warnings.push({ code: 'dynamicsAbcPrevious', params: { reason } }));
  const abcC = windowClasses(boughtC, pick(revC, profC, ordC), profC, hasProfit, settings, (reason) => warnings.push({ code: 'dynamicsAbcCurrent', params: { reason } }));
  const abcPUndefined = abcP.includes(UNDEFINED);
  const abcCUndefined = abcC.includes(UNDEFINED);

  // RFM snapshots: at asOf - W over the clients who had bought by then; at asOf over every client
  const bins = settings.rfm.bins;
  const rfmBefore = segmentsOf(boughtByCut, lastCut, ordCut, revCut, bins);
  const rfmNow = segmentsOf(inRun, lastAll, ordAll, revAll, bins);

  // KPIs, migrations
  const counts = [0, 0, 0, 0, 0];
  let keyPrev = 0, keyKept = 0, keyRevP = 0, keyRevC = 0, lostKey = 0;
  let nrrNum = 0, nrrDen = 0, grrNum = 0, clientsC = 0;
  let revenuePrevious = 0, revenueCurrent = 0;
  const abcAcc = new Float64Array(25 * 3); // per (from, to): clients, revenuePrevious, revenueCurrent
  const segs = RFM_SEGMENT_KEYS.length;
  const rfmAcc = new Float64Array((segs + 1) * segs * 3); // from (segments, then '-') x to
  const abcDefined = !abcPUndefined && !abcCUndefined;
  for (let c = 0; c < k; c++) {
    const s = status[c];
    if (s === NOT_IN_RUN) continue;
    counts[s]++;
    const p = revP[c];
    const cur = revC[c];
    revenuePrevious += p;
    revenueCurrent += cur;
    if (boughtC[c]) clientsC++;
    if (boughtP[c]) {
      nrrNum += cur;
      nrrDen += p;
      grrNum += Math.max(0, Math.min(cur, p));
      if (abcP[c] === CLASS_CODE.A) {
        keyPrev++;
        keyRevP += p;
        keyRevC += cur;
        if (boughtC[c]) keyKept++;
        else lostKey += p;
      }
    }
    if (s !== INACTIVE && abcDefined) {
      const at = (abcP[c] * 5 + abcC[c]) * 3;
      abcAcc[at]++;
      abcAcc[at + 1] += p;
      abcAcc[at + 2] += cur;
    }
    const before = rfmBefore[c] < 0 ? segs : rfmBefore[c];
    const at = (before * segs + rfmNow[c]) * 3;
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
  const clientsP = counts[RETAINED] + counts[CHURNED];
  const kpis: DynamicsKpis = {
    windowMonths,
    previous,
    current,
    clientsPrevious: clientsP,
    clientsCurrent: clientsC,
    retained: counts[RETAINED],
    churned: counts[CHURNED],
    new: counts[NEW],
    returned: counts[RETURNED],
    inactive: counts[INACTIVE],
    retentionRate: ratio(counts[RETAINED], clientsP),
    churnRate: ratio(counts[CHURNED], clientsP),
    keyClientsPrevious: abcPUndefined ? null : keyPrev,
    keyClientRetention: abcPUndefined ? null : ratio(keyKept, keyPrev),
    keyClientGrowth: abcPUndefined || !(keyRevP > 0) ? null : keyRevC / keyRevP - 1,
    nrr: ratio(nrrNum, nrrDen),
    grr: ratio(grrNum, nrrDen),
    lostKeyRevenue: abcPUndefined ? null : lostKey,
    revenuePrevious,
    revenueCurrent,
  };

  const partial = minDay > previous.from;
  if (partial) warnings.unshift({ code: 'dynamicsPartial', params: { first: dayToIso(minDay), from: dayToIso(previous.from) } });

  // the columns per client
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
  return {
    windowMonths,
    cohortPeriod,
    asOf,
    previous,
    current,
    firstSale: minDay,
    partial,
    clients: { status: statusOf, revenuePrevious: revP, revenueCurrent: revC, abcPrevious, abcCurrent, rfmPrevious, rfmCurrent, firstPurchase: first },
    kpis,
    migration: { abc: abcMigration, rfm: rfmMigration },
    bridge: revenueBridge(statusOf, revP, revC),
    cohorts: cohortTable(grouped, first, asOf, cohortPeriod),
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
