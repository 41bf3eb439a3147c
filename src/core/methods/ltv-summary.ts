import { KcError } from '../errors';

/**
 * The per-client facts the LTV models are fitted on (METHODS.md section 10), from the sales rows.
 * A purchase is a distinct order of the client, or, for rows without an order id, a distinct day;
 * it is worth the sum of its rows (returns included) and dated by its earliest row. Time is in weeks
 * (days / 7). Rows dated after the analysis date, or without a date, are left out.
 */

/** The sales rows, in columns: what the engine's `SalesData` holds (src/core/parse/sales.ts). */
export interface LtvRows {
  /** Client index (0-based) of each row. */
  client: ArrayLike<number>;
  /** Amount of each row (negative for a return). */
  amount: ArrayLike<number>;
  /** Day number of each row; NaN where there is no date (the row is left out). */
  day: ArrayLike<number>;
  /** Order id (0-based) of each row, -1 where blank; omitted where there is no order column. */
  order?: ArrayLike<number> | null;
}

/** The LTV summary, one entry per client index; NaN in every column for a client with no purchase up to asOf. */
export interface LtvSummary {
  /** Repeat purchases: purchases - 1. */
  x: Float64Array;
  /** Weeks from the first to the last purchase. */
  tx: Float64Array;
  /** Weeks from the first purchase to the analysis date. */
  T: Float64Array;
  /** Mean value of the repeat purchases (all but the first); 0 where x = 0. */
  zbar: Float64Array;
}

/**
 * Summarises sales rows into x, t_x, T, zbar per client (METHODS.md section 10). Purchases of one
 * client are ordered by date, then by their first row in the sheet: the first of them is "the first
 * purchase", left out of zbar.
 * @param rows client, amount, day (and order) per row; not mutated.
 * @param asOf the analysis date as a day number: rows after it are left out.
 * @param clients how many clients there are (default: the largest client index + 1).
 * @returns the summary columns, indexed by client.
 * @throws KcError `#VALUE!` for columns of unequal length, a client index outside 0..clients-1, or asOf
 *   not a finite day number.
 * @example ltvSummary({ client: [0, 0, 0], amount: [10, 5, 20], day: [0, 0, 14] }, 21) // x [1], tx [2], T [3], zbar [20]
 */
export function ltvSummary(rows: LtvRows, asOf: number, clients?: number): LtvSummary {
  const n = rows.client.length;
  const order = rows.order ?? null;
  if (rows.amount.length !== n || rows.day.length !== n || (order && order.length !== n)) {
    throw new KcError('#VALUE!', `client, amount, day (and order) must have the same length: ${n}, ${rows.amount.length}, ${rows.day.length}${order ? `, ${order.length}` : ''}`);
  }
  if (!Number.isFinite(asOf)) throw new KcError('#VALUE!', `the analysis date must be a day number, not ${asOf}`);
  let count = clients ?? 0;
  if (clients === undefined) for (let i = 0; i < n; i++) count = Math.max(count, rows.client[i] + 1);
  // bucket the rows that count by client (a counting sort: stable, so sheet order is kept)
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const c = rows.client[i];
    if (!(Number.isInteger(c) && c >= 0 && c < count)) throw new KcError('#VALUE!', `row ${i + 1}: client index ${c} is outside 0..${count - 1}`);
    if (rows.day[i] <= asOf) start[c + 1]++;
  }
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const next = start.slice(0, count);
  const bucket = new Int32Array(start[count]);
  for (let i = 0; i < n; i++) if (rows.day[i] <= asOf) bucket[next[rows.client[i]]++] = i;

  const out: LtvSummary = {
    x: new Float64Array(count).fill(NaN),
    tx: new Float64Array(count).fill(NaN),
    T: new Float64Array(count).fill(NaN),
    zbar: new Float64Array(count).fill(NaN),
  };
  // per client: purchases keyed by order id (rows with one) or by day (rows without)
  const byOrder = new Map<number, number>();
  const byDay = new Map<number, number>();
  // one client's purchases: day (earliest row), value (sum of rows), first row (sheet order)
  const pDay: number[] = [];
  const pValue: number[] = [];
  const pRow: number[] = [];
  for (let c = 0; c < count; c++) {
    const from = start[c];
    const to = start[c + 1];
    if (from === to) continue;
    byOrder.clear();
    byDay.clear();
    let purchases = 0;
    for (let k = from; k < to; k++) {
      const i = bucket[k];
      const o = order ? order[i] : -1;
      const day = rows.day[i];
      const map = o >= 0 ? byOrder : byDay;
      const key = o >= 0 ? o : day;
      let p = map.get(key);
      if (p === undefined) {
        p = purchases++;
        map.set(key, p);
        pDay[p] = day;
        pValue[p] = 0;
        pRow[p] = i;
      }
      pValue[p] += rows.amount[i];
      if (day < pDay[p]) pDay[p] = day;
    }
    // the first purchase: earliest date, then earliest first row
    let first = 0;
    let last = pDay[0];
    for (let p = 1; p < purchases; p++) {
      if (pDay[p] < pDay[first] || (pDay[p] === pDay[first] && pRow[p] < pRow[first])) first = p;
      if (pDay[p] > last) last = pDay[p];
    }
    let repeat = 0;
    for (let p = 0; p < purchases; p++) if (p !== first) repeat += pValue[p];
    const x = purchases - 1;
    out.x[c] = x;
    out.tx[c] = (last - pDay[first]) / 7;
    out.T[c] = (asOf - pDay[first]) / 7;
    out.zbar[c] = x > 0 ? repeat / x : 0;
  }
  return out;
}
