import type { CohortPeriod } from '../settings';
import type { Day } from '../parse/dates';
import type { ClientRows } from './clientrows';
import { cohortPeriodLabel, cohortPeriodOf } from './windows';

/** One cell of a cohort table (METHODS.md section 9): cohort c, k periods after it. */
export interface CohortCell {
  /** The cohort: the period of its clients' first purchase ("2016-Q3", "2016-08", "2016"). */
  cohort: string;
  /** Periods after the cohort's own, 0 for the cohort's period. */
  k: number;
  /** The period c + k, labelled as the cohort is. */
  period: string;
  /** Clients in the cohort. */
  size: number;
  /** Clients of the cohort that bought (a row with amount > 0) in period c + k; all of them at k = 0. */
  clients: number;
  /** clients / size: 1 at k = 0. */
  share: number;
  /** Sum of the amounts of the cohort's clients dated in period c + k, returns included. */
  revenue: number;
  /** revenue / the cohort's revenue in its own period; null when that is not above 0. */
  revenueRatio: number | null;
  /** True for the period holding the analysis date (not over yet). */
  partial: boolean;
}

/**
 * The cohort table: each client's cohort is the period of its first purchase (its earliest row with
 * amount > 0); for every cohort c and k = 0, 1, ... up to the analysis date's period, how many of
 * its clients bought in c + k and its revenue there. Rows of a client dated in a period before its
 * cohort's (returns before the first purchase) are left out; rows in the cohort's period count
 * whatever their day. One sequential pass over the grouped rows, no per-row objects.
 * @param rows the rows (dated on or before asOf) grouped by client, with their day and amount; not mutated.
 * @param firstPurchase per client, the day of its first row with amount > 0 (NaN for none: such a
 *   client is in no cohort); not mutated.
 * @param asOf the analysis date.
 * @param kind the cohort period: month, quarter or year.
 * @returns the cells, cohorts oldest first, k ascending within a cohort; cohorts without clients
 *   have no cells; no cells when no client has a first purchase.
 * @example cohortTable(groupRowsByClient({ client, day, amount }, 2, asOf), firstPurchase, asOf, 'quarter')
 * // [{ cohort: '2024-Q1', k: 0, size: 2, clients: 2, share: 1, ... }, { cohort: '2024-Q1', k: 1, ... }]
 */
export function cohortTable(
  rows: ClientRows,
  firstPurchase: ArrayLike<number>,
  asOf: Day,
  kind: CohortPeriod,
): CohortCell[] {
  const k = rows.start.length - 1;
  let minFirst = Infinity;
  for (let c = 0; c < k; c++) if (firstPurchase[c] < minFirst) minFirst = firstPurchase[c];
  if (!(minFirst <= asOf)) return [];
  const firstPeriod = cohortPeriodOf(minFirst, kind);
  const lastPeriod = cohortPeriodOf(asOf, kind);
  const span = lastPeriod - firstPeriod + 1;
  // the period (0-based from the first cohort's) of every day from minFirst to asOf
  const byDay = new Int32Array(asOf - minFirst + 1);
  for (let d = 0; d < byDay.length; d++) byDay[d] = cohortPeriodOf(minFirst + d, kind) - firstPeriod;
  // cohort a, k periods later: cell offset(a) + k of a triangle (k < span - a)
  const offset = (a: number) => a * span - (a * (a - 1)) / 2;
  const cells = (span * (span + 1)) / 2;
  const size = new Int32Array(span);
  const revenue = new Float64Array(cells);
  const buyers = new Int32Array(cells);
  const stamp = new Int32Array(span);
  const { start, day, amount } = rows;
  for (let c = 0; c < k; c++) {
    const f = firstPurchase[c];
    if (!(f <= asOf)) continue;
    const a = byDay[f - minFirst];
    size[a]++;
    const base = offset(a);
    const mark = c + 1;
    for (let j = start[c]; j < start[c + 1]; j++) {
      const d = day[j];
      if (d < minFirst) continue; // before every first purchase, so before this client's cohort
      const p = byDay[d - minFirst];
      if (p < a) continue;
      const amt = amount[j];
      revenue[base + p - a] += amt;
      if (amt > 0 && stamp[p] !== mark) {
        stamp[p] = mark;
        buyers[base + p - a]++;
      }
    }
  }
  const out: CohortCell[] = [];
  for (let a = 0; a < span; a++) {
    if (size[a] === 0) continue;
    const base = offset(a);
    const own = revenue[base];
    const cohort = cohortPeriodLabel(firstPeriod + a, kind);
    for (let kk = 0; kk < span - a; kk++) {
      out.push({
        cohort,
        k: kk,
        period: cohortPeriodLabel(firstPeriod + a + kk, kind),
        size: size[a],
        clients: buyers[base + kk],
        share: buyers[base + kk] / size[a],
        revenue: revenue[base + kk],
        revenueRatio: own > 0 ? revenue[base + kk] / own : null,
        partial: a + kk === span - 1,
      });
    }
  }
  return out;
}
