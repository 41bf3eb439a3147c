import * as fs from 'fs';
import { CLIENT_JSON_KEYS, dayToIso, toJson, type ClientResult, type SegmentationResult } from '../core';
import { CliError, ExitCode } from './exit';

/** Skipped rows turned into JSON through toJson at a time. */
const BATCH = 5_000;
/** A string JSON.stringify writes as it is, between quotes: printable ASCII without " and \\. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
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
  private readonly digits = new Uint8Array(24);
  /** The JSON bytes of short strings seen (at most 4,096 of them). */
  private readonly strings = new Map<string, Buffer>();

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

  /** A number as JSON.stringify writes it (the shortest text that reads back the same; null when not finite). */
  number(v: number): void {
    if (!Number.isFinite(v)) {
      this.ascii('null');
    } else if (Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER) {
      this.room(16);
      const d = this.digits;
      let k = 0;
      do {
        d[k++] = 48 + (v % 10);
        v = Math.floor(v / 10);
      } while (v > 0);
      while (k > 0) this.buf[this.pos++] = d[--k];
    } else {
      this.ascii(String(v));
    }
  }

  /**
   * A string as JSON.stringify writes it: a plain ASCII one straight (most names), a short one from a
   * cache of its bytes (class labels repeat a million times), any other through JSON.stringify.
   */
  string(s: string): void {
    if (s.length <= 24) {
      let bytes = this.strings.get(s);
      if (bytes === undefined) {
        bytes = Buffer.from(JSON.stringify(s), 'utf8');
        if (this.strings.size < 4096) this.strings.set(s, bytes);
      }
      this.room(bytes.length);
      const buf = this.buf;
      let p = this.pos;
      for (let k = 0; k < bytes.length; k++) buf[p++] = bytes[k];
      this.pos = p;
    } else if (PLAIN_ASCII.test(s)) {
      this.room(s.length + 2);
      const buf = this.buf;
      let p = this.pos;
      buf[p++] = 34;
      for (let k = 0; k < s.length; k++) buf[p++] = s.charCodeAt(k);
      buf[p++] = 34;
      this.pos = p;
    } else {
      this.text(JSON.stringify(s));
    }
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
 * Writes the clients' records as `JSON.stringify(toJson(result), null, 2)` indents them inside the
 * document ("    {\n      "client": ...\n    }", separated by ",\n"), straight from the results: what
 * {@link toJson} does per client (the fields of CLIENT_JSON_KEYS, the purchase dates as ISO dates)
 * without its objects or their text. The dates repeat, so their text is kept by day.
 */
export function writeClients(sink: ByteSink, clients: readonly ClientResult[], isoOf = new Map<number, string>()): void {
  const keys = CLIENT_JSON_KEYS as readonly string[];
  const names = keys.map((k) => `      ${JSON.stringify(k)}: `);
  const dates = keys.map((k) => k === 'firstPurchase' || k === 'lastPurchase');
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as unknown as Record<string, unknown>;
    sink.ascii(i ? ',\n    {' : '    {');
    let members = 0;
    for (let j = 0; j < keys.length; j++) {
      let v = c[keys[j]];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue; // left out, as JSON.stringify does
      sink.ascii(members++ ? ',\n' : '\n');
      sink.ascii(names[j]);
      if (dates[j] && typeof v === 'number') {
        let iso = isoOf.get(v);
        if (iso === undefined) {
          iso = dayToIso(v);
          isoOf.set(v, iso);
        }
        v = iso;
      }
      if (typeof v === 'number') sink.number(v);
      else if (v === null) sink.ascii('null');
      else if (typeof v === 'boolean') sink.ascii(v ? 'true' : 'false');
      else if (typeof v === 'string') sink.string(v);
      else sink.text(JSON.stringify(v));
    }
    sink.ascii(members ? '\n    }' : '}');
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
  const isoOf = new Map<number, string>();
  const sample = result.clients.slice(0, CHECKED);
  const direct = collect((s) => writeClients(s, sample, isoOf)) === itemsText(toJson({ ...result, clients: sample, skipped: [] }).clients);
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
        writeClients(sink, result.clients, isoOf);
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
