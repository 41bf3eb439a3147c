import { XYZ_DEFAULT_LIMITS, XYZ_METHODS, type PeriodKind, type Settings, type XyzMethod } from './settings';
import type { XyzClass } from './types';
import type { Day } from './parse/dates';
import { periodOf, seriesStats, xyzClassOf } from './methods/xyz';

/** One class holding more than this share of the clients makes XYZ say nothing (METHODS.md section 3). */
export const XYZ_ONE_CLASS_SHARE = 0.9;

/** Other XYZ settings worth trying when one class holds nearly every client: a period, a method and its limits. */
export interface XyzCandidate {
  period: PeriodKind;
  method: XyzMethod;
  /** The run's limits when the method is the run's, else the method's defaults. */
  limitX: number;
  limitY: number;
}

/** The first {@link XyzCandidate} that splits the clients, with the number of clients in each class. */
export interface XyzSuggestion extends XyzCandidate {
  counts: Record<XyzClass, number>;
}

/** Periods in the order they are tried: coarser periods smooth irregular buying, weeks are tried last. */
const PERIOD_ORDER: readonly PeriodKind[] = ['quarter', 'month', 'week'];

/**
 * The XYZ settings to try instead of the run's, in order: every other pair of period (month, quarter,
 * week) and method (CV, frequency), those changing one setting before those changing both; within
 * that, quarters, then months, then weeks, and the run's method before the other. The run's own pair
 * is never among them. A candidate keeps the run's limits when it keeps the run's method, and takes
 * the other method's defaults otherwise (the run's limits mean nothing to the other method).
 * @param current the run's XYZ settings.
 * @returns the five other pairs, in the order they are tried.
 * @example xyzCandidates({ method: 'cv', period: 'month', limitX: 0.1, limitY: 0.25 }).map((c) => `${c.period}+${c.method}`)
 * // ['quarter+cv', 'month+frequency', 'week+cv', 'quarter+frequency', 'week+frequency']
 */
export function xyzCandidates(current: Settings['xyz']): XyzCandidate[] {
  const out: Array<XyzCandidate & { changes: number; order: number }> = [];
  for (const period of PERIOD_ORDER) {
    const methods = [current.method, ...XYZ_METHODS.filter((m) => m !== current.method)];
    methods.forEach((method, mi) => {
      const changes = (period === current.period ? 0 : 1) + (method === current.method ? 0 : 1);
      if (changes === 0) return;
      const [limitX, limitY] = method === current.method ? [current.limitX, current.limitY] : XYZ_DEFAULT_LIMITS[method];
      out.push({ period, method, limitX, limitY, changes, order: PERIOD_ORDER.indexOf(period) * 2 + mi });
    });
  }
  out.sort((a, b) => a.changes - b.changes || a.order - b.order);
  return out.map(({ period, method, limitX, limitY }) => ({ period, method, limitX, limitY }));
}

/**
 * Whether the counts split the clients: no class holds more than {@link XYZ_ONE_CLASS_SHARE} of them.
 * @example splitsClients({ X: 1, Y: 642, Z: 150 }) // true; splitsClients({ X: 0, Y: 6, Z: 787 }) // false
 */
export function splitsClients(counts: Readonly<Record<XyzClass, number>>): boolean {
  const n = counts.X + counts.Y + counts.Z;
  return n > 0 && counts.X / n <= XYZ_ONE_CLASS_SHARE && counts.Y / n <= XYZ_ONE_CLASS_SHARE && counts.Z / n <= XYZ_ONE_CLASS_SHARE;
}

/** The rows of each client, as segmentSales groups them: client c's rows are perm[start[c]] .. perm[start[c + 1] - 1]. */
export interface ClientRows {
  start: Int32Array;
  perm: Int32Array;
}

/**
 * The first of {@link xyzCandidates} whose XYZ splits the clients ({@link splitsClients}), computed on
 * the same rows, the same clients and the same analysis window as the run (METHODS.md section 3: the
 * window runs from the period of the first date to the period of asOf). A candidate whose window has
 * fewer than two periods is passed over. Each period kind's series are built at most once.
 * @param day the day of each row; `amount` its revenue.
 * @param rows the rows of each client (clients without rows take no part).
 * @param window the first date and the analysis date of the run.
 * @param current the run's XYZ settings (never suggested).
 * @returns the suggestion with its class counts, or null when no candidate splits the clients.
 */
export function suggestXyz(
  day: ArrayLike<number>,
  amount: ArrayLike<number>,
  rows: ClientRows,
  window: { minDay: Day; asOf: Day },
  current: Settings['xyz'],
): XyzSuggestion | null {
  const candidates = xyzCandidates(current);
  const counted = new Map<PeriodKind, Map<XyzMethod, Record<XyzClass, number>> | null>();
  const countsOf = (c: XyzCandidate): Record<XyzClass, number> | null => {
    if (!counted.has(c.period)) counted.set(c.period, countPeriod(day, amount, rows, window, c.period, candidates.filter((x) => x.period === c.period)));
    return counted.get(c.period)?.get(c.method) ?? null;
  };
  for (const c of candidates) {
    const counts = countsOf(c);
    if (counts && splitsClients(counts)) return { ...c, counts };
  }
  return null;
}

/** The class counts of each candidate of one period kind; null when the window has fewer than two such periods. */
function countPeriod(
  day: ArrayLike<number>,
  amount: ArrayLike<number>,
  rows: ClientRows,
  window: { minDay: Day; asOf: Day },
  kind: PeriodKind,
  candidates: readonly XyzCandidate[],
): Map<XyzMethod, Record<XyzClass, number>> | null {
  const first = periodOf(window.minDay, kind);
  const count = periodOf(window.asOf, kind) - first + 1;
  if (count < 2) return null;
  // the period of each day of the window, looked up by day - minDay
  const span = window.asOf - window.minDay + 1;
  const byDay = new Int32Array(span);
  for (let d = 0; d < span; d++) byDay[d] = periodOf(window.minDay + d, kind) - first;
  const out = new Map<XyzMethod, Record<XyzClass, number>>(candidates.map((c) => [c.method, { X: 0, Y: 0, Z: 0 }]));
  const series = new Float64Array(count);
  const stats = new Float64Array(2);
  const { start, perm } = rows;
  // each candidate's counts, by class (X, Y, Z): the series' statistics once for both methods
  const counts = candidates.map((cand) => ({ cand, x: 0, y: 0, z: 0 }));
  for (let c = 0; c + 1 < start.length; c++) {
    if (start[c + 1] === start[c]) continue;
    series.fill(0);
    for (let j = start[c]; j < start[c + 1]; j++) series[byDay[day[perm[j]] - window.minDay]] += amount[perm[j]];
    seriesStats(series, stats);
    for (const k of counts) {
      const cls = xyzClassOf(stats[0], stats[1], k.cand.method, k.cand.limitX, k.cand.limitY);
      if (cls === 'X') k.x++;
      else if (cls === 'Y') k.y++;
      else k.z++;
    }
  }
  for (const k of counts) out.set(k.cand.method, { X: k.x, Y: k.y, Z: k.z });
  return out;
}
