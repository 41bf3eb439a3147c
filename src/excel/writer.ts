import type { ColumnType, ReportChart, ReportColorScale, ReportModel, ReportName, ReportSheet, ReportTable, ReportValue } from '../core/report/model';
import { sheetName } from '../core/report/build';
import { columnLetter } from '../core/parse/headers';
import { format, texts, type Texts } from '../core/i18n';
import { liveTexts } from '../core/i18n/live';
import type { ExcelHost } from './host';
import { PaneError, checkAborted, isPaneError } from './errors';
import { MAX_REQUEST_BYTES, MAX_WRITE_CELLS, isSizeRejection, payloadBytes } from './requirements';
import { LEADS_MARKER_KEY } from './leads';

/** Document setting that lists the sheets the add-in wrote last (the segmentation report's). */
export const MARKER_KEY = 'KeyClients.report';
/**
 * Hidden sheet-scoped name on each sheet the add-in writes: the mark that says "Key Clients wrote this
 * sheet". It is stored in the file with the sheet, so it survives closing, reopening and other Excel
 * platforms, which Worksheet.id does not (office-js-docs#297, office-js#1390).
 */
export const SHEET_NAME_TAG = 'KeyClients_Sheet';

/** Days between the 1900 and the 1904 date systems: a 1900-system serial minus this is the 1904 one. */
export const DAYS_1900_TO_1904 = 1462;

export interface WrittenSheet {
  /** Report sheet id ("clients", "summary", "segment:A", "pivot"). */
  reportId: string;
  name: string;
}

/** What the document settings keep of the last run: which sheet holds which part, and the run's token. */
export interface ReportMarker {
  version: 2;
  writtenAt: string;
  /** The token of the run, also in each sheet's tag. */
  token: string;
  sheets: WrittenSheet[];
}

/** Texts of the pivot sheet and the Pareto chart: the core's report texts of a language. */
export type WriteLabels = Texts['chart'];

export const DEFAULT_LABELS: WriteLabels = texts('en').chart;

export interface WriteOptions {
  signal?: AbortSignal;
  /** Progress of the writing, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Largest request in transport bytes (default {@link MAX_REQUEST_BYTES}). */
  maxRequestBytes?: number;
  /** Most cells (values and number formats) a request writes (default {@link MAX_WRITE_CELLS}). */
  maxRequestCells?: number;
  /** Add the PivotTable and the Pareto chart of the client table (default true). */
  pivot?: boolean;
  labels?: WriteLabels;
  /** Group of the sheets: the document setting of the marker and the tag's group (default {@link MARKER_KEY}). */
  markerKey?: string;
  /** The workbook counts dates from 1904: date columns are written in that system. */
  date1904?: boolean;
}

export interface WriteResult {
  sheets: WrittenSheet[];
  tables: string[];
  pivot: boolean;
  chart: boolean;
  /** The waterfall charts drawn (the revenue bridge), by the model's chart id. */
  charts: string[];
  /** Formula cells written (live formulas: docs/methods.md "Live formulas"); 0 without them. */
  formulas: number;
  /** Things that could not be done, in words (the report itself was written). */
  notes: string[];
  syncs: number;
  /** Requests Excel refused as too large and that were sent again in smaller blocks. */
  retries: number;
}

/** Text the data gives that Excel would take as a formula. */
export function isFormulaLike(v: ReportValue): boolean {
  return typeof v === 'string' && v.length > 0 && (v[0] === '=' || v[0] === '+' || v[0] === '-' || v[0] === '@');
}

/**
 * A string as written to `Range.values` so that Excel keeps it as typed: with Excel's quote prefix, an
 * apostrophe, which Excel does not store or show and which makes the rest text ("Long numbers are
 * displayed incorrectly in Excel", method 2; the VBA sample `Range("A1").Value = "'1"`). This is the
 * one way the writer uses: it never formats a cell as text ("@") as well, because what Excel keeps of an
 * apostrophe or a leading = in a text-formatted cell is not documented. Every string gets the prefix,
 * so "=SUM(A1)", "-Acme", "0042", "2024-01-31" and "80%" all stay the text they are.
 */
export function textForExcel(s: string): string {
  return s === '' ? '' : `'${s}`;
}

/**
 * A sheet name not in `taken` (lower case) nor Excel's reserved "History": the report model's
 * {@link sheetName} rule ("Clients", "Clients (2)", ... at most 31 characters), over the workbook's sheets.
 */
export function freeSheetName(wanted: string, taken: Set<string>): string {
  // "History" is reserved by Excel (the change-history sheet of shared workbooks)
  taken.add('history');
  return sheetName(wanted, taken);
}

function freeTableName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Reads the marker from the document settings (null when absent, unreadable or of an older version). */
export function readMarker(host: ExcelHost, key: string = MARKER_KEY): ReportMarker | null {
  const raw = host.settings.get(key);
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Partial<ReportMarker>;
  if (m.version !== 2 || typeof m.token !== 'string' || !Array.isArray(m.sheets)) return null;
  return m as ReportMarker;
}

/** The formula of a sheet's tag: a text constant naming the group, the report part and the run. */
export function tagFormula(group: string, reportId: string, token: string): string {
  return `="${['KC', group, reportId, token].join('|').replace(/"/g, '""')}"`;
}

/** The parts of a tag formula, or null when it is not one of ours. Tags of the first version hold the report id alone. */
export function parseTag(formula: string): { group: string | null; reportId: string; token: string | null } | null {
  const m = /^="((?:[^"]|"")*)"$/.exec(formula.trim());
  if (!m) return null;
  const text = m[1].replace(/""/g, '"');
  const parts = text.split('|');
  if (parts[0] === 'KC' && parts.length === 4) return { group: parts[1], reportId: parts[2], token: parts[3] };
  return parts.length === 1 && text !== '' ? { group: null, reportId: text, token: null } : null;
}

const cellOf = (v: ReportValue): string | number | boolean => (v === null || v === undefined ? '' : typeof v === 'string' ? textForExcel(v) : v);

/** The value of a cell of type `type` (its column's, or its own from `cellTypes`): a string as text, a date in the workbook's date system. */
function valueOf(v: ReportValue, type: ColumnType | undefined, date1904: boolean): string | number | boolean {
  if (typeof v === 'number' && date1904 && type === 'date') return v - DAYS_1900_TO_1904;
  return cellOf(v);
}

/** Row where each block starts: one empty row between blocks. */
function layout(sheet: ReportSheet): number[] {
  const rows: number[] = [];
  let r = 0;
  for (const b of sheet.blocks) {
    rows.push(r);
    const height = b.kind === 'table' ? 2 + Math.max(1, b.rows.length) + (b.note ? 1 : 0) : 1 + b.lines.length;
    r += height + 1;
  }
  return rows;
}

/**
 * A part of a request that writes values: it can be queued, and split in two when Excel refuses the
 * request (values, number formats and fonts set on fixed cells: writing them twice is harmless).
 */
interface Piece {
  bytes: number;
  cells: number;
  /** Rows it writes, for the progress. */
  rows: number;
  queue(): void;
  split(): Piece[] | null;
}

/**
 * Sends value pieces in requests within the byte and cell budgets. Each request suspends calculation
 * until its sync (Application.suspendApiCalculationUntilNextSync: one sync only). A request Excel
 * refuses as too large applies nothing, so its pieces are sent again, alone, and a piece refused alone
 * is split in halves ("Read or write to large ranges": "If you encounter a limit error, retry with a
 * smaller block size"); the requests after it are built to half the refused size.
 */
class ValueWriter {
  private pending: Piece[] = [];
  private bytes = 0;
  private cells = 0;
  syncs = 0;
  retries = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: { bytes: number; cells: number },
    private readonly signal: AbortSignal | undefined,
    private readonly onRows: (rows: number) => void,
    /** False for requests that write formulas: they must calculate (see writeLiveFormulas). */
    private readonly suspend = true,
  ) {}
  private suspendCalculation(): void {
    if (this.suspend) this.context.workbook.application.suspendApiCalculationUntilNextSync();
  }
  async add(p: Piece): Promise<void> {
    if (this.pending.length && (this.bytes + p.bytes > this.budget.bytes || this.cells + p.cells > this.budget.cells)) await this.flush();
    // a piece built before the budget shrank is split to fit it
    const halves = p.cells > this.budget.cells || p.bytes > this.budget.bytes ? p.split() : null;
    if (halves) {
      for (const h of halves) await this.add(h);
      return;
    }
    if (!this.pending.length) this.suspendCalculation();
    p.queue();
    this.pending.push(p);
    this.bytes += p.bytes;
    this.cells += p.cells;
  }
  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const sent = this.pending;
    const { bytes, cells } = this;
    this.pending = [];
    this.bytes = 0;
    this.cells = 0;
    checkAborted(this.signal);
    try {
      await this.sync();
    } catch (e) {
      if (!isSizeRejection(e)) throw e;
      this.retries++;
      this.shrink(cells, bytes);
      for (const p of sent) await this.alone(p);
      return;
    }
    for (const p of sent) this.onRows(p.rows);
  }
  private async alone(p: Piece): Promise<void> {
    const pre = p.cells > this.budget.cells || p.bytes > this.budget.bytes ? p.split() : null;
    if (pre) {
      for (const h of pre) await this.alone(h);
      return;
    }
    checkAborted(this.signal);
    this.suspendCalculation();
    p.queue();
    try {
      await this.sync();
      this.onRows(p.rows);
    } catch (e) {
      const halves = isSizeRejection(e) ? p.split() : null;
      if (!halves) throw e;
      this.retries++;
      this.shrink(p.cells, p.bytes);
      for (const h of halves) await this.alone(h);
    }
  }
  /** This host takes less than the budget: the rest of the run asks for half of what was refused. */
  private shrink(cells: number, bytes: number): void {
    this.budget.cells = Math.max(500, Math.min(this.budget.cells, Math.floor(cells / 2)));
    this.budget.bytes = Math.max(100_000, Math.min(this.budget.bytes, Math.floor(bytes / 2)));
  }
  private async sync(): Promise<void> {
    this.syncs++;
    await this.context.sync();
  }
}

/** Sends the structural commands (sheets, tables, formats) in requests under the byte budget. */
class Batch {
  bytes = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly signal: AbortSignal | undefined,
  ) {}
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.budget) await this.flush();
    this.bytes += bytes + 64;
  }
  async flush(): Promise<void> {
    checkAborted(this.signal);
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
  }
}

/** A sheet of the workbook the add-in wrote before, found by its tag. */
interface OurSheet {
  ws: Excel.Worksheet;
  name: string;
  reportId: string;
}

/**
 * Step 1. The sheets this group wrote before: a sheet is ours when its hidden tag names our group, and
 * no other sheet carries the same tag, or, when one does (a copy the user made, which takes the sheet's
 * names along), when its name is the one the marker in the document settings recorded. A sheet without
 * the tag is never ours. Checks that the workbook and our sheets can be changed.
 * @throws PaneError `workbookProtected`, `sheetProtected`.
 */
async function findOurSheets(context: Excel.RequestContext, group: string, marker: ReportMarker | null): Promise<{ ours: OurSheet[]; all: Excel.Worksheet[] }> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name');
  wb.protection.load('protected');
  await context.sync();
  const tags = sheets.items.map((ws) => {
    const tag = ws.names.getItemOrNullObject(SHEET_NAME_TAG);
    tag.load('isNullObject,formula');
    ws.protection.load('protected');
    return { ws, tag };
  });
  await context.sync();
  if (wb.protection.protected) {
    throw new PaneError('workbookProtected', 'the workbook structure is protected, so no sheet can be added: unprotect it (Review > Protect Workbook) and try again');
  }
  const tagged = tags.flatMap(({ ws, tag }) => {
    const t = tag.isNullObject ? null : parseTag(tag.formula);
    return t ? [{ ws, t, formula: tag.formula }] : [];
  });
  const recorded = new Map((marker?.sheets ?? []).map((s) => [s.reportId, s.name.toLowerCase()]));
  // tags of the first version hold the report id alone: the leads sheet's is 'leads'
  const groupOf = (t: { group: string | null; reportId: string }) => t.group ?? (t.reportId === 'leads' ? LEADS_MARKER_KEY : MARKER_KEY);
  const ours = tagged.filter(({ ws, t, formula }) => {
    if (groupOf(t) !== group) return false;
    const twins = tagged.filter((o) => o.formula === formula);
    return twins.length === 1 || (t.token !== null && marker?.token === t.token && recorded.get(t.reportId) === ws.name.toLowerCase());
  });
  const locked = ours.find((c) => c.ws.protection.protected);
  if (locked) {
    throw new PaneError('sheetProtected', `the sheet '${locked.ws.name}' that Key Clients wrote before is protected: unprotect it (Review > Unprotect Sheet) or delete it, and try again`, { sheet: locked.ws.name });
  }
  return { ours: ours.map(({ ws, t }) => ({ ws, name: ws.name, reportId: t.reportId })), all: sheets.items };
}

/** Step 2. A free name for each report sheet (and the pivot sheet) among the sheets that stay. */
function planNames(model: ReportModel, all: Excel.Worksheet[], ours: OurSheet[], pivotSheet: string | null): { plan: Array<{ sheet: ReportSheet; name: string }>; pivotName: string | null; taken: Set<string> } {
  const ourNames = new Set(ours.map((o) => o.name.toLowerCase()));
  const taken = new Set(all.map((s) => s.name.toLowerCase()).filter((n) => !ourNames.has(n)));
  const plan = model.sheets.map((s) => ({ sheet: s, name: freeSheetName(s.name, taken) }));
  const pivotName = pivotSheet ? freeSheetName(pivotSheet, taken) : null;
  return { plan, pivotName, taken };
}

/**
 * Step 3. Deletes our old sheets and adds the new ones, each with its tag. Excel keeps at least one
 * sheet, so when ours are all the workbook has, the last is renamed and deleted after the others exist.
 */
async function replaceSheets(context: Excel.RequestContext, ours: OurSheet[], sheetCount: number, names: string[], ids: string[], group: string, token: string, taken: Set<string>): Promise<Excel.Worksheet[]> {
  const sheets = context.workbook.worksheets;
  const keepLast = ours.length > 0 && ours.length >= sheetCount ? ours[ours.length - 1] : null;
  for (const o of ours) {
    if (o === keepLast) o.ws.name = freeSheetName('KeyClients old', new Set([...taken, ...names.map((n) => n.toLowerCase())]));
    else o.ws.delete();
  }
  const added = names.map((name, i) => {
    const ws = sheets.add(name);
    // a hidden sheet-scoped name whose formula is a text constant (NamedItemCollection.add takes "the
    // formula or the range that the name will refer to"; ExcelApi 1.4)
    ws.names.add(SHEET_NAME_TAG, tagFormula(group, ids[i], token)).visible = false;
    return ws;
  });
  if (keepLast) keepLast.ws.delete();
  await context.sync();
  return added;
}

/** Where a table block landed, for the tables step. */
interface PlacedTable {
  block: ReportTable;
  ws: Excel.Worksheet;
  row: number;
  /** Id of its report sheet. */
  sheetId: string;
}

/** A number cell of a table block written with another type and number format than its column's. */
interface TypedCell {
  row: number;
  column: number;
  type: ColumnType;
  numFmt: string;
}

/**
 * The cells of `b.cellTypes` that get their own number format: number cells only (the Summary's
 * analysis date as a date, churn as a percent). A string listed there stays text by its quote prefix,
 * like every string, and gets no format.
 */
function typedCells(b: ReportTable): TypedCell[] {
  return (b.cellTypes ?? []).filter((c) => typeof b.rows[c.row]?.[c.column] === 'number');
}

/**
 * The piece that writes the rows [from, to) and the columns [c0, c1) of a table block: values, the
 * number formats of its non-text columns in runs of neighbouring columns (text needs no format: it
 * carries the quote prefix), and the formats of its typed number cells, set after their column's. It
 * splits into halves of its rows, and a single row into halves of its columns (a row of a wide table,
 * such as revenue per period over many periods, can hold more cells than a request may write).
 */
function bodyPiece(ws: Excel.Worksheet, b: ReportTable, r0: number, from: number, to: number, date1904: boolean, rowBytes: readonly number[], typed: readonly TypedCell[], c0 = 0, c1 = b.columns.length): Piece {
  const cols = b.columns.length;
  const width = c1 - c0;
  const own = typed.filter((t) => t.row >= from && t.row < to && t.column >= c0 && t.column < c1);
  const typeOf = new Map(own.map((t) => [t.row * cols + t.column, t.type]));
  const vals = b.rows.slice(from, to).map((src, k) => src.slice(c0, c1).map((v, j) => valueOf(v, typeOf.get((from + k) * cols + c0 + j) ?? b.columns[c0 + j].type, date1904)));
  const runs: Array<{ col: number; fmts: string[] }> = [];
  b.columns.slice(c0, c1).forEach((c, j) => {
    if (c.type === 'text') return;
    const ci = c0 + j;
    const last = runs[runs.length - 1];
    if (last && last.col + last.fmts.length === ci) last.fmts.push(c.numFmt);
    else runs.push({ col: ci, fmts: [c.numFmt] });
  });
  const n = to - from;
  const fmtCells = runs.reduce((k, r) => k + r.fmts.length, 0) * n;
  let bytes = 64 * (1 + runs.length + own.length) + runs.reduce((k, r) => k + payloadBytes(r.fmts) * n, 0) + own.reduce((k, t) => k + payloadBytes(t.numFmt), 0);
  // whole rows: their measured size; a part of the columns: its own size, with the same room per cell
  if (width === cols) for (let i = from; i < to; i++) bytes += rowBytes[i];
  else bytes += payloadBytes(vals) + 2 * n * width + 2 * n;
  const piece = (f: number, t: number, a: number, z: number) => bodyPiece(ws, b, r0, f, t, date1904, rowBytes, own, a, z);
  return {
    bytes,
    cells: n * width + fmtCells + own.length,
    rows: c0 === 0 ? n : 0,
    queue: () => {
      for (const r of runs) ws.getRangeByIndexes(r0 + from, r.col, n, r.fmts.length).numberFormat = Array.from({ length: n }, () => r.fmts);
      for (const t of own) ws.getRangeByIndexes(r0 + t.row, t.column, 1, 1).numberFormat = [[t.numFmt]];
      ws.getRangeByIndexes(r0 + from, c0, n, width).values = vals;
    },
    split: () => {
      const rowMid = from + Math.ceil(n / 2);
      const colMid = c0 + Math.ceil(width / 2);
      if (n > 1) return [piece(from, rowMid, c0, c1), piece(rowMid, to, c0, c1)];
      return width > 1 ? [piece(from, to, c0, colMid), piece(from, to, colMid, c1)] : null;
    },
  };
}

/** A piece of a few fixed cells (titles, headers, notes), with a font style on its first cell. */
function smallPiece(ws: Excel.Worksheet, row: number, vals: (string | number | boolean)[][], style?: 'bold' | 'italic'): Piece {
  return {
    bytes: payloadBytes(vals) + 128,
    cells: vals.length * vals[0].length,
    rows: vals.length,
    queue: () => {
      ws.getRangeByIndexes(row, 0, vals.length, vals[0].length).values = vals;
      if (style === 'bold') ws.getRangeByIndexes(row, 0, 1, 1).format.font.bold = true;
      if (style === 'italic') ws.getRangeByIndexes(row, 0, 1, 1).format.font.italic = true;
    },
    split: () => null,
  };
}

/**
 * The title and header rows of a table block, columns [c0, c1): the title bold, and the header of each
 * column with `headerAlign` right-aligned, so it stands over its numbers (Range.format.horizontalAlignment,
 * ExcelApi 1.1); room for the alignment commands: 80 bytes per column. A table too wide for one request
 * is split into halves of its columns.
 */
function headPiece(ws: Excel.Worksheet, b: ReportTable, row: number, c0 = 0, c1 = b.columns.length): Piece {
  const width = c1 - c0;
  const titleLine = [c0 === 0 ? cellOf(b.title) : '', ...new Array<string>(width - 1).fill('')];
  const vals = [titleLine, b.columns.slice(c0, c1).map((c) => cellOf(c.header))];
  const right = b.columns.flatMap((c, ci) => (c.headerAlign === 'right' && ci >= c0 && ci < c1 ? [ci] : []));
  return {
    bytes: payloadBytes(vals) + 128 + 80 * width,
    cells: 2 * width,
    rows: c0 === 0 ? 2 : 0,
    queue: () => {
      ws.getRangeByIndexes(row, c0, 2, width).values = vals;
      if (c0 === 0) ws.getRangeByIndexes(row, 0, 1, 1).format.font.bold = true;
      for (const ci of right) ws.getRangeByIndexes(row + 1, ci, 1, 1).format.horizontalAlignment = 'Right' as Excel.HorizontalAlignment.right;
    },
    split: () => (width > 1 ? [headPiece(ws, b, row, c0, c0 + Math.ceil(width / 2)), headPiece(ws, b, row, c0 + Math.ceil(width / 2), c1)] : null),
  };
}

/** Step 4. Every block's values, from A1 down with one empty row between blocks, in budgeted requests. */
async function writeBlocks(writer: ValueWriter, plan: Array<{ sheet: ReportSheet }>, added: Excel.Worksheet[], budget: { bytes: number; cells: number }, date1904: boolean): Promise<PlacedTable[]> {
  const placed: PlacedTable[] = [];
  for (let si = 0; si < plan.length; si++) {
    const sheet = plan[si].sheet;
    const ws = added[si];
    const starts = layout(sheet);
    for (let bi = 0; bi < sheet.blocks.length; bi++) {
      const b = sheet.blocks[bi];
      const r0 = starts[bi];
      if (b.kind === 'notes') {
        await writer.add(smallPiece(ws, r0, [[cellOf(b.title)]], 'bold'));
        for (let i = 0; i < b.lines.length; i += 1000) await writer.add(smallPiece(ws, r0 + 1 + i, b.lines.slice(i, i + 1000).map((l) => [cellOf(l)])));
        continue;
      }
      const cols = b.columns.length;
      await writer.add(headPiece(ws, b, r0));
      // rows per piece: what the budgets allow for this block's rows (a row's size: its JSON, plus the
      // quote prefix of each string and room for the 1904 shift of its dates)
      const rowBytes = b.rows.map((r) => payloadBytes(r) + 2 * cols + 2);
      const typed = typedCells(b);
      let i = 0;
      while (i < b.rows.length) {
        let bytes = 0;
        let j = i;
        while (j < b.rows.length) {
          if (j > i && (bytes + rowBytes[j] > budget.bytes / 2 || (j - i + 1) * cols * 2 > budget.cells)) break;
          bytes += rowBytes[j];
          j++;
        }
        await writer.add(bodyPiece(ws, b, r0 + 2, i, j, date1904, rowBytes, typed));
        i = j;
      }
      if (b.note) await writer.add(smallPiece(ws, r0 + 2 + Math.max(1, b.rows.length), [[cellOf(b.note)]], 'italic'));
      placed.push({ block: b, ws, row: r0, sheetId: sheet.id });
    }
  }
  await writer.flush();
  return placed;
}

/**
 * Step 5. Each table block becomes an Excel table (a free name, a light style) with its class cells
 * coloured by conditional formats (a handful of rules instead of one fill per cell: ConditionalFormatCollection.add,
 * ExcelApi 1.6; Excel compares text without regard to case, like the class letters it matches). Returns
 * each table and its column names as Excel made them (Excel renames blank and repeated headers).
 */
async function addTables(context: Excel.RequestContext, batch: Batch, placed: PlacedTable[]): Promise<{ tables: Map<string, { table: Excel.Table; header: Excel.Range }>; names: string[]; taken: Set<string> }> {
  const wb = context.workbook;
  wb.tables.load('items/name');
  // a table name must differ from every table and every workbook-scoped defined name
  wb.names.load('items/name');
  await context.sync();
  const taken = new Set([...wb.tables.items, ...wb.names.items].map((t) => t.name.toLowerCase()));
  const tables = new Map<string, { table: Excel.Table; header: Excel.Range }>();
  const names: string[] = [];
  for (const p of placed) {
    const { ws, block: b } = p;
    const fills = b.columns.reduce((k, c) => k + Object.keys(c.fills ?? {}).length, 0);
    await batch.reserve(300 + fills * 200 + (b.colorScales?.length ?? 0) * 400);
    const t = ws.tables.add(ws.getRangeByIndexes(p.row + 1, 0, Math.max(1, b.rows.length) + 1, b.columns.length), true);
    const name = freeTableName(b.tableName, taken);
    t.name = name;
    t.style = 'TableStyleLight9';
    tables.set(b.tableName, { table: t, header: t.getHeaderRowRange().load('values') });
    names.push(name);
    b.columns.forEach((c, ci) => {
      if (!c.fills || b.rows.length === 0) return;
      const body = ws.getRangeByIndexes(p.row + 2, ci, b.rows.length, 1);
      for (const [value, color] of Object.entries(c.fills)) {
        const cf = body.conditionalFormats.add('CellValue' as Excel.ConditionalFormatType.cellValue);
        cf.cellValue.format.fill.color = `#${color}`;
        cf.cellValue.rule = { formula1: `="${value.replace(/"/g, '""')}"`, operator: 'EqualTo' };
      }
    });
    for (const scale of b.colorScales ?? []) addColorScale(ws, b, p.row + 2, scale);
  }
  await batch.flush();
  return { tables, names, taken };
}

/**
 * A colour scale (heat map) over the body cells of a table's columns `scale.first`..`scale.last`:
 * a conditional format of type ColorScale (ConditionalFormatCollection.add, ExcelApi 1.6, under the
 * 1.10 floor) from the lowest value to the highest, through the 50th percentile when three colours
 * are given; blank cells take no colour.
 */
function addColorScale(ws: Excel.Worksheet, b: ReportTable, bodyRow: number, scale: ReportColorScale): void {
  const c0 = b.columns.findIndex((c) => c.key === scale.first);
  const c1 = b.columns.findIndex((c) => c.key === scale.last);
  if (c0 < 0 || c1 < c0 || b.rows.length === 0) return;
  const cf = ws.getRangeByIndexes(bodyRow, c0, b.rows.length, c1 - c0 + 1).conditionalFormats.add('ColorScale' as Excel.ConditionalFormatType.colorScale);
  const [low, mid, high] = scale.colors.length === 3 ? scale.colors : [scale.colors[0], null, scale.colors[1]];
  // ConditionalColorScaleCriterion.formula: "a number, a formula, or null (if type is lowestValue)", as
  // the reference's sample gives it for the lowest and the highest value; its typing says string
  const none = null as unknown as string;
  cf.colorScale.criteria = {
    minimum: { formula: none, type: 'LowestValue' as Excel.ConditionalFormatColorCriterionType.lowestValue, color: `#${low}` },
    ...(mid ? { midpoint: { formula: '50', type: 'Percentile' as Excel.ConditionalFormatColorCriterionType.percentile, color: `#${mid}` } } : {}),
    maximum: { formula: none, type: 'HighestValue' as Excel.ConditionalFormatColorCriterionType.highestValue, color: `#${high}` },
  };
}

/**
 * The cells a waterfall chart draws in Excel, as rows of its table from the first: Office.js cannot
 * mark a point as a total (no such property on ChartPoint), so the rows end before the first total
 * after the first row (a waterfall's first bar starts at zero anyway). For the revenue bridge that is
 * previous period and the five steps: the last step ends at the current period's revenue, which the
 * table beside the chart gives.
 */
export function waterfallRows(chart: Pick<ReportChart, 'rows' | 'totals'>): number {
  const cut = chart.totals.filter((i) => i > 0 && i < chart.rows).sort((a, b) => a - b)[0];
  return cut ?? chart.rows;
}

/**
 * Step 8. The charts of the model beside their tables (the revenue bridge's waterfall, ChartType.waterfall,
 * ExcelApi 1.9: under the floor of 1.10, so every host that runs the add-in has it), each in a request of
 * its own, so a host that refuses one loses only that chart and the result says why, with how to make it
 * by hand. The title is set in a request of its own too: Excel 2016 refuses Chart.title on a waterfall
 * (office-js#2041, "UnsupportedOperation").
 */
async function addCharts(context: Excel.RequestContext, plan: Array<{ sheet: ReportSheet }>, added: Excel.Worksheet[], placed: PlacedTable[], labels: WriteLabels, notes: string[]): Promise<string[]> {
  const drawn: string[] = [];
  for (let si = 0; si < plan.length; si++) {
    const ws = added[si];
    for (const chart of plan[si].sheet.charts ?? []) {
      const p = placed.find((x) => x.ws === ws && x.block.tableName === chart.table);
      const cat = p ? p.block.columns.findIndex((c) => c.key === chart.categories) : -1;
      const rows = waterfallRows(chart);
      if (!p || cat < 0 || p.block.columns[cat + 1]?.key !== chart.values || p.block.rows.length < rows) continue;
      let ch: Excel.Chart;
      try {
        // the header row and the rows drawn, categories and values side by side
        ch = ws.charts.add('Waterfall' as Excel.ChartType.waterfall, ws.getRangeByIndexes(p.row + 1, cat, rows + 1, 2), 'Columns' as Excel.ChartSeriesBy.columns);
        ch.setPosition(`${columnLetter(chart.column)}${p.row + 1}`, `${columnLetter(chart.column + chart.width - 1)}${p.row + chart.height}`);
        await context.sync();
        drawn.push(chart.id);
      } catch (e) {
        notes.push(format(labels.bridgeFailed, { message: (e as Error).message, fallback: chart.fallback }));
        continue;
      }
      try {
        ch.title.text = chart.title;
        ch.legend.visible = false;
        await context.sync();
      } catch (e) {
        notes.push(format(labels.bridgeNoTitle, { message: (e as Error).message }));
      }
    }
  }
  return drawn;
}

/**
 * Step 6. Column widths and frozen panes of each sheet, then the first sheet is activated in the same
 * request: freezing panes on a sheet that is not active makes Excel report that sheet as the active one
 * while another stays on screen (office-js#3148), so the run ends by activating the sheet it shows.
 */
async function widthsAndFreeze(batch: Batch, plan: Array<{ sheet: ReportSheet }>, added: Excel.Worksheet[]): Promise<void> {
  for (let si = 0; si < plan.length; si++) {
    const ws = added[si];
    const widths: number[] = [];
    for (const b of plan[si].sheet.blocks) {
      if (b.kind === 'table') b.columns.forEach((c, ci) => (widths[ci] = Math.max(widths[ci] ?? 0, c.width)));
    }
    await batch.reserve(widths.length * 40 + 40);
    widths.forEach((w, ci) => {
      ws.getRangeByIndexes(0, ci, 1, 1).format.columnWidth = Math.round(w * 7);
    });
    const freeze = plan[si].sheet.freeze;
    if (freeze && freeze.columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, freeze.rows, freeze.columns));
    else if (freeze) ws.freezePanes.freezeRows(freeze.rows);
  }
  if (added.length) added[0].activate();
  await batch.flush();
}

/**
 * Step 7. On the pivot sheet: a PivotTable of the client table (ABC rows, XYZ columns, sum of revenue;
 * PivotTableCollection.add, ExcelApi 1.8, its fields found by the column names Excel gave the table),
 * the top clients, and a Pareto chart of them (ChartType.pareto, 1.9) in a request of its own, so a host
 * that refuses the chart loses only the chart and the result says why.
 */
async function addPivotAndChart(context: Excel.RequestContext, pivotWs: Excel.Worksheet, model: ReportModel, tables: Map<string, { table: Excel.Table; header: Excel.Range }>, tableNames: Set<string>, labels: WriteLabels, notes: string[]): Promise<{ pivot: boolean; chart: boolean }> {
  const clientTable = model.sheets.find((s) => s.role === 'clients')?.blocks.find((b): b is ReportTable => b.kind === 'table');
  const t = clientTable ? tables.get(clientTable.tableName) : undefined;
  if (!clientTable || !t) return { pivot: false, chart: false };
  const at = (key: string) => clientTable.columns.findIndex((c) => c.key === key);
  const header = (t.header.values[0] ?? []).map(String);
  const [abc, xyz, revenue, client] = [at('abc'), at('xyz'), at('revenue'), at('client')];
  if (abc < 0 || revenue < 0) return { pivot: false, chart: false };
  const title = pivotWs.getRange('A1');
  title.values = [[cellOf(labels.pivotTitle)]];
  title.format.font.bold = true;
  // a field is found by the table's column name, which Excel may have changed from the header written
  // a PivotTable's name is free among the tables and the workbook's names, as a table's is
  const pt = pivotWs.pivotTables.add(freeTableName('KC_Pivot', tableNames), t.table, pivotWs.getRange('A3'));
  pt.rowHierarchies.add(pt.hierarchies.getItem(header[abc]));
  if (xyz >= 0) pt.columnHierarchies.add(pt.hierarchies.getItem(header[xyz]));
  const data = pt.dataHierarchies.add(pt.hierarchies.getItem(header[revenue]));
  data.summarizeBy = 'Sum' as Excel.AggregationFunction.sum;
  data.numberFormat = clientTable.columns[revenue].numFmt;
  await context.sync();
  if (client < 0) return { pivot: true, chart: false };
  const top = clientTable.rows.filter((r) => typeof r[revenue] === 'number' && (r[revenue] as number) > 0).slice(0, 30);
  if (top.length < 2) return { pivot: true, chart: false };
  const vals = [[labels.topClients, ''], [header[client], header[revenue]], ...top.map((r) => [r[client], r[revenue]])];
  const rg = pivotWs.getRangeByIndexes(0, 8, vals.length, 2);
  rg.numberFormat = vals.map((_, k) => (k < 2 ? [null, null] : [null, clientTable.columns[revenue].numFmt]));
  rg.values = vals.map((line) => line.map(cellOf));
  pivotWs.getRangeByIndexes(0, 8, 1, 1).format.font.bold = true;
  pivotWs.getRangeByIndexes(0, 8, 1, 1).format.columnWidth = 200;
  await context.sync();
  let chart = false;
  try {
    const ch = pivotWs.charts.add('Pareto' as Excel.ChartType.pareto, pivotWs.getRangeByIndexes(1, 8, top.length + 1, 2), 'Columns' as Excel.ChartSeriesBy.columns);
    ch.setPosition('K2', 'S22');
    await context.sync();
    chart = true;
    try {
      ch.title.text = labels.paretoTitle;
      await context.sync();
    } catch (e) {
      notes.push(format(labels.paretoNoTitle, { message: (e as Error).message }));
    }
  } catch (e) {
    // the report is complete without the chart; say why it is missing
    notes.push(format(labels.paretoFailed, { message: (e as Error).message }));
  }
  return { pivot: true, chart };
}

/**
 * A formula of the model with the tables' names as Excel gave them: a table renamed because the name
 * was taken (KC_Clients_2) is renamed in the formula's structured references too. Text constants
 * ("...") and the brackets of a reference are left as they are.
 * @param formula the model's formula (stored syntax, no "=").
 * @param renames the model's table name to the name in the workbook, for the renamed ones (any case).
 * @example withTableNames('SUM(KC_Clients[Revenue])&"KC_Clients["', new Map([['kc_clients', 'KC_Clients_2']])) // 'SUM(KC_Clients_2[Revenue])&"KC_Clients["'
 */
export function withTableNames(formula: string, renames: ReadonlyMap<string, string>): string {
  if (!renames.size) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // a text constant, "" inside it a quote
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // the brackets of a structured reference, ' escaping the next character
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "'") j++;
        else if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_\\][A-Za-z0-9_.]*/.exec(formula.slice(i))?.[0];
    if (id && (i === 0 || !/[A-Za-z0-9_.]/.test(formula[i - 1]))) {
      out += formula[i + id.length] === '[' ? renames.get(id.toLowerCase()) ?? id : id;
      i += id.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** A sheet's name in a reference: always quoted, an apostrophe doubled (`'Kate''s'`). */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The model's workbook-scoped names (the settings of the live formulas) at their cells: a name the
 * workbook has already (the last run's, left pointing at #REF! when its sheet was deleted) takes the
 * new cell (NamedItem.formula, ExcelApi 1.7), so formulas of the user's that use it keep working; a new
 * one is added (NamedItemCollection.add with the cell's range, ExcelApi 1.4). A name the user made
 * with the same name is taken over: the names are KC_ ones, documented in docs/taskpane.md.
 */
async function defineNames(context: Excel.RequestContext, names: readonly ReportName[], placed: readonly PlacedTable[], sheetNames: ReadonlyMap<Excel.Worksheet, string>): Promise<void> {
  const wb = context.workbook;
  const found = names.flatMap((n) => {
    const p = placed.find((x) => x.block.tableName === n.table && x.sheetId === n.sheet);
    if (!p) return [];
    const item = wb.names.getItemOrNullObject(n.name);
    item.load('isNullObject');
    return [{ n, p, item }];
  });
  await context.sync();
  for (const { n, p, item } of found) {
    const row = p.row + 2 + n.row;
    if (item.isNullObject) wb.names.add(n.name, p.ws.getRangeByIndexes(row, n.column, 1, 1));
    else item.formula = `=${quotedSheet(sheetNames.get(p.ws) ?? '')}!$${columnLetter(n.column)}$${row + 1}`;
  }
  await context.sync();
}

/**
 * The piece that writes the formulas of a table's rows [from, to): each run of neighbouring formula
 * columns as one Range.formulas block ("=" and the formula, the same in every row: a calculated
 * column), and the table's single formula cells in those rows. It splits into halves of its rows.
 */
function formulaPiece(ws: Excel.Worksheet, b: ReportTable, r0: number, from: number, to: number, texts: ReadonlyArray<string | undefined>, cells: ReadonlyArray<{ row: number; column: number; text: string }>): Piece {
  const runs: Array<{ col: number; texts: string[] }> = [];
  texts.forEach((t, j) => {
    if (t === undefined) return;
    const last = runs[runs.length - 1];
    if (last && last.col + last.texts.length === j) last.texts.push(t);
    else runs.push({ col: j, texts: [t] });
  });
  const n = to - from;
  const own = cells.filter((c) => c.row >= from && c.row < to);
  const rowBytes = runs.reduce((k, r) => k + payloadBytes(r.texts) + 8, 0);
  return {
    bytes: 64 * (runs.length + own.length + 1) + rowBytes * n + own.reduce((k, c) => k + payloadBytes(c.text) + 8, 0),
    cells: runs.reduce((k, r) => k + r.texts.length, 0) * n + own.length,
    rows: 0,
    queue: () => {
      for (const r of runs) ws.getRangeByIndexes(r0 + from, r.col, n, r.texts.length).formulas = Array.from({ length: n }, () => r.texts);
      for (const c of own) ws.getRangeByIndexes(r0 + c.row, c.column, 1, 1).formulas = [[c.text]];
    },
    split: () => {
      if (n <= 1) return null;
      const mid = from + Math.ceil(n / 2);
      return [formulaPiece(ws, b, r0, from, mid, texts, cells), formulaPiece(ws, b, r0, mid, to, texts, cells)];
    },
  };
}

/**
 * Step 5b (live formulas, docs/methods.md "Live formulas"; with the tables made, since the formulas
 * refer to them by name): the model's names, then every formula cell (Range.formulas, ExcelApi 1.1)
 * over the values step 4 wrote (the engine's values, which stay if this step fails), in requests
 * within the budgets. These requests do not suspend calculation: Application.suspendApiCalculationUntilNextSync
 * "suspends calculation until the next context.sync() ... it is the developer's responsibility to
 * re-calc the workbook" (ExcelApi 1.6), so Excel calculates each batch of formulas as it is written.
 * A workbook in manual calculation (Application.calculationMode, ExcelApi 1.1 to read) is left so, with
 * a note that F9 recomputes (the notes in the report language: src/core/i18n/live.ts). A host that refuses the formulas loses only them, and the result says so.
 * @returns how many formula cells were written.
 */
async function writeLiveFormulas(
  context: Excel.RequestContext, model: ReportModel, placed: readonly PlacedTable[], tableNames: readonly string[], sheetNames: ReadonlyMap<Excel.Worksheet, string>,
  budget: { bytes: number; cells: number }, signal: AbortSignal | undefined, notes: string[],
): Promise<{ formulas: number; syncs: number; retries: number }> {
  const said = liveTexts(model.language).writer;
  const live = placed.filter((p) => p.block.columns.some((c) => c.formula) || (p.block.cellFormulas?.length ?? 0) > 0);
  if (!live.length) return { formulas: 0, syncs: 0, retries: 0 };
  const renames = new Map<string, string>();
  placed.forEach((p, i) => {
    if (tableNames[i] !== p.block.tableName) renames.set(p.block.tableName.toLowerCase(), tableNames[i]);
  });
  const writer = new ValueWriter(context, budget, signal, () => undefined, false);
  let count = 0;
  try {
    if (model.names?.length) await defineNames(context, model.names, placed, sheetNames);
    const app = context.workbook.application;
    app.load('calculationMode');
    for (const p of live) {
      const b = p.block;
      const texts = b.columns.map((c) => (c.formula ? `=${withTableNames(c.formula, renames)}` : undefined));
      const cells = (b.cellFormulas ?? []).map((c) => ({ row: c.row, column: c.column, text: `=${withTableNames(c.formula, renames)}` }));
      const perRow = texts.filter((t) => t !== undefined).length;
      const rowBytes = texts.reduce((k, t) => k + (t === undefined ? 0 : payloadBytes(t) + 4), 0);
      let i = 0;
      while (i < b.rows.length) {
        const rows = Math.max(1, Math.min(b.rows.length - i, Math.floor(budget.cells / Math.max(1, perRow)), Math.floor(budget.bytes / 2 / Math.max(1, rowBytes))));
        await writer.add(formulaPiece(p.ws, b, p.row + 2, i, i + rows, texts, cells));
        i += rows;
      }
      count += perRow * b.rows.length + cells.length;
    }
    await writer.flush();
    if (app.calculationMode === ('Manual' as Excel.CalculationMode.manual)) notes.push(said.manual);
  } catch (e) {
    if (isPaneError(e)) throw e;
    notes.push(format(said.failed, { message: (e as Error).message }));
    return { formulas: 0, syncs: writer.syncs, retries: writer.retries };
  }
  return { formulas: count, syncs: writer.syncs, retries: writer.retries };
}

/** A token that tells this run's sheets from a copy's: the time and a random part. */
function runToken(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
}

/**
 * Writes a report model into the workbook, in named steps:
 * 1. find the sheets this add-in wrote before (by their hidden tag; see {@link findOurSheets});
 * 2. plan free names for the new sheets (a user sheet named like ours makes ours "Clients (2)");
 * 3. store the marker, delete our old sheets and add the new ones with their tags;
 * 4. write every block's values in requests within the byte and cell budgets, re-sending a refused
 *    request in smaller blocks (every string with the quote prefix, so it stays text);
 * 5. make the tables Excel tables with coloured class cells and colour scales (heat maps), then
 *    (live formulas) define the names and write the formulas over the values (see writeLiveFormulas);
 * 6. set column widths and frozen panes, and activate the first sheet;
 * 7. add the PivotTable and the Pareto chart of the client table;
 * 8. add the charts of the model beside their tables (the revenue bridge's waterfall).
 * Every other sheet is left alone. A failed save of the document settings does not stop the run (the
 * sheets carry their own tags): the result notes it.
 * @throws PaneError `workbookProtected`, `sheetProtected`, `cancelled`.
 */
export async function writeReport(host: ExcelHost, model: ReportModel, options: WriteOptions = {}): Promise<WriteResult> {
  const budget = { bytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES, cells: options.maxRequestCells ?? MAX_WRITE_CELLS };
  const labels = options.labels ?? DEFAULT_LABELS;
  const group = options.markerKey ?? MARKER_KEY;
  const wantPivot = (options.pivot ?? true) && model.sheets.some((s) => s.role === 'clients');
  const notes: string[] = [];
  const progress = options.onProgress;
  let totalRows = 0;
  for (const s of model.sheets) for (const b of s.blocks) totalRows += b.kind === 'table' ? b.rows.length + 2 : b.lines.length + 1;
  let rowsDone = 0;

  return host.run(async (context) => {
    const { ours, all } = await findOurSheets(context, group, readMarker(host, group));
    checkAborted(options.signal);
    const { plan, pivotName, taken } = planNames(model, all, ours, wantPivot ? labels.pivotSheet : null);
    const names = [...plan.map((p) => p.name), ...(pivotName ? [pivotName] : [])];
    const ids = [...plan.map((p) => p.sheet.id), ...(pivotName ? ['pivot'] : [])];
    const token = runToken();
    const written: WrittenSheet[] = names.map((name, i) => ({ reportId: ids[i], name }));
    // the marker first; the tags alone let the next run find these sheets if saving fails
    host.settings.set(group, { version: 2, writtenAt: new Date().toISOString(), token, sheets: written } satisfies ReportMarker);
    try {
      await host.settings.save();
    } catch (e) {
      notes.push(format(labels.settingsNotSaved, { message: (e as Error).message }));
    }
    const added = await replaceSheets(context, ours, all.length, names, ids, group, token, taken);
    const pivotWs = pivotName ? added.pop()! : null;
    // screen updating is suspended for the first request only: the reference warns that calling it
    // repeatedly makes the window flicker (Application.suspendScreenUpdatingUntilNextSync, 1.9)
    context.workbook.application.suspendScreenUpdatingUntilNextSync();
    const writer = new ValueWriter(context, budget, options.signal, (rows) => {
      rowsDone += rows;
      progress?.(Math.min(1, rowsDone / totalRows));
    });
    const placed = await writeBlocks(writer, plan, added, budget, options.date1904 ?? false);
    const batch = new Batch(context, budget.bytes, options.signal);
    const { tables, names: tableNames, taken: tableTaken } = await addTables(context, batch, placed);
    const sheetNames = new Map(added.map((ws, i) => [ws, plan[i].name]));
    const live = await writeLiveFormulas(context, model, placed, tableNames, sheetNames, budget, options.signal, notes);
    await widthsAndFreeze(batch, plan, added);
    const made = pivotWs ? await addPivotAndChart(context, pivotWs, model, tables, tableTaken, labels, notes) : { pivot: false, chart: false };
    const charts = await addCharts(context, plan, added, placed, labels, notes);
    progress?.(1);
    return { sheets: written, tables: tableNames, ...made, charts, formulas: live.formulas, notes, syncs: writer.syncs + batch.syncs + live.syncs, retries: writer.retries + live.retries };
  });
}
