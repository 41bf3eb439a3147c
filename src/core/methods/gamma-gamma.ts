import { KcError } from '../errors';
import { digamma, digammaDelta, lnMinusDigamma } from './digamma';
import { lgamma, lgammaDelta } from './lgamma';
import { LIMIT_MARGIN, minimiseBfgs, withinScale } from './optimise';
import { exp, ln, ln1p } from './portable-math';

/**
 * The Gamma-Gamma model of purchase values (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value
 * curves for customer base analysis", Journal of Marketing Research 42(4); Fader and Hardie 2013,
 * "The Gamma-Gamma model of monetary value"), METHODS.md section 10. A client's purchase values are
 * Gamma(p, ν) around its own mean p / ν; ν ~ Gamma(q, γ) across clients. Fitted on the clients with
 * x > 0 repeat purchases whose mean value zbar is positive.
 */

/**
 * The three parameters of the Gamma-Gamma model, each > 0; or the model's limit q -> ∞ where every
 * client has the same mean purchase value (docs/methods.md "LTV", "Edges of the parameter space"):
 * q = gamma = Infinity and `meanValue` that mean.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
  /** Only where q is Infinity (the limit): the mean purchase value every client shares, p / ν. */
  meanValue?: number;
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
  /**
   * The mean value of a purchase in the population, p γ / (q - 1) (the expected value of a client
   * with no repeat purchase; Infinity for q <= 1); at the limit, the value every client shares.
   */
  meanValue: number;
  /**
   * 'sameMeanValue' when the likelihood is highest in the limit q -> ∞ (purchase values do not differ
   * between clients beyond chance): q = gamma = Infinity, p and the log-likelihood those of the
   * limit's fit (p is Infinity too where every repeat buyer's mean purchase is the same to 6 digits),
   * and every client's expected value is `meanValue`, the repeat purchases' total value over their
   * number. null for an ordinary fit.
   */
  boundary: 'sameMeanValue' | null;
}

/** Clients' repeat purchases: how many (x) and their mean value (zbar), one entry per client. */
export interface GammaGammaData {
  x: ArrayLike<number>;
  zbar: ArrayLike<number>;
}

function checkParams(v: GammaGammaParams): void {
  if (v.q === Infinity) {
    // the limit: every client's mean purchase value is meanValue
    if (!(v.gamma === Infinity && v.p > 0 && Number.isFinite(v.meanValue) && v.meanValue! > 0)) {
      throw new KcError('#NUM!', `Gamma-Gamma with q = Infinity needs gamma = Infinity, p > 0 and a positive meanValue, not gamma = ${v.gamma}, p = ${v.p}, meanValue = ${v.meanValue}`);
    }
    return;
  }
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
  /** Σ x (the repeat purchases) and Σ x zbar (their value) */
  sumX: number;
  sumXM: number;
}

function prepare(data: GammaGammaData): Prepared {
  const n = data.x.length;
  if (data.zbar.length !== n) throw new KcError('#VALUE!', `x and zbar must have the same length: ${n} and ${data.zbar.length}`);
  const x: number[] = [];
  const m: number[] = [];
  const groups = new Map<number, [number, number]>();
  let sumXLnX = 0;
  let sumXLnM = 0;
  let sumX = 0;
  let sumXM = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i];
    const mi = data.zbar[i];
    if (!(xi > 0 && mi > 0)) continue; // x = 0, zbar <= 0 or NaN: not in the fit
    if (!Number.isInteger(xi) || !Number.isFinite(mi)) throw new KcError('#NUM!', `x must be a whole number and zbar a finite number, not x = ${xi}, zbar = ${mi}`);
    x.push(xi);
    m.push(mi);
    const lnM = ln(mi);
    const g = groups.get(xi) ?? [0, 0];
    g[0] += 1;
    g[1] += lnM;
    groups.set(xi, g);
    sumXLnX += xi * ln(xi);
    sumXLnM += xi * lnM;
    sumX += xi;
    sumXM += xi * mi;
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
    sumX,
    sumXM,
  };
}

/**
 * Σ_i lnΓ(p x + q) - lnΓ(p x) - lnΓ(q) + q ln γ + (p x - 1) ln zbar + p x ln x - (p x + q) ln(γ + x zbar),
 * and its gradient with respect to (ln p, ln q, ln γ), written so that nothing cancels where q and γ
 * run to 10^7 and more (the likelihood then tends to its limit's, docs/methods.md "LTV"):
 * lnΓ(p x + q) - lnΓ(q) by `lgammaDelta`, and q ln γ - (p x + q) ln(γ + x zbar) as
 * -p x ln γ - (p x + q) ln(1 + x zbar / γ). Summed as plain differences the likelihood there is off
 * by 0.2 on 45,000 clients, enough to send a search anywhere.
 */
function logLikelihood(d: Prepared, p: number, q: number, gamma: number, grad: Float64Array | null): number {
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  const lnG = ln(gamma);
  for (let k = 0; k < d.xs.length; k++) {
    const x = d.xs[k];
    const n = d.xn[k];
    const px = p * x;
    ll += n * (lgammaDelta(q, px) - lgamma(px) - px * lnG) + (px - 1) * d.xLnM[k];
    if (grad) {
      gp += n * x * (digamma(px + q) - digamma(px) - lnG);
      gq += n * digammaDelta(q, px);
      gg -= n * px;
    }
  }
  ll += p * d.sumXLnX;
  if (grad) gp += d.sumXLnX + d.sumXLnM;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const xm = x * d.m[i];
    const l1p = ln1p(xm / gamma);
    ll -= (p * x + q) * l1p;
    if (grad) {
      gp -= x * l1p;
      gq -= l1p;
      gg += ((p * x + q) * xm) / (gamma + xm);
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gg; // already ∂/∂ ln γ
  }
  return ll;
}

/**
 * The limit q -> ∞ with q / γ = ν: every client's purchase values are Gamma(p, ν) with the same ν, so
 * zbar | x ~ Gamma(p x, ν x) and LL = Σ_i p x ln(ν x) - lnΓ(p x) + (p x - 1) ln zbar - ν x zbar. Its
 * maximum: ν = p Σx / Σ x zbar (so the mean value p / ν is Σ x zbar / Σ x, the repeat purchases'
 * total value over their number), and p the root of Σ x (ln(p x) - ψ(p x)) = D, D = Σ x ln(m̄ / zbar)
 * (>= 0, 0 only when every zbar is the same), found by bisection in ln p: the left side falls from ∞
 * to 0, so the root is unique. Where D <= 1e-12 Σx (the values agree to about 6 digits) p is Infinity
 * and so is the likelihood.
 * @returns p, the mean value and the log-likelihood.
 */
function fitSameMeanValue(d: Prepared): { p: number; meanValue: number; logLikelihood: number } {
  const meanValue = d.sumXM / d.sumX;
  let D = 0;
  for (let i = 0; i < d.x.length; i++) D += d.x[i] * ln(meanValue / d.m[i]);
  const slope = (p: number) => {
    let s = 0;
    for (let k = 0; k < d.xs.length; k++) s += d.xn[k] * d.xs[k] * lnMinusDigamma(p * d.xs[k]);
    return s - D;
  };
  const PMAX = 1e10;
  if (!(D > 1e-12 * d.sumX) || slope(PMAX) > 0) return { p: Infinity, meanValue, logLikelihood: Infinity };
  // slope(p) > 0 below the root: bisection between ln 1e-10 and ln 1e10 (every step deterministic)
  let lo = -23.025850929940457; // ln 1e-10
  let hi = 23.025850929940457;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = 0.5 * (lo + hi);
    if (slope(exp(mid)) > 0) lo = mid;
    else hi = mid;
  }
  const p = exp(0.5 * (lo + hi));
  const lnNu = ln((p * d.sumX) / d.sumXM);
  let ll = p * d.sumX * lnNu + p * d.sumXLnX + p * d.sumXLnM - p * d.sumX; // ν Σ x zbar = p Σx
  for (let k = 0; k < d.xs.length; k++) ll -= d.xn[k] * lgamma(p * d.xs[k]) + d.xLnM[k];
  return { p, meanValue, logLikelihood: ll };
}

/**
 * The Gamma-Gamma log-likelihood over the clients with x > 0 and zbar > 0.
 * @param params p, q, gamma (or the limit q = gamma = Infinity with its meanValue: then the limit's
 *   likelihood at ν = p / meanValue).
 * @param data x and zbar per client; others are left out.
 * @returns the sum of the clients' log-likelihoods.
 * @throws KcError `#NUM!` for a bad parameter, `#VALUE!` for columns of unequal length.
 * @example gammaGammaLogLikelihood({ p: 1, q: 1, gamma: 1 }, { x: [1], zbar: [1] }) // -1.3862943611198906 (ln 1/4)
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: GammaGammaData): number {
  checkParams(params);
  const d = prepare(data);
  if (params.q !== Infinity) return logLikelihood(d, params.p, params.q, params.gamma, null);
  const { p } = params;
  if (p === Infinity) return d.x.length ? Infinity : 0;
  const nu = p / params.meanValue!;
  let ll = 0;
  for (let i = 0; i < d.x.length; i++) {
    const px = p * d.x[i];
    ll += px * ln(nu * d.x[i]) - lgamma(px) + (px - 1) * ln(d.m[i]) - nu * d.x[i] * d.m[i];
  }
  return ll;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** Where the search starts (default p = 1, q = 2, γ = the mean zbar; docs/methods.md, "LTV"). */
  start?: GammaGammaParams;
  maxIterations?: number;
}

/**
 * Fits the Gamma-Gamma model by maximum likelihood (no penalty) over the log-parameters, BFGS with the
 * analytic gradient, on the clients with x > 0 and zbar > 0. The model's limit where every client
 * has the same mean purchase value (q -> ∞, see {@link GammaGammaFit.boundary}) is fitted too; where
 * the three-parameter fit does not beat it by more than {@link LIMIT_MARGIN} in log-likelihood, the
 * limit is the answer (docs/methods.md "LTV", "Edges of the parameter space"). Every logarithm and
 * exponential is `portable-math`'s: the same bits in every JavaScript engine.
 * @param data x and zbar per client (the others are left out).
 * @param options starting values (finite), iteration cap.
 * @returns p, q, gamma, the mean value, the log-likelihood, whether it converged (the same test as
 *   {@link fitBgNbd}; the limit always has its answer) and whether it is the limit.
 * @throws KcError `#VALUE!` when no client has x > 0 and zbar > 0, or for columns of unequal length.
 * @example fitGammaGamma(cdnowSummary) // { p: 6.25, q: 3.74, gamma: 15.44, boundary: null, ... }
 */
export function fitGammaGamma(data: GammaGammaData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const d = prepare(data);
  const n = d.x.length;
  if (n === 0) throw new KcError('#VALUE!', 'the Gamma-Gamma model needs at least one client with a repeat purchase of positive value');
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += d.m[i] / n;
  // the default start, also the parameters' scales (gamma in the data's money)
  const scale0 = { p: 1, q: 2, gamma: meanM };
  const start = options.start ?? scale0;
  checkParams(start);
  if (start.q === Infinity) throw new KcError('#NUM!', 'the Gamma-Gamma fit must start from a finite q and gamma');
  const result = minimiseBfgs(
    (theta, grad) => {
      const ll = logLikelihood(d, exp(theta[0]), exp(theta[1]), exp(theta[2]), grad);
      for (let k = 0; k < 3; k++) grad[k] /= -n;
      return -ll / n;
    },
    [ln(start.p), ln(start.q), ln(start.gamma)],
    { maxIterations: options.maxIterations ?? 500 },
  );
  const fullLL = -result.value * n;
  const limit = fitSameMeanValue(d);
  if (!(fullLL > limit.logLikelihood + LIMIT_MARGIN)) {
    return {
      p: limit.p,
      q: Infinity,
      gamma: Infinity,
      meanValue: limit.meanValue,
      logLikelihood: limit.logLikelihood,
      converged: true,
      iterations: result.iterations,
      clients: n,
      gradientNorm: 0,
      boundary: 'sameMeanValue',
    };
  }
  const [p, q, gamma] = Array.from(result.x, exp);
  const inRange = withinScale([p, q, gamma], [scale0.p, scale0.q, scale0.gamma]);
  return {
    p,
    q,
    gamma,
    meanValue: q > 1 ? (p * gamma) / (q - 1) : Infinity,
    logLikelihood: fullLL,
    converged: result.converged && inRange,
    iterations: result.iterations,
    clients: n,
    gradientNorm: result.gradientNorm,
    boundary: null,
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
  if (q === Infinity) return params.meanValue!; // the limit: every client's mean is the same
  return x > 0 ? ((gamma + x * zbar) * p) / (p * x + q - 1) : (p * gamma) / (q - 1);
}
