import * as fs from 'fs';
import { CLIENT_JSON_KEYS, dayToIso, LTV_CLIENT_JSON_KEYS, toJson, type ClientResult, type SegmentationResult } from '../core';
import { CliError, ExitCode } from './exit';

/** Skipped rows turned into JSON through toJson at a time. */
const BATCH = 5_000;
/** Bytes gathered before they go to the file. */
const SIZE = 1 << 20;
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

/** JSON texts of short strings seen (class labels repeat a million times), at most 4,096 of them. */
const shortTexts = new Map<string, string>();

/** A string or null as JSON.stringify writes it. */
function str(v: string | null): string {
  if (v === null) return 'null';
  if (v.length > 24) return JSON.stringify(v);
  let t = shortTexts.get(v);
  if (t === undefined) {
    t = JSON.stringify(v);
    if (shortTexts.size < 4096) shortTexts.set(v, t);
  }
  return t;
}

/** A number or null as JSON.stringify writes it (null when not finite). */
const num = (v: number | null): string => (v !== null && Number.isFinite(v) ? String(v) : 'null');

/**
 * One client's record as `JSON.stringify(toJson(result), null, 2)` indents it inside the document, made
 * straight from the result (what {@link toJson} does per client: the fields of CLIENT_JSON_KEYS, the
 * purchase dates as ISO dates, then the LTV keys) without its object: about three times faster for a
 * million clients.
 * @param iso the ISO text of a day (kept by the caller: the dates repeat).
 */
export function clientRecord(c: ClientResult, iso: (day: number | null) => string): string {
  return (
    `    {\n      "client": ${str(c.client)},\n      "revenue": ${num(c.revenue)},\n      "profit": ${num(c.profit)},` +
    `\n      "orders": ${num(c.orders)},\n      "firstPurchase": ${iso(c.firstPurchase)},\n      "lastPurchase": ${iso(c.lastPurchase)},` +
    `\n      "recencyDays": ${num(c.recencyDays)},\n      "revenueShare": ${num(c.revenueShare)},\n      "abc": ${str(c.abc)},` +
    `\n      "abcProfit": ${str(c.abcProfit)},\n      "xyz": ${str(c.xyz)},\n      "cv": ${num(c.cv)},\n      "abcXyz": ${str(c.abcXyz)},` +
    `\n      "r": ${num(c.r)},\n      "f": ${num(c.f)},\n      "m": ${num(c.m)},\n      "rfm": ${num(c.rfm)},` +
    `\n      "rfmSegment": ${str(c.rfmSegment)},\n      "lifecycle": ${str(c.lifecycle)},\n      "quadrant": ${str(c.quadrant)},` +
    `\n      "keyClient": ${c.keyClient ? 'true' : 'false'},\n      "status": ${str(c.status)},\n      "revenuePrevious": ${num(c.revenuePrevious)},` +
    `\n      "revenueCurrent": ${num(c.revenueCurrent)},\n      "growth": ${num(c.growth)},\n      "abcPrevious": ${str(c.abcPrevious)},` +
    `\n      "abcCurrent": ${str(c.abcCurrent)},\n      "pAlive": ${num(c.pAlive)},\n      "expectedPurchases12m": ${num(c.expectedPurchases)},` +
    `\n      "expectedValue": ${num(c.expectedValue)},\n      "clv12m": ${num(c.clv)},\n      "ltvSimple": ${num(c.ltvSimple)}\n    }`
  );
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

/** Writes the clients' records, separated by ",\n", through {@link clientRecord}. */
export function writeClients(sink: ByteSink, clients: readonly ClientResult[], iso = isoTexts()): void {
  for (let i = 0; i < clients.length; i++) {
    if (i) sink.ascii(',\n');
    sink.text(clientRecord(clients[i], iso));
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
