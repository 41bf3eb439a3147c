/**
 * An in-memory workbook that implements the part of the Office.js Excel API the add-in uses, so the
 * same `src/excel` code runs on real Excel and here (jest, the bench, and the browser test page).
 *
 * Like Office.js, properties must be `load`ed and a `context.sync()` made before they can be read;
 * writes are applied at once. Every sync is recorded with the size of its request (UTF-8 bytes of the
 * JSON of the values, formats and other queued writes) and response (UTF-8 bytes of the JSON of the
 * loaded data). A request or response above Excel on the web's 5 MB payload limit fails as it would
 * there ("Resource limits and performance optimization for Office Add-ins").
 *
 * What it models of Excel, because code that ignores it breaks in real Excel:
 * - Requirement sets: `apiVersion` is the highest ExcelApi set the host supports; an API above it
 *   fails at the next sync with `ApiNotFound` (the version of each API is the one in the Office.js
 *   reference, e.g. Range.getSurroundingRegion 1.7, Range.getTables 1.9, PivotTableCollection.add 1.8,
 *   ChartType.pareto 1.9, Application.suspendScreenUpdatingUntilNextSync 1.9).
 * - Writing `values`, a string is read as Excel reads typed input: one leading apostrophe is a prefix,
 *   not data; in a cell not formatted as text ("@"), a string starting with = + - @ becomes a formula
 *   (here: `#NAME?` with `formula` set) and a string that looks like a number, a percentage or an ISO
 *   date becomes that number (`coerced` set).
 * - Whole-column and whole-row addresses ("A:I", "3:5") span all 1,048,576 rows / 16,384 columns.
 */
import type { ExcelHost, DocumentSettingsStore } from '../../../src/excel/host';
import { utf8Length } from '../../../src/excel/requirements';

export { utf8Length };

export type FakeValue = string | number | boolean;
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Rows and columns of an Excel worksheet. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
}

export interface FakeCell {
  value: FakeValue;
  /** Set when a string was taken as a formula (what Excel does with "=..." in a non-text cell). */
  formula?: string;
  /** Set when a string was taken as a number or a date (what Excel does with "0042" in a General cell). */
  coerced?: string;
  numberFormat?: string;
}

export interface FakeTableData {
  name: string;
  sheet: FakeSheet;
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: string;
}

export interface FakeConditionalFormat {
  row: number;
  col: number;
  rows: number;
  cols: number;
  operator: string;
  formula1: string;
  fill: string | null;
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
}

const INVALID_SHEET = /[:\\/?*[\]]/;

function excelError(code: string, message: string): Error {
  const e = new Error(message) as Error & { code: string; name: string };
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

function a1(row: number, col: number, rows: number, cols: number): string {
  const tl = `${colLetters(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? tl : `${tl}:${colLetters(col + cols - 1)}${row + rows}`;
}

/** Parses "B2", "B2:D10", "A:I" (whole columns) or "3:5" (whole rows), no sheet, into zero-based row/col and size. */
export function parseA1(address: string): { row: number; col: number; rows: number; cols: number } {
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
  frozenRows = 0;
  frozenColumns = 0;
  protected = false;
  constructor(public readonly id: string, public name: string) {}

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
    let rows = 0;
    let cols = 0;
    this.cells.forEach((line, r) => {
      if (!line) return;
      line.forEach((c, ci) => {
        if (c && c.value !== '') {
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, ci + 1);
        }
      });
    });
    return { rows, cols };
  }
  /** The smallest block holding every cell with a value (Worksheet.getUsedRange(true)), or null. */
  usedBounds(): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    this.cells.forEach((line, r) => {
      if (!line) return;
      line.forEach((c, ci) => {
        if (c && c.value !== '') {
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
      if (row < cf.row || row >= cf.row + cf.rows || col < cf.col || col >= cf.col + cf.cols) continue;
      const m = /^="((?:[^"]|"")*)"$/.exec(cf.formula1);
      const want = m ? m[1].replace(/""/g, '"') : cf.formula1;
      if (cf.operator === 'EqualTo' && String(v).toLowerCase() === want.toLowerCase()) return cf.fill;
    }
    return null;
  }
}

/** The in-memory workbook. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** Workbook-scoped defined names (name -> formula). A table cannot take the name of one. */
  readonly names = new Map<string, string>();
  /** Settings as saved with the document (saveAsync); `settings` holds the live ones. */
  readonly savedSettings = new Map<string, unknown>();
  readonly syncs: SyncRecord[] = [];
  structureProtected = false;
  selection: { sheet: string; address: string } | null = null;
  apiVersion = '1.12';
  displayLanguage = 'en-US';
  private nextId = 1;

  addSheet(name: string, rows?: readonly (readonly FakeValue[])[]): FakeSheet {
    if (this.sheet(name)) throw excelError('ItemAlreadyExists', `a sheet named '${name}' exists`);
    if (!name || name.length > 31 || INVALID_SHEET.test(name)) throw excelError('InvalidArgument', `bad sheet name '${name}'`);
    const id = `{${String(this.nextId++).padStart(8, '0')}-0001-0000-0000-000000000000}`;
    const s = new FakeSheet(id, name);
    this.sheets.push(s);
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
  /** Sum of the syncs so far and the largest request/response. */
  stats(): { syncs: number; maxRequestBytes: number; maxResponseBytes: number; totalRequestBytes: number } {
    let maxRequestBytes = 0;
    let maxResponseBytes = 0;
    let totalRequestBytes = 0;
    for (const s of this.syncs) {
      maxRequestBytes = Math.max(maxRequestBytes, s.requestBytes);
      maxResponseBytes = Math.max(maxResponseBytes, s.responseBytes);
      totalRequestBytes += s.requestBytes;
    }
    return { syncs: this.syncs.length, maxRequestBytes, maxResponseBytes, totalRequestBytes };
  }
  resetStats(): void {
    this.syncs.length = 0;
  }
  isSetSupported(name: string, version: string): boolean {
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

/** Size in bytes of a value as sent in a request. */
function jsonSize(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v));
}

class FakeContext {
  readonly workbook: WorkbookProxy;
  requestBytes = 0;
  ops = 0;
  calc = false;
  screen = false;
  private loads: Array<() => number> = [];
  private syncing = false;
  private failure: Error | null = null;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }
  /**
   * Checks that the host supports `ExcelApi <version>` for `api`. When it does not, the request fails
   * at the next sync with ApiNotFound, as in Excel (the proxy method exists in office.js either way).
   * Returns whether the API may act.
   */
  requires(version: string, api: string): boolean {
    if (this.wb.isSetSupported('ExcelApi', version)) return true;
    this.failure ??= excelError('ApiNotFound', `${api} needs ExcelApi ${version}; this host supports ${this.wb.apiVersion}`);
    this.ops++;
    return false;
  }
  /** Makes the next sync fail with `e` (the first failure of a batch wins). */
  fail(e: Error): void {
    this.failure ??= e;
    this.ops++;
  }
  queue(bytes: number): void {
    this.requestBytes += bytes + 20;
    this.ops++;
  }
  load(resolve: () => number): void {
    this.ops++;
    this.requestBytes += 40;
    this.loads.push(resolve);
  }
  async sync(): Promise<void> {
    if (this.syncing) throw excelError('InvalidOperation', 'sync called while another sync is running');
    this.syncing = true;
    await Promise.resolve();
    this.syncing = false;
    if (this.ops === 0) return;
    let responseBytes = 0;
    const loads = this.loads;
    this.loads = [];
    const record: SyncRecord = { requestBytes: this.requestBytes, responseBytes: 0, ops: this.ops, calculationSuspended: this.calc, screenUpdatingSuspended: this.screen };
    this.requestBytes = 0;
    this.ops = 0;
    this.calc = false;
    this.screen = false;
    if (record.requestBytes > PAYLOAD_LIMIT) {
      this.wb.syncs.push(record);
      this.failure = null;
      throw excelError('RequestPayloadSizeLimitExceeded', `the request payload size (${record.requestBytes} bytes) has exceeded the limit`);
    }
    if (this.failure) {
      const e = this.failure;
      this.failure = null;
      this.wb.syncs.push(record);
      throw e;
    }
    for (const l of loads) responseBytes += l();
    record.responseBytes = responseBytes;
    this.wb.syncs.push(record);
    if (responseBytes > PAYLOAD_LIMIT) throw excelError('ResponsePayloadSizeLimitExceeded', `the response payload size (${responseBytes} bytes) has exceeded the limit`);
  }
}

/** Base of loadable proxies: a property can be read only after load + sync. */
class Loadable {
  protected loaded = new Set<string>();
  constructor(protected readonly ctx: FakeContext) {}
  protected need(prop: string): void {
    if (!this.loaded.has(prop)) throw excelError('PropertyNotLoaded', `the property '${prop}' is not available: load it and call context.sync() first`);
  }
  protected snapshot(_prop: string): unknown {
    return null;
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === 'string' ? props.split(',').map((s) => s.trim()) : Array.isArray(props) ? props : Object.keys(props ?? {});
    this.ctx.load(() => {
      let bytes = 0;
      for (const p of list) {
        bytes += jsonSize(this.snapshot(p));
        this.loaded.add(p);
      }
      return bytes;
    });
    return this;
  }
}

/** Workbook.names: the workbook-scoped defined names, listed (ExcelApi 1.1). */
class WorkbookNamesProxy extends Loadable {
  protected override snapshot(): unknown {
    return [...this.ctx.wb.names.keys()].map((name) => ({ name }));
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    void props;
    return super.load('items');
  }
  get items(): { name: string }[] {
    this.need('items');
    return [...this.ctx.wb.names.keys()].map((name) => ({ name }));
  }
}

class WorkbookProxy {
  readonly names: WorkbookNamesProxy;
  readonly worksheets: WorksheetsProxy;
  readonly application: { suspendApiCalculationUntilNextSync(): void; suspendScreenUpdatingUntilNextSync(): void };
  readonly tables: TablesProxy;
  readonly protection: ProtectionProxy;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetsProxy(ctx);
    this.names = new WorkbookNamesProxy(ctx);
    this.tables = new TablesProxy(ctx, null);
    this.protection = new ProtectionProxy(ctx, () => ctx.wb.structureProtected, '1.7', 'Workbook.protection');
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        if (!ctx.requires('1.6', 'Application.suspendApiCalculationUntilNextSync')) return;
        ctx.queue(0);
        ctx.calc = true;
      },
      suspendScreenUpdatingUntilNextSync: () => {
        if (!ctx.requires('1.9', 'Application.suspendScreenUpdatingUntilNextSync')) return;
        ctx.queue(0);
        ctx.screen = true;
      },
    };
  }
  getSelectedRange(): RangeProxy {
    const sel = this.ctx.wb.selection;
    if (!sel) throw excelError('InvalidSelection', 'nothing is selected');
    const sheet = this.ctx.wb.sheet(sel.sheet);
    if (!sheet) throw excelError('ItemNotFound', `no sheet '${sel.sheet}'`);
    const p = parseA1(sel.address);
    this.ctx.queue(0);
    return new RangeProxy(this.ctx, sheet, p.row, p.col, p.rows, p.cols);
  }
}

class ProtectionProxy extends Loadable {
  constructor(ctx: FakeContext, private readonly get: () => boolean, private readonly version: string, private readonly api: string) {
    super(ctx);
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    if (!this.ctx.requires(this.version, this.api)) return this;
    return super.load(props);
  }
  protected override snapshot(): unknown {
    return this.get();
  }
  get protected(): boolean {
    this.need('protected');
    return this.get();
  }
}

class WorksheetsProxy extends Loadable {
  private listed: WorksheetProxy[] = [];
  protected override snapshot(): unknown {
    this.listed = this.ctx.wb.sheets.map((s) => new WorksheetProxy(this.ctx, s, true));
    return this.ctx.wb.sheets.map((s) => ({ name: s.name, id: s.id }));
  }
  get items(): WorksheetProxy[] {
    this.need('items');
    return this.listed;
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    void props;
    return super.load('items');
  }
  add(name: string): WorksheetProxy {
    if (this.ctx.wb.structureProtected) throw excelError('AccessDenied', 'the workbook structure is protected');
    this.ctx.queue(jsonSize(name));
    return new WorksheetProxy(this.ctx, this.ctx.wb.addSheet(name), true);
  }
  getItem(name: string): WorksheetProxy {
    const s = this.ctx.wb.sheet(name);
    if (!s) throw excelError('ItemNotFound', `no sheet '${name}'`);
    this.ctx.queue(jsonSize(name));
    return new WorksheetProxy(this.ctx, s, false);
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    this.ctx.requires('1.4', 'WorksheetCollection.getItemOrNullObject');
    this.ctx.queue(jsonSize(key));
    const s = this.ctx.wb.sheet(key) ?? this.ctx.wb.sheetById(key);
    return s ? new WorksheetProxy(this.ctx, s, false) : WorksheetProxy.nullObject(this.ctx);
  }
}

class WorksheetProxy extends Loadable {
  readonly protection: ProtectionProxy;
  readonly names: NamesProxy;
  readonly tables: TablesProxy;
  readonly pivotTables: PivotTablesProxy;
  readonly charts: ChartsProxy;
  readonly freezePanes: { freezeRows(n: number): void; freezeAt(range: RangeProxy): void };
  private isNull = false;
  static nullObject(ctx: FakeContext): WorksheetProxy {
    const w = new WorksheetProxy(ctx, new FakeSheet('', ''), false);
    w.isNull = true;
    return w;
  }
  constructor(ctx: FakeContext, readonly sheet: FakeSheet, preloaded: boolean) {
    super(ctx);
    if (preloaded) ['name', 'id'].forEach((p) => this.loaded.add(p));
    this.protection = new ProtectionProxy(ctx, () => sheet.protected, '1.2', 'Worksheet.protection');
    this.names = new NamesProxy(ctx, sheet);
    this.tables = new TablesProxy(ctx, sheet);
    this.pivotTables = new PivotTablesProxy(ctx, sheet);
    this.charts = new ChartsProxy(ctx, sheet);
    this.freezePanes = {
      freezeRows: (n: number) => {
        if (!ctx.requires('1.7', 'Worksheet.freezePanes')) return;
        ctx.queue(8);
        sheet.frozenRows = n;
        sheet.frozenColumns = 0;
      },
      freezeAt: (range: RangeProxy) => {
        if (!ctx.requires('1.7', 'Worksheet.freezePanes')) return;
        ctx.queue(24);
        sheet.frozenRows = range.row + range.rows;
        sheet.frozenColumns = range.col + range.cols;
      },
    };
  }
  protected override snapshot(prop: string): unknown {
    return prop === 'isNullObject' ? this.isNull : (this.sheet as unknown as Record<string, unknown>)[prop] ?? null;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.isNull;
  }
  get name(): string {
    this.need('name');
    return this.sheet.name;
  }
  set name(v: string) {
    this.ctx.queue(jsonSize(v));
    this.sheet.name = v;
  }
  get id(): string {
    this.need('id');
    return this.sheet.id;
  }
  set visibility(v: string) {
    this.ctx.queue(jsonSize(v));
  }
  delete(): void {
    this.ctx.queue(0);
    this.ctx.wb.deleteSheet(this.sheet);
  }
  activate(): void {
    this.ctx.queue(0);
  }
  getRange(address: string): RangeProxy {
    const p = parseA1(address);
    this.ctx.queue(jsonSize(address));
    return new RangeProxy(this.ctx, this.sheet, p.row, p.col, p.rows, p.cols);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.ctx.requires('1.7', 'Worksheet.getRangeByIndexes');
    this.ctx.queue(16);
    if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLUMNS) {
      this.ctx.fail(excelError('InvalidArgument', `no range at row ${row}, column ${col} of ${rows} x ${cols}`));
    }
    return new RangeProxy(this.ctx, this.sheet, row, col, Math.max(1, rows), Math.max(1, cols));
  }
  /** Worksheet.getUsedRangeOrNullObject(valuesOnly): the block of cells with values; null object when none. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    this.ctx.requires('1.4', 'Worksheet.getUsedRangeOrNullObject');
    this.ctx.queue(0);
    const b = this.sheet.usedBounds();
    const r = new RangeProxy(this.ctx, this.sheet, b?.row ?? 0, b?.col ?? 0, b?.rows ?? 1, b?.cols ?? 1);
    if (!b) r.markNull();
    return r;
  }
}

class NamesProxy {
  constructor(private readonly ctx: FakeContext, private readonly sheet: FakeSheet) {}
  add(name: string, reference: string): { visible: boolean } {
    this.ctx.requires('1.4', 'Worksheet.names.add');
    this.ctx.queue(jsonSize(name) + jsonSize(reference));
    if (this.sheet.names.has(name)) throw excelError('ItemAlreadyExists', `name '${name}' exists`);
    const item = { formula: reference, visible: true };
    this.sheet.names.set(name, item);
    return item;
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    this.ctx.requires('1.4', 'Worksheet.names.getItemOrNullObject');
    this.ctx.queue(jsonSize(name));
    return new NamedItemProxy(this.ctx, this.sheet.names.get(name) ?? null);
  }
}

class NamedItemProxy extends Loadable {
  constructor(ctx: FakeContext, private readonly item: { formula: string; visible: boolean } | null) {
    super(ctx);
  }
  protected override snapshot(prop: string): unknown {
    if (prop === 'isNullObject') return this.item === null;
    return this.item ? (this.item as Record<string, unknown>)[prop] ?? null : null;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.item === null;
  }
  get formula(): string {
    this.need('formula');
    return this.item?.formula ?? '';
  }
}

class TablesProxy extends Loadable {
  constructor(ctx: FakeContext, private readonly sheet: FakeSheet | null) {
    super(ctx);
  }
  private list(): FakeTableData[] {
    return this.sheet ? this.sheet.tables : this.ctx.wb.allTables();
  }
  protected override snapshot(): unknown {
    return this.list().map((t) => ({ name: t.name }));
  }
  get items(): TableProxy[] {
    this.need('items');
    return this.list().map((t) => new TableProxy(this.ctx, t, true));
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    void props;
    return super.load('items');
  }
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    if (!this.sheet) throw excelError('InvalidArgument', 'add tables through a worksheet in this fake');
    const p = typeof address === 'string' ? parseA1(address) : address.box;
    this.ctx.queue(jsonSize(typeof address === 'string' ? address : '') + 8);
    for (const t of this.sheet.tables) {
      if (p.row < t.row + t.rows && t.row < p.row + p.rows && p.col < t.col + t.cols && t.col < p.col + p.cols) {
        throw excelError('InvalidOperation', 'a table cannot overlap another table');
      }
    }
    if (!hasHeaders) throw excelError('InvalidArgument', 'this fake needs header rows');
    const name = `Table${this.ctx.wb.allTables().length + 1}`;
    const data: FakeTableData = { name, sheet: this.sheet, ...p, style: 'TableStyleMedium2' };
    this.sheet.tables.push(data);
    return new TableProxy(this.ctx, data, true);
  }
}

class TableScopedProxy extends Loadable {
  constructor(ctx: FakeContext, private readonly found: FakeTableData | undefined) {
    super(ctx);
  }
  protected override snapshot(): unknown {
    return this.found ? [{ name: this.found.name }] : [];
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    void props;
    return super.load('items');
  }
  get items(): TableProxy[] {
    this.need('items');
    return this.found ? [new TableProxy(this.ctx, this.found, true)] : [];
  }
}

class TableProxy extends Loadable {
  private isNull = false;
  static nullObject(ctx: FakeContext): TableProxy {
    const t = new TableProxy(ctx, { name: '', sheet: new FakeSheet('', ''), row: 0, col: 0, rows: 0, cols: 0, style: '' }, false);
    t.isNull = true;
    return t;
  }
  constructor(ctx: FakeContext, readonly data: FakeTableData, preloaded: boolean) {
    super(ctx);
    if (preloaded) this.loaded.add('name');
  }
  protected override snapshot(prop: string): unknown {
    return prop === 'isNullObject' ? this.isNull : prop === 'name' ? this.data.name : null;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.isNull;
  }
  get name(): string {
    this.need('name');
    return this.data.name;
  }
  set name(v: string) {
    this.ctx.queue(jsonSize(v));
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v) || v.length > 255) throw excelError('InvalidArgument', `bad table name '${v}'`);
    const other = this.ctx.wb.table(v);
    if (other && other !== this.data) throw excelError('InvalidArgument', `a table named '${v}' exists`);
    if ([...this.ctx.wb.names.keys()].some((n) => n.toLowerCase() === v.toLowerCase())) throw excelError('InvalidArgument', `'${v}' is the name of a defined name`);
    this.data.name = v;
  }
  set style(v: string) {
    this.ctx.queue(jsonSize(v));
    this.data.style = v;
  }
  getRange(): RangeProxy {
    this.ctx.queue(0);
    const d = this.data;
    return new RangeProxy(this.ctx, d.sheet, d.row, d.col, d.rows, d.cols);
  }
}

class PivotTablesProxy {
  constructor(private readonly ctx: FakeContext, private readonly sheet: FakeSheet) {}
  add(name: string, source: TableProxy | RangeProxy | string, destination: RangeProxy | string): PivotProxy {
    this.ctx.requires('1.8', 'PivotTableCollection.add');
    this.ctx.queue(jsonSize(name) + 20);
    const src = source instanceof TableProxy ? source.data : null;
    const pivot: FakePivot = {
      name,
      source: src ? src.name : String(source),
      rows: [],
      columns: [],
      data: [],
      summarizeBy: [],
      destination: typeof destination === 'string' ? destination : destination.addressNoLoad(),
    };
    this.sheet.pivots.push(pivot);
    const headers = src ? src.sheet.values(src.row, src.col, 1, src.cols)[0].map(String) : [];
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
        ctx.queue(jsonSize(name));
        if (!headers.includes(name)) throw excelError('ItemNotFound', `no field '${name}' in the pivot source`);
        return { name };
      },
    };
    this.rowHierarchies = { add: (h) => (ctx.queue(0), void pivot.rows.push(h.name)) };
    this.columnHierarchies = { add: (h) => (ctx.queue(0), void pivot.columns.push(h.name)) };
    this.dataHierarchies = {
      add: (h) => {
        ctx.queue(0);
        const i = pivot.data.push(h.name) - 1;
        pivot.summarizeBy.push('Automatic');
        let numberFormat = 'General';
        let name = `Sum of ${h.name}`;
        return {
          get summarizeBy() {
            return pivot.summarizeBy[i];
          },
          set summarizeBy(v: string) {
            ctx.queue(jsonSize(v));
            pivot.summarizeBy[i] = v;
          },
          get numberFormat() {
            return numberFormat;
          },
          set numberFormat(v: string) {
            ctx.queue(jsonSize(v));
            numberFormat = v;
          },
          get name() {
            return name;
          },
          set name(v: string) {
            ctx.queue(jsonSize(v));
            name = v;
          },
        };
      },
    };
  }
}

class ChartsProxy {
  constructor(private readonly ctx: FakeContext, private readonly sheet: FakeSheet) {}
  add(type: string, source: RangeProxy, seriesBy?: string): { title: { text: string }; setPosition(a: string, b?: string): void; name: string } {
    void seriesBy;
    // the statistical chart types came in ExcelApi 1.9 (Excel.ChartType: boxwhisker, histogram, pareto...)
    if (['Pareto', 'Histogram', 'Boxwhisker', 'Funnel', 'Sunburst', 'Treemap', 'Waterfall', 'RegionMap'].includes(type)) this.ctx.requires('1.9', `ChartType.${type}`);
    this.ctx.queue(jsonSize(type) + 20);
    const chart: FakeChart = { type, source: source.addressNoLoad(), title: '' };
    this.sheet.charts.push(chart);
    const ctx = this.ctx;
    return {
      name: '',
      title: {
        set text(v: string) {
          ctx.queue(jsonSize(v));
          chart.title = v;
        },
        get text() {
          return chart.title;
        },
      },
      setPosition: () => ctx.queue(10),
    };
  }
}

/**
 * The number Excel makes of a string written into a cell that is not text-formatted: plain and
 * scientific numbers, percentages and ISO dates (as 1900-system serials); null when it stays text.
 */
function coerce(s: string): number | null {
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (d) return Date.UTC(+d[1], +d[2] - 1, +d[3]) / 86_400_000 + 25_569;
  return null;
}

/** Whether Excel would take a written string as a formula. */
function looksLikeFormula(s: string): boolean {
  return s.length > 1 && (s[0] === '=' || s[0] === '+' || s[0] === '-' || s[0] === '@');
}

class RangeProxy extends Loadable {
  readonly worksheet: WorksheetProxy;
  readonly format: {
    font: { bold: boolean; italic: boolean; color: string };
    fill: { color: string };
    columnWidth: number;
    wrapText: boolean;
    autofitColumns(): void;
  };
  readonly conditionalFormats: { add(type: string): { cellValue: { format: { fill: { color: string }; font: { color: string } }; rule: { formula1: string; operator: string } } } };
  private isNull = false;
  constructor(ctx: FakeContext, readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number) {
    super(ctx);
    this.worksheet = new WorksheetProxy(ctx, sheet, false);
    const self = this;
    const key = (r: number, c: number) => `${r},${c}`;
    this.format = {
      font: {
        set bold(v: boolean) {
          ctx.queue(8);
          for (let r = 0; r < self.rows; r++) for (let c = 0; c < self.cols; c++) (v ? sheet.bold.add(key(self.row + r, self.col + c)) : sheet.bold.delete(key(self.row + r, self.col + c)));
        },
        get bold() {
          return sheet.bold.has(key(self.row, self.col));
        },
        italic: false,
        color: '',
      },
      fill: {
        set color(v: string) {
          ctx.queue(jsonSize(v));
        },
        get color() {
          return '';
        },
      },
      set columnWidth(v: number) {
        ctx.queue(8);
        for (let c = 0; c < self.cols; c++) sheet.columnWidths.set(self.col + c, v);
      },
      get columnWidth() {
        return sheet.columnWidths.get(self.col) ?? 48;
      },
      wrapText: false,
      autofitColumns: () => ctx.queue(0),
    };
    this.conditionalFormats = {
      add: (type: string) => {
        ctx.requires('1.6', 'Range.conditionalFormats');
        ctx.queue(jsonSize(type));
        if (type !== 'CellValue') throw excelError('InvalidArgument', `this fake supports CellValue conditional formats, not ${type}`);
        const cf: FakeConditionalFormat = { row: self.row, col: self.col, rows: self.rows, cols: self.cols, operator: 'EqualTo', formula1: '', fill: null };
        sheet.conditionalFormats.push(cf);
        return {
          cellValue: {
            format: {
              fill: {
                set color(v: string) {
                  ctx.queue(jsonSize(v));
                  cf.fill = v.replace(/^#/, '').toUpperCase();
                },
                get color() {
                  return cf.fill ?? '';
                },
              },
              font: { color: '' },
            },
            set rule(r: { formula1: string; operator: string }) {
              ctx.queue(jsonSize(r));
              cf.formula1 = r.formula1;
              cf.operator = r.operator;
            },
            get rule() {
              return { formula1: cf.formula1, operator: cf.operator };
            },
          },
        };
      },
    };
  }
  /** Makes this range a null object (the *OrNullObject methods). */
  markNull(): void {
    this.isNull = true;
  }
  get box(): { row: number; col: number; rows: number; cols: number } {
    return { row: this.row, col: this.col, rows: this.rows, cols: this.cols };
  }
  addressNoLoad(): string {
    return `${quoteSheet(this.sheet.name)}!${a1(this.row, this.col, this.rows, this.cols)}`;
  }
  protected override snapshot(prop: string): unknown {
    switch (prop) {
      case 'values':
        return this.sheet.values(this.row, this.col, this.rows, this.cols);
      case 'address':
        return this.addressNoLoad();
      case 'isNullObject':
        return this.isNull;
      default:
        return (this as unknown as Record<string, unknown>)[`_${prop}`] ?? 0;
    }
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.isNull;
  }
  get address(): string {
    this.need('address');
    return this.addressNoLoad();
  }
  get rowIndex(): number {
    this.need('rowIndex');
    return this.row;
  }
  get columnIndex(): number {
    this.need('columnIndex');
    return this.col;
  }
  get rowCount(): number {
    this.need('rowCount');
    return this.rows;
  }
  get columnCount(): number {
    this.need('columnCount');
    return this.cols;
  }
  get cellCount(): number {
    this.need('cellCount');
    return this.rows * this.cols;
  }
  get values(): FakeValue[][] {
    this.need('values');
    return this.sheet.values(this.row, this.col, this.rows, this.cols);
  }
  set values(v: FakeValue[][]) {
    this.ctx.queue(jsonSize(v));
    this.check(v, 'values');
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) {
        const x = v[r][c];
        const prev = this.sheet.cell(this.row + r, this.col + c);
        const fmt = prev?.numberFormat;
        if (x === '' || x === null) {
          this.sheet.setCell(this.row + r, this.col + c, fmt ? { value: '', numberFormat: fmt } : undefined);
        } else if (typeof x === 'string' && x.startsWith("'")) {
          // the apostrophe is a prefix in any number format, and what follows is text as typed
          this.sheet.setCell(this.row + r, this.col + c, { value: x.slice(1), numberFormat: fmt });
        } else if (typeof x === 'string' && fmt !== '@' && looksLikeFormula(x)) {
          this.sheet.setCell(this.row + r, this.col + c, { value: '#NAME?', formula: x, numberFormat: fmt });
        } else if (typeof x === 'string' && fmt !== '@' && coerce(x) !== null) {
          this.sheet.setCell(this.row + r, this.col + c, { value: coerce(x)!, coerced: x, numberFormat: fmt });
        } else {
          this.sheet.setCell(this.row + r, this.col + c, { value: x, numberFormat: fmt });
        }
      }
    }
  }
  get numberFormat(): string[][] {
    this.need('numberFormat');
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => this.sheet.cell(this.row + r, this.col + c)?.numberFormat ?? 'General'));
  }
  set numberFormat(v: string[][]) {
    this.ctx.queue(jsonSize(v));
    this.check(v, 'numberFormat');
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) {
        const prev = this.sheet.cell(this.row + r, this.col + c);
        this.sheet.setCell(this.row + r, this.col + c, { value: prev?.value ?? '', formula: prev?.formula, numberFormat: v[r][c] });
      }
    }
  }
  private check(v: unknown[][], what: string): void {
    if (!Array.isArray(v) || v.length !== this.rows || v.some((line) => !Array.isArray(line) || line.length !== this.cols)) {
      throw excelError('InvalidArgument', `the ${what} array does not match the size of the range ${this.addressNoLoad()}`);
    }
  }
  getTables(fullyContained?: boolean): TableScopedProxy {
    void fullyContained;
    this.ctx.requires('1.9', 'Range.getTables');
    this.ctx.queue(0);
    const t = this.sheet.tables.find((d) => this.row >= d.row && this.row < d.row + d.rows && this.col >= d.col && this.col < d.col + d.cols);
    return new TableScopedProxy(this.ctx, t);
  }
  /** The block around the top-left cell bounded by empty rows and columns (Excel's Ctrl+*). */
  getSurroundingRegion(): RangeProxy {
    this.ctx.requires('1.7', 'Range.getSurroundingRegion');
    this.ctx.queue(0);
    const s = this.sheet;
    const filled = (r: number, c: number) => r >= 0 && c >= 0 && s.value(r, c) !== '';
    let r0 = this.row;
    let r1 = this.row;
    let c0 = this.col;
    let c1 = this.col;
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
    return new RangeProxy(this.ctx, s, r0, c0, r1 - r0 + 1, c1 - c0 + 1);
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
