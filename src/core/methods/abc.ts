import { KcError } from '../errors';
import { averageLimits, shareLimits } from '../settings';
import type { AbcClass } from '../types';
import { EPS } from './stats';

/** Method and limits of an ABC classification (METHODS.md section 2). */
export interface AbcOptions {
  method: 'share' | 'average';
  /** share: cumulative limit of A (0.75, percents accepted); average: multiple of P for A (6). */
  limitA: number;
  /** share: cumulative limit of B (0.95); average: divisor of P for C (2). */
  limitB: number;
}

/**
 * A population of basis values prepared once (sorted, summed) to classify any value against it in
 * O(log n). The custom function's fill-down form reuses one per distinct population.
 */
export class AbcPopulation {
  private readonly desc: Float64Array;
  /** greaterSum[i] = sum of desc[0..i-1] */
  private readonly prefix: Float64Array;
  private readonly total: number;
  private readonly average: number;
  readonly options: Readonly<AbcOptions>;
  private readonly limits: [number, number];

  /**
   * @param values the basis value of every client (revenue, profit or orders); not mutated.
   * @param options the method and its limits (share limits as fractions or percents).
   * @throws KcError `#NUM!` for bad limits, or for the average method when the average is <= 0.
   * @example new AbcPopulation([50, 30, 10, 6, 4], { method: 'share', limitA: 0.75, limitB: 0.95 }).classify(10) // 'B'
   */
  constructor(values: ArrayLike<number>, options: AbcOptions) {
    this.options = { ...options };
    this.limits = options.method === 'share' ? shareLimits(options.limitA, options.limitB) : averageLimits(options.limitA, options.limitB);
    let n = 0;
    let all = 0;
    for (let i = 0; i < values.length; i++) {
      all += values[i];
      if (values[i] > 0) n++;
    }
    const pos = new Float64Array(n);
    for (let i = 0, j = 0; i < values.length; i++) if (values[i] > 0) pos[j++] = values[i];
    pos.sort().reverse();
    this.desc = pos;
    this.prefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.prefix[i + 1] = this.prefix[i] + pos[i];
    this.total = this.prefix[n];
    this.average = values.length ? all / values.length : NaN;
    if (options.method === 'average' && !(this.average > 0)) {
      throw new KcError(
        '#NUM!',
        `the average method needs a positive average value; here it is ${Number.isNaN(this.average) ? 'undefined (no values)' : this.average}`,
      );
    }
  }

  /**
   * P of the average method: the sum of all values over their count (NaN for no values).
   * @example new AbcPopulation([60, 10, 10, 10, 10], { method: 'average', limitA: 3, limitB: 2 }).averageValue // 20
   */
  get averageValue(): number {
    return this.average;
  }

  /**
   * Share of the positive total held by values strictly greater than `value` (before(i)).
   * @param value a basis value.
   * @returns a share 0..1; 0 when the positive total is 0.
   * @example new AbcPopulation([50, 30, 10, 6, 4], { method: 'share', limitA: 0.75, limitB: 0.95 }).shareBefore(10) // 0.8
   */
  shareBefore(value: number): number {
    // number of values strictly greater than value: first index in desc with desc[i] <= value
    let lo = 0;
    let hi = this.desc.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.desc[mid] > value) lo = mid + 1;
      else hi = mid;
    }
    return this.total > 0 ? this.prefix[lo] / this.total : 0;
  }

  /**
   * The class of `value` in this population (METHODS.md section 2): below zero D, zero C; "share":
   * A while before < limitA, B while before < limitB, else C (equal values share the class of the
   * first of them); "average": A from limitA x P, C up to P / limitB, B between.
   * @param value a basis value (it need not be one of the population's).
   * @returns the class A, B, C or D.
   * @example new AbcPopulation([60, 10, 10, 10, 10], { method: 'average', limitA: 3, limitB: 2 }).classify(60) // 'A'
   */
  classify(value: number): AbcClass {
    if (value < 0) return 'D';
    if (value === 0) return 'C';
    const [a, b] = this.limits;
    if (this.options.method === 'share') {
      const before = this.shareBefore(value);
      if (before < a - EPS) return 'A';
      if (before < b - EPS) return 'B';
      return 'C';
    }
    const p = this.average;
    if (value >= a * p * (1 - EPS)) return 'A';
    if (value <= (p / b) * (1 + EPS)) return 'C';
    return 'B';
  }

  /**
   * The smallest value of the population whose class is A, and the smallest whose class is A or B
   * (Infinity when there is none). The class of a positive value only grows with the value, so a
   * positive value of the population is A when it is at least the first, B when it is at least the
   * second, else C: classing every value of the population by two comparisons.
   * @returns `[fromA, fromB]`.
   * @example new AbcPopulation([50, 30, 10, 6, 4], { method: 'share', limitA: 0.75, limitB: 0.95 }).classBounds() // [30, 6]
   */
  classBounds(): [number, number] {
    const lowest = (ok: (cls: AbcClass) => boolean) => {
      // desc is sorted descending: the last index whose value passes
      let lo = 0;
      let hi = this.desc.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ok(this.classify(this.desc[mid]))) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 ? this.desc[lo - 1] : Infinity;
    };
    return [lowest((c) => c === 'A'), lowest((c) => c === 'A' || c === 'B')];
  }
}

/**
 * ABC class of each value against all of them.
 * @param values the basis value of every client; not mutated.
 * @param options the method and its limits.
 * @returns one class per value, in the order of `values` (below zero D, zero C).
 * @throws KcError as {@link AbcPopulation}: `#NUM!` for bad limits or a non-positive average.
 * @example abcClasses([50, 30, 10, 6, 4], { method: 'share', limitA: 0.75, limitB: 0.95 }) // ['A', 'A', 'B', 'B', 'C']
 * abcClasses([50, 30, 10, 5, 5], { method: 'share', limitA: 0.75, limitB: 0.95 }) // ['A', 'A', 'B', 'B', 'B'] (equal 5s share the first one's class)
 */
export function abcClasses(values: readonly number[], options: AbcOptions): AbcClass[] {
  const pop = new AbcPopulation(values, options);
  return values.map((v) => pop.classify(v));
}

/** The Pareto check of METHODS.md section 2. */
export interface ParetoCheck {
  /** Share of clients in A (of all clients). */
  aClientShare: number;
  /** Share of A clients' revenue in the total positive revenue. */
  aRevenueShare: number;
  /** Number of clients in the top 20 % (ceil(0.2 n)). */
  topCount: number;
  /** Share of the top 20 % of clients (by revenue) in the total positive revenue. */
  topRevenueShare: number;
  /** 'dependence' below 20 % of clients in A, 'flat' above 30 %, else 'healthy'. */
  verdict: 'dependence' | 'healthy' | 'flat';
}

/**
 * Pareto check over clients' revenue and main classes. Shares of revenue are of the total revenue
 * of clients with positive revenue; the top 20 % is the ceil(0.2 n) largest clients.
 * @param revenue each client's revenue; not mutated.
 * @param classes each client's main class, in the order of `revenue`.
 * @returns the shares and the verdict (METHODS.md section 2).
 * @example paretoCheck([50, 30, 10, 5, 5], ['A', 'A', 'B', 'B', 'B']) // A: 40 % of clients, 80 % of revenue; top 1: 50 %; 'flat'
 */
export function paretoCheck(revenue: ArrayLike<number>, classes: ArrayLike<AbcClass>): ParetoCheck {
  const n = revenue.length;
  let total = 0;
  let aRevenue = 0;
  let aCount = 0;
  for (let i = 0; i < n; i++) {
    if (revenue[i] > 0) total += revenue[i];
    if (classes[i] === 'A') {
      aCount++;
      aRevenue += revenue[i];
    }
  }
  const topCount = Math.ceil(0.2 * n - EPS);
  const sorted = Float64Array.from(revenue).sort().reverse();
  let top = 0;
  for (let i = 0; i < topCount; i++) if (sorted[i] > 0) top += sorted[i];
  const aClientShare = n ? aCount / n : 0;
  return {
    aClientShare,
    aRevenueShare: total > 0 ? aRevenue / total : 0,
    topCount,
    topRevenueShare: total > 0 ? top / total : 0,
    verdict: aClientShare < 0.2 - EPS ? 'dependence' : aClientShare > 0.3 + EPS ? 'flat' : 'healthy',
  };
}
