/**
 * The simple (textbook) LTV of METHODS.md section 10: ltvSimple = m · r / (1 + d - r), the value of a
 * client who brings m a year and stays each year with probability r, discounted at d a year.
 * @param m the client's profit in the last 12 months (revenue where there is no profit column).
 * @param r the retention rate of METHODS.md section 9 with W = 12, in 0..1; null where it is blank.
 * @param d the yearly discount rate (0.10 by default in the callers), >= 0.
 * @returns the LTV; null where r is blank or not a number, or where 1 + d - r <= 0 (no discount and no
 *   client ever lost: the sum has no end).
 * @example ltvSimple(1000, 0.8, 0.1) // 2666.6666666666665 (1000 · 0.8 / 0.3)
 */
export function ltvSimple(m: number, r: number | null, d: number): number | null {
  if (r === null || !Number.isFinite(r) || !Number.isFinite(m) || !Number.isFinite(d)) return null;
  const denominator = 1 + d - r;
  // + 0 turns the -0 of a loss times r = 0 into 0
  return denominator > 0 ? (m * r) / denominator + 0 : null;
}
