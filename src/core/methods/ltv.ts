import { KcError } from '../errors';
import type { Warning } from '../types';
import { expectedPurchasesAliveCurve, fitBgNbd, pAlive, pAliveUnchecked, type BgNbdFit, type BgNbdParams } from './bgnbd';
import { expectedValue, expectedValueUnchecked, fitGammaGamma, type GammaGammaFit, type GammaGammaParams } from './gamma-gamma';
import type { LtvSummary } from './ltv-summary';

/**
 * Model LTV (METHODS.md section 10): BG/NBD for the number of future purchases, Gamma-Gamma for their
 * value, put together per client into P(alive), expected purchases, expected value and the discounted
 * CLV over a horizon of whole months. The rules the section leaves open are in docs/methods.md, "LTV".
 */

/** The model needs at least this many clients with a repeat purchase (METHODS.md section 10). */
export const LTV_MIN_REPEAT_BUYERS = 20;
/**
 * A BG/NBD fit that did not converge with r above this ran off towards clients who all buy at one
 * rate (the gamma distribution of rates has shape r: its spread, 1 / sqrt(r), vanishes); the warning
 * then says so (`ltvBgNbdSameRate`). A million is where the fit's scale check gives up on r.
 */
export const SAME_RATE_R = 1e6;
/** Weeks in a month: 365.25 / 12 / 7, so 12 months are 52.18 weeks. */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

/** The horizon and the discount of the CLV. */
export interface LtvOptions {
  /** Horizon in whole months, 1..120 (default 12). */
  months?: number;
  /** Yearly discount rate, >= 0 (default 0.10); month k is discounted by (1 + d)^(k / 12). */
  discount?: number;
  /**
   * The fits of {@link ltvFits} on this very summary, when a caller made them already (the command
   * line fits in a worker thread while the rest of the segmentation runs): used instead of fitting.
   */
  fits?: LtvFits;
}

/**
 * The two fits {@link ltvModel} makes on a summary: each null where too few clients allow it
 * ({@link LTV_MIN_REPEAT_BUYERS} repeat buyers, of them with a positive average purchase for
 * Gamma-Gamma), else the fit as found, converged or not (ltvModel judges it). Plain data, so a worker
 * thread can hand it over.
 */
export interface LtvFits {
  bgnbd: BgNbdFit | null;
  gammaGamma: GammaGammaFit | null;
}

/** Clients with a purchase, with a repeat purchase, and with a repeat purchase of positive average value. */
function buyersOf(summary: LtvSummary): { clients: number; repeatBuyers: number; valueBuyers: number } {
  let clients = 0;
  let repeatBuyers = 0;
  let valueBuyers = 0;
  for (let i = 0; i < summary.x.length; i++) {
    const x = summary.x[i];
    if (Number.isNaN(x)) continue;
    clients++;
    if (x > 0) {
      repeatBuyers++;
      if (summary.zbar[i] > 0) valueBuyers++;
    }
  }
  return { clients, repeatBuyers, valueBuyers };
}

/**
 * The BG/NBD and Gamma-Gamma fits of {@link ltvModel} on a summary, on their own: the costly part of
 * the model, which needs nothing but the summary.
 * @param summary from {@link ltvSummary}.
 * @returns the fits; null for a model too few clients allow.
 * @example ltvFits(ltvSummary(rows, asOf)).bgnbd?.r
 */
export function ltvFits(summary: LtvSummary): LtvFits {
  const { repeatBuyers, valueBuyers } = buyersOf(summary);
  if (repeatBuyers < LTV_MIN_REPEAT_BUYERS) return { bgnbd: null, gammaGamma: null };
  return { bgnbd: fitBgNbd(summary), gammaGamma: valueBuyers < LTV_MIN_REPEAT_BUYERS ? null : fitGammaGamma(summary) };
}

function resolve(options: LtvOptions): { months: number; discount: number } {
  const months = options.months ?? 12;
  const discount = options.discount ?? 0.1;
  if (!(Number.isInteger(months) && months >= 1 && months <= 120)) throw new KcError('#VALUE!', `the LTV horizon must be a whole number of months from 1 to 120, not ${months}`);
  if (!(Number.isFinite(discount) && discount >= 0)) throw new KcError('#VALUE!', `the yearly discount rate must be a number >= 0 (0.1 = 10 %), not ${discount}`);
  return { months, discount };
}

/**
 * A client's margin for the CLV: profit / revenue over its history, clamped to [0, 1]
 * (METHODS.md section 10); 0 where revenue <= 0 (net returns: nothing to earn on).
 * @param profit the client's profit (sum of the profit column).
 * @param revenue the client's revenue (sum of amount).
 * @returns the margin in [0, 1].
 * @example ltvMargin(25, 100) // 0.25; ltvMargin(-5, 100) // 0; ltvMargin(10, 0) // 0
 */
export function ltvMargin(profit: number, revenue: number): number {
  if (!(revenue > 0) || !Number.isFinite(profit)) return 0;
  return Math.min(1, Math.max(0, profit / revenue));
}

/** The ends of months 1..months in weeks: t_k = k · 365.25 / 12 / 7. */
function monthEnds(months: number): Float64Array {
  return Float64Array.from({ length: months }, (_, k) => (k + 1) * WEEKS_PER_MONTH);
}

/** The discount factors of months 1..months: 1 / (1 + d)^(k / 12). */
function discountFactors(months: number, discount: number): Float64Array {
  return Float64Array.from({ length: months }, (_, k) => Math.pow(1 + discount, -(k + 1) / 12));
}

/**
 * The expected purchases of an alive client at the ends of months 1..months, E[Y(t_k)] / P(alive);
 * NaN in every entry when a 2F1 series did not converge.
 */
function aliveCurve(bg: BgNbdParams, x: number, T: number, ends: Float64Array): Float64Array {
  const curve = new Float64Array(ends.length);
  expectedPurchasesAliveCurve(bg, ends, x, T, curve);
  return curve;
}

/** Σ_k (E_k - E_(k-1)) · value · margin · factor_k over the alive curve scaled by P(alive). */
function discounted(curve: Float64Array, alive: number, value: number, margin: number, factors: Float64Array): number {
  let sum = 0;
  let previous = 0;
  for (let k = 0; k < curve.length; k++) {
    sum += (curve[k] - previous) * factors[k];
    previous = curve[k];
  }
  return sum * alive * value * margin;
}

/**
 * A client's CLV over the horizon: Σ_{k=1..months} (E[Y(t_k)] - E[Y(t_(k-1))]) · E[M] · margin /
 * (1 + d)^(k/12), t_k = k · 365.25 / 12 / 7 weeks (METHODS.md section 10).
 * @param bg the BG/NBD parameters.
 * @param gg the Gamma-Gamma parameters (q > 1).
 * @param client x, t_x, T (weeks) and zbar of the client (zbar > 0 where x > 0).
 * @param margin the client's margin in [0, 1] (see {@link ltvMargin}; 1 without a profit column).
 * @param options horizon in months (default 12) and yearly discount rate (default 0.10).
 * @returns the CLV in the currency of the amounts.
 * @throws KcError `#NUM!` for bad parameters or history, a margin outside [0, 1], or a 2F1 series
 *   that did not converge; `#VALUE!` for a bad horizon or discount.
 * @example clv({ r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }, { p: 6.25, q: 3.74, gamma: 15.44 }, { x: 2, tx: 30.43, T: 38.86, zbar: 22.35 }, 1) // 36.75 (to 4 digits)
 */
export function clv(bg: BgNbdParams, gg: GammaGammaParams, client: { x: number; tx: number; T: number; zbar: number }, margin: number, options: LtvOptions = {}): number {
  const { months, discount } = resolve(options);
  if (!(margin >= 0 && margin <= 1)) throw new KcError('#NUM!', `the margin must be in 0..1, not ${margin}`);
  const value = expectedValue(gg, client.x, client.zbar); // checks the parameters and x, zbar
  const alive = pAlive(bg, client.x, client.tx, client.T); // checks the parameters and the history
  const curve = aliveCurve(bg, client.x, client.T, monthEnds(months));
  if (Number.isNaN(curve[0])) throw new KcError('#NUM!', `CLV: the hypergeometric series did not converge (x = ${client.x}, T = ${client.T})`);
  return discounted(curve, alive, value, margin, discountFactors(months, discount));
}

/** The per-client predictions of {@link ltvPredict}. */
export interface LtvPredictions {
  /** Per client index, null where blank: P(alive | x, t_x, T). */
  pAlive: (number | null)[];
  /** E[Y(t)] with t = months · 365.25 / 12 / 7 weeks. */
  expectedPurchases: (number | null)[];
  /** E[M | x, zbar], the expected value of one future purchase. */
  expectedValue: (number | null)[];
  /** The discounted CLV over the horizon. */
  clv: (number | null)[];
  /** Clients with x > 0 whose zbar is not positive: no expected value, no CLV. */
  nonPositiveValue: number;
  /** Clients whose 2F1 series did not converge: no expected purchases, no CLV. */
  seriesFailed: number;
}

/**
 * Predicts every client from given parameters (fitted by {@link fitBgNbd} and {@link fitGammaGamma},
 * or typed in by an analyst). Clients sharing x and T share the 2F1 evaluations. A column is blank
 * (null) where its model is null; a client with no purchase up to the analysis date (NaN in the
 * summary) is blank in every column.
 * @param bg the BG/NBD parameters, or null (P(alive), expected purchases and CLV blank).
 * @param gg the Gamma-Gamma parameters with q > 1, or null (expected value and CLV blank).
 * @param summary x, t_x, T, zbar per client ({@link ltvSummary}).
 * @param margin per client, clamped to [0, 1]; null for margin 1 (the CLV is then revenue). A NaN
 *   margin blanks that client's CLV.
 * @param options horizon in months (default 12) and yearly discount rate (default 0.10).
 * @returns the four columns and the counts of clients blanked one by one.
 * @throws KcError `#NUM!` for parameters that are not positive or q <= 1; `#VALUE!` for a bad horizon,
 *   discount or margin length.
 * @example ltvPredict({ r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }, null, summary, null).pAlive
 */
export function ltvPredict(
  bg: BgNbdParams | null,
  gg: GammaGammaParams | null,
  summary: LtvSummary,
  margin: ArrayLike<number> | null,
  options: LtvOptions = {},
): LtvPredictions {
  const { months, discount } = resolve(options);
  const n = summary.x.length;
  if (margin && margin.length !== n) throw new KcError('#VALUE!', `the margin column has ${margin.length} entries for ${n} clients`);
  if (bg) pAlive(bg, 0, 0, 0); // checks the parameters
  if (gg) expectedValue(gg, 0, 0); // checks the parameters and q > 1
  const blank = (): (number | null)[] => new Array<number | null>(n).fill(null);
  const out: LtvPredictions = { pAlive: blank(), expectedPurchases: blank(), expectedValue: blank(), clv: blank(), nonPositiveValue: 0, seriesFailed: 0 };
  const ends = monthEnds(months);
  const factors = discountFactors(months, discount);
  // the alive curve depends on x and T only: one per distinct (x, T)
  const curves = new Map<number, Map<number, Float64Array>>();
  for (let i = 0; i < n; i++) {
    const x = summary.x[i];
    if (Number.isNaN(x)) continue;
    const tx = summary.tx[i];
    const T = summary.T[i];
    const zbar = summary.zbar[i];
    let value: number | null = null;
    if (gg) {
      if (x > 0 && !(zbar > 0)) out.nonPositiveValue++;
      else value = expectedValueUnchecked(gg, x, zbar);
      out.expectedValue[i] = value;
    }
    if (!bg) continue;
    const alive = pAliveUnchecked(bg, x, tx, T);
    out.pAlive[i] = alive;
    let byT = curves.get(x);
    if (!byT) curves.set(x, (byT = new Map()));
    let curve = byT.get(T);
    if (!curve) {
      curve = aliveCurve(bg, x, T, ends);
      byT.set(T, curve);
    }
    if (Number.isNaN(curve[0])) {
      out.seriesFailed++;
      continue;
    }
    out.expectedPurchases[i] = curve[months - 1] * alive;
    const m = margin ? Math.min(1, Math.max(0, margin[i])) : 1;
    if (value !== null && !Number.isNaN(m)) out.clv[i] = discounted(curve, alive, value, m, factors);
  }
  return out;
}

/** The model LTV of every client, with the fits and the warnings that blanked columns. */
export interface LtvModel extends Pick<LtvPredictions, 'pAlive' | 'expectedPurchases' | 'expectedValue' | 'clv'> {
  /** The BG/NBD fit; null when it was not fitted or did not converge. */
  bgnbd: BgNbdFit | null;
  /** The Gamma-Gamma fit; null when it was not fitted, did not converge, or gave q <= 1. */
  gammaGamma: GammaGammaFit | null;
  /** Clients with a purchase up to the analysis date (those the BG/NBD model is fitted on). */
  clients: number;
  /** Clients with x > 0. */
  repeatBuyers: number;
  months: number;
  discount: number;
  /** Why columns are blank (codes ltv*, texts in src/core/i18n). */
  warnings: Warning[];
}

/**
 * Fits both models and predicts every client (METHODS.md section 10). A model fitted at an edge of its
 * parameter space (no drop-out: BG/NBD with a = 0; one mean purchase value for every client:
 * Gamma-Gamma with q = ∞) is used, with a warning saying so in plain words (`ltvNoDropout`,
 * `ltvSameMeanValue`). Each column is blank (null) where a model it needs is missing, with a warning saying why: fewer than 20 repeat buyers (all model
 * columns), BG/NBD not converged (P(alive), expected purchases, CLV), fewer than 20 repeat buyers with
 * a positive mean purchase, Gamma-Gamma not converged, or q <= 1 (expected value, CLV). A client with
 * no purchase up to the analysis date, a client whose repeat purchases net to zero or less (expected
 * value, CLV), or whose 2F1 series failed (expected purchases, CLV) is blank alone, counted in a warning.
 * @param summary x, t_x, T, zbar per client ({@link ltvSummary}).
 * @param margin per client in [0, 1] (clamped; see {@link ltvMargin}), or null for none (margin 1:
 *   the CLV is then revenue).
 * @param options horizon in months (default 12) and yearly discount rate (default 0.10).
 * @returns the fits, the counts, the warnings and the per-client columns.
 * @throws KcError `#VALUE!` for a bad horizon or discount, or a margin column of the wrong length.
 * @example ltvModel(ltvSummary(rows, asOf), null).clv[0] // the first client's 12-month CLV, or null
 */
export function ltvModel(summary: LtvSummary, margin: ArrayLike<number> | null, options: LtvOptions = {}): LtvModel {
  const { months, discount } = resolve(options);
  const n = summary.x.length;
  if (margin && margin.length !== n) throw new KcError('#VALUE!', `the margin column has ${margin.length} entries for ${n} clients`);
  const warnings: Warning[] = [];
  const { clients, repeatBuyers, valueBuyers } = buyersOf(summary);
  const blank = (): (number | null)[] => new Array<number | null>(n).fill(null);
  const result: LtvModel = {
    bgnbd: null,
    gammaGamma: null,
    clients,
    repeatBuyers,
    months,
    discount,
    warnings,
    pAlive: blank(),
    expectedPurchases: blank(),
    expectedValue: blank(),
    clv: blank(),
  };
  if (repeatBuyers < LTV_MIN_REPEAT_BUYERS) {
    warnings.push({ code: 'ltvTooFewRepeatBuyers', params: { buyers: repeatBuyers, needed: LTV_MIN_REPEAT_BUYERS } });
    return result;
  }
  const fits = options.fits ?? ltvFits(summary);
  const bg = fits.bgnbd ?? fitBgNbd(summary);
  // r running off past a million (its start is 1): the gamma spread of purchase rates vanishes, every
  // client buys at one rate (the Poisson limit), which BG/NBD reaches only at infinity; said so
  if (!bg.converged) warnings.push({ code: bg.r > SAME_RATE_R ? 'ltvBgNbdSameRate' : 'ltvBgNbdNotConverged', params: {} });
  else {
    result.bgnbd = bg;
    // fitted at the edge a = 0: said in plain words (docs/methods.md "LTV", "Edges of the parameter space")
    if (bg.boundary === 'noDropout') warnings.push({ code: 'ltvNoDropout', params: {} });
  }
  if (valueBuyers < LTV_MIN_REPEAT_BUYERS) {
    warnings.push({ code: 'ltvTooFewValueBuyers', params: { buyers: valueBuyers, needed: LTV_MIN_REPEAT_BUYERS } });
  } else {
    const gg = fits.gammaGamma ?? fitGammaGamma(summary);
    if (!gg.converged) warnings.push({ code: 'ltvGammaGammaNotConverged', params: {} });
    else if (!(gg.q > 1)) warnings.push({ code: 'ltvInfiniteMeanValue', params: { q: Math.round(gg.q * 1000) / 1000 } });
    else {
      result.gammaGamma = gg;
      if (gg.boundary === 'sameMeanValue') warnings.push({ code: 'ltvSameMeanValue', params: { value: Math.round(gg.meanValue * 100) / 100 } });
    }
  }
  const predicted = ltvPredict(result.bgnbd, result.gammaGamma, summary, margin, { months, discount });
  result.pAlive = predicted.pAlive;
  result.expectedPurchases = predicted.expectedPurchases;
  result.expectedValue = predicted.expectedValue;
  result.clv = predicted.clv;
  if (predicted.nonPositiveValue) warnings.push({ code: 'ltvNonPositiveValue', params: { clients: predicted.nonPositiveValue } });
  if (predicted.seriesFailed) warnings.push({ code: 'ltvSeriesFailed', params: { clients: predicted.seriesFailed } });
  return result;
}
