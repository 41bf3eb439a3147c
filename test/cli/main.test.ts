import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { texts } from '../../src/core';
import { ExitCode } from '../../src/cli/exit';
import { cleanup, fails, run, salesRows, sha256, tmpDir, utc, writeXlsx } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));


describe('main(argv) segment', () => {
  it('writes the workbook and the JSON, prints a summary line, lists skipped rows, leaves the input unchanged', async () => {
    const input = await writeXlsx(path.join(dir, 'sales.xlsx'), { Sales: salesRows() });
    const before = sha256(input);
    const out = path.join(dir, 'out', 'result.xlsx');
    const json = path.join(dir, 'out', 'result.json');
    const r = await run('segment', input, '--out', out, '--json', json, '--quiet');
    expect(r.code).toBe(ExitCode.OK);
    // Beta (1,534.56 of 1,884.56) is the only A, hence one key client, in the singular
    expect(r.stdout).toMatch(/^3 clients, 1 key client, as of 2024-06-30; 5 rows used, 1 skipped; source: sales\.xlsx, Sales!A1:E8; wrote .*result\.xlsx and .*result\.json in [\d.]+ s\n$/);
    expect(r.stderr).toContain("row 6: amount '#N/A' is not a number");
    expect(r.stderr).toMatch(/skipped 1 row/);
    expect(sha256(input)).toBe(before);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc.asOf).toBe('2024-06-30');
    expect(doc.skipped).toEqual([{ row: 6, reason: "row 6: amount '#N/A' is not a number" }]);
    const beta = doc.clients.find((c: { client: string }) => c.client === 'Beta');
    expect(beta.revenue).toBeCloseTo(1534.56, 6);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toContain('Skipped rows');
  });

  it('prints the summary line in the language of --lang, with its plural forms', async () => {
    const input = await writeXlsx(path.join(dir, 'sales-ru.xlsx'), { Sales: salesRows() });
    const ru = await run('segment', input, '--out', path.join(dir, 'ru.xlsx'), '--lang', 'ru', '--quiet');
    expect(ru.stdout).toMatch(/^3 клиента, 1 ключевой клиент, на 30\.06\.2024; в расчёте 5 строк, пропущено: 1; источник: sales-ru\.xlsx, Sales!A1:E8; записано: .*ru\.xlsx за \d+,\d с\n$/);
    const pl = await run('segment', input, '--out', path.join(dir, 'pl.xlsx'), '--lang', 'pl', '--quiet');
    expect(pl.stdout).toMatch(/^3 klientów, 1 klient kluczowy, stan na 30\.06\.2024; uwzględniono 5 wierszy, pominięto: 1; źródło: sales-ru\.xlsx, Sales!A1:E8; zapisano: .*pl\.xlsx w \d+,\d s\n$/);
  });

  it('lists the skipped rows on stderr in the language of --lang, as the workbook does', async () => {
    const input = await writeXlsx(path.join(dir, 'sales-ru-skipped.xlsx'), { Sales: salesRows() });
    const ru = await run('segment', input, '--out', path.join(dir, 'ru-skipped.xlsx'), '--lang', 'ru', '--quiet');
    expect(ru.stderr).toBe("key-clients: пропущено строк с ошибками: 1 (все — на листе «Пропущенные строки»):\n  строка 6: поле «сумма»: «#N/A» — не число\n");
    const pl = await run('segment', input, '--json', path.join(dir, 'pl-skipped.json'), '--lang', 'pl', '--quiet');
    expect(pl.stderr).toMatch(/^key-clients: pominięte wiersze z błędną wartością: 1 \(wszystkie w .*pl-skipped\.json\):\n  wiersz 6: /);
  });

  it('says "warning" on stderr in the language of --lang, as the warnings themselves', async () => {
    // three clients, no dates: the warning that the dynamics need a date column
    const input = path.join(dir, 'nodates.csv');
    fs.writeFileSync(input, 'Client,Amount\nA,10\nB,5\nC,1\n');
    const ru = await run('segment', input, '--json', path.join(dir, 'nodates-ru.json'), '--lang', 'ru');
    expect(ru.stderr).toContain(`key-clients: предупреждение: ${texts('ru').warning.dynamicsNoDates}\n`);
    const pl = await run('segment', input, '--json', path.join(dir, 'nodates-pl.json'), '--lang', 'pl');
    expect(pl.stderr).toContain(`key-clients: ostrzeżenie: ${texts('pl').warning.dynamicsNoDates}\n`);
    const en = await run('segment', input, '--json', path.join(dir, 'nodates-en.json'));
    expect(en.stderr).toContain(`key-clients: warning: ${texts('en').warning.dynamicsNoDates}\n`);
  });

  it('reads a CSV and maps columns by --map, header names and sheet letters', async () => {
    const input = path.join(dir, 'odd.csv');
    fs.writeFileSync(input, 'Who;How much;When\nA;10;2024-01-01\nB;"1 234,56";2024-02-01\nA;5;2024-03-01\n');
    const json = path.join(dir, 'odd.json');
    const r = await run('segment', input, '--map', 'client=Who,amount=B,date=When', '--out', path.join(dir, 'odd.xlsx'), '--json', json, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(ExitCode.OK);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc.clients.map((c: { client: string; revenue: number }) => [c.client, c.revenue])).toEqual([['B', 1234.56], ['A', 15]]);
  });

  it('writes <input>-segmented.xlsx in the current folder by default', async () => {
    const input = await writeXlsx(path.join(dir, 'default.xlsx'), { Sales: salesRows() });
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(dir, 'cwd-'));
    process.chdir(work);
    try {
      const r = await run('segment', input, '--quiet');
      expect(r.code).toBe(ExitCode.OK);
      expect(r.stdout).toContain('wrote default-segmented.xlsx');
      expect(fs.existsSync(path.join(work, 'default-segmented.xlsx'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('with --json alone writes only the JSON (no workbook, not even the default one)', async () => {
    const input = await writeXlsx(path.join(dir, 'pipe.xlsx'), { Sales: salesRows() });
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(dir, 'cwd-'));
    process.chdir(work);
    try {
      const r = await run('segment', input, '--json', 'pipe.json', '--quiet');
      expect(r.code).toBe(ExitCode.OK);
      expect(r.stdout).toMatch(/; wrote pipe\.json in [\d.]+ s\n$/);
      expect(fs.readdirSync(work)).toEqual(['pipe.json']);
      expect(JSON.parse(fs.readFileSync(path.join(work, 'pipe.json'), 'utf8')).clients).toHaveLength(3);
    } finally {
      process.chdir(cwd);
    }
  });

  it('prints the time of each stage on stderr when KEY_CLIENTS_TIMES is set (for the bench)', async () => {
    const input = await writeXlsx(path.join(dir, 'times.xlsx'), { Sales: salesRows() });
    process.env.KEY_CLIENTS_TIMES = '1';
    try {
      const r = await run('segment', input, '--out', path.join(dir, 'times-out.xlsx'), '--json', path.join(dir, 'times.json'), '--quiet');
      expect(r.stderr).toMatch(/^key-clients: times: read [\d.]+ s \(CPU [\d.]+ s\), segment .*, report model .*, workbook .*, JSON [\d.]+ s \(CPU [\d.]+ s\)$/m);
    } finally {
      delete process.env.KEY_CLIENTS_TIMES;
    }
  });

  it('gives byte-identical JSON and the same workbook cell values on two runs (determinism)', async () => {
    const input = await writeXlsx(path.join(dir, 'det.xlsx'), { Sales: salesRows() });
    const cellsOf = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return wb.worksheets.map((ws) => {
        const rows: unknown[] = [ws.name];
        ws.eachRow({ includeEmpty: true }, (row, n) => rows.push([n, JSON.stringify(row.values), ...(row.values as unknown[]).map((_, c) => (c ? row.getCell(c).numFmt : null))]));
        return rows;
      });
    };
    const runOnce = async (k: number) => {
      const out = path.join(dir, `det-${k}.xlsx`);
      const json = path.join(dir, `det-${k}.json`);
      expect((await run('segment', input, '--out', out, '--json', json, '--quiet', '--segment-by', 'rfm')).code).toBe(ExitCode.OK);
      return { json: fs.readFileSync(json), cells: await cellsOf(out) };
    };
    const a = await runOnce(1);
    const b = await runOnce(2);
    expect(b.json.equals(a.json)).toBe(true);
    expect(b.cells).toEqual(a.cells);
  });

  it('--help and --version print on stdout and exit 0', async () => {
    const help = await run('--help');
    expect(help.code).toBe(ExitCode.OK);
    expect(help.stdout).toMatch(/^Usage: key-clients segment/);
    const v = await run('--version');
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('warns on stderr of a sale dated after today, today being the local date of the run', async () => {
    const input = path.join(dir, 'future.csv');
    fs.writeFileSync(input, 'Client;Amount;Date\nAcme;100;2024-01-10\nBolt;50;2024-02-20\nCore;70;2999-01-10\n');
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const before = iso(new Date());
    const r = await run('segment', input, '--out', path.join(dir, 'future.xlsx'));
    const after = iso(new Date());
    expect(r.code).toBe(ExitCode.OK);
    const warning = /warning: the latest date, 2999-01-10 \(row 4\), is after today \((\d{4}-\d\d-\d\d)\)/.exec(r.stderr);
    expect([before, after]).toContain(warning?.[1]);
  });
});

describe('main(argv) errors: one line and an exit code', () => {
  it('a missing file exits 3', async () => {
    expect(await fails(ExitCode.INPUT, 'segment', path.join(dir, 'missing.xlsx'))).toMatch(/^no such file: .*missing\.xlsx$/);
  });

  it('an unknown flag exits 2', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', 'x.xlsx', '--fast')).toBe('unknown option --fast (see --help)');
  });

  it('a range with no recognisable client or amount column exits 3', async () => {
    const input = await writeXlsx(path.join(dir, 'nocols.xlsx'), { S: [['Name', 'Value'], ['A', 1]] });
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'nocols-out.xlsx'))).toMatch(/^no client column: no header in the first 20 rows reads like Client/);
    const input2 = await writeXlsx(path.join(dir, 'noamount.xlsx'), { S: [['Client', 'Value'], ['A', 1]] });
    expect(await fails(ExitCode.INPUT, 'segment', input2, '--out', path.join(dir, 'noamount-out.xlsx'))).toMatch(/^no amount column/);
  });

  it('a header-only range exits 3', async () => {
    const input = await writeXlsx(path.join(dir, 'header.xlsx'), { S: [['Client', 'Amount', 'Date']] });
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'header-out.xlsx'))).toBe('the range has a header but no rows of data');
  });

  it('every row bad (text in the amount column) exits 3 and names the first bad rows', async () => {
    const input = await writeXlsx(path.join(dir, 'text.xlsx'), { S: [['Client', 'Amount', 'Date'], ['A', 'lots', utc(2024, 1, 1)], ['B', 'n/a', utc(2024, 1, 2)]] });
    const reason = await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'text-out.xlsx'));
    expect(reason).toBe("every row is bad (2 skipped), for example row 2: amount 'lots' is not a number; row 3: amount 'n/a' is not a number");
    expect(fs.existsSync(path.join(dir, 'text-out.xlsx'))).toBe(false);
  });

  it('a CSV with nothing in it exits 3', async () => {
    const input = path.join(dir, 'empty.csv');
    fs.writeFileSync(input, '\n;;\n\n');
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'empty-out.xlsx'))).toBe('empty.csv is empty: no cell has a value');
  });

  it('an empty --range exits 3 naming the range', async () => {
    const input = await writeXlsx(path.join(dir, 'range.xlsx'), { Sales: salesRows() });
    expect(await fails(ExitCode.INPUT, 'segment', input, '--range', 'H1:J20', '--out', path.join(dir, 'range-out.xlsx'))).toBe('the range H1:J20 in range.xlsx is empty');
  });

  it('a column of #N/A errors as the amount exits 3: every row is bad', async () => {
    const na = { error: '#N/A' } as ExcelJS.CellErrorValue;
    const input = await writeXlsx(path.join(dir, 'na.xlsx'), { S: [['Client', 'Amount', 'Date'], ['A', na, utc(2024, 1, 1)], ['B', na, utc(2024, 1, 2)]] });
    const reason = await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'na-out.xlsx'));
    expect(reason).toBe("every row is bad (2 skipped), for example row 2: amount '#N/A' is not a number; row 3: amount '#N/A' is not a number");
  });

  it('amounts too large to add up exit 3 naming the client', async () => {
    const input = path.join(dir, 'huge.csv');
    fs.writeFileSync(input, 'Client,Amount,Date\nA,1e308,2024-01-01\nA,1e308,2024-01-02\nB,5,2024-02-01\n');
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'huge-out.xlsx'))).toBe("the amounts of 'A' are too large to add up");
  });

  it('huge amounts that add up give a result, written as numbers', async () => {
    const input = path.join(dir, 'big.csv');
    fs.writeFileSync(input, 'Client,Amount,Date\nA,1e300,2024-01-01\nB,99999999999999999999,2024-01-02\nC,5,2024-02-01\n');
    const json = path.join(dir, 'big.json');
    expect((await run('segment', input, '--out', path.join(dir, 'big-out.xlsx'), '--json', json, '--quiet')).code).toBe(ExitCode.OK);
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).clients.map((c: { revenue: number }) => c.revenue)).toEqual([1e300, 1e20, 5]);
  });

  it('no client column: the reason tells how to point at the table with --range or --sheet, or name it with --map', async () => {
    const input = path.join(dir, 'nocol.csv');
    fs.writeFileSync(input, 'Name,Value\nA,1\n');
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'nocol-out.xlsx'))).toBe(
      'no client column: no header in the first 20 rows reads like Client / Клиент / Klient (first row: Name, Value); if the table starts lower down or on another sheet, ' +
        'give --range (e.g. --range A5:F9999) or --sheet, or name the column with --map client=<header or column letter>',
    );
  });

  it('--out equal to the input exits 2 and leaves the input unchanged', async () => {
    const input = await writeXlsx(path.join(dir, 'same.xlsx'), { Sales: salesRows() });
    const before = sha256(input);
    const reason = await fails(ExitCode.USAGE, 'segment', input, '--out', path.join(dir, '.', 'same.xlsx'));
    expect(reason).toMatch(/is the input file; the input is never overwritten/);
    expect(sha256(input)).toBe(before);
  });

  it('--map naming no column exits 3', async () => {
    const input = await writeXlsx(path.join(dir, 'map.xlsx'), { Sales: salesRows() });
    expect(await fails(ExitCode.INPUT, 'segment', input, '--map', 'client=Buyer', '--out', path.join(dir, 'map-out.xlsx'))).toMatch(/^--map: no column 'Buyer' for client in Sales/);
  });

  it('an unwritable output folder exits 4', async () => {
    const input = await writeXlsx(path.join(dir, 'w.xlsx'), { Sales: salesRows() });
    fs.writeFileSync(path.join(dir, 'afile'), '');
    expect(await fails(ExitCode.OUTPUT, 'segment', input, '--quiet', '--out', path.join(dir, 'afile', 'r.xlsx'))).toMatch(/^cannot (create the folder of|write)/);
  });
});
