/**
 * ψ(x) = d ln Γ(x) / dx, the digamma function: the gradient of the likelihoods of the LTV models
 * (METHODS.md section 10) needs it. Written here for the reason given in lgamma.ts. For x >= 10 the
 * asymptotic series (terms up to 1/x^14, error below 1e-16); below 10 the recurrence
 * ψ(x) = ψ(x + 1) - 1 / x; for x < 0 the reflection ψ(1 - x) - ψ(x) = π cot(πx). Checked against mpmath
 * in test/core/special.test.ts.
 */

/** Coefficients B_2k / (2k), k = 1..7, of the asymptotic series ln x - 1/(2x) - Σ B_2k / (2k x^2k). */
const ASYMPTOTIC = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12];

/**
 * ψ(x), the logarithmic derivative of the gamma function.
 * @param x any real number.
 * @returns ψ(x); NaN at 0 and the negative integers (the poles) and for NaN.
 * @example digamma(1) // -0.5772156649015329 (minus Euler's constant); digamma(2) // 0.42278433509846713
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * (x - Math.floor(x)));
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  let series = ASYMPTOTIC[6];
  for (let k = 5; k >= 0; k--) series = series * inv2 + ASYMPTOTIC[k];
  return Math.log(x) - 0.5 / x - series * inv2 - shift;
}
