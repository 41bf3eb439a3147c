/** Small statistics the methods are built from. Inputs are read-only and never mutated. */

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : NaN;
}

/** Population variance (Excel VAR.P); NaN for an empty list. */
export function variancePopulation(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length ? s / values.length : NaN;
}

/** Population standard deviation (Excel STDEV.P). */
export function stdevPopulation(values: ArrayLike<number>): number {
  return Math.sqrt(variancePopulation(values));
}

/**
 * Median (Excel MEDIAN: the mean of the two middle values for an even count); NaN when empty.
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Relative tolerance of limit comparisons, so 0.1 + 0.2 sits on the 0.3 line (docs/methods.md). */
export const EPS = 1e-9;
