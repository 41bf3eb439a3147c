/**
 * Reads the cells of one sheet of an .xlsx/.xlsm for the command line: which sheet (the one named,
 * else the first visible sheet with a recognisable table), its used range or --range, and what went
 * wrong in words a person can act on (a damaged or password-protected file, an old .xls).
 */
import * as fs from 'fs';
import * as path from 'path';
import { columnLetter, detectColumns, HEADER_SEARCH_ROWS, type Cell } from '../../core';
import type { RangeRef } from '../args';
import { inputError } from '../exit';
import type { InputTable, ReadOptions } from '../read';
import { CFB_SIGNATURE, compoundKind } from './cfb';
import { DAYS_1904, SheetScanner, type RowSink, type SheetContext } from './sheet';
import { readDateStyles, readSharedStrings, readWorkbook, type SheetInfo, type WorkbookInfo } from './workbook';
import { XmlError } from './xml';
import { DamagedError, ZipArchive } from './zip';

/** Non-empty rows of a sheet looked at for a header row before the sheet is passed over: as many as the engine looks at. */
export const HEADER_ROWS = HEADER_SEARCH_ROWS;

/** The default header test: a sales table, where the core finds a client and an amount column. */
export function isSalesHeader(row: readonly Cell[]): boolean {
  const m = detectColumns(row);
  return m.client !== undefined && m.amount !== undefined;
}

/**
 * A sheet name as Excel writes it in a reference: quoted ('Sales 2024'!A1, an apostrophe doubled)
 * unless it is letters, digits, "_" and "." not starting with a digit and not read as a cell
 * reference (A1, R1C1).
 */
export function sheetRef(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]?\d*$|^[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function rangeText(firstColumn: number, firstRow: number, lastColumn: number, lastRow: number): string {
  return `${columnLetter(firstColumn)}${firstRow}:${columnLetter(lastColumn)}${lastRow}`;
}

/** Gathers a sheet's rows into a rectangle (the range, or the used range), probing for a header first. */
class TableCollector implements RowSink {
  private readonly rows: Cell[][] = [];
  private readonly rowNumbers: number[] = [];
  /** Sum formulas by sheet row and column. */
  private readonly sums: Array<[number, number]> = [];
  private minCol = Infinity;
  private maxCol = -1;
  private probed = 0;
  /** The header test, while the first rows are being looked at; null once found (or not asked). */
  private probe: ((row: readonly Cell[]) => boolean) | null;
  /** No header found in the first rows: the sheet was passed over. */
  unrecognised = false;

  constructor(private readonly range: RangeRef | undefined, probe: ((row: readonly Cell[]) => boolean) | null) {
    this.probe = probe;
  }

  row(number: number, cells: Cell[], sums: number[] | null): boolean {
    const range = this.range;
    let from = 0;
    if (range) {
      if (number > range.lastRow) return false;
      if (number < range.firstRow) return true;
      from = range.firstColumn;
      if (cells.length > range.lastColumn + 1) cells.length = range.lastColumn + 1;
    }
    let first = -1;
    let last = -1;
    for (let c = from; c < cells.length; c++) {
      if (cells[c] !== '') {
        if (first < 0) first = c;
        last = c;
      }
    }
    if (first < 0) return true;
    if (this.probe) {
      if (this.probe(from ? cells.slice(from) : cells)) {
        this.probe = null;
      } else if (++this.probed >= HEADER_ROWS) {
        this.unrecognised = true;
        return false;
      }
    }
    if (first < this.minCol) this.minCol = first;
    if (last > this.maxCol) this.maxCol = last;
    this.rows.push(cells);
    this.rowNumbers.push(number);
    if (sums) for (const c of sums) if (c >= from && (!range || c <= range.lastColumn)) this.sums.push([number, c]);
    return true;
  }

  /** Whether the sheet had a non-blank cell (in the range). */
  get hasData(): boolean {
    return this.rows.length > 0;
  }

  /** Rows probed without finding a header, when the sheet ended first (a short sheet). */
  get unprobed(): boolean {
    return this.probe !== null;
  }

  /** The rectangle; blank rows between data rows kept (as blank rows) so row numbers stay right. */
  table(sheet: string): InputTable {
    const range = this.range;
    const numbers = this.rowNumbers;
    const firstRow = range ? range.firstRow : numbers[0];
    const lastRow = range ? Math.min(range.lastRow, numbers[numbers.length - 1]) : numbers[numbers.length - 1];
    const firstColumn = range ? range.firstColumn : this.minCol;
    const lastColumn = range ? range.lastColumn : this.maxCol;
    const cells: Cell[][] = new Array(lastRow - firstRow + 1);
    const blank: Cell[] = [];
    cells.fill(blank);
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      cells[numbers[i] - firstRow] = firstColumn ? row.slice(firstColumn) : row;
    }
    const table: InputTable = {
      cells,
      firstRow,
      firstColumn,
      sheet,
      notes: [],
      address: `${sheetRef(sheet)}!${rangeText(firstColumn, firstRow, lastColumn, lastRow)}`,
    };
    const sums = this.sums.filter(([, c]) => c >= firstColumn && c <= lastColumn).map(([r, c]): [number, number] => [r - firstRow, c - firstColumn]);
    if (sums.length) table.sumFormulaCells = sums;
    return table;
  }
}

/** Throws the right message when the file is not a zip archive (a compound file, text, nothing). */
function checkSignature(file: string, name: string): void {
  const head = Buffer.alloc(8);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, 8, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (n === 0) throw damaged(name);
  if (n === 8 && head.equals(CFB_SIGNATURE)) {
    const kind = compoundKind(file);
    if (kind === 'encrypted') throw inputError(`${name} is protected by a password: save a copy without one (File > Info > Protect Workbook > Encrypt with Password, clear it) and try again`);
    if (kind === 'xls') throw inputError(`${name} is an old Excel 97-2003 workbook (.xls) with an .xlsx name: open it in Excel and save it as .xlsx`);
    throw inputError(`cannot read ${name} as an .xlsx workbook: it is an Office compound file of another kind; save it as .xlsx from Excel`);
  }
  if (head[0] === 0x50 && head[1] === 0x4b) return; // "PK": a zip archive
  const text = head.subarray(0, n).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
  const what = text.startsWith('<') ? 'it is HTML or XML with an .xlsx name' : /^[\x20-\x7e\t\r\n]+$/.test(text) ? 'it is text; if it is CSV, give it a .csv name' : 'it is not a zip archive';
  throw inputError(`cannot read ${name} as an .xlsx workbook: ${what}`);
}

/** The message for a broken file; what was broken is kept in the stack (shown with DEBUG=1). */
function damaged(name: string, cause?: unknown): Error {
  const e = inputError(`${name} is damaged or incomplete: save it again from Excel`);
  if (cause instanceof Error) e.stack = `${e.stack}\nCaused by: ${cause.stack ?? cause.message}`;
  return e;
}

/**
 * Reads the cells of an .xlsx/.xlsm: the sheet named by `options.sheet` (any case), else the first
 * visible sheet whose first {@link HEADER_ROWS} non-empty rows hold a header (`options.tableHeader`,
 * default a sales header), else the first visible sheet with data. The file is opened read-only.
 * @throws CliError (input) for a damaged, password-protected or old-format file, a missing sheet, no data.
 */
export async function readXlsx(file: string, options: ReadOptions): Promise<InputTable> {
  const name = path.basename(file);
  checkSignature(file, name);
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(file);
  } catch (e) {
    if (e instanceof DamagedError) throw damaged(name, e);
    throw e;
  }
  try {
    return await readTable(zip, name, options);
  } catch (e) {
    if (e instanceof DamagedError || e instanceof XmlError) throw damaged(name, e);
    throw e;
  } finally {
    zip.close();
  }
}

async function readTable(zip: ZipArchive, name: string, options: ReadOptions): Promise<InputTable> {
  const book = await readWorkbook(zip);
  const ctx: SheetContext = {
    strings: book.sharedStrings ? await readSharedStrings(zip, book.sharedStrings) : [],
    dateStyles1904: book.date1904 ? await readDateStyles(zip, book.styles) : null,
  };
  const range = options.range;
  const wanted = options.sheet?.toLowerCase();
  if (wanted !== undefined) {
    const sheet = book.sheets.find((s) => s.name.toLowerCase() === wanted);
    if (!sheet) {
      const names = book.sheets.map((s) => (s.hidden ? `${s.name} (hidden)` : s.name));
      throw inputError(`${name} has no sheet '${options.sheet}' (sheets: ${names.join(', ')})`);
    }
    if (!sheet.part) throw inputError(`sheet '${sheet.name}' of ${name} is a chart or macro sheet, not cells: name a worksheet with --sheet`);
    const { rows, shifted } = await readSheet(zip, sheet, ctx, range, null, options.onProgress);
    if (!rows.hasData) throw noData(name, sheet.name, range);
    return finish(rows.table(sheet.name), book, name, shifted, []);
  }

  const header = options.tableHeader ?? isSalesHeader;
  const visible = book.sheets.filter((s) => !s.hidden && s.part);
  let fallback: SheetInfo | null = null;
  const passed: string[] = [];
  for (const sheet of visible) {
    const { rows, shifted } = await readSheet(zip, sheet, ctx, range, header, options.onProgress);
    if (!rows.hasData && !rows.unrecognised) continue;
    if (rows.unrecognised || rows.unprobed) {
      fallback ??= sheet;
      passed.push(sheet.name);
      continue;
    }
    return finish(rows.table(sheet.name), book, name, shifted, passed, hiddenBefore(book, sheet));
  }
  if (fallback) {
    // no sheet is recognisable: the first with data, and the engine says what it misses
    const { rows, shifted } = await readSheet(zip, fallback, ctx, range, null, options.onProgress);
    return finish(rows.table(fallback.name), book, name, shifted, [], hiddenBefore(book, fallback));
  }
  const hidden = book.sheets.filter((s) => s.hidden && s.part).map((s) => `'${s.name}'`);
  if (range) throw noData(name, undefined, range);
  throw inputError(hidden.length ? `${name} has no data on any visible sheet (hidden: ${hidden.join(', ')}; name one with --sheet)` : `${name} has no data on any sheet`);
}

/** Hidden worksheets before `sheet` in the workbook (the ones an older reader would have read first). */
function hiddenBefore(book: WorkbookInfo, sheet: SheetInfo): string[] {
  return book.sheets.slice(0, book.sheets.indexOf(sheet)).filter((s) => s.hidden && s.part).map((s) => s.name);
}

function finish(table: InputTable, book: WorkbookInfo, file: string, shifted: number, passed: readonly string[], hidden: readonly string[] = []): InputTable {
  const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
  if (passed.length) table.notes.push(`read sheet '${table.sheet}': ${passed.length === 1 ? 'sheet' : 'sheets'} ${quoted(passed)} before it ${passed.length === 1 ? 'has' : 'have'} no recognisable header in the first ${HEADER_ROWS} rows (name a sheet with --sheet)`);
  if (hidden.length) table.notes.push(`hidden ${hidden.length === 1 ? 'sheet' : 'sheets'} ${quoted(hidden)} not read (name one with --sheet to read it)`);
  if (book.date1904 && shifted) table.notes.push(`${file} uses the 1904 date system: ${shifted} date cell(s) were read as dates of the 1900 system (+${DAYS_1904} days)`);
  return table;
}

function noData(file: string, sheet: string | undefined, range?: RangeRef): Error {
  if (range) {
    const where = rangeText(range.firstColumn, range.firstRow, range.lastColumn, range.lastRow);
    return inputError(`the range ${where}${sheet ? ` of sheet '${sheet}'` : ''} in ${file} is empty`);
  }
  return inputError(sheet ? `sheet '${sheet}' of ${file} is empty` : `${file} has no data on any sheet`);
}

/** Streams one sheet's part through the scanner into a collector. */
async function readSheet(
  zip: ZipArchive,
  sheet: SheetInfo,
  ctx: SheetContext,
  range: RangeRef | undefined,
  header: ((row: readonly Cell[]) => boolean) | null,
  onProgress: ((fraction: number) => void) | undefined,
): Promise<{ rows: TableCollector; shifted: number }> {
  const part = sheet.part!;
  const rows = new TableCollector(range, header);
  const scanner = new SheetScanner(ctx, rows);
  const total = zip.compressedSize(part);
  let reported = 0;
  const onRaw = onProgress
    ? (bytes: number) => {
        const f = total ? bytes / total : 1;
        if (f - reported >= 0.01) {
          reported = f;
          onProgress(Math.min(1, f));
        }
      }
    : undefined;
  const complete = await zip.stream(
    part,
    (chunk) => {
      scanner.feed(chunk);
      // after </sheetData> the rest is read unscanned, for the part's size and CRC check
      return !scanner.stopped || scanner.complete;
    },
    onRaw,
  );
  if (complete) scanner.end();
  if (!rows.unrecognised) onProgress?.(1);
  return { rows, shifted: scanner.shifted1904 };
}
