import type { CohortPeriod } from '../settings';
import type { Day } from '../parse/dates';
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
 * The most periods a cohort table spans: 1,200 (a century of months, three of quarters). Beyond it
 * (a stray date decades before the rest, or in year 9999) the table is left out with a warning
 * (`cohortsTooLong`; docs/methods.md, "Dynamics"): this keeps the triangle's counters within 720,600
 * cells and the Cohorts sheet within 1,202 of Excel's 16,384 columns.
 */
export const MAX_COHORT_PERIODS = 1_200;

/**
 * The counters of a cohort table, filled row by row by the caller: periods are numbered 0.. from
 * the period of the first day given to the last (the analysis date's); cohort a, k periods later, is
 * one cell of a triangle (k < periods - a). Typed arrays only.
 */
export class CohortGrid {
  /** Number of periods from the first to the last. */
  readonly periods: number;
  /** Period number (0-based) of each day from `firstDay`, by `day - firstDay`. */
  readonly periodOfDay: Int32Array;
  /** Clients per cohort. */
  readonly size: Int32Array;
  /** Revenue per cell. */
  readonly revenue: Float64Array;
  /** Distinct buyers per cell (the caller counts each client once per period). */
  readonly buyers: Int32Array;
  /** Index of the cell of cohort a, k = 0: the cell of (a, k) is rowStart[a] + k. */
  readonly rowStart: Int32Array;
  /** True when the periods are more than {@link MAX_COHORT_PERIODS}: no table, every day in no period (-1). */
  readonly omitted: boolean;
  private readonly first: number;

  /**
   * @param firstDay the earliest day a row may have.
   * @param lastDay the analysis date.
   * @param kind month, quarter or year.
   * @example new CohortGrid(isoToDay('2024-01-15'), isoToDay('2024-07-01'), 'quarter').periods // 3 (2024-Q1..Q3)
   */
  constructor(firstDay: Day, lastDay: Day, readonly kind: CohortPeriod) {
    this.first = cohortPeriodOf(firstDay, kind);
    this.periods = cohortPeriodOf(lastDay, kind) - this.first + 1;
    this.omitted = this.periods > MAX_COHORT_PERIODS;
    const counted = this.omitted ? 0 : this.periods;
    this.periodOfDay = new Int32Array(lastDay - firstDay + 1);
    if (this.omitted) this.periodOfDay.fill(-1);
    else for (let d = 0; d < this.periodOfDay.length; d++) this.periodOfDay[d] = cohortPeriodOf(firstDay + d, kind) - this.first;
    const cells = (counted * (counted + 1)) / 2;
    this.size = new Int32Array(counted);
    this.rowStart = new Int32Array(counted);
    for (let a = 0; a < counted; a++) this.rowStart[a] = this.cell(a, 0);
    this.revenue = new Float64Array(cells);
    this.buyers = new Int32Array(cells);
  }

  /**
   * Index of the cell of cohort `a`, `k` periods later (0 <= k < periods - a).
   * @example grid.cell(0, 0) // 0; grid.cell(1, 0) // periods
   */
  cell(a: number, k: number): number {
    return a * this.periods - (a * (a - 1)) / 2 + k;
  }

  /**
   * The table: cohorts oldest first (those without clients left out), k ascending; the last period
   * (the analysis date's) marked partial.
   * @returns one {@link CohortCell} per cohort and k; none when {@link omitted}.
   */
  cells(): CohortCell[] {
    const out: CohortCell[] = [];
    if (this.omitted) return out;
    const n = this.periods;
    for (let a = 0; a < n; a++) {
      const size = this.size[a];
      if (size === 0) continue;
      const base = this.cell(a, 0);
      const own = this.revenue[base];
      const cohort = cohortPeriodLabel(this.first + a, this.kind);
      for (let k = 0; k < n - a; k++) {
        const clients = this.buyers[base + k];
        const revenue = this.revenue[base + k];
        out.push({
          cohort,
          k,
          period: cohortPeriodLabel(this.first + a + k, this.kind),
          size,
          clients,
          share: clients / size,
          revenue,
          revenueRatio: own > 0 ? revenue / own : null,
          partial: a + k === n - 1,
        });
      }
    }
    return out;
  }
}
