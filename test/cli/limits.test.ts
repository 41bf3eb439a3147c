/**
 * Excel's limits through the command line, on files made here: 1,050,000 bad rows (more than a sheet
 * holds) and a 40,000-character client name (more than a cell holds). The workbook must open and keep
 * within them; the JSON keeps everything.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { ExitCode } from '../../src/cli/exit';
import { cleanup, run, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

async function sheetRows(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => rows.push([n, ...(row.values as unknown[]).slice(1)]));
  return rows;
}

describe('key-clients segment with 1,050,000 bad rows', () => {
  const BAD = 1_050_000;
  let r: { code: number; stdout: string; stderr: string };
  let out: string;
  let json: string;
  beforeAll(async () => {
    const input = path.join(dir, 'bad.csv');
    fs.writeFileSync(input, `Client,Amount\nAcme,100\nBolt,50\n${'Bad,n/a\n'.repeat(BAD)}`);
    out = path.join(dir, 'bad.xlsx');
    json = path.join(dir, 'bad.json');
    r = await run('segment', input, '--out', out, '--json', json, '--quiet');
  }, 120_000);

  it('exits 0, counting every row of the file as used or skipped', () => {
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout).toMatch(/; 2 rows used, 1050000 skipped; /);
  });

  it('lists the first 100,000 on the Skipped rows sheet and the total under them', async () => {
    const rows = await sheetRows(out, 'Skipped rows');
    expect(rows).toHaveLength(1 + 1 + 100_000 + 1); // title, header, rows, note
    expect(rows[2]).toEqual([3, 4, "row 4: amount 'n/a' is not a number"]);
    expect(rows[100_001]).toEqual([100_002, 100_003, "row 100003: amount 'n/a' is not a number"]);
    expect(rows[100_002]).toEqual([100_003, 'skipped rows listed here: 100000 of 1050000']);
  }, 60_000);

  it('keeps all 1,050,000 in the JSON', () => {
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc.skipped).toHaveLength(BAD);
    expect(doc.skipped[BAD - 1]).toEqual({ row: BAD + 3, reason: `row ${BAD + 3}: amount 'n/a' is not a number` });
  });

  it('says on stderr where they are listed', () => {
    expect(r.stderr).toContain("key-clients: skipped 1050000 row(s) with a bad value (the first 100000 listed on the sheet 'Skipped rows', all in ");
  });
});

describe('key-clients segment with a 40,000-character client name', () => {
  const name = `Long ${'x'.repeat(39_995)}`;
  let r: { code: number; stdout: string; stderr: string };
  let out: string;
  let json: string;
  beforeAll(async () => {
    const input = path.join(dir, 'long.csv');
    fs.writeFileSync(input, `Client,Amount\n${name},100\nShort,50\n`);
    out = path.join(dir, 'long.xlsx');
    json = path.join(dir, 'long.json');
    r = await run('segment', input, '--out', out, '--json', json);
  });

  it('writes the first 32,766 characters and "…" in the cell (Excel holds 32,767)', async () => {
    const rows = await sheetRows(out, 'Clients');
    expect(rows[2][1]).toBe(`${name.slice(0, 32_766)}…`);
  });

  it('warns on stderr, naming the sheets and the rows cut', () => {
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stderr).toContain("key-clients: warning: sheet 'Clients': text longer than 32,767 characters (the most an Excel cell holds) was cut short; rows with cut text: 1\n");
    expect(r.stderr).toContain("key-clients: warning: sheet 'Group A': text longer than 32,767 characters");
  });

  it('keeps the whole name in the JSON', () => {
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).clients[0].client).toBe(name);
  });
});
