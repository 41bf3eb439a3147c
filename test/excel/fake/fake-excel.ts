/**
 * An in-memory workbook that implements the part of the Office.js Excel API the add-in uses, so the
 * same `src/excel` code runs on real Excel and here (jest, the bench, and the browser test page).
 *
 * It is meant to be as strict as Excel on the web, the least forgiving host. Every rule below names the
 * documentation or the issue it models; a rule that no document settles is modelled on the side that
 * breaks code (and says so), so a test that passes here does not rely on luck in Excel.
 *
 * Requests (application-specific API model, "sync()": "the queued commands are dispatched to the
 * Office application and run"):
 * - Every call on a proxy is queued and runs only at `context.sync()`, in order. Loaded properties are
 *   the values at that moment, and reading one that was not loaded throws `PropertyNotLoaded`.
 * - A request above the payload limit is rejected whole: nothing of it is applied
 *   (`RequestPayloadSizeLimitExceeded`, "Resource limits and performance optimization for Office
 *   Add-ins": Excel on the web limits requests and responses to 5 MB). The double takes 5 MB as
 *   5,000,000 bytes, the stricter reading.
 * - The size is measured as the web transport sends it (issue 12 item 2: the body is encoded again, and
 *   non-ASCII is escaped): the JSON of each operation embedded in a JSON string, ASCII only, so a quote
 *   or backslash takes 2 bytes and every non-ASCII UTF-16 unit 7 (`\\uXXXX`). This is the issue's
 *   report modelled pessimistically, not a documented formula.
 * - A request that writes more than `maxCellsPerRequest` cells (values, number formats, formulas) is
 *   rejected whole with `GeneralException` ("An internal error has occurred"): Excel on the web failed a
 *   2,000 x 10 write that way (office-js-docs-reference#354), and "Read or write to large ranges"
 *   says to start with blocks of 5k-20k rows and retry smaller on a limit error. Default 20,000 cells.
 * - A failing operation stops the request there: the operations before it stay applied, the ones after
 *   it never run (there is no rollback: sync() runs the queue in order; issue 12 item 10).
 * - A response above the limit fails with `ResponsePayloadSizeLimitExceeded` (the writes of that
 *   request have run). Reading `values` of more than 5,000,000 cells gives `null` ("Payload size limit
 *   best practices": the API "doesn't always throw an error. In some cases, Range.values returns null").
 * - An API above the host's ExcelApi version fails the request with `ApiNotFound` at sync (the version
 *   of each API is the `[API set: ExcelApi x.y]` of its Office.js reference page).
 *
 * Cells (Range.values reference: a string starting with + - = is "interpreted as a formula"):
 * - A string starting with one apostrophe, written into a cell not formatted as text, is stored
 *   without it, as text (Excel's quote prefix: "Long numbers are displayed incorrectly in Excel",
 *   method 2, and the VBA ErrorCheckingOptions.NumberAsText sample `Range("A1").Value = "'1"`).
 * - Otherwise a string that reads as a number, a percentage, an ISO date or TRUE/FALSE becomes that
 *   value (`coerced` set), and one starting with = + - @ becomes a formula (`#NAME?`, `formula` set).
 * - What Excel keeps when such a string is written into a cell formatted as text ("@") is not
 *   documented (issue 12 item 7): the double keeps the string as written and marks the cell
 *   `undocumented`, so tests can require that the add-in never relies on it.
 * - `null` in a 2-D array leaves that cell unchanged; '' clears it ("Blank and null values in Excel
 *   add-ins").
 * - Range.formulas (live formulas, issue 8): a string starting with "=" is recorded as the cell's
 *   formula, not calculated: the cell keeps the value it had (the add-in writes the engine's value
 *   first, and test/independent/live-formulas.test.ts has LibreOffice compute the formulas), so tests
 *   check the formula text. A structured reference to a table or a column the workbook does not have
 *   fails the request (`InvalidArgument`), modelled on Excel refusing such a formula as typed ("There's
 *   a problem with this formula"): the side that breaks code. Any other string is written as by values.
 * - Workbook-scoped names (Workbook.names: add 1.4 with a range, getItemOrNullObject 1.4, NamedItem.formula
 *   set 1.7, delete 1.4) share one namespace with tables, as in Excel. Application.calculationMode
 *   (read, 1.1) is the workbook's `calculationMode`.
 *
 * Workbook ("worksheet Id changing after reopening workbook", office-js-docs#297 and office-js#1390):
 * `newSession()` gives every sheet another id, as reopening the file does. Tables may have a totals row
 * (Table.showTotals) and are renamed as Excel names table columns: a blank header becomes ColumnN, a
 * number its text, a repeated name gets 2, 3, ... Sheets may have hidden (or filtered) rows
 * (Range.rowHidden, Range.getSpecialCells("Visible")). A multi-area selection makes
 * Workbook.getSelectedRange throw (its reference: "If there are multiple ranges selected, this method
 * will throw an error"); a chart or shape selection makes both selection methods throw
 * `InvalidSelection`. Document settings can fail to save (`settingsSaveError`). Freezing panes on a
 * sheet that is not active makes the API report that sheet as active while another is shown
 * (office-js#3148). The date system (1900 or 1904) answers Workbook.functions.date.
 */
import type { DocumentSettingsStore, ExcelHost } from '../../../src/excel/host';

export type FakeValue = string | number | boolean;
/** Excel on the web's request and response limit, as the double applies it (bytes). */
export const PAYLOAD_LIMIT = 5_000_000;
/** Cells a read of `values` may span before Excel gives null ("Payload size limit best practices"). */
export const READ_CELL_LIMIT = 5_000_000;
/** Rows and columns of an Excel worksheet. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  /** Cells written by values, number formats and formulas in this request. */
  cells: number;
  /** Of them, the cells written by Range.formulas. */
  formulaCells: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  /** The error code when the request failed. */
  failed?: string;
}

export interface FakeCell {
  value: FakeValue;
  /** A formula: written by a string Excel reads as one, or put there by a test (a user's =KC.* formula). */
  formula?: string;
  /** Set when a string was taken as a number, a date or a boolean (what Excel does with "0042" in a General cell). */
  coerced?: string;
  /** Set when the value was written with Excel's quote prefix ('). */
  quotePrefix?: boolean;
  /** Set when a string was written in a way whose outcome Excel does not document (see the header). */
  undocumented?: string;
  numberFormat?: string;
}

export interface FakeTableData {
  name: string;
  sheet: FakeSheet;
  /** The whole table: header row, body and (when `showTotals`) the totals row. */
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: string;
  showTotals?: boolean;
  /** False when the table hides its header row (Table.showHeaders); the header row is then not part of it. */
  showHeaders?: boolean;
}

export interface FakeConditionalFormat {
  /** "CellValue" (a fill where the value equals formula1) or "ColorScale" (a heat map by `colorScale`). */
  type: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  operator: string;
  formula1: string;
  fill: string | null;
  /** The criteria of a ColorScale format, as set (ConditionalColorScaleCriteria). */
  colorScale?: { minimum: FakeColorCriterion; midpoint?: FakeColorCriterion; maximum: FakeColorCriterion };
}

/** One criterion of a colour scale (ConditionalColorScaleCriterion). */
export interface FakeColorCriterion {
  type: string;
  formula?: string | null;
  color?: string;
}

export interface FakePivot {
  name: string;
  source: string;
  rows: string[];
  columns: string[];
  data: string[];
  /** How each data hierarchy is summarised ("Automatic" until set, as Excel reports it before a choice). */
  summarizeBy: string[];
  destination: string;
}

export interface FakeChart {
  type: string;
  source: string;
  title: string;
  /** The cells of Chart.setPosition, as given. */
  position?: [string, string | undefined];
  legendVisible?: boolean;
}

interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const INVALID_SHEET = /[:\\/?*[\]]/;

/** An error as Office.js gives it: name RichApi.Error, a code of the error-code table. */
export function excelError(code: string, message: string): Error {
  const e = new Error(message) as Error & { code: string };
  e.name = 'RichApi.Error';
  e.code = code;
  return e;
}

export function colLetters(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function a1(b: Box): string {
  const tl = `${colLetters(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? tl : `${tl}:${colLetters(b.col + b.cols - 1)}${b.row + b.rows}`;
}

/** Parses "B2", "B2:D10", "A:I" (whole columns) or "3:5" (whole rows), no sheet, into zero-based row/col and size. */
export function parseA1(address: string): Box {
  const part = (address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address).trim();
  const ci = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(part);
  if (cols) {
    const c1 = ci(cols[1]);
    const c2 = ci(cols[2]);
    return { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 };
  }
  const rowsOnly = /^\$?(\d+):\$?(\d+)$/.exec(part);
  if (rowsOnly) {
    const r1 = +rowsOnly[1] - 1;
    const r2 = +rowsOnly[2] - 1;
    return { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLUMNS };
  }
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(part);
  if (!m) throw excelError('InvalidArgument', `bad address '${address}'`);
  const r1 = +m[2] - 1;
  const c1 = ci(m[1]);
  const r2 = m[4] ? +m[4] - 1 : r1;
  const c2 = m[3] ? ci(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/**
 * Bytes of a JSON text as the web transport sends it (see the header): ASCII 1, a quote or backslash 2
 * (escaped again), any other UTF-16 unit 7 (`\\uXXXX`).
 */
export function transportBytes(json: string): number {
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    n += c >= 0x80 ? 7 : c === 34 || c === 92 ? 2 : 1;
  }
  return n;
}

const sizeOf = (v: unknown): number => (v === undefined ? 0 : transportBytes(JSON.stringify(v)));

/** Serial of a date in the workbook's date system (1900: 1900-03-01 is 61; 1904: 1904-01-01 is 0). */
function serialOf(y: number, m: number, d: number, date1904: boolean): number {
  const s1900 = Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
  return date1904 ? s1900 - 1462 : s1900;
}

/** A worksheet of the in-memory workbook. */
export class FakeSheet {
  readonly cells: (FakeCell | undefined)[][] = [];
  readonly tables: FakeTableData[] = [];
  readonly names = new Map<string, { formula: string; visible: boolean }>();
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly pivots: FakePivot[] = [];
  readonly charts: FakeChart[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly bold = new Set<string>();
  readonly italic = new Set<string>();
  /** Horizontal alignment set on a cell ("row,col" -> "Right"...). */
  readonly alignment = new Map<string, string>();
  /** Rows (zero-based) hidden by hand or by a filter. */
  readonly hiddenRows = new Set<number>();
  /** Dynamic-array anchors: "row,col" to the size of the range they spill to. */
  readonly spills = new Map<string, { rows: number; cols: number }>();
  frozenRows = 0;
  frozenColumns = 0;
  protected = false;
  constructor(
    public id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells[row]?.[col];
  }
  /** The value of a cell, "" when empty. */
  value(row: number, col: number): FakeValue {
    return this.cell(row, col)?.value ?? '';
  }
  setCell(row: number, col: number, cell: FakeCell | undefined): void {
    (this.cells[row] ??= [])[col] = cell;
  }
  /** Rows x columns of values from (row, col). */
  values(row: number, col: number, rows: number, cols: number): FakeValue[][] {
    const out: FakeValue[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const src = this.cells[row + r];
      const line: FakeValue[] = new Array(cols);
      for (let c = 0; c < cols; c++) line[c] = src?.[col + c]?.value ?? '';
      out[r] = line;
    }
    return out;
  }
  /** Rows and columns in use (from A1). */
  usedSize(): { rows: number; cols: number } {
    const b = this.usedBounds();
    return b ? { rows: b.row + b.rows, cols: b.col + b.cols } : { rows: 0, cols: 0 };
  }
  /** The smallest block holding every cell with a value (Worksheet.getUsedRange(true)), or null. */
  usedBounds(): Box | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    this.cells.forEach((line, r) => {
      if (!line) return;
      line.forEach((c, ci) => {
        if (c && (c.value !== '' || c.formula)) {
          r0 = Math.min(r0, r);
          r1 = Math.max(r1, r);
          c0 = Math.min(c0, ci);
          c1 = Math.max(c1, ci);
        }
      });
    });
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  /** Fill colour a conditional format gives the cell, or null. */
  fillOf(row: number, col: number): string | null {
    const v = this.value(row, col);
    for (const cf of this.conditionalFormats) {
      if (cf.type !== 'CellValue') continue;
      if (row < cf.row || row >= cf.row + cf.rows || col < cf.col || col >= cf.col + cf.cols) continue;
      const m = /^="((?:[^"]|"")*)"$/.exec(cf.formula1);
      const want = m ? m[1].replace(/""/g, '"') : cf.formula1;
      if (cf.operator === 'EqualTo' && String(v).toLowerCase() === want.toLowerCase()) return cf.fill;
    }
    return null;
  }
  /**
   * Puts a dynamic-array formula at (row, col) whose result spills over `values` (the anchor holds the
   * first value and the formula; the other cells hold values only, as a spill range does).
   */
  setSpill(row: number, col: number, formula: string, values: readonly (readonly FakeValue[])[]): void {
    values.forEach((line, r) => line.forEach((v, c) => this.setCell(row + r, col + c, { value: v })));
    this.setCell(row, col, { value: values[0][0], formula });
    this.spills.set(`${row},${col}`, { rows: values.length, cols: values[0].length });
  }
  /** Adds a table over an address, optionally with a totals row as its last row (for the tests). */
  addTable(name: string, address: string, options: { showTotals?: boolean; showHeaders?: boolean } = {}): FakeTableData {
    const t: FakeTableData = { name, sheet: this, ...parseA1(address), style: 'TableStyleMedium2', showTotals: options.showTotals ?? false, showHeaders: options.showHeaders ?? true };
    this.tables.push(t);
    return t;
  }
}

/** What is selected: one block, several blocks (Ctrl+click), or a chart or shape. */
export type FakeSelection = { sheet: string; address: string } | { sheet: string; areas: string[] } | { chart: true };

/** The in-memory workbook. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** Workbook-scoped defined names (name -> formula). A table cannot take the name of one. */
  readonly names = new Map<string, string>();
  /** Application.calculationMode: 'Automatic', 'AutomaticExceptTables' or 'Manual'. */
  calculationMode = 'Automatic';
  /** Settings as saved with the document (saveAsync); `settings` holds the live ones. */
  readonly savedSettings = new Map<string, unknown>();
  readonly syncs: SyncRecord[] = [];
  /** Sheets the API reported as activated, in order (Worksheet.activate, and freezePanes per office-js#3148). */
  readonly activations: string[] = [];
  structureProtected = false;
  selection: FakeSelection | null = null;
  apiVersion = '1.12';
  displayLanguage = 'en-US';
  /** Application.cultureInfo: the regional format (ExcelApi 1.11; the date pattern 1.12). */
  culture = { name: 'en-US', shortDatePattern: 'M/d/yyyy' };
  /** The workbook counts dates from 1904 (Excel for Mac's old default). */
  date1904 = false;
  /** When set, saving the document settings fails with this message (Office.Settings.saveAsync). */
  settingsSaveError: string | null = null;
  maxCellsPerRequest = 20_000;
  payloadLimit = PAYLOAD_LIMIT;
  /** Cells a read of values may span before Excel gives null (default {@link READ_CELL_LIMIT}). */
  readCellLimit = READ_CELL_LIMIT;
  /**
   * APIs this host lacks although its ExcelApi version has them ("NotImplemented": "the requested
   * feature isn't implemented ... only on a particular platform"), e.g. 'Workbook.functions'.
   */
  readonly notImplemented = new Set<string>();
  /** A fault to inject: the `nth` command of `api` in any request fails with `code` (then the fault is spent). */
  failAt: { api: string; nth: number; code: string } | null = null;
  /** The sheet the API reports as active, and the one the user sees. */
  activeSheet: FakeSheet | null = null;
  shownSheet: FakeSheet | null = null;
  private nextId = 1;
  private session = 0;

  private newId(): string {
    return `{${String(this.nextId++).padStart(8, '0')}-000${this.session}-0000-0000-000000000000}`;
  }
  addSheet(name: string, rows?: readonly (readonly FakeValue[])[]): FakeSheet {
    if (this.sheet(name)) throw excelError('ItemAlreadyExists', `a sheet named '${name}' exists`);
    if (!name || name.length > 31 || INVALID_SHEET.test(name)) throw excelError('InvalidArgument', `bad sheet name '${name}'`);
    const s = new FakeSheet(this.newId(), name);
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = this.shownSheet = s;
    if (rows) rows.forEach((line, r) => line.forEach((v, c) => v !== '' && v !== null && v !== undefined && s.setCell(r, c, { value: v })));
    return s;
  }
  sheet(name: string): FakeSheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }
  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }
  deleteSheet(s: FakeSheet): void {
    if (this.structureProtected) throw excelError('AccessDenied', 'the workbook structure is protected');
    if (this.sheets.length === 1) throw excelError('InvalidOperation', 'a workbook must keep one visible sheet');
    this.sheets.splice(this.sheets.indexOf(s), 1);
    if (this.activeSheet === s) this.activeSheet = this.sheets[0];
    if (this.shownSheet === s) this.shownSheet = this.sheets[0];
  }
  /** Closes and reopens the workbook: every sheet gets a new id (office-js#1390), in reverse order. */
  newSession(): void {
    this.session++;
    for (const s of [...this.sheets].reverse()) s.id = this.newId();
  }
  allTables(): FakeTableData[] {
    return this.sheets.flatMap((s) => s.tables);
  }
  table(name: string): FakeTableData | undefined {
    const n = name.toLowerCase();
    return this.allTables().find((t) => t.name.toLowerCase() === n);
  }
  select(sheet: string, address: string): void {
    this.selection = { sheet, address };
  }
  selectAreas(sheet: string, areas: string[]): void {
    this.selection = { sheet, areas };
  }
  selectChart(): void {
    this.selection = { chart: true };
  }
  /** Number of syncs so far and the largest request/response. */
  stats(): { syncs: number; maxRequestBytes: number; maxResponseBytes: number; totalRequestBytes: number; maxCells: number } {
    let maxRequestBytes = 0;
    let maxResponseBytes = 0;
    let totalRequestBytes = 0;
    let maxCells = 0;
    for (const s of this.syncs) {
      maxRequestBytes = Math.max(maxRequestBytes, s.requestBytes);
      maxResponseBytes = Math.max(maxResponseBytes, s.responseBytes);
      maxCells = Math.max(maxCells, s.cells);
      totalRequestBytes += s.requestBytes;
    }
    return { syncs: this.syncs.length, maxRequestBytes, maxResponseBytes, totalRequestBytes, maxCells };
  }
  resetStats(): void {
    this.syncs.length = 0;
  }
  isSetSupported(name: string, version: string): boolean {
    if (name === 'SharedRuntime') return version === '1.1';
    if (name !== 'ExcelApi') return false;
    const [a, b] = version.split('.').map(Number);
    const [x, y] = this.apiVersion.split('.').map(Number);
    return a < x || (a === x && (b ?? 0) <= (y ?? 0));
  }

  /** An {@link ExcelHost} over this workbook. */
  host(): ExcelHost {
    const wb = this;
    const settings: DocumentSettingsStore = {
      get: (key) => (wb.settings.has(key) ? wb.settings.get(key) : null),
      set: (key, value) => {
        wb.settings.set(key, JSON.parse(JSON.stringify(value)));
      },
      remove: (key) => {
        wb.settings.delete(key);
      },
      save: async () => {
        if (wb.settingsSaveError !== null) throw new Error(wb.settingsSaveError);
        wb.savedSettings.clear();
        for (const [k, v] of wb.settings) wb.savedSettings.set(k, v);
      },
    };
    return {
      run: async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
        const ctx = new FakeContext(wb);
        const out = await batch(ctx as unknown as Excel.RequestContext);
        await ctx.sync();
        return out;
      },
      settings,
      displayLanguage: () => wb.displayLanguage,
      isSetSupported: (name, version) => wb.isSetSupported(name, version),
    };
  }
}

/** One queued command: its size in the request, the cells it writes, and what it does at sync. */
interface Op {
  bytes: number;
  cells: number;
  /** The API, for injected faults ('tables.add', 'values', ...). */
  api?: string;
  /** Runs the command; returns the bytes it adds to the response. */
  run(): number;
}

const OP_BYTES = 40;

class FakeContext {
  readonly workbook: WorkbookProxy;
  calc = false;
  screen = false;
  private queue: Op[] = [];
  private syncing = false;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }
  /** Queues a command whose arguments are `args` (for the size), writing `cells` cells. */
  op(args: unknown, run: () => number | void, cells = 0, api?: string): void {
    this.queue.push({ bytes: OP_BYTES + sizeOf(args), cells, api, run: () => run() ?? 0 });
  }
  /**
   * Checks that the host supports `ExcelApi <version>` for `api`: when it does not, a command that fails
   * with ApiNotFound is queued (the proxy method exists in office.js either way). Returns whether it does.
   */
  requires(version: string, api: string): boolean {
    if (this.wb.notImplemented.has(api)) {
      this.op(null, () => {
        throw excelError('NotImplemented', `${api}: the requested feature isn't implemented on this host`);
      });
      return false;
    }
    if (this.wb.isSetSupported('ExcelApi', version)) return true;
    const v = this.wb.apiVersion;
    this.op(null, () => {
      throw excelError('ApiNotFound', `${api} needs ExcelApi ${version}; this host supports ${v}`);
    });
    return false;
  }
  async sync(): Promise<void> {
    if (this.syncing) throw excelError('InvalidOperation', 'sync called while another sync is running');
    this.syncing = true;
    await Promise.resolve();
    this.syncing = false;
    const ops = this.queue;
    this.queue = [];
    if (ops.length === 0) return;
    const record: SyncRecord = {
      requestBytes: ops.reduce((n, o) => n + o.bytes, 0),
      responseBytes: 0,
      ops: ops.length,
      cells: ops.reduce((n, o) => n + o.cells, 0),
      formulaCells: ops.reduce((n, o) => n + (o.api === 'formulas' ? o.cells : 0), 0),
      calculationSuspended: this.calc,
      screenUpdatingSuspended: this.screen,
    };
    this.calc = false;
    this.screen = false;
    this.wb.syncs.push(record);
    const fail = (e: Error): never => {
      record.failed = (e as Error & { code?: string }).code ?? e.name;
      throw e;
    };
    if (record.requestBytes > this.wb.payloadLimit) {
      fail(excelError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${record.requestBytes} bytes).`));
    }
    if (record.cells > this.wb.maxCellsPerRequest) fail(excelError('GeneralException', 'An internal error has occurred.'));
    for (const o of ops) {
      try {
        const f = this.wb.failAt;
        if (f && o.api === f.api && --f.nth === 0) {
          this.wb.failAt = null;
          throw excelError(f.code, `injected failure of ${f.api}`);
        }
        record.responseBytes += o.run();
      } catch (e) {
        fail(e as Error);
      }
    }
    if (record.responseBytes > this.wb.payloadLimit) {
      fail(excelError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${record.responseBytes} bytes).`));
    }
  }
}

/** A value resolved when the request runs, then kept. */
class Late<T> {
  private done = false;
  private v: T | undefined;
  constructor(private readonly get: () => T) {}
  value(): T {
    if (!this.done) {
      this.v = this.get();
      this.done = true;
    }
    return this.v as T;
  }
}

/** Base of loadable proxies: a property can be read only after load + sync, and holds its value at that sync. */
class Loadable {
  protected readonly loadedValues = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}
  protected need<T>(prop: string): T {
    if (!this.loadedValues.has(prop)) throw excelError('PropertyNotLoaded', `the property '${prop}' is not available: load it and call context.sync() first`);
    return this.loadedValues.get(prop) as T;
  }
  /** The value of a property at sync time. */
  protected snapshot(_prop: string): unknown {
    return null;
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === 'string' ? props.split(',').map((s) => s.trim()) : Array.isArray(props) ? props : Object.keys(props ?? {});
    this.ctx.op(list, () => {
      let bytes = 0;
      for (const p of list) {
        const v = this.snapshot(p);
        this.loadedValues.set(p, v);
        bytes += sizeOf(v);
      }
      return bytes;
    });
    return this;
  }
}

/** A collection whose `load` fills `items` (paths like "items/name" load those properties of each item). */
abstract class Collection<T extends Loadable> extends Loadable {
  private listed: T[] = [];
  protected abstract list(): T[];
  override load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === 'string' ? props.split(',').map((s) => s.trim()) : Array.isArray(props) ? props : [];
    const itemProps = list.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    this.ctx.op(list, () => {
      this.listed = this.list();
      this.loadedValues.set('items', true);
      let bytes = 2;
      for (const item of this.listed) bytes += (item as unknown as { fill(p: string[]): number }).fill(itemProps);
      return bytes;
    });
    return this;
  }
  get items(): T[] {
    this.need('items');
    return this.listed;
  }
}

/** Fills loaded properties of an item in place (collections load their items this way). */
function fillItem(this: Loadable, props: string[]): number {
  let bytes = 2;
  for (const p of props) {
    const v = (this as unknown as { snapshot(p: string): unknown }).snapshot(p);
    (this as unknown as { loadedValues: Map<string, unknown> }).loadedValues.set(p, v);
    bytes += sizeOf(v) + p.length + 3;
  }
  return bytes;
}

class WorkbookProxy {
  readonly names: WorkbookNamesProxy;
  readonly worksheets: WorksheetsProxy;
  readonly application: ApplicationProxy;
  readonly tables: TablesProxy;
  readonly protection: ProtectionProxy;
  readonly functions: FunctionsProxy;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetsProxy(ctx);
    this.names = new WorkbookNamesProxy(ctx);
    this.tables = new TablesProxy(ctx, null);
    this.protection = new ProtectionProxy(ctx, () => ctx.wb.structureProtected);
    this.application = new ApplicationProxy(ctx);
    this.functions = new FunctionsProxy(ctx);
  }
  private selectedSheet(): FakeSheet {
    const sel = this.ctx.wb.selection;
    if (!sel || 'chart' in sel) throw excelError('InvalidSelection', 'The current selection is invalid for this operation.');
    const sheet = this.ctx.wb.sheet(sel.sheet);
    if (!sheet) throw excelError('ItemNotFound', `no sheet '${sel.sheet}'`);
    return sheet;
  }
  /** Workbook.getSelectedRange (1.1): throws for several areas and for a chart. */
  getSelectedRange(): RangeProxy {
    const target = new Late(() => {
      const sheet = this.selectedSheet();
      const sel = this.ctx.wb.selection as { address?: string; areas?: string[] };
      if (sel.areas && sel.areas.length > 1) throw excelError('InvalidSelection', 'The current selection is invalid for this operation.');
      return { sheet, box: parseA1(sel.address ?? sel.areas![0]) };
    });
    this.ctx.op(null, () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
  /** Workbook.getSelectedRanges (1.9): every area of the selection. */
  getSelectedRanges(): RangeAreasProxy {
    this.ctx.requires('1.9', 'Workbook.getSelectedRanges');
    const target = new Late(() => {
      const sheet = this.selectedSheet();
      const sel = this.ctx.wb.selection as { address?: string; areas?: string[] };
      return { sheet, boxes: (sel.areas ?? [sel.address!]).map(parseA1) };
    });
    this.ctx.op(null, () => void target.value());
    return new RangeAreasProxy(this.ctx, target);
  }
}

class ApplicationProxy extends Loadable {
  readonly cultureInfo: CultureInfoProxy;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.cultureInfo = new CultureInfoProxy(ctx);
  }
  protected override snapshot(prop: string): unknown {
    if (prop === 'calculationMode') return this.ctx.wb.calculationMode;
    throw excelError('InvalidArgument', `the double does not load Application.${prop}`);
  }
  /** Application.calculationMode (ExcelApi 1.1 to read). */
  get calculationMode(): string {
    return this.need('calculationMode');
  }
  suspendApiCalculationUntilNextSync(): void {
    if (!this.ctx.requires('1.6', 'Application.suspendApiCalculationUntilNextSync')) return;
    this.ctx.op(null, () => undefined);
    this.ctx.calc = true;
  }
  suspendScreenUpdatingUntilNextSync(): void {
    if (!this.ctx.requires('1.9', 'Application.suspendScreenUpdatingUntilNextSync')) return;
    this.ctx.op(null, () => undefined);
    this.ctx.screen = true;
  }
}

/** Application.cultureInfo (ExcelApi 1.11): name; datetimeFormat (1.12). */
class CultureInfoProxy extends Loadable {
  readonly datetimeFormat: DatetimeFormatProxy;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.datetimeFormat = new DatetimeFormatProxy(ctx);
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    if (!this.ctx.requires('1.11', 'Application.cultureInfo')) return this;
    return super.load(props);
  }
  protected override snapshot(prop: string): unknown {
    return prop === 'name' ? this.ctx.wb.culture.name : null;
  }
  get name(): string {
    return this.need('name');
  }
}

class DatetimeFormatProxy extends Loadable {
  override load(props?: string | string[] | Record<string, unknown>): this {
    if (!this.ctx.requires('1.12', 'CultureInfo.datetimeFormat')) return this;
    return super.load(props);
  }
  protected override snapshot(prop: string): unknown {
    return prop === 'shortDatePattern' ? this.ctx.wb.culture.shortDatePattern : null;
  }
  get shortDatePattern(): string {
    return this.need('shortDatePattern');
  }
}

/** Workbook.functions (ExcelApi 1.2): DATE, answered in the workbook's date system. */
class FunctionsProxy {
  constructor(private readonly ctx: FakeContext) {}
  date(year: number, month: number, day: number): FunctionResultProxy {
    const ctx = this.ctx;
    if (!ctx.requires('1.2', 'Workbook.functions')) return new FunctionResultProxy(ctx, () => NaN);
    return new FunctionResultProxy(ctx, () => serialOf(year, month, day, ctx.wb.date1904));
  }
}

class FunctionResultProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly compute: () => number,
  ) {
    super(ctx);
  }
  protected override snapshot(prop: string): unknown {
    return prop === 'value' ? this.compute() : prop === 'error' ? null : undefined;
  }
  get value(): number {
    return this.need('value');
  }
}

class ProtectionProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly get: () => boolean,
  ) {
    super(ctx);
  }
  protected override snapshot(): unknown {
    return this.get();
  }
  get protected(): boolean {
    return this.need('protected');
  }
}

/** Workbook.names: the workbook-scoped defined names (ExcelApi 1.1; add and getItemOrNullObject 1.4). */
class WorkbookNamesProxy extends Collection<NamedItemProxy> {
  protected list(): NamedItemProxy[] {
    return [...this.ctx.wb.names.keys()].map((name) => this.item(name));
  }
  private item(name: string): NamedItemProxy {
    const wb = this.ctx.wb;
    const key = () => [...wb.names.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
    return new NamedItemProxy(this.ctx, new Late(() => {
      const k = key();
      return k === undefined ? null : { name: k, formula: wb.names.get(k)!, visible: true };
    }), {
      setFormula: (f) => {
        const k = key();
        if (k === undefined) throw excelError('InvalidObjectPath', `no name '${name}'`);
        wb.names.set(k, f);
      },
      remove: () => {
        const k = key();
        if (k === undefined) throw excelError('InvalidObjectPath', `no name '${name}'`);
        wb.names.delete(k);
      },
    });
  }
  /** NamedItemCollection.add (ExcelApi 1.4): a name for a range (its absolute address) or a formula. */
  add(name: string, reference: RangeProxy | string): NamedItemProxy {
    this.ctx.requires('1.4', 'NamedItemCollection.add');
    const wb = this.ctx.wb;
    this.ctx.op([name, typeof reference === 'string' ? reference : null], () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw excelError('InvalidArgument', `bad name '${name}'`);
      if ([...wb.names.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw excelError('ItemAlreadyExists', `a name '${name}' exists`);
      if (wb.table(name)) throw excelError('InvalidArgument', `'${name}' is the name of a table`);
      let formula: string;
      if (typeof reference === 'string') formula = reference;
      else {
        const { sheet, box } = reference.resolved();
        formula = `=${quoteSheet(sheet.name)}!${absoluteA1(box)}`;
      }
      wb.names.set(name, formula);
    }, 0, 'names.add');
    return this.item(name);
  }
  /** NamedItemCollection.getItemOrNullObject (ExcelApi 1.4). */
  getItemOrNullObject(name: string): NamedItemProxy {
    this.ctx.requires('1.4', 'NamedItemCollection.getItemOrNullObject');
    const item = this.item(name);
    this.ctx.op(name, () => undefined);
    return item;
  }
}

type SheetRef = Late<FakeSheet | null>;

class WorksheetsProxy extends Collection<WorksheetProxy> {
  protected list(): WorksheetProxy[] {
    return this.ctx.wb.sheets.map((s) => new WorksheetProxy(this.ctx, new Late(() => s)));
  }
  add(name: string): WorksheetProxy {
    const ctx = this.ctx;
    let made: FakeSheet | null = null;
    ctx.op(
      name,
      () => {
        if (ctx.wb.structureProtected) throw excelError('AccessDenied', 'the workbook structure is protected');
        made = ctx.wb.addSheet(name);
      },
      0,
      'worksheets.add',
    );
    return new WorksheetProxy(ctx, new Late(() => made));
  }
  getItem(name: string): WorksheetProxy {
    const ref = new Late(() => {
      const s = this.ctx.wb.sheet(name);
      if (!s) throw excelError('ItemNotFound', `no sheet '${name}'`);
      return s;
    });
    this.ctx.op(name, () => void ref.value());
    return new WorksheetProxy(this.ctx, ref);
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    this.ctx.requires('1.4', 'WorksheetCollection.getItemOrNullObject');
    const ref = new Late(() => this.ctx.wb.sheet(key) ?? this.ctx.wb.sheetById(key) ?? null);
    this.ctx.op(key, () => void ref.value());
    return new WorksheetProxy(this.ctx, ref);
  }
  getActiveWorksheet(): WorksheetProxy {
    const ref = new Late(() => this.ctx.wb.activeSheet);
    this.ctx.op(null, () => void ref.value());
    return new WorksheetProxy(this.ctx, ref);
  }
}

class WorksheetProxy extends Loadable {
  readonly protection: ProtectionProxy;
  readonly names: NamesProxy;
  readonly tables: TablesProxy;
  readonly pivotTables: PivotTablesProxy;
  readonly charts: ChartsProxy;
  readonly freezePanes: { freezeRows(n: number): void; freezeAt(range: RangeProxy): void };
  constructor(
    ctx: FakeContext,
    readonly ref: SheetRef,
  ) {
    super(ctx);
    const sheet = () => this.sheet();
    this.protection = new ProtectionProxy(ctx, () => sheet().protected);
    this.names = new NamesProxy(ctx, sheet);
    this.tables = new TablesProxy(ctx, sheet);
    this.pivotTables = new PivotTablesProxy(ctx, sheet);
    this.charts = new ChartsProxy(ctx, sheet);
    const freezeActivates = (s: FakeSheet) => {
      // freezing panes on a sheet that is not active makes Excel report it as active (office-js#3148)
      if (ctx.wb.activeSheet !== s) {
        ctx.wb.activeSheet = s;
        ctx.wb.activations.push(s.name);
      }
    };
    this.freezePanes = {
      freezeRows: (n: number) => {
        if (!ctx.requires('1.7', 'Worksheet.freezePanes')) return;
        ctx.op(n, () => {
          const s = sheet();
          freezeActivates(s);
          s.frozenRows = n;
          s.frozenColumns = 0;
        });
      },
      freezeAt: (range: RangeProxy) => {
        if (!ctx.requires('1.7', 'Worksheet.freezePanes')) return;
        ctx.op(null, () => {
          const s = sheet();
          const b = range.box();
          freezeActivates(s);
          s.frozenRows = b.row + b.rows;
          s.frozenColumns = b.col + b.cols;
        });
      },
    };
  }
  /** The sheet at sync time; a null object or a deleted sheet throws as Excel does. */
  sheet(): FakeSheet {
    const s = this.ref.value();
    if (!s) throw excelError('InvalidObjectPath', 'the worksheet does not exist');
    return s;
  }
  protected override snapshot(prop: string): unknown {
    const s = this.ref.value();
    if (prop === 'isNullObject') return s === null;
    if (!s) return null;
    if (prop === 'name') return s.name;
    if (prop === 'id') return s.id;
    if (prop === 'visibility') return 'Visible';
    return null;
  }
  fill(props: string[]): number {
    return fillItem.call(this, props);
  }
  get isNullObject(): boolean {
    return this.need('isNullObject');
  }
  get name(): string {
    return this.need('name');
  }
  set name(v: string) {
    this.ctx.op(v, () => {
      const s = this.sheet();
      const other = this.ctx.wb.sheet(v);
      if (other && other !== s) throw excelError('ItemAlreadyExists', `a sheet named '${v}' exists`);
      if (!v || v.length > 31 || INVALID_SHEET.test(v)) throw excelError('InvalidArgument', `bad sheet name '${v}'`);
      s.name = v;
    });
  }
  get id(): string {
    return this.need('id');
  }
  delete(): void {
    this.ctx.op(null, () => this.ctx.wb.deleteSheet(this.sheet()), 0, 'worksheet.delete');
  }
  activate(): void {
    this.ctx.op(null, () => {
      const s = this.sheet();
      this.ctx.wb.activeSheet = s;
      this.ctx.wb.shownSheet = s;
      this.ctx.wb.activations.push(s.name);
    });
  }
  getRange(address: string): RangeProxy {
    const box = parseA1(address);
    const target = new Late(() => ({ sheet: this.sheet(), box }));
    this.ctx.op(address, () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.ctx.requires('1.7', 'Worksheet.getRangeByIndexes');
    const target = new Late(() => {
      if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLUMNS) {
        throw excelError('InvalidArgument', `no range at row ${row}, column ${col} of ${rows} x ${cols}`);
      }
      return { sheet: this.sheet(), box: { row, col, rows, cols } };
    });
    this.ctx.op([row, col, rows, cols], () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
  /** Worksheet.getUsedRangeOrNullObject (1.4): the block of cells with values; a null object when none. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    this.ctx.requires('1.4', 'Worksheet.getUsedRangeOrNullObject');
    const target = new Late(() => {
      const s = this.sheet();
      const b = s.usedBounds();
      return b ? { sheet: s, box: b } : null;
    });
    this.ctx.op(null, () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
}

class NamesProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  add(name: string, reference: string): { visible: boolean } {
    this.ctx.requires('1.4', 'Worksheet.names.add');
    const item = { formula: reference, visible: true };
    const ctx = this.ctx;
    let added = false;
    this.ctx.op(
      [name, reference],
      () => {
        const s = this.sheet();
        if (s.names.has(name)) throw excelError('ItemAlreadyExists', `name '${name}' exists`);
        s.names.set(name, item);
        added = true;
      },
      0,
      'names.add',
    );
    return {
      get visible() {
        return item.visible;
      },
      set visible(v: boolean) {
        ctx.op(v, () => {
          if (!added) throw excelError('InvalidObjectPath', 'the name does not exist');
          item.visible = v;
        });
      },
    };
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    this.ctx.requires('1.4', 'Worksheet.names.getItemOrNullObject');
    const ref = new Late(() => {
      const item = this.sheet().names.get(name);
      return item ? { name, ...item } : null;
    });
    this.ctx.op(name, () => void ref.value());
    return new NamedItemProxy(this.ctx, ref);
  }
}

class NamedItemProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly ref: Late<{ name: string; formula: string; visible: boolean } | null>,
    /** How a workbook-scoped name changes (a sheet's tag names are read only here). */
    private readonly edit?: { setFormula(f: string): void; remove(): void },
  ) {
    super(ctx);
  }
  /** NamedItem.formula (set: ExcelApi 1.7). */
  set formula(f: string) {
    this.ctx.requires('1.7', 'NamedItem.formula');
    this.ctx.op(f, () => {
      if (!this.edit) throw excelError('InvalidArgument', 'this double sets the formula of workbook names only');
      this.edit.setFormula(f);
    });
  }
  /** NamedItem.delete (ExcelApi 1.4). */
  delete(): void {
    this.ctx.requires('1.4', 'NamedItem.delete');
    this.ctx.op(null, () => {
      if (!this.edit) throw excelError('InvalidArgument', 'this double deletes workbook names only');
      this.edit.remove();
    });
  }
  protected override snapshot(prop: string): unknown {
    const item = this.ref.value();
    if (prop === 'isNullObject') return item === null;
    return item ? (item as Record<string, unknown>)[prop] ?? null : null;
  }
  fill(props: string[]): number {
    return fillItem.call(this, props);
  }
  get isNullObject(): boolean {
    return this.need('isNullObject');
  }
  get name(): string {
    return this.need('name');
  }
  get formula(): string {
    return this.need('formula');
  }
}

/** An absolute A1 address: $B$2 or $B$2:$D$10. */
function absoluteA1(b: Box): string {
  const tl = `$${colLetters(b.col)}$${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? tl : `${tl}:$${colLetters(b.col + b.cols - 1)}$${b.row + b.rows}`;
}

/**
 * The structured references of a formula that the workbook cannot resolve: a table it does not have,
 * or a column its table does not have (the columns are the table's header cells). Text constants are
 * skipped; `[#This Row]` and the other special items are not columns.
 */
function unresolvedReferences(wb: FakeWorkbook, formula: string): string[] {
  const bad: string[] = [];
  const text = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const re = /([A-Za-z_\\][A-Za-z0-9_.]*)\[/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0;
    let i = m.index + m[1].length;
    const start = i;
    for (; i < text.length; i++) {
      if (text[i] === "'") i++;
      else if (text[i] === '[') depth++;
      else if (text[i] === ']' && --depth === 0) break;
    }
    re.lastIndex = i + 1;
    const t = wb.table(m[1]);
    if (!t) {
      bad.push(`no table '${m[1]}'`);
      continue;
    }
    const inner = text.slice(start + 1, i);
    const items = inner.startsWith('[') ? [...inner.matchAll(/\[((?:'.|[^\]'])*)\]/g)].map((x) => x[1]) : [inner];
    const columns = new Set(t.sheet.values(t.row, t.col, 1, t.cols)[0].map((v) => String(v).toLowerCase()));
    for (const item of items) {
      if (item.startsWith('#')) continue;
      for (const c of item.split(/\]:\[/)) if (!columns.has(c.replace(/'(.)/g, '$1').toLowerCase())) bad.push(`no column '${c}' in ${t.name}`);
    }
  }
  return bad;
}

/** Excel's names for the columns of a new table: blank "ColumnN", a number its text, a repeat "Name2". */
function tableColumnNames(header: readonly FakeValue[]): string[] {
  const seen = new Set<string>();
  return header.map((v, i) => {
    const base = v === '' ? `Column${i + 1}` : String(v);
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

class TablesProxy extends Collection<TableProxy> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {
    super(ctx);
  }
  protected list(): TableProxy[] {
    const all = this.sheet ? this.sheet().tables : this.ctx.wb.allTables();
    return all.map((t) => new TableProxy(this.ctx, new Late(() => t)));
  }
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    const ctx = this.ctx;
    let made: FakeTableData | null = null;
    ctx.op(typeof address === 'string' ? address : null, () => {
      if (!this.sheet) throw excelError('InvalidArgument', 'add tables through a worksheet in this double');
      const s = this.sheet();
      const p = typeof address === 'string' ? parseA1(address) : address.box();
      for (const t of s.tables) {
        if (p.row < t.row + t.rows && t.row < p.row + p.rows && p.col < t.col + t.cols && t.col < p.col + p.cols) {
          throw excelError('InvalidOperation', 'a table cannot overlap another table');
        }
      }
      if (!hasHeaders) throw excelError('InvalidArgument', 'this double needs header rows');
      // the header row becomes the column names, renamed as Excel names table columns
      const names = tableColumnNames(s.values(p.row, p.col, 1, p.cols)[0]);
      names.forEach((n, c) => {
        const prev = s.cell(p.row, p.col + c);
        s.setCell(p.row, p.col + c, { ...prev, value: n, coerced: undefined, formula: undefined });
      });
      let k = ctx.wb.allTables().length + 1;
      while (ctx.wb.table(`Table${k}`)) k++;
      made = { name: `Table${k}`, sheet: s, ...p, style: 'TableStyleMedium2', showTotals: false };
      s.tables.push(made);
    }, 0, 'tables.add');
    return new TableProxy(ctx, new Late(() => made));
  }
}

class TableScopedProxy extends Collection<TableProxy> {
  constructor(
    ctx: FakeContext,
    private readonly found: () => FakeTableData[],
  ) {
    super(ctx);
  }
  protected list(): TableProxy[] {
    return this.found().map((t) => new TableProxy(this.ctx, new Late(() => t)));
  }
}

class TableProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly ref: Late<FakeTableData | null>,
  ) {
    super(ctx);
  }
  data(): FakeTableData {
    const t = this.ref.value();
    if (!t) throw excelError('InvalidObjectPath', 'the table does not exist');
    return t;
  }
  protected override snapshot(prop: string): unknown {
    const t = this.ref.value();
    if (prop === 'isNullObject') return t === null;
    if (!t) return null;
    if (prop === 'name') return t.name;
    if (prop === 'showTotals') return Boolean(t.showTotals);
    if (prop === 'showHeaders') return t.showHeaders !== false;
    return null;
  }
  fill(props: string[]): number {
    return fillItem.call(this, props);
  }
  get name(): string {
    return this.need('name');
  }
  set name(v: string) {
    this.ctx.op(v, () => {
      const d = this.data();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v) || v.length > 255) throw excelError('InvalidArgument', `bad table name '${v}'`);
      const other = this.ctx.wb.table(v);
      if (other && other !== d) throw excelError('InvalidArgument', `a table named '${v}' exists`);
      if ([...this.ctx.wb.names.keys()].some((n) => n.toLowerCase() === v.toLowerCase())) throw excelError('InvalidArgument', `'${v}' is the name of a defined name`);
      d.name = v;
    });
  }
  get showTotals(): boolean {
    return this.need('showTotals');
  }
  get showHeaders(): boolean {
    return this.need('showHeaders');
  }
  set style(v: string) {
    this.ctx.op(v, () => void (this.data().style = v));
  }
  private part(pick: (t: FakeTableData) => Box | null, what: string): RangeProxy {
    const target = new Late(() => {
      const t = this.data();
      const box = pick(t);
      if (!box) throw excelError('InvalidOperation', `the table '${t.name}' has no ${what}`);
      return { sheet: t.sheet, box };
    });
    this.ctx.op(null, () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
  /** Table.getRange (1.1): header, body and totals row. */
  getRange(): RangeProxy {
    return this.part((t) => ({ row: t.row, col: t.col, rows: t.rows, cols: t.cols }), 'range');
  }
  getHeaderRowRange(): RangeProxy {
    return this.part((t) => (t.showHeaders === false ? null : { row: t.row, col: t.col, rows: 1, cols: t.cols }), 'header row');
  }
  /** Table.getDataBodyRange (1.1): the rows between the header (when shown) and the totals row. */
  getDataBodyRange(): RangeProxy {
    return this.part((t) => {
      const head = t.showHeaders === false ? 0 : 1;
      return { row: t.row + head, col: t.col, rows: Math.max(1, t.rows - head - (t.showTotals ? 1 : 0)), cols: t.cols };
    }, 'data body');
  }
  getTotalRowRange(): RangeProxy {
    return this.part((t) => (t.showTotals ? { row: t.row + t.rows - 1, col: t.col, rows: 1, cols: t.cols } : null), 'totals row');
  }
}

class PivotTablesProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  add(name: string, source: TableProxy | RangeProxy | string, destination: RangeProxy | string): PivotProxy {
    this.ctx.requires('1.8', 'PivotTableCollection.add');
    const pivot: FakePivot = { name, source: '', rows: [], columns: [], data: [], summarizeBy: [], destination: '' };
    const headers: string[] = [];
    this.ctx.op(name, () => {
      const src = source instanceof TableProxy ? source.data() : null;
      pivot.source = src ? src.name : String(source);
      pivot.destination = typeof destination === 'string' ? destination : destination.addressNow();
      if (src) headers.push(...src.sheet.values(src.row, src.col, 1, src.cols)[0].map(String));
      this.sheet().pivots.push(pivot);
    });
    return new PivotProxy(this.ctx, pivot, headers);
  }
}

class PivotProxy {
  readonly hierarchies: { getItem(name: string): { name: string } };
  readonly rowHierarchies: { add(h: { name: string }): void };
  readonly columnHierarchies: { add(h: { name: string }): void };
  readonly dataHierarchies: { add(h: { name: string }): { summarizeBy: string; numberFormat: string; name: string } };
  constructor(ctx: FakeContext, pivot: FakePivot, headers: string[]) {
    this.hierarchies = {
      getItem: (name) => {
        ctx.op(name, () => {
          if (!headers.includes(name)) throw excelError('ItemNotFound', `no field '${name}' in the pivot source`);
        });
        return { name };
      },
    };
    this.rowHierarchies = { add: (h) => ctx.op(null, () => void pivot.rows.push(h.name)) };
    this.columnHierarchies = { add: (h) => ctx.op(null, () => void pivot.columns.push(h.name)) };
    this.dataHierarchies = {
      add: (h) => {
        let i = -1;
        ctx.op(null, () => {
          i = pivot.data.push(h.name) - 1;
          pivot.summarizeBy.push('Automatic');
        });
        let numberFormat = 'General';
        let name = `Sum of ${h.name}`;
        return {
          get summarizeBy() {
            return pivot.summarizeBy[i];
          },
          set summarizeBy(v: string) {
            ctx.op(v, () => void (pivot.summarizeBy[i] = v));
          },
          get numberFormat() {
            return numberFormat;
          },
          set numberFormat(v: string) {
            ctx.op(v, () => void (numberFormat = v));
          },
          get name() {
            return name;
          },
          set name(v: string) {
            ctx.op(v, () => void (name = v));
          },
        };
      },
    };
  }
}

class ChartsProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  add(type: string, source: RangeProxy, seriesBy?: string): { title: { text: string }; legend: { visible: boolean }; setPosition(a: string, b?: string): void } {
    void seriesBy;
    // the statistical chart types came in ExcelApi 1.9 (Excel.ChartType: boxwhisker, histogram, pareto...)
    if (['Pareto', 'Histogram', 'Boxwhisker', 'Funnel', 'Sunburst', 'Treemap', 'Waterfall', 'RegionMap'].includes(type)) this.ctx.requires('1.9', `ChartType.${type}`);
    const chart: FakeChart = { type, source: '', title: '' };
    const ctx = this.ctx;
    ctx.op(type, () => {
      chart.source = source.addressNow();
      this.sheet().charts.push(chart);
    });
    return {
      title: {
        set text(v: string) {
          ctx.op(v, () => void (chart.title = v), 0, 'Chart.title');
        },
        get text() {
          return chart.title;
        },
      },
      legend: {
        set visible(v: boolean) {
          ctx.op(v, () => void (chart.legendVisible = v));
        },
        get visible() {
          return chart.legendVisible ?? true;
        },
      },
      setPosition: (a, b) => ctx.op([a, b], () => void (chart.position = [a, b])),
    };
  }
}

/**
 * The value Excel makes of a string typed into a cell that is not text-formatted: plain and
 * scientific numbers, percentages, ISO dates (Range.values: "use a locale-neutral format like ISO
 * (YYYY-MM-DD)" to store a date) and TRUE/FALSE; null when it stays text.
 */
function coerce(s: string, date1904: boolean): number | boolean | null {
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (d) return serialOf(+d[1], +d[2], +d[3], date1904);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return null;
}

/** Whether Excel would take a written string as a formula (Range.values: "+", "-" or "=" first; "@" too). */
function looksLikeFormula(s: string): boolean {
  return s.length > 1 && (s[0] === '=' || s[0] === '+' || s[0] === '-' || s[0] === '@');
}

const cellsOf = (v: unknown): number => (Array.isArray(v) ? v.reduce((n: number, line) => n + (Array.isArray(line) ? line.length : 1), 0) : 1);

type RangeTarget = { sheet: FakeSheet; box: Box } | null;

class RangeProxy extends Loadable {
  readonly format: {
    font: { bold: boolean; italic: boolean; color: string };
    fill: { color: string };
    columnWidth: number;
    horizontalAlignment: string;
    wrapText: boolean;
    autofitColumns(): void;
  };
  readonly conditionalFormats: {
    add(type: string): {
      cellValue: { format: { fill: { color: string }; font: { color: string } }; rule: { formula1: string; operator: string } };
      colorScale: { criteria: NonNullable<FakeConditionalFormat['colorScale']> };
    };
  };
  readonly worksheet: WorksheetProxy;
  constructor(
    ctx: FakeContext,
    readonly target: Late<RangeTarget>,
  ) {
    super(ctx);
    const self = this;
    this.worksheet = new WorksheetProxy(ctx, new Late(() => self.resolved().sheet));
    const key = (r: number, c: number) => `${r},${c}`;
    const each = (f: (s: FakeSheet, r: number, c: number) => void) => () => {
      const { sheet, box } = self.resolved();
      for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.cols; c++) f(sheet, box.row + r, box.col + c);
    };
    this.format = {
      font: {
        set bold(v: boolean) {
          ctx.op(v, each((s, r, c) => void (v ? s.bold.add(key(r, c)) : s.bold.delete(key(r, c)))));
        },
        get bold() {
          return false;
        },
        set italic(v: boolean) {
          ctx.op(v, each((s, r, c) => void (v ? s.italic.add(key(r, c)) : s.italic.delete(key(r, c)))));
        },
        get italic() {
          return false;
        },
        color: '',
      },
      fill: {
        set color(v: string) {
          ctx.op(v, () => undefined);
        },
        get color() {
          return '';
        },
      },
      set columnWidth(v: number) {
        ctx.op(v, () => {
          const { sheet, box } = self.resolved();
          for (let c = 0; c < box.cols; c++) sheet.columnWidths.set(box.col + c, v);
        });
      },
      get columnWidth() {
        return 0;
      },
      set horizontalAlignment(v: string) {
        ctx.op(v, each((s, r, c) => void s.alignment.set(key(r, c), v)));
      },
      get horizontalAlignment() {
        return 'General';
      },
      wrapText: false,
      autofitColumns: () => ctx.op(null, () => undefined),
    };
    this.conditionalFormats = {
      add: (type: string) => {
        ctx.requires('1.6', 'Range.conditionalFormats');
        const cf: FakeConditionalFormat = { type, row: 0, col: 0, rows: 0, cols: 0, operator: 'EqualTo', formula1: '', fill: null };
        ctx.op(type, () => {
          if (type !== 'CellValue' && type !== 'ColorScale') throw excelError('InvalidArgument', `this double supports CellValue and ColorScale conditional formats, not ${type}`);
          const { sheet, box } = self.resolved();
          Object.assign(cf, box);
          sheet.conditionalFormats.push(cf);
        });
        return {
          cellValue: {
            format: {
              fill: {
                set color(v: string) {
                  ctx.op(v, () => void (cf.fill = v.replace(/^#/, '').toUpperCase()));
                },
                get color() {
                  return cf.fill ?? '';
                },
              },
              font: { color: '' },
            },
            set rule(r: { formula1: string; operator: string }) {
              ctx.op(r, () => {
                cf.formula1 = r.formula1;
                cf.operator = r.operator;
              });
            },
            get rule() {
              return { formula1: cf.formula1, operator: cf.operator };
            },
          },
          colorScale: {
            set criteria(c: NonNullable<FakeConditionalFormat['colorScale']>) {
              ctx.op(c, () => {
                if (type !== 'ColorScale') throw excelError('InvalidArgument', 'colorScale belongs to a ColorScale conditional format');
                // Excel takes a criterion's colour as an HTML colour code (ConditionalColorScaleCriterion.color)
                for (const k of ['minimum', 'midpoint', 'maximum'] as const) {
                  const v = c[k];
                  if (v?.color !== undefined && !/^#[0-9A-Fa-f]{6}$/.test(v.color)) throw excelError('InvalidArgument', `the ${k} colour '${v.color}' is not an HTML colour code`);
                }
                cf.colorScale = JSON.parse(JSON.stringify(c)) as typeof c;
              });
            },
            get criteria() {
              return cf.colorScale ?? { minimum: { type: 'LowestValue' }, maximum: { type: 'HighestValue' } };
            },
          },
        };
      },
    };
  }
  /** Sheet and block at sync time; a null object throws as Excel does when it is used. */
  resolved(): { sheet: FakeSheet; box: Box } {
    const t = this.target.value();
    if (!t) throw excelError('InvalidObjectPath', 'the range is a null object');
    return t;
  }
  box(): Box {
    return this.resolved().box;
  }
  /** The address at sync time (for commands that take a range). */
  addressNow(): string {
    const { sheet, box } = this.resolved();
    return `${quoteSheet(sheet.name)}!${a1(box)}`;
  }
  protected override snapshot(prop: string): unknown {
    const t = this.target.value();
    if (prop === 'isNullObject') return t === null;
    if (!t) return null;
    const { sheet, box } = t;
    switch (prop) {
      case 'values':
        // above five million cells Excel may give null instead of an error ("Payload size limit best practices")
        return box.rows * box.cols > this.ctx.wb.readCellLimit ? null : sheet.values(box.row, box.col, box.rows, box.cols);
      case 'formulas':
        if (box.rows * box.cols > this.ctx.wb.readCellLimit) return null;
        return Array.from({ length: box.rows }, (_, r) => Array.from({ length: box.cols }, (_, c) => sheet.cell(box.row + r, box.col + c)?.formula ?? sheet.value(box.row + r, box.col + c)));
      case 'numberFormat':
        return Array.from({ length: box.rows }, (_, r) => Array.from({ length: box.cols }, (_, c) => sheet.cell(box.row + r, box.col + c)?.numberFormat ?? 'General'));
      case 'address':
        return this.addressNow();
      case 'rowIndex':
        return box.row;
      case 'columnIndex':
        return box.col;
      case 'rowCount':
        return box.rows;
      case 'columnCount':
        return box.cols;
      case 'cellCount':
        return box.rows * box.cols;
      case 'rowHidden': {
        // Range.rowHidden (1.2): true when every row is hidden, false when none, null when some
        let hidden = 0;
        for (const r of sheet.hiddenRows) if (r >= box.row && r < box.row + box.rows) hidden++;
        return hidden === 0 ? false : hidden === box.rows ? true : null;
      }
      default:
        throw excelError('InvalidArgument', `the double does not load Range.${prop}`);
    }
  }
  fill(props: string[]): number {
    return fillItem.call(this, props);
  }
  get isNullObject(): boolean {
    return this.need('isNullObject');
  }
  get address(): string {
    return this.need('address');
  }
  get rowIndex(): number {
    return this.need('rowIndex');
  }
  get columnIndex(): number {
    return this.need('columnIndex');
  }
  get rowCount(): number {
    return this.need('rowCount');
  }
  get columnCount(): number {
    return this.need('columnCount');
  }
  get cellCount(): number {
    return this.need('cellCount');
  }
  get rowHidden(): boolean | null {
    return this.need('rowHidden');
  }
  get values(): FakeValue[][] {
    return this.need('values');
  }
  set values(v: FakeValue[][]) {
    this.ctx.op(v, () => this.writeValues(v), cellsOf(v), 'values');
  }
  get formulas(): FakeValue[][] {
    return this.need('formulas');
  }
  /** Range.formulas (ExcelApi 1.1): "=..." recorded as the cell's formula (not calculated: see the header); other strings as values. */
  set formulas(v: (FakeValue | null)[][]) {
    this.ctx.op(v, () => {
      const { sheet, box } = this.resolved();
      this.check(v, 'formulas', box);
      const isFormula = (x: FakeValue | null): x is string => typeof x === 'string' && x.startsWith('=');
      for (const line of v) {
        for (const x of line) {
          if (!isFormula(x)) continue;
          const bad = unresolvedReferences(this.ctx.wb, x.slice(1));
          if (bad.length) throw excelError('InvalidArgument', `There's a problem with this formula (${bad[0]}): ${x}`);
        }
      }
      this.writeValues(v.map((line) => line.map((x) => (isFormula(x) ? null : x))));
      for (let r = 0; r < box.rows; r++) {
        for (let c = 0; c < box.cols; c++) {
          const x = v[r][c];
          if (!isFormula(x)) continue;
          const prev = sheet.cell(box.row + r, box.col + c) ?? { value: '' };
          sheet.setCell(box.row + r, box.col + c, { ...prev, formula: x, coerced: undefined, quotePrefix: undefined });
        }
      }
    }, cellsOf(v), 'formulas');
  }
  get numberFormat(): string[][] {
    return this.need('numberFormat');
  }
  set numberFormat(v: (string | null)[][]) {
    this.ctx.op(v, () => {
      const { sheet, box } = this.resolved();
      this.check(v, 'numberFormat', box);
      for (let r = 0; r < box.rows; r++) {
        for (let c = 0; c < box.cols; c++) {
          const f = v[r][c];
          if (f === null) continue;
          const prev = sheet.cell(box.row + r, box.col + c);
          sheet.setCell(box.row + r, box.col + c, { ...(prev ?? { value: '' }), numberFormat: f });
        }
      }
    }, cellsOf(v), 'numberFormat');
  }
  private writeValues(v: (FakeValue | null)[][]): void {
    const { sheet, box } = this.resolved();
    this.check(v, 'values', box);
    for (let r = 0; r < box.rows; r++) {
      for (let c = 0; c < box.cols; c++) {
        const x = v[r][c];
        if (x === null) continue; // null leaves the cell as it is
        const row = box.row + r;
        const col = box.col + c;
        const fmt = sheet.cell(row, col)?.numberFormat;
        sheet.spills.delete(`${row},${col}`);
        const put = (cell: FakeCell) => {
          if (fmt) cell.numberFormat = fmt;
          sheet.setCell(row, col, cell);
        };
        if (x === '') {
          put({ value: '' });
        } else if (typeof x !== 'string') {
          put({ value: x });
        } else if (fmt === '@') {
          // undocumented: what Excel keeps of these in a text-formatted cell (issue 12 item 7)
          const odd = x.startsWith("'") ? 'apostrophe in a text cell' : looksLikeFormula(x) ? 'formula-like text in a text cell' : undefined;
          put(odd ? { value: x, undocumented: odd } : { value: x });
        } else if (x.startsWith("'")) {
          put({ value: x.slice(1), quotePrefix: true });
        } else if (coerce(x, this.ctx.wb.date1904) !== null) {
          put({ value: coerce(x, this.ctx.wb.date1904)!, coerced: x });
        } else if (looksLikeFormula(x)) {
          put({ value: '#NAME?', formula: x });
        } else {
          put({ value: x });
        }
      }
    }
  }
  private check(v: unknown[][], what: string, box: Box): void {
    if (!Array.isArray(v) || v.length !== box.rows || v.some((line) => !Array.isArray(line) || line.length !== box.cols)) {
      throw excelError('InvalidArgument', `the ${what} array does not match the size of the range ${this.addressNow()}`);
    }
  }
  getTables(fullyContained?: boolean): TableScopedProxy {
    void fullyContained;
    this.ctx.requires('1.9', 'Range.getTables');
    this.ctx.op(null, () => undefined);
    return new TableScopedProxy(this.ctx, () => {
      const { sheet, box } = this.resolved();
      return sheet.tables.filter((d) => box.row < d.row + d.rows && d.row < box.row + box.rows && box.col < d.col + d.cols && d.col < box.col + box.cols);
    });
  }
  /** The block around the top-left cell bounded by empty rows and columns (Excel's Ctrl+*). */
  getSurroundingRegion(): RangeProxy {
    this.ctx.requires('1.7', 'Range.getSurroundingRegion');
    const target = new Late<RangeTarget>(() => {
      const { sheet: s, box } = this.resolved();
      const filled = (r: number, c: number) => r >= 0 && c >= 0 && s.value(r, c) !== '';
      let r0 = box.row;
      let r1 = box.row;
      let c0 = box.col;
      let c1 = box.col;
      const rowHas = (r: number) => {
        for (let c = c0 - 1; c <= c1 + 1; c++) if (filled(r, c)) return true;
        return false;
      };
      const colHas = (c: number) => {
        for (let r = r0 - 1; r <= r1 + 1; r++) if (filled(r, c)) return true;
        return false;
      };
      for (let grew = true; grew; ) {
        grew = false;
        while (r0 > 0 && rowHas(r0 - 1)) (r0--, (grew = true));
        while (rowHas(r1 + 1)) (r1++, (grew = true));
        while (c0 > 0 && colHas(c0 - 1)) (c0--, (grew = true));
        while (colHas(c1 + 1)) (c1++, (grew = true));
      }
      return { sheet: s, box: { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 } };
    });
    this.ctx.op(null, () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
  /**
   * Range.getSpecialCellsOrNullObject (1.9): "Visible" (the cells of rows not hidden) or "Formulas"
   * (cells holding a formula); a null object when there are none.
   */
  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    this.ctx.requires('1.9', 'Range.getSpecialCellsOrNullObject');
    const target = new Late(() => {
      const { sheet, box } = this.resolved();
      let boxes: Box[];
      if (cellType === 'Visible') {
        boxes = [];
        for (let r = box.row; r < box.row + box.rows; r++) {
          if (sheet.hiddenRows.has(r)) continue;
          const last = boxes[boxes.length - 1];
          if (last && last.row + last.rows === r) last.rows++;
          else boxes.push({ row: r, col: box.col, rows: 1, cols: box.cols });
        }
      } else if (cellType === 'Formulas') {
        boxes = [];
        for (let r = box.row; r < box.row + box.rows; r++) {
          for (let c = box.col; c < box.col + box.cols; c++) {
            if (!sheet.cell(r, c)?.formula) continue;
            const run = boxes.find((b) => b.col === c && b.cols === 1 && b.row + b.rows === r);
            if (run) run.rows++;
            else boxes.push({ row: r, col: c, rows: 1, cols: 1 });
          }
        }
      } else {
        throw excelError('InvalidArgument', `the double does not model special cells '${cellType}'`);
      }
      return boxes.length ? { sheet, boxes } : null;
    });
    this.ctx.op(cellType, () => void target.value());
    return new RangeAreasProxy(this.ctx, target);
  }
  /** Range.getSpillingToRangeOrNullObject (1.12): the range an anchor spills to. */
  getSpillingToRangeOrNullObject(): RangeProxy {
    this.ctx.requires('1.12', 'Range.getSpillingToRangeOrNullObject');
    const target = new Late<RangeTarget>(() => {
      const { sheet, box } = this.resolved();
      const spill = sheet.spills.get(`${box.row},${box.col}`);
      return spill ? { sheet, box: { row: box.row, col: box.col, ...spill } } : null;
    });
    this.ctx.op(null, () => void target.value());
    return new RangeProxy(this.ctx, target);
  }
}

/** RangeAreas (1.9): the blocks of a selection or of special cells. */
class RangeAreasProxy extends Loadable {
  readonly areas: Collection<RangeProxy>;
  constructor(
    ctx: FakeContext,
    private readonly target: Late<{ sheet: FakeSheet; boxes: Box[] } | null>,
  ) {
    super(ctx);
    const self = this;
    this.areas = new (class extends Collection<RangeProxy> {
      protected list(): RangeProxy[] {
        const t = self.target.value();
        return (t?.boxes ?? []).map((box) => new RangeProxy(ctx, new Late(() => ({ sheet: t!.sheet, box }))));
      }
    })(ctx);
  }
  protected override snapshot(prop: string): unknown {
    const t = this.target.value();
    if (prop === 'isNullObject') return t === null;
    if (!t) return null;
    if (prop === 'areaCount') return t.boxes.length;
    if (prop === 'address') return t.boxes.map((b) => `${quoteSheet(t.sheet.name)}!${a1(b)}`).join(',');
    throw excelError('InvalidArgument', `the double does not load RangeAreas.${prop}`);
  }
  get isNullObject(): boolean {
    return this.need('isNullObject');
  }
  get areaCount(): number {
    return this.need('areaCount');
  }
  get address(): string {
    return this.need('address');
  }
}

/**
 * Puts a fake `Office` on the global object for code that reads `Office.context` directly (the
 * browser test page). Returns the host.
 */
export function installFakeOffice(wb: FakeWorkbook, target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): ExcelHost {
  const host = wb.host();
  target.__keyClientsHost = host;
  target.__keyClientsWorkbook = wb;
  return host;
}
