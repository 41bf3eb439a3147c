/**
 * The Key Clients custom functions: =KC.ABC_CLASS, XYZ_CLASS, RFM_SCORE, RENEW_INDEX, CSI, NPS;
 * RETENTION, CHURN_RATE (METHODS.md section 9); LTV_SUMMARY, BGNBD_FIT, GG_FIT, P_ALIVE,
 * EXPECTED_PURCHASES, EXPECTED_VALUE, CLV (section 10). custom-functions-metadata-plugin reads the
 * JSDoc below into dist/functions.json and appends `CustomFunctions.associate("ID", fn)` for each one
 * to this module at build time; scripts/functions-locales.js then writes the Russian and Polish
 * metadata from ./strings.ts.
 *
 * Each function is a thin adapter: the logic is in ./adapters.ts and the modules it re-exports (pure,
 * tested in node); this file only prepares a result for Excel (./cells.ts `prepareResult`: the codes
 * Excel shows a message on, repeated messages shortened, the size a spill may take) and turns its
 * error descriptors and thrown KcErrors into `CustomFunctions.Error`.
 *
 * Every parameter is typed `any` (ranges `any[][]`): Excel then hands the cells as they are (null for
 * an empty cell or an omitted argument, errors as values with allowErrorForDataTypeAny) and the
 * adapters read them by one set of rules, instead of Excel coercing a typed argument or answering
 * #VALUE! before the function runs. A range result is always a 2-D array; one cell in gives a 1 x 1
 * array, which dynamic-array Excel shows as a plain value (fill-down form). No function is volatile
 * or streaming: each depends only on its arguments. The runtime adds an invocation context after the
 * declared arguments; no function reads it.
 */
/* global CustomFunctions */
import type { ErrorCode } from '../core';
import {
  abcClassGrid,
  bgnbdFitGrid,
  CellError,
  churnRateValue,
  clvGrid,
  csiValue,
  expectedPurchasesGrid,
  expectedValueGrid,
  ggFitGrid,
  ltvSummaryGrid,
  npsValue,
  pAliveGrid,
  prepareResult,
  renewIndexGrid,
  retentionValue,
  rfmScoreGrid,
  wholeError,
  xyzClassGrid,
  type OutGrid,
} from './adapters';

function errorCode(code: ErrorCode): CustomFunctions.ErrorCode {
  switch (code) {
    case '#NUM!':
      return CustomFunctions.ErrorCode.invalidNumber;
    case '#DIV/0!':
      return CustomFunctions.ErrorCode.divisionByZero;
    case '#N/A':
      return CustomFunctions.ErrorCode.notAvailable;
    default:
      return CustomFunctions.ErrorCode.invalidValue;
  }
}

/** Any thrown value as the Excel error of the whole result (./cells.ts `wholeError`: the code rule). */
function toExcelError(e: unknown): CustomFunctions.Error {
  const { code, message } = wholeError(e);
  return new CustomFunctions.Error(errorCode(code), message);
}

/** The grid prepared for Excel, every CellError turned into a CustomFunctions.Error. @throws KcError over the size budget */
function toExcel(grid: OutGrid): unknown[][] {
  prepareResult(grid);
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v instanceof CellError) (row as unknown[])[c] = new CustomFunctions.Error(errorCode(v.code), v.message);
    }
  }
  return grid;
}

function run<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw toExcelError(e);
  }
}

/**
 * ABC class (A, B, C; D for a negative value or, with profit, a loss) of each value: by cumulative share (A up to 75 %, B up to 95 % of the total) or by multiples of the average.
 * @customfunction ABC_CLASS
 * @param values Amounts of the clients (a column or a range); with no population, they are classified against themselves and the classes spill.
 * @param population The amounts of all clients, to classify values against, for example $B$2:$B$800 to fill the formula down.
 * @param limit_a share: cumulative share of A (default 0.75, or 75); average: A from this multiple of the average (default 6).
 * @param limit_b share: cumulative share of B (default 0.95, or 95); average: C up to the average divided by this (default 2).
 * @param method "share" (default) or "average".
 * @param profit Profit of each value (same size as values): a value whose profit is below zero is D, as in the pane and the Clients table.
 * @returns A, B, C or D for each value, in the shape of values.
 */
export function abcClass(values: any[][], population?: any[][], limit_a?: any, limit_b?: any, method?: any, profit?: any[][]): any[][] {
  return run(() => toExcel(abcClassGrid(values, population, limit_a, limit_b, method, profit)));
}

/**
 * XYZ class (X stable, Y variable, Z irregular) of each client from its amounts per period: by the coefficient of variation or by the share of periods with purchases.
 * @customfunction XYZ_CLASS
 * @param period_values Amounts per period: one row per client, one column per period (blank = no purchase).
 * @param limit_x cv: X if CV is at most this (default 0.10); frequency: X if at least this share of periods has purchases (default 0.75).
 * @param limit_y cv: Y if CV is at most this (default 0.25); frequency: Y if at least this share of periods has purchases (default 0.25).
 * @param method "cv" (default) or "frequency".
 * @returns X, Y or Z for each row.
 */
export function xyzClass(period_values: any[][], limit_x?: any, limit_y?: any, method?: any): any[][] {
  return run(() => toExcel(xyzClassGrid(period_values, limit_x, limit_y, method)));
}

/**
 * RFM code of each client (recency, frequency, monetary, each scored 1 to bins; 555 is best), by ties-aware percent rank.
 * @customfunction RFM_SCORE
 * @param last_purchase Date of the last purchase of each client (or days since it, with recency_in_days TRUE).
 * @param frequency Number of purchases of each client.
 * @param monetary Revenue of each client.
 * @param bins Number of scores, 2 to 9 (default 5).
 * @param recency_in_days TRUE when last_purchase holds days since the last purchase (fewer is better); default FALSE (dates).
 * @returns The three-digit code of each client, for example 545.
 */
export function rfmScore(last_purchase: any[][], frequency: any[][], monetary: any[][], bins?: any, recency_in_days?: any): any[][] {
  return run(() => toExcel(rfmScoreGrid(last_purchase, frequency, monetary, bins, recency_in_days)));
}

/**
 * Renew index of each refused lead: the sum of its criteria scores (brand, order, refusal...), each times its weight.
 * @customfunction RENEW_INDEX
 * @param scores Criteria scores: one row per lead, one column per criterion (0 to max_score, or TRUE/FALSE).
 * @param weights One weight per criterion, a row as wide as scores (default: all 1).
 * @param max_score Highest allowed score (default 5).
 * @returns The index of each lead.
 */
export function renewIndex(scores: any[][], weights?: any[][], max_score?: any): any[][] {
  return run(() => toExcel(renewIndexGrid(scores, weights, max_score)));
}

/**
 * Customer satisfaction index: answers from 8 to 10 divided by answers from 1 to 3 (above 1 is the minimum); #N/A when no answer is from 1 to 3.
 * @customfunction CSI
 * @param scores Answers to "how likely are you to recommend us", 1 to 10; blanks are ignored.
 * @param attract_min Lowest answer of a satisfied client (default 8).
 * @param detract_max Highest answer of a dissatisfied client (default 3).
 * @returns The CSI.
 */
export function csiIndex(scores: any[][], attract_min?: any, detract_max?: any): number {
  return run(() => csiValue(scores, attract_min, detract_max));
}

/**
 * Net promoter score: 100 x (answers 9-10 minus answers 0-6) / all answers.
 * @customfunction NPS
 * @param scores Answers to "how likely are you to recommend us", 0 to 10; blanks are ignored.
 * @returns The NPS, from -100 to 100.
 */
export function npsScore(scores: any[][]): number {
  return run(() => npsValue(scores));
}

/**
 * Retention rate: the share of the first list's distinct clients that are also in the second (names compared case- and space-insensitively).
 * @customfunction RETENTION
 * @param previous_clients Clients of the earlier period (a column or a range, repeats allowed; blanks are ignored).
 * @param current_clients Clients of the later period.
 * @returns The share from 0 to 1 (format as a percent); #N/A when the first list is empty.
 */
export function retention(previous_clients: any[][], current_clients: any[][]): number {
  return run(() => retentionValue(previous_clients, current_clients));
}

/**
 * Churn rate: the share of the first list's distinct clients that are not in the second (1 minus RETENTION).
 * @customfunction CHURN_RATE
 * @param previous_clients Clients of the earlier period (a column or a range, repeats allowed; blanks are ignored).
 * @param current_clients Clients of the later period.
 * @returns The share from 0 to 1 (format as a percent); #N/A when the first list is empty.
 */
export function churnRate(previous_clients: any[][], current_clients: any[][]): number {
  return run(() => churnRateValue(previous_clients, current_clients));
}

/**
 * Per-client history for the LTV models from sales rows: client, x (repeat purchases), t_x and T (weeks from the first purchase to the last one and to the analysis date), zbar (mean repeat purchase).
 * @customfunction LTV_SUMMARY
 * @param clients Client of each sales row.
 * @param dates Date of each sales row.
 * @param amounts Amount of each sales row (negative for a return).
 * @param as_of Analysis date: rows after it are left out (default: the latest date).
 * @param orders Order number of each row: a purchase is an order (default: a purchase is a day of the client).
 * @returns One row per client: client, x, t_x, T, zbar.
 */
export function ltvSummary(clients: any[][], dates: any[][], amounts: any[][], as_of?: any, orders?: any[][]): any[][] {
  return run(() => toExcel(ltvSummaryGrid(clients, dates, amounts, as_of, orders)));
}

/**
 * BG/NBD model fitted by maximum likelihood (Fader, Hardie and Lee 2005): r, alpha, a, b, the log-likelihood and the number of clients, as label and value rows; a = 0 and b blank where the data show no drop-out.
 * @customfunction BGNBD_FIT
 * @param x Repeat purchases of each client (LTV_SUMMARY's second column).
 * @param t_x Weeks from the first to the last purchase of each client.
 * @param T Weeks from the first purchase of each client to the analysis date.
 * @returns Six rows of label and value, the range P_ALIVE, EXPECTED_PURCHASES and CLV take.
 */
export function bgnbdFit(x: any[][], t_x: any[][], T: any[][]): any[][] {
  return run(() => toExcel(bgnbdFitGrid(x, t_x, T)));
}

/**
 * Gamma-Gamma model of purchase values fitted by maximum likelihood over clients with repeat purchases: p, q, gamma, the log-likelihood, the number of clients and the mean purchase value, as label and value rows; q and gamma blank where every client has the same mean value.
 * @customfunction GG_FIT
 * @param x Repeat purchases of each client.
 * @param zbar Mean value of each client's repeat purchases.
 * @returns Six rows of label and value, the range EXPECTED_VALUE and CLV take.
 */
export function ggFit(x: any[][], zbar: any[][]): any[][] {
  return run(() => toExcel(ggFitGrid(x, zbar)));
}

/**
 * Probability that each client is still active (BG/NBD P(alive)); 1 for a client without repeat purchases.
 * @customfunction P_ALIVE
 * @param x Repeat purchases of each client.
 * @param t_x Weeks from the first to the last purchase of each client.
 * @param T Weeks from the first purchase of each client to the analysis date.
 * @param bgnbd_params The range BGNBD_FIT spilled, or r, alpha, a, b.
 * @returns The probability of each client, 0 to 1.
 */
export function pAlive(x: any[][], t_x: any[][], T: any[][], bgnbd_params: any[][]): any[][] {
  return run(() => toExcel(pAliveGrid(x, t_x, T, bgnbd_params)));
}

/**
 * Expected number of purchases of each client in the next months (BG/NBD).
 * @customfunction EXPECTED_PURCHASES
 * @param x Repeat purchases of each client.
 * @param t_x Weeks from the first to the last purchase of each client.
 * @param T Weeks from the first purchase of each client to the analysis date.
 * @param bgnbd_params The range BGNBD_FIT spilled, or r, alpha, a, b.
 * @param months Horizon in whole months, 1 to 120 (default 12).
 * @returns The expected purchases of each client.
 */
export function expectedPurchases(x: any[][], t_x: any[][], T: any[][], bgnbd_params: any[][], months?: any): any[][] {
  return run(() => toExcel(expectedPurchasesGrid(x, t_x, T, bgnbd_params, months)));
}

/**
 * Expected value of each client's future purchase (Gamma-Gamma).
 * @customfunction EXPECTED_VALUE
 * @param x Repeat purchases of each client.
 * @param zbar Mean value of each client's repeat purchases.
 * @param gg_params The range GG_FIT spilled, or p, q, gamma.
 * @returns The expected value of one purchase of each client.
 */
export function expectedValue(x: any[][], zbar: any[][], gg_params: any[][]): any[][] {
  return run(() => toExcel(expectedValueGrid(x, zbar, gg_params)));
}

/**
 * Customer lifetime value of each client over the next months: expected purchases times their expected value times the margin, discounted monthly (BG/NBD and Gamma-Gamma).
 * @customfunction CLV
 * @param x Repeat purchases of each client.
 * @param t_x Weeks from the first to the last purchase of each client.
 * @param T Weeks from the first purchase of each client to the analysis date.
 * @param zbar Mean value of each client's repeat purchases.
 * @param bgnbd_params The range BGNBD_FIT spilled, or r, alpha, a, b.
 * @param gg_params The range GG_FIT spilled, or p, q, gamma.
 * @param margin Profit share of revenue: one value for all (0.3 or 30%) or one per client (clamped to 0..1); default 1 (the CLV is revenue).
 * @param months Horizon in whole months, 1 to 120 (default 12).
 * @param discount Yearly discount rate (default 0.10; 10 or 10% is 0.10).
 * @returns The CLV of each client, in the currency of the amounts.
 */
export function clv(x: any[][], t_x: any[][], T: any[][], zbar: any[][], bgnbd_params: any[][], gg_params: any[][], margin?: any[][], months?: any, discount?: any): any[][] {
  return run(() => toExcel(clvGrid(x, t_x, T, zbar, bgnbd_params, gg_params, margin, months, discount)));
}
