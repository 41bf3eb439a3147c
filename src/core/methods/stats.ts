/** Small statistics the methods are built from. Inputs are read-only and never mutated. */

/**
 * Arithmetic mean (Excel AVERAGE).
 * @param values the values; not mutated.
 * @returns the mean; NaN for an empty list.
 * @example mean([1, 2, 3, 4]) // 2.5; mean([]) // NaN
 */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : NaN;
}

/**
 * Population variance (Excel VAR.P): the mean squared deviation from the mean, divided by n.
 * @param values the values; not mutated.
 * @returns the variance; NaN for an empty list.
 * @example variancePopulation([2, 4, 4, 4, 5, 5, 7, 9]) // 4
 */
export function variancePopulation(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length ? s / values.length : NaN;
}

/**
 * Population standard deviation (Excel STDEV.P): the square root of {@link variancePopulation}.
 * @param values the values; not mutated.
 * @returns the standard deviation; NaN for an empty list.
 * @example stdevPopulation([2, 4, 4, 4, 5, 5, 7, 9]) // 2
 */
export function stdevPopulation(values: ArrayLike<number>): number {
  return Math.sqrt(variancePopulation(values));
}

/**
 * Median (Excel MEDIAN: the mean of the two middle values for an even count).
 * @param values the values; not mutated (a sorted copy is used).
 * @returns the median; NaN for an empty list.
 * @example median([3, 1, 2, 10]) // 2.5; median([3, 1, 2]) // 2
 */
export function median(values: ArrayLike<number>): number {
  if (!values.length) return NaN;
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * A sum of money as a spreadsheet holds it: rounded to 15 significant digits (Excel keeps 15; docs/
 * methods.md section 1), so that sums equal in decimals are equal numbers and tie: 0.1 + 0.2 is 0.3,
 * not 0.30000000000000004. Excel's COUNTIF and SUMIF criteria ("<" & value) carry 15 digits and
 * LibreOffice compares numbers with a relative tolerance of about 4e-15, so without it the live
 * formulas would tie clients the engine tells apart. Whole numbers are returned as they are.
 * @param x a finite sum.
 * @returns the sum rounded to 15 significant digits.
 * @example spreadsheetSum(0.1 + 0.2) // 0.3; spreadsheetSum(25043.050000000003) // 25043.05
 */
export function spreadsheetSum(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(15));
}

/** Relative tolerance of limit comparisons, so 0.1 + 0.2 sits on the 0.3 line (docs/methods.md). */
export const EPS = 1e-9;
