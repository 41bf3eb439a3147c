/**
 * Test data of the LTV tests (METHODS.md section 10). Not a test file.
 * - The CDNOW sample (test/data/cdnow, copied from shared/data/cdnow with its README and source line).
 * - test/data/ltv/expected.json: values printed by test/independent/ltv_check.py (mpmath at 40 digits,
 *   scipy fits), an implementation of the published formulas independent of the engine.
 */
import * as fs from 'fs';
import * as path from 'path';
import { day } from './helpers';

const DATA = path.resolve(__dirname, '..', 'data');

/** The calibration period's end of the published benchmark. */
export const CDNOW_AS_OF = day(1997, 9, 30);

/** CDNOW_sample.txt: client = column 2 (1..2357, as index 0..2356), date = column 3, amount = column 5. */
export function cdnowTransactions(): { client: Int32Array; day: Float64Array; amount: Float64Array } {
  const lines = fs.readFileSync(path.join(DATA, 'cdnow', 'CDNOW_sample.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const client = new Int32Array(lines.length);
  const days = new Float64Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const [, id, date, , value] = line.trim().split(/\s+/);
    client[i] = Number(id) - 1;
    days[i] = day(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)));
    amount[i] = Number(value);
  });
  return { client, day: days, amount };
}

/** The published summary: one row per customer (ID 1..2357), the printed texts and their numbers. */
export interface CdnowSummaryRow {
  id: number;
  printed: { x: string; tx: string; T: string; zbar: string };
}

export function cdnowSummaryRows(): CdnowSummaryRow[] {
  const lines = fs.readFileSync(path.join(DATA, 'cdnow', 'cdnow_customers_summary_with_transactions.csv'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  if (lines[0] !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected header ${lines[0]}`);
  return lines.slice(1).map((l) => {
    const [id, x, tx, T, zbar] = l.split(',');
    return { id: Number(id), printed: { x, tx, T, zbar } };
  });
}

/** The published summary as numbers, in columns (what the lifetimes and BTYD examples fit on). */
export function cdnowSummary(): { x: Float64Array; tx: Float64Array; T: Float64Array; zbar: Float64Array } {
  const rows = cdnowSummaryRows();
  return {
    x: Float64Array.from(rows, (r) => Number(r.printed.x)),
    tx: Float64Array.from(rows, (r) => Number(r.printed.tx)),
    T: Float64Array.from(rows, (r) => Number(r.printed.T)),
    zbar: Float64Array.from(rows, (r) => Number(r.printed.zbar)),
  };
}

/**
 * A number as the summary file prints it: 2 decimals, halves rounded away from zero on the exact
 * decimal value (the file's zbar of customer 1 is 22.35 for (29.73 + 14.96) / 2 = 22.345, which binary
 * floating point holds as 22.344999...). The nudge of 1e-9 cents moves such a value back onto its
 * half; no value of the benchmark is within 1e-9 cents of a half without being one (amounts are whole
 * cents, divided by at most a few dozen purchases).
 */
export function printed2(v: number): string {
  const cents = Math.floor(Math.abs(v) * 100 + 0.5 + 1e-9);
  return `${v < 0 && cents ? '-' : ''}${(cents / 100).toFixed(2)}`;
}

type Params = Record<string, number>;
export interface Expected {
  lgamma: [number, number][];
  digamma: [number, number][];
  hyp2f1: [number, number, number, number, number][];
  bgnbd: { params: { r: number; alpha: number; a: number; b: number }; x: number; tx: number; T: number; t: number; pAlive: number; expected: number }[];
  expectedValue: { params: { p: number; q: number; gamma: number }; x: number; zbar: number; value: number }[];
  clv: {
    bg: { r: number; alpha: number; a: number; b: number };
    gg: { p: number; q: number; gamma: number };
    x: number;
    tx: number;
    T: number;
    zbar: number;
    margin: number;
    discount: number;
    months: number;
    clv: number;
  }[];
  cdnowFit: { bgnbd: Params; gammaGamma: Params; publishedLogLikelihood: number };
}

/** The independent values (test/data/ltv/expected.json). */
export function expected(): Expected {
  return JSON.parse(fs.readFileSync(path.join(DATA, 'ltv', 'expected.json'), 'utf8')) as Expected;
}

/** |actual - wanted| / |wanted| (absolute where wanted is 0). */
export function relativeError(actual: number, wanted: number): number {
  return wanted === 0 ? Math.abs(actual) : Math.abs(actual - wanted) / Math.abs(wanted);
}

/** A number to 3 significant digits, as the published benchmark gives its parameters. */
export function sig3(v: number): number {
  return Number(v.toPrecision(3));
}

/** Clients' histories (x, t_x, T in weeks) or repeat purchases (x, zbar), as edges.json stores them. */
export interface EdgeHistories {
  x: number[];
  tx: number[];
  T: number[];
}
export interface EdgeBuyers {
  x: number[];
  zbar: number[];
}
export interface GammaGammaEdge {
  data: EdgeBuyers;
  limit: { p: number; meanValue: number; logLikelihood: number };
  /** d LL / d(1/q) at the limit: below 0 where the limit is the likelihood's highest point. */
  scoreTowardsEdge: number;
  fullBest: { p: number; q: number; gamma: number; logLikelihood: number };
  /** [q, LL(p, q, q / ν) - LL(limit)] by mpmath, q running to 1e7. */
  towardsEdge: [number, number][];
}

/**
 * The independent values of the edges of the parameter space and of the portable ln / exp
 * (test/data/ltv/edges.json, printed by test/independent/ltv_edges_check.py: data drawn there, scipy
 * fits, mpmath at 40 digits).
 */
export interface Edges {
  noDropout: {
    data: EdgeHistories;
    nbd: { r: number; alpha: number; logLikelihood: number };
    fullBest: { params: number[]; logLikelihood: number };
    /** [a, b, LL(r, α, a, b) - LL(r, α, a -> 0)] by mpmath at the NBD's r, α. */
    towardsEdge: [number, number, number][];
  };
  dropout: { data: EdgeHistories; fit: { r: number; alpha: number; a: number; b: number; logLikelihood: number }; nbdLogLikelihood: number };
  sameMeanValue: GammaGammaEdge;
  nearEdge: GammaGammaEdge;
  spread: { data: EdgeBuyers; fit: { p: number; q: number; gamma: number; logLikelihood: number }; limitLogLikelihood: number };
  ln: [number, number][];
  exp: [number, number][];
  ln1p: [number, number][];
  lgammaDelta: [number, number, number][];
  digammaDelta: [number, number, number][];
  lnMinusDigamma: [number, number][];
}

export function edges(): Edges {
  return JSON.parse(fs.readFileSync(path.join(DATA, 'ltv', 'edges.json'), 'utf8')) as Edges;
}

/** The distance between two doubles in units of the last place of the exact value `wanted`. */
export function ulps(actual: number, wanted: number): number {
  if (actual === wanted) return 0;
  const ulp = (v: number) => {
    const a = Math.abs(v);
    if (a < 2.2250738585072014e-308) return 5e-324;
    let e = Math.floor(Math.log2(a));
    if (2 ** e > a) e -= 1; // log2 may round up just below a power of 2
    return 2 ** (e - 52);
  };
  return Math.abs(actual - wanted) / ulp(wanted);
}
