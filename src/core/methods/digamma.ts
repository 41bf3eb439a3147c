/**
 * ψ(x) = d ln Γ(x) / dx, the digamma function: the gradient of the likelihoods of the LTV models
 * (METHODS.md section 10) needs it. Written here for the reason given in lgamma.ts. For x >= 10 the
 * asymptotic series (terms up to 1/x^14, error below 1e-16); below 10 the recurrence
 * ψ(x) = ψ(x + 1) - 1 / x; for x < 0 the reflection ψ(1 - x) - ψ(x) = π cot(πx). Checked against mpmath
 * in test/core/special.test.ts. Logarithms through `ln` (portable-math.ts), so a fit gives the same bits
 * in every engine.
 */
import { ln, ln1p } from './portable-math';

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
  return ln(x) - 0.5 / x - asymptoticTail(x) - shift;
}

/** Σ B_2k / (2k x^2k), k = 1..7, for x >= 10. */
function asymptoticTail(x: number): number {
  const inv2 = 1 / (x * x);
  let series = ASYMPTOTIC[6];
  for (let k = 5; k >= 0; k--) series = series * inv2 + ASYMPTOTIC[k];
  return series * inv2;
}

/**
 * ψ(x + y) - ψ(x) without the cancellation of two large logarithms: for x >= 10,
 * ln(1 + y/x) + y / (2x (x + y)) - tail(x + y) + tail(x) of the asymptotic series; below 10 the same at
 * x + n >= 10, plus Σ_{j<n} y / ((x + j)(x + y + j)) (the recurrence).
 * @param x a number > 0.
 * @param y a number >= 0.
 * @returns ψ(x + y) - ψ(x).
 * @example digammaDelta(1, 1) // 1 (ψ(2) - ψ(1)); digammaDelta(1e8, 1) // 1e-8 to 8 digits
 */
export function digammaDelta(x: number, y: number): number {
  if (y === 0) return 0;
  if (x < 10) {
    let shift = 0;
    for (; x < 10; x++) shift += y / (x * (x + y));
    return digammaDelta(x, y) + shift;
  }
  const xy = x + y;
  return ln1p(y / x) + y / (2 * x * xy) - asymptoticTail(xy) + asymptoticTail(x);
}

/**
 * ln x - ψ(x) (> 0, falling to 0 as 1 / (2x)), without the cancellation of the two for large x: for
 * x >= 10, 1 / (2x) + the asymptotic series' tail. The equation of the maximum-likelihood Gamma shape
 * (the Gamma-Gamma model's limit, docs/methods.md "LTV") is written with it.
 * @param x a number > 0.
 * @returns ln x - ψ(x).
 * @example lnMinusDigamma(1) // 0.5772156649015329 (Euler's constant); lnMinusDigamma(1e6) // 5.0000008333e-7
 */
export function lnMinusDigamma(x: number): number {
  if (x < 10) return ln(x) - digamma(x);
  return 0.5 / x + asymptoticTail(x);
}
