/**
 * What an OLE compound file (MS-CFB) with an .xlsx name is. Excel saves a password-protected
 * workbook as a compound file holding the streams `EncryptionInfo` and `EncryptedPackage`
 * (MS-OFFCRYPTO 2.3.4.4, "ECMA-376 Document Encryption"); an old Excel 97-2003 workbook is a compound
 * file with a `Workbook` (or, before Excel 97, `Book`) stream (MS-XLS 2.1.2).
 *
 * A directory entry (MS-CFB 2.6) is 128 bytes, and directory sectors lie at multiples of the
 * sector size (512 or 4096) after the header, so every entry starts at a multiple of 128 in the
 * file: its name in UTF-16LE with a terminating NUL (64 bytes), then the name's length in bytes
 * (NUL included) and the entry type (2 = stream). The names are looked for there, without walking
 * the sector chains, so a file damaged elsewhere is still recognised.
 */
import * as fs from 'fs';

/** D0 CF 11 E0 A1 B1 1A E1: the first 8 bytes of every compound file. */
export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export type CompoundKind = 'encrypted' | 'xls' | 'other';

const STREAM = 2;
const ENTRY = 128;
const WANTED: ReadonlyArray<[string, CompoundKind]> = [
  ['EncryptedPackage', 'encrypted'],
  ['EncryptionInfo', 'encrypted'],
  ['Workbook', 'xls'],
  ['Book', 'xls'],
];
const NAMES = WANTED.map(([name, kind]) => ({ bytes: Buffer.from(`${name}\0`, 'utf16le'), kind }));

/** The kind of compound file `file` is (read-only, in 4 MiB slices); its first 8 bytes are {@link CFB_SIGNATURE}. */
export function compoundKind(file: string): CompoundKind {
  const fd = fs.openSync(file, 'r');
  let found: CompoundKind = 'other';
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 4 << 20));
    // the header is 512 bytes; entries can start at 512 (512-byte sectors) or later
    for (let pos = 512; pos < size; pos += buf.length) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      for (let p = 0; p + ENTRY <= n; p += ENTRY) {
        if (buf[p + 1] !== 0 || buf[p + 66] !== STREAM) continue; // names here are ASCII: every other byte is 0
        const length = buf.readUInt16LE(p + 64);
        for (const { bytes, kind } of NAMES) {
          if (length === bytes.length && buf.compare(bytes, 0, bytes.length, p, p + bytes.length) === 0) {
            if (kind === 'encrypted') return kind;
            found = kind;
          }
        }
      }
      if (n < buf.length) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return found;
}
