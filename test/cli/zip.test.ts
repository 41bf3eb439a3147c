/**
 * The workbook's zip writer deflates each entry in 1 MiB blocks in parallel (src/cli/xlsx-write/zip.ts,
 * BlockDeflater): the blocks' outputs joined must be one valid deflate stream that gives back every
 * byte, for entries of many blocks written in chunks of any size, and Python's zipfile (its own inflate
 * and CRC check) must find the archive whole.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { ZipWriter } from '../../src/cli/xlsx-write/zip';
import { cleanup, tmpDir } from './fixtures';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };

/** Bytes like a sheet's XML: repeating structure with varying numbers, `size` of them. */
function xmlLike(size: number, seed: number): Buffer {
  const rnd = prng(seed);
  const parts: string[] = [];
  let length = 0;
  for (let r = 1; length < size; r++) {
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Client ${Math.floor(rnd() * 1e6)}</t></is></c><c r="B${r}" s="4"><v>${rnd() * 5000}</v></c></row>`;
    parts.push(row);
    length += row.length;
  }
  return Buffer.from(parts.join('')).subarray(0, size);
}

/** The local entries of a zip written with data descriptors: name, compressed bytes. */
function entries(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  // the central directory gives each entry's offset and compressed size
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, zip.subarray(data, data + compressed));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32) + zip.readUInt16LE(at + 34);
  }
  return out;
}

describe('ZipWriter, entries deflated in parallel blocks', () => {
  let dir: string;
  beforeAll(() => (dir = tmpDir()));
  afterAll(() => cleanup(dir));

  it('writes entries of many blocks, in chunks of any size, that inflate to every byte and pass Python\'s zipfile', async () => {
    const file = path.join(dir, 'blocks.zip');
    const contents = new Map<string, Buffer>([
      ['empty.xml', Buffer.alloc(0)],
      ['small.xml', xmlLike(1000, 1)],
      ['one-block.xml', xmlLike(1 << 20, 2)],
      ['many.xml', xmlLike((7 << 20) + 12_345, 3)],
      ['random.bin', Buffer.from(Array.from({ length: 3 << 20 }, (_, i) => (i * 2654435761) >>> 24))],
    ]);
    const zip = new ZipWriter(file, 1, new Date(Date.UTC(2025, 0, 1)));
    const rnd = prng(9);
    for (const [name, bytes] of contents) {
      const e = zip.entry(name);
      for (let at = 0; at < bytes.length; ) {
        // chunks of 1 byte to 600 KB, some handed back for reuse as the writer does
        const n = Math.min(bytes.length - at, 1 + Math.floor(rnd() * rnd() * 600_000));
        const chunk = Buffer.from(bytes.subarray(at, at + n));
        let reused = false;
        if (!e.write(chunk, () => (reused = true))) await e.drained();
        chunk.fill(0); // the writer must have copied the bytes it needs by now
        expect(reused).toBe(true);
        at += n;
      }
      await e.end();
    }
    await zip.close();
    const written = fs.readFileSync(file);
    for (const [name, compressed] of entries(written)) expect([name, zlib.inflateRawSync(compressed).equals(contents.get(name)!)]).toEqual([name, true]);
    const check = execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(sum(len(z.read(n)) for n in z.namelist()))', file], { encoding: 'utf8' });
    expect(check.trim().split('\n')).toEqual(['None', String([...contents.values()].reduce((s, b) => s + b.length, 0))]);
  });

  it('compresses a sheet\'s XML about as well as one deflate stream', async () => {
    const file = path.join(dir, 'ratio.zip');
    const bytes = xmlLike(6 << 20, 4);
    const zip = new ZipWriter(file, 1);
    await zip.add('sheet.xml', bytes);
    await zip.close();
    const ours = entries(fs.readFileSync(file)).get('sheet.xml')!.length;
    const one = zlib.deflateRawSync(bytes, { level: 1 }).length;
    expect(ours / one).toBeLessThan(1.001);
  });
});
