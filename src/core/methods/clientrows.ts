import type { Day } from '../parse/dates';

/**
 * Rows grouped by client: the rows of client c are positions `start[c]` up to (not including)
 * `start[c + 1]`, in sheet order, of `rows` (their index in the sales data) and of the gathered
 * columns. Typed arrays only, whatever the number of rows; reading one client's rows is sequential.
 */
export interface ClientRows {
  /** k + 1 offsets. */
  start: Int32Array;
  /** Row indexes in the sales data, grouped by client. */
  rows: Int32Array;
  /** The day of each grouped row. */
  day: Float64Array;
  /** The amount of each grouped row. */
  amount: Float64Array;
  /** The profit of each grouped row, when asked for. */
  profit: Float64Array | null;
  /** The order id of each grouped row, when asked for. */
  order: Int32Array | null;
  /** The earliest day among the rows kept (Infinity when none is kept). */
  minDay: Day;
}

/** The columns of the sales data that {@link groupRowsByClient} groups. */
export interface ClientRowsInput {
  client: Int32Array;
  day: Float64Array;
  amount: Float64Array;
  /** Grouped too when given. */
  profit?: Float64Array;
  /** Grouped too when given. */
  order?: Int32Array;
}

/**
 * Groups the rows dated on or before `asOf` by client, copying their day, amount (and profit and
 * order when given) into client order: a stable counting sort, two sequential passes over the rows,
 * no per-row objects. Rows after `asOf`, or without a date, are left out.
 * @param input the client index, day and amount of each row (profit and order optional); not mutated.
 * @param clients the number of clients (every client index is below it).
 * @param asOf the last day kept.
 * @returns the grouping, the grouped columns and the earliest day kept.
 * @example groupRowsByClient({ client: Int32Array.of(1, 0, 1), day: Float64Array.of(5, 6, 9), amount: Float64Array.of(10, 20, 30) }, 2, 8)
 * // start [0, 1, 2], rows [1, 0], day [6, 5], amount [20, 10], minDay 5
 */
export function groupRowsByClient(input: ClientRowsInput, clients: number, asOf: Day): ClientRows {
  const { client, day, amount, profit, order } = input;
  const n = client.length;
  const start = new Int32Array(clients + 1);
  let minDay = Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (!(d <= asOf)) continue;
    start[client[i] + 1]++;
    if (d < minDay) minDay = d;
  }
  for (let c = 0; c < clients; c++) start[c + 1] += start[c];
  const kept = start[clients];
  const rows = new Int32Array(kept);
  const gDay = new Float64Array(kept);
  const gAmount = new Float64Array(kept);
  const gProfit = profit ? new Float64Array(kept) : null;
  const gOrder = order ? new Int32Array(kept) : null;
  const fill = start.slice(0, clients);
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (!(d <= asOf)) continue;
    const j = fill[client[i]]++;
    rows[j] = i;
    gDay[j] = d;
    gAmount[j] = amount[i];
    if (gProfit) gProfit[j] = profit![i];
    if (gOrder) gOrder[j] = order![i];
  }
  return { start, rows, day: gDay, amount: gAmount, profit: gProfit, order: gOrder, minDay };
}
