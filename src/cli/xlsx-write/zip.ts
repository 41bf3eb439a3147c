import { once } from 'events';
import * as fs from 'fs';
import { finished } from 'stream/promises';
import * as zlib from 'zlib';

/**
 * A streaming zip writer over Node's zlib: each entry is deflated as it is written (in libuv's thread
 * pool, so the caller keeps producing XML on the main thread meanwhile) and goes straight to the file;
 * sizes and CRC follow each entry in a data descriptor, the central directory comes at the end.
 * Format: PKWARE APPNOTE.TXT 6.3 (local header 4.3.7, data descriptor 4.3.9, central directory 4.3.12,
 * end of central directory 4.3.16); names are UTF-8 (flag bit 11).
 *
 * No ZIP64: an entry or a file past 4 GiB is refused with an error (a report that large is far past
 * what the workbook's 1,048,576 rows per sheet hold in practice).
 */

const LIMIT = 0xffffffff;
/** Flags: bit 3 (sizes and CRC in a data descriptor after the data) and bit 11 (UTF-8 names). */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

/** CRC-32 (the zip polynomial) of the bytes, going on from `crc`: zlib's own (Node 20.15+), else by table. */
const crc32: (data: Buffer, crc: number) => number =
  typeof zlib.crc32 === 'function'
    ? zlib.crc32
    : (() => {
        const table = new Int32Array(256).map((_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c;
        });
        return (data: Buffer, crc: number) => {
          let c = ~crc;
          for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
          return ~c >>> 0;
        };
      })();

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** DOS time and date of a local time (2-second precision; 1980 at the earliest). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** One entry being written: {@link ZipEntry.write} its bytes, then {@link ZipEntry.end} it. */
export interface ZipEntry {
  /**
   * Adds bytes; false when the deflater's buffer is full (then await {@link drained} before more).
   * @param done called once the deflater has taken the bytes: the buffer may then be reused.
   */
  write(chunk: Buffer, done?: () => void): boolean;
  /** Resolves when the deflater wants more input. */
  drained(): Promise<void>;
  /** Finishes the entry (its last compressed bytes and the data descriptor are written). */
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly out: fs.WriteStream;
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly time: number;
  private readonly date: number;
  private failure: Error | null = null;
  /** The entry's deflater while one is being written. */
  private current: zlib.DeflateRaw | null = null;

  /**
   * @param file the zip file to create (truncated when it exists).
   * @param level deflate level 1 (fastest) .. 9 (smallest).
   * @param now the entries' modification time.
   */
  constructor(file: string, private readonly level = 6, now = new Date()) {
    this.out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
    this.out.on('error', (e) => {
      this.failure ??= e;
      this.current?.destroy(e);
    });
    ({ time: this.time, date: this.date } = dosDateTime(now));
  }

  private raw(buf: Buffer): void {
    this.out.write(buf);
    this.offset += buf.length;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Starts an entry; one entry at a time. */
  entry(name: string): ZipEntry {
    this.check();
    if (this.current) throw new Error('zip: the previous entry is not finished');
    if (this.offset > LIMIT) throw new Error('the workbook would be larger than 4 GiB, which this writer does not support');
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(VERSION, 4);
    head.writeUInt16LE(FLAGS, 6);
    head.writeUInt16LE(DEFLATE, 8);
    head.writeUInt16LE(this.time, 10);
    head.writeUInt16LE(this.date, 12);
    // CRC and sizes (14..25) stay 0: they follow the data in the descriptor
    head.writeUInt16LE(nameBytes.length, 26);
    this.raw(head);
    this.raw(nameBytes);

    // a large input buffer lets the caller go on making XML while the thread pool deflates
    const deflate = zlib.createDeflateRaw({ level: this.level, chunkSize: 64 * 1024, writableHighWaterMark: 4 << 20 } as zlib.ZlibOptions);
    this.current = deflate;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    const ended = once(deflate, 'end');
    ended.catch(() => undefined); // awaited in end(); an early error must not go unhandled
    return {
      write: (chunk: Buffer, done?: () => void): boolean => {
        crc = crc32(chunk, crc);
        size += chunk.length;
        return done ? deflate.write(chunk, () => done()) : deflate.write(chunk);
      },
      drained: async () => {
        this.check();
        if (deflate.writableNeedDrain) await once(deflate, 'drain');
      },
      end: async () => {
        deflate.end();
        await ended;
        this.check();
        this.offset += compressed;
        if (size > LIMIT || compressed > LIMIT) throw new Error(`zip: ${name} is larger than 4 GiB, which this writer does not support`);
        const desc = Buffer.alloc(16);
        desc.writeUInt32LE(0x08074b50, 0);
        desc.writeUInt32LE(crc >>> 0, 4);
        desc.writeUInt32LE(compressed, 8);
        desc.writeUInt32LE(size, 12);
        this.raw(desc);
        this.entries.push({ name: nameBytes, crc: crc >>> 0, compressed, size, offset });
        this.current = null;
      },
    };
  }

  /** Writes a whole entry from a string (UTF-8) or bytes. */
  async add(name: string, content: string | Buffer): Promise<void> {
    const e = this.entry(name);
    if (!e.write(typeof content === 'string' ? Buffer.from(content, 'utf8') : content)) await e.drained();
    await e.end();
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    this.check();
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.time, 12);
      h.writeUInt16LE(this.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      this.raw(h);
      this.raw(e.name);
    }
    const size = this.offset - start;
    if (this.offset > LIMIT || this.entries.length > 0xffff) throw new Error('the workbook would be larger than 4 GiB, which this writer does not support');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.raw(end);
    this.out.end();
    await finished(this.out);
    this.check();
  }

  /** Closes the file without finishing it (after a failure; the caller removes it). Never throws. */
  async abort(): Promise<void> {
    this.current?.destroy();
    if (this.out.closed) return;
    // 'close' comes after any error the destroyed stream still reports
    const closed = new Promise<void>((resolve) => this.out.once('close', () => resolve()));
    this.out.destroy();
    await closed;
  }
}
