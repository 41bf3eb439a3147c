import { KcError } from '../errors';
import { digamma } from './digamma';
import { hyp2f1TailOverB, hyp2f1TailOverBMany, type SeriesOptions } from './hypergeometric';
import { lgamma } from './lgamma';
import { minimiseBfgs } from './optimise';

/**
 * The BG/NBD model of repeat purchases (Fader, Hardie and Lee 2005, "Counting your customers the easy
 * way: an alternative to the Pareto/NBD model", Marketing Science 24(2)), METHODS.md section 10.
 * While alive a client buys at rate λ ~ Gamma(r, α); after each repeat purchase it drops out with
 * probability p ~ Beta(a, b). A client's history is x (repeat purchases), t_x (time of the last one)
 * and T (time since the first purchase), all in weeks.
 */

/** The four parameters of the BG/NBD model, each > 0. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A maximum-likelihood fit of the BG/NBD model. */
export interface BgNbdFit extends BgNbdParams {
  /** The log-likelihood at the fitted parameters: the paper's sum over clients (eq. for LL, section 7). */
  logLikelihood: number;
  /** Whether the optimiser met its test (docs/methods.md, "LTV"); when false the parameters are not to be used. */
  converged: boolean;
  iterations: number;
  /** Clients fitted (the total weight). */
  clients: number;
  /** max |∂(LL / clients) / ∂ ln θ| at the fitted parameters. */
  gradientNorm: number;
}

/** Clients' histories, one entry per client (or per distinct history with `weight` = how many). */
export interface BgNbdData {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** How many clients have this history (default 1 each). */
  weight?: ArrayLike<number>;
}

function checkParams(p: BgNbdParams): void {
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    if (!(Number.isFinite(p[k]) && p[k] > 0)) throw new KcError('#NUM!', `BG/NBD parameter ${k} must be a positive number, not ${p[k]}`);
  }
}

function checkHistory(x: number, tx: number, T: number): void {
  if (!(Number.isInteger(x) && x >= 0)) throw new KcError('#NUM!', `x (repeat purchases) must be a whole number >= 0, not ${x}`);
  if (!(Number.isFinite(tx) && Number.isFinite(T) && tx >= 0 && tx <= T)) {
    throw new KcError('#NUM!', `t_x and T must satisfy 0 <= t_x <= T (weeks), not t_x = ${tx}, T = ${T}`);
  }
}

/** ln of the odds (1 - P(alive)) / P(alive) for x > 0. */
function logDeadOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  return Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
}

/** P(alive) without checking its arguments (the batch path). */
export function pAliveUnchecked(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const u = logDeadOdds(p, x, tx, T);
  // 1 / (1 + e^u), without overflow for large u
  return u > 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
}

/**
 * P(alive | x, t_x, T): the probability that a client with this history has not dropped out
 * (Fader, Hardie and Lee 2008, "Computing P(alive) using the BG/NBD model"):
 * 1 / (1 + δ(x > 0) · a / (b + x - 1) · ((α + T) / (α + t_x))^(r + x)).
 * @param params the fitted r, alpha, a, b.
 * @param x repeat purchases (a whole number >= 0).
 * @param tx weeks from the first to the last purchase.
 * @param T weeks from the first purchase to the analysis date.
 * @returns the probability, 1 where x = 0 (the model has a client drop out only after a repeat purchase).
 * @throws KcError `#NUM!` for a parameter that is not positive or a history with x not a whole number
 *   >= 0 or not 0 <= t_x <= T.
 * @example pAlive({ r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }, 2, 30.43, 38.86) // 0.7266 (to 4 digits)
 */
export function pAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  checkHistory(x, tx, T);
  return pAliveUnchecked(params, x, tx, T);
}

/**
 * E[Y(t)] / P(alive) of the paper's equation 10, without checking its arguments: the expected
 * repeat purchases in the next t weeks of a client known to be alive. It depends on x and T only, so a
 * batch can share it between clients. Computed through Euler's transformation,
 * (1 - z)^(r+x) 2F1(r + x, b + x; a + b + x - 1; z) = (1 - z)^(a-1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z),
 * z = t / (α + T + t), whose series has small parameters, and through expm1 / log1p so that the
 * factor 1 / (a - 1) loses no digits near a = 1 (and is exact at a = 1).
 * @returns the expectation, or NaN when the 2F1 series did not converge.
 */
export function expectedPurchasesAliveUnchecked(p: BgNbdParams, t: number, x: number, T: number, options?: SeriesOptions): number {
  if (t === 0) return 0;
  const z = t / (p.alpha + T + t);
  const tail = hyp2f1TailOverB(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z, options);
  return tail.converged ? aliveFromTail(p, x, z, tail.value) : NaN;
}

/**
 * {@link expectedPurchasesAliveUnchecked} at several horizons at once (sharing the 2F1 series'
 * coefficients), written into `out`.
 * @returns false (and NaN in `out`) when a series did not converge.
 */
export function expectedPurchasesAliveCurve(p: BgNbdParams, ts: ArrayLike<number>, x: number, T: number, out: Float64Array, options?: SeriesOptions): boolean {
  const zs = Float64Array.from(ts, (t) => t / (p.alpha + T + t));
  if (!hyp2f1TailOverBMany(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, zs, out, options)) {
    out.fill(NaN, 0, zs.length);
    return false;
  }
  for (let k = 0; k < zs.length; k++) out[k] = zs[k] === 0 ? 0 : aliveFromTail(p, x, zs[k], out[k]);
  return true;
}

/** C · [1 - (1 - z)^β (1 + β·tail)] / β, β = a - 1, C = a + b + x - 1, through expm1 / log1p. */
function aliveFromTail(p: BgNbdParams, x: number, z: number, tail: number): number {
  const beta = p.a - 1;
  const c = p.a + p.b + x - 1;
  // 1 - (1 - z)^β (1 + β·tail) = -expm1(β g), g = ln(1 - z) + ln(1 + β·tail) / β
  const h = beta * tail;
  if (!(h > -1)) return NaN;
  const g = Math.log1p(-z) + (h === 0 ? tail : tail * (Math.log1p(h) / h));
  const u = beta * g;
  const exprel = u === 0 ? 1 : Math.expm1(u) / u; // (e^u - 1) / u
  return c * -g * exprel;
}

/**
 * E[Y(t) | x, t_x, T]: the expected repeat purchases of a client in the next t weeks, the paper's
 * equation 10: (a + b + x - 1) / (a - 1) · [1 - ((α + T) / (α + T + t))^(r + x) 2F1(r + x, b + x;
 * a + b + x - 1; t / (α + T + t))] / (1 + δ(x > 0) a / (b + x - 1) ((α + T) / (α + t_x))^(r + x)).
 * @param params the fitted r, alpha, a, b.
 * @param t the horizon in weeks (>= 0).
 * @param x repeat purchases (a whole number >= 0).
 * @param tx weeks from the first to the last purchase.
 * @param T weeks from the first purchase to the analysis date.
 * @param options the 2F1 series' tolerance and term cap.
 * @returns the expected number of purchases.
 * @throws KcError `#NUM!` for bad parameters or history (as {@link pAlive}), a negative t, or when the
 *   Gauss hypergeometric series did not converge (never a silent wrong number).
 * @example expectedPurchases({ r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }, 39, 2, 30.43, 38.86) // 1.226 (to 4 digits)
 */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number, options?: SeriesOptions): number {
  checkParams(params);
  checkHistory(x, tx, T);
  if (!(Number.isFinite(t) && t >= 0)) throw new KcError('#NUM!', `the horizon t must be a number of weeks >= 0, not ${t}`);
  const alive = expectedPurchasesAliveUnchecked(params, t, x, T, options);
  if (Number.isNaN(alive)) {
    throw new KcError('#NUM!', `expected purchases: the hypergeometric series did not converge (x = ${x}, T = ${T}, t = ${t})`);
  }
  return alive * pAliveUnchecked(params, x, tx, T);
}

/** Distinct histories with their weights, the x values grouped. */
interface Compressed {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Distinct x values and the total weight of each. */
  xs: Float64Array;
  xw: Float64Array;
  total: number;
}

function compress(data: BgNbdData): Compressed {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || (data.weight && data.weight.length !== n)) {
    throw new KcError('#VALUE!', `x, t_x and T (and the weights) must have the same length: ${n}, ${data.tx.length}, ${data.T.length}`);
  }
  // distinct histories: x -> t_x -> T -> position (numeric keys: no strings to build)
  const index = new Map<number, Map<number, Map<number, number>>>();
  const cx: number[] = [];
  const ctx: number[] = [];
  const cT: number[] = [];
  const cw: number[] = [];
  const byX = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    const w = data.weight ? data.weight[i] : 1;
    if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T) || w === 0) continue; // no history: not in the fit
    checkHistory(x, tx, T);
    if (!(Number.isFinite(w) && w > 0)) throw new KcError('#NUM!', `a weight must be a positive number, not ${w}`);
    let byTx = index.get(x);
    if (!byTx) index.set(x, (byTx = new Map()));
    let byT = byTx.get(tx);
    if (!byT) byTx.set(tx, (byT = new Map()));
    const k = byT.get(T);
    if (k === undefined) {
      byT.set(T, cx.length);
      cx.push(x);
      ctx.push(tx);
      cT.push(T);
      cw.push(w);
    } else cw[k] += w;
    byX.set(x, (byX.get(x) ?? 0) + w);
    total += w;
  }
  const xs = Float64Array.from([...byX.keys()].sort((p, q) => p - q));
  return { x: Float64Array.from(cx), tx: Float64Array.from(ctx), T: Float64Array.from(cT), w: Float64Array.from(cw), xs, xw: xs.map((v) => byX.get(v)!), total };
}

/**
 * The log-likelihood and its gradient with respect to the log-parameters, over compressed data.
 * LL_i = ln A1 + ln A2 + ln(A3 + δ(x > 0) A4), in logs with log-sum-exp (the paper, section 7):
 * ln A1 = lnΓ(r + x) - lnΓ(r) + r ln α, ln A2 = lnΓ(a + b) + lnΓ(b + x) - lnΓ(b) - lnΓ(a + b + x),
 * ln A3 = -(r + x) ln(α + T), ln A4 = ln a - ln(b + x - 1) - (r + x) ln(α + t_x).
 */
function logLikelihood(d: Compressed, r: number, alpha: number, a: number, b: number, grad: Float64Array | null): number {
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const lnAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgAB = lgamma(a + b);
  const lgB = lgamma(b);
  const psiR = grad ? digamma(r) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  // the parts that depend on x only
  for (let k = 0; k < d.xs.length; k++) {
    const x = d.xs[k];
    const w = d.xw[k];
    ll += w * (lgamma(r + x) - lgR + r * lnAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x));
    if (grad) {
      gr += w * (digamma(r + x) - psiR + lnAlpha);
      gAlpha += (w * r) / alpha;
      ga += w * (psiAB - digamma(a + b + x));
      gb += w * (psiAB + digamma(b + x) - psiB - digamma(a + b + x));
    }
  }
  const lnA = Math.log(a);
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const w = d.w[i];
    const lnAT = Math.log(alpha + d.T[i]);
    const rx = r + x;
    const l3 = -rx * lnAT;
    if (x === 0) {
      ll += w * l3;
      if (grad) {
        gr -= w * lnAT;
        gAlpha -= (w * rx) / (alpha + d.T[i]);
      }
      continue;
    }
    const lnAtx = Math.log(alpha + d.tx[i]);
    const l4 = lnA - Math.log(b + x - 1) - rx * lnAtx;
    const m = l3 > l4 ? l3 : l4;
    const e3 = Math.exp(l3 - m);
    const e4 = Math.exp(l4 - m);
    const sum = e3 + e4;
    ll += w * (m + Math.log(sum));
    if (grad) {
      const w3 = (w * e3) / sum;
      const w4 = (w * e4) / sum;
      gr -= w3 * lnAT + w4 * lnAtx;
      gAlpha -= rx * (w3 / (alpha + d.T[i]) + w4 / (alpha + d.tx[i]));
      ga += w4 / a;
      gb -= w4 / (b + x - 1);
    }
  }
  if (grad) {
    // chain rule to the log-parameters: ∂/∂ ln θ = θ ∂/∂θ
    grad[0] = gr * r;
    grad[1] = gAlpha * alpha;
    grad[2] = ga * a;
    grad[3] = gb * b;
  }
  return ll;
}

/**
 * The BG/NBD log-likelihood of a set of histories, the paper's sum over clients.
 * @param params r, alpha, a, b.
 * @param data x, t_x, T per client (and weights); entries with NaN are left out.
 * @returns Σ LL_i.
 * @throws KcError `#NUM!` for a bad parameter or history, `#VALUE!` for columns of unequal length.
 * @example bgnbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, { x: [0], tx: [0], T: [1] }) // -0.6931471805599453 (ln 1/2)
 */
export function bgnbdLogLikelihood(params: BgNbdParams, data: BgNbdData): number {
  checkParams(params);
  const d = compress(data);
  return logLikelihood(d, params.r, params.alpha, params.a, params.b, null);
}

/** Options of {@link fitBgNbd}. */
export interface BgNbdFitOptions {
  /** Where the search starts (default: r = 1, α = ΣT / Σx, a = 1, b = 1; docs/methods.md, "LTV"). */
  start?: BgNbdParams;
  maxIterations?: number;
}

/**
 * Fits the BG/NBD model by maximum likelihood (no penalty) over the log-parameters, so every
 * parameter stays positive; BFGS with the analytic gradient, over the distinct (x, t_x, T) histories
 * weighted by how many clients share each.
 * @param data x, t_x, T per client (weeks), optionally weights; entries with NaN are left out.
 * @param options starting values, iteration cap.
 * @returns r, alpha, a, b, the log-likelihood, and whether it converged: the gradient of LL / clients
 *   with respect to the log-parameters at most 1e-6 in every coordinate and every parameter between
 *   1e-8 and 1e8 (else `converged` is false and the parameters are not to be used).
 * @throws KcError `#NUM!` for a bad history, `#VALUE!` for columns of unequal length or no clients.
 * @example fitBgNbd(cdnowSummary) // { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426, logLikelihood: -9582.43, ... }
 */
export function fitBgNbd(data: BgNbdData, options: BgNbdFitOptions = {}): BgNbdFit {
  const d = compress(data);
  if (d.total === 0) throw new KcError('#VALUE!', 'the BG/NBD model needs at least one client with a purchase');
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < d.x.length; i++) {
    sumX += d.w[i] * d.x[i];
    sumT += d.w[i] * d.T[i];
  }
  const start = options.start ?? { r: 1, alpha: sumX > 0 && sumT > 0 ? sumT / sumX : 1, a: 1, b: 1 };
  checkParams(start);
  const scale = 1 / d.total;
  const result = minimiseBfgs(
    (theta, grad) => {
      const ll = logLikelihood(d, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]), grad);
      for (let k = 0; k < 4; k++) grad[k] *= -scale;
      return -ll * scale;
    },
    [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)],
    { maxIterations: options.maxIterations ?? 500 },
  );
  const [r, alpha, a, b] = Array.from(result.x, Math.exp);
  const inRange = [r, alpha, a, b].every((v) => v >= 1e-8 && v <= 1e8);
  return {
    r,
    alpha,
    a,
    b,
    logLikelihood: -result.value * d.total,
    converged: result.converged && inRange,
    iterations: result.iterations,
    clients: d.total,
    gradientNorm: result.gradientNorm,
  };
}
