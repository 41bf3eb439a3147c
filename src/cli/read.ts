import * as fs from 'fs';
import * as path from 'path';
import { Transform } from 'stream';
import ExcelJS from 'exceljs';
import { columnLetter, type Cell } from '../core';
import type { RangeRef } from './args';
import { readCsv, type CsvFormat, type Encoding } from './csv';
import { CliError, inputError } from './exit';

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
  /** Things the user should know about the reading (e.g. formula errors read without their code). */
  notes: string[];
  /** Cells (row, column indexes into cells) whose formula is SUM, SUBTOTAL or AGGREGATE: a totals row's amount. */
  sumFormulaCells?: Array<[number, number]>;
}

export interface ReadOptions {
  sheet?: string;
  range?: RangeRef;
  /** Encoding of a CSV file (--encoding); detected when omitted. */
  encoding?: Encoding;
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

function noData(file: string, sheet: string | undefined, range?: RangeRef): Error {
  if (range) return inputError(`the range ${rangeText(range)}${sheet ? ` of sheet '${sheet}'` : ''} in ${path.basename(file)} is empty`);
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
