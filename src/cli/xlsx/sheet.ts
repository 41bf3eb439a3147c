/**
 * The cells of a worksheet part (`xl/worksheets/sheetN.xml`), scanned as it streams: each `<row>` is
 * handed on as an array of cells as Excel gives them to an add-in (numbers, text, booleans, error
 * texts such as "#N/A"; "" for a blank), with the columns whose formula is a SUM, SUBTOTAL or
 * AGGREGATE. ECMA-376 Part 1, 18.3.1.4 (c), 18.3.1.73 (row), 18.18.11 (ST_CellType).
 */
import type { Cell } from '../../core';
import { decodeCellText, XmlError, XmlScanner, type XmlHandler } from './xml';

/** Where the rows go. */
export interface RowSink {
  /**
   * A row with at least one cell in the file: `cells[c]` is sheet column c (0 = A), "" where blank;
   * `sums` lists the columns whose formula is a sum (null when none).
   * @returns false to stop reading the sheet.
   */
  row(rowNumber: number, cells: Cell[], sums: number[] | null): boolean;
}

/** How cell values are read beyond their type. */
export interface SheetContext {
  /** The shared strings table (xl/sharedStrings.xml). */
  strings: readonly string[];
  /** Style indexes (the `s` of a cell) whose number format is a date; only set for a 1904 workbook. */
  dateStyles1904: ReadonlySet<number> | null;
}

/** Days between the 1904 and the 1900 date systems: serial 0 of 1904 is serial 1462 of 1900. */
export const DAYS_1904 = 1462;

const TAGS = ['row', 'c', 'v', 'f', 'is', 't', 'rPh', 'sheetData'];
const ROW = 0;
const C = 1;
const V = 2;
const F = 3;
const IS = 4;
const T = 5;
const RPH = 6;
const SHEET_DATA = 7;

// cell types (t attribute)
const NUMBER = 0;
const SHARED = 1;
const STR = 2;
const INLINE = 3;
const BOOL = 4;
const ERROR = 5;
const ISO_DATE = 6;

const A_R = Buffer.from('r');
const A_T = Buffer.from('t');
const A_S = Buffer.from('s');
const A_SI = Buffer.from('si');

/** A formula whose result is a sum of cells: what a totals row holds in its amount (any case, `_xlfn.` prefix allowed). */
export const SUM_FORMULA = /^\s*(?:_xlfn\.)?(?:_xlws\.)?(?:SUM|SUBTOTAL|AGGREGATE)\s*\(/i;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number written in bytes [s, e): digits with an optional sign and decimal point read directly
 * (up to 15 digits, exact: an integer over a power of ten rounds once, as Number() does), anything
 * else (exponents, 16-17 digits) through Number(). NaN when it is no number.
 */
export function parseNumberBytes(buf: Buffer, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < e; i++) {
    const ch = buf[i];
    if (ch >= 48 && ch <= 57) {
      m = m * 10 + (ch - 48);
      digits++;
      if (dot) frac++;
    } else if (ch === 46 && !dot) {
      dot = true;
    } else {
      digits = 99;
      break;
    }
  }
  if (digits === 0 || digits > 15) {
    const t = buf.toString('latin1', s, e).trim();
    return t === '' ? NaN : Number(t);
  }
  const v = frac ? m / POW10[frac] : m;
  return neg ? -v : v;
}

const MS_PER_DAY = 86_400_000;
/** Days between 1899-12-30 (serial 0 of the 1900 system) and 1970-01-01. */
const EPOCH_SERIAL = 25569;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;

/** An ISO 8601 date of a `t="d"` cell as an Excel serial of the 1900 system; null when it is not one. */
export function isoToSerial(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), 0) + Number(m[6] ?? 0) * 1000;
  if (Number.isNaN(ms)) return null;
  return ms / MS_PER_DAY + EPOCH_SERIAL;
}

/** Scans the XML of one worksheet; feed it the inflated chunks in order. */
export class SheetScanner implements XmlHandler {
  private readonly x: XmlScanner;
  /** Whether `</sheetData>` was seen: a sheet that ends without it is cut short. */
  complete = false;
  /** Date cells moved from the 1904 to the 1900 system. */
  shifted1904 = 0;

  private rowNumber = 0;
  private cells: Cell[] = [];
  /** Cells of `cells` set so far (the rest of its length is room made in advance). */
  private filled = 0;
  /** The length of the last row: the next row's array is made that long at once, not grown push by push. */
  private width = 0;
  private sums: number[] | null = null;
  private col = -1;
  private type = NUMBER;
  private style = 0;
  // the <v> text: the first piece as bytes, more pieces (CDATA, rare) as a string
  private vBuf: Buffer | null = null;
  private vStart = 0;
  private vEnd = 0;
  private vMore: string | null = null;
  private inV = false;
  private inF = false;
  private fText = '';
  private fShared = -1;
  private isSum = false;
  private inIs = false;
  private inPhonetic = false;
  private inlineText: string | null = null;
  /** Shared formulas (by si) that are sums: the first cell of a group carries the text, the others only si. */
  private readonly sharedSums = new Map<number, boolean>();

  constructor(private readonly ctx: SheetContext, private readonly sink: RowSink) {
    this.x = new XmlScanner(TAGS, this);
  }

  feed(chunk: Buffer): void {
    this.x.feed(chunk);
  }

  /** True once the sink asked to stop or the cells are over (`</sheetData>`). */
  get stopped(): boolean {
    return this.x.stopped;
  }

  /** The end of the part. @throws XmlError when the XML or the sheet's cells are cut short. */
  end(): void {
    this.x.end();
    if (!this.complete && !this.x.stopped) throw new XmlError('the sheet ends before its last row');
  }

  open(tag: number, x: XmlScanner): void {
    switch (tag) {
      case C:
        this.openCell(x);
        break;
      case V:
        this.inV = true;
        this.vBuf = null;
        this.vMore = null;
        x.capture = true;
        break;
      case F:
        this.inF = true;
        this.fText = '';
        this.fShared = -1;
        {
          const k = x.attrIndex(A_SI);
          if (k >= 0) this.fShared = intOf(x.attrBuffer(), x.attrStart(k), x.attrEnd(k));
        }
        x.capture = true;
        break;
      case IS:
        this.inIs = true;
        this.inlineText = '';
        break;
      case T:
        if (this.inIs && !this.inPhonetic) x.capture = true;
        break;
      case RPH:
        this.inPhonetic = true;
        break;
      case ROW: {
        const k = x.attrIndex(A_R);
        const r = k >= 0 ? intOf(x.attrBuffer(), x.attrStart(k), x.attrEnd(k)) : -1;
        this.rowNumber = r > 0 ? r : this.rowNumber + 1;
        // V8 grows an empty array to 17 slots at its first push: 1,048,576 rows of 5 cells would carry
        // 12 empty slots each (100 MB); an array made at the expected length has none
        this.cells = this.width ? new Array<Cell>(this.width) : [];
        this.filled = 0;
        this.sums = null;
        this.col = -1;
        break;
      }
      default:
        break;
    }
  }

  close(tag: number, x: XmlScanner): void {
    switch (tag) {
      case C:
        this.closeCell();
        break;
      case V:
        this.inV = false;
        x.capture = false;
        break;
      case F:
        this.inF = false;
        x.capture = false;
        this.closeFormula();
        break;
      case T:
        if (this.inIs) x.capture = false;
        break;
      case IS:
        this.inIs = false;
        break;
      case RPH:
        this.inPhonetic = false;
        break;
      case ROW:
        if (this.filled || this.sums) {
          const cells = this.cells;
          if (cells.length !== this.filled) cells.length = this.filled;
          this.width = this.filled;
          if (!this.sink.row(this.rowNumber, cells, this.sums)) x.stopped = true;
        }
        break;
      case SHEET_DATA:
        this.complete = true;
        x.stopped = true;
        break;
      default:
        break;
    }
  }

  text(buf: Buffer, start: number, end: number, cdata: boolean): void {
    if (this.inV) {
      if (this.vBuf === null && this.vMore === null && !cdata) {
        this.vBuf = buf;
        this.vStart = start;
        this.vEnd = end;
      } else {
        // more than one piece (CDATA or a comment inside <v>): keep it as text
        const piece = cdata ? buf.toString('utf8', start, end) : decodeCellText(buf.toString('utf8', start, end));
        this.vMore = (this.vMore ?? this.vText()) + piece;
        this.vBuf = null;
      }
    } else if (this.inF) {
      this.fText += cdata ? buf.toString('utf8', start, end) : decodeCellText(buf.toString('utf8', start, end));
    } else if (this.inIs) {
      const s = buf.toString('utf8', start, end);
      this.inlineText += cdata ? s : decodeCellText(s);
    }
  }

  private openCell(x: XmlScanner): void {
    const buf = x.attrBuffer();
    let k = x.attrIndex(A_R);
    if (k >= 0) {
      // the column letters of "B12"
      let c = 0;
      const e = x.attrEnd(k);
      for (let i = x.attrStart(k); i < e; i++) {
        const b = buf[i];
        if (b >= 65 && b <= 90) c = c * 26 + (b - 64);
        else if (b >= 97 && b <= 122) c = c * 26 + (b - 96);
        else break;
      }
      this.col = c - 1;
    } else {
      this.col++;
    }
    this.type = NUMBER;
    k = x.attrIndex(A_T);
    if (k >= 0) this.type = cellType(buf, x.attrStart(k), x.attrEnd(k));
    this.style = 0;
    if (this.ctx.dateStyles1904) {
      k = x.attrIndex(A_S);
      if (k >= 0) this.style = intOf(buf, x.attrStart(k), x.attrEnd(k));
    }
    this.vBuf = null;
    this.vMore = null;
    this.isSum = false;
    this.inlineText = null;
  }

  private closeFormula(): void {
    const text = this.fText;
    if (text.trim()) {
      this.isSum = SUM_FORMULA.test(text);
      if (this.fShared >= 0) this.sharedSums.set(this.fShared, this.isSum);
    } else if (this.fShared >= 0) {
      this.isSum = this.sharedSums.get(this.fShared) ?? false;
    }
  }

  private closeCell(): void {
    const value = this.cellValue();
    const col = this.col;
    if (col < 0) return;
    if (value !== '') {
      const cells = this.cells;
      for (let k = this.filled; k < col; k++) cells[k] = '';
      cells[col] = value;
      if (col >= this.filled) this.filled = col + 1;
    }
    if (this.isSum) (this.sums ??= []).push(col);
  }

  /** The value of the cell just closed, as Excel hands it to an add-in. */
  private cellValue(): Cell {
    const type = this.type;
    if (type === INLINE && this.inlineText !== null) return this.inlineText;
    const raw = this.vBuf;
    if (raw === null && this.vMore === null) return '';
    if (type === NUMBER) {
      let v = raw ? parseNumberBytes(raw, this.vStart, this.vEnd) : Number(this.vMore!.trim() || NaN);
      if (Number.isNaN(v)) return this.vText();
      if (!Number.isFinite(v)) return '#NUM!';
      const dates = this.ctx.dateStyles1904;
      if (dates && dates.has(this.style)) {
        v += DAYS_1904;
        this.shifted1904++;
      }
      return v;
    }
    if (type === SHARED) {
      const i = raw ? parseNumberBytes(raw, this.vStart, this.vEnd) : Number(this.vMore);
      const s = this.ctx.strings[i];
      if (s === undefined) throw new XmlError(`a cell refers to shared string ${i}, which is not in the file`);
      return s;
    }
    const text = this.vText();
    switch (type) {
      case BOOL:
        return text.trim() === '1' || text.trim().toLowerCase() === 'true';
      case ERROR:
        return text.trim();
      case ISO_DATE:
        return isoToSerial(text) ?? text;
      default:
        return text; // str (a formula's text result), an inline string written as <v>
    }
  }

  private vText(): string {
    if (this.vMore !== null) return this.vMore;
    return this.vBuf ? decodeCellText(this.vBuf.toString('utf8', this.vStart, this.vEnd)) : '';
  }
}

function cellType(buf: Buffer, s: number, e: number): number {
  const len = e - s;
  const b = buf[s];
  if (len === 1) {
    if (b === 115 /* s */) return SHARED;
    if (b === 110 /* n */) return NUMBER;
    if (b === 98 /* b */) return BOOL;
    if (b === 101 /* e */) return ERROR;
    if (b === 100 /* d */) return ISO_DATE;
  }
  if (len === 3 && b === 115) return STR; // str
  if (len === 9 && b === 105) return INLINE; // inlineStr
  return NUMBER;
}

/** A whole number written in bytes [s, e) (row numbers, indexes); -1 when there is none. */
function intOf(buf: Buffer, s: number, e: number): number {
  let v = 0;
  let any = false;
  for (let i = s; i < e; i++) {
    const b = buf[i];
    if (b < 48 || b > 57) break;
    v = v * 10 + (b - 48);
    any = true;
  }
  return any ? v : -1;
}
