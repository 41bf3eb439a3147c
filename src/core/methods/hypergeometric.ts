import { KcError } from '../errors';

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real arguments, as the BG/NBD model's
 * expected purchases need it (METHODS.md section 10, the paper's equation 10). Every evaluation checks
 * its own convergence and fails loudly: a series that has not converged within its term cap, or whose
 * terms cancel so much that the sum has lost its digits, is an error, never a number.
 *
 * - |z| < 1: the defining series Σ (a)_j (b)_j / ((c)_j j!) z^j, summed until the bound on the rest,
 *   |next term| / (1 - ρ) with ρ the larger of the current term ratio and |z|, is within the tolerance.
 * - z < 0: first Pfaff's transformation 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)),
 *   which maps every z < 0 (also z <= -1, where the series diverges) into 0 < w < 1 with w < |z|.
 * - z >= 1: outside the real-valued domain this function covers: an error.
 */

/** Options of the series. */
export interface SeriesOptions {
  /** Relative accuracy to reach (default 1e-15). */
  tolerance?: number;
  /** The most terms to add before giving up (default 100,000). */
  maxTerms?: number;
}

/** A summed series: the value, how many terms it took, and whether it met the tolerance. */
export interface SeriesResult {
  value: number;
  terms: number;
  converged: boolean;
}

const DEFAULT_TOLERANCE = 1e-15;
const DEFAULT_MAX_TERMS = 100_000;
/**
 * The most the terms may cancel: Σ|term| / |Σ term| at most 1e5, so that the rounding errors of the
 * terms (about 1e-16 of Σ|term|) leave the sum at least 10 correct significant digits.
 */
const MAX_CANCELLATION = 1e5;

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

/**
 * The tail of the 2F1 series divided by b: Σ_{j>=1} (a)_j (b + 1)_{j-1} / ((c)_j j!) z^j, so that
 * 2F1(a, b; c; z) = 1 + b · tail. Exact also at b = 0, where 2F1 - 1 vanishes but (2F1 - 1) / b does
 * not: the BG/NBD expectation divides by (a - 1) and needs exactly this near a = 1.
 * @param a first numerator parameter.
 * @param b second numerator parameter.
 * @param c denominator parameter; not 0 or a negative integer.
 * @param z |z| < 1.
 * @param options tolerance and term cap.
 * @returns the tail, the number of terms, and `converged` = false when the cap was reached, the sum is
 *   not finite, or the terms cancel so much (Σ|term| > 1e5 |Σ term|) that fewer than 10 significant
 *   digits are left. Never throws.
 * @example hyp2f1TailOverB(1, 1, 2, 0.5).value // 0.3862943611198906 ((2F1(1,1;2;0.5) - 1) / 1 = 2 ln 2 - 1)
 */
export function hyp2f1TailOverB(a: number, b: number, c: number, z: number, options: SeriesOptions = {}): SeriesResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  if (![a, b, c, z].every(Number.isFinite) || !(Math.abs(z) < 1) || isNonPositiveInteger(c)) {
    return { value: NaN, terms: 0, converged: false };
  }
  if (z === 0 || a === 0) return { value: 0, terms: 0, converged: true };
  const absZ = Math.abs(z);
  let term = (a / c) * z; // j = 1
  let sum = term;
  let absSum = Math.abs(term);
  for (let j = 1; j <= maxTerms; j++) {
    // ratio of term j+1 to term j
    const ratio = ((a + j) * (b + j) * z) / ((c + j) * (j + 1));
    const next = term * ratio;
    const rho = Math.max(Math.abs(ratio), absZ);
    // done when the series terminates (a polynomial) or the rest is within the tolerance
    if (next === 0 || (rho < 1 && Math.abs(next) / (1 - rho) <= tolerance * Math.abs(sum))) {
      return { value: sum, terms: j, converged: Number.isFinite(sum) && absSum <= MAX_CANCELLATION * Math.abs(sum) };
    }
    term = next;
    sum += term;
    absSum += Math.abs(term);
    if (!Number.isFinite(sum)) return { value: sum, terms: j + 1, converged: false };
  }
  return { value: sum, terms: maxTerms, converged: false };
}

/**
 * {@link hyp2f1TailOverB} at several z at once (the months of a CLV): the coefficients
 * (a)_j (b + 1)_{j-1} / ((c)_j j!) are shared, only the powers of z differ. Each sum meets the same
 * tests as the single one; the loop runs until every sum has met them.
 * @param a first numerator parameter.
 * @param b second numerator parameter.
 * @param c denominator parameter; not 0 or a negative integer.
 * @param zs the arguments, each |z| < 1; not mutated.
 * @param out receives the tails, one per z (NaN where the arguments are outside the domain).
 * @param options tolerance and term cap.
 * @returns whether every sum converged (as {@link hyp2f1TailOverB} defines it).
 * @example hyp2f1TailOverBMany(1, 1, 2, [0.5, 0.25], out) // true; out = [0.38629..., 0.15073...]
 */
export function hyp2f1TailOverBMany(a: number, b: number, c: number, zs: ArrayLike<number>, out: Float64Array, options: SeriesOptions = {}): boolean {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  const n = zs.length;
  if (![a, b, c].every(Number.isFinite) || isNonPositiveInteger(c) || !Array.from(zs).every((z) => Number.isFinite(z) && Math.abs(z) < 1)) {
    out.fill(NaN, 0, n);
    return false;
  }
  const term = new Float64Array(n);
  const absSum = new Float64Array(n);
  let open = 0; // sums not yet done
  const done = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    if (zs[k] === 0 || a === 0) {
      out[k] = 0;
      done[k] = 1;
      continue;
    }
    term[k] = (a / c) * zs[k];
    out[k] = term[k];
    absSum[k] = Math.abs(term[k]);
    open++;
  }
  for (let j = 1; open > 0; j++) {
    const ratio = ((a + j) * (b + j)) / ((c + j) * (j + 1));
    for (let k = 0; k < n; k++) {
      if (done[k]) continue;
      const z = zs[k];
      const next = term[k] * ratio * z;
      const rho = Math.max(Math.abs(ratio * z), Math.abs(z));
      if (next === 0 || (rho < 1 && Math.abs(next) / (1 - rho) <= tolerance * Math.abs(out[k]))) {
        if (!(Number.isFinite(out[k]) && absSum[k] <= MAX_CANCELLATION * Math.abs(out[k]))) return false;
        done[k] = 1;
        open--;
        continue;
      }
      term[k] = next;
      out[k] += next;
      absSum[k] += Math.abs(next);
      if (!Number.isFinite(out[k])) return false;
    }
    if (j >= maxTerms && open > 0) return false;
  }
  return true;
}

/** factor · (1 + b · tail), failing when 1 and b · tail cancel beyond {@link MAX_CANCELLATION}. */
function withOne(b: number, tail: SeriesResult, factor: number): SeriesResult {
  const rest = b * tail.value;
  const value = factor * (1 + rest);
  const kept = 1 + Math.abs(rest) <= MAX_CANCELLATION * Math.abs(1 + rest);
  return { value, terms: tail.terms, converged: tail.converged && kept && Number.isFinite(value) };
}

/**
 * 2F1(a, b; c; z) with the evaluation's bookkeeping; Pfaff's transformation for z < 0.
 * @param a first numerator parameter.
 * @param b second numerator parameter.
 * @param c denominator parameter; not 0 or a negative integer.
 * @param z z < 1.
 * @param options tolerance and term cap.
 * @returns the value, the terms used, and whether it converged (false, with NaN, outside the domain).
 *   Never throws: {@link hyp2f1} is the throwing form.
 * @example hyp2f1Series(1, 1, 2, -3).value // 0.46209812037329684 (ln(4) / 3)
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number, options: SeriesOptions = {}): SeriesResult {
  if (![a, b, c, z].every(Number.isFinite) || !(z < 1) || isNonPositiveInteger(c)) return { value: NaN, terms: 0, converged: false };
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 - z)^(-a) 2F1(a, c - b; c; z / (z - 1)), with 0 < z / (z - 1) < 1
    const w = z / (z - 1);
    const tail = hyp2f1TailOverB(a, c - b, c, w, options);
    return withOne(c - b, tail, Math.pow(1 - z, -a));
  }
  return withOne(b, hyp2f1TailOverB(a, b, c, z, options), 1);
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1.
 * @param a first numerator parameter.
 * @param b second numerator parameter.
 * @param c denominator parameter; not 0 or a negative integer.
 * @param z z < 1 (z <= -1 through Pfaff's transformation).
 * @param options tolerance (default 1e-15) and term cap (default 100,000).
 * @returns 2F1(a, b; c; z).
 * @throws KcError `#NUM!` when the arguments are outside the domain (z >= 1, c a non-positive
 *   integer, a value not finite) or the series did not converge within the cap.
 * @example hyp2f1(1, 1, 2, 0.5) // 1.3862943611198906 (-ln(1 - z) / z = 2 ln 2)
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: SeriesOptions = {}): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new KcError('#NUM!', `2F1(${a}, ${b}; ${c}; ${z}): every argument must be a finite number`);
  if (!(z < 1)) throw new KcError('#NUM!', `2F1(${a}, ${b}; ${c}; ${z}): z must be below 1 (the series and its continuation used here cover z < 1 only)`);
  if (isNonPositiveInteger(c)) throw new KcError('#NUM!', `2F1(${a}, ${b}; ${c}; ${z}): c must not be 0 or a negative integer`);
  const s = hyp2f1Series(a, b, c, z, options);
  if (!s.converged) {
    throw new KcError('#NUM!', `2F1(${a}, ${b}; ${c}; ${z}) did not converge: ${s.terms} terms gave no sum accurate to ${options.tolerance ?? DEFAULT_TOLERANCE}`);
  }
  return s.value;
}
