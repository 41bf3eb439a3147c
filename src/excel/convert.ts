import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';
import { EXCEL_API, MAX_REQUEST_BYTES, isSizeRejection, payloadBytes, supportsExcelApi } from './requirements';
import { textForExcel } from './writer';

/** Where to replace the =KC.* formulas: the selected block, the active sheet, or every sheet. */
export type ConvertScope = 'selection' | 'sheet' | 'workbook';

/** What a conversion finds or did. */
export interface ConvertSummary {
  /** =KC.* formulas found (each spilled result counts once). */
  formulas: number;
  /** Cells their results cover (a spilled result covers several). */
  cells: number;
  /** Sheets that hold them, in workbook order. */
  sheets: string[];
  /** Formulas left as they are because Excel was still calculating them (#BUSY!, #GETTING_DATA). */
  busy: number;
}

/** Formulas read per request, and anchors asked for their spill range per request. */
const SCAN_CELLS = 5000;
const SPILL_BATCH = 500;
/** Cells written per request when converting (smaller on a size rejection). */
const WRITE_CELLS = 5000;

/** The value shown while a function is still running: converting it would freeze the placeholder. */
const PENDING = new Set(['#BUSY!', '#GETTING_DATA']);
/** Excel's error values: typed into a cell, each becomes that error again. */
const ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/;

/**
 * Whether a formula calls a Key Clients function: the namespace `KC.` of manifest.xml followed by a
 * function name and "(", anywhere in the formula (=KC.ABC_CLASS(B2#), =IFERROR(KC.NPS(A2:A9), "")).
 */
export function isKcFormula(f: unknown): boolean {
  return typeof f === 'string' && f.startsWith('=') && /(^|[^A-Za-z0-9_.])KC\.[A-Za-z_][A-Za-z0-9_.]*\s*\(/i.test(f);
}

/**
 * The value written in place of a formula result: numbers and booleans as they are, an Excel error as
 * the error (typed, "#N/A" becomes #N/A again), text with the quote prefix so it stays text, or as it is
 * in a cell formatted as text (Excel's Text format shows the content "exactly as you type it").
 */
export function valueForCell(v: unknown, numberFormat: unknown): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = v === null || v === undefined ? '' : String(v);
  if (s === '' || ERRORS.test(s) || numberFormat === '@') return s;
  return textForExcel(s);
}

interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** One block to write: a sheet, where, and the values (null leaves a cell as it is). */
interface Replacement {
  ws: Excel.Worksheet;
  sheet: string;
  box: Box;
  values: (string | number | boolean | null)[][];
}

const RANGE_PROPS = 'rowIndex,columnIndex,rowCount,columnCount';
const boxOf = (r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): Box => ({ row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount });

/** The blocks to search: the selected block, or the used range of the active sheet or of every sheet. */
async function targets(context: Excel.RequestContext, scope: ConvertScope): Promise<Array<{ ws: Excel.Worksheet; name: string; range: Excel.Range }>> {
  const wb = context.workbook;
  if (scope === 'selection') {
    const areas = wb.getSelectedRanges();
    areas.load('areaCount');
    try {
      await context.sync();
    } catch (e) {
      throw new PaneError('notCells', 'no cells are selected (a chart or a shape is): select the cells whose formulas to convert', { detail: String((e as Error).message ?? e) });
    }
    if (areas.areaCount > 1) throw new PaneError('multipleAreas', `${areas.areaCount} separate blocks are selected: select one block`, { areas: areas.areaCount });
    const range = wb.getSelectedRange();
    range.worksheet.load('name');
    await context.sync();
    return [{ ws: range.worksheet, name: range.worksheet.name, range }];
  }
  const sheets = scope === 'sheet' ? [wb.worksheets.getActiveWorksheet()] : (wb.worksheets.load('items/name'), await context.sync(), wb.worksheets.items);
  const used = sheets.map((ws) => {
    ws.load('name');
    const u = ws.getUsedRangeOrNullObject(true);
    u.load('isNullObject');
    return { ws, u };
  });
  await context.sync();
  return used.filter((x) => !x.u.isNullObject).map((x) => ({ ws: x.ws, name: x.ws.name, range: x.u }));
}

/**
 * Finds the =KC.* formulas in the scope and the values to put in their place: Range.getSpecialCellsOrNullObject("Formulas")
 * (ExcelApi 1.9) gives the cells with formulas, their `formulas` (1.1) tell ours, and for each of ours
 * Range.getSpillingToRangeOrNullObject (1.12) gives the range its result spills to, whose `values` are
 * written whole (replacing only the anchor would empty the rest of the spill).
 */
async function scan(context: Excel.RequestContext, scope: ConvertScope, signal?: AbortSignal): Promise<{ replacements: Replacement[]; summary: ConvertSummary }> {
  const replacements: Replacement[] = [];
  const summary: ConvertSummary = { formulas: 0, cells: 0, sheets: [], busy: 0 };
  for (const { ws, name, range } of await targets(context, scope)) {
    const special = range.getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType.formulas);
    special.load('isNullObject');
    await context.sync();
    if (special.isNullObject) continue;
    special.areas.load(`items/${RANGE_PROPS.split(',').join(',items/')}`);
    await context.sync();
    const anchors: Array<{ row: number; col: number; value: unknown; format: unknown }> = [];
    for (const area of special.areas.items.map(boxOf)) {
      const step = Math.max(1, Math.floor(SCAN_CELLS / area.cols));
      for (let r = 0; r < area.rows; r += step) {
        checkAborted(signal);
        const n = Math.min(step, area.rows - r);
        const part = ws.getRangeByIndexes(area.row + r, area.col, n, area.cols);
        part.load('formulas,values,numberFormat');
        await context.sync();
        part.formulas.forEach((line, i) =>
          line.forEach((f, j) => {
            if (isKcFormula(f)) anchors.push({ row: area.row + r + i, col: area.col + j, value: part.values[i][j], format: part.numberFormat[i][j] });
          }),
        );
      }
    }
    let found = 0;
    for (let k = 0; k < anchors.length; k += SPILL_BATCH) {
      checkAborted(signal);
      const group = anchors.slice(k, k + SPILL_BATCH).map((a) => {
        const spill = ws.getRangeByIndexes(a.row, a.col, 1, 1).getSpillingToRangeOrNullObject();
        spill.load(`isNullObject,${RANGE_PROPS},values,numberFormat`);
        return { a, spill };
      });
      await context.sync();
      for (const { a, spill } of group) {
        if (!spill.isNullObject) {
          if (spill.values.some((line) => line.some((v) => PENDING.has(String(v))))) {
            summary.busy++;
            continue;
          }
          replacements.push({ ws, sheet: name, box: boxOf(spill), values: spill.values.map((line, i) => line.map((v, j) => valueForCell(v, spill.numberFormat[i][j]))) });
          summary.cells += spill.rowCount * spill.columnCount;
        } else if (PENDING.has(String(a.value))) {
          summary.busy++;
          continue;
        } else {
          replacements.push({ ws, sheet: name, box: { row: a.row, col: a.col, rows: 1, cols: 1 }, values: [[valueForCell(a.value, a.format)]] });
          summary.cells++;
        }
        found++;
      }
    }
    summary.formulas += found;
    if (found > 0) summary.sheets.push(name);
  }
  return { replacements, summary };
}

/** Writes the replacements in requests of a few thousand cells, halving a request Excel refuses as too large. */
async function writeReplacements(context: Excel.RequestContext, replacements: Replacement[], signal?: AbortSignal): Promise<void> {
  let queue: Replacement[] = [];
  let cells = 0;
  let bytes = 0;
  const send = async (group: Replacement[]): Promise<void> => {
    checkAborted(signal);
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const r of group) r.ws.getRangeByIndexes(r.box.row, r.box.col, r.box.rows, r.box.cols).values = r.values as (string | number | boolean)[][];
    try {
      await context.sync();
    } catch (e) {
      // a refused request applies nothing; a request of one block that is still too large cannot be helped
      if (!isSizeRejection(e) || group.length < 2) throw e;
      await send(group.slice(0, group.length >> 1));
      await send(group.slice(group.length >> 1));
    }
  };
  for (const r of replacements) {
    const n = r.box.rows * r.box.cols;
    const b = payloadBytes(r.values) + 64;
    if (queue.length && (cells + n > WRITE_CELLS || bytes + b > MAX_REQUEST_BYTES)) {
      await send(queue);
      queue = [];
      cells = 0;
      bytes = 0;
    }
    queue.push(r);
    cells += n;
    bytes += b;
  }
  if (queue.length) await send(queue);
}

function requireSpill(host: ExcelHost): void {
  if (!supportsExcelApi(host, EXCEL_API.spill)) {
    throw new PaneError('convertUnsupported', `converting formulas needs ExcelApi ${EXCEL_API.spill} (Excel 2021, or Microsoft 365 from version 2008), to keep spilled results whole`, { version: EXCEL_API.spill });
  }
}

/**
 * Counts the =KC.* formulas in the scope, without changing anything (the pane's confirmation says how many).
 * @throws PaneError `convertUnsupported` below ExcelApi 1.12, `notCells`, `multipleAreas`.
 */
export async function countKcFormulas(host: ExcelHost, scope: ConvertScope): Promise<ConvertSummary> {
  requireSpill(host);
  return host.run(async (context) => (await scan(context, scope)).summary);
}

/**
 * Replaces the =KC.* formulas in the scope by their current values, for sending the workbook to someone
 * without the add-in: a spilled result is written whole, number formats stay, other formulas and cells
 * are not touched. Formulas still calculating are left as they are and counted in `busy`.
 * @throws PaneError `convertUnsupported` below ExcelApi 1.12, `notCells`, `multipleAreas`, `cancelled`.
 */
export async function convertKcFormulas(host: ExcelHost, scope: ConvertScope, options: { signal?: AbortSignal } = {}): Promise<ConvertSummary> {
  requireSpill(host);
  return host.run(async (context) => {
    const { replacements, summary } = await scan(context, scope, options.signal);
    await writeReplacements(context, replacements, options.signal);
    return summary;
  });
}
