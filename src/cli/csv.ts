import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { columnLetter, type Cell } from '../core';
import type { RangeRef } from './args';
import { inputError } from './exit';
import type { InputTable } from './read';

/**
 * Reading CSV files (issue 7, items 3, 5, 9, 13, 14): the bytes decoded (UTF-8 with or without a BOM,
 * UTF-16 with a BOM, Windows-1251 when the bytes are not UTF-8, or the --encoding given), Excel's
 * `sep=;` line honoured, the delimiter chosen by consistent field counts, the fields split by Papa
 * Parse (the measurements and the reason are in docs/notes-infra.md, "CSV parser"). Every cell stays a
 * string: the engine reads "1 234,56" and dates itself.
 */

/** Encodings --encoding accepts (WHATWG names, as TextDecoder takes them). */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'windows-1250'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Delimiters a CSV is read with when it has no `sep=` line, in the order that wins a tie. */
export const DELIMITERS = ['\t', ';', ',', '|'] as const;

/** Lines (non-empty records) the delimiter is chosen over. */
export const DELIMITER_SAMPLE = 20;

/** How a CSV file was read: its delimiter and encoding. */
export interface CsvFormat {
  delimiter: string;
  encoding: Encoding;
}

/** Text of a file and the encoding it was read with; a note when the encoding was a guess. */
export interface DecodedText {
  text: string;
  encoding: Encoding;
  note?: string;
}

/**
 * Decodes the bytes of a text file. With `forced`, that encoding (a matching BOM dropped). Otherwise
 * a BOM decides (UTF-8, UTF-16 LE, UTF-16 BE); without one, UTF-16 when every other byte of the start
 * is zero, else UTF-8 when the bytes are valid UTF-8, else Windows-1251 (with a note).
 * @param buf the file's bytes; not changed.
 * @param file the file's path, for messages.
 * @param forced the encoding given with --encoding.
 * @throws CliError (input) when UTF-8 is forced and the bytes are not UTF-8 (naming the line).
 * @example decodeText(Buffer.from([0xca, 0xeb, 0xe8, 0xe5, 0xed, 0xf2]), 'a.csv').text // "Клиент" (Windows-1251)
 */
export function decodeText(buf: Buffer, file: string, forced?: Encoding): DecodedText {
  const name = path.basename(file);
  if (forced === 'utf-8') return { text: utf8(buf, name, true), encoding: forced };
  if (forced) return { text: decoder(forced).decode(buf), encoding: forced };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: utf8(buf, name, false), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: decoder('utf-16le').decode(buf), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: decoder('utf-16be').decode(buf), encoding: 'utf-16be' };
  const wide = utf16WithoutBom(buf);
  if (wide) {
    return { text: decoder(wide).decode(buf), encoding: wide, note: `${name} has no byte-order mark but reads as ${wide === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} text; if the names look wrong, give --encoding` };
  }
  if (isUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8' };
  return {
    text: decoder('windows-1251').decode(buf),
    encoding: 'windows-1251',
    note: `${name} is not UTF-8 text (first bad byte on line ${badUtf8Line(buf)}): read as Windows-1251, the code page of Russian exports (1C); if the names look wrong, give --encoding or save the file as "CSV UTF-8"`,
  };
}

/** A decoder of the encoding. @throws CliError on a Node built without full ICU (no windows-125x). */
function decoder(encoding: Encoding): { decode(input: Uint8Array): string } {
  try {
    return new TextDecoder(encoding);
  } catch {
    throw inputError(`this Node.js cannot decode ${encoding} (it was built without full ICU): save the file as "CSV UTF-8"`);
  }
}

/** UTF-8 text (a BOM dropped). @throws CliError when the bytes are not UTF-8. */
function utf8(buf: Buffer, name: string, forced: boolean): string {
  if (isUtf8(buf)) {
    const text = buf.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  const hint = forced ? 'drop --encoding utf-8 to read it as Windows-1251, or give the file\'s encoding' : 'give --encoding, or save it as "CSV UTF-8"';
  throw inputError(`${name} is not UTF-8 text (first bad byte on line ${badUtf8Line(buf)}): ${hint}`);
}

/** The 1-based line of the first byte that is not UTF-8. */
function badUtf8Line(buf: Buffer): number {
  let line = 1;
  for (let start = 0; start < buf.length; line++) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (!isUtf8(buf.subarray(start, end))) return line;
    start = end + 1;
  }
  return line;
}

/** UTF-16 without a BOM: at least 16 bytes, and every odd (LE) or even (BE) byte of the first 512 pairs is zero. */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(512, buf.length >> 1);
  if (pairs < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (buf[2 * i] === 0) evenZero++;
    if (buf[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero === pairs && evenZero === 0) return 'utf-16le';
  if (evenZero === pairs && oddZero === 0) return 'utf-16be';
  return null;
}

/** Excel's first line naming the delimiter: `sep=;` (also quoted, or followed by more delimiters). */
const SEP_LINE = /^"?sep=([^\r\n"])"?\1*[ \t]*(?:\r\n|\n|\r|$)/i;

/**
 * Excel's `sep=X` first line.
 * @returns the delimiter it names and the line's length with its line break, or null without one.
 * @example sepLine('sep=;\r\nClient;Amount') // { delimiter: ';', length: 7 }
 */
export function sepLine(text: string): { delimiter: string; length: number } | null {
  const m = SEP_LINE.exec(text);
  return m ? { delimiter: m[1], length: m[0].length } : null;
}

function count(text: string, what: string): number {
  let n = 0;
  for (let i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length)) n++;
  return n;
}

/**
 * The line break of a text: "\r\n" when every break is CRLF, "\r" when every one is CR, else "\n"
 * (the text is then rewritten with "\n" when it mixes them: a file joined from two exports).
 * @returns the text to parse and its line break.
 */
export function lineBreaks(text: string): { text: string; newline: '\n' | '\r\n' | '\r'; breaks: number } {
  const lf = count(text, '\n');
  if (text.indexOf('\r') < 0) return { text, newline: '\n', breaks: lf };
  const cr = count(text, '\r');
  const crlf = count(text, '\r\n');
  if (crlf === cr && crlf === lf) return { text, newline: '\r\n', breaks: lf };
  if (lf === 0) return { text, newline: '\r', breaks: cr };
  return { text: text.replace(/\r\n?/g, '\n'), newline: '\n', breaks: lf + cr - crlf };
}

function isEmptyRecord(row: readonly string[]): boolean {
  return row.length === 1 && row[0].trim() === '';
}

/**
 * The delimiter of a CSV text: among tab, `;`, `,` and `|`, the one that splits the first 20
 * non-empty records (quotes respected) most consistently into more than one field: the largest share
 * of records with the most common field count, then the larger count, then the order tab `;` `,` `|`.
 * A comma when none gives more than one field.
 * @param text the CSV text, without a `sep=` line.
 * @param newline its line break.
 * @example detectDelimiter('Контрагент;Сумма, руб.;Дата, время\nООО Ромашка;1 234,56;15.01.2024 10:00\n') // ";"
 */
export function detectDelimiter(text: string, newline: '\n' | '\r\n' | '\r' = lineBreaks(text).newline): string {
  // the first lines only: a wrong delimiter may make a quote look unclosed, and the parse run to the end
  let end = 0;
  for (let lines = 0; lines < 4 * DELIMITER_SAMPLE && end >= 0 && end < 1 << 20; lines++) end = text.indexOf(newline, end + 1);
  const sample = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestShare = 0;
  let bestCount = 1;
  for (const delimiter of DELIMITERS) {
    const { data } = Papa.parse<string[]>(sample, { delimiter, newline, preview: 4 * DELIMITER_SAMPLE });
    const counts = data.filter((r) => !isEmptyRecord(r)).slice(0, DELIMITER_SAMPLE).map((r) => r.length);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [c, f] of freq) {
      if (f > modeFreq || (f === modeFreq && c > mode)) {
        mode = c;
        modeFreq = f;
      }
    }
    const share = modeFreq / counts.length;
    if (mode > 1 && (share > bestShare || (share === bestShare && mode > bestCount))) {
      best = delimiter;
      bestShare = share;
      bestCount = mode;
    }
  }
  return best;
}

/** The rows of a CSV text and where they sit in the file. */
export interface ParsedCsv {
  /** The fields of each record, as written (quotes removed, doubled quotes single). */
  rows: string[][];
  /** File line where each record starts, when a quoted value runs over lines (else record i is on line first + i). */
  lines?: Int32Array;
  /** The delimiter the records were split by. */
  delimiter: string;
  /** Notes for the user (quoted values over several lines). */
  notes: string[];
}

/**
 * Splits a CSV text into records with Papa Parse (RFC 4180 quotes, CRLF, LF or CR line breaks).
 * @param text the CSV text.
 * @param delimiter the delimiter; detected when omitted.
 * @param options `firstLine`: the file line of the text's first line (2 after a `sep=` line);
 *   `name`: the file name for messages.
 * @returns the records, with their file lines when a quoted value runs over lines.
 * @throws CliError (input) naming the line where a quote opens and never closes, where a quoted
 *   value with a stray (not doubled) quote inside runs on over lines, or where a quoted value runs
 *   over lines that hold as many delimiters as a row: rows are never merged silently.
 * @example parseCsv('a,"b,c"\n1,2\n', ',').rows // [['a', 'b,c'], ['1', '2'], ['']]
 */
export function parseCsv(text: string, delimiter?: string, options: { firstLine?: number; name?: string } = {}): ParsedCsv {
  const nl = lineBreaks(text);
  text = nl.text;
  const newline = nl.newline;
  const sep = delimiter ?? detectDelimiter(text, newline);
  const firstLine = options.firstLine ?? 1;
  const where = (index: number) => `${options.name ? `${options.name}, ` : ''}line ${firstLine + count(text.slice(0, index), newline)}`;
  const result = Papa.parse<string[]>(text, { delimiter: sep, newline, quoteChar: '"', escapeChar: '"' });
  const rows = result.data;
  const breakChar = newline === '\r' ? '\r' : '\n';
  for (const e of result.errors) {
    // Papa's index is the start of the quoted value, just after its opening quote
    if (e.code === 'MissingQuotes') {
      throw inputError(`${where((e.index ?? 1) - 1)}: a quote opens here and is never closed, so every line after it would be read as one value; close it, or write a quote inside a value twice ("")`);
    }
    if (e.code === 'InvalidQuotes' && e.row !== undefined && rows[e.row]?.some((f) => f.includes(breakChar))) {
      throw inputError(`${where((e.index ?? 1) - 1)}: a quoted value has a quote inside that is not doubled, and runs on over the next lines; write a quote inside a value twice ("")`);
    }
  }
  const notes: string[] = [];
  let lines: Int32Array | undefined;
  // each line break ends a record unless it sits inside a quoted value: then the records are fewer
  if (rows.length < nl.breaks + 1) {
    lines = new Int32Array(rows.length);
    let line = firstLine;
    let spanning = 0;
    let firstSpan = 0;
    const prefix = options.name ? `${options.name}, ` : '';
    for (let r = 0; r < rows.length; r++) {
      lines[r] = line;
      let inside = 0;
      for (const f of rows[r]) {
        if (!f.includes(breakChar)) continue;
        const parts = f.split(breakChar);
        // a line inside the value with as many delimiters as its record: rows swallowed by a stray quote
        if (parts.slice(1).some((p) => p.split(sep).length >= Math.max(2, rows[r].length))) {
          throw inputError(
            `${prefix}line ${line + inside}: a quote opens here and closes only on line ${line + inside + parts.length - 1}, so the lines between, which look like rows of their own, would be read as one value; remove that quote, or write a quote inside a value twice ("")`,
          );
        }
        inside += parts.length - 1;
      }
      if (inside && !spanning++) firstSpan = line;
      line += 1 + inside;
    }
    if (spanning) {
      notes.push(
        `${options.name ? `${options.name}: ` : ''}${spanning} quoted value(s) run over several lines (the first on line ${firstSpan}); each is read as one cell, as Excel does, and row numbers are file lines: if rows were merged, check the quotes there`,
      );
    } else {
      lines = undefined;
    }
  }
  return { rows, lines, delimiter: sep, notes };
}

/** Options of {@link readCsv}. */
export interface CsvOptions {
  range?: RangeRef;
  encoding?: Encoding;
  onProgress?: (fraction: number) => void;
}

/**
 * Reads a CSV file (.csv, .tsv, .txt) into cells, every cell a string; row numbers are file lines.
 * The file is opened read-only and never written.
 * @throws CliError (input) for an unclosed quote (naming its line), bytes that are not the forced
 *   encoding, or a file without any value.
 */
export function readCsv(file: string, options: CsvOptions = {}): InputTable {
  const name = path.basename(file);
  const buf = fs.readFileSync(file, { flag: 'r' });
  const decoded = decodeText(buf, file, options.encoding);
  options.onProgress?.(0.3);
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sep = sepLine(text);
  let firstLine = 1;
  if (sep) {
    text = text.slice(sep.length);
    firstLine = 2;
  }
  const parsed = parseCsv(text, sep?.delimiter, { firstLine, name });
  options.onProgress?.(1);

  let cells: Cell[][] = parsed.rows;
  let lines = parsed.lines;
  let firstRow = firstLine;
  let firstColumn = 0;
  const range = options.range;
  if (range) {
    // the range's rows are file lines
    const columns = (row: Cell[]) => row.slice(range.firstColumn, range.lastColumn + 1);
    if (lines) {
      const keep: number[] = [];
      for (let r = 0; r < cells.length; r++) if (lines[r] >= range.firstRow && lines[r] <= range.lastRow) keep.push(r);
      const all = lines;
      firstRow = keep.length ? all[keep[0]] : range.firstRow;
      lines = Int32Array.from(keep, (r) => all[r]);
      cells = keep.map((r) => columns(cells[r]));
    } else {
      firstRow = Math.max(range.firstRow, firstLine);
      cells = cells.slice(firstRow - firstLine, range.lastRow - firstLine + 1).map(columns);
    }
    firstColumn = range.firstColumn;
  }
  let end = cells.length;
  while (end > 0 && cells[end - 1].every((c) => c === '')) end--;
  if (end < cells.length) {
    cells.length = end;
    if (lines) lines = lines.subarray(0, end);
  }
  if (!cells.some((r) => r.some((c) => c !== ''))) {
    if (range) throw inputError(`the range ${columnLetter(range.firstColumn)}${range.firstRow}:${columnLetter(range.lastColumn)}${range.lastRow} in ${name} is empty`);
    throw inputError(`${name} is empty: no cell has a value`);
  }
  const table: InputTable = { cells, firstRow, firstColumn, csv: { delimiter: parsed.delimiter, encoding: decoded.encoding }, sheet: name, notes: [] };
  if (lines) table.rowNumbers = lines;
  if (decoded.note) table.notes.push(decoded.note);
  table.notes.push(...parsed.notes);
  return table;
}
