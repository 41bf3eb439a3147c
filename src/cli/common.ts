import * as fs from 'fs';
import * as path from 'path';
import { columnIndex, columnLetter, normaliseHeader } from '../core';
import { CliError, ExitCode, inputError } from './exit';
import type { InputTable } from './read';

/** The command's name, the prefix of every line it writes on stderr. */
export const NAME = 'key-clients';

/** Where the command line writes: process.stdout / process.stderr, or a test's buffers. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Lines of a list (skipped rows, leads not ranked) shown on stderr. */
export const SKIPPED_SHOWN = 20;

/** True when two paths name the same file (through links; case-insensitively where the file system is). */
export function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      try {
        return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  const ra = real(a);
  const rb = real(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? ra.toLowerCase() === rb.toLowerCase() : ra === rb;
}

/** A path as shown to the user: relative to the current folder when inside it. */
export function shownPath(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}

/** `<input base name><suffix>` in the current folder, e.g. "sales-segmented.xlsx". */
export function besideCwd(input: string, suffix: string): string {
  return path.resolve(`${path.basename(input, path.extname(input))}${suffix}`);
}

/** Creates the folders of the output files. @throws CliError OUTPUT when one cannot be made. */
export function makeFolders(files: ReadonlyArray<string | undefined>): void {
  for (const p of files) {
    if (p && !fs.existsSync(path.dirname(p))) {
      try {
        fs.mkdirSync(path.dirname(p), { recursive: true });
      } catch (e) {
        throw new CliError(ExitCode.OUTPUT, `cannot create the folder of ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
  }
}

/** Writes `data` as indented JSON with a final newline. @throws CliError OUTPUT when it cannot. */
export function writeJsonFile(file: string, data: unknown): void {
  try {
    fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  } catch (e) {
    throw new CliError(ExitCode.OUTPUT, `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The first non-blank headers of a table, for messages ("Client, Amount, Date"). */
export function headersShown(table: InputTable, count = 8): string {
  return (table.cells[0] ?? []).filter((h) => String(h ?? '').trim()).slice(0, count).join(', ');
}

/**
 * The column (zero-based in the table) named on the command line by its header or by the sheet's
 * column letter; a header wins over a letter.
 * @throws CliError INPUT when neither names a column of the table.
 */
export function columnOf(table: InputTable, name: string, flag: string): number {
  const header = table.cells[0] ?? [];
  const byHeader = header.findIndex((h) => normaliseHeader(h) !== '' && normaliseHeader(h) === normaliseHeader(name));
  if (byHeader >= 0) return byHeader;
  const width = table.cells.reduce((w, r) => Math.max(w, r.length), 0);
  const li = /^[A-Za-z]{1,3}$/.test(name.trim()) ? columnIndex(name.trim()) - table.firstColumn : -1;
  if (li >= 0 && li < width) return li;
  throw inputError(`--${flag}: no column '${name}' in ${table.sheet} (columns: ${headersShown(table)}${table.firstColumn > 0 ? `; letters from ${columnLetter(table.firstColumn)}` : ''})`);
}
