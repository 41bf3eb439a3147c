import { KcError } from '../errors';
import { digamma } from './digamma';
import { lgamma } from './lgamma';
import { minimiseBfgs } from './optimise';

/**
 * The Gamma-Gamma model of purchase values (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value
 * curves for customer base analysis", Journal of Marketing Research 42(4); Fader and Hardie 2013,
 * "The Gamma-Gamma model of monetary value"), METHODS.md section 10. A client's purchase values are
 * Gamma(p, ν) around its own mean p / ν; ν ~ Gamma(q, γ) across clients. Fitted on the clients with
 * x > 0 repeat purchases whose mean value zbar is positive.
 */

/** The three parameters of the Gamma-Gamma model, each > 0. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A maximum-likelihood fit of the Gamma-Gamma model. */
export interface GammaGammaFit extends GammaGammaParams {
  /** Σ over the fitted clients of ln f(zbar | x), the density of the mean of x purchase values. */
  logLikelihood: number;
  /** Whether the optimiser met its test (as for BG/NBD: docs/methods.md, "LTV"). */
  converged: boolean;
  iterations: number;
  /** Clients fitted: those with x > 0 and zbar > 0. */
  clients: number;
  gradientNorm: number;
}

/** Clients' repeat purchases: how many (x) and their mean value (zbar), one entry per client. */
export interface GammaGammaData {
  x: ArrayLike<number>;
  zbar: ArrayLike<number>;
}

function checkParams(v: GammaGammaParams): void {
  for (const k of ['p', 'q', 'gamma'] as const) {
    if (!(Number.isFinite(v[k]) && v[k] > 0)) throw new KcError('#NUM!', `Gamma-Gamma parameter ${k} must be a positive number, not ${v[k]}`);
  }
}

/** The fitted clients, grouped by x: Σ ln zbar per x, and every (x, zbar). */
interface Prepared {
  x: Float64Array;
  m: Float64Array;
  xs: Float64Array;
  /** clients per distinct x */
  xn: Float64Array;
  /** Σ ln zbar per distinct x */
  xLnM: Float64Array;
  /** Σ over clients of x ln x, and of x ln zbar (for the gradient in p) */
  sumXLnX: number;
  sumXLnM: number;
}

function prepare(data: GammaGammaData): Prepared {
  const n = data.x.length;
  if (data.zbar.length !== n) throw new KcError('#VALUE!', `x and zbar must have the same length: ${n} and ${data.zbar.length}`);
  const x: number[] = [];
  const m: number[] = [];
  const groups = new Map<number, [number, number]>();
  let sumXLnX = 0;
  let sumXLnM = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i];
    const mi = data.zbar[i];
    if (!(xi > 0 && mi > 0)) continue; // x = 0, zbar <= 0 or NaN: not in the fit
    if (!Number.isInteger(xi) || !Number.isFinite(mi)) throw new KcError('#NUM!', `x must be a whole number and zbar a finite number, not x = ${xi}, zbar = ${mi}`);
    x.push(xi);
    m.push(mi);
    const g = groups.get(xi) ?? [0, 0];
    g[0] += 1;
    g[1] += Math.log(mi);
    groups.set(xi, g);
    sumXLnX += xi * Math.log(xi);
    sumXLnM += xi * Math.log(mi);
  }
  const xs = Float64Array.from([...groups.keys()].sort((p, q) => p - q));
  return {
    x: Float64Array.from(x),
    m: Float64Array.from(m),
    xs,
    xn: xs.map((v) => groups.get(v)![0]),
    xLnM: xs.map((v) => groups.get(v)![1]),
    sumXLnX,
    sumXLnM,
  };
}

/**
 * Σ_i lnΓ(p x + q) - lnΓ(p x) - lnΓ(q) + q ln γ + (p x - 1) ln zbar + p x ln x - (p x + q) ln(γ + x zbar),
 * and its gradient with respect to (ln p, ln q, ln γ).
 */
function logLikelihood(d: Prepared, p: number, q: number, gamma: number, grad: Float64Array | null): number {
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  const lgQ = lgamma(q);
  const lnG = Math.log(gamma);
  const psiQ = grad ? digamma(q) : 0;
  for (let k = 0; k < d.xs.length; k++) {
    const x = d.xs[k];
    const n = d.xn[k];
    const px = p * x;
    ll += n * (lgamma(px + q) - lgamma(px) - lgQ + q * lnG) + (px - 1) * d.xLnM[k];
    if (grad) {
      const psiPXQ = digamma(px + q);
      gp += n * x * (psiPXQ - digamma(px));
      gq += n * (psiPXQ - psiQ + lnG);
      gg += (n * q) / gamma;
    }
  }
  ll += p * d.sumXLnX;
  if (grad) gp += d.sumXLnX + d.sumXLnM;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const s = gamma + x * d.m[i];
    const lnS = Math.log(s);
    ll -= (p * x + q) * lnS;
    if (grad) {
      gp -= x * lnS;
      gq -= lnS;
      gg -= (p * x + q) / s;
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gg * gamma;
  }
  return ll;
}

/**
 * The Gamma-Gamma log-likelihood over the clients with x > 0 and zbar > 0.
 * @param params p, q, gamma.
 * @param data x and zbar per client; others are left out.
 * @returns the sum of the clients' log-likelihoods.
 * @throws KcError `#NUM!` for a bad parameter, `#VALUE!` for columns of unequal length.
 * @example gammaGammaLogLikelihood({ p: 1, q: 1, gamma: 1 }, { x: [1], zbar: [1] }) // -1.3862943611198906 (ln 1/4)
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: GammaGammaData): number {
  checkParams(params);
  return logLikelihood(prepare(data), params.p, params.q, params.gamma, null);
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** Where the search starts (default p = 1, q = 2, γ = the mean zbar; docs/methods.md, "LTV"). */
  start?: GammaGammaParams;
  maxIterations?: number;
}

/**
 * Fits the Gamma-Gamma model by maximum likelihood (no penalty) over the log-parameters, BFGS with the
 * analytic gradient, on the clients with x > 0 and zbar > 0.
 * @param data x and zbar per client (the others are left out).
 * @param options starting values, iteration cap.
 * @returns p, q, gamma, the log-likelihood, and whether it converged (the same test as
 *   {@link fitBgNbd}).
 * @throws KcError `#VALUE!` when no client has x > 0 and zbar > 0, or for columns of unequal length.
 * @example fitGammaGamma(cdnowSummary) // { p: 6.25, q: 3.74, gamma: 15.44, ... }
 */
export function fitGammaGamma(data: GammaGammaData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const d = prepare(data);
  const n = d.x.length;
  if (n === 0) throw new KcError('#VALUE!', 'the Gamma-Gamma model needs at least one client with a repeat purchase of positive value');
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += d.m[i] / n;
  const start = options.start ?? { p: 1, q: 2, gamma: meanM };
  checkParams(start);
  const result = minimiseBfgs(
    (theta, grad) => {
      const ll = logLikelihood(d, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), grad);
      for (let k = 0; k < 3; k++) grad[k] /= -n;
      return -ll / n;
    },
    [Math.log(start.p), Math.log(start.q), Math.log(start.gamma)],
    { maxIterations: options.maxIterations ?? 500 },
  );
  const [p, q, gamma] = Array.from(result.x, Math.exp);
  const inRange = [p, q, gamma].every((v) => v >= 1e-8 && v <= 1e8);
  return {
    p,
    q,
    gamma,
    logLikelihood: -result.value * n,
    converged: result.converged && inRange,
    iterations: result.iterations,
    clients: n,
    gradientNorm: result.gradientNorm,
  };
}

/**
 * The expected value of a client's future purchase, E[M | x, zbar] = (γ + x zbar) p / (p x + q - 1)
 * for x > 0, the population mean p γ / (q - 1) for x = 0 (METHODS.md section 10).
 * @param params the fitted p, q, gamma, with q > 1 (else the mean value is infinite).
 * @param x repeat purchases (a whole number >= 0).
 * @param zbar the mean value of the repeat purchases (ignored where x = 0); > 0 where x > 0.
 * @returns the expected value of one purchase.
 * @throws KcError `#NUM!` for a bad parameter, q <= 1, x not a whole number >= 0, or zbar <= 0 with x > 0
 *   (the model describes positive purchase values only).
 * @example expectedValue({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35) // 24.66 (to 4 digits)
 */
export function expectedValue(params: GammaGammaParams, x: number, zbar: number): number {
  checkParams(params);
  if (!(params.q > 1)) throw new KcError('#NUM!', `the Gamma-Gamma mean value is infinite for q <= 1 (q = ${params.q})`);
  if (!(Number.isInteger(x) && x >= 0)) throw new KcError('#NUM!', `x (repeat purchases) must be a whole number >= 0, not ${x}`);
  if (x > 0 && !(Number.isFinite(zbar) && zbar > 0)) throw new KcError('#NUM!', `zbar (the mean repeat purchase) must be positive, not ${zbar}`);
  return expectedValueUnchecked(params, x, zbar);
}

/** {@link expectedValue} without checking its arguments (the batch path). */
export function expectedValueUnchecked(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  return x > 0 ? ((gamma + x * zbar) * p) / (p * x + q - 1) : (p * gamma) / (q - 1);
}
