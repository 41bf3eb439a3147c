import { KcError } from '../errors';
import { xyzLimits, type PeriodKind } from '../settings';
import type { XyzClass } from '../types';
import { ymd, type Day } from '../parse/dates';
import { EPS, mean, stdevPopulation } from './stats';

/** Method and limits of an XYZ classification (METHODS.md section 3). */
export interface XyzOptions {
  method: 'cv' | 'frequency';
  /** cv: X if CV <= limitX (0.10); frequency: X if coverage >= limitX (0.75). */
  limitX: number;
  /** cv: Y if CV <= limitY (0.25); frequency: Y if coverage >= limitY (0.25). */
  limitY: number;
}

/** The XYZ class of a series with the CV and coverage it came from. */
export interface XyzResult {
  xyz: XyzClass;
  /** Coefficient of variation STDEV.P / AVERAGE; null when the mean is <= 0. */
  cv: number | null;
  /** Share of periods with revenue > 0. */
  coverage: number;
}

/**
 * Classifies one client's series of per-period revenue (0 where it bought nothing) by METHODS.md
 * section 3. "cv": X if CV <= limitX, Y if <= limitY, else Z; a mean <= 0 gives Z with no CV.
 * "frequency": X if coverage >= limitX, Y if >= limitY, else Z. The CV is returned by both methods.
 * @param series revenue per period, oldest first; not mutated.
 * @param options the method and its limits (percents above 1 accepted).
 * @returns the class, the CV (null when the mean is <= 0) and the coverage.
 * @throws KcError `#N/A` for fewer than two periods, `#NUM!` for bad limits.
 * @example xyzOfSeries([100, 100, 100, 130], { method: 'cv', limitX: 0.1, limitY: 0.25 }) // { xyz: 'Y', cv: 0.12084075401643331, coverage: 1 } (12.99 / 107.5)
 * xyzOfSeries([100, 0, 100, 0], { method: 'frequency', limitX: 0.75, limitY: 0.25 }) // { xyz: 'Y', cv: 1, coverage: 0.5 }
 */
export function xyzOfSeries(series: ArrayLike<number>, options: XyzOptions): XyzResult {
  const [lx, ly] = xyzLimits(options.method, options.limitX, options.limitY);
  return classifySeries(series, options.method, lx, ly);
}

/**
 * {@link xyzOfSeries} with limits already checked (the per-client loop calls this).
 * @param series revenue per period; not mutated.
 * @param method "cv" or "frequency".
 * @param lx limit X as a fraction, from {@link xyzLimits}.
 * @param ly limit Y as a fraction, from {@link xyzLimits}.
 * @returns as {@link xyzOfSeries}.
 * @throws KcError `#N/A` for fewer than two periods.
 * @example classifySeries([0, 0, 0], 'cv', 0.1, 0.25) // { xyz: 'Z', cv: null, coverage: 0 }
 */
export function classifySeries(series: ArrayLike<number>, method: 'cv' | 'frequency', lx: number, ly: number): XyzResult {
  const t = series.length;
  if (t < 2) throw new KcError('#N/A', `XYZ needs at least two periods; there ${t === 1 ? 'is one' : 'are none'}`);
  const stats = new Float64Array(2);
  seriesStats(series, stats);
  const cv = stats[0];
  return { xyz: xyzClassOf(cv, stats[1], method, lx, ly), cv: Number.isNaN(cv) ? null : cv, coverage: stats[1] };
}

/**
 * The CV (STDEV.P / AVERAGE, NaN when the mean is <= 0) and the coverage (share of periods with
 * revenue > 0) of a series of at least two periods, into `out[0]` and `out[1]`, without making an
 * object (the per-client loops of a million clients call it).
 * @param series revenue per period; not mutated.
 * @param out where the two numbers go.
 * @example const out = new Float64Array(2); seriesStats([10, 0, 20, 10], out); // out: [0.7071067811865476, 0.75]
 */
export function seriesStats(series: ArrayLike<number>, out: Float64Array): void {
  let bought = 0;
  for (let i = 0; i < series.length; i++) if (series[i] > 0) bought++;
  const m = mean(series);
  out[0] = m > 0 ? stdevPopulation(series) / m : NaN;
  out[1] = bought / series.length;
}

/**
 * The XYZ class of a series from its {@link seriesStats}: "cv": X if CV <= lx, Y if CV <= ly, else Z
 * (Z without a CV); "frequency": X if coverage >= lx, Y if coverage >= ly, else Z.
 * @param cv the CV, NaN for none.
 * @param coverage the share of periods with revenue > 0.
 * @example xyzClassOf(0.05, 1, 'cv', 0.1, 0.25) // "X"
 */
export function xyzClassOf(cv: number, coverage: number, method: 'cv' | 'frequency', lx: number, ly: number): XyzClass {
  if (method === 'cv') return Number.isNaN(cv) ? 'Z' : cv <= lx + EPS ? 'X' : cv <= ly + EPS ? 'Y' : 'Z';
  return coverage >= lx - EPS ? 'X' : coverage >= ly - EPS ? 'Y' : 'Z';
}

/**
 * Index of the period a day falls in, comparable across days: months count from year 0
 * (y * 12 + m - 1), quarters (y * 4 + q - 1), ISO weeks (Monday-based weeks since 1969-12-29).
 * @param day a day number.
 * @param kind "month", "quarter" or "week".
 * @returns the period index; consecutive periods have consecutive indexes.
 * @example periodOf(dayFromYmd(2024, 3, 5), 'month') // 24290; periodOf(dayFromYmd(2024, 3, 5), 'quarter') // 8096
 * periodOf(dayFromYmd(2024, 2, 26), 'week') // 2826 (Monday); periodOf(dayFromYmd(2024, 3, 3), 'week') // 2826 (Sunday)
 */
export function periodOf(day: Day, kind: PeriodKind): number {
  if (kind === 'week') return Math.floor((day + 3) / 7);
  const [y, m] = ymd(day);
  return kind === 'month' ? y * 12 + m - 1 : y * 4 + Math.floor((m - 1) / 3);
}

/**
 * Label of a period index of {@link periodOf}: "2024-03", "2024-Q1", or the ISO week "2024-W09"
 * (the ISO week's year, which may differ from the calendar year of its Monday).
 * @param index a period index.
 * @param kind the kind the index was made for.
 * @returns the label.
 * @example periodLabel(24290, 'month') // "2024-03"; periodLabel(8096, 'quarter') // "2024-Q1"
 * periodLabel(periodOf(dayFromYmd(2024, 12, 30), 'week'), 'week') // "2025-W01"
 */
export function periodLabel(index: number, kind: PeriodKind): string {
  if (kind === 'month') return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  if (kind === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  const monday = index * 7 - 3;
  const thursday = monday + 3;
  const [y] = ymd(thursday);
  const jan4 = Math.floor(Date.UTC(y, 0, 4) / 86_400_000);
  const week1 = Math.floor((jan4 + 3) / 7);
  return `${y}-W${String(index - week1 + 1).padStart(2, '0')}`;
}
