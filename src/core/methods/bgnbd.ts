import { KcError } from '../errors';
import { digammaDelta } from './digamma';
import { hyp2f1TailOverB, hyp2f1TailOverBMany, type SeriesOptions } from './hypergeometric';
import { lgammaDelta } from './lgamma';
import { LIMIT_MARGIN, minimiseBfgs, withinScale, type MinimiseResult } from './optimise';
import { exp, ln } from './portable-math';

/**
 * The BG/NBD model of repeat purchases (Fader, Hardie and Lee 2005, "Counting your customers the easy
 * way: an alternative to the Pareto/NBD model", Marketing Science 24(2)), METHODS.md section 10.
 * While alive a client buys at rate λ ~ Gamma(r, α); after each repeat purchase it drops out with
 * probability p ~ Beta(a, b). A client's history is x (repeat purchases), t_x (time of the last one)
 * and T (time since the first purchase), all in weeks.
 */

/**
 * The four parameters of the BG/NBD model, each > 0; or a = 0 for the model's limit with no drop-out
 * (the NBD model: P(alive) = 1, E[Y(t)] = (r + x) t / (α + T)), where b has no effect (a fit gives
 * b = Infinity there; docs/methods.md "LTV", "Edges of the parameter space").
 */
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
  /**
   * 'noDropout' when the likelihood is highest in the limit a -> 0 (the data show no drop-out; the
   * model is then the NBD model): a = 0, b = Infinity (b has no effect), r and alpha and the
   * log-likelihood those of the NBD fit, P(alive) = 1 for every client. null for an ordinary fit.
   */
  boundary: 'noDropout' | null;
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
  for (const k of ['r', 'alpha'] as const) {
    if (!(Number.isFinite(p[k]) && p[k] > 0)) throw new KcError('#NUM!', `BG/NBD parameter ${k} must be a positive number, not ${p[k]}`);
  }
  if (!(Number.isFinite(p.a) && p.a >= 0)) throw new KcError('#NUM!', `BG/NBD parameter a must be a positive number (or 0: no drop-out), not ${p.a}`);
  // where a = 0 (no drop-out) b has no effect and may be infinite
  if (!(p.b > 0 && (p.a === 0 || Number.isFinite(p.b)))) throw new KcError('#NUM!', `BG/NBD parameter b must be a positive number, not ${p.b}`);
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
  if (x === 0 || p.a === 0) return 1; // no repeat purchase yet, or no drop-out at all
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
 * @returns the probability, 1 where x = 0 (the model has a client drop out only after a repeat purchase)
 *   and where a = 0 (no drop-out).
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
 * factor 1 / (a - 1) loses no digits near a = 1 (and is exact at a = 1). At a = 0 (no drop-out) the
 * equation is the NBD model's (r + x) t / (α + T) whatever b is (2F1(A, c + 1; c; z) has a closed
 * form), which is used as such.
 * @returns the expectation, or NaN when the 2F1 series did not converge.
 */
export function expectedPurchasesAliveUnchecked(p: BgNbdParams, t: number, x: number, T: number, options?: SeriesOptions): number {
  if (t === 0) return 0;
  if (p.a === 0) return ((p.r + x) * t) / (p.alpha + T);
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
  if (p.a === 0) {
    for (let k = 0; k < ts.length; k++) out[k] = ((p.r + x) * ts[k]) / (p.alpha + T);
    return true;
  }
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
  /** Per history, the position of its x in xs. */
  xAt: Int32Array;
  /**
   * Distinct T and t_x values, and per history the position of its T in Ts and of its t_x in txs:
   * with days / 7 there are at most as many as days in the data, so ln(α + T) and ln(α + t_x) are
   * taken once per value, not per history (the same numbers: the sums are bit for bit those of a
   * logarithm per history).
   */
  Ts: Float64Array;
  TAt: Int32Array;
  txs: Float64Array;
  txAt: Int32Array;
  total: number;
}

/** The distinct values of `values` (in order of first appearance) and each value's position among them. */
function distinct(values: Float64Array): { values: Float64Array; at: Int32Array } {
  const position = new Map<number, number>();
  const out: number[] = [];
  const at = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = position.get(v);
    if (k === undefined) {
      k = out.length;
      position.set(v, k);
      out.push(v);
    }
    at[i] = k;
  }
  return { values: Float64Array.from(out), at };
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
  const position = new Map<number, number>();
  xs.forEach((v, k) => position.set(v, k));
  const xAt = Int32Array.from(cx, (v) => position.get(v)!);
  const T = Float64Array.from(cT);
  const tx = Float64Array.from(ctx);
  const dT = distinct(T);
  const dTx = distinct(tx);
  return { x: Float64Array.from(cx), tx, T, w: Float64Array.from(cw), xs, xw: xs.map((v) => byX.get(v)!), xAt, Ts: dT.values, TAt: dT.at, txs: dTx.values, txAt: dTx.at, total };
}

/** ln(α + v) for each of `values`. */
function logsOf(alpha: number, values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) out[k] = ln(alpha + values[k]);
  return out;
}

/**
 * The log-likelihood and its gradient with respect to the log-parameters, over compressed data.
 * LL_i = ln A1 + ln A2 + ln(A3 + δ(x > 0) A4), in logs with log-sum-exp (the paper, section 7):
 * ln A1 = lnΓ(r + x) - lnΓ(r) + r ln α, ln A2 = lnΓ(a + b) + lnΓ(b + x) - lnΓ(b) - lnΓ(a + b + x),
 * ln A3 = -(r + x) ln(α + T), ln A4 = ln a - ln(b + x - 1) - (r + x) ln(α + t_x). The differences of
 * lnΓ are taken by `lgammaDelta` (ln A2 = [lnΓ(a + b) - lnΓ(b)] - [lnΓ(a + b + x) - lnΓ(b + x)]), so
 * they stay accurate where b runs to 10^5 and lnΓ(b) is 10^6: summed over clients, the plain
 * differences there are off by 10^-7 and more, which is what a search near an edge then follows.
 */
function logLikelihood(d: Compressed, r: number, alpha: number, a: number, b: number, grad: Float64Array | null): number {
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const lnAlpha = ln(alpha);
  const ab = a + b;
  const lnA2Head = lgammaDelta(b, a); // lnΓ(a + b) - lnΓ(b)
  const lnA = ln(a);
  // ln a - ln(b + x - 1) of ln A4, per distinct x
  const lnA4Head = new Float64Array(d.xs.length);
  // the parts that depend on x only
  for (let k = 0; k < d.xs.length; k++) {
    const x = d.xs[k];
    const w = d.xw[k];
    if (x > 0) lnA4Head[k] = lnA - ln(b + x - 1);
    ll += w * (lgammaDelta(r, x) + r * lnAlpha + (lnA2Head - lgammaDelta(b + x, a)));
    if (grad) {
      const psiABx = digammaDelta(ab, x); // ψ(a + b + x) - ψ(a + b)
      gr += w * (digammaDelta(r, x) + lnAlpha);
      gAlpha += (w * r) / alpha;
      ga -= w * psiABx;
      gb += w * (digammaDelta(b, x) - psiABx);
    }
  }
  const lnAlphaT = logsOf(alpha, d.Ts);
  const lnAlphaTx = logsOf(alpha, d.txs);
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const w = d.w[i];
    const lnAT = lnAlphaT[d.TAt[i]];
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
    const lnAtx = lnAlphaTx[d.txAt[i]];
    const l4 = lnA4Head[d.xAt[i]] - rx * lnAtx;
    // ln(e^l3 + e^l4) = max + ln(1 + e^-(|l3 - l4|)); the shares of A3 and A4 for the gradient
    const e = exp(-Math.abs(l3 - l4));
    ll += w * ((l3 > l4 ? l3 : l4) + ln(1 + e)); // 1 + e rounded: an absolute error of 1e-16 next to |l3|
    if (grad) {
      const small = (w * e) / (1 + e);
      const large = w / (1 + e);
      const w3 = l3 > l4 ? large : small;
      const w4 = l3 > l4 ? small : large;
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
 * The log-likelihood of the limit a -> 0 (no drop-out: A2 -> 1, A4 -> 0), the NBD model:
 * LL_i = lnΓ(r + x) - lnΓ(r) + r ln α - (r + x) ln(α + T), and its gradient with respect to (ln r, ln α).
 */
function noDropoutLogLikelihood(d: Compressed, r: number, alpha: number, grad: Float64Array | null): number {
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  const lnAlpha = ln(alpha);
  for (let k = 0; k < d.xs.length; k++) {
    const x = d.xs[k];
    const w = d.xw[k];
    ll += w * (lgammaDelta(r, x) + r * lnAlpha);
    if (grad) {
      gr += w * (digammaDelta(r, x) + lnAlpha);
      gAlpha += (w * r) / alpha;
    }
  }
  const lnAlphaT = logsOf(alpha, d.Ts);
  for (let i = 0; i < d.x.length; i++) {
    const w = d.w[i];
    const rx = r + d.x[i];
    const lnAT = lnAlphaT[d.TAt[i]];
    ll -= w * rx * lnAT;
    if (grad) {
      gr -= w * lnAT;
      gAlpha -= (w * rx) / (alpha + d.T[i]);
    }
  }
  if (grad) {
    grad[0] = gr * r;
    grad[1] = gAlpha * alpha;
  }
  return ll;
}

/**
 * The BG/NBD log-likelihood of a set of histories, the paper's sum over clients.
 * @param params r, alpha, a, b (a = 0: the limit with no drop-out, the NBD model's likelihood).
 * @param data x, t_x, T per client (and weights); entries with NaN are left out.
 * @returns Σ LL_i.
 * @throws KcError `#NUM!` for a bad parameter or history, `#VALUE!` for columns of unequal length.
 * @example bgnbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, { x: [0], tx: [0], T: [1] }) // -0.6931471805599453 (ln 1/2)
 */
export function bgnbdLogLikelihood(params: BgNbdParams, data: BgNbdData): number {
  checkParams(params);
  const d = compress(data);
  if (params.a === 0) return noDropoutLogLikelihood(d, params.r, params.alpha, null);
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
 * weighted by how many clients share each. The model's limit with no drop-out (a -> 0, the NBD model
 * with r and α) is fitted too; where the four-parameter fit does not beat it by more than
 * {@link LIMIT_MARGIN} in log-likelihood, the likelihood's highest point is that edge and the limit is
 * the answer (`boundary: 'noDropout'`, a = 0, b = Infinity; docs/methods.md "LTV", "Edges of the
 * parameter space"). Every logarithm and exponential of the search is `portable-math`'s, so the fit
 * gives the same bits in every JavaScript engine.
 * @param data x, t_x, T per client (weeks), optionally weights; entries with NaN are left out.
 * @param options starting values (each a finite number > 0), iteration cap.
 * @returns r, alpha, a, b, the log-likelihood, whether it converged and whether it is the no-drop-out
 *   limit. An ordinary fit converged when the gradient of LL / clients with respect to the
 *   log-parameters is at most 1e-6 in every coordinate (1e-9 unless the numbers' precision ran out)
 *   and every parameter is within a factor 1e6 of its default start ({@link withinScale}); the limit
 *   when its own two-parameter fit did. When
 *   `converged` is false the parameters are not to be used.
 * @throws KcError `#NUM!` for a bad history or start, `#VALUE!` for columns of unequal length or no clients.
 * @example fitBgNbd(cdnowSummary) // { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426, logLikelihood: -9582.43, boundary: null, ... }
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
  // the default start, also the parameters' scales (alpha in the data's weeks)
  const scale0 = { r: 1, alpha: sumX > 0 && sumT > 0 ? sumT / sumX : 1, a: 1, b: 1 };
  const start = options.start ?? scale0;
  checkParams(start);
  if (!(start.a > 0 && Number.isFinite(start.b))) throw new KcError('#NUM!', `the BG/NBD fit must start from a > 0 and a finite b, not a = ${start.a}, b = ${start.b}`);
  const scale = 1 / d.total;
  const maxIterations = options.maxIterations ?? 500;
  const full = minimiseBfgs(
    (theta, grad) => {
      const ll = logLikelihood(d, exp(theta[0]), exp(theta[1]), exp(theta[2]), exp(theta[3]), grad);
      for (let k = 0; k < 4; k++) grad[k] *= -scale;
      return -ll * scale;
    },
    [ln(start.r), ln(start.alpha), ln(start.a), ln(start.b)],
    { maxIterations },
  );
  const limit = minimiseBfgs(
    (theta, grad) => {
      const ll = noDropoutLogLikelihood(d, exp(theta[0]), exp(theta[1]), grad);
      for (let k = 0; k < 2; k++) grad[k] *= -scale;
      return -ll * scale;
    },
    [ln(start.r), ln(start.alpha)],
    { maxIterations },
  );
  const fullLL = -full.value * d.total;
  const limitLL = -limit.value * d.total;
  const result = (x: MinimiseResult, params: BgNbdParams, logLikelihood: number, converged: boolean, boundary: BgNbdFit['boundary']): BgNbdFit => ({
    ...params,
    logLikelihood,
    converged,
    iterations: x.iterations,
    clients: d.total,
    gradientNorm: x.gradientNorm,
    boundary,
  });
  // the four parameters add nothing to the limit (or their search failed where the limit did not)
  if (limit.converged && !(fullLL > limitLL + LIMIT_MARGIN)) {
    const [r, alpha] = Array.from(limit.x, exp);
    return result(limit, { r, alpha, a: 0, b: Infinity }, limitLL, withinScale([r, alpha], [scale0.r, scale0.alpha]), 'noDropout');
  }
  const [r, alpha, a, b] = Array.from(full.x, exp);
  return result(full, { r, alpha, a, b }, fullLL, full.converged && withinScale([r, alpha, a, b], [scale0.r, scale0.alpha, scale0.a, scale0.b]), null);
}
