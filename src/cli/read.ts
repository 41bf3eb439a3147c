import * as fs from 'fs';
import * as path from 'path';
import { columnLetter, type Cell } from '../core';
import type { RangeRef } from './args';
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

function noData(file: string, sheet: string | undefined, range?: RangeRef, csv = false): Error {
  if (range) return inputError(`the range ${rangeText(range)}${sheet ? ` of sheet '${sheet}'` : ''} in ${path.basename(file)} is empty`);
  if (csv) return inputError(`${path.basename(file)} is empty: no cell has a value`);
  return inputError(sheet ? `sheet '${sheet}' of ${path.basename(file)} is empty` : `${path.basename(file)} has no data on any sheet`);
}

function rangeText(r: RangeRef): string {
  return `${columnLetter(r.firstColumn)}${r.firstRow}:${columnLetter(r.lastColumn)}${r.lastRow}`;
}

/**
 * Reads a CSV file: UTF-8 with or without a BOM, delimiter `,` `;` or tab detected from the first
 * line, quotes as in RFC 4180. Every cell stays a string (the engine parses "1 234,56" and dates).
 * @throws CliError (input) when the file is not UTF-8 (e.g. Windows-1251) or is empty.
 */
export function readCsv(file: string, options: ReadOptions = {}): InputTable {
  const buf = fs.readFileSync(file, { flag: 'r' });
  const text = decodeUtf8(buf, file);
  const rows = parseCsv(text);
  const name = path.basename(file);
  options.onProgress?.(1);
  const range = options.range;
  let cells: Cell[][] = rows;
  let firstRow = 1;
  let firstColumn = 0;
  if (range) {
    cells = rows.slice(range.firstRow - 1, range.lastRow).map((r) => r.slice(range.firstColumn, range.lastColumn + 1));
    firstRow = range.firstRow;
    firstColumn = range.firstColumn;
  }
  while (cells.length && cells[cells.length - 1].every((c) => c === '')) cells.pop();
  if (!cells.some((r) => r.some((c) => c !== ''))) throw noData(file, undefined, range, true);
  return { cells, firstRow, firstColumn, sheet: name, notes: [] };
}

/** UTF-8 text of a file, without its BOM. @throws CliError when the bytes are not UTF-8. */
export function decodeUtf8(buf: Buffer, file: string): string {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw inputError(`${path.basename(file)} is UTF-16 text; save it as "CSV UTF-8" and try again`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    let line = 1;
    for (let start = 0; start < buf.length; line++) {
      let end = buf.indexOf(0x0a, start);
      if (end < 0) end = buf.length;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, end));
      } catch {
        break;
      }
      start = end + 1;
    }
    throw inputError(`${path.basename(file)} is not UTF-8 text (first bad byte on line ${line}; Windows-1251 or another code page?): save it as "CSV UTF-8" and try again`);
  }
}

/** The delimiter of a CSV text: the most frequent of , ; tab outside quotes on the first non-empty line (comma on a tie). */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    if (inQuotes) continue;
    if (ch === '\n' || ch === '\r') {
      if (started) break;
      continue;
    }
    started = true;
    if (ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Parses CSV text (RFC 4180 quotes, CRLF or LF) into rows of strings. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */ && field === '') {
      // quoted field
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      // anything after the closing quote up to the delimiter is kept as typed
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        j++;
      }
      field = value + text.slice(i, j);
      i = j;
      if (field === '') field = '\u0000'; // a quoted empty field: remember it is a field
      continue;
    }
    if (ch === d) {
      row.push(field === '\u0000' ? '' : field);
      field = '';
      i++;
    } else if (ch === 10 || ch === 13) {
      row.push(field === '\u0000' ? '' : field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || row.length) {
    row.push(field === '\u0000' ? '' : field);
    rows.push(row);
  }
  return rows;
}
