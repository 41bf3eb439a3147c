/**
 * The pure side of the LTV custom functions (METHODS.md section 10, docs/methods.md "LTV"):
 * LTV_SUMMARY (x, t_x, T, zbar per client from the sales rows), BGNBD_FIT and GG_FIT (the fitted
 * parameters, spilled as label / value rows), P_ALIVE, EXPECTED_PURCHASES, EXPECTED_VALUE and CLV
 * (per client, from those parameters). Every number comes from the engine's own functions
 * (`ltvSummary`, `fitBgNbd`, `fitGammaGamma`, `ltvPredict`), so a sheet built with these functions
 * gives the numbers of the Clients table.
 */
import {
  detectSlashOrder,
  fitBgNbd,
  fitGammaGamma,
  KcError,
  LTV_MIN_REPEAT_BUYERS,
  ltvPredict,
  ltvSummary,
  parseDate,
  parseNumber,
  pAliveUnchecked,
  readSales,
  type BgNbdParams,
  type Cell,
  type GammaGammaParams,
  type LtvSummary,
} from '../core';
import {
  blank,
  CellError,
  ContentCache,
  errorTextOf,
  flatten,
  numberOrError,
  omitted,
  optionalNumber,
  passCode,
  PassedError,
  positionOf,
  reshape,
  scalar,
  shape,
  show,
  type Grid,
  type OutCell,
  type OutGrid,
} from './cells';

// ---------------------------------------------------------------------------------------------
// LTV_SUMMARY

/** The cells of a column argument in reading order, checked to have `n` cells. @throws KcError `#VALUE!` */
function sameSize(grid: Grid, name: string, n: number, first: string): unknown[] {
  const cells = flatten(grid ?? []);
  if (cells.length !== n) throw new KcError('#VALUE!', `${name} must have one cell per row of ${first}: ${cells.length} cells for ${n}`);
  return cells;
}

/** A date argument: an Excel date or a text date (section 0's rules). @throws KcError `#VALUE!`, PassedError */
function dateArgument(arg: unknown, name: string): number {
  const cell = scalar(arg);
  const err = errorTextOf(cell);
  if (err) throw new PassedError(passCode(err), `${name} is ${err}`);
  const day = typeof cell === 'number' || typeof cell === 'string' ? parseDate(cell as Cell, detectSlashOrder(typeof cell === 'string' ? [cell] : [])) : NaN;
  if (day === null || Number.isNaN(day)) throw new KcError('#VALUE!', `${name} ${show(cell)} is not a date`);
  return day;
}

/**
 * LTV_SUMMARY(clients, dates, amounts, [as_of], [orders]): one row per distinct client (in the order
 * of its first row): client, x (repeat purchases), t_x and T (weeks), zbar (mean value of the repeat
 * purchases), by METHODS.md section 10 and the engine's reading of a sales range (client names folded
 * as everywhere, numbers and dates by section 0). A purchase is a distinct order (with `orders`) or
 * a distinct day. Rows after as_of are left out (default: the latest date); a client with no row up
 * to as_of keeps its name and blanks. A first row whose amount is a text that is no number is a
 * header. Empty rows are skipped.
 * @throws KcError `#VALUE!` for ranges of different sizes, a bad as_of, or any row that is not a
 *   sale (naming the first and the count); `#N/A` for no rows.
 */
export function ltvSummaryGrid(clients: Grid, dates: Grid, amounts: Grid, asOf?: unknown, orders?: Grid | null): OutGrid {
  const names = flatten(clients ?? []);
  const n = names.length;
  const days = sameSize(dates, 'dates', n, 'clients');
  const values = sameSize(amounts, 'amounts', n, 'clients');
  const withOrders = orders !== null && orders !== undefined && !omitted(orders);
  const ids = withOrders ? sameSize(orders as Grid, 'orders', n, 'clients') : null;
  const rows: Cell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Cell[] = [names[i] as Cell, values[i] as Cell, days[i] as Cell];
    if (ids) row.push(ids[i] as Cell);
    for (let c = 0; c < row.length; c++) {
      const err = errorTextOf(row[c]);
      if (err) throw new PassedError(passCode(err), `${['clients', 'amounts', 'dates', 'orders'][c]} row ${i + 1} is ${err}`);
    }
    rows[i] = row;
  }
  // a first row whose amount is a text that is no number is a header: left out, rows still counted from the top
  const head = values[0];
  const hasHeader = typeof head === 'string' && !blank(head) && Number.isNaN(parseNumber(head) ?? 0);
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.every((row) => row.every((cell) => blank(cell)))) {
    throw new KcError('#N/A', 'there are no sales rows: clients, dates and amounts are empty');
  }
  const mapping = ids ? { client: 0, amount: 1, date: 2, order: 3 } : { client: 0, amount: 1, date: 2 };
  const sales = readSales(body, { mapping, hasHeader: false, firstRow: hasHeader ? 2 : 1 });
  if (sales.skippedCount > 0) {
    const more = sales.skippedCount > 1 ? ` (and ${sales.skippedCount - 1} more row${sales.skippedCount > 2 ? 's' : ''})` : '';
    throw new KcError('#VALUE!', `${sales.skipped[0].reason}${more}: fix them, or leave them out with FILTER`);
  }
  // a client named by a number (an id) is shown as that number, so that XLOOKUP finds it in a column of ids
  const shown: (string | number)[] = sales.clientNames.slice();
  const done = new Uint8Array(shown.length);
  for (let i = 0; i < sales.client.length; i++) {
    const c = sales.client[i];
    if (done[c]) continue;
    done[c] = 1;
    const raw = names[sales.sheetRow[i] - 1];
    if (typeof raw === 'number') shown[c] = raw;
  }
  let latest = -Infinity;
  for (let i = 0; i < sales.day.length; i++) if (sales.day[i] > latest) latest = sales.day[i];
  const at = asOf === null || asOf === undefined || omitted(asOf) ? latest : dateArgument(asOf, 'as_of');
  const summary = ltvSummary({ client: sales.client, amount: sales.amount, day: sales.day, order: sales.order }, at, sales.clientNames.length);
  return shown.map((name, c) => (Number.isNaN(summary.x[c]) ? [name, '', '', '', ''] : [name, summary.x[c], summary.tx[c], summary.T[c], summary.zbar[c]]));
}

// ---------------------------------------------------------------------------------------------
// Reading the per-client columns

/** The per-client model inputs a function reads. */
type Field = 'x' | 't_x' | 'T' | 'zbar';

/**
 * Per-client columns read cell by cell, paired in reading order: each client is either blank (every
 * cell blank), an error (its CellError), or valid (its numbers in `values`, NaN for the others).
 */
interface Columns {
  rows: number;
  cols: number;
  n: number;
  values: Record<Field, Float64Array>;
  /** Per client: null when valid, "" when blank, else the CellError of its first problem. */
  status: (null | '' | CellError)[];
}

/**
 * Reads x, t_x, T (and zbar) per client. x must be a whole number >= 0, 0 <= t_x <= T (weeks), zbar a
 * number (any sign; the value model uses only the positive ones).
 * @param grids the ranges, in the order of `fields`; the first one gives the result's shape.
 * @throws KcError `#VALUE!` when the ranges differ in size.
 */
function readColumns(fields: readonly Field[], grids: readonly Grid[]): Columns {
  const [rows, cols] = shape(grids[0] ?? []);
  const n = rows * cols;
  const cells = grids.map((g, i) => (i === 0 ? flatten(g ?? []) : sameSize(g, fields[i], n, fields[0])));
  const values = { x: new Float64Array(n), t_x: new Float64Array(n), T: new Float64Array(n), zbar: new Float64Array(n) };
  for (const f of Object.keys(values) as Field[]) values[f].fill(NaN);
  const status: (null | '' | CellError)[] = new Array(n).fill(null);
  const all = fields.join(', ');
  for (let k = 0; k < n; k++) {
    let blanks = 0;
    for (let j = 0; j < fields.length; j++) if (blank(cells[j][k])) blanks++;
    if (blanks === fields.length) {
      status[k] = '';
      continue;
    }
    let problem: CellError | null = null;
    for (let j = 0; j < fields.length && !problem; j++) {
      const cell = cells[j][k];
      if (blank(cell)) {
        problem = new CellError('#N/A', `${fields[j]} is blank: give ${all} of a client, or none`, `${fields[j]} is blank`);
        break;
      }
      const v = numberOrError(cell, fields[j]);
      if (v instanceof CellError) problem = v;
      else values[fields[j]][k] = v;
    }
    if (!problem) problem = historyProblem(values.x[k], values.t_x[k], values.T[k], fields);
    if (problem) {
      status[k] = problem;
      for (const f of fields) values[f][k] = NaN;
    }
  }
  return { rows, cols, n, values, status };
}

/** Why a client's x, t_x, T cannot be a history, or null. */
function historyProblem(x: number, tx: number, T: number, fields: readonly Field[]): CellError | null {
  if (!(Number.isInteger(x) && x >= 0)) return new CellError('#VALUE!', `x ${x} is not a whole number >= 0 (x is the number of repeat purchases)`, 'x not a whole number >= 0');
  if (!fields.includes('T')) return null;
  if (!(tx >= 0)) return new CellError('#VALUE!', `t_x ${tx} is below 0 (t_x is the weeks from the first to the last purchase)`, 't_x below 0');
  if (!(tx <= T)) return new CellError('#VALUE!', `t_x ${tx} is above T ${T}: the last purchase cannot come after the analysis date`, 't_x above T');
  return null;
}

/** The model summary of the valid clients (NaN for blank and bad ones), as the engine's predictions read it. */
function summaryOf(c: Columns): LtvSummary {
  return { x: c.values.x, tx: c.values.t_x, T: c.values.T, zbar: c.values.zbar };
}

// ---------------------------------------------------------------------------------------------
// BGNBD_FIT and GG_FIT

/**
 * The fit's inputs as a whole: every client valid or blank. A header row (every cell a text that is
 * no number) is allowed as the first row.
 * @throws KcError the first client's problem, naming its row, and how many more there are.
 */
function fitColumns(fields: readonly Field[], grids: readonly Grid[]): Columns {
  const first = grids.map((g) => (g && g.length ? g[0] : []));
  const header = first.every((row) => row.length > 0 && row.every((cell) => typeof cell === 'string' && !blank(cell) && Number.isNaN(parseNumber(cell) ?? 0)));
  const body = header ? grids.map((g) => g.slice(1)) : grids;
  const c = readColumns(fields, body);
  let bad = -1;
  let count = 0;
  for (let k = 0; k < c.n; k++) {
    if (c.status[k] instanceof CellError) {
      if (bad < 0) bad = k;
      count++;
    }
  }
  if (bad >= 0) {
    const e = c.status[bad] as CellError;
    const more = count > 1 ? ` (and ${count - 1} more client${count > 2 ? 's' : ''})` : '';
    const where = positionOf(bad + (header ? c.cols : 0), c.rows + (header ? 1 : 0), c.cols);
    const message = `${where}: ${e.message}${more}; the fit needs every client's ${fields.join(', ')}`;
    throw e.passed ? new PassedError(e.code, message) : new KcError(e.code, message);
  }
  return c;
}

/** One row per fitted quantity: its label and value, '' for blank (the layout P_ALIVE and the others read). */
type Fit = [string, number | string][];

/** The fits, cached by the content of their ranges: a formula filled down with a fit inside it does not refit. */
export const ltvFits = new ContentCache<Fit>(4);

/**
 * BGNBD_FIT(x, t_x, T): the BG/NBD parameters fitted by maximum likelihood over every client
 * (METHODS.md section 10), as label / value rows: r, alpha, a, b, log_likelihood, clients; at the
 * no-drop-out limit (docs/methods.md "LTV", "Edges of the parameter space") a = 0 and b blank.
 * @throws KcError `#N/A` for fewer than 20 clients with a repeat purchase or a fit that did not
 *   converge; `#VALUE!` for a bad client (naming it).
 */
export function bgnbdFitGrid(x: Grid, tx: Grid, T: Grid): OutGrid {
  const fit = ltvFits.get([x ?? [], tx ?? [], T ?? []], 'bgnbd', () => {
    const c = fitColumns(['x', 't_x', 'T'], [x, tx, T]);
    let clients = 0;
    let repeat = 0;
    for (let k = 0; k < c.n; k++) {
      if (c.status[k] !== null) continue;
      clients++;
      if (c.values.x[k] > 0) repeat++;
    }
    if (repeat < LTV_MIN_REPEAT_BUYERS) {
      throw new KcError('#N/A', `too few repeat buyers to fit BG/NBD: ${repeat} of the ${LTV_MIN_REPEAT_BUYERS} needed (clients with x > 0, of ${clients})`);
    }
    const f = fitBgNbd({ x: c.values.x, tx: c.values.t_x, T: c.values.T });
    if (!f.converged) {
      throw new KcError('#N/A', `the BG/NBD fit did not converge on these ${clients} clients (parameters running off to an edge: too little variety between clients)`);
    }
    // the no-drop-out limit: a = 0 and b blank (it has no effect; docs/methods.md "LTV")
    return [['r', f.r], ['alpha', f.alpha], ['a', f.a], ['b', Number.isFinite(f.b) ? f.b : ''], ['log_likelihood', f.logLikelihood], ['clients', f.clients]];
  });
  return fit.map(([label, value]) => [label, value]);
}

/**
 * GG_FIT(x, zbar): the Gamma-Gamma parameters fitted by maximum likelihood over the clients with
 * x > 0 and zbar > 0 (METHODS.md section 10), as label / value rows: p, q, gamma, log_likelihood,
 * clients, mean_value (p gamma / (q - 1), the mean purchase value); at the limit where every client has
 * the same mean value (docs/methods.md "LTV") q and gamma are blank and mean_value is that value.
 * @throws KcError `#N/A` for fewer than 20 such clients or a fit that did not converge; `#VALUE!` for
 *   a bad client (naming it).
 */
export function ggFitGrid(x: Grid, zbar: Grid): OutGrid {
  const fit = ltvFits.get([x ?? [], zbar ?? []], 'gg', () => {
    const c = fitColumns(['x', 'zbar'], [x, zbar]);
    let buyers = 0;
    for (let k = 0; k < c.n; k++) if (c.status[k] === null && c.values.x[k] > 0 && c.values.zbar[k] > 0) buyers++;
    if (buyers < LTV_MIN_REPEAT_BUYERS) {
      throw new KcError('#N/A', `too few repeat buyers with a positive mean purchase to fit Gamma-Gamma: ${buyers} of the ${LTV_MIN_REPEAT_BUYERS} needed (x > 0 and zbar > 0)`);
    }
    const f = fitGammaGamma({ x: c.values.x, zbar: c.values.zbar });
    if (!f.converged) {
      throw new KcError('#N/A', `the Gamma-Gamma fit did not converge on these ${buyers} clients (parameters running off to an edge: purchase values too alike between clients)`);
    }
    // the limit with one mean purchase value for every client: q and gamma (and p where every mean is
    // the same, and so the log-likelihood) are infinite, blank here; mean_value carries the model
    const cell = (v: number) => (Number.isFinite(v) ? v : '');
    return [['p', cell(f.p)], ['q', cell(f.q)], ['gamma', cell(f.gamma)], ['log_likelihood', cell(f.logLikelihood)], ['clients', f.clients], ['mean_value', cell(f.meanValue)]];
  });
  return fit.map(([label, value]) => [label, value]);
}

// ---------------------------------------------------------------------------------------------
// Model parameters given to the per-client functions

/** Every label a fit spills, so a label to the right of another says the values are below. */
const SPILL_LABELS = new Set(['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma', 'mean_value', 'log_likelihood', 'clients']);

/**
 * Model parameters from a range: the label / value rows a fit spilled (labels in a column with the
 * values to their right, or in a row with the values below), or, without labels, the first numbers
 * in reading order in the order of `names` (r, alpha, a, b; p, q, gamma). A parameter in `optional`
 * may be blank or missing (NaN then); every other must be a number, above 0 (`a` may be 0).
 * @throws KcError `#N/A` when the argument is missing, `#VALUE!` for a missing or bad parameter.
 */
function readParams<K extends string>(arg: unknown, names: readonly K[], what: string, fitName: string, optional: readonly K[] = []): Record<K, number> {
  const required = names.filter((nm) => !optional.includes(nm));
  const hint = `give the range ${fitName} spilled, or ${required.join(', ')} in this order`;
  if (arg === null || arg === undefined || omitted(arg)) throw new KcError('#N/A', `${what} is missing: ${hint}`);
  const grid: Grid = Array.isArray(arg) ? (arg as Grid) : [[arg]];
  const found = new Map<K, unknown>();
  let labelled = false;
  const isLabel = (cell: unknown) => typeof cell === 'string' && SPILL_LABELS.has(cell.trim().toLowerCase());
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      const cell = grid[r][c];
      if (typeof cell !== 'string') continue;
      const name = names.find((nm) => nm.toLowerCase() === cell.trim().toLowerCase());
      if (!name) continue;
      labelled = true;
      const right = c + 1 < grid[r].length ? grid[r][c + 1] : undefined;
      const below = r + 1 < grid.length ? grid[r + 1][c] : undefined;
      // the value is to the right unless there is none or it is another label (a row of labels)
      if (!found.has(name)) found.set(name, right !== undefined && !isLabel(right) && !(blank(right) && below !== undefined && !blank(below) && !isLabel(below)) ? right : below);
    }
  }
  if (!labelled) {
    const numbers = flatten(grid).filter((cell) => !blank(cell));
    if (numbers.length < required.length) throw new KcError('#VALUE!', `${what} has ${numbers.length} value${numbers.length === 1 ? '' : 's'} for ${required.length} parameters: ${hint}`);
    names.forEach((name, i) => {
      if (i < numbers.length) found.set(name, numbers[i]);
    });
  }
  const out = {} as Record<K, number>;
  for (const name of names) {
    const cell = found.get(name);
    if (optional.includes(name) && (cell === undefined || blank(cell))) {
      out[name] = NaN;
      continue;
    }
    if (!found.has(name)) throw new KcError('#VALUE!', `${what} has no ${name}: ${hint}`);
    if (blank(cell)) throw new KcError('#VALUE!', `${what} ${name} is blank: ${hint}`);
    const v = numberOrError(cell, `${what} ${name}`);
    if (v instanceof CellError) throw v.passed ? new PassedError(v.code, v.message) : new KcError(v.code, v.message);
    if (name === 'a' ? !(v >= 0) : !(v > 0)) throw new KcError('#VALUE!', `${what} ${name} must be above 0${name === 'a' ? ' (or 0: no drop-out)' : ''}, not ${v}`);
    out[name] = v;
  }
  return out;
}

const BGNBD: readonly (keyof BgNbdParams)[] = ['r', 'alpha', 'a', 'b'];
const GG = ['p', 'q', 'gamma', 'mean_value'] as const;

/**
 * BG/NBD parameters: r, alpha, a, b; with a = 0 (the no-drop-out limit BGNBD_FIT spills with b blank,
 * docs/methods.md "LTV") b may be blank and has no effect.
 */
function bgnbdParams(arg: unknown): BgNbdParams {
  const p = readParams(arg, BGNBD, 'bgnbd_params', 'BGNBD_FIT', ['b']);
  if (Number.isNaN(p.b)) {
    if (p.a !== 0) throw new KcError('#VALUE!', 'bgnbd_params b is blank: give the range BGNBD_FIT spilled, or r, alpha, a, b in this order (b may be blank only where a = 0)');
    p.b = Infinity;
  }
  return p;
}

/**
 * Gamma-Gamma parameters: p, q, gamma with q > 1; or, with q and gamma blank, the limit where every
 * client has the same mean purchase value (GG_FIT spills it so, docs/methods.md "LTV"): mean_value,
 * and p blank or a number.
 */
function ggParams(arg: unknown): GammaGammaParams {
  const p = readParams(arg, GG, 'gg_params', 'GG_FIT', ['p', 'q', 'gamma', 'mean_value']);
  if (Number.isNaN(p.q) && Number.isNaN(p.gamma)) {
    if (!(p.mean_value > 0)) throw new KcError('#VALUE!', 'gg_params has q and gamma blank (every client with the same mean purchase value) but no mean_value above 0: give the range GG_FIT spilled');
    return { p: Number.isNaN(p.p) ? Infinity : p.p, q: Infinity, gamma: Infinity, meanValue: p.mean_value };
  }
  for (const k of ['p', 'q', 'gamma'] as const) {
    if (Number.isNaN(p[k])) throw new KcError('#VALUE!', `gg_params ${k} is blank: give the range GG_FIT spilled, or p, q, gamma in this order`);
  }
  if (!(p.q > 1)) throw new KcError('#VALUE!', `gg_params q is ${p.q}: the mean purchase value is infinite for q <= 1, so the value model gives no value`);
  return { p: p.p, q: p.q, gamma: p.gamma };
}

/** The horizon in whole months, 1 to 120 (default 12). @throws KcError `#VALUE!` */
function monthsArgument(arg: unknown): number {
  const months = optionalNumber(arg, 'months', 12);
  if (!(Number.isInteger(months) && months >= 1 && months <= 120)) throw new KcError('#VALUE!', `months must be a whole number from 1 to 120, not ${months}`);
  return months;
}

/** A rate typed by a person: above 1 it is a percent (10 = 10 %), as the ABC limits. */
function rateArgument(arg: unknown, name: string, fallback: number, max: number): number {
  let v = optionalNumber(arg, name, fallback, false);
  if (v > 1) v /= 100;
  if (!(v >= 0 && v <= max)) throw new KcError('#VALUE!', `${name} must be from 0 to ${max === 1 ? '1 (100 %)' : max}; 10 or "10%" is 0.10, not ${v}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Per-client predictions

/** The result in the shape of the first range: each client's value, blank or error. */
function perClient(c: Columns, value: (k: number) => OutCell): OutGrid {
  const cells: OutCell[] = new Array(c.n);
  for (let k = 0; k < c.n; k++) {
    const s = c.status[k];
    cells[k] = s === null ? value(k) : s;
  }
  return reshape(cells, c.rows, c.cols);
}

const SERIES_FAILED = new CellError(
  '#N/A',
  'the hypergeometric series of the expected purchases did not converge for this client (alpha + T is tiny next to the horizon)',
  'series did not converge',
);
const NO_VALUE = new CellError(
  '#N/A',
  'the repeat purchases of this client are worth 0 or less (returns): the value model describes positive values only',
  'repeat purchases worth 0 or less',
);

/**
 * P_ALIVE(x, t_x, T, bgnbd_params): P(alive | x, t_x, T) of each client, 1 where x = 0.
 * @throws KcError for bad parameters or ranges of different sizes.
 */
export function pAliveGrid(x: Grid, tx: Grid, T: Grid, params: unknown): OutGrid {
  const bg = bgnbdParams(params);
  const c = readColumns(['x', 't_x', 'T'], [x, tx, T]);
  // the engine's P(alive) (ltvPredict calls the same function), without the 12-month curve ltvPredict also makes
  return perClient(c, (k) => pAliveUnchecked(bg, c.values.x[k], c.values.t_x[k], c.values.T[k]));
}

/**
 * EXPECTED_PURCHASES(x, t_x, T, bgnbd_params, [months]): E[Y(t) | x, t_x, T], the expected repeat
 * purchases in the next `months` months (t = months x 365.25 / 12 / 7 weeks; default 12: the Clients
 * table's 12-month column).
 * @throws KcError for bad parameters, months, or ranges of different sizes.
 */
export function expectedPurchasesGrid(x: Grid, tx: Grid, T: Grid, params: unknown, months?: unknown): OutGrid {
  const bg = bgnbdParams(params);
  const m = monthsArgument(months);
  const c = readColumns(['x', 't_x', 'T'], [x, tx, T]);
  const p = ltvPredict(bg, null, summaryOf(c), null, { months: m });
  return perClient(c, (k) => p.expectedPurchases[k] ?? SERIES_FAILED);
}

/**
 * EXPECTED_VALUE(x, zbar, gg_params): E[M | x, zbar], the expected value of a future purchase:
 * (gamma + x zbar) p / (p x + q - 1) for x > 0, p gamma / (q - 1) for x = 0.
 * @throws KcError for bad parameters (q <= 1 included) or ranges of different sizes.
 */
export function expectedValueGrid(x: Grid, zbar: Grid, params: unknown): OutGrid {
  const gg = ggParams(params);
  const c = readColumns(['x', 'zbar'], [x, zbar]);
  // ltvPredict reads t_x and T only for BG/NBD; without it they are not used
  const p = ltvPredict(null, gg, summaryOf(c), null);
  return perClient(c, (k) => p.expectedValue[k] ?? NO_VALUE);
}

/**
 * The margin argument of CLV: omitted (1: the CLV is then revenue), one value for every client (a
 * rate typed by a person: above 1 a percent), or one cell per client (the client's profit / revenue,
 * clamped to 0..1 as the engine does).
 * @returns per client (NaN for a client whose margin cell is bad; its error in `errors`), or null for 1.
 */
function marginArgument(arg: unknown, n: number): { margin: Float64Array | null; errors: Map<number, CellError> } {
  const errors = new Map<number, CellError>();
  if (arg === null || arg === undefined || omitted(arg)) return { margin: null, errors };
  const cells = Array.isArray(arg) ? flatten(arg as Grid) : [arg];
  if (cells.length === 1) {
    const one = rateArgument(cells[0], 'margin', 1, 1);
    return { margin: new Float64Array(n).fill(one), errors };
  }
  if (cells.length !== n) throw new KcError('#VALUE!', `margin must be one value, or one cell per client: ${cells.length} cells for ${n} clients`);
  const margin = new Float64Array(n);
  cells.forEach((cell, k) => {
    if (blank(cell)) {
      errors.set(k, new CellError('#N/A', 'margin is blank: give every client a margin, one margin for all, or none (1)', 'margin is blank'));
      margin[k] = NaN;
      return;
    }
    const v = numberOrError(cell, 'margin');
    if (v instanceof CellError) {
      errors.set(k, v);
      margin[k] = NaN;
    } else margin[k] = Math.min(1, Math.max(0, v));
  });
  return { margin, errors };
}

/**
 * CLV(x, t_x, T, zbar, bgnbd_params, gg_params, [margin], [months], [discount]): the discounted value
 * of each client over the next `months` months (default 12), METHODS.md section 10: the sum over
 * months k of (E[Y(t_k)] - E[Y(t_(k-1))]) x E[M] x margin / (1 + discount)^(k / 12).
 * @throws KcError for bad parameters, margin, months or discount, or ranges of different sizes.
 */
export function clvGrid(
  x: Grid,
  tx: Grid,
  T: Grid,
  zbar: Grid,
  bgParams: unknown,
  gParams: unknown,
  margin?: unknown,
  months?: unknown,
  discount?: unknown,
): OutGrid {
  const bg = bgnbdParams(bgParams);
  const gg = ggParams(gParams);
  const m = monthsArgument(months);
  const d = rateArgument(discount, 'discount', 0.1, 1);
  const c = readColumns(['x', 't_x', 'T', 'zbar'], [x, tx, T, zbar]);
  const { margin: margins, errors } = marginArgument(margin, c.n);
  const p = ltvPredict(bg, gg, summaryOf(c), margins, { months: m, discount: d });
  return perClient(c, (k) => {
    const own = errors.get(k);
    if (own) return own;
    if (p.clv[k] !== null) return p.clv[k] as number;
    if (p.expectedPurchases[k] === null) return SERIES_FAILED;
    return NO_VALUE;
  });
}
