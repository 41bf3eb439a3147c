/**
 * The Key Clients custom functions (=KC.ABC_CLASS, =KC.XYZ_CLASS, =KC.RFM_SCORE, =KC.RENEW_INDEX,
 * =KC.CSI, =KC.NPS). custom-functions-metadata-plugin reads the JSDoc below into dist/functions.json
 * and appends `CustomFunctions.associate("ID", fn)` for each one to this module at build time;
 * scripts/functions-locales.js then writes the Russian and Polish metadata from ./strings.ts.
 *
 * Each function is a thin adapter: the logic is in ./adapters.ts (pure, tested in node); this file
 * only turns its error descriptors and thrown KcErrors into `CustomFunctions.Error`.
 *
 * Every parameter is typed `any` (ranges `any[][]`): Excel then hands the cells as they are (null for
 * an empty cell or an omitted argument, errors as values with allowErrorForDataTypeAny) and the
 * adapters read them by one set of rules, instead of Excel coercing a typed argument or answering
 * #VALUE! before the function runs. A range result is always a 2-D array; one cell in gives a 1 x 1
 * array, which dynamic-array Excel shows as a plain value (fill-down form). No function is volatile
 * or streaming: each depends only on its arguments.
 */
/* global CustomFunctions */
import { KcError, type ErrorCode } from '../core';
import {
  abcClassGrid,
  CellError,
  csiValue,
  npsValue,
  renewIndexGrid,
  rfmScoreGrid,
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

function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof KcError || e instanceof CellError) return new CustomFunctions.Error(errorCode(e.code), e.message);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
}

/** The grid with every CellError turned into a CustomFunctions.Error. */
function toExcel(grid: OutGrid): unknown[][] {
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v instanceof CellError) (row as unknown[])[c] = toExcelError(v);
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
 * ABC class (A, B, C; D for a negative value) of each value: by cumulative share (A up to 75 %, B up to 95 % of the total) or by multiples of the average.
 * @customfunction ABC_CLASS
 * @param values Amounts of the clients (a column or a range); with no population, they are classified against themselves and the classes spill.
 * @param population The amounts of all clients, to classify values against, for example $B$2:$B$800 to fill the formula down.
 * @param limit_a share: cumulative share of A (default 0.75, or 75); average: A from this multiple of the average (default 6).
 * @param limit_b share: cumulative share of B (default 0.95, or 95); average: C up to the average divided by this (default 2).
 * @param method "share" (default) or "average".
 * @returns A, B, C or D for each value, in the shape of values.
 */
export function abcClass(values: any[][], population?: any[][], limit_a?: any, limit_b?: any, method?: any): any[][] {
  return run(() => toExcel(abcClassGrid(values, population, limit_a, limit_b, method)));
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
 * Customer satisfaction index: answers from 8 to 10 divided by answers from 1 to 3 (above 1 is the minimum).
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
