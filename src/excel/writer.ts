import type { ReportModel, ReportSheet, ReportTable, ReportValue } from '../core/report/model';
import { sheetName } from '../core/report/build';
import { format, texts, type Texts } from '../core/i18n';
import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';
import { EXCEL_API, jsonBytes, supportsExcelApi } from './requirements';

/** Document setting that lists the sheets the add-in wrote (the marker). */
export const MARKER_KEY = 'KeyClients.report';
/** Hidden sheet-scoped name on each sheet the add-in writes: the second half of the marker. */
export const SHEET_NAME_TAG = 'KeyClients_Sheet';

export interface WrittenSheet {
  /** Report sheet id ("clients", "summary", "segment:A", "pivot"). */
  reportId: string;
  name: string;
  /** Excel worksheet id. */
  id: string;
}

export interface ReportMarker {
  version: 1;
  writtenAt: string;
  sheets: WrittenSheet[];
}

/** Texts of the pivot sheet and the Pareto chart: the core's report texts of a language. */
export type WriteLabels = Texts['chart'];

export const DEFAULT_LABELS: WriteLabels = texts('en').chart;

export interface WriteOptions {
  signal?: AbortSignal;
  /** Progress of the writing, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Largest request per sync in bytes (default 4 MB, under Excel on the web's 5 MB). */
  maxRequestBytes?: number;
  /** Add the PivotTable and the Pareto chart when the host supports them (default true). */
  pivot?: boolean;
  labels?: WriteLabels;
  /** Document setting of the marker (default {@link MARKER_KEY}); the leads ranking keeps its own. */
  markerKey?: string;
}

export interface WriteResult {
  sheets: WrittenSheet[];
  tables: string[];
  pivot: boolean;
  chart: boolean;
  /** Things that could not be done, in words (the report itself was written). */
  notes: string[];
  syncs: number;
}

/** Text the data gives that Excel would take as a formula. */
export function isFormulaLike(v: ReportValue): boolean {
  return typeof v === 'string' && v.length > 0 && (v[0] === '=' || v[0] === '+' || v[0] === '-' || v[0] === '@');
}

/**
 * A string as written to `Range.values` so that Excel keeps it as typed: text that Excel would read as
 * a formula (= + - @) or whose leading apostrophe Excel would swallow gets an apostrophe prefix, which
 * Excel takes as "this is text" and does not store. The writer also gives every string cell the text
 * format "@"; the prefix is what makes it safe on its own (the Office.js reference says only that a
 * value starting with + - = is interpreted as a formula, not that the text format stops it), and it is
 * the documented way to enter such text in Excel.
 */
export function textForExcel(s: string): string {
  return isFormulaLike(s) || s.startsWith("'") ? `'${s}` : s;
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

/** Reads the marker from the document settings (null when absent or unreadable). */
export function readMarker(host: ExcelHost, key: string = MARKER_KEY): ReportMarker | null {
  const raw = host.settings.get(key);
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Partial<ReportMarker>;
  if (m.version !== 1 || !Array.isArray(m.sheets)) return null;
  return m as ReportMarker;
}

/** Sends the queued requests when the next write would make the request too large. */
class Batch {
  bytes = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly signal: AbortSignal | undefined,
  ) {}
  /**
   * Call before queueing a write of `bytes` (UTF-8). The first write of each request suspends
   * calculation until that request's sync (Application.suspendApiCalculationUntilNextSync, ExcelApi
   * 1.6: it lasts one sync only, so it is queued again in every request; nothing written is a formula,
   * so there is nothing to recalculate afterwards).
   */
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.budget) await this.flush();
    if (this.bytes === 0) this.context.workbook.application.suspendApiCalculationUntilNextSync();
    this.bytes += bytes + 64;
  }
  async flush(): Promise<void> {
    checkAborted(this.signal);
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
  }
}

const cellOf = (v: ReportValue): string | number | boolean => (v === null || v === undefined ? '' : typeof v === 'string' ? textForExcel(v) : v);
/** Number format of a cell: a string is always text ("@"), so Excel does not turn "80%" or "2024-01-31" in a General column into a number. */
const formatOf = (v: ReportValue, columnFormat: string): string => (typeof v === 'string' ? '@' : columnFormat);

interface PlacedTable {
  block: ReportTable;
  sheetIndex: number;
  row: number;
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
 * Writes a report model into the workbook: replaces the sheets it wrote before (known by the marker in
 * the document settings and a hidden name on each sheet), leaves every other sheet alone (a user sheet
 * with one of our names makes ours "Clients (2)"), writes each block from A1 with one empty row between
 * blocks, tables as Excel tables with number formats and coloured class cells (conditional formats: a
 * handful of rules instead of one fill per cell), text that Excel would read as a formula as text, in
 * requests under the payload limit, with calculation suspended. Adds a PivotTable and a Pareto chart
 * where ExcelApi 1.8 is supported.
 * @throws PaneError `workbookProtected`, `sheetProtected`, `cancelled`.
 */
export async function writeReport(host: ExcelHost, model: ReportModel, options: WriteOptions = {}): Promise<WriteResult> {
  const budget = options.maxRequestBytes ?? 4_000_000;
  const labels = options.labels ?? DEFAULT_LABELS;
  const wantPivot = (options.pivot ?? true) && supportsExcelApi(host, EXCEL_API.pivot);
  const canPareto = supportsExcelApi(host, EXCEL_API.pareto);
  const canSuspendScreen = supportsExcelApi(host, EXCEL_API.screenUpdating);
  const markerKey = options.markerKey ?? MARKER_KEY;
  const marker = readMarker(host, markerKey);
  const notes: string[] = [];
  const progress = options.onProgress;
  let totalRows = 0;
  for (const s of model.sheets) for (const b of s.blocks) totalRows += b.kind === 'table' ? b.rows.length + 2 : b.lines.length + 1;
  let rowsDone = 0;

  return host.run(async (context) => {
    const batch = new Batch(context, budget, options.signal);
    const wb = context.workbook;

    // 1. what is there: sheets, the sheets of the marker with their hidden tag and protection
    const sheets = wb.worksheets;
    sheets.load('items/name,items/id');
    wb.protection.load('protected');
    const candidates = (marker?.sheets ?? []).map((m) => {
      const ws = sheets.getItemOrNullObject(m.id);
      ws.load('isNullObject,name,id');
      ws.protection.load('protected');
      const tag = ws.names.getItemOrNullObject(SHEET_NAME_TAG);
      tag.load('isNullObject');
      return { m, ws, tag };
    });
    await batch.flush();
    const ours = candidates.filter((c) => !c.ws.isNullObject && !c.tag.isNullObject);
    if (wb.protection.protected) {
      throw new PaneError('workbookProtected', 'the workbook structure is protected, so no sheet can be added: unprotect it (Review > Protect Workbook) and try again');
    }
    const locked = ours.find((c) => c.ws.protection.protected);
    if (locked) {
      throw new PaneError('sheetProtected', `the sheet '${locked.ws.name}' that Key Clients wrote before is protected: unprotect it (Review > Unprotect Sheet) or delete it, and try again`, { sheet: locked.ws.name });
    }
    const ourIds = new Set(ours.map((c) => c.ws.id));
    const taken = new Set(sheets.items.filter((s) => !ourIds.has(s.id)).map((s) => s.name.toLowerCase()));
    checkAborted(options.signal);

    // 2. delete ours (keep one, renamed, if they are all the workbook has) and add the new sheets
    const keepLast = ours.length > 0 && ours.length >= sheets.items.length ? ours[ours.length - 1] : null;
    for (const c of ours) {
      if (c === keepLast) c.ws.name = freeSheetName('KeyClients old', new Set(taken));
      else c.ws.delete();
    }
    const plan = model.sheets.map((s) => ({ sheet: s, name: freeSheetName(s.name, taken) }));
    const pivotName = wantPivot && model.sheets.some((s) => s.role === 'clients') ? freeSheetName(labels.pivotSheet, taken) : null;
    const added = plan.map((p) => {
      const ws = sheets.add(p.name);
      ws.load('id,name');
      // a hidden sheet-scoped name whose formula is a text constant (NamedItemCollection.add takes "the
      // formula or the range that the name will refer to"; ExcelApi 1.4)
      ws.names.add(SHEET_NAME_TAG, `="${p.sheet.id.replace(/"/g, '""')}"`).visible = false;
      return ws;
    });
    const pivotWs = pivotName ? sheets.add(pivotName) : null;
    if (pivotWs) {
      pivotWs.load('id,name');
      pivotWs.names.add(SHEET_NAME_TAG, '="pivot"').visible = false;
    }
    if (keepLast) keepLast.ws.delete();
    const tables = wb.tables;
    tables.load('items/name');
    // a table name must differ from every table and every workbook-scoped defined name
    const definedNames = wb.names;
    definedNames.load('items/name');
    await batch.flush();

    const written: WrittenSheet[] = plan.map((p, i) => ({ reportId: p.sheet.id, name: added[i].name, id: added[i].id }));
    if (pivotWs) written.push({ reportId: 'pivot', name: pivotWs.name, id: pivotWs.id });
    // the marker is stored at once, so a cancelled or failed run is cleaned up by the next one
    host.settings.set(markerKey, { version: 1, writtenAt: new Date().toISOString(), sheets: written } satisfies ReportMarker);
    await host.settings.save();
    const tableNames = new Set([...tables.items, ...definedNames.items].map((t) => t.name.toLowerCase()));

    // 3. values, in chunks. Screen updating is suspended for the first (largest) request only: the
    // reference warns that calling it repeatedly makes the window flicker.
    if (canSuspendScreen) wb.application.suspendScreenUpdatingUntilNextSync();
    const placed: PlacedTable[] = [];
    for (let si = 0; si < plan.length; si++) {
      const sheet = plan[si].sheet;
      const ws = added[si];
      const starts = layout(sheet);
      for (let bi = 0; bi < sheet.blocks.length; bi++) {
        const b = sheet.blocks[bi];
        const r0 = starts[bi];
        if (b.kind === 'notes') {
          const vals = [[b.title], ...b.lines.map((l) => [l])].map((line) => line.map(cellOf));
          const fmts = vals.map(() => ['@']);
          await batch.reserve(jsonBytes(vals) + jsonBytes(fmts));
          const rg = ws.getRangeByIndexes(r0, 0, vals.length, 1);
          rg.numberFormat = fmts;
          rg.values = vals;
          ws.getRangeByIndexes(r0, 0, 1, 1).format.font.bold = true;
          rowsDone += vals.length;
          progress?.(rowsDone / totalRows);
          continue;
        }
        const cols = b.columns.length;
        const head = [[b.title, ...new Array<string>(cols - 1).fill('')], b.columns.map((c) => c.header)].map((line) => line.map(cellOf));
        const headFmt = head.map((line) => line.map(() => '@'));
        await batch.reserve(jsonBytes(head) + jsonBytes(headFmt) + 80 * cols);
        const hr = ws.getRangeByIndexes(r0, 0, 2, cols);
        hr.numberFormat = headFmt;
        hr.values = head;
        ws.getRangeByIndexes(r0, 0, 1, 1).format.font.bold = true;
        // a number column's header stands over its numbers (Range.format.horizontalAlignment, ExcelApi 1.1)
        b.columns.forEach((c, ci) => {
          if (c.headerAlign) ws.getRangeByIndexes(r0 + 1, ci, 1, 1).format.horizontalAlignment = 'Right' as Excel.HorizontalAlignment.right;
        });
        const colFmt = b.columns.map((c) => (c.type === 'text' ? '@' : c.numFmt));
        // cells of another type than their column's (the overview's analysis date and churn)
        const typed = new Map((b.cellTypes ?? []).map((c) => [c.row * cols + c.column, c.numFmt]));
        let i = 0;
        while (i < b.rows.length) {
          // rows of this chunk: as many as fit in what is left of the request
          const vals: (string | number | boolean)[][] = [];
          const fmts: string[][] = [];
          let bytes = 0;
          const room = Math.max(budget - batch.bytes, budget / 4);
          while (i < b.rows.length) {
            const src = b.rows[i];
            const line = src.map(cellOf);
            const fl = src.map((v, c) => formatOf(v, typed.get(i * cols + c) ?? colFmt[c]));
            const size = jsonBytes(line) + jsonBytes(fl) + 2;
            if (vals.length > 0 && bytes + size > room) break;
            vals.push(line);
            fmts.push(fl);
            bytes += size;
            i++;
          }
          await batch.reserve(bytes);
          const rg = ws.getRangeByIndexes(r0 + 2 + i - vals.length, 0, vals.length, cols);
          rg.numberFormat = fmts;
          rg.values = vals;
          rowsDone += vals.length;
          progress?.(rowsDone / totalRows);
        }
        if (b.rows.length === 0) {
          await batch.reserve(cols * 8);
          ws.getRangeByIndexes(r0 + 2, 0, 1, cols).numberFormat = [colFmt];
        }
        if (b.note) {
          await batch.reserve(jsonBytes(b.note) + 16);
          const nr = ws.getRangeByIndexes(r0 + 2 + Math.max(1, b.rows.length), 0, 1, 1);
          nr.numberFormat = [['@']];
          nr.values = [[cellOf(b.note)]];
          nr.format.font.italic = true;
        }
        placed.push({ block: b, sheetIndex: si, row: r0 });
      }
    }

    // 4. tables, class colours, widths
    const tableObjs = new Map<string, Excel.Table>();
    const createdTables: string[] = [];
    for (const p of placed) {
      const ws = added[p.sheetIndex];
      const b = p.block;
      const n = Math.max(1, b.rows.length);
      const fills = b.columns.reduce((k, c) => k + Object.keys(c.fills ?? {}).length, 0);
      await batch.reserve(300 + fills * 200);
      const t = ws.tables.add(ws.getRangeByIndexes(p.row + 1, 0, n + 1, b.columns.length), true);
      const name = freeTableName(b.tableName, tableNames);
      t.name = name;
      t.style = 'TableStyleLight9';
      tableObjs.set(b.tableName, t);
      createdTables.push(name);
      b.columns.forEach((c, ci) => {
        if (!c.fills || b.rows.length === 0) return;
        const body = ws.getRangeByIndexes(p.row + 2, ci, b.rows.length, 1);
        for (const [value, color] of Object.entries(c.fills)) {
          // a CellValue rule "equal to" a text constant (ConditionalFormatCollection.add, ExcelApi 1.6);
          // Excel compares text without regard to case, like the class letters it matches
          const cf = body.conditionalFormats.add('CellValue' as Excel.ConditionalFormatType.cellValue);
          cf.cellValue.format.fill.color = `#${color}`;
          cf.cellValue.rule = { formula1: `="${value.replace(/"/g, '""')}"`, operator: 'EqualTo' };
        }
      });
    }
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
    await batch.flush();

    // 5. PivotTable and Pareto chart of the client table
    let pivot = false;
    let chart = false;
    const clientsSheet = model.sheets.find((s) => s.role === 'clients');
    const clientTable = clientsSheet?.blocks.find((b): b is ReportTable => b.kind === 'table');
    if (pivotWs && clientTable) {
      const col = (key: string) => clientTable.columns.find((c) => c.key === key);
      const abc = col('abc');
      const xyz = col('xyz');
      const revenue = col('revenue');
      const client = col('client');
      const t = tableObjs.get(clientTable.tableName);
      if (abc && revenue && t) {
        const title = pivotWs.getRange('A1');
        title.numberFormat = [['@']];
        title.values = [[cellOf(labels.pivotTitle)]];
        title.format.font.bold = true;
        // PivotTableCollection.add(name, source table, destination) and the hierarchies: ExcelApi 1.8.
        // A hierarchy is found by the table's header text. Sum is set, not left to Excel's choice.
        const pt = pivotWs.pivotTables.add(freeTableName('KC_Pivot', tableNames), t, pivotWs.getRange('A3'));
        pt.rowHierarchies.add(pt.hierarchies.getItem(abc.header));
        if (xyz) pt.columnHierarchies.add(pt.hierarchies.getItem(xyz.header));
        const data = pt.dataHierarchies.add(pt.hierarchies.getItem(revenue.header));
        data.summarizeBy = 'Sum' as Excel.AggregationFunction.sum;
        data.numberFormat = revenue.numFmt;
        await batch.flush();
        pivot = true;
        if (client) {
          const ci = clientTable.columns.indexOf(client);
          const ri = clientTable.columns.indexOf(revenue);
          const top = clientTable.rows.filter((r) => typeof r[ri] === 'number' && (r[ri] as number) > 0).slice(0, 30);
          if (top.length > 1) {
            const vals = [[labels.topClients, ''], [client.header, revenue.header], ...top.map((r) => [r[ci], r[ri]])];
            const fmts = vals.map((line, k) => (k < 2 ? ['@', '@'] : [formatOf(line[0], '@'), revenue.numFmt]));
            const rg = pivotWs.getRangeByIndexes(0, 8, vals.length, 2);
            rg.numberFormat = fmts;
            rg.values = vals.map((line) => line.map(cellOf));
            pivotWs.getRangeByIndexes(0, 8, 1, 1).format.font.bold = true;
            pivotWs.getRangeByIndexes(0, 8, 1, 1).format.columnWidth = 200;
            await batch.flush();
            if (!canPareto) {
              notes.push(format(labels.paretoUnsupported, { version: EXCEL_API.pareto }));
            } else {
              // Excel.ChartType.pareto is ExcelApi 1.9. The chart is added in a request of its own, so a
              // host that refuses it loses only the chart; the title and position follow separately
              // (the statistical charts take fewer chart APIs than the classic ones).
              try {
                const ch = pivotWs.charts.add('Pareto' as Excel.ChartType.pareto, pivotWs.getRangeByIndexes(1, 8, top.length + 1, 2), 'Columns' as Excel.ChartSeriesBy.columns);
                ch.setPosition('K2', 'S22');
                await batch.flush();
                chart = true;
                try {
                  ch.title.text = labels.paretoTitle;
                  await batch.flush();
                } catch (e) {
                  notes.push(format(labels.paretoNoTitle, { message: (e as Error).message }));
                }
              } catch (e) {
                // the report is complete without the chart; say why it is missing
                notes.push(format(labels.paretoFailed, { message: (e as Error).message }));
              }
            }
          }
        }
      }
    }
    if (added.length) added[0].activate();
    progress?.(1);
    return { sheets: written, tables: createdTables, pivot, chart, notes, syncs: batch.syncs };
  });
}
