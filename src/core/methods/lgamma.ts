/**
 * ln|Γ(x)|, the natural logarithm of the gamma function's absolute value (Excel GAMMALN for x > 0).
 *
 * Written here rather than taken from a library: the well-kept candidates (@stdlib/math-base-special-
 * gammaln) bring a native add-on loader and Node's file system into the bundle, and the core must stay
 * free of Node. The method is textbook: for x >= 10 the Stirling series (terms up to 1/x^13, error
 * below 1e-16 relative); below 10 the recurrence Γ(x) = Γ(x + n) / (x (x + 1) ... (x + n - 1));
 * for x < 0 the reflection Γ(x) Γ(1 - x) = π / sin(πx). Accurate to about 1e-15 (absolute near the
 * zeros at 1 and 2, relative elsewhere), checked against mpmath in test/core/special.test.ts.
 * Logarithms through `ln` (portable-math.ts), so a fit gives the same bits in every engine.
 */
import { ln, ln1p } from './portable-math';

const HALF_LN_2PI = 0.9189385332046727; // ln(2π) / 2
/** Stirling series coefficients B_2k / (2k (2k - 1)), k = 1..7. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/**
 * ln|Γ(x)|.
 * @param x any real number.
 * @returns ln|Γ(x)|; +Infinity at 0 and the negative integers (the poles); NaN for NaN.
 * @example lgamma(1) // 0; lgamma(5) // 3.1780538303479458 (ln 24); lgamma(0.5) // 0.5723649429247001 (ln √π)
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return Infinity;
    // reflection: |Γ(x)| = π / (|sin(πx)| Γ(1 - x))
    const s = Math.abs(Math.sin(Math.PI * (x - 2 * Math.floor(x / 2))));
    return ln(Math.PI / s) - lgamma(1 - x);
  }
  let shift = 0;
  let product = 1;
  while (x < 10) {
    product *= x;
    x += 1;
    shift++;
  }
  const stirling = (x - 0.5) * ln(x) - x + HALF_LN_2PI + stirlingTail(x);
  return shift ? stirling - ln(product) : stirling;
}

/** The Stirling series' tail Σ B_2k / (2k (2k - 1) x^(2k-1)), k = 1..7, for x >= 10. */
function stirlingTail(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = STIRLING[6];
  for (let k = 5; k >= 0; k--) series = series * inv2 + STIRLING[k];
  return series * inv;
}

/**
 * lnΓ(x + y) - lnΓ(x) without the cancellation of two large logarithms: for x >= 10 the difference
 * of the Stirling series, (x - 1/2) ln(1 + y/x) + y ln(x + y) - y + tail(x + y) - tail(x), which stays
 * accurate to about 1e-15 of the result where x is 10^7 and lnΓ(x) is 10^8 (the likelihoods of the
 * LTV models near the edges of their parameter space, docs/methods.md "LTV"); below 10 the same at
 * x + n >= 10, less Σ_{j<n} ln(1 + y / (x + j)) (the recurrence), so a tiny y keeps its digits too.
 * @param x a number > 0.
 * @param y a number >= 0.
 * @returns lnΓ(x + y) - lnΓ(x).
 * @example lgammaDelta(1e7, 1) // ln(1e7) = 16.11809565095832; lgammaDelta(1, 3) // ln 6
 */
export function lgammaDelta(x: number, y: number): number {
  if (y === 0) return 0;
  if (x < 10) {
    let shift = 0;
    for (; x < 10; x++) shift += ln1p(y / x);
    return lgammaDelta(x, y) - shift;
  }
  const xy = x + y;
  return (x - 0.5) * ln1p(y / x) + y * ln(xy) - y + (stirlingTail(xy) - stirlingTail(x));
}
