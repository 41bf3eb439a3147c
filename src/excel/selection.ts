import type { Cell } from '../core';
import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';

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

/**
 * Reads the selection: the selected range, or when one cell is selected, the table it is in or else
 * the region around it (bounded by empty rows and columns). Large ranges are read in row chunks so no
 * response exceeds the payload limit. The range is only read, never changed.
 * @throws PaneError `noSelection`, `emptySelection`.
 */
export async function readSelection(host: ExcelHost, options: ReadOptions = {}): Promise<SourceRange> {
  const maxBytes = options.maxResponseBytes ?? 3_500_000;
  const canTables = host.isSetSupported('ExcelApi', '1.9');
  return host.run(async (context) => {
    let selected: Excel.Range;
    try {
      selected = context.workbook.getSelectedRange();
      selected.load('address,rowIndex,columnIndex,rowCount,columnCount,cellCount');
      selected.worksheet.load('name');
      await context.sync();
    } catch (e) {
      throw new PaneError('noSelection', 'nothing is selected: click a cell of the sales table, then try again', { detail: String((e as Error).message ?? e) });
    }
    let target = selected;
    if (selected.cellCount === 1) {
      const scoped = canTables ? selected.getTables(false) : null;
      scoped?.load('items/name');
      const region = selected.getSurroundingRegion();
      region.load('address,rowIndex,columnIndex,rowCount,columnCount,cellCount');
      await context.sync();
      if (scoped && scoped.items.length > 0) {
        target = scoped.items[0].getRange();
        target.load('address,rowIndex,columnIndex,rowCount,columnCount,cellCount');
        await context.sync();
      } else {
        target = region;
      }
    }
    const sheetName = selected.worksheet.name;
    const rows = target.rowCount;
    const cols = target.columnCount;
    const row0 = target.rowIndex;
    const col0 = target.columnIndex;
    const sheet = context.workbook.worksheets.getItem(sheetName);
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
        const perRow = Math.max(1, JSON.stringify(got).length / n);
        chunk = Math.max(1, Math.floor((maxBytes * 0.9) / perRow));
      }
      done += n;
      options.onProgress?.(done / rows);
    }
    if (values.every((line) => line.every((c) => c === '' || c === null || c === undefined))) {
      throw new PaneError('emptySelection', 'the selection is empty: select the sales table (with its header row), or one cell inside it');
    }
    return { values, address: target.address, sheet: sheetName, firstRow: row0 + 1, firstColumn: col0, rowCount: rows, columnCount: cols };
  });
}
