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

/** Bytes of input deflated as one block. */
const BLOCK = 1 << 20;
/** Blocks deflated at once (libuv's thread pool has 4 threads; the file's writes use it too). */
const PARALLEL = 3;
/** Deflate's window: each block may refer to this much of the input before it. */
const WINDOW = 32 * 1024;
/** A final, empty deflate block (BFINAL = 1, fixed Huffman codes, end of block): ends the stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * One entry's deflate stream made of blocks deflated in parallel in libuv's thread pool, as pigz does:
 * the input is cut into blocks of 1 MiB, each deflated on its own with the 32 KiB before it as its
 * dictionary and ended by a sync flush (so it ends on a byte boundary and the next block's references
 * into that window are valid), the outputs joined in order, and the stream ended by an empty final
 * block (RFC 1951). The same compression as one stream (0.0001 % apart on the report's XML), and the
 * deflating of a large sheet spreads over both cores instead of one (docs/notes-infra.md, "Writing the
 * workbook").
 */
class BlockDeflater {
  private block: Buffer = Buffer.allocUnsafe(BLOCK);
  private fill = 0;
  /** The last WINDOW bytes of the input before the block being filled. */
  private window: Buffer | null = null;
  /** Blocks sent to the thread pool, in input order: their output once done. */
  private readonly queue: Array<{ out: Buffer | null }> = [];
  private inFlight = 0;
  private readonly spare: Buffer[] = [];
  private compressed = 0;
  private failed = false;
  private waiting: (() => void) | null = null;

  constructor(private readonly level: number, private readonly out: (bytes: Buffer) => void, private readonly fail: (e: Error) => void) {}

  /** True while as many blocks as the thread pool should take are being deflated. */
  get busy(): boolean {
    return this.inFlight >= PARALLEL;
  }

  /** Copies the bytes into blocks; full blocks go to the thread pool (the caller may reuse `chunk` at once). */
  write(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(chunk.length - at, BLOCK - this.fill);
      chunk.copy(this.block, this.fill, at, at + n);
      this.fill += n;
      at += n;
      if (this.fill === BLOCK) this.send();
    }
  }

  /** Resolves when fewer blocks than PARALLEL are being deflated. */
  async idle(): Promise<void> {
    while (this.busy && !this.failed) await new Promise<void>((resolve) => (this.waiting = resolve));
  }

  private send(): void {
    if (this.fill === 0) return;
    const input = this.block;
    const length = this.fill;
    const options: zlib.ZlibOptions = { level: this.level, finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 256 * 1024 };
    if (this.window) options.dictionary = this.window;
    // the next block's dictionary: the last 32 KiB of the input so far
    if (length >= WINDOW) this.window = Buffer.from(input.subarray(length - WINDOW, length));
    else this.window = Buffer.concat([this.window ?? Buffer.alloc(0), input.subarray(0, length)]).subarray(-WINDOW);
    this.block = this.spare.pop() ?? Buffer.allocUnsafe(BLOCK);
    this.fill = 0;
    const job: { out: Buffer | null } = { out: null };
    this.queue.push(job);
    this.inFlight++;
    zlib.deflateRaw(input.subarray(0, length), options, (e, out) => {
      this.inFlight--;
      this.spare.push(input);
      if (e) {
        this.failed = true;
        this.fail(e);
      } else {
        job.out = out;
        // the blocks done at the head of the queue go to the file, in order
        while (this.queue.length && this.queue[0].out) {
          const done = this.queue.shift()!.out!;
          this.compressed += done.length;
          this.out(done);
        }
      }
      const wake = this.waiting;
      this.waiting = null;
      wake?.();
    });
  }

  /** Deflates what is left, waits for every block, ends the stream. @returns the compressed size. */
  async end(): Promise<number> {
    this.send();
    while (this.inFlight > 0 && !this.failed) await new Promise<void>((resolve) => (this.waiting = resolve));
    if (this.failed) return this.compressed;
    this.out(FINAL_BLOCK);
    this.compressed += FINAL_BLOCK.length;
    return this.compressed;
  }

  /** Stops handing blocks on (after a failure of the file). */
  abort(): void {
    this.failed = true;
    const wake = this.waiting;
    this.waiting = null;
    wake?.();
  }
}

export class ZipWriter {
  private readonly out: fs.WriteStream;
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly time: number;
  private readonly date: number;
  private failure: Error | null = null;
  /** The entry's deflater while one is being written. */
  private current: BlockDeflater | null = null;

  /**
   * @param file the zip file to create (truncated when it exists).
   * @param level deflate level 1 (fastest) .. 9 (smallest).
   * @param now the entries' modification time.
   */
  constructor(file: string, private readonly level = 6, now = new Date()) {
    this.out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
    this.out.on('error', (e) => {
      this.failure ??= e;
      this.current?.abort();
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

    const blocks = new BlockDeflater(this.level, (bytes) => this.compressedOut(bytes), (e) => (this.failure ??= e));
    this.current = blocks;
    let crc = 0;
    let size = 0;
    return {
      write: (chunk: Buffer, done?: () => void): boolean => {
        this.check();
        crc = crc32(chunk, crc);
        size += chunk.length;
        blocks.write(chunk);
        done?.();
        return !blocks.busy && !this.outBusy;
      },
      drained: async () => {
        this.check();
        await blocks.idle();
        while (this.outBusy) await once(this.out, 'drain');
        this.check();
      },
      end: async () => {
        const compressed = await blocks.end();
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

  /** Whether the file's stream holds more than it wants (then the entry's caller waits). */
  private outBusy = false;

  /** Compressed bytes of the current entry, in order, to the file. */
  private compressedOut(bytes: Buffer): void {
    if (!this.out.write(bytes) && !this.outBusy) {
      this.outBusy = true;
      this.out.once('drain', () => (this.outBusy = false));
    }
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
    this.current?.abort();
    if (this.out.closed) return;
    // 'close' comes after any error the destroyed stream still reports
    const closed = new Promise<void>((resolve) => this.out.once('close', () => resolve()));
    this.out.destroy();
    await closed;
  }
}
