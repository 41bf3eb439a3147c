import { slashOrderOfLocale, type Cell, type SlashOrder } from '../core';
import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';
import { EXCEL_API, MAX_READ_CELLS, MAX_READ_ROWS, MAX_RESPONSE_BYTES, isSizeRejection, payloadBytes, supportsExcelApi } from './requirements';

/** The source range as read from the workbook. */
export interface SourceRange {
  /** Rows of cells as Excel returns them ("" for blanks), hidden rows included. */
  values: Cell[][];
  /** Address with the sheet, e.g. "Sales!A1:I9995". */
  address: string;
  sheet: string;
  /** Sheet row number (1-based) of the first row. */
  firstRow: number;
  /** Column index (0-based) of the first column. */
  firstColumn: number;
  rowCount: number;
  columnCount: number;
  /** What was read: the selection as it is, the table around the selected cell, or the region around it. */
  origin: 'selection' | 'table' | 'region';
  /** Sheet rows (1-based) of the range that are hidden by hand or by a filter, in order. */
  hiddenRows: number[];
  /** Sheet rows (1-based) of table totals rows inside the range: never data (a "Total" is no client). */
  totalsRows: number[];
  /** The workbook's date system as Excel reports it, or null when it could not be asked. */
  dateSystem: 1900 | 1904 | null;
  /** Day/month order of the regional format (Application.cultureInfo), or null where the host does not say. */
  dateOrder: SlashOrder | null;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Largest response per sync, transport bytes (default {@link MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
}

const RANGE_PROPS = 'address,rowIndex,columnIndex,rowCount,columnCount,cellCount';
/** Rows read first to measure how large a row is before sizing the chunks. */
const SAMPLE_ROWS = 50;
/** Rows per request when asking Excel which rows are visible (at most 5,000 areas of visible cells each). */
const VISIBILITY_ROWS = 10_000;

interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const boxOf = (r: Excel.Range): Box => ({ row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount });

/** The intersection of two blocks, or null when they do not meet. */
export function intersectBoxes(a: Box, b: Box): Box | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  return rowEnd > row && colEnd > col ? { row, col, rows: rowEnd - row, cols: colEnd - col } : null;
}

/**
 * The day/month order of a short date pattern ("dd.MM.yyyy" dmy, "M/d/yyyy" mdy), or null when it
 * has neither (CultureInfo.datetimeFormat.shortDatePattern, ExcelApi 1.12).
 */
export function slashOrderOfPattern(pattern: string | null | undefined): SlashOrder | null {
  if (!pattern) return null;
  const d = pattern.indexOf('d');
  const m = pattern.indexOf('M');
  if (d < 0 || m < 0) return null;
  return d < m ? 'dmy' : 'mdy';
}

/**
 * Zero-based sheet rows covered by a RangeAreas address ("Sales!A2:F9,Sales!A12:F40"; RangeAreas.address
 * names the sheet before each block), read from each "!A2:F9" so a sheet name with a comma does no harm.
 */
export function rowsOfAreas(address: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of address.matchAll(/!\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?/gi)) {
    const r1 = +m[1] - 1;
    const r2 = m[2] ? +m[2] - 1 : r1;
    out.push([Math.min(r1, r2), Math.max(r1, r2)]);
  }
  return out;
}

/**
 * What the workbook says of its dates: the date system (Workbook.functions.date(2000, 1, 1), ExcelApi
 * 1.2: DATE "interprets the year argument according to the date system", so it is 36526 in the 1900
 * system and 35064 in the 1904 one) and the regional format's day/month order (Application.cultureInfo,
 * 1.11; its short date pattern, 1.12). Asked in a request of its own: a host that refuses gives nulls.
 */
async function readDateFacts(host: ExcelHost, context: Excel.RequestContext): Promise<Pick<SourceRange, 'dateSystem' | 'dateOrder'>> {
  const y2000 = context.workbook.functions.date(2000, 1, 1);
  y2000.load('value');
  const culture = supportsExcelApi(host, EXCEL_API.cultureName) ? context.workbook.application.cultureInfo : null;
  culture?.load('name');
  const pattern = culture && supportsExcelApi(host, EXCEL_API.datePattern) ? culture.datetimeFormat : null;
  pattern?.load('shortDatePattern');
  try {
    await context.sync();
  } catch {
    return { dateSystem: null, dateOrder: null };
  }
  const dateSystem = y2000.value === 36526 ? 1900 : y2000.value === 35064 ? 1904 : null;
  const dateOrder = slashOrderOfPattern(pattern?.shortDatePattern) ?? (culture?.name ? slashOrderOfLocale(culture.name) : null);
  return { dateSystem, dateOrder };
}

/** The block to read: the selection, or for one cell the table around it (header and data body) or its region. */
interface Target {
  box: Box;
  origin: SourceRange['origin'];
  /** Zero-based sheet rows of table totals rows inside the block. */
  totals: number[];
}

async function findTarget(context: Excel.RequestContext, selected: Excel.Range): Promise<Target> {
  const one = selected.cellCount === 1;
  const region = one ? selected.getSurroundingRegion().load(RANGE_PROPS) : null;
  // Range.getTables (1.9): the tables that overlap the selection, with their totals rows
  const tables = selected.getTables(false);
  tables.load('items/name,items/showTotals,items/showHeaders');
  await context.sync();
  const parts = tables.items.map((t) => ({
    t,
    // a table can hide its header row (Table.showHeaders): then its data body is all there is
    header: t.showHeaders ? t.getHeaderRowRange().load(RANGE_PROPS) : null,
    body: t.getDataBodyRange().load(RANGE_PROPS),
    totals: t.showTotals ? t.getTotalRowRange().load('rowIndex') : null,
  }));
  if (parts.length) await context.sync();
  const totals = parts.flatMap((p) => (p.totals ? [p.totals.rowIndex] : []));
  if (one && parts.length) {
    // the table's header and data body: Table.getRange() would include the totals row
    const { header, body } = parts[0];
    const top = header ?? body;
    return { box: { row: top.rowIndex, col: top.columnIndex, rows: body.rowIndex + body.rowCount - top.rowIndex, cols: top.columnCount }, origin: 'table', totals: [] };
  }
  if (region) return { box: boxOf(region), origin: 'region', totals };
  return { box: boxOf(selected), origin: 'selection', totals };
}

/** Sheet rows (zero-based) of `box` that are hidden, asking Excel for the visible cells in blocks. */
async function hiddenRowsOf(context: Excel.RequestContext, sheet: Excel.Worksheet, box: Box, signal?: AbortSignal): Promise<number[]> {
  const hidden: number[] = [];
  for (let done = 0; done < box.rows; done += VISIBILITY_ROWS) {
    checkAborted(signal);
    const n = Math.min(VISIBILITY_ROWS, box.rows - done);
    // Range.getSpecialCellsOrNullObject("Visible") (1.9): the cells of the rows not hidden, as areas
    const visible = sheet.getRangeByIndexes(box.row + done, box.col, n, box.cols).getSpecialCellsOrNullObject('Visible' as Excel.SpecialCellType.visible);
    visible.load('isNullObject,address');
    await context.sync();
    const shown = new Uint8Array(n);
    if (!visible.isNullObject) for (const [a, b] of rowsOfAreas(visible.address)) for (let r = Math.max(a, box.row + done); r <= Math.min(b, box.row + done + n - 1); r++) shown[r - box.row - done] = 1;
    shown.forEach((v, i) => v === 0 && hidden.push(box.row + done + i));
  }
  return hidden;
}

/**
 * Reads `rows` x `cols` values from (row0, col0) in chunks whose response stays under `maxBytes`: a
 * small first read measures a row, the rest is sized from it (and at most {@link MAX_READ_ROWS} rows
 * and {@link MAX_READ_CELLS} cells), and a chunk Excel refuses as too large is read again in halves.
 * @throws PaneError `tooLarge` when a single row is more than Excel on the web can send.
 */
async function readValues(context: Excel.RequestContext, sheet: Excel.Worksheet, box: Box, maxBytes: number, options: ReadOptions): Promise<Cell[][]> {
  const values: Cell[][] = [];
  const cap = Math.max(1, Math.min(MAX_READ_ROWS, Math.floor(MAX_READ_CELLS / box.cols)));
  let chunk = Math.min(box.rows, SAMPLE_ROWS, cap);
  for (let done = 0; done < box.rows; ) {
    checkAborted(options.signal);
    const n = Math.min(chunk, box.rows - done);
    const part = sheet.getRangeByIndexes(box.row + done, box.col, n, box.cols);
    part.load('values');
    let got: Cell[][] | null;
    try {
      await context.sync();
      got = part.values as Cell[][] | null;
    } catch (e) {
      if (!isSizeRejection(e)) throw e;
      got = null;
    }
    if (!got) {
      // refused (or null, as Excel answers a read it finds too large): read the chunk in halves
      if (n === 1) {
        throw new PaneError('tooLarge', `row ${box.row + done + 1} alone holds more than Excel can send at once (5 MB): shorten its text, or select fewer columns`, { row: box.row + done + 1 });
      }
      chunk = Math.ceil(n / 2);
      continue;
    }
    for (const line of got) values.push(line);
    // the largest of up to 200 rows spread over the chunk (measuring every row would cost a JSON per row)
    let largest = 1;
    const step = Math.max(1, Math.floor(got.length / 200));
    for (let i = 0; i < got.length; i += step) largest = Math.max(largest, payloadBytes(got[i]));
    // the next chunks: as many rows of the largest size seen as fit, with room for longer ones
    chunk = Math.max(1, Math.min(cap, Math.floor(maxBytes / (largest * 1.5))));
    done += n;
    options.onProgress?.(done / box.rows);
  }
  return values;
}

/**
 * Reads the selection: the selected range, or when one cell is selected, the Excel table it is in
 * (its header row and data body, never its totals row) or else the region around it. The range is
 * cut to the sheet's used range, so a whole-column selection such as A:I reads the rows in use. Rows
 * are read in chunks sized from the data so no response passes Excel on the web's 5 MB; hidden and
 * filtered rows are listed so the pane can ask whether to use them; the workbook's date system and the
 * regional date order are read too. The range is only read, never changed.
 *
 * Office.js used: Workbook.getSelectedRanges (1.9) and getSelectedRange (1.1), Worksheet.getUsedRangeOrNullObject
 * (1.4), Range.getSurroundingRegion (1.7), Range.getTables and Table.getHeaderRowRange / getDataBodyRange /
 * getTotalRowRange (1.9 / 1.1), Range.rowHidden (1.2), Range.getSpecialCellsOrNullObject (1.9),
 * Workbook.functions.date (1.2), Application.cultureInfo (1.11, 1.12).
 * @throws PaneError `notCells` (a chart or shape is selected), `multipleAreas`, `noSelection`,
 *   `emptySelection`, `tooLarge`.
 */
export async function readSelection(host: ExcelHost, options: ReadOptions = {}): Promise<SourceRange> {
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  return host.run(async (context) => {
    const areas = context.workbook.getSelectedRanges();
    areas.load('areaCount');
    try {
      await context.sync();
    } catch (e) {
      throw new PaneError('notCells', 'no cells are selected (a chart or a shape is): click a cell of the sales table, then try again', { detail: String((e as Error).message ?? e) });
    }
    if (areas.areaCount > 1) {
      throw new PaneError('multipleAreas', `${areas.areaCount} separate blocks are selected: select one block (the sales table), or one cell inside it`, { areas: areas.areaCount });
    }
    let selected: Excel.Range;
    let used: Excel.Range;
    try {
      selected = context.workbook.getSelectedRange();
      selected.load(RANGE_PROPS);
      selected.worksheet.load('name');
      used = selected.worksheet.getUsedRangeOrNullObject(true);
      used.load(`isNullObject,${RANGE_PROPS}`);
      await context.sync();
    } catch (e) {
      throw new PaneError('noSelection', 'nothing is selected: click a cell of the sales table, then try again', { detail: String((e as Error).message ?? e) });
    }
    const empty = () => new PaneError('emptySelection', 'the selection is empty: select the sales table (with its header row), or one cell inside it');
    if (used.isNullObject) throw empty();
    const target = await findTarget(context, selected);
    const box = intersectBoxes(target.box, boxOf(used));
    if (!box) throw empty();
    const sheetName = selected.worksheet.name;
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const whole = sheet.getRangeByIndexes(box.row, box.col, box.rows, box.cols);
    // Range.rowHidden: false when no row is hidden (the usual case needs no more requests)
    whole.load('address,rowHidden');
    await context.sync();
    const hidden = whole.rowHidden === false ? [] : await hiddenRowsOf(context, sheet, box, options.signal);
    const values = await readValues(context, sheet, box, maxBytes, options);
    if (values.every((line) => line.every((c) => c === '' || c === null || c === undefined))) throw empty();
    const facts = await readDateFacts(host, context);
    const inBox = (r: number) => r >= box.row && r < box.row + box.rows;
    return {
      values,
      address: whole.address,
      sheet: sheetName,
      firstRow: box.row + 1,
      firstColumn: box.col,
      rowCount: box.rows,
      columnCount: box.cols,
      origin: target.origin,
      hiddenRows: hidden.map((r) => r + 1),
      totalsRows: target.totals.filter(inBox).map((r) => r + 1),
      ...facts,
    };
  });
}
