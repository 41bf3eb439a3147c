import * as fs from 'fs';
import { CLIENT_JSON_KEYS, dayToIso, toJson, type ClientResult, type SegmentationResult } from '../core';
import { CliError, ExitCode } from './exit';

/** Clients (or skipped rows) written at a time, so no list of a million objects or texts is ever built. */
const BATCH = 5_000;
/** Characters gathered before a write to the file. */
const FLUSH = 1 << 20;

/** `JSON.stringify(value, null, 2)` written at `indent` (its inner lines shifted right by it). */
function indented(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent && text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
}

/**
 * The text of `JSON.stringify(head, null, 2)`, piece by piece, where the members named in `lists` are
 * arrays given as batches of their items' text (each batch as JSON.stringify indents items inside the
 * document, items separated by ",\n"), written a batch at a time and never held whole.
 * @param head the document; its members named in `lists` are ignored.
 */
export function* jsonChunks(head: Record<string, unknown>, lists: Record<string, Iterable<string>>): Generator<string> {
  const keys = Object.keys(head).filter((k) => k in lists || (head[k] !== undefined && typeof head[k] !== 'function' && typeof head[k] !== 'symbol'));
  if (!keys.length) {
    yield '{}';
    return;
  }
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    yield `${i ? ',' : ''}\n  ${JSON.stringify(k)}: `;
    const list = lists[k];
    if (!list) {
      yield indented(head[k], '  ');
      continue;
    }
    let any = false;
    for (const batch of list) {
      if (!batch) continue;
      yield any ? ',\n' : '[\n';
      yield batch;
      any = true;
    }
    yield any ? '\n  ]' : '[]';
  }
  yield '\n}';
}

/** A list as JSON.stringify writes it inside a document member: '{\n  "k": [\n' items '\n  ]\n}'. */
const LIST_HEAD = '{\n  "k": [\n';
const LIST_TAIL = '\n  ]\n}';

/** The items of `list` as text, made by `text` a batch at a time. */
function* batched<T>(list: readonly T[], text: (batch: T[]) => string): Generator<string> {
  for (let i = 0; i < list.length; i += BATCH) yield text(list.slice(i, i + BATCH));
}

/** A value as JSON.stringify writes it inside an object (undefined: the member is left out). */
function jsonValue(v: unknown): string | undefined {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return JSON.stringify(v);
    default:
      return JSON.stringify(v);
  }
}

/**
 * The clients' records as `JSON.stringify` indents them inside the document, made straight from the
 * results: what {@link toJson} does per client (the fields of CLIENT_JSON_KEYS, the purchase dates as
 * ISO dates) without its objects, about three times faster for a million clients. The dates repeat, so
 * their text is kept by day.
 */
export function clientsText(clients: readonly ClientResult[], isoOf = new Map<number, string>()): string {
  const keys = CLIENT_JSON_KEYS;
  const names = keys.map((k) => `      ${JSON.stringify(k)}: `);
  let out = '';
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as unknown as Record<string, unknown>;
    let body = '';
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j];
      let v = c[k];
      if ((k === 'firstPurchase' || k === 'lastPurchase') && v !== null && v !== undefined) {
        let iso = isoOf.get(v as number);
        if (iso === undefined) {
          iso = dayToIso(v as number);
          isoOf.set(v as number, iso);
        }
        v = iso;
      }
      const text = jsonValue(v);
      if (text !== undefined) body += `${body ? ',\n' : ''}${names[j]}${text}`;
    }
    out += `${i ? ',\n' : ''}    ${body ? `{\n${body}\n    }` : '{}'}`;
  }
  return out;
}

/** The clients' records through {@link toJson} itself: the reference {@link clientsText} is checked against. */
function clientsTextOfToJson(result: SegmentationResult, clients: ClientResult[]): string {
  const text = JSON.stringify({ k: toJson({ ...result, clients, skipped: [] }).clients }, null, 2);
  return text.slice(LIST_HEAD.length, text.length - LIST_TAIL.length);
}

/** Clients compared, at the start of every run, between the fast text and toJson's. */
const CHECKED = 500;

/**
 * The --json document of a segmentation, `JSON.stringify(toJson(result), null, 2)` (byte for byte), as
 * pieces of text; no list of a million objects is built. The clients are written by {@link clientsText}
 * when its text for the first clients equals toJson's (it always should: should toJson change, the
 * run falls back to toJson a batch at a time rather than write something else).
 */
export function* segmentationJson(result: SegmentationResult): Generator<string> {
  const head = toJson({ ...result, clients: [], skipped: [] }) as unknown as Record<string, unknown>;
  const isoOf = new Map<number, string>();
  const sample = result.clients.slice(0, CHECKED);
  const fast = clientsText(sample, isoOf) === clientsTextOfToJson(result, sample);
  const clients: Iterable<string> = {
    *[Symbol.iterator]() {
      for (let i = 0; i < result.clients.length; i += BATCH) {
        const batch = result.clients.slice(i, i + BATCH);
        yield fast ? clientsText(batch, isoOf) : clientsTextOfToJson(result, batch);
      }
    },
  };
  const skipped = batched(result.skipped, (batch) => {
    const text = JSON.stringify({ k: toJson({ ...result, clients: [], skipped: batch }).skipped }, null, 2);
    return text.slice(LIST_HEAD.length, text.length - LIST_TAIL.length);
  });
  yield* jsonChunks(head, { skipped, clients });
}

/**
 * Writes pieces of text to `file`, a megabyte at a time, with a final newline.
 * @throws CliError OUTPUT when the file cannot be written.
 */
export function writeTextFile(file: string, chunks: Iterable<string>): void {
  let fd: number | undefined;
  // one buffer, encoded into again and again: a new buffer per piece would be external memory that
  // makes V8 collect garbage over the whole heap every few dozen megabytes
  const bytes = new Uint8Array(4 * FLUSH);
  const encoder = new TextEncoder();
  const write = (text: string) => {
    while (text) {
      const { read, written } = encoder.encodeInto(text, bytes);
      for (let done = 0; done < written; ) done += fs.writeSync(fd!, bytes, done, written - done);
      text = read < text.length ? text.slice(read) : '';
    }
  };
  try {
    fd = fs.openSync(file, 'w');
    let buf = '';
    for (const c of chunks) {
      if (c.length >= FLUSH) {
        // a batch of records goes out as it is, without joining it to anything
        write(buf);
        write(c);
        buf = '';
        continue;
      }
      buf += c;
      if (buf.length >= FLUSH) {
        write(buf);
        buf = '';
      }
    }
    write(`${buf}\n`);
  } catch (e) {
    throw new CliError(ExitCode.OUTPUT, `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
