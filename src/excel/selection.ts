import type { Cell } from '../core';
import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';
import { EXCEL_API, jsonBytes, supportsExcelApi } from './requirements';

/** The source range as read from the workbook. */
export interface SourceRange {
  /** Rows of cells as Excel returns them ("" for blanks). */
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
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Largest response per sync, bytes (default 3.5 MB, under Excel on the web's 5 MB). */
  maxResponseBytes?: number;
}

const FIRST_CHUNK_ROWS = 2000;
const RANGE_PROPS = 'address,rowIndex,columnIndex,rowCount,columnCount,cellCount';

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

const contains = (b: Box, row: number, col: number): boolean => row >= b.row && row < b.row + b.rows && col >= b.col && col < b.col + b.cols;

/**
 * Reads the selection: the selected range, or when one cell is selected, the table it is in or else
 * the region around it (bounded by empty rows and columns). The range is cut to the sheet's used
 * range (the cells with values), so a whole-column selection such as A:I reads the rows in use, not
 * 1,048,576 rows. Large ranges are read in row chunks so no response exceeds the payload limit. The
 * range is only read, never changed.
 *
 * Office.js used: Workbook.getSelectedRange (1.1), Worksheet.getUsedRangeOrNullObject(true) (1.4),
 * Range.getSurroundingRegion and Worksheet.getRangeByIndexes (1.7), Range.getTables (1.9; below it,
 * the ranges of the sheet's tables are compared with the cell).
 * @throws PaneError `noSelection`, `emptySelection`.
 */
export async function readSelection(host: ExcelHost, options: ReadOptions = {}): Promise<SourceRange> {
  const maxBytes = options.maxResponseBytes ?? 3_500_000;
  const canScopedTables = supportsExcelApi(host, EXCEL_API.tablesAtRange);
  return host.run(async (context) => {
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
    const usedBox = boxOf(used);
    let targetBox: Box = boxOf(selected);
    if (selected.cellCount === 1) {
      const region = selected.getSurroundingRegion();
      region.load(RANGE_PROPS);
      const scoped = canScopedTables ? selected.getTables(false) : null;
      scoped?.load('items/name');
      const sheetTables = canScopedTables ? null : selected.worksheet.tables;
      sheetTables?.load('items/name');
      await context.sync();
      // the table around the cell: the first of Range.getTables, or else the sheet's table whose range holds it
      const tableRanges = scoped ? scoped.items.slice(0, 1).map((t) => t.getRange().load(RANGE_PROPS)) : (sheetTables?.items ?? []).map((t) => t.getRange().load(RANGE_PROPS));
      if (tableRanges.length > 0) await context.sync();
      const table = tableRanges.find((r) => contains(boxOf(r), selected.rowIndex, selected.columnIndex));
      targetBox = boxOf(table ?? region);
    }
    const box = intersectBoxes(targetBox, usedBox);
    if (!box) throw empty();
    const sheetName = selected.worksheet.name;
    const { rows, cols, row: row0, col: col0 } = box;
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const whole = sheet.getRangeByIndexes(row0, col0, rows, cols);
    whole.load('address');
    const values: Cell[][] = [];
    let chunk = Math.min(rows, FIRST_CHUNK_ROWS);
    for (let done = 0; done < rows; ) {
      checkAborted(options.signal);
      const n = Math.min(chunk, rows - done);
      const part = sheet.getRangeByIndexes(row0 + done, col0, n, cols);
      part.load('values');
      await context.sync();
      const got = part.values as Cell[][];
      for (const line of got) values.push(line);
      if (done === 0) {
        const perRow = Math.max(1, jsonBytes(got) / n);
        chunk = Math.max(1, Math.floor((maxBytes * 0.9) / perRow));
      }
      done += n;
      options.onProgress?.(done / rows);
    }
    if (values.every((line) => line.every((c) => c === '' || c === null || c === undefined))) throw empty();
    return { values, address: whole.address, sheet: sheetName, firstRow: row0 + 1, firstColumn: col0, rowCount: rows, columnCount: cols };
  });
}
