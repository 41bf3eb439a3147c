import * as fs from 'fs';
import * as path from 'path';
import { Transform } from 'stream';
import ExcelJS from 'exceljs';
import { columnLetter, type Cell } from '../core';
import type { RangeRef } from './args';
import { CliError, inputError } from './exit';

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
  /** Things the user should know about the reading (e.g. formula errors read without their code). */
  notes: string[];
}

export interface ReadOptions {
  sheet?: string;
  range?: RangeRef;
  /** Progress of the reading, 0..1 (by bytes of the file). */
  onProgress?: (fraction: number) => void;
}

/** Days between 1899-12-30 (Excel serial 0 in the 1900 system, phantom leap day included) and 1970-01-01. */
const EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;

/** An Excel serial number (1900 system) of a JS Date that exceljs made from a date cell (UTC). */
export function dateToSerial(d: Date): number {
  return d.getTime() / MS_PER_DAY + EPOCH_SERIAL;
}

/** Formula cells whose cached result the streaming reader could not keep (an error result). */
const LOST_ERROR = Symbol('lost formula error');

/**
 * A cell value of exceljs as Excel would hand it to an add-in: numbers, strings, booleans, "" for a
 * blank; dates as serial numbers; formulas as their cached result; errors as their text ("#N/A");
 * rich text and hyperlinks as their plain text.
 */
export function cellValue(v: unknown, streaming = false): Cell | typeof LOST_ERROR {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : '#NUM!';
    case 'string':
    case 'boolean':
      return v;
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '#VALUE!' : dateToSerial(v);
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return o.error;
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) {
    const r = o.result;
    // The streaming reader drops an error result (and reads other non-string results as numbers):
    // a formula without a result there may be an error.
    if ((typeof r === 'number' && Number.isNaN(r)) || (streaming && r === undefined)) return LOST_ERROR;
    return r === undefined ? '' : (cellValue(r) as Cell);
  }
  if ('text' in o) return cellValue(o.text);
  if ('sharedString' in o) return '';
  return String(v);
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
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(file, stat.size, options);
  if (ext === '.xls' || ext === '.xlsb' || ext === '.ods') throw inputError(`${path.basename(file)}: ${ext} files are not supported; save it as .xlsx or .csv`);
  throw inputError(`${path.basename(file)}: unknown file type '${ext || '(none)'}'; give an .xlsx or .csv file`);
}

/** Files up to this size are re-read with the full reader when a formula's error result was lost. */
const FULL_READ_LIMIT = 32 * 1024 * 1024;

async function readXlsx(file: string, size: number, options: ReadOptions): Promise<InputTable> {
  const unreadable = (e: unknown): unknown =>
    e instanceof CliError
      ? e
      : inputError(`cannot read ${path.basename(file)} as an .xlsx workbook: ${String((e as Error).message ?? e).split('\n')[0]}`);
  let streamed: { table: InputTable; lost: number } | null = null;
  try {
    streamed = await readXlsxStreaming(file, size, options);
  } catch (e) {
    // exceljs's streaming reader now and then fails on a valid file ("reading 'sheets'", exceljs
    // issue #962) where the full reader does not: a file small enough gets that second chance
    if (e instanceof CliError || size > FULL_READ_LIMIT) throw unreadable(e);
  }
  if (streamed && streamed.lost === 0) return streamed.table;
  if (size <= FULL_READ_LIMIT) {
    try {
      return await readXlsxFull(file, options);
    } catch (e) {
      throw unreadable(e);
    }
  }
  const { table, lost } = streamed!;
  table.notes.push(`${lost} formula cell(s) have an error or no saved result; read as #VALUE! (a file this large is read without their exact value)`);
  return table;
}

/** Collects rows (by sheet row number) into a rectangle: the range, or the used range. */
class RowCollector {
  private rows: Cell[][] = [];
  private rowNumbers: number[] = [];
  private minCol = Infinity;
  private maxCol = -1;
  lost = 0;
  constructor(private readonly range: RangeRef | undefined, private readonly streaming: boolean) {}

  /** Adds sheet row `number` from exceljs's 1-based `values`; returns false once past the range. */
  add(number: number, values: readonly unknown[]): boolean {
    const range = this.range;
    if (range && number > range.lastRow) return false;
    if (range && number < range.firstRow) return true;
    const from = range ? range.firstColumn + 1 : 1;
    const to = range ? Math.min(range.lastColumn + 1, values.length - 1) : values.length - 1;
    const row: Cell[] = [];
    let any = false;
    let first = -1;
    let last = -1;
    for (let c = from; c <= to; c++) {
      let v = cellValue(values[c], this.streaming);
      if (v === LOST_ERROR) {
        this.lost++;
        v = '#VALUE!';
      }
      row.push(v);
      if (v !== '') {
        any = true;
        if (first < 0) first = c - 1;
        last = c - 1;
      }
    }
    if (!any) return true;
    if (first < this.minCol) this.minCol = first;
    if (last > this.maxCol) this.maxCol = last;
    this.rows.push(row);
    this.rowNumbers.push(number);
    return true;
  }

  get empty(): boolean {
    return this.rows.length === 0;
  }

  /** The rectangle: empty rows between data rows kept (as blank rows) so row numbers stay right. */
  table(sheet: string): InputTable {
    const range = this.range;
    const firstRow = range ? range.firstRow : this.rowNumbers[0] ?? 1;
    const lastRow = range ? Math.min(range.lastRow, this.rowNumbers[this.rowNumbers.length - 1] ?? firstRow) : this.rowNumbers[this.rowNumbers.length - 1] ?? 1;
    const firstColumn = range ? range.firstColumn : Math.max(0, this.minCol);
    const width = range ? range.lastColumn - range.firstColumn + 1 : this.maxCol - firstColumn + 1;
    const shift = range ? 0 : firstColumn; // rows were read from column A
    const cells: Cell[][] = new Array(Math.max(0, lastRow - firstRow + 1));
    const blank: Cell[] = [];
    cells.fill(blank);
    for (let i = 0; i < this.rows.length; i++) {
      let row = this.rows[i];
      if (shift) row = row.slice(shift);
      if (range && row.length > width) row.length = width;
      cells[this.rowNumbers[i] - firstRow] = row;
    }
    return { cells, firstRow, firstColumn, sheet, notes: [] };
  }
}

function noSheet(file: string, wanted: string, names: string[]): Error {
  return inputError(`${path.basename(file)} has no sheet '${wanted}'${names.length ? ` (sheets: ${names.join(', ')})` : ''}`);
}

function noData(file: string, sheet: string | undefined, range?: RangeRef, csv = false): Error {
  if (range) return inputError(`the range ${rangeText(range)}${sheet ? ` of sheet '${sheet}'` : ''} in ${path.basename(file)} is empty`);
  if (csv) return inputError(`${path.basename(file)} is empty: no cell has a value`);
  return inputError(sheet ? `sheet '${sheet}' of ${path.basename(file)} is empty` : `${path.basename(file)} has no data on any sheet`);
}

function rangeText(r: RangeRef): string {
  return `${columnLetter(r.firstColumn)}${r.firstRow}:${columnLetter(r.lastColumn)}${r.lastRow}`;
}

/** exceljs's streaming reader: about 430 MB and 9 s for 1,048,576 rows x 5 columns (the full reader: 2.9 GB, 34 s). */
async function readXlsxStreaming(file: string, size: number, options: ReadOptions): Promise<{ table: InputTable; lost: number }> {
  const source = fs.createReadStream(file, { flags: 'r' });
  let bytes = 0;
  let reported = 0;
  const onProgress = options.onProgress;
  // counts the bytes going to the reader, for progress by bytes of the file
  const stream = source.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        const f = size ? bytes / size : 1;
        if (onProgress && f - reported >= 0.01) {
          reported = f;
          onProgress(Math.min(1, f));
        }
        done(null, chunk);
      },
    }),
  );
  source.on('error', (e) => stream.destroy(e));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const names: string[] = [];
  const wanted = options.sheet?.toLowerCase();
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name?: string };
      const name = sheet.name ?? `Sheet${names.length + 1}`;
      names.push(name);
      if (wanted !== undefined && name.toLowerCase() !== wanted) {
        for await (const _ of sheet) void _; // drain: the zip entry must be read to reach the next sheet
        continue;
      }
      const rows = new RowCollector(options.range, true);
      for await (const row of sheet) {
        if (!rows.add(row.number, row.values)) break;
      }
      if (rows.empty) {
        if (wanted !== undefined) throw noData(file, name, options.range);
        continue; // the first sheet with data
      }
      options.onProgress?.(1);
      return { table: rows.table(name), lost: rows.lost };
    }
  } finally {
    source.destroy();
    stream.destroy();
  }
  if (wanted !== undefined) throw noSheet(file, options.sheet!, names);
  throw noData(file, undefined, options.range);
}

/** exceljs's full reader: keeps the error code of formula results; used for small files only. */
async function readXlsxFull(file: string, options: ReadOptions): Promise<InputTable> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(fs.createReadStream(file, { flags: 'r' }));
  const wanted = options.sheet?.toLowerCase();
  const sheets = wanted === undefined ? wb.worksheets : wb.worksheets.filter((w) => w.name.toLowerCase() === wanted);
  if (wanted !== undefined && !sheets.length) throw noSheet(file, options.sheet!, wb.worksheets.map((w) => w.name));
  for (const ws of sheets) {
    const rows = new RowCollector(options.range, false);
    let done = false;
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      if (!done && !rows.add(number, row.values as unknown[])) done = true;
    });
    if (!rows.empty) return rows.table(ws.name);
    if (wanted !== undefined) throw noData(file, ws.name, options.range);
  }
  throw noData(file, undefined, options.range);
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
