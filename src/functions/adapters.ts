/**
 * The pure side of the custom functions: Excel's 2-D arrays in, grids of values and {@link CellError}
 * descriptors out. No Office global here, so node tests, the benchmark and the CLI build can load it;
 * `functions.ts` turns each CellError into a `CustomFunctions.Error` and registers the functions.
 *
 * Conventions (METHODS.md section 8, docs/methods.md "Custom functions"):
 * - a blank cell ("" / null / spaces) in -> "" out, in the same place;
 * - a bad cell gives an error in its own output cell only (or its own row for row-wise functions);
 * - an Excel error in an input cell (#N/A, #DIV/0!, #NUM! pass through; any other becomes #VALUE!);
 * - a bad argument (limits, method, bins...) makes the whole result one error (thrown KcError).
 */
import {
  AbcPopulation,
  ABC_DEFAULT_LIMITS,
  ABC_METHODS,
  averageLimits,
  checkBins,
  classifySeries,
  csi,
  detectSlashOrder,
  excelErrorText,
  isBlank,
  KcError,
  nps,
  parseDate,
  parseNumber,
  rankScores,
  renewIndex,
  rfmCode,
  shareLimits,
  surveyAnswers,
  XYZ_DEFAULT_LIMITS,
  XYZ_METHODS,
  xyzLimits,
  type AbcOptions,
  type Cell,
  type ErrorCode,
} from '../core';

/** An input range as Excel hands it to a custom function: rows of cells. */
export type Grid = readonly (readonly unknown[])[];

/** An error for one output cell; `functions.ts` turns it into a `CustomFunctions.Error`. */
export class CellError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

/** One output cell: a value, "" for blank, or an error. */
export type OutCell = string | number | CellError;
/** A spilled result: same shape as the input (or one cell per row for row-wise functions). */
export type OutGrid = OutCell[][];

// ---------------------------------------------------------------------------------------------
// Reading cells


/** Excel.ErrorCellValue `errorType` names -> the error text. */
const ERROR_TYPES: Record<string, string> = {
  Div0: '#DIV/0!', NotAvailable: '#N/A', Num: '#NUM!', Value: '#VALUE!', Null: '#NULL!', Ref: '#REF!', Name: '#NAME?',
};

/**
 * The Excel error text of a cell ("#N/A", "#REF!"...), or null when the cell is no error. Errors reach
 * a custom function (with `allowErrorForDataTypeAny`) as objects; tests and some hosts give the text.
 * Both forms are read: a string that is exactly an error literal, an object with `code` (the
 * CustomFunctions.Error form), `basicValue` or `errorType` (the Excel.ErrorCellValue form).
 */
export function errorTextOf(cell: unknown): string | null {
  if (typeof cell === 'string') return excelErrorText(cell);
  if (cell === null || typeof cell !== 'object') return null;
  const o = cell as { code?: unknown; basicValue?: unknown; errorType?: unknown; type?: unknown };
  if (typeof o.code === 'string' && o.code.startsWith('#')) return o.code;
  if (typeof o.basicValue === 'string' && o.basicValue.startsWith('#')) return o.basicValue;
  if (typeof o.errorType === 'string') return ERROR_TYPES[o.errorType] ?? `#${o.errorType.toUpperCase()}!`;
  return null;
}

/** The output code for an input error: #N/A, #DIV/0! and #NUM! pass through; any other is #VALUE!. */
export function passCode(errorText: string): ErrorCode {
  return errorText === '#N/A' || errorText === '#DIV/0!' || errorText === '#NUM!' ? errorText : '#VALUE!';
}

/**
 * True for a blank cell: "", null, undefined or spaces (the core's isBlank). Excel hands a custom
 * function an empty cell as null (older desktop builds: 0, which cannot be told from a real 0).
 */
function blank(cell: unknown): boolean {
  return isBlank(cell as Cell);
}

/** A cell shown in a message: text quoted (long text cut), TRUE/FALSE upper-case, a rich value by its text. */
function show(cell: unknown): string {
  if (typeof cell === 'string') return `'${cell.length > 40 ? `${cell.slice(0, 37)}...` : cell}'`;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell !== null && typeof cell === 'object') {
    const o = cell as { text?: unknown; basicValue?: unknown; type?: unknown };
    const text = o.text ?? o.basicValue;
    return text !== undefined ? show(text) : `a ${typeof o.type === 'string' ? o.type : 'rich'} value`;
  }
  return String(cell);
}

/**
 * A cell read as a number by METHODS.md section 0, or a CellError saying why it is not one.
 * Blank cells must be tested before.
 */
function numberOrError(cell: unknown, what: string): number | CellError {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? cell : new CellError('#NUM!', `${what} ${cell} is not a finite number`);
  }
  const err = errorTextOf(cell);
  if (err) return new CellError(passCode(err), `${what} is ${err}`);
  const n = typeof cell === 'string' ? parseNumber(cell) : NaN;
  if (n === null || Number.isNaN(n)) return new CellError('#VALUE!', `${what} ${show(cell)} is not a number`);
  return n;
}

function flatten(grid: Grid): unknown[] {
  const out: unknown[] = [];
  for (const row of grid) for (const c of row) out.push(c);
  return out;
}

/** Rows and columns of a grid (0 x 0 for an empty one). */
function shape(grid: Grid): [number, number] {
  return [grid.length, grid.length ? grid[0].length : 0];
}

/** Where a cell is in a range, for messages: "row 3", "column 2" or "row 3, column 2". */
function position(r: number, c: number, rows: number, cols: number): string {
  if (cols === 1) return `row ${r + 1}`;
  if (rows === 1) return `column ${c + 1}`;
  return `row ${r + 1}, column ${c + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Optional scalar arguments. Excel hands an omitted argument (also a skipped one, `f(a, , 80)`) as
// null and an empty cell reference as null (older desktop builds: 0); tests and other callers may
// give undefined, "" or a 1 x 1 range. All of these mean the default. A 0 means the default too
// where 0 is not an allowed value (every limit but XYZ cv's limit_x, bins, max_score): it is what an
// empty cell becomes in those older builds, and it would otherwise only be an error.

function omitted(arg: unknown): boolean {
  if (Array.isArray(arg)) return arg.length === 0 || (arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1 && blank(arg[0][0]));
  return blank(arg);
}

/** The one cell of an optional scalar argument (a 1 x 1 range is read as its cell). */
function scalar(arg: unknown): unknown {
  return Array.isArray(arg) && Array.isArray(arg[0]) ? (arg[0] as unknown[])[0] : arg;
}

/** An Excel error given as an argument makes the whole result that error. @throws KcError */
function rejectError(cell: unknown, name: string): void {
  const err = errorTextOf(cell);
  if (err) throw new KcError(passCode(err), `${name} is ${err}`);
}

/**
 * An optional number argument; "80%" is read as 0.8. With `zeroIsDefault` (the default) 0 means
 * the default too, for arguments where 0 is not allowed.
 * @throws KcError `#VALUE!` for a non-number, the cell's own code for an Excel error.
 */
export function optionalNumber(arg: unknown, name: string, fallback: number, zeroIsDefault = true): number {
  if (omitted(arg)) return fallback;
  const cell = scalar(arg);
  rejectError(cell, name);
  if (cell === 0 && zeroIsDefault) return fallback;
  if (typeof cell === 'string' && /%\s*$/.test(cell)) {
    const n = parseNumber(cell.replace(/%\s*$/, ''));
    if (n !== null && !Number.isNaN(n)) return n / 100;
  }
  const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseNumber(cell) : NaN;
  if (n === null || !Number.isFinite(n)) throw new KcError('#VALUE!', `${name} must be a number, not ${show(cell)}`);
  return n;
}

/** An optional choice among `allowed` (case- and space-insensitive); 0 is the default. @throws KcError `#VALUE!` */
export function optionalChoice<T extends string>(arg: unknown, name: string, allowed: readonly T[], fallback: T): T {
  if (omitted(arg)) return fallback;
  const cell = scalar(arg);
  rejectError(cell, name);
  if (cell === 0) return fallback;
  const s = typeof cell === 'string' ? cell.trim().toLowerCase() : null;
  const hit = allowed.find((a) => a === s);
  if (!hit) throw new KcError('#VALUE!', `${name} must be ${allowed.map((a) => `"${a}"`).join(' or ')}, not ${show(cell)}`);
  return hit;
}

/** An optional TRUE/FALSE (1/0, "TRUE"/"FALSE" accepted). @throws KcError `#VALUE!` */
export function optionalBoolean(arg: unknown, name: string, fallback: boolean): boolean {
  if (omitted(arg)) return fallback;
  const cell = scalar(arg);
  rejectError(cell, name);
  if (typeof cell === 'boolean') return cell;
  if (cell === 1 || cell === 0) return cell === 1;
  if (typeof cell === 'string') {
    const s = cell.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  throw new KcError('#VALUE!', `${name} must be TRUE or FALSE, not ${show(cell)}`);
}

// ---------------------------------------------------------------------------------------------
// ABC_CLASS

/** ABC options from the optional arguments: method "share" (0.75 / 0.95) or "average" (6 / 2). */
export function abcOptions(limitA: unknown, limitB: unknown, method: unknown): AbcOptions {
  const m = optionalChoice(method, 'method', ABC_METHODS, 'share');
  const [da, db] = ABC_DEFAULT_LIMITS[m];
  const a = optionalNumber(limitA, 'limit_a', da);
  const b = optionalNumber(limitB, 'limit_b', db);
  if (m === 'share') shareLimits(a, b);
  else averageLimits(a, b);
  return { method: m, limitA: a, limitB: b };
}

interface PopulationEntry {
  rows: number;
  cols: number;
  /** The number cells, row by row (NaN where the cell is no number: it never equals a cell). */
  nums: Float64Array;
  /** The other cells (blanks, text, errors as their text), by position. */
  others: unknown[];
  options: AbcOptions;
  result: AbcPopulation | KcError;
}

/**
 * The prepared populations of the fill-down form, keyed by their content and options. A recalculation
 * of `=KC.ABC_CLASS(B2, $B$2:$B$10001)` filled down 10,000 rows hands the same population to every
 * call (a new array each time): the first call builds it (sort, prefix sums), the others find it here
 * by one comparison pass over the cells. A small LRU: a few distinct populations stay prepared; any
 * change of a cell or option is a new key, so a stale population is never used.
 */
export class PopulationCache {
  private entries: PopulationEntry[] = [];
  /** How many populations were built (misses) and found (hits), for tests and the benchmark. */
  readonly stats = { builds: 0, hits: 0 };
  constructor(readonly capacity = 4) {}

  get(grid: Grid, options: AbcOptions): AbcPopulation {
    const [rows, cols] = shape(grid);
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.rows === rows && e.cols === cols && sameOptions(e.options, options) && sameCells(e, grid, cols)) {
        if (i > 0) {
          this.entries.splice(i, 1);
          this.entries.unshift(e);
        }
        this.stats.hits++;
        if (e.result instanceof KcError) throw e.result;
        return e.result;
      }
    }
    this.stats.builds++;
    const nums = new Float64Array(rows * cols);
    const others: unknown[] = [];
    for (let r = 0, k = 0; r < rows; r++) {
      const row = grid[r];
      for (let c = 0; c < cols; c++, k++) {
        const v = row[c];
        if (typeof v === 'number' && !Number.isNaN(v)) nums[k] = v;
        else {
          nums[k] = NaN;
          others[k] = keyOf(v);
        }
      }
    }
    let result: AbcPopulation | KcError;
    try {
      result = new AbcPopulation(populationValues(grid), options);
    } catch (e) {
      if (!(e instanceof KcError)) throw e;
      result = e;
    }
    this.entries.unshift({ rows, cols, nums, others, options: { ...options }, result });
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
    if (result instanceof KcError) throw result;
    return result;
  }

  clear(): void {
    this.entries = [];
    this.stats.builds = 0;
    this.stats.hits = 0;
  }
}

function keyOf(cell: unknown): unknown {
  return cell !== null && typeof cell === 'object' ? (errorTextOf(cell) ?? cell) : cell;
}

function sameOptions(a: AbcOptions, b: AbcOptions): boolean {
  return a.method === b.method && a.limitA === b.limitA && a.limitB === b.limitB;
}

/**
 * One pass over the cells: a number cell equals its stored number (the common case: a typeof and one
 * compare, as fast as reading the range); any other cell equals the stored non-number (stored number NaN).
 */
function sameCells(e: PopulationEntry, grid: Grid, cols: number): boolean {
  const { nums, others } = e;
  for (let r = 0, k = 0; r < grid.length; r++) {
    const row = grid[r];
    if (row.length !== cols) return false;
    for (let c = 0; c < cols; c++, k++) {
      const v = row[c];
      if (typeof v === 'number') {
        if (v !== nums[k]) return false;
      } else if (!Number.isNaN(nums[k]) || keyOf(v) !== others[k]) return false;
    }
  }
  return true;
}

/**
 * The numbers of a fill-down population, read as Excel's RANK.EQ and PERCENTRANK read their range:
 * cells that are no number are left out, so a header, a label or a TRUE in the range does not matter
 * (a text that reads as a number, "1 234,56", counts, as everywhere in the add-in). An Excel error in
 * the population is an error for the whole result, naming the cell (docs/methods.md, "Custom functions").
 * @throws KcError with the cell's own code for an Excel error, `#N/A` when there is no number at all.
 */
function populationValues(grid: Grid): number[] {
  const [rows, cols] = shape(grid);
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++) {
      const cell = row[c];
      if (typeof cell === 'number') {
        if (Number.isFinite(cell)) out.push(cell);
        continue;
      }
      if (typeof cell !== 'string' && (cell === null || typeof cell !== 'object')) continue; // blank, TRUE/FALSE
      const err = errorTextOf(cell);
      if (err) {
        throw new KcError(passCode(err), `population ${position(r, c, rows, cols)} is ${err}: fix or leave out that cell (text and blank cells of the population are ignored)`);
      }
      const n = typeof cell === 'string' ? parseNumber(cell) : NaN;
      if (n !== null && !Number.isNaN(n)) out.push(n);
    }
  }
  if (!out.length) throw new KcError('#N/A', 'the population has no numbers: give the range of the amounts of all clients, for example $B$2:$B$800');
  return out;
}

/** The cache the ABC_CLASS function uses (one per runtime, shared with the task pane). */
export const abcPopulations = new PopulationCache(4);

/**
 * ABC_CLASS(values, [population], [limit_a], [limit_b], [method]).
 * Without `population` each number of `values` is classified against all numbers of `values`
 * (spill form); with it, against `population` (fill-down form). Same shape out as `values` in.
 * @throws KcError for bad limits or method, for a bad population, or (average method) an average <= 0.
 */
export function abcClassGrid(values: Grid, population: Grid | null | undefined, limitA?: unknown, limitB?: unknown, method?: unknown): OutGrid {
  const options = abcOptions(limitA, limitB, method);
  const [rows, cols] = shape(values);
  const out: OutGrid = new Array(rows);
  const nums = new Float64Array(rows * cols);
  const ok = new Uint8Array(rows * cols);
  let n = 0;
  for (let r = 0, k = 0; r < rows; r++) {
    const row = values[r];
    const o: OutCell[] = (out[r] = new Array(cols));
    for (let c = 0; c < cols; c++, k++) {
      const cell = row[c];
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        nums[k] = cell;
        ok[k] = 1;
        n++;
        continue;
      }
      if (blank(cell)) {
        o[c] = '';
        continue;
      }
      const v = numberOrError(cell, 'value');
      if (v instanceof CellError) o[c] = v;
      else {
        nums[k] = v;
        ok[k] = 1;
        n++;
      }
    }
  }
  let pop: AbcPopulation;
  if (population === null || population === undefined || omitted(population)) {
    if (n === 0) return out;
    const own = new Float64Array(n);
    for (let k = 0, j = 0; k < ok.length; k++) if (ok[k]) own[j++] = nums[k];
    pop = new AbcPopulation(own, options);
  } else {
    pop = abcPopulations.get(population, options);
  }
  for (let r = 0, k = 0; r < rows; r++) {
    const o = out[r];
    for (let c = 0; c < cols; c++, k++) if (ok[k]) o[c] = pop.classify(nums[k]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XYZ_CLASS

/**
 * XYZ_CLASS(period_values, [limit_x], [limit_y], [method]): one class per row (a row is one client,
 * its cells the amounts per period). Blank cells in a row are 0 (no purchase); a row all blank gives
 * a blank; a bad cell is an error for its row.
 * @throws KcError for bad limits or method.
 */
export function xyzClassGrid(periodValues: Grid, limitX?: unknown, limitY?: unknown, method?: unknown): OutGrid {
  const m = optionalChoice(method, 'method', XYZ_METHODS, 'cv');
  const [dx, dy] = XYZ_DEFAULT_LIMITS[m];
  // cv's limit_x may be 0 (X only for a perfectly even series); every other limit must be above 0
  const [lx, ly] = xyzLimits(m, optionalNumber(limitX, 'limit_x', dx, m !== 'cv'), optionalNumber(limitY, 'limit_y', dy));
  const [rows, cols] = shape(periodValues);
  const out: OutGrid = new Array(rows);
  const series = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const row = periodValues[r];
    let blanks = 0;
    let bad: CellError | null = null;
    for (let c = 0; c < cols; c++) {
      const cell = row[c];
      if (typeof cell === 'number' && Number.isFinite(cell)) series[c] = cell;
      else if (blank(cell)) {
        series[c] = 0;
        blanks++;
      } else {
        const v = numberOrError(cell, `period ${c + 1}`);
        if (v instanceof CellError) {
          bad ??= v;
        } else series[c] = v;
      }
    }
    if (blanks === cols) out[r] = [''];
    else if (bad) out[r] = [bad];
    else if (cols < 2) {
      out[r] = [new CellError('#N/A', `XYZ needs at least two periods; there ${cols === 1 ? 'is one' : 'are none'} (a row is one client, its columns the periods)`)];
    } else out[r] = [classifySeries(series, m, lx, ly).xyz];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RFM_SCORE

/**
 * RFM_SCORE(last_purchase, frequency, monetary, [bins], [recency_in_days]): the code R F M (e.g. 545)
 * of each client, scored by METHODS.md section 4. The three ranges hold one client per cell position
 * (normally three columns of equal length); the result has the shape of `last_purchase`.
 * A client whose three cells are blank gives a blank; a blank in one or two of them, or a bad value,
 * is an error for that client only, and that client is left out of n for the others.
 * @throws KcError `#VALUE!` when the ranges differ in size, `#NUM!` for bad bins.
 */
export function rfmScoreGrid(lastPurchase: Grid, frequency: Grid, monetary: Grid, bins?: unknown, recencyInDays?: unknown): OutGrid {
  const b = checkBins(optionalNumber(bins, 'bins', 5));
  const inDays = optionalBoolean(recencyInDays, 'recency_in_days', false);
  const [rows, cols] = shape(lastPurchase);
  const last = flatten(lastPurchase);
  const freq = flatten(frequency);
  const mon = flatten(monetary);
  if (freq.length !== last.length || mon.length !== last.length) {
    throw new KcError('#VALUE!', `last_purchase, frequency and monetary must have one cell per client each; they have ${last.length}, ${freq.length} and ${mon.length}`);
  }
  const n = last.length;
  const rv = new Float64Array(n);
  const fv = new Float64Array(n);
  const mv = new Float64Array(n);
  const result: OutCell[] = new Array(n);
  const order = inDays ? 'dmy' : detectSlashOrder(last.filter((c): c is string => typeof c === 'string'));
  const names = ['last_purchase', 'frequency', 'monetary'];
  for (let i = 0; i < n; i++) {
    const cells = [last[i], freq[i], mon[i]];
    const blanks = (blank(cells[0]) ? 1 : 0) + (blank(cells[1]) ? 1 : 0) + (blank(cells[2]) ? 1 : 0);
    let error: CellError | null = null;
    if (blanks === 3) {
      result[i] = '';
    } else {
      // R: a date (later is better) or days since the last purchase (fewer is better)
      const r = cells[0];
      if (blank(r)) error = new CellError('#N/A', `last_purchase is blank: give all three values of a client, or none`);
      else if (inDays) {
        const v = numberOrError(r, 'last_purchase (days)');
        if (v instanceof CellError) error = v;
        else if (v < 0) error = new CellError('#NUM!', `last_purchase (days) ${v} is below 0`);
        else rv[i] = v;
      } else {
        const err = errorTextOf(r);
        if (err) error = new CellError(passCode(err), `last_purchase is ${err}`);
        else if (typeof r === 'boolean' || typeof r === 'object') error = new CellError('#VALUE!', `last_purchase ${show(r)} is not a date`);
        else {
          const d = parseDate(r as Cell, order);
          if (d === null || Number.isNaN(d)) {
            error = typeof r === 'number' ? new CellError('#NUM!', `last_purchase ${r} is not an Excel date`) : new CellError('#VALUE!', `last_purchase ${show(r)} is not a date`);
          } else rv[i] = d;
        }
      }
      for (let j = 1; j < 3 && !error; j++) {
        const cell = cells[j];
        if (blank(cell)) {
          error = new CellError('#N/A', `${names[j]} is blank: give all three values of a client, or none`);
          break;
        }
        const v = numberOrError(cell, names[j]);
        if (v instanceof CellError) error = v;
        else if (j === 1 && v < 0) error = new CellError('#NUM!', `frequency ${v} is below 0`);
        else (j === 1 ? fv : mv)[i] = v;
      }
    }
    if (error || blanks === 3) {
      rv[i] = fv[i] = mv[i] = NaN;
      if (error) result[i] = error;
    }
  }
  const rs = rankScores(rv, b, !inDays);
  const fs = rankScores(fv, b);
  const ms = rankScores(mv, b);
  for (let i = 0; i < n; i++) if (result[i] === undefined) result[i] = rfmCode(rs[i], fs[i], ms[i]);
  const out: OutGrid = new Array(rows);
  for (let r = 0, k = 0; r < rows; r++) {
    const o: OutCell[] = (out[r] = new Array(cols));
    for (let c = 0; c < cols; c++, k++) o[c] = result[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RENEW_INDEX

/**
 * RENEW_INDEX(scores, [weights], [max_score]): the renew index of each lead (a row of criteria
 * scores), METHODS.md section 6. A lead all blank gives a blank; a bad or missing score is an error
 * for that lead, naming the criterion.
 * @throws KcError `#VALUE!` for weights that are not numbers >= 0 or not one per criterion, `#NUM!`
 *   for a max score <= 0.
 */
export function renewIndexGrid(scores: Grid, weights?: Grid | null, maxScore?: unknown): OutGrid {
  const max = optionalNumber(maxScore, 'max_score', 5);
  if (!(max > 0)) throw new KcError('#NUM!', `max_score must be above 0, not ${max}`);
  const [rows, cols] = shape(scores);
  let w: number[] | undefined;
  const flat = weights ? flatten(weights) : [];
  if (!flat.every(blank)) {
    if (flat.length !== cols) {
      throw new KcError('#VALUE!', `${flat.length} weights for ${cols} criteria: give one weight per criterion (a row as wide as the scores)`);
    }
    w = flat.map((cell, i) => {
      const v = blank(cell) ? new CellError('#VALUE!', `weight ${i + 1} is blank`) : numberOrError(cell, `weight ${i + 1}`);
      if (v instanceof CellError) throw new KcError(v.code, v.message);
      if (v < 0) throw new KcError('#VALUE!', `weight ${i + 1} must be a number >= 0, not ${v}`);
      return v;
    });
  }
  const out: OutGrid = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = scores[r];
    let cell: OutCell;
    const errAt = row.findIndex((c) => errorTextOf(c) !== null);
    if (errAt >= 0) {
      const err = errorTextOf(row[errAt]) as string;
      cell = new CellError(passCode(err), `criterion ${errAt + 1} is ${err}`);
    } else {
      try {
        const v = renewIndex(row as readonly Cell[], { weights: w, max });
        cell = v === null ? '' : v;
      } catch (e) {
        if (!(e instanceof KcError)) throw e;
        cell = new CellError(e.code, e.message);
      }
    }
    out[r] = [cell];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSI and NPS

function surveyCells(scores: Grid): Cell[] {
  const flat = flatten(scores);
  flat.forEach((c, i) => {
    const err = errorTextOf(c);
    if (err) throw new KcError(passCode(err), `answer ${i + 1} is ${err}`);
  });
  return flat as Cell[];
}

/**
 * CSI(scores, [attract_min], [detract_max]) = answers from attract_min (8) to 10 over answers from
 * 1 to detract_max (3), METHODS.md section 7.
 * @throws KcError `#DIV/0!` with no low answer, `#VALUE!`/`#NUM!` for a bad answer or limits.
 */
export function csiValue(scores: Grid, attractMin?: unknown, detractMax?: unknown): number {
  const hi = optionalNumber(attractMin, 'attract_min', 8);
  const lo = optionalNumber(detractMax, 'detract_max', 3);
  return csi(surveyAnswers(surveyCells(scores)), hi, lo).csi;
}

/**
 * NPS(scores) = 100 x (answers 9-10 minus answers 0-6) / all answers, METHODS.md section 7.
 * @throws KcError `#DIV/0!` with no answers, `#VALUE!`/`#NUM!` for a bad answer.
 */
export function npsValue(scores: Grid): number {
  return nps(surveyAnswers(surveyCells(scores))).nps;
}
