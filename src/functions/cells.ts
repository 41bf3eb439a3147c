/**
 * What every custom function shares: reading the cells Excel hands over, optional arguments, the
 * content-keyed cache of prepared inputs, the error-code rule and the size of a spilled result.
 * No Office global here, so node tests, the benchmark and the CLI build can load it; `functions.ts`
 * turns the {@link CellError}s of a prepared result into `CustomFunctions.Error`.
 *
 * Conventions (METHODS.md section 8, docs/methods.md "Custom functions"):
 * - a blank cell ("" / null / spaces) in -> "" out, in the same place;
 * - a bad cell gives an error in its own output cell only (or its own row for row-wise functions);
 * - an Excel error in an input cell passes through (#N/A, #DIV/0!, #NUM!; any other becomes #VALUE!);
 * - a bad argument (limits, method, bins...) makes the whole result one error;
 * - the functions' own errors are #VALUE! (a bad or out-of-range value) or #N/A (missing or too little
 *   data), each with its message: Excel shows a custom message only on those two codes (Microsoft's
 *   "Handle and return errors from your custom function"), so #NUM! and #DIV/0! appear only where an
 *   input cell holds them.
 */
import { excelErrorText, isBlank, KcError, parseNumber, type Cell, type ErrorCode } from '../core';

/** An input range as Excel hands it to a custom function: rows of cells. */
export type Grid = readonly (readonly unknown[])[];

/**
 * An error for one output cell; `functions.ts` turns it into a `CustomFunctions.Error`.
 * `short` is what the cell says when an earlier cell of the same result already gave the full
 * message of the same kind ({@link prepareResult}); `passed` marks an input cell's own error passed
 * through (its code is kept as it is).
 */
export class CellError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    readonly short?: string,
    readonly passed = false,
  ) {}
}

/** An input cell's own Excel error given as an argument, passed through as the whole result. */
export class PassedError extends KcError {}

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
 * a custom function (with `allowErrorForDataTypeAny`) as objects: the runtime makes each one a
 * `CustomFunctions.Error` with `code` (custom-functions-runtime.js, `_transferCustomFunctionError`);
 * tests and some hosts give the text. Both forms are read: a string that is exactly an error literal,
 * an object with `code`, `basicValue` or `errorType` (the Excel.ErrorCellValue form).
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

/** An input cell's error passed through to its output cell. */
export function passedCell(errorText: string, what: string): CellError {
  return new CellError(passCode(errorText), `${what} is ${errorText}`, errorText, true);
}

/**
 * True for a blank cell: "", null, undefined or spaces (the core's isBlank). Excel hands a custom
 * function an empty cell as null (older desktop builds: 0, which cannot be told from a real 0).
 */
export function blank(cell: unknown): boolean {
  return isBlank(cell as Cell);
}

/** A cell shown in a message: text quoted (long text cut), TRUE/FALSE upper-case, a rich value by its text. */
export function show(cell: unknown): string {
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
export function numberOrError(cell: unknown, what: string): number | CellError {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? cell : new CellError('#VALUE!', `${what} ${cell} is not a finite number`, 'not a finite number');
  }
  const err = errorTextOf(cell);
  if (err) return passedCell(err, what);
  const n = typeof cell === 'string' ? parseNumber(cell) : NaN;
  if (n === null || Number.isNaN(n)) return new CellError('#VALUE!', `${what} ${show(cell)} is not a number`, 'not a number');
  return n;
}

const HAS_AT = typeof (Array.prototype as { at?: unknown }).at === 'function';

/**
 * Cell `c` of a row. Excel's runtime hands every argument as JSON.parse makes it (each invocation's
 * message is parsed on its own), and a range of numbers with a blank or a text in it parses into rows
 * of three element kinds (whole numbers, fractions, anything). Indexing such rows in a hot loop costs
 * V8 (Node 20, Chromium 156) 40-150 ns a cell in optimised code; the `Array.prototype.at` builtin
 * reads them in 3-8 ns (bench/functions.bench.js measures both). Where `at` is missing (pre-2022
 * engines), plain indexing.
 */
export function cellAt(row: readonly unknown[], c: number): unknown {
  return HAS_AT ? (row as unknown as { at(index: number): unknown }).at(c) : row[c];
}

/** All cells in reading order (row by row). */
export function flatten(grid: Grid): unknown[] {
  const out: unknown[] = [];
  for (const row of grid) for (let c = 0; c < row.length; c++) out.push(cellAt(row, c));
  return out;
}

/** Rows and columns of a grid (0 x 0 for an empty one). */
export function shape(grid: Grid): [number, number] {
  return [grid.length, grid.length ? grid[0].length : 0];
}

/** Where a cell is in a range, for messages: "row 3", "column 2" or "row 3, column 2". */
export function position(r: number, c: number, rows: number, cols: number): string {
  if (cols === 1) return `row ${r + 1}`;
  if (rows === 1) return `column ${c + 1}`;
  return `row ${r + 1}, column ${c + 1}`;
}

/** The position of the k-th cell (reading order) of a rows x cols range, for messages. */
export function positionOf(k: number, rows: number, cols: number): string {
  return position(Math.floor(k / Math.max(cols, 1)), k % Math.max(cols, 1), rows, cols);
}

/** A result in the shape of a rows x cols input from its cells in reading order. */
export function reshape(cells: readonly OutCell[], rows: number, cols: number): OutGrid {
  const out: OutGrid = new Array(rows);
  for (let r = 0, k = 0; r < rows; r++) {
    const o: OutCell[] = (out[r] = new Array(cols));
    for (let c = 0; c < cols; c++, k++) o[c] = cells[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Optional scalar arguments. Excel hands an omitted argument (also a skipped one, `f(a, , 80)`) as
// null and an empty cell reference as null (older desktop builds: 0); tests and other callers may
// give undefined, "" or a 1 x 1 range. All of these mean the default. A 0 means the default too
// where 0 is not an allowed value (every limit but XYZ cv's limit_x, bins, max_score): it is what an
// empty cell becomes in those older builds, and it would otherwise only be an error.

/** True for an omitted argument: null, undefined, a blank, an empty range or a 1 x 1 range of a blank. */
export function omitted(arg: unknown): boolean {
  if (Array.isArray(arg)) return arg.length === 0 || (arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1 && blank(arg[0][0]));
  return blank(arg);
}

/** The one cell of an optional scalar argument (a 1 x 1 range is read as its cell). */
export function scalar(arg: unknown): unknown {
  return Array.isArray(arg) && Array.isArray(arg[0]) ? (arg[0] as unknown[])[0] : arg;
}

/** An Excel error given as an argument makes the whole result that error. @throws PassedError */
export function rejectError(cell: unknown, name: string): void {
  const err = errorTextOf(cell);
  if (err) throw new PassedError(passCode(err), `${name} is ${err}`);
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

/** An optional TRUE/FALSE (also 1/0, "TRUE"/"FALSE"). @throws KcError `#VALUE!` */
export function optionalBoolean(arg: unknown, name: string, fallback: boolean): boolean {
  if (omitted(arg)) return fallback;
  const cell = scalar(arg);
  rejectError(cell, name);
  if (typeof cell === 'boolean') return cell;
  if (cell === 1) return true;
  if (cell === 0) return false;
  if (typeof cell === 'string') {
    const s = cell.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  throw new KcError('#VALUE!', `${name} must be TRUE or FALSE, not ${show(cell)}`);
}

// ---------------------------------------------------------------------------------------------
// The content-keyed cache

/**
 * A copy of a range's content, to tell whether a later argument holds the same cells: every number
 * cell by position (NaN where the cell is no number: NaN never equals a cell), every other cell's key
 * (blank, text, TRUE/FALSE, an error as its text) by position.
 */
interface Snapshot {
  rows: number;
  cols: number;
  nums: Float64Array;
  others: unknown[];
}

function keyOf(cell: unknown): unknown {
  return cell !== null && typeof cell === 'object' ? (errorTextOf(cell) ?? cell) : cell;
}

function snapshot(grid: Grid): Snapshot {
  const [rows, cols] = shape(grid);
  const nums = new Float64Array(rows * cols);
  const others: unknown[] = [];
  for (let r = 0, k = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++, k++) {
      const v = cellAt(row, c);
      if (typeof v === 'number' && !Number.isNaN(v)) nums[k] = v;
      else {
        nums[k] = NaN;
        others[k] = keyOf(v);
      }
    }
  }
  return { rows, cols, nums, others };
}

/**
 * One pass over the cells: a number cell equals its stored number (the common case: one read, a
 * typeof and one compare); any other cell equals the stored non-number. This pass is the floor of a
 * cache hit: each call gets its own copy of the range, so no identity can stand in for reading it.
 */
function matches(s: Snapshot, grid: Grid): boolean {
  if (grid.length !== s.rows) return false;
  const { nums, others, cols } = s;
  for (let r = 0, k = 0; r < grid.length; r++) {
    const row = grid[r];
    if (row.length !== cols) return false;
    for (let c = 0; c < cols; c++, k++) {
      const v = cellAt(row, c);
      if (typeof v === 'number') {
        if (v !== nums[k]) return false;
      } else if (!Number.isNaN(nums[k]) || keyOf(v) !== others[k]) return false;
    }
  }
  return true;
}

interface CacheEntry<V> {
  key: string;
  inputs: Snapshot[];
  value: V | KcError;
}

/**
 * Values prepared from ranges (a sorted ABC population, a model fit), keyed by the ranges' content and
 * a key for the other arguments. Excel hands every call of a filled-down formula its own copy of
 * every argument (each invocation is deserialised on its own), so a cache keyed on the array object
 * never hits; this one compares content: the first call of a recalculation builds the value, the
 * others find it by one comparison pass over the cells. A small LRU: a few distinct inputs stay
 * prepared; any change of a cell or of the key is a new entry, so a stale value is never used.
 * A KcError thrown while building is kept too, so 10,000 calls over a bad range do not rebuild it.
 */
export class ContentCache<V> {
  private entries: CacheEntry<V>[] = [];
  /** How many values were built (misses) and found (hits), for tests and the benchmark. */
  readonly stats = { builds: 0, hits: 0 };
  constructor(readonly capacity = 4) {}

  /**
   * The value for these ranges and key: found, or built by `build` and kept.
   * @throws KcError the error `build` threw for this content (also when found).
   */
  get(grids: readonly Grid[], key: string, build: () => V): V {
    search: for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.key !== key || e.inputs.length !== grids.length) continue;
      for (let g = 0; g < grids.length; g++) if (!matches(e.inputs[g], grids[g])) continue search;
      if (i > 0) {
        this.entries.splice(i, 1);
        this.entries.unshift(e);
      }
      this.stats.hits++;
      if (e.value instanceof KcError) throw e.value;
      return e.value;
    }
    this.stats.builds++;
    let value: V | KcError;
    try {
      value = build();
    } catch (e) {
      if (!(e instanceof KcError)) throw e;
      value = e;
    }
    this.entries.unshift({ key, inputs: grids.map(snapshot), value });
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
    if (value instanceof KcError) throw value;
    return value;
  }

  clear(): void {
    this.entries = [];
    this.stats.builds = 0;
    this.stats.hits = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Error codes and the size of a result

/**
 * The code Excel shows for one of the functions' own errors: #VALUE! and #N/A as they are; the
 * engine's #NUM! (a value out of range) becomes #VALUE! and its #DIV/0! (an undefined ratio: no
 * data to divide by) #N/A, so the message reaches the person. An input's own error keeps its code.
 */
export function excelCode(code: ErrorCode, passed: boolean): ErrorCode {
  if (passed) return code;
  if (code === '#NUM!') return '#VALUE!';
  if (code === '#DIV/0!') return '#N/A';
  return code;
}

/** The code and message Excel gets for an error thrown as the whole result. */
export function wholeError(e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof KcError) return { code: excelCode(e.code, e instanceof PassedError), message: e.message };
  if (e instanceof CellError) return { code: excelCode(e.code, e.passed), message: e.message };
  return { code: '#VALUE!', message: `unexpected error: ${e instanceof Error ? e.message : String(e)}` };
}

/**
 * The most one result may take as Excel's runtime sends it (JSON, bytes). Excel on the web takes at
 * most 5 MB in one request (Microsoft's "Resource limits and performance optimization for Office
 * Add-ins", Excel add-ins), and the runtime, when a request is refused as too large, re-sends the
 * results in slices of at most 2,000,000 characters (custom-functions-runtime.js, `_maxResultSize`);
 * a result over that can never be delivered when other results wait with it. So one result stays
 * under 1,990,000 bytes (bytes of UTF-8 are at least its characters), the rest of a slice left for
 * the result's own wrapping (`[id,true,` ... `,[0]]`).
 */
export const RESULT_BUDGET = 1_990_000;

/**
 * Bytes of one error cell as the runtime serialises it, without a message: its `toJSON` gives
 * valueType, code, type, basicValue, basicType and errorType (custom-functions-runtime.js,
 * `CustomFunctionError.prototype.toJSON`), and `message` only for #VALUE! and #N/A.
 */
export const ERROR_BYTES: Readonly<Record<string, number>> = {
  '#VALUE!': 130, '#N/A': 131, '#NUM!': 124, '#DIV/0!': 129, '#NULL!': 127,
};
/** `,"message":` before a message (its quotes are counted with it). */
const MESSAGE_WRAP = 11;

/** Bytes of a string in UTF-8 within JSON quotes (an upper bound: escapes counted as 2 bytes). */
function jsonBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    n += u < 0x20 || u === 0x22 || u === 0x5c ? 2 : u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
  }
  return n;
}

/** The message a later cell of the same kind gets: the short form, or the message cut at 60 characters. */
function shortOf(e: CellError): string {
  if (e.short !== undefined) return e.short;
  return e.message.length <= 60 ? e.message : `${e.message.slice(0, 57)}...`;
}

/**
 * A result as it goes to Excel (METHODS.md section 8: a spilled result stays under Excel on the
 * web's payload limit; repeated messages are not repeated in full):
 * - every error gets the code Excel shows ({@link excelCode});
 * - the first error of each kind (code and short form) carries the full message, every later one its
 *   short form ("not a number", "#N/A"): the cell's own value beside it says the rest;
 * - when the result would still take more than {@link RESULT_BUDGET} bytes as the runtime sends it
 *   (about 10,000 error cells among 100,000: each error cell costs about 130 bytes even bare), the
 *   whole result is one error saying how many cells are errors and what the first one is.
 * @param grid the result; its CellErrors are replaced in place.
 * @returns the same grid, every CellError final.
 * @throws KcError the whole-result error when over the budget.
 */
export function prepareResult(grid: OutGrid): OutGrid {
  const rows = grid.length;
  const cols = rows ? grid[0].length : 0;
  let errors = 0;
  let firstAt = -1;
  let first: CellError | null = null;
  let oneCode: ErrorCode | null = null;
  // the brackets of the grid and of each row, and a comma after each row
  let bytes = 2 + rows * 3;
  let seen: Set<string> | null = null; // made at the first error: a fill-down call has none
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!(v instanceof CellError)) continue;
      const code = excelCode(v.code, v.passed);
      const short = shortOf(v);
      const kind = `${code}\n${short}`;
      seen ??= new Set<string>();
      const message = seen.has(kind) ? short : v.message;
      seen.add(kind);
      const out = code === v.code && message === v.message ? v : new CellError(code, message, v.short, v.passed);
      row[c] = out;
      if (errors === 0) {
        firstAt = r * cols + c;
        first = out;
        oneCode = code;
      } else if (oneCode !== code) oneCode = null;
      errors++;
      bytes += (ERROR_BYTES[code] ?? 131) + 1 + (code === '#VALUE!' || code === '#N/A' ? MESSAGE_WRAP + jsonBytes(message) : 0);
    }
  }
  // values cannot be made smaller: a result without errors goes as it is
  if (errors === 0) return grid;
  // with errors, the values count too; an upper bound first (24 bytes a number), exact only near the budget
  if (bytes + (rows * cols - errors) * 25 > RESULT_BUDGET) {
    for (let r = 0; r < rows && bytes <= RESULT_BUDGET; r++) {
      const row = grid[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'number') bytes += String(v).length + 1;
        else if (typeof v === 'string') bytes += jsonBytes(v) + 1;
      }
    }
  }
  if (bytes <= RESULT_BUDGET) return grid;
  const code: ErrorCode = oneCode === '#N/A' ? '#N/A' : '#VALUE!';
  const where = positionOf(firstAt, rows, cols);
  throw new KcError(
    code,
    `${errors.toLocaleString('en-US')} of ${(rows * cols).toLocaleString('en-US')} cells are errors, more than one spilled result can send to Excel; the first, ${where}: ${(first as CellError).message}`,
  );
}
