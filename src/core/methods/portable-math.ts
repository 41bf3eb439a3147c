/**
 * ln and exp that give the same bits in every JavaScript engine, for the maximum-likelihood fits of the
 * LTV models (METHODS.md section 10; docs/methods.md "LTV", "The same fit on every engine").
 *
 * Why: ECMAScript leaves Math.log, Math.exp and Math.pow "implementation-approximated", and engines
 * differ in the last bit: Node 20 (V8 11.3) uses V8's port of fdlibm, while Chromium 156 (current V8)
 * calls LLVM's libc, which rounds log correctly and exp almost always (measured on 3,000 random
 * arguments: Chromium's log 0 results off the correctly rounded value, exp 3; Node's 98 and 283).
 * Last-bit differences in a log-likelihood move a quasi-Newton search onto another path; on a flat
 * likelihood that path ends elsewhere, so the same workbook gave a fitted model on the command line
 * and "did not converge" in the pane. Additions, multiplications, divisions and Math.sqrt are
 * correctly rounded by the specification, so a logarithm and an exponential built from them alone
 * are the same everywhere; that is all these are.
 *
 * Methods (textbook, coefficients computed here from their definitions): ln reduces x = 2^k · m with m in
 * [√2 / 2, √2), writes ln m = 2 atanh(s), s = (m - 1) / (m + 1), as f - f²/2 + s (f²/2 + R(s²)) with
 * f = m - 1 and R the atanh series 2 Σ s^(2n) / (2n + 1) to n = 10, and adds k ln 2 split into a
 * 21-bit head (k · head exact) and a tail. exp reduces x = k ln 2 + r, |r| <= ln 2 / 2, sums the Taylor
 * series of e^r - 1 to r^14 / 14! by Horner's rule, adds 1 and scales by 2^k through the exponent bits.
 * Both are within about 1 unit in the last place of the exact value (test/core/portable-math.test.ts,
 * against mpmath) and about as fast as Math.log and Math.exp in V8.
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the high (sign, exponent, top of the mantissa) 32-bit word of F64 in U32. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
/** 2^k at POW2[k + POW2_ZERO], k = -1074..1023, each exact (doubling and halving are). */
const POW2_ZERO = 1074;
const POW2 = new Float64Array(POW2_ZERO + 1024);
for (let k = 0, v = 1; k <= 1023; k++, v *= 2) POW2[POW2_ZERO + k] = v;
for (let k = 1, v = 0.5; k <= 1074; k++, v /= 2) POW2[POW2_ZERO - k] = v;

/** ln 2 = LN2_HEAD + LN2_TAIL; the head has 21 significant bits, so k · LN2_HEAD is exact for |k| < 2^32. */
const LN2_HEAD = 0.6931467056274414; // 0x3FE62E42_00000000
const LN2_TAIL = 4.7493250390316726e-7;
const INV_LN2 = 1.4426950408889634;
/** 2^54, to bring a subnormal argument into the normal range. */
const TWO54 = 18014398509481984;

// 2 / (2n + 1), n = 1..10: the series ln((1 + s) / (1 - s)) = 2s + s · Σ (2 / (2n + 1)) s^(2n)
const A1 = 2 / 3, A2 = 2 / 5, A3 = 2 / 7, A4 = 2 / 9, A5 = 2 / 11, A6 = 2 / 13, A7 = 2 / 15, A8 = 2 / 17, A9 = 2 / 19, A10 = 2 / 21;
// 1 / n!, n = 2..14: the Taylor series of e^r - 1 - r
const E2 = 1 / 2, E3 = 1 / 6, E4 = 1 / 24, E5 = 1 / 120, E6 = 1 / 720, E7 = 1 / 5040, E8 = 1 / 40320, E9 = 1 / 362880;
const E10 = 1 / 3628800, E11 = 1 / 39916800, E12 = 1 / 479001600, E13 = 1 / 6227020800, E14 = 1 / 87178291200;

/**
 * The natural logarithm, the same bits in every engine.
 * @param x any number.
 * @returns ln x; -Infinity at 0, NaN below 0 and for NaN, Infinity at Infinity.
 * @example ln(1) // 0; ln(Math.E) // 1; ln(10) // 2.302585092994046
 */
export function ln(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54;
    k = -54;
  }
  F64[0] = x;
  const hx = U32[HI];
  let e = (hx >>> 20) - 1023;
  // x = 2^e · m with m in [√2 / 2, √2): m in [1, 2) below √2's top mantissa bits, m / 2 above
  if ((hx & 0x000fffff) >= 0x6a09e) e += 1;
  k += e;
  const f = x * POW2[POW2_ZERO - e] - 1; // both steps exact (a power of 2; Sterbenz)
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (A1 + z * (A2 + z * (A3 + z * (A4 + z * (A5 + z * (A6 + z * (A7 + z * (A8 + z * (A9 + z * A10)))))))));
  const hfsq = 0.5 * f * f;
  return k * LN2_HEAD - (hfsq - (s * (hfsq + r) + k * LN2_TAIL) - f);
}

/**
 * ln(1 + u), accurate where u is small, the same bits in every engine: ln(w) · u / (w - 1) with
 * w = 1 + u rounded, which cancels the rounding of w (Goldberg 1991, "What every computer scientist
 * should know about floating-point arithmetic", theorem 4).
 * @param u a number >= -1.
 * @returns ln(1 + u); -Infinity at -1, NaN below -1 and for NaN.
 * @example ln1p(1e-20) // 1e-20; ln1p(1) // 0.6931471805599453
 */
export function ln1p(u: number): number {
  const w = 1 + u;
  if (w === 1) return u; // |u| below half an ulp of 1 (also ±0)
  if (!(w > 0) || w === Infinity) return ln(w);
  return (ln(w) * u) / (w - 1);
}

/**
 * The exponential function, the same bits in every engine.
 * @param x any number.
 * @returns e^x; Infinity above about 709.78, 0 below about -745.13, NaN for NaN.
 * @example exp(0) // 1; exp(1) // 2.718281828459045; exp(-1) // 0.36787944117144233
 */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const hi = x - k * LN2_HEAD; // exact
  const lo = k * LN2_TAIL;
  const r = hi - lo;
  const q = E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8 + r * (E9 + r * (E10 + r * (E11 + r * (E12 + r * (E13 + r * E14)))))))))));
  const e = 1 + (hi - (lo - q * r * r)); // r + q r², rounded once
  if (k > 1023) return e * POW2[POW2_ZERO + 1023] * 2;
  if (k < -1022) return e * POW2[POW2_ZERO + k + 1000] * POW2[POW2_ZERO - 1000];
  return e * POW2[POW2_ZERO + k];
}
