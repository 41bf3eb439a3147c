/**
 * A small streaming XML scanner for the parts of an .xlsx (SpreadsheetML is regular: no DTDs, a
 * handful of elements per cell). It works on the bytes as they come out of the inflater, chunk by
 * chunk, and tells a handler about the start and end tags it asks for (by local name, any namespace
 * prefix ignored) and the character data between them. Attribute values and text are decoded only
 * when the handler asks for them, which is what makes it fast: a SAX parser builds strings and
 * attribute objects for every tag (docs/notes-infra.md has the measurements).
 *
 * Not a validating parser: well-formedness beyond tags, attributes and text is not checked.
 */

/** The XML of a part is broken (a tag without its end, an attribute without a value). */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** What the scanner calls; tag numbers are indexes into the names the scanner was made with. */
export interface XmlHandler {
  /** A start tag; `x`'s attribute accessors read its attributes during the call only. */
  open(tag: number, x: XmlScanner): void;
  /** An end tag (also called right after `open` for an empty element `<x/>`). */
  close(tag: number, x: XmlScanner): void;
  /** Character data while `x.capture` is true: bytes [start, end) of `buf`; CDATA is not entity-encoded. */
  text(buf: Buffer, start: number, end: number, cdata: boolean): void;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const COMMENT_END = Buffer.from('-->');
const CDATA_START = Buffer.from('<![CDATA[');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');
const EMPTY = Buffer.alloc(0);

function isSpace(b: number): boolean {
  return b === 32 || b === 10 || b === 13 || b === 9;
}

/** A streaming scanner: feed it chunks in order, then call end(). */
export class XmlScanner {
  /** Set by the handler while it wants character data. */
  capture = false;
  /** Set by the handler to stop the scan (the rest of the part is not needed). */
  stopped = false;
  private readonly names: Buffer[];
  private rest: Buffer = EMPTY;
  /** The buffer the current tag's attributes point into. */
  private buf: Buffer = EMPTY;
  /** Per attribute: local name start, name end, value start, value end. */
  private attrs = new Int32Array(64);
  private attrCount = 0;

  /** @param names the local names of the tags the handler wants, e.g. ['row', 'c', 'v']. */
  constructor(names: readonly string[], private readonly handler: XmlHandler) {
    this.names = names.map((n) => Buffer.from(n, 'latin1'));
  }

  /** Scans a chunk; an incomplete tag or text at its end waits for the next chunk. */
  feed(chunk: Buffer): void {
    if (this.stopped) return;
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = EMPTY;
    const keep = this.scan(buf);
    if (keep >= 0 && !this.stopped) this.rest = Buffer.from(buf.subarray(keep)); // a copy: the chunk may be reused
  }

  /** The end of the part. @throws XmlError when it ends inside a tag or inside captured text. */
  end(): void {
    if (this.stopped) return;
    if (this.rest.length) throw new XmlError('the XML ends inside a tag');
  }

  /** Scans `buf`; returns where the unfinished rest starts, or -1 when all of it was used. */
  private scan(buf: Buffer): number {
    const n = buf.length;
    const handler = this.handler;
    let i = 0;
    while (i < n) {
      if (this.stopped) return -1;
      // a loop, not buf.indexOf: the text between two tags is short, and indexOf costs a native call
      let lt = i;
      while (lt < n && buf[lt] !== LT) lt++;
      if (lt >= n) return this.capture ? i : -1;
      if (lt > i && this.capture) handler.text(buf, i, lt, false);
      if (lt + 1 >= n) return lt;
      const c1 = buf[lt + 1];
      if (c1 === SLASH) {
        let gt = lt + 2;
        while (gt < n && buf[gt] !== GT) gt++;
        if (gt >= n) return lt;
        let s = lt + 2;
        let e = s;
        while (e < gt && !isSpace(buf[e])) {
          if (buf[e] === COLON) s = e + 1;
          e++;
        }
        const tag = this.lookup(buf, s, e);
        if (tag >= 0) handler.close(tag, this);
        i = gt + 1;
        continue;
      }
      if (c1 === BANG) {
        if (buf[lt + 2] === 45 /* - */) {
          if (lt + 3 >= n) return lt;
          const end = buf.indexOf(COMMENT_END, lt + 4);
          if (end < 0) return lt;
          i = end + 3;
        } else if (buf[lt + 2] === 91 /* [ */) {
          if (lt + CDATA_START.length > n) return lt;
          const end = buf.indexOf(CDATA_END, lt + CDATA_START.length);
          if (end < 0) return lt;
          if (this.capture) handler.text(buf, lt + CDATA_START.length, end, true);
          i = end + 3;
        } else {
          const gt = buf.indexOf(GT, lt + 2); // <!DOCTYPE ...> (no internal subset in SpreadsheetML)
          if (gt < 0) return lt;
          i = gt + 1;
        }
        continue;
      }
      if (c1 === QUESTION) {
        const end = buf.indexOf(PI_END, lt + 2);
        if (end < 0) return lt;
        i = end + 2;
        continue;
      }
      // a start tag: its name, then attributes name="value" or name='value'
      let p = lt + 1;
      let s = p;
      while (p < n) {
        const b = buf[p];
        if (isSpace(b) || b === GT || b === SLASH) break;
        if (b === COLON) s = p + 1;
        p++;
      }
      const nameEnd = p;
      let count = 0;
      let empty = false;
      let closed = false;
      while (p < n) {
        let b = buf[p];
        if (isSpace(b)) {
          p++;
          continue;
        }
        if (b === GT) {
          p++;
          closed = true;
          break;
        }
        if (b === SLASH) {
          if (p + 1 >= n) break;
          if (buf[p + 1] !== GT) throw new XmlError('a "/" inside a tag');
          p += 2;
          empty = true;
          closed = true;
          break;
        }
        let an = p;
        while (p < n) {
          b = buf[p];
          if (b === EQUALS || isSpace(b) || b === GT || b === SLASH) break;
          if (b === COLON) an = p + 1;
          p++;
        }
        const ae = p;
        while (p < n && isSpace(buf[p])) p++;
        if (p >= n) break;
        if (buf[p] !== EQUALS) throw new XmlError('an attribute without a value');
        p++;
        while (p < n && isSpace(buf[p])) p++;
        if (p >= n) break;
        const q = buf[p];
        if (q !== DQUOTE && q !== SQUOTE) throw new XmlError('an attribute value without quotes');
        let ve = p + 1;
        while (ve < n && buf[ve] !== q) ve++;
        if (ve >= n) {
          p = n;
          break;
        }
        if (count * 4 + 4 > this.attrs.length) {
          const grown = new Int32Array(this.attrs.length * 2);
          grown.set(this.attrs);
          this.attrs = grown;
        }
        const a = this.attrs;
        a[count * 4] = an;
        a[count * 4 + 1] = ae;
        a[count * 4 + 2] = p + 1;
        a[count * 4 + 3] = ve;
        count++;
        p = ve + 1;
      }
      if (!closed) return lt;
      const tag = this.lookup(buf, s, nameEnd);
      if (tag >= 0) {
        this.buf = buf;
        this.attrCount = count;
        handler.open(tag, this);
        if (empty) handler.close(tag, this);
      }
      i = p;
    }
    return -1;
  }

  private lookup(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    const names = this.names;
    outer: for (let k = 0; k < names.length; k++) {
      const name = names[k];
      if (name.length !== len) continue;
      for (let j = 0; j < len; j++) if (name[j] !== buf[s + j]) continue outer;
      return k;
    }
    return -1;
  }

  /** Index of the current tag's attribute with this local name (one byte per character), or -1. */
  attrIndex(name: Buffer): number {
    const a = this.attrs;
    const buf = this.buf;
    const len = name.length;
    outer: for (let k = 0; k < this.attrCount; k++) {
      const s = a[k * 4];
      if (a[k * 4 + 1] - s !== len) continue;
      for (let j = 0; j < len; j++) if (name[j] !== buf[s + j]) continue outer;
      return k;
    }
    return -1;
  }

  /** The buffer the current tag's attribute values lie in (raw bytes, not entity-decoded). */
  attrBuffer(): Buffer {
    return this.buf;
  }

  /** Where attribute `k`'s value starts in {@link attrBuffer}. */
  attrStart(k: number): number {
    return this.attrs[k * 4 + 2];
  }

  /** Where attribute `k`'s value ends (exclusive) in {@link attrBuffer}. */
  attrEnd(k: number): number {
    return this.attrs[k * 4 + 3];
  }

  /** The decoded value of the current tag's attribute with this local name, or undefined. */
  attr(name: string): string | undefined {
    const k = this.attrIndex(Buffer.from(name, 'latin1'));
    return k < 0 ? undefined : decodeXmlText(this.buf.toString('utf8', this.attrStart(k), this.attrEnd(k)));
  }
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entity(_: string, name: string): string {
  if (name.charCodeAt(0) !== 35 /* # */) return NAMED[name];
  const code = name.charCodeAt(1) === 120 /* x */ ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0x10ffff ? '\ufffd' : String.fromCodePoint(code);
}

/** XML character data as text: entities decoded, line ends as "\n". */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') >= 0) s = s.replace(ENTITY, entity);
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  return s;
}

const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Cell text as Excel means it: besides the XML entities, OOXML escapes characters XML cannot hold
 * as `_xHHHH_` ("_x000D_" is a carriage return; "_x005F_" an underscore that protects what follows).
 * ECMA-376 Part 1, 22.9.2.19 ST_Xstring.
 */
export function decodeCellText(s: string): string {
  s = decodeXmlText(s);
  if (s.indexOf('_x') >= 0) s = s.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}
