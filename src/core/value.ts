import type { Settings } from './settings';
import type { Warning } from './types';
import type { Day } from './parse/dates';
import { dayToIso } from './parse/dates';
import type { SalesData } from './parse/sales';
import type { ClientResult } from './segment';
import { ltvSummary, type LtvSummary } from './methods/ltv-summary';
import { ltvFits, ltvMargin, ltvModel, type LtvFits } from './methods/ltv';
import { ltvSimple } from './methods/ltv-simple';
import { retentionOfDynamics, windowRetention, type DynamicsResult, type WindowRetention } from './methods/dynamics';
import type { BgNbdFit } from './methods/bgnbd';
import type { GammaGammaFit } from './methods/gamma-gamma';

/**
 * The LTV step of the segmentation (METHODS.md section 10; the rules it leaves open are in
 * docs/methods.md, "LTV"): each client's summary from the sales rows, both models fitted and every
 * client predicted over the horizon of the settings, and the simple LTV on section 9's retention
 * with W = 12.
 */

/** A key client whose P(alive) is below this is flagged (Key clients sheet, Summary, pane). */
export const LOW_P_ALIVE = 0.5;

/** The window of the simple LTV's retention rate, in months (METHODS.md section 10: W = 12). */
export const SIMPLE_LTV_WINDOW_MONTHS = 12;

/** What the LTV step found, beside the per-client fields it fills in (`SegmentationResult.ltv`). */
export interface SegmentLtv {
  /** The horizon of expected purchases and CLV, in months (settings.ltv.months). */
  months: number;
  /** The yearly discount rate (settings.ltv.discount), as a fraction. */
  discount: number;
  /** The BG/NBD fit; null when it was not fitted or did not converge (a warning says why). */
  bgnbd: BgNbdFit | null;
  /** The Gamma-Gamma fit; null when it was not fitted, did not converge or gave q <= 1. */
  gammaGamma: GammaGammaFit | null;
  /** Clients with a purchase up to the analysis date: those the BG/NBD model is fitted on. */
  clients: number;
  /** Of those, the clients with a repeat purchase (x > 0). */
  repeatBuyers: number;
  /** Section 9's retention with W = 12, the r of the simple LTV (its per-client sums left out). */
  retention: Omit<WindowRetention, 'revenueCurrent' | 'profitCurrent'>;
  /** Sum of the clients' expected purchases over the horizon; null when every one is blank. */
  totalExpectedPurchases: number | null;
  /** Sum of the clients' CLV over the horizon; null when every one is blank. */
  totalClv: number | null;
  /** Key clients whose P(alive) is below {@link LOW_P_ALIVE}. */
  keyClientsLowPAlive: number;
  /** Why columns are blank (codes ltv*; also in the result's warnings). */
  warnings: Warning[];
}

/**
 * Whether a client is a key client the model thinks has probably stopped buying: a key client whose
 * P(alive) is below {@link LOW_P_ALIVE}.
 * @param c a client of the segmentation.
 * @returns true for a key client with P(alive) < 0.5; false otherwise, and where P(alive) is blank.
 * @example isKeyClientLowPAlive({ keyClient: true, pAlive: 0.3 }) // true
 */
export function isKeyClientLowPAlive(c: Pick<ClientResult, 'keyClient' | 'pAlive'>): boolean {
  return c.keyClient && c.pAlive !== null && c.pAlive < LOW_P_ALIVE;
}

/** Sum of the non-blank entries; null when all are blank. */
function total(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let any = false;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    any = true;
  }
  return any ? sum : null;
}

/**
 * The LTV step: fills in pAlive, expectedPurchases, expectedValue, clv and ltvSimple of every client
 * (blank where a model it needs is missing) and returns the fits, counts and warnings. Model LTV:
 * {@link ltvSummary} of the rows up to asOf (a purchase is a distinct order, or a day for rows
 * without an order id), {@link ltvModel} with the margin profit / revenue of each client's history
 * (none without a profit column: the CLV is then revenue) over `settings.ltv`. Simple LTV: m = the
 * client's profit (revenue without a profit column) in the last 12 months, r = section 9's
 * retentionRate with W = 12 ({@link windowRetention}; taken from the run's dynamics, without another
 * pass over the rows, when they were computed with a 12-month window on the same asOf), d =
 * settings.ltv.discount. The warnings are added to `warnings` too. Run after the key clients are set (it counts those with a
 * low P(alive)).
 * @param sales the valid rows; not mutated.
 * @param clients the clients by client index of `sales` (mutated: the five fields are set).
 * @param asOf the analysis date.
 * @param settings resolved settings (`ltv.months`, `ltv.discount`).
 * @param warnings the run's warnings (the step's are added).
 * @param dynamics the run's KPIs over time (section 9), when computed: with a 12-month window on
 *   `asOf` they already hold the simple LTV's retention and current-window sums.
 * @returns the step's findings.
 * @example segmentValue(sales, clients, asOf, resolveSettings(), []).bgnbd?.r
 */
export function segmentValue(
  sales: SalesData,
  clients: readonly ClientResult[],
  asOf: Day,
  settings: Settings,
  warnings: Warning[],
  dynamics: DynamicsResult | null = null,
): SegmentLtv {
  const k = clients.length;
  const columns = {
    revenue: Float64Array.from(clients, (c) => c.revenue),
    profit: Float64Array.from(clients, (c) => c.profit ?? 0),
    rows: Int32Array.from(clients, (c) => c.rows),
    keyClient: Uint8Array.from(clients, (c) => (c.keyClient ? 1 : 0)),
  };
  const value = valueOfClients(sales, columns, asOf, settings, warnings, dynamics);
  for (let c = 0; c < k; c++) {
    const cl = clients[c];
    cl.pAlive = value.pAlive[c];
    cl.expectedPurchases = value.expectedPurchases[c];
    cl.expectedValue = value.expectedValue[c];
    cl.clv = value.clv[c];
    cl.ltvSimple = value.ltvSimple[c];
  }
  return value.ltv;
}

/**
 * The model LTV's summary and fits made before the segmentation reaches its LTV step (the command
 * line makes them in a worker thread while the other steps run), for one analysis date:
 * {@link ltvAhead}.
 */
export interface LtvAhead {
  asOf: Day;
  summary: LtvSummary;
  fits: LtvFits;
}

/**
 * Where the LTV step may find its summary and fits made ahead: given the run's analysis date and
 * client count, an {@link LtvAhead} or null. One made for another date or other clients is not used.
 */
export type LtvSource = (asOf: Day, clients: number) => LtvAhead | null;

/** The sales rows as the LTV summary reads them. */
function ltvRowsOf(sales: Pick<SalesData, 'client' | 'amount' | 'day' | 'order' | 'mapping'>) {
  return { client: sales.client, amount: sales.amount, day: sales.day, order: sales.mapping.order !== undefined ? sales.order : null };
}

/**
 * The model LTV's summary and fits for a run on `sales` as of `asOf` ({@link analysisDateOf}): what
 * the LTV step would make, made ahead (in the command line's worker thread).
 * @param sales the rows (client, amount, day, order and the mapping) of {@link readSales}.
 * @param asOf the analysis date the run will have.
 * @param clients the run's client count.
 * @example ltvAhead(sales, analysisDateOf(sales, settings)!, sales.clientNames.length).fits.bgnbd?.r
 */
export function ltvAhead(sales: Pick<SalesData, 'client' | 'amount' | 'day' | 'order' | 'mapping'>, asOf: Day, clients: number): LtvAhead {
  const summary = ltvSummary(ltvRowsOf(sales), asOf, clients);
  return { asOf, summary, fits: ltvFits(summary) };
}

/** What {@link valueOfClients} finds: the step's findings and the five per-client fields, by client index (null where blank). */
export interface ClientsValue {
  ltv: SegmentLtv;
  pAlive: (number | null)[];
  expectedPurchases: (number | null)[];
  expectedValue: (number | null)[];
  clv: (number | null)[];
  ltvSimple: (number | null)[];
}

/**
 * {@link segmentValue} on the clients' columns, by client index (the segmentation keeps its clients
 * in columns until its last step): revenue, profit (0 without a profit column), rows (0 for a client
 * with no row up to asOf: it takes no part) and key client (1 or 0).
 * @returns the step's findings and the five per-client fields, by client index.
 */
export function valueOfClients(
  sales: SalesData,
  clients: { revenue: ArrayLike<number>; profit: ArrayLike<number>; rows: ArrayLike<number>; keyClient: ArrayLike<number> },
  asOf: Day,
  settings: Settings,
  warnings: Warning[],
  dynamics: DynamicsResult | null = null,
  source: LtvSource | null = null,
): ClientsValue {
  const hasProfit = sales.mapping.profit !== undefined;
  const hasOrders = sales.mapping.order !== undefined;
  const k = clients.rows.length;
  const { months, discount } = settings.ltv;

  // model LTV: the summary and fits made ahead for this analysis date and these clients, or made here
  const given = source?.(asOf, k) ?? null;
  const ahead = given !== null && given.asOf === asOf && given.summary.x.length === k ? given : null;
  const summary = ahead?.summary ?? ltvSummary(ltvRowsOf(sales), asOf, k);
  let margin: Float64Array | null = null;
  if (hasProfit) {
    margin = new Float64Array(k);
    for (let c = 0; c < k; c++) margin[c] = ltvMargin(clients.profit[c], clients.revenue[c]);
  }
  const model = ltvModel(summary, margin, { months, discount, fits: ahead?.fits });

  // simple LTV: when the run's dynamics have a 12-month window they hold the same retention rate and
  // current-window sums (result.dynamics.kpis.retentionRate): reuse them instead of another pass
  const reuse = dynamics !== null && dynamics.windowMonths === SIMPLE_LTV_WINDOW_MONTHS && dynamics.asOf === asOf;
  const { revenueCurrent, profitCurrent, ...retention } = reuse ? retentionOfDynamics(dynamics) : windowRetention(sales, asOf, SIMPLE_LTV_WINDOW_MONTHS);
  const m = profitCurrent ?? revenueCurrent;
  const r = retention.retentionRate;
  const stepWarnings = [...model.warnings];
  const period = { from: dayToIso(retention.previous.from), to: dayToIso(retention.previous.to) };
  if (r === null) stepWarnings.push({ code: 'ltvSimpleNoRetention', params: period });
  else if (!(1 + discount - r > 0)) stepWarnings.push({ code: 'ltvSimpleNoEnd', params: period });

  let keyClientsLowPAlive = 0;
  const simple = new Array<number | null>(k);
  for (let c = 0; c < k; c++) {
    // a client with no row up to asOf takes no part (it is not in the result)
    simple[c] = clients.rows[c] > 0 ? ltvSimple(m[c], r, discount) : null;
    const alive = model.pAlive[c];
    if (clients.keyClient[c] && alive !== null && alive < LOW_P_ALIVE) keyClientsLowPAlive++;
  }
  warnings.push(...stepWarnings);
  return {
    ltv: {
      months,
      discount,
      bgnbd: model.bgnbd,
      gammaGamma: model.gammaGamma,
      clients: model.clients,
      repeatBuyers: model.repeatBuyers,
      retention,
      totalExpectedPurchases: total(model.expectedPurchases),
      totalClv: total(model.clv),
      keyClientsLowPAlive,
      warnings: stepWarnings,
    },
    pAlive: model.pAlive,
    expectedPurchases: model.expectedPurchases,
    expectedValue: model.expectedValue,
    clv: model.clv,
    ltvSimple: simple,
  };
}

/** The per-client keys of the LTV in the command line's --json (issue 11), in order, with the result field each holds. */
export const LTV_CLIENT_JSON_KEYS = [
  ['pAlive', 'pAlive'],
  ['expectedPurchases12m', 'expectedPurchases'],
  ['expectedValue', 'expectedValue'],
  ['clv12m', 'clv'],
  ['ltvSimple', 'ltvSimple'],
] as const;

/** A client's LTV in the --json: P(alive), expected purchases and CLV over the horizon (named 12m whatever the horizon), expected value, simple LTV. */
export type ClientLtvJson = { [K in (typeof LTV_CLIENT_JSON_KEYS)[number][0]]: number | null };

/** The `ltvModel` of the --json (issue 11). */
export interface LtvModelJson {
  /** b is null at the no-drop-out limit (a = 0, `boundary: 'noDropout'`: b has no effect there). */
  bgnbd: { r: number; alpha: number; a: number; b: number | null; logLikelihood: number; boundary: 'noDropout' | null } | null;
  /**
   * At the limit where every client has the same mean purchase value (`boundary: 'sameMeanValue'`)
   * q and gamma are null (infinite), and so are p and the log-likelihood where every repeat buyer's
   * mean purchase is the same; meanValue (p gamma / (q - 1), the population's mean purchase value) is
   * then every client's expected value.
   */
  gammaGamma: { p: number | null; q: number | null; gamma: number | null; logLikelihood: number | null; meanValue: number | null; boundary: 'sameMeanValue' | null } | null;
  /** Clients the BG/NBD model was fitted on; 0 when it was not fitted. */
  clients: number;
  /** The horizon of expectedPurchases12m and clv12m, in months. */
  months: number;
  discount: number;
  /** Clients with a repeat purchase (the model needs 20). */
  repeatBuyers: number;
  /** The simple LTV's r: retention over 12 months; null when no client bought in the previous 12 months. */
  retentionRate: number | null;
  /** Key clients with P(alive) below 0.5. */
  keyClientsLowPAlive: number;
  /** Why columns are blank. */
  warnings: Warning[];
}

/**
 * The LTV of a segmentation as the --json carries it: `ltvModel` (issue 11's keys first).
 * @param ltv the result's `ltv`; null without a date column.
 * @returns the plain object, or null.
 * @example ltvModelJson(result.ltv)?.bgnbd // { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426, logLikelihood: -9582.43 } on the CDNOW sample
 */
export function ltvModelJson(ltv: SegmentLtv | null): LtvModelJson | null {
  if (!ltv) return null;
  const bg = ltv.bgnbd;
  const gg = ltv.gammaGamma;
  // the limits' infinite parameters are null (JSON has no Infinity)
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    bgnbd: bg && { r: bg.r, alpha: bg.alpha, a: bg.a, b: finite(bg.b), logLikelihood: bg.logLikelihood, boundary: bg.boundary },
    gammaGamma: gg && { p: finite(gg.p), q: finite(gg.q), gamma: finite(gg.gamma), logLikelihood: finite(gg.logLikelihood), meanValue: finite(gg.meanValue), boundary: gg.boundary },
    clients: bg ? bg.clients : 0,
    months: ltv.months,
    discount: ltv.discount,
    repeatBuyers: ltv.repeatBuyers,
    retentionRate: ltv.retention.retentionRate,
    keyClientsLowPAlive: ltv.keyClientsLowPAlive,
    warnings: ltv.warnings.map((w) => ({ code: w.code, params: { ...w.params } })),
  };
}

/**
 * One client's LTV keys of the --json.
 * @param c a client of the segmentation.
 * @returns { pAlive, expectedPurchases12m, expectedValue, clv12m, ltvSimple }, null where blank.
 * @example clientLtvJson(result.clients[0]).clv12m
 */
export function clientLtvJson(c: ClientResult): ClientLtvJson {
  const out = {} as ClientLtvJson;
  for (const [key, field] of LTV_CLIENT_JSON_KEYS) out[key] = c[field];
  return out;
}
