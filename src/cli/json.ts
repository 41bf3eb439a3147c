import * as fs from 'fs';
import { CLIENT_JSON_KEYS, dayToIso, LTV_CLIENT_JSON_KEYS, toJson, type ClientResult, type SegmentationResult } from '../core';
import { CliError, ExitCode } from './exit';
import { putNumberText } from './number-text';

/** Skipped rows turned into JSON through toJson at a time. */
const BATCH = 5_000;
/** Bytes gathered before they go to the file. */
const SIZE = 1 << 20;
const NULL = Uint8Array.from('null', (c) => c.charCodeAt(0));
/** Clients compared, at the start of every run, between the direct writing and toJson's text. */
const CHECKED = 500;

/**
 * Where JSON goes: bytes gathered in one buffer, used again and again, and handed on when full (a new
 * buffer or string per piece would be memory the garbage collector has to chase over the whole heap).
 */
export class ByteSink {
  private readonly buf = Buffer.allocUnsafe(SIZE);
  private pos = 0;

  constructor(private readonly out: (bytes: Uint8Array) => void) {}

  private room(bytes: number): void {
    if (this.pos + bytes > SIZE) this.flush();
  }

  /** Text known to be ASCII (punctuation, keys, numbers, ISO dates). */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let k = 0; k < s.length; k++) buf[p++] = s.charCodeAt(k);
    this.pos = p;
  }

  /**
   * Room for `bytes` more (the gathered bytes handed on first when there is not): then write into
   * {@link buffer} from {@link position} and set the position after what was written.
   * @returns false when `bytes` is more than the buffer holds.
   */
  reserve(bytes: number): boolean {
    if (bytes > SIZE) return false;
    this.room(bytes);
    return true;
  }

  /** The buffer being filled (see {@link reserve}). */
  get buffer(): Buffer {
    return this.buf;
  }

  /** Where the next byte goes (see {@link reserve}). */
  get position(): number {
    return this.pos;
  }

  set position(p: number) {
    this.pos = p;
  }

  /** Bytes known in advance (the fixed parts of a record). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    const buf = this.buf;
    let p = this.pos;
    for (let k = 0; k < b.length; k++) buf[p++] = b[k];
    this.pos = p;
  }

  /** A number as JSON.stringify writes it: the shortest text that reads back the same; null when not finite. */
  number(v: number | null): void {
    if (v === null || !Number.isFinite(v)) {
      this.bytes(NULL);
      return;
    }
    if (v >= 0 && v <= 0x7fffffff && (v | 0) === v) {
      // a whole number (also -0, which JSON writes 0): its digits, without a string
      this.room(10);
      const buf = this.buf;
      let n = v | 0;
      let p = this.pos;
      if (n < 10) buf[p++] = 48 + n;
      else {
        let digits = 0;
        for (let t = n; t > 0; t = (t / 10) | 0) digits++;
        p += digits;
        for (let q = p - 1; n > 0; q--) {
          buf[q] = 48 + (n % 10);
          n = (n / 10) | 0;
        }
      }
      this.pos = p;
      return;
    }
    this.ascii(String(v));
  }

  /** A string (or null) as JSON.stringify writes it, in UTF-8. */
  json(s: string | null): void {
    if (s === null) {
      this.bytes(NULL);
      return;
    }
    // printable ASCII without a quote or a backslash is written as it is, between quotes
    const n = s.length;
    if (n <= 256) {
      this.room(n + 2);
      const buf = this.buf;
      let p = this.pos;
      buf[p++] = 34;
      let k = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (c < 32 || c > 126 || c === 34 || c === 92) break;
        buf[p++] = c;
      }
      if (k === n) {
        buf[p++] = 34;
        this.pos = p;
        return;
      }
    }
    this.text(JSON.stringify(s));
  }

  /** Any text, in UTF-8. */
  text(s: string): void {
    const bytes = s.length <= SIZE / 4 ? s.length * 3 : Buffer.byteLength(s, 'utf8');
    if (bytes > SIZE) {
      this.flush();
      this.out(Buffer.from(s, 'utf8'));
      return;
    }
    this.room(bytes);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Hands the gathered bytes on. */
  flush(): void {
    if (!this.pos) return;
    this.out(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/** `JSON.stringify(value, null, 2)` written at `indent` (its inner lines shifted right by it). */
function indented(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent && text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
}

/** A list as JSON.stringify writes it inside a document member: '{\n  "k": [\n' items '\n  ]\n}'. */
const LIST_HEAD = '{\n  "k": [\n';
const LIST_TAIL = '\n  ]\n}';

/** The items of a list as JSON.stringify indents them inside the document (items separated by ",\n"). */
function itemsText(items: unknown[]): string {
  const text = JSON.stringify({ k: items }, null, 2);
  return items.length ? text.slice(LIST_HEAD.length, text.length - LIST_TAIL.length) : '';
}

/**
 * The keys {@link clientRecord} writes, in order, with the result's field of each: CLIENT_JSON_KEYS then
 * the LTV keys of LTV_CLIENT_JSON_KEYS when it was written (checked at every run).
 */
const RECORD_KEYS: ReadonlyArray<readonly [key: string, field: string]> = [
  ...[
    'client', 'revenue', 'profit', 'orders', 'firstPurchase', 'lastPurchase', 'recencyDays', 'revenueShare',
    'abc', 'abcProfit', 'xyz', 'cv', 'abcXyz', 'r', 'f', 'm', 'rfm', 'rfmSegment', 'lifecycle', 'quadrant', 'keyClient',
    'status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent',
  ].map((k) => [k, k] as const),
  ['pAlive', 'pAlive'], ['expectedPurchases12m', 'expectedPurchases'], ['expectedValue', 'expectedValue'], ['clv12m', 'clv'], ['ltvSimple', 'ltvSimple'],
];

/** The keys toJson writes for a client, with the result's field of each (as RECORD_KEYS). */
const TOJSON_KEYS = (): string => [...CLIENT_JSON_KEYS.map((k) => `${k}=${k}`), ...LTV_CLIENT_JSON_KEYS.map(([k, f]) => `${k}=${f}`)].join();

/** ASCII text as bytes. */
const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** What comes before each value of a client's record (its key), and after the last: as toJson's text is indented inside the document. */
const RECORD_PARTS: readonly Uint8Array[] = [
  ...RECORD_KEYS.map(([key], i) => bytesOf(`${i ? ',' : '    {'}\n      ${JSON.stringify(key)}: `)),
  bytesOf('\n    }'),
];
const [
  P_CLIENT, P_REVENUE, P_PROFIT, P_ORDERS, P_FIRST, P_LAST, P_RECENCY, P_SHARE, P_ABC, P_ABC_PROFIT, P_XYZ, P_CV, P_ABC_XYZ,
  P_R, P_F, P_M, P_RFM, P_SEGMENT, P_LIFECYCLE, P_QUADRANT, P_KEY, P_STATUS, P_PREVIOUS, P_CURRENT, P_GROWTH, P_ABC_PREVIOUS,
  P_ABC_CURRENT, P_ALIVE, P_PURCHASES, P_VALUE, P_CLV, P_SIMPLE, P_END,
] = RECORD_PARTS;
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');

/**
 * One client's record as `JSON.stringify(toJson(result), null, 2)` indents it inside the document,
 * written straight from the result into the sink's bytes (what {@link toJson} does per client: the
 * fields of CLIENT_JSON_KEYS, the purchase dates as ISO dates, then the LTV keys), without its object
 * and without a string per record: a million clients in about a second (docs/notes-infra.md).
 * @param iso the JSON text of a day as an ISO date (kept by the caller: the dates repeat).
 */
export function writeClientRecord(sink: ByteSink, c: ClientResult, iso: (day: number | null) => string): void {
  // every part of the record but the name is ASCII and short: room for them, and for the name in
  // UTF-8 (3 bytes a character) or escaped (6: \u0001)
  if (!sink.reserve(RECORD_ROOM + 6 * c.client.length)) {
    writeClientRecordSlowly(sink, c, iso);
    return;
  }
  const buf = sink.buffer;
  let p = sink.position;
  p = putBytes(buf, p, P_CLIENT);
  p = putJson(buf, p, c.client);
  p = putBytes(buf, p, P_REVENUE);
  p = putNumber(buf, p, c.revenue);
  p = putBytes(buf, p, P_PROFIT);
  p = putNumber(buf, p, c.profit);
  p = putBytes(buf, p, P_ORDERS);
  p = putNumber(buf, p, c.orders);
  p = putBytes(buf, p, P_FIRST);
  p = putAscii(buf, p, iso(c.firstPurchase));
  p = putBytes(buf, p, P_LAST);
  p = putAscii(buf, p, iso(c.lastPurchase));
  p = putBytes(buf, p, P_RECENCY);
  p = putNumber(buf, p, c.recencyDays);
  p = putBytes(buf, p, P_SHARE);
  p = putNumber(buf, p, c.revenueShare);
  p = putBytes(buf, p, P_ABC);
  p = putJson(buf, p, c.abc);
  p = putBytes(buf, p, P_ABC_PROFIT);
  p = putJson(buf, p, c.abcProfit);
  p = putBytes(buf, p, P_XYZ);
  p = putJson(buf, p, c.xyz);
  p = putBytes(buf, p, P_CV);
  p = putNumber(buf, p, c.cv);
  p = putBytes(buf, p, P_ABC_XYZ);
  p = putJson(buf, p, c.abcXyz);
  p = putBytes(buf, p, P_R);
  p = putNumber(buf, p, c.r);
  p = putBytes(buf, p, P_F);
  p = putNumber(buf, p, c.f);
  p = putBytes(buf, p, P_M);
  p = putNumber(buf, p, c.m);
  p = putBytes(buf, p, P_RFM);
  p = putNumber(buf, p, c.rfm);
  p = putBytes(buf, p, P_SEGMENT);
  p = putJson(buf, p, c.rfmSegment);
  p = putBytes(buf, p, P_LIFECYCLE);
  p = putJson(buf, p, c.lifecycle);
  p = putBytes(buf, p, P_QUADRANT);
  p = putJson(buf, p, c.quadrant);
  p = putBytes(buf, p, P_KEY);
  p = putBytes(buf, p, c.keyClient ? TRUE : FALSE);
  p = putBytes(buf, p, P_STATUS);
  p = putJson(buf, p, c.status);
  p = putBytes(buf, p, P_PREVIOUS);
  p = putNumber(buf, p, c.revenuePrevious);
  p = putBytes(buf, p, P_CURRENT);
  p = putNumber(buf, p, c.revenueCurrent);
  p = putBytes(buf, p, P_GROWTH);
  p = putNumber(buf, p, c.growth);
  p = putBytes(buf, p, P_ABC_PREVIOUS);
  p = putJson(buf, p, c.abcPrevious);
  p = putBytes(buf, p, P_ABC_CURRENT);
  p = putJson(buf, p, c.abcCurrent);
  p = putBytes(buf, p, P_ALIVE);
  p = putNumber(buf, p, c.pAlive);
  p = putBytes(buf, p, P_PURCHASES);
  p = putNumber(buf, p, c.expectedPurchases);
  p = putBytes(buf, p, P_VALUE);
  p = putNumber(buf, p, c.expectedValue);
  p = putBytes(buf, p, P_CLV);
  p = putNumber(buf, p, c.clv);
  p = putBytes(buf, p, P_SIMPLE);
  p = putNumber(buf, p, c.ltvSimple);
  p = putBytes(buf, p, P_END);
  sink.position = p;
}

/**
 * The most bytes of a record besides its name: the keys and punctuation, 23 numbers of at most 24
 * characters (JavaScript's longest, "-1.2345678901234567e-100"), 11 short labels, 2 dates.
 */
const RECORD_ROOM = RECORD_PARTS.reduce((n, b) => n + b.length, 0) + 23 * 24 + 11 * 40 + 2 * 12 + 16;

/** {@link writeClientRecord} through the sink's methods, for a name longer than its buffer. */
function writeClientRecordSlowly(sink: ByteSink, c: ClientResult, iso: (day: number | null) => string): void {
  sink.bytes(P_CLIENT);
  sink.json(c.client);
  const rest = { ...c, client: '' };
  // the rest as in the quick way, into a buffer of its own
  const parts: Buffer[] = [];
  const tail = new ByteSink((b) => parts.push(Buffer.from(b)));
  writeClientRecord(tail, rest, iso);
  tail.flush();
  const text = Buffer.concat(parts);
  sink.text(text.toString('utf8', P_CLIENT.length + 2));
}

function putBytes(buf: Buffer, p: number, b: Uint8Array): number {
  for (let k = 0; k < b.length; k++) buf[p++] = b[k];
  return p;
}

function putAscii(buf: Buffer, p: number, s: string): number {
  for (let k = 0; k < s.length; k++) buf[p++] = s.charCodeAt(k);
  return p;
}

/** A number as JSON.stringify writes it (null when not finite): whole numbers digit by digit, others as String() gives them. */
function putNumber(buf: Buffer, p: number, v: number | null): number {
  if (v === null || !Number.isFinite(v)) return putBytes(buf, p, NULL);
  if (v >= 0 && v <= 0x7fffffff && (v | 0) === v) {
    let n = v | 0; // -0 is written 0, as JSON.stringify does
    if (n < 10) {
      buf[p] = 48 + n;
      return p + 1;
    }
    let digits = 0;
    for (let t = n; t > 0; t = (t / 10) | 0) digits++;
    const end = p + digits;
    for (let q = end - 1; n > 0; q--) {
      buf[q] = 48 + (n % 10);
      n = (n / 10) | 0;
    }
    return end;
  }
  return putNumberText(buf, p, v);
}

/**
 * A string (or null) as JSON.stringify writes it, in UTF-8: printable ASCII without a quote or a
 * backslash byte by byte, other text without anything to escape by Buffer's UTF-8 writing, the rest
 * (control characters, quotes, backslashes, lone surrogates) through JSON.stringify. Room for 6 bytes
 * a character and the quotes must be there.
 */
function putJson(buf: Buffer, p: number, s: string | null): number {
  if (s === null) return putBytes(buf, p, NULL);
  const n = s.length;
  buf[p] = 34;
  let q = p + 1;
  let k = 0;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 32 || c > 126 || c === 34 || c === 92) break;
    buf[q++] = c;
  }
  if (k < n) {
    let plain = true;
    for (let j = k; j < n && plain; j++) {
      const c = s.charCodeAt(j);
      if (c < 32 || c === 34 || c === 92) plain = false;
      else if (c >= 0xd800 && c <= 0xdfff) {
        // a surrogate pair is written as it is; a lone surrogate is escaped by JSON.stringify
        const d = s.charCodeAt(j + 1);
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) j++;
        else plain = false;
      }
    }
    if (!plain) return p + buf.write(JSON.stringify(s), p, 'utf8');
    q += buf.write(s.slice(k), q, 'utf8');
  }
  buf[q] = 34;
  return q + 1;
}

/** The JSON text of a day as an ISO date, kept by day. */
function isoTexts(): (day: number | null) => string {
  const texts = new Map<number, string>();
  return (day) => {
    if (day === null) return 'null';
    let t = texts.get(day);
    if (t === undefined) {
      t = `"${dayToIso(day)}"`;
      texts.set(day, t);
    }
    return t;
  };
}

/** Writes the clients' records, separated by ",\n", through {@link writeClientRecord}. */
export function writeClients(sink: ByteSink, clients: readonly ClientResult[], iso = isoTexts()): void {
  for (let i = 0; i < clients.length; i++) {
    if (i) sink.ascii(',\n');
    writeClientRecord(sink, clients[i], iso);
  }
}

/** Bytes gathered in memory (for a comparison, and for tests). */
function collect(write: (sink: ByteSink) => void): string {
  const parts: Buffer[] = [];
  const sink = new ByteSink((b) => parts.push(Buffer.from(b)));
  write(sink);
  sink.flush();
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Writes the --json document of a segmentation: `JSON.stringify(toJson(result), null, 2)` byte for
 * byte, and a final newline, without ever holding it (a million clients make more text than a string
 * can hold). The clients are written by {@link writeClients} when its text for the first ones equals
 * toJson's (it always should: were toJson to change, the run falls back to toJson a batch at a time
 * rather than write something else); the skipped rows go through toJson a batch at a time.
 */
export function writeSegmentationJson(result: SegmentationResult, sink: ByteSink): void {
  const head = toJson({ ...result, clients: [], skipped: [] }) as unknown as Record<string, unknown>;
  const iso = isoTexts();
  const sample = result.clients.slice(0, CHECKED);
  const direct =
    RECORD_KEYS.map(([k, f]) => `${k}=${f}`).join() === TOJSON_KEYS() &&
    collect((s) => writeClients(s, sample, iso)) === itemsText(toJson({ ...result, clients: sample, skipped: [] }).clients);
  const lists: Record<string, () => boolean> = {
    skipped: () => {
      for (let i = 0; i < result.skipped.length; i += BATCH) {
        sink.ascii(i ? ',\n' : '[\n');
        sink.text(itemsText(toJson({ ...result, clients: [], skipped: result.skipped.slice(i, i + BATCH) }).skipped));
      }
      return result.skipped.length > 0;
    },
    clients: () => {
      if (!result.clients.length) return false;
      sink.ascii('[\n');
      if (direct) {
        writeClients(sink, result.clients, iso);
      } else {
        for (let i = 0; i < result.clients.length; i += BATCH) {
          if (i) sink.ascii(',\n');
          sink.text(itemsText(toJson({ ...result, clients: result.clients.slice(i, i + BATCH), skipped: [] }).clients));
        }
      }
      return true;
    },
  };
  const keys = Object.keys(head).filter((k) => k in lists || (head[k] !== undefined && typeof head[k] !== 'function' && typeof head[k] !== 'symbol'));
  if (!keys.length) {
    sink.ascii('{}\n');
    return;
  }
  sink.ascii('{');
  keys.forEach((k, i) => {
    sink.text(`${i ? ',' : ''}\n  ${JSON.stringify(k)}: `);
    const list = lists[k];
    if (!list) sink.text(indented(head[k], '  '));
    else sink.ascii(list() ? '\n  ]' : '[]');
  });
  sink.ascii('\n}\n');
}

/** The --json document of a segmentation as one string (tests; a small result only). */
export function segmentationJsonText(result: SegmentationResult): string {
  return collect((sink) => writeSegmentationJson(result, sink));
}

/**
 * Writes `write`'s bytes to `file`.
 * @throws CliError OUTPUT when the file cannot be written.
 */
export function writeBytesFile(file: string, write: (sink: ByteSink) => void): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'w');
    const sink = new ByteSink((bytes) => {
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd!, bytes, done, bytes.length - done);
    });
    write(sink);
    sink.flush();
  } catch (e) {
    throw new CliError(ExitCode.OUTPUT, `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
