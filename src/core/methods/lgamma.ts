/**
 * ln|Γ(x)|, the natural logarithm of the gamma function's absolute value (Excel GAMMALN for x > 0).
 *
 * Written here rather than taken from a library: the well-kept candidates (@stdlib/math-base-special-
 * gammaln) bring a native add-on loader and Node's file system into the bundle, and the core must stay
 * free of Node. The method is textbook: for x >= 10 the Stirling series (terms up to 1/x^13, error
 * below 1e-16 relative); below 10 the recurrence Γ(x) = Γ(x + n) / (x (x + 1) ... (x + n - 1));
 * for x < 0 the reflection Γ(x) Γ(1 - x) = π / sin(πx). Accurate to about 1e-15 (absolute near the
 * zeros at 1 and 2, relative elsewhere), checked against mpmath in test/core/special.test.ts.
 */

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
    return Math.log(Math.PI / s) - lgamma(1 - x);
  }
  let shift = 0;
  let product = 1;
  while (x < 10) {
    product *= x;
    x += 1;
    shift++;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = STIRLING[6];
  for (let k = 5; k >= 0; k--) series = series * inv2 + STIRLING[k];
  const stirling = (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series * inv;
  return shift ? stirling - Math.log(product) : stirling;
}
