/**
 * The zip archive of an .xlsx, read with yauzl (random access through the central directory, so the
 * order of the parts in the file does not matter, and a file cut short is found at once: its
 * central directory is missing). Entries are inflated by Node's zlib in 1 MiB chunks and checked
 * against their size and CRC-32. Why yauzl and this chunk size: docs/notes-infra.md.
 */
import * as zlib from 'zlib';
import type { Readable } from 'stream';
import * as yauzl from 'yauzl';

/** The archive or one of its parts is broken: cut short, a bad entry, a missing part. */
export class DamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedError';
  }
}

/** Inflated chunk size: large chunks keep the per-chunk cost of the stream machinery low. */
const CHUNK = 1 << 20;

/** zlib.crc32 (Node 20.15+, 22.2+); without it the size check alone guards the data. */
const crc32: ((data: Uint8Array, value?: number) => number) | undefined = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;

/** A part name as looked up: OPC part names are case-insensitive; some writers use "\". */
function key(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export class ZipArchive {
  private constructor(private readonly zip: yauzl.ZipFile, private readonly entries: ReadonlyMap<string, yauzl.Entry>) {}

  /** Opens an archive (the file read-only). @throws DamagedError when it is not a readable zip. */
  static async open(file: string): Promise<ZipArchive> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      // yauzl.open opens the file with flags 'r'
      yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, z) =>
        err || !z ? reject(new DamagedError(`not a readable zip: ${err?.message ?? 'no archive'}`)) : resolve(z),
      );
    });
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (e: yauzl.Entry) => {
          if (!e.fileName.endsWith('/')) entries.set(key(e.fileName), e);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', (e: Error) => reject(new DamagedError(`a bad zip directory: ${e.message}`)));
        zip.readEntry();
      });
    } catch (e) {
      zip.close();
      throw e;
    }
    return new ZipArchive(zip, entries);
  }

  /** Whether the archive has this part. */
  has(name: string): boolean {
    return this.entries.has(key(name));
  }

  /** Compressed size of a part (for progress by bytes of the file). */
  compressedSize(name: string): number {
    return this.entries.get(key(name))?.compressedSize ?? 0;
  }

  /** A whole part. @throws DamagedError when it is missing or broken. */
  async read(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.stream(name, (c) => {
      chunks.push(c);
      return true;
    });
    return Buffer.concat(chunks);
  }

  /**
   * Streams a part's inflated bytes to `onChunk` (which returns false to stop early), checking the
   * size and CRC-32 when read to its end.
   * @param onRaw told the compressed bytes read so far (for progress).
   * @returns true when the part was read to its end.
   * @throws DamagedError when the part is missing, of a compression Excel does not write, or broken.
   */
  async stream(name: string, onChunk: (chunk: Buffer) => boolean, onRaw?: (bytes: number) => void): Promise<boolean> {
    const entry = this.entries.get(key(name));
    if (!entry) throw new DamagedError(`the part ${name} is missing`);
    if (entry.isEncrypted()) throw new DamagedError(`the part ${name} is encrypted`);
    const method = entry.compressionMethod;
    if (method !== 0 && method !== 8) throw new DamagedError(`the part ${name} uses compression method ${method}`);
    let raw: Readable;
    try {
      raw = await new Promise<Readable>((resolve, reject) =>
        // yauzl inflates in 16 KiB chunks; zlib here in 1 MiB ones: about half the time (notes-infra)
        this.zip.openReadStream(entry, method === 8 ? { decompress: false } : {}, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))),
      );
    } catch (e) {
      throw new DamagedError(`the part ${name} cannot be read: ${(e as Error).message}`);
    }
    let source: Readable = raw;
    if (method === 8) {
      const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
      raw.on('error', (e) => inflate.destroy(e));
      source = raw.pipe(inflate);
    }
    if (onRaw) {
      let bytes = 0;
      raw.on('data', (c: Buffer) => onRaw((bytes += c.length)));
    }
    let size = 0;
    let crc = 0;
    let handlerError: unknown;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (crc32) crc = crc32(chunk, crc);
        let more: boolean;
        try {
          more = onChunk(chunk);
        } catch (e) {
          handlerError = e;
          throw e;
        }
        if (!more) return false;
      }
    } catch (e) {
      if (e === handlerError) throw e;
      throw new DamagedError(`the part ${name} is broken: ${(e as Error).message ?? String(e)}`);
    } finally {
      raw.unpipe();
      raw.destroy();
      source.destroy();
    }
    if (size !== entry.uncompressedSize) throw new DamagedError(`the part ${name} has ${size} bytes instead of ${entry.uncompressedSize}`);
    if (crc32 && crc >>> 0 !== entry.crc32 >>> 0) throw new DamagedError(`the part ${name} fails its CRC check`);
    return true;
  }

  close(): void {
    this.zip.close();
  }
}
