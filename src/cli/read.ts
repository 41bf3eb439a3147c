import * as fs from 'fs';
import * as path from 'path';
import { HEADER_SEARCH_ROWS, isBlank, type Cell } from '../core';
import type { RangeRef } from './args';
import { readCsv, type CsvFormat, type Encoding } from './csv';
import { inputError } from './exit';
import { readXlsx } from './xlsx/reader';

/** What the engine needs from an input file: the cells as Excel hands them, and where they sit. */
export interface InputTable {
  /** Rows of cells (numbers, strings, booleans, "" for blanks), the range's first row first. */
  cells: Cell[][];
  /** Sheet row number of cells[0] (1-based). */
  firstRow: number;
  /** Sheet column of cells[r][0] (0-based). */
  firstColumn: number;
  /** A CSV's delimiter and encoding: each row of cells then holds exactly the fields of its line. */
  csv?: CsvFormat;
  /** File line of each row of cells, when it is not firstRow + index (a CSV whose quoted values run over lines). */
  rowNumbers?: Int32Array;
  /** Sheet name, or the file name for a CSV. */
  sheet: string;
  /** Where the cells were read, as Excel writes a reference: "Sales!A4:E1200", "'Q1 sales'!B2:F90" (workbooks only). */
  address?: string;
  /** Things the user should know about the reading (e.g. formula errors read without their code). */
  notes: string[];
  /** Cells (row, column indexes into cells) whose formula is SUM, SUBTOTAL or AGGREGATE: a totals row's amount. */
  sumFormulaCells?: Array<[number, number]>;
}

export interface ReadOptions {
  sheet?: string;
  range?: RangeRef;
  /**
   * Without `sheet`, a workbook's first visible sheet with a row among its first non-empty rows that
   * passes this test is read (else the first visible sheet with data). Default: a sales header, where
   * the core finds a client and an amount column.
   */
  tableHeader?: (row: readonly Cell[]) => boolean;
  /** Encoding of a CSV file (--encoding); detected when omitted. */
  encoding?: Encoding;
  /** Progress of the reading, 0..1 (by bytes of the file). */
  onProgress?: (fraction: number) => void;
}

function extensionOf(file: string): string {
  return path.extname(file).toLowerCase();
}

/**
 * Reads the input file into cells. The file is opened read-only and never written.
 * @throws CliError (input) for a missing or unreadable file, an unknown format, a missing sheet, no data.
 */
export async function readInput(file: string, options: ReadOptions = {}): Promise<InputTable> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code ?? String(e)}`);
  }
  if (stat.isDirectory()) throw inputError(`${file} is a folder, not a file`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw inputError(`cannot read ${file}: permission denied`);
  }
  const ext = extensionOf(file);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsv(file, options);
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(file, options);
  if (ext === '.xls' || ext === '.xlsb' || ext === '.ods') throw inputError(`${path.basename(file)}: ${ext} files are not supported; save it as .xlsx or .csv`);
  throw inputError(`${path.basename(file)}: unknown file type '${ext || '(none)'}'; give an .xlsx or .csv file`);
}

/**
 * The index of the header row among the cells: the first of the first {@link HEADER_SEARCH_ROWS}
 * non-empty rows that passes `isHeader` (given the row and the next non-empty row), as the sales
 * reader looks for its header below a title block; -1 when none does.
 * @example headerRowIndex([['Leads Q3'], [], ['Lead', 'Brand'], ['Acme', 4]], (row) => row.length > 1) // 2
 */
export function headerRowIndex(cells: readonly (readonly Cell[])[], isHeader: (row: readonly Cell[], next: readonly Cell[] | undefined) => boolean): number {
  const filled = (r: number) => !(cells[r] ?? []).every(isBlank);
  const nextFilled = (r: number) => {
    for (let j = r + 1; j < cells.length; j++) if (filled(j)) return cells[j];
    return undefined;
  };
  for (let r = 0, seen = 0; r < cells.length && seen < HEADER_SEARCH_ROWS; r++) {
    if (!filled(r)) continue;
    seen++;
    if (isHeader(cells[r], nextFilled(r))) return r;
  }
  return -1;
}

/**
 * The table from its header row ({@link headerRowIndex}), so that a title block above the header is
 * left out; the table as it is when no row passes (the caller's message then names the first row).
 * Row numbers stay the sheet's (or the file's lines).
 * @example fromHeaderRow({ cells: [['Leads Q3'], [], ['Lead', 'Brand'], ['Acme', 4]], firstRow: 1, ... }, test).firstRow // 3
 */
export function fromHeaderRow(table: InputTable, isHeader: (row: readonly Cell[], next: readonly Cell[] | undefined) => boolean): InputTable {
  const r = headerRowIndex(table.cells, isHeader);
  if (r <= 0) return table;
  const firstRow = table.rowNumbers ? table.rowNumbers[r] : table.firstRow + r;
  const moved: InputTable = { ...table, cells: table.cells.slice(r), firstRow };
  if (table.rowNumbers) moved.rowNumbers = table.rowNumbers.slice(r);
  if (table.sumFormulaCells) moved.sumFormulaCells = table.sumFormulaCells.filter(([i]) => i >= r).map(([i, j]) => [i - r, j]);
  return moved;
}
