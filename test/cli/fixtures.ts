/** Fixtures of the command-line tests, made at test time in a temporary folder. Not a test file. */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import type { ExitCode } from '../../src/cli/exit';

/** A new temporary folder, removed by {@link cleanup}. */
export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cli-'));
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** SHA-256 of a file's bytes. */
export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A date cell as exceljs takes it: a JS Date at UTC midnight. */
export function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

/** Writes a workbook with the given sheets (rows of exceljs cell values) and returns its path. */
export async function writeXlsx(file: string, sheets: Record<string, ExcelJS.CellValue[][]>, dateFormat = 'yyyy-mm-dd'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = dateFormat;
      });
    });
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** A small sales table: numbers, dates, a "1 234,56" text amount, formulas with cached results, an error, a blank row. */
export function salesRows(): ExcelJS.CellValue[][] {
  return [
    ['Order ID', 'Order Date', 'Customer Name', 'Sales', 'Profit'],
    ['O-1', utc(2024, 1, 15), 'Acme', 100, 10],
    ['O-2', utc(2024, 2, 20), 'Acme', { formula: 'D2*2', result: 200 } as ExcelJS.CellFormulaValue, 20],
    ['O-3', utc(2024, 3, 5), 'Beta', '1 234,56', 5],
    [],
    ['O-4', utc(2024, 4, 1), 'Gamma', { error: '#N/A' } as ExcelJS.CellErrorValue, 1],
    ['O-5', utc(2024, 5, 1), { richText: [{ text: 'Del' }, { font: { bold: true }, text: 'ta' }] } as ExcelJS.CellRichTextValue, 50, { formula: 'D7/10', result: 5 } as ExcelJS.CellFormulaValue],
    ['O-6', utc(2024, 6, 30), 'Beta', 300, -2],
  ];
}

/** Runs the CLI's main() in process and collects its exit code and output. */
export async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false } });
  return { code, stdout, stderr };
}

/** Expects exit `code` with exactly one line `key-clients: <reason>` on stderr, and returns the reason. */
export async function fails(code: ExitCode, ...argv: string[]): Promise<string> {
  const r = await run(...argv);
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^key-clients: /);
  return lines[0].slice('key-clients: '.length);
}
