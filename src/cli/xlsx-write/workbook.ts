import * as fs from 'fs';
import { columnLetter } from '../../core';
import { putNumberText } from '../number-text';
import { THEME_XML } from './theme';
import { ZipWriter, type ZipEntry } from './zip';

/**
 * A SpreadsheetML (.xlsx) writer that streams: each sheet's rows go to the zip as XML while they are
 * produced, nothing of a sheet is kept once written except its strings (in the shared string table).
 * It writes what the report needs and nothing more: cells (text, number, boolean), one style sheet of
 * shared cell formats (number formats, built-in or custom such as `0.0%"*"`, solid fills, bold or
 * italic, right alignment), column widths, frozen panes, colour scales (conditional formats), Excel
 * tables as table parts, document properties; and for live formulas (docs/methods.md "Live
 * formulas") formula cells with their cached values, calculated columns, conditional fills (cellIs)
 * and workbook-scoped defined names, each in functions of their own (formulaCell, formulaBytes,
 * cellRulesXml, definedNamesXml, tableColumnXml, StyleSheet.dxf).
 *
 * References: ECMA-376 Part 1 (5th ed.), §18.3 worksheets (sheetData, cols, sheetViews/pane,
 * tableParts, conditionalFormatting §18.3.1.18 with cfRule type colorScale §18.3.1.10 and its cfvo
 * §18.3.1.11), §18.5 tables, §18.8 styles (numFmts, fills, fonts, cellXfs and their alignment
 * §18.8.1; built-in format ids §18.8.30),
 * §18.4 shared strings (the _xHHHH_ escape, §22.9.2.19 ST_Xstring), §18.3.1.40 f (formulas),
 * §18.2.5-6 definedName(s), §18.8.17 dxf; Part 2 (OPC) for the package.
 */

/** A cell: text, number, boolean, or null for no cell. */
export type CellValue = string | number | boolean | null;

/** How a cell looks. */
export interface CellStyle {
  /** Number format code ("#,##0.00", "@"); "General" or undefined: none. */
  numFmt?: string;
  /** Solid fill colour, hex RGB without '#'. */
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  /** Horizontal alignment; undefined: Excel's default (text left, numbers right). */
  align?: 'right';
}

/** The styles (cellXfs indexes) of a column's cells, by what the cell holds. */
export interface ColumnFormat {
  /** Style of a number, a boolean or an empty cell of the column (0: none). */
  value: number;
  /** Style of a text. */
  text: number;
  /** Styles of particular texts (class fills), over `text`. */
  byText?: ReadonlyMap<string, number>;
  /**
   * Texts written in their cells (inline strings) rather than in the shared string table: for a column
   * whose texts are nearly all different (client names), where sharing saves nothing and a table of a
   * million names would only cost memory and time.
   */
  inline?: boolean;
}

/** A column format with no style at all. */
export const PLAIN: ColumnFormat = { value: 0, text: 0 };

/** Format ids Excel has built in (ECMA-376 Part 1, §18.8.30); others get ids from 164. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49,
};

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Excel's limit of rows in a sheet. */
export const MAX_SHEET_ROWS = 1_048_576;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const ESCAPED = /[&<>"]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;

function escapeChar(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    default:
      // characters XML 1.0 cannot carry, and an underscore that would start an escape, as Excel
      // writes them: _xHHHH_ (ECMA-376 Part 1, §22.9.2.19)
      return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}

/** Text as XML character data (and attribute values): & < > " escaped, control characters as _xHHHH_. */
export function xmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) || s.includes('"') ? s.replace(ESCAPED, escapeChar) : s;
}

/** The cell formats of a workbook: register every style before writing, then refer to it by its index. */
export class StyleSheet {
  private readonly formats = new Map<string, number>();
  private readonly fills = new Map<string, number>();
  private readonly xfs = new Map<string, number>([['0|0|0', 0]]);
  private readonly list: Array<{ numFmtId: number; fillId: number; fontId: number; right: boolean }> = [{ numFmtId: 0, fillId: 0, fontId: 0, right: false }];
  /** Differential formats (`<dxf>`) of conditional formats: a solid fill each, by hex RGB. */
  private readonly dxfs = new Map<string, number>();
  private sealed = false;

  /** The index of a style (the `s` of a cell), added when new. */
  id(style: CellStyle): number {
    const code = style.numFmt && style.numFmt !== 'General' ? style.numFmt : undefined;
    let numFmtId = 0;
    if (code !== undefined) {
      numFmtId = BUILTIN_FORMATS[code] ?? this.formats.get(code) ?? -1;
      if (numFmtId < 0) {
        this.check();
        numFmtId = 164 + this.formats.size;
        this.formats.set(code, numFmtId);
      }
    }
    let fillId = 0;
    if (style.fill) {
      const rgb = `FF${style.fill.toUpperCase()}`;
      fillId = this.fills.get(rgb) ?? -1;
      if (fillId < 0) {
        this.check();
        fillId = 2 + this.fills.size; // 0 and 1 are the required none and gray125
        this.fills.set(rgb, fillId);
      }
    }
    // fonts: 0 regular, 1 bold, 2 italic, 3 bold italic
    const fontId = (style.bold ? 1 : 0) + (style.italic ? 2 : 0);
    const right = style.align === 'right';
    const key = `${numFmtId}|${fillId}|${fontId}${right ? '|r' : ''}`;
    let id = this.xfs.get(key);
    if (id === undefined) {
      this.check();
      id = this.list.length;
      this.list.push({ numFmtId, fillId, fontId, right });
      this.xfs.set(key, id);
    }
    return id;
  }

  private check(): void {
    if (this.sealed) throw new Error('xlsx: a style was added after styles.xml was written');
  }

  /**
   * The index of a differential format that fills a cell with `fill` (hex RGB without '#'), for a
   * conditional format's `dxfId` (ECMA-376 Part 1, §18.8.17 dxf: a conditional fill's colour is its
   * pattern fill's bgColor), added when new.
   */
  dxf(fill: string): number {
    const rgb = `FF${fill.toUpperCase()}`;
    let id = this.dxfs.get(rgb);
    if (id === undefined) {
      this.check();
      id = this.dxfs.size;
      this.dxfs.set(rgb, id);
    }
    return id;
  }

  private dxfsXml(): string {
    const items = [...this.dxfs.keys()].map((rgb) => `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${rgb}"/></patternFill></fill></dxf>`).join('');
    return `<dxfs count="${this.dxfs.size}">${items}</dxfs>`;
  }

  /** xl/styles.xml; no style can be added after it. */
  xml(): string {
    this.sealed = true;
    const font = (bold: boolean, italic: boolean) =>
      `<font>${bold ? '<b/>' : ''}${italic ? '<i/>' : ''}<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join('');
    const fills = [...this.fills.keys()].map((rgb) => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`).join('');
    const xfs = this.list
      .map((x) => {
        const attrs = `numFmtId="${x.numFmtId}" fontId="${x.fontId}" fillId="${x.fillId}" borderId="0" xfId="0"${x.numFmtId ? ' applyNumberFormat="1"' : ''}${x.fontId ? ' applyFont="1"' : ''}${x.fillId ? ' applyFill="1"' : ''}`;
        return x.right ? `<xf ${attrs} applyAlignment="1"><alignment horizontal="right"/></xf>` : `<xf ${attrs}/>`;
      })
      .join('');
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
      (this.formats.size ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="4">${font(false, false)}${font(true, false)}${font(false, true)}${font(true, true)}</fonts>` +
      `<fills count="${2 + this.fills.size}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.list.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      this.dxfsXml() +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** The shared string table: each distinct text once, cells refer to it by index. */
class SharedStrings {
  private readonly map = new Map<string, number>();
  /** Cells that refer to a shared string. */
  count = 0;

  index(s: string): number {
    this.count++;
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.map.size;
      this.map.set(s, i);
    }
    return i;
  }

  get unique(): number {
    return this.map.size;
  }

  texts(): IterableIterator<string> {
    return this.map.keys();
  }
}

/** An Excel table over a range of a sheet (its header row first). */
export interface TableSpec {
  /** Table name, unique in the workbook (letters, digits, underscore). */
  name: string;
  /** Range, e.g. "A2:AA50002". */
  ref: string;
  /** Column names: the texts of the header row's cells. */
  columns: readonly string[];
  /** Built-in table style, e.g. "TableStyleMedium2". */
  style: string;
  /**
   * The formula of each calculated column (stored syntax, no "="), by column index; undefined: none.
   * Excel fills a calculated column's formula into the rows a user adds to the table.
   */
  formulas?: ReadonlyArray<string | undefined>;
}

/**
 * A conditional fill: the cells of `ref` whose value equals the text `value` (Excel compares text
 * without regard to case) get the differential format `dxf` (see StyleSheet.dxf). The class fills of a
 * column of live formulas are these, so that a class that recomputes takes its colour.
 */
export interface CellIsSpec {
  ref: string;
  value: string;
  dxf: number;
}

/** A workbook-scoped defined name: `ref` is its formula without "=", e.g. `'Summary'!$B$7`. */
export interface DefinedNameSpec {
  name: string;
  ref: string;
}

/**
 * A colour scale (a conditional format) over a range: the lowest value gets the first colour, the
 * highest the last, and with three colours the 50th percentile the middle one.
 */
export interface ColorScaleSpec {
  /** Range, e.g. "B5:F9". */
  ref: string;
  /** Colours, hex RGB without '#': two (min, max) or three (min, 50th percentile, max). */
  colors: readonly string[];
}

/** One sheet: its look, its tables and a function that writes its rows. */
export interface SheetSpec {
  name: string;
  /** Column widths in characters by 0-based column; undefined: the default width. */
  widths: ReadonlyArray<number | undefined>;
  /** Rows and columns frozen at the top left. */
  freeze?: { rows: number; columns: number };
  /** The used range, e.g. "A1:AA50002". */
  dimension?: string;
  tables: readonly TableSpec[];
  /** Colour scales, in order (the first has priority 1). */
  colorScales?: readonly ColorScaleSpec[];
  /** Conditional fills by value, after the colour scales in priority. */
  cellRules?: readonly CellIsSpec[];
  /** Writes the rows top to bottom through `rows`. */
  write(rows: SheetRows): Promise<void>;
}

/** Document properties (docProps/core.xml). */
export interface BookProperties {
  creator: string;
  title: string;
  subject: string;
  created: Date;
}

/** Bytes of XML gathered before they go to the deflater. */
const CHUNK = 1 << 18;
/** Room a cell needs in the buffer besides its number's text: `<c r="XFD1048576" s="123456" t="s"><v>` and `</v></c>`. */
const CELL_ROOM = 64;

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const CELL_END = ascii('</v></c>');
const INLINE_END = ascii('</t></is></c>');
const ROW_OPEN = ascii('<row r="');
const ROW_OPEN_END = ascii('">');
const ROW_END = ascii('</row>');

/** The bytes that follow a cell's reference, by what the cell holds: `" s="5" t="s"><v>` and the like. */
function middle(style: number, kind: 'number' | 'text' | 'inline' | 'boolean' | 'empty' | 'formula' | 'formulaText' | 'formulaBoolean', space = false): Uint8Array {
  const s = style ? ` s="${style}"` : '';
  switch (kind) {
    case 'formula':
      return ascii(`"${s}>`);
    case 'formulaText':
      return ascii(`"${s} t="str">`);
    case 'formulaBoolean':
      return ascii(`"${s} t="b">`);
    case 'empty':
      return ascii(`"${s}/>`);
    case 'text':
      return ascii(`"${s} t="s"><v>`);
    case 'inline':
      return ascii(`"${s} t="inlineStr"><is><t${space ? ' xml:space="preserve"' : ''}>`);
    case 'boolean':
      return ascii(`"${s} t="b"><v>`);
    default:
      return ascii(`"${s}><v>`);
  }
}

/** A column format turned into the bytes its cells start with. */
interface CompiledFormat {
  number: Uint8Array;
  boolean: Uint8Array;
  empty: Uint8Array | null;
  text: Uint8Array;
  byText: Map<string, Uint8Array> | null;
  inline: Uint8Array | null;
  inlineSpace: Uint8Array | null;
}

function compile(f: ColumnFormat): CompiledFormat {
  return {
    number: middle(f.value, 'number'),
    boolean: middle(f.value, 'boolean'),
    empty: f.value ? middle(f.value, 'empty') : null,
    text: middle(f.text, 'text'),
    byText: f.byText ? new Map([...f.byText].map(([text, style]) => [text, middle(style, f.inline ? 'inline' : 'text')])) : null,
    inline: f.inline ? middle(f.text, 'inline') : null,
    inlineSpace: f.inline ? middle(f.text, 'inline', true) : null,
  };
}

/**
 * A formula as the bytes its cells start their content with: `<f>formula</f><v>` (the formula
 * escaped as XML; ECMA-376 Part 1, §18.3.1.40), for {@link SheetRows.row}'s `formulas`.
 * @param formula the formula in stored syntax, without "=".
 */
export function formulaBytes(formula: string): Uint8Array {
  return Buffer.from(`<f>${xmlText(formula)}</f><v>`, 'utf8');
}

const FORMULA_STYLE_KINDS = new Map<number, { number: Uint8Array; text: Uint8Array; boolean: Uint8Array }>();

/** The bytes after a formula cell's reference, by the kind of its cached value, for a style (kept: a few styles). */
function formulaMiddles(style: number): { number: Uint8Array; text: Uint8Array; boolean: Uint8Array } {
  let m = FORMULA_STYLE_KINDS.get(style);
  if (!m) {
    m = { number: middle(style, 'formula'), text: middle(style, 'formulaText'), boolean: middle(style, 'formulaBoolean') };
    FORMULA_STYLE_KINDS.set(style, m);
  }
  return m;
}

/** A tab, line feed or carriage return anywhere. */
const BREAKS = /[\t\n\r]/;
/** One character of JavaScript's white space (`\s`). */
const SPACE = /^\s$/;

/** Whether the UTF-16 unit is `\s`: ASCII by code, the rest by the regular expression. */
function isSpace(code: number, s: string, at: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || (code >= 0x1680 && SPACE.test(s[at]));
}

/**
 * Whether a text needs xml:space="preserve" to keep its spaces: white space (`\s`) at its start or
 * end, or a tab or line break within (the same as /^\s|\s$|[\t\n\r]/, without trying `\s$` at every
 * character: a million client names took ~0.5 s that way).
 */
export function keepsSpace(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  return isSpace(s.charCodeAt(0), s, 0) || isSpace(s.charCodeAt(n - 1), s, n - 1) || BREAKS.test(s);
}

/**
 * Writes the rows of one sheet (in increasing row order) as `<row>` elements, straight into bytes:
 * a cell makes no string (only a number with decimals is turned into text), and the buffers are
 * reused once the deflater has taken them, so a million rows leave little for the garbage collector.
 */
export class SheetRows {
  /** Buffers the deflater has given back. */
  private readonly free: Buffer[] = [];
  private buf: Buffer = Buffer.allocUnsafe(CHUNK + 4096);
  private pos = 0;
  /** `<c r="AB` of each column. */
  private readonly opens: Uint8Array[] = [];
  private readonly digits = new Uint8Array(16);
  /** The digits of the row being written. */
  private readonly rowDigits = new Uint8Array(16);
  private rowDigitCount = 0;
  private lastRow = 0;
  /** The formats last given and their compiled form (a table passes the same formats for every row). */
  private lastFormats: readonly ColumnFormat[] | ColumnFormat | null = null;
  private compiled: CompiledFormat[] = [];

  constructor(private readonly entry: ZipEntry, private readonly strings: SharedStrings) {}

  private open(j: number): Uint8Array {
    let o = this.opens[j];
    if (o === undefined) {
      for (let k = this.opens.length; k <= j; k++) this.opens[k] = ascii(`<c r="${columnLetter(k)}`);
      o = this.opens[j];
    }
    return o;
  }

  private put(bytes: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    for (let k = 0; k < bytes.length; k++) buf[p++] = bytes[k];
    this.pos = p;
  }

  /** Writes a whole number >= 0 in decimal. */
  private putUint(n: number): void {
    const d = this.digits;
    let k = 0;
    do {
      d[k++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    const buf = this.buf;
    let p = this.pos;
    while (k > 0) buf[p++] = d[--k];
    this.pos = p;
  }

  /** Writes a number as JavaScript prints it (the shortest text that reads back the same). */
  private putNumber(v: number): void {
    if (Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER) {
      this.putUint(v);
      return;
    }
    this.pos = putNumberText(this.buf, this.pos, v);
  }

  /** Writes `<c r="`, the cell's reference (the column's letters, the row's digits) and what follows it. */
  private putCell(j: number, after: Uint8Array): void {
    this.put(this.open(j));
    const buf = this.buf;
    let p = this.pos;
    const d = this.rowDigits;
    for (let k = 0; k < this.rowDigitCount; k++) buf[p++] = d[k];
    this.pos = p;
    this.put(after);
  }

  /** Writes a text as XML character data (escaped as needed), in UTF-8. */
  private putText(s: string): void {
    const text = xmlText(s);
    const room = text.length * 3;
    if (this.pos + room + CELL_ROOM > this.buf.length) this.grow(room + CELL_ROOM);
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** The compiled formats of `formats` (compiled again only when other formats are given). */
  private compile(formats: readonly ColumnFormat[] | ColumnFormat): CompiledFormat[] {
    if (formats !== this.lastFormats) {
      this.compiled = (Array.isArray(formats) ? (formats as readonly ColumnFormat[]) : [formats as ColumnFormat]).map(compile);
      this.lastFormats = formats;
    }
    return this.compiled;
  }

  /**
   * Appends sheet row `r` (1-based, below the last one written) with `values` from column A; a text is
   * always a text cell (never a formula), a number that is not finite is left empty.
   * @param formats each column's styles; one format for every cell when a single one is given.
   * @param formulas the formula of each column that has one ({@link formulaBytes}): its cell is that
   *   formula, with the column's value as its cached value (see {@link formulaCell}).
   */
  row(r: number, values: readonly CellValue[], formats: readonly ColumnFormat[] | ColumnFormat = PLAIN, formulas?: ReadonlyArray<Uint8Array | undefined>): void {
    if (r <= this.lastRow || r > MAX_SHEET_ROWS) throw new Error(`xlsx: row ${r} after row ${this.lastRow} (rows go down, at most ${MAX_SHEET_ROWS})`);
    this.lastRow = r;
    if (this.pos + CELL_ROOM * (values.length + 1) > this.buf.length) this.grow(CELL_ROOM * (values.length + 1));
    // the row's digits, once for all its cells
    let n = r;
    let k = 0;
    do {
      this.digits[k++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    for (let i = 0; i < k; i++) this.rowDigits[i] = this.digits[k - 1 - i];
    this.rowDigitCount = k;
    this.put(ROW_OPEN);
    this.putUint(r);
    this.put(ROW_OPEN_END);
    const compiled = this.compile(formats);
    const single = !Array.isArray(formats);
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (formulas !== undefined && formulas[j] !== undefined) {
        this.formulaCell(j, formulas[j]!, v, single ? formats as ColumnFormat : (formats as readonly ColumnFormat[])[j] ?? PLAIN);
        // a formula takes far more than a cell's room: keep the room the row's other cells count on
        const rest = CELL_ROOM * (values.length - j + 1);
        if (this.pos + rest > this.buf.length) this.grow(rest);
        continue;
      }
      const f = single ? compiled[0] : compiled[j] ?? PLAIN_COMPILED;
      if (typeof v === 'string') {
        const styled = f.byText?.get(v);
        if (f.inline) {
          this.putCell(j, styled ?? (keepsSpace(v) ? f.inlineSpace! : f.inline));
          this.putText(v);
          this.put(INLINE_END);
        } else {
          this.putCell(j, styled ?? f.text);
          this.putUint(this.strings.index(v));
          this.put(CELL_END);
        }
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        if (this.pos + 32 + CELL_ROOM > this.buf.length) this.grow(32 + CELL_ROOM);
        this.putCell(j, f.number);
        this.putNumber(v);
        this.put(CELL_END);
      } else if (typeof v === 'boolean') {
        this.putCell(j, f.boolean);
        this.buf[this.pos++] = v ? 49 : 48;
        this.put(CELL_END);
      } else if (f.empty) {
        this.putCell(j, f.empty);
      }
    }
    this.put(ROW_END);
  }

  /**
   * A formula cell (live formulas, docs/methods.md): `<c r s [t]><f>formula</f><v>cached</v></c>` with
   * the value the formula has in the run as its cached value, so the file shows it before any
   * recalculation: a number; a boolean (`t="b"`); a text or null as a text (`t="str"`, null the empty
   * text its formula gives). The cell takes the column's style of values (`format.value`) whatever
   * its result, so a class fill comes from a conditional format, not from the cached text.
   */
  private formulaCell(j: number, fx: Uint8Array, v: CellValue, format: ColumnFormat): void {
    const text = typeof v === 'string' ? xmlText(v) : null;
    const room = fx.length + (text ? text.length * 3 : 32) + CELL_ROOM;
    if (this.pos + room > this.buf.length) this.grow(room);
    const m = formulaMiddles(format.value);
    if (typeof v === 'number' && Number.isFinite(v)) {
      this.putCell(j, m.number);
      this.put(fx);
      this.putNumber(v);
    } else if (typeof v === 'boolean') {
      this.putCell(j, m.boolean);
      this.put(fx);
      this.buf[this.pos++] = v ? 49 : 48;
    } else {
      this.putCell(j, m.text);
      this.put(fx);
      if (text) this.pos += this.buf.write(text, this.pos, 'utf8');
    }
    this.put(CELL_END);
  }

  /** Makes room for `bytes` more (a bigger buffer, the written part copied). */
  private grow(bytes: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes + 4096));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** True when enough XML is gathered to hand to the deflater: then await {@link flush}. */
  get full(): boolean {
    return this.pos >= CHUNK;
  }

  /**
   * Hands the gathered XML to the deflater, waiting while its buffer is full. The buffer comes back to
   * be written again once the deflater has taken it (new memory for every chunk would make V8 collect
   * garbage over the whole heap every few dozen megabytes).
   */
  async flush(): Promise<void> {
    if (!this.pos) return;
    const buf = this.buf;
    const standard = buf.length === CHUNK + 4096;
    const ok = this.entry.write(buf.subarray(0, this.pos), standard ? () => this.free.push(buf) : undefined);
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(CHUNK + 4096);
    this.pos = 0;
    if (!ok) await this.entry.drained();
  }

  /** Adds XML text (already escaped). */
  raw(xml: string): void {
    const bytes = Buffer.byteLength(xml, 'utf8');
    if (this.pos + bytes > this.buf.length) this.grow(bytes);
    this.pos += this.buf.write(xml, this.pos, 'utf8');
  }
}

const PLAIN_COMPILED = compile(PLAIN);

function sheetViewXml(freeze: SheetSpec['freeze'], selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : '';
  if (!freeze || (!freeze.rows && !freeze.columns)) return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  const { rows, columns } = freeze;
  const topLeft = `${columnLetter(columns)}${rows + 1}`;
  const pane = rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  return (
    `<sheetViews><sheetView${tab} workbookViewId="0">` +
    `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function colsXml(widths: SheetSpec['widths']): string {
  let out = '';
  widths.forEach((w, j) => {
    if (w !== undefined) out += `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`;
  });
  return out ? `<cols>${out}</cols>` : '';
}

/**
 * The `<conditionalFormatting>` elements of a sheet's colour scales: cfvo min, percentile 50 (with a
 * middle colour) and max, one `<color rgb="FFxxxxxx"/>` per cfvo; priorities 1, 2, ... in order.
 */
export function colorScalesXml(scales: readonly ColorScaleSpec[] = []): string {
  return scales
    .map((c, i) => {
      const cfvo = c.colors.length === 3 ? '<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>' : '<cfvo type="min"/><cfvo type="max"/>';
      const colors = c.colors.map((hex) => `<color rgb="FF${hex.toUpperCase()}"/>`).join('');
      return `<conditionalFormatting sqref="${c.ref}"><cfRule type="colorScale" priority="${i + 1}"><colorScale>${cfvo}${colors}</colorScale></cfRule></conditionalFormatting>`;
    })
    .join('');
}

/**
 * The `<conditionalFormatting>` elements of a sheet's conditional fills (cfRule type cellIs, operator
 * equal, the text as a formula constant; ECMA-376 Part 1, §18.3.1.10), priorities from `first`.
 */
export function cellRulesXml(rules: readonly CellIsSpec[] = [], first = 1): string {
  return rules
    .map((c, i) => `<conditionalFormatting sqref="${c.ref}"><cfRule type="cellIs" dxfId="${c.dxf}" priority="${first + i}" operator="equal"><formula>${xmlText(`"${c.value.replace(/"/g, '""')}"`)}</formula></cfRule></conditionalFormatting>`)
    .join('');
}

/** `<definedNames>` of the workbook (after `<sheets>`, CT_Workbook's order), or nothing. */
export function definedNamesXml(names: readonly DefinedNameSpec[] = []): string {
  if (!names.length) return '';
  return `<definedNames>${names.map((n) => `<definedName name="${xmlText(n.name)}">${xmlText(n.ref)}</definedName>`).join('')}</definedNames>`;
}

/** A table column, with its calculated column formula when it has one (CT_TableColumn, §18.5.1.3). */
function tableColumnXml(name: string, i: number, formula: string | undefined): string {
  if (formula === undefined) return `<tableColumn id="${i + 1}" name="${xmlText(name)}"/>`;
  return `<tableColumn id="${i + 1}" name="${xmlText(name)}"><calculatedColumnFormula>${xmlText(formula)}</calculatedColumnFormula></tableColumn>`;
}

function tableXml(t: TableSpec, id: number): string {
  const columns = t.columns.map((name, i) => tableColumnXml(name, i, t.formulas?.[i])).join('');
  return (
    `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${id}" name="${xmlText(t.name)}" displayName="${xmlText(t.name)}" ref="${t.ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlText(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function relsXml(rels: Array<{ type: string; target: string }>): string {
  const items = rels.map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${r.target}"/>`).join('');
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${items}</Relationships>`;
}

function w3cdtf(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

async function writeShared(zip: ZipWriter, strings: SharedStrings): Promise<void> {
  const entry = zip.entry('xl/sharedStrings.xml');
  let buf = `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.unique}">`;
  for (const s of strings.texts()) {
    const space = /^\s|\s$|[\t\n\r]/.test(s) ? ' xml:space="preserve"' : '';
    buf += `<si><t${space}>${xmlText(s)}</t></si>`;
    if (buf.length >= CHUNK) {
      const ok = entry.write(Buffer.from(buf, 'utf8'));
      buf = '';
      if (!ok) await entry.drained();
    }
  }
  entry.write(Buffer.from(`${buf}</sst>`, 'utf8'));
  await entry.end();
}

/**
 * Writes a workbook to `file`: through a temporary file next to it, renamed at the end, so a failure
 * leaves no half-written workbook (and an existing file is replaced only by a whole one).
 * @param styles every style the sheets use, registered before this call.
 * @param level deflate level (1 fastest .. 9 smallest).
 */
export async function writeXlsx(file: string, props: BookProperties, styles: StyleSheet, sheets: readonly SheetSpec[], level = 6, names: readonly DefinedNameSpec[] = []): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const zip = new ZipWriter(tmp, level, props.created);
  try {
    await writeParts(zip, props, styles, sheets, names);
    await zip.close();
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      await zip.abort();
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    throw e;
  }
}

async function writeParts(zip: ZipWriter, props: BookProperties, styles: StyleSheet, sheets: readonly SheetSpec[], names: readonly DefinedNameSpec[]): Promise<void> {
  const strings = new SharedStrings();
  // table ids and part numbers across the workbook
  let tableCount = 0;
  const tableIds = sheets.map((s) => s.tables.map(() => ++tableCount));

  const overrides = [
    ['/xl/workbook.xml', `${CT}.sheet.main+xml`],
    ['/xl/styles.xml', `${CT}.styles+xml`],
    ['/xl/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml'],
    ['/xl/sharedStrings.xml', `${CT}.sharedStrings+xml`],
    ...sheets.map((_, i) => [`/xl/worksheets/sheet${i + 1}.xml`, `${CT}.worksheet+xml`]),
    ...tableIds.flat().map((id) => [`/xl/tables/table${id}.xml`, `${CT}.table+xml`]),
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  await zip.add(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
      '</Types>',
  );
  await zip.add(
    '_rels/.rels',
    relsXml([
      { type: `${NS_REL}/officeDocument`, target: 'xl/workbook.xml' },
      { type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
      { type: `${NS_REL}/extended-properties`, target: 'docProps/app.xml' },
    ]),
  );
  await zip.add(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
      'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${xmlText(props.title)}</dc:title><dc:subject>${xmlText(props.subject)}</dc:subject><dc:creator>${xmlText(props.creator)}</dc:creator>` +
      `<cp:lastModifiedBy>${xmlText(props.creator)}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(props.created)}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(props.created)}</dcterms:modified></cp:coreProperties>`,
  );
  await zip.add(
    'docProps/app.xml',
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>${xmlText(props.creator)}</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>` +
      `<vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts></Properties>`,
  );
  await zip.add(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      `</sheets>${definedNamesXml(names)}</workbook>`,
  );
  await zip.add(
    'xl/_rels/workbook.xml.rels',
    relsXml([
      ...sheets.map((_, i) => ({ type: `${NS_REL}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
      { type: `${NS_REL}/styles`, target: 'styles.xml' },
      { type: `${NS_REL}/theme`, target: 'theme/theme1.xml' },
      { type: `${NS_REL}/sharedStrings`, target: 'sharedStrings.xml' },
    ]),
  );
  await zip.add('xl/theme/theme1.xml', THEME_XML);
  await zip.add('xl/styles.xml', styles.xml());

  for (let i = 0; i < sheets.length; i++) {
    const sheet = sheets[i];
    const entry = zip.entry(`xl/worksheets/sheet${i + 1}.xml`);
    const rows = new SheetRows(entry, strings);
    rows.raw(
      `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        (sheet.dimension ? `<dimension ref="${sheet.dimension}"/>` : '') +
        sheetViewXml(sheet.freeze, i === 0) +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        colsXml(sheet.widths) +
        '<sheetData>',
    );
    await sheet.write(rows);
    const parts = sheet.tables.map((_, k) => `<tablePart r:id="rId${k + 1}"/>`).join('');
    rows.raw(
      // CT_Worksheet's order: sheetData, ..., conditionalFormatting, ..., pageMargins, ..., tableParts
      `</sheetData>${colorScalesXml(sheet.colorScales)}${cellRulesXml(sheet.cellRules, (sheet.colorScales?.length ?? 0) + 1)}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
        (parts ? `<tableParts count="${sheet.tables.length}">${parts}</tableParts>` : '') +
        '</worksheet>',
    );
    await rows.flush();
    await entry.end();
    if (sheet.tables.length) {
      await zip.add(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        relsXml(tableIds[i].map((id) => ({ type: `${NS_REL}/table`, target: `../tables/table${id}.xml` }))),
      );
      for (let k = 0; k < sheet.tables.length; k++) await zip.add(`xl/tables/table${tableIds[i][k]}.xml`, tableXml(sheet.tables[k], tableIds[i][k]));
    }
  }
  await writeShared(zip, strings);
}
