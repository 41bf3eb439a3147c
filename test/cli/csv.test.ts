/**
 * CSV files as real exports make them (issue 7, items 3, 4, 5, 7, 9, 12, 13, 14): encodings, Excel's
 * sep= line, the delimiter, quotes, lines with more fields than headers, totals rows, a title block,
 * the date order. Each case writes its own file and checks the exit code, the message, and that rows
 * used + rows skipped = the rows of data in the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { decodeText, detectDelimiter, lineBreaks, parseCsv, readCsv, sepLine } from '../../src/cli/csv';
import { readInput } from '../../src/cli/read';
import { CliError, ExitCode } from '../../src/cli/exit';
import { cleanup, fails, run, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

/** Windows-1251 bytes of a text: the code page's table, built from its 256 bytes. */
function cp1251(text: string): Buffer {
  const table = new Map<string, number>();
  const chars = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (let i = 0; i < 256; i++) table.set(chars[i], i);
  return Buffer.from(Array.from(text, (ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`no Windows-1251 byte for ${ch}`);
    return b;
  }));
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function thrown(f: () => unknown): CliError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return e as CliError;
  }
  throw new Error('expected a CliError');
}

/** Runs segment with --json and returns the exit code, output and JSON. */
async function segment(file: string, ...flags: string[]) {
  const base = path.join(dir, path.basename(file, path.extname(file)));
  const r = await run('segment', file, '--out', `${base}-out.xlsx`, '--json', `${base}-out.json`, '--quiet', ...flags);
  const json = r.code === 0 ? JSON.parse(fs.readFileSync(`${base}-out.json`, 'utf8')) : null;
  return { ...r, json, out: `${base}-out.xlsx` };
}

/** The "N rows used, M skipped" of the stdout line. */
function used(stdout: string): [number, number] {
  const m = /(\d+) rows used, (\d+) skipped/.exec(stdout);
  if (!m) throw new Error(`no row counts in: ${stdout}`);
  return [Number(m[1]), Number(m[2])];
}

describe('decodeText(bytes): encodings', () => {
  it('decodeText reads UTF-8 with a BOM and drops the BOM', () => {
    expect(decodeText(Buffer.from('\ufeffКлиент;5', 'utf8'), 'a.csv')).toEqual({ text: 'Клиент;5', encoding: 'utf-8' });
  });

  it('decodeText reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeText(Buffer.from('\ufeffКлиент;5', 'utf16le'), 'a.csv')).toEqual({ text: 'Клиент;5', encoding: 'utf-16le' });
    expect(decodeText(utf16be('\ufeffКлиент;5'), 'a.csv')).toEqual({ text: 'Клиент;5', encoding: 'utf-16be' });
  });

  it('decodeText reads bytes that are not UTF-8 as Windows-1251, with a note naming the first bad line', () => {
    // "Клиент" in Windows-1251: CA EB E8 E5 ED F2
    const bytes = Buffer.concat([Buffer.from('Client;Amount\n'), Buffer.from([0xca, 0xeb, 0xe8, 0xe5, 0xed, 0xf2]), Buffer.from(';5\n')]);
    expect(decodeText(bytes, 'dir/cp.csv')).toEqual({
      text: 'Client;Amount\nКлиент;5\n',
      encoding: 'windows-1251',
      note: 'cp.csv is not UTF-8 text (first bad byte on line 2): read as Windows-1251, the code page of Russian exports (1C); if the names look wrong, give --encoding or save the file as "CSV UTF-8"',
    });
  });

  it('decodeText reads UTF-16 LE without a BOM when every other byte is zero, with a note', () => {
    const d = decodeText(Buffer.from('Client;Amount\nAcme;5\n', 'utf16le'), 'w.csv');
    expect([d.text, d.encoding, d.note]).toEqual(['Client;Amount\nAcme;5\n', 'utf-16le', 'w.csv has no byte-order mark but reads as UTF-16 LE text; if the names look wrong, give --encoding']);
  });

  it('decodeText(bytes, file, "windows-1251") reads the bytes as given, even when they are valid UTF-8', () => {
    // "Р" "С" in UTF-8 (D0 A0 D0 A1) read as Windows-1251 bytes: Р = D0, non-breaking space = A0, С = D1... (each byte its own letter)
    expect(decodeText(Buffer.from([0xd0, 0xa0]), 'a.csv', 'windows-1251').text).toBe('Р\u00a0');
  });

  it('decodeText(bytes, file, "utf-8") refuses bytes that are not UTF-8, naming the line', () => {
    const e = thrown(() => decodeText(Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xca, 0x0a])]), 'x/bad.csv', 'utf-8'));
    expect([e.exitCode, e.message]).toEqual([ExitCode.INPUT, "bad.csv is not UTF-8 text (first bad byte on line 3): drop --encoding utf-8 to read it as Windows-1251, or give the file's encoding"]);
  });
});

describe('sepLine(text), lineBreaks(text), detectDelimiter(text)', () => {
  it("sepLine finds Excel's sep=; line with its line break", () => {
    expect(sepLine('sep=;\r\nClient;Amount')).toEqual({ delimiter: ';', length: 7 });
    expect(sepLine('"sep=,"\nClient')).toEqual({ delimiter: ',', length: 8 });
    expect(sepLine('SEP=|;;\nClient')).toBeNull();
    expect(sepLine('Client;Amount\n')).toBeNull();
  });

  it('lineBreaks keeps a text of CRLF or of LF, and rewrites a text mixing them with LF', () => {
    expect(lineBreaks('a\r\nb\r\n')).toEqual({ text: 'a\r\nb\r\n', newline: '\r\n', breaks: 2 });
    expect(lineBreaks('a\nb')).toEqual({ text: 'a\nb', newline: '\n', breaks: 1 });
    expect(lineBreaks('a\rb\r')).toEqual({ text: 'a\rb\r', newline: '\r', breaks: 2 });
    expect(lineBreaks('a\r\nb\nc\rd')).toEqual({ text: 'a\nb\nc\nd', newline: '\n', breaks: 3 });
  });

  it('detectDelimiter chooses ; for "Контрагент;Сумма, руб.;Дата, время" (commas inside the headers)', () => {
    expect(detectDelimiter('Контрагент;Сумма, руб.;Дата, время\nООО Ромашка;1 234,56;15.01.2024 10:00\nИП Иванов;500;16.01.2024 11:30\n')).toBe(';');
  });

  it('detectDelimiter prefers ; over , when both split every line alike', () => {
    // ";" and "," both give 2 fields on each line
    expect(detectDelimiter('Клиент;Сумма, руб.\nAcme;1 234,56\nBolt;5,5\n')).toBe(';');
  });

  it('detectDelimiter keeps the comma of a comma file with one line of an unquoted decimal comma', () => {
    expect(detectDelimiter('Client,Amount\nAcme,5\nBolt,1234,56\nCato,7\n')).toBe(',');
  });

  it('detectDelimiter finds tab and |, and respects quotes', () => {
    expect(detectDelimiter('Client\tAmount\nAcme, Inc\t5\n')).toBe('\t');
    expect(detectDelimiter('Client|Amount\nAcme; Inc|5\n')).toBe('|');
    expect(detectDelimiter('"Client;Name",Amount\n"Acme;Inc",5\n')).toBe(',');
  });

  it('detectDelimiter sees past a title block to the table', () => {
    expect(detectDelimiter('Отчёт о продажах, 2024\n\nКлиент;Сумма;Дата\nAcme;5;01.01.2024\nBolt;6;02.01.2024\n')).toBe(';');
  });

  it('detectDelimiter falls back to the comma for a single column', () => {
    expect(detectDelimiter('Client\nAcme\n')).toBe(',');
  });
});

describe('parseCsv(text, delimiter): quotes', () => {
  it('parseCsv keeps quoted delimiters, doubled quotes and empty fields', () => {
    expect(parseCsv('a,"b,c","say ""hi""",\n,,""\n', ',').rows).toEqual([['a', 'b,c', 'say "hi"', ''], ['', '', ''], ['']]);
  });

  it('parseCsv keeps a quoted value over two lines as one cell, numbering the records by file line, with a note', () => {
    const p = parseCsv('Client;Note\nAcme;"line one\nline two"\nBolt;x\n', ';', { name: 'n.csv' });
    expect(p.rows.slice(0, 3)).toEqual([['Client', 'Note'], ['Acme', 'line one\nline two'], ['Bolt', 'x']]);
    expect(Array.from(p.lines!).slice(0, 3)).toEqual([1, 2, 4]);
    expect(p.notes).toEqual([
      'n.csv: 1 quoted value(s) run over several lines (the first on line 2); each is read as one cell, as Excel does, and row numbers are file lines: if rows were merged, check the quotes there',
    ]);
  });

  it('parseCsv stops at a quote that never closes, naming its line', () => {
    const e = thrown(() => parseCsv('Client;Amount\nAcme;1\n"Bolt;2\nCato;3\n', ';', { name: 's.csv' }));
    expect(e.message).toBe('s.csv, line 3: a quote opens here and is never closed, so every line after it would be read as one value; close it, or write a quote inside a value twice ("")');
  });

  it('parseCsv counts the line of an unclosed quote after a sep= line (firstLine 2)', () => {
    expect(thrown(() => parseCsv('Client;Amount\r\n"Acme;1\r\n', ';', { firstLine: 2 })).message).toMatch(/^line 3: a quote opens here/);
  });

  it('parseCsv stops at a quoted value with a stray quote inside that runs on over lines', () => {
    const e = thrown(() => parseCsv('Client;Amount\n"ООО "Ромашка" филиал;1\nBolt;2\nCato";3\n', ';', { name: 's.csv' }));
    expect(e.message).toBe('s.csv, line 2: a quoted value has a quote inside that is not doubled, and runs on over the next lines; write a quote inside a value twice ("")');
  });

  it('parseCsv stops at a quoted value that closes lines later over lines that look like rows', () => {
    // a stray quote on line 3 and another on line 5: valid quoting, but lines 4-5 would vanish into one value
    const e = thrown(() => parseCsv('Client;Amount\nAcme;1\n"Bolt;2\nCato;3\nDino";4\nEcho;5\n', ';', { name: 's.csv' }));
    expect(e.message).toBe(
      's.csv, line 3: a quote opens here and closes only on line 5, so the lines between, which look like rows of their own, would be read as one value; remove that quote, or write a quote inside a value twice ("")',
    );
  });

  it('parseCsv keeps a comment over lines whose inner line has fewer delimiters than its row', () => {
    expect(parseCsv('Client;Amount;Note\nAcme;1;"Mon; Tue\nWed; Thu"\n', ';').rows[1]).toEqual(['Acme', '1', 'Mon; Tue\nWed; Thu']);
  });

  it('parseCsv keeps a stray quote inside a quoted value when the value ends on its line', () => {
    expect(parseCsv('Client;Amount\n"ООО "Ромашка", Москва";1\n', ';').rows[1]).toEqual(['ООО "Ромашка", Москва', '1']);
  });

  it('parseCsv reads a file that mixes CRLF and LF lines', () => {
    expect(parseCsv('a;b\r\nc;d\ne;f\r\n', ';').rows).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['']]);
  });
});

describe('readCsv(file) and readInput(file.csv)', () => {
  it('readInput reads a UTF-8 CSV with a BOM, semicolons and quotes, every cell a string', async () => {
    const file = write('ru.csv', '\ufeffКлиент;Сумма;Дата\r\n"ООО ""Ромашка""";"1 234,56";15.01.2024\r\nИП Иванов;500;16.01.2024\r\n');
    const t = await readInput(file);
    expect(t.cells).toEqual([['Клиент', 'Сумма', 'Дата'], ['ООО "Ромашка"', '1 234,56', '15.01.2024'], ['ИП Иванов', '500', '16.01.2024']]);
    expect(t.csv).toEqual({ delimiter: ';', encoding: 'utf-8' });
  });

  it('readCsv drops the sep= line and starts the rows at file line 2', () => {
    const t = readCsv(write('sep.csv', 'sep=;\r\nClient;Amount\r\nAcme;1,5\r\n'));
    expect([t.cells, t.firstRow, t.csv?.delimiter]).toEqual([[['Client', 'Amount'], ['Acme', '1,5']], 2, ';']);
  });

  it('readCsv with --range takes the file lines and columns given', () => {
    const t = readCsv(write('range.csv', 'x;y;z\nClient;Amount;Note\nAcme;1;a\nBolt;2;b\n'), { range: { firstRow: 2, lastRow: 3, firstColumn: 0, lastColumn: 1 } });
    expect([t.cells, t.firstRow, t.firstColumn]).toEqual([[['Client', 'Amount'], ['Acme', '1']], 2, 0]);
  });

  it('readCsv says when the file is empty (no bytes)', () => {
    expect(thrown(() => readCsv(write('zero.csv', ''))).message).toBe('zero.csv is empty: no cell has a value');
  });

  it('readCsv says when the file has no value at all', () => {
    expect(thrown(() => readCsv(write('empty.csv', ';;\n\n'))).message).toBe('empty.csv is empty: no cell has a value');
  });
});

describe('key-clients segment on CSV exports', () => {
  it('an unclosed quote exits 3 naming the line where it opens, and writes nothing', async () => {
    const lines = ['Client;Amount'];
    for (let i = 2; i <= 102; i++) lines.push(i === 7 ? `"Client ${i};${i}` : `Client ${i};${i}`);
    const file = write('unclosed.csv', `${lines.join('\n')}\n`);
    expect(await fails(ExitCode.INPUT, 'segment', file, '--out', path.join(dir, 'unclosed-out.xlsx'))).toBe(
      'unclosed.csv, line 7: a quote opens here and is never closed, so every line after it would be read as one value; close it, or write a quote inside a value twice ("")',
    );
    expect(fs.existsSync(path.join(dir, 'unclosed-out.xlsx'))).toBe(false);
  });

  it('"Acme,1234,56" under 2 headers is a skipped row naming an unquoted decimal comma, listed on Skipped rows', async () => {
    const file = write('comma.csv', 'Client,Amount\nAcme,1234,56\nBolt,500\nCato,"1234,56"\n');
    const r = await segment(file);
    expect(r.code).toBe(0);
    const reason = 'row 2: 3 fields under 2 headers (\'Acme,1234,56\'): a number with a comma in it, not in quotes? Put it in quotes ("1234,56") or write it with a dot';
    expect(r.json.skipped).toEqual([{ row: 2, reason }]);
    expect(r.json.clients.map((c: { client: string; revenue: number }) => [c.client, c.revenue])).toEqual([['Cato', 1234.56], ['Bolt', 500]]);
    // 3 rows in the file: 2 used + 1 skipped
    expect(used(r.stdout)).toEqual([2, 1]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.out);
    const values: unknown[] = [];
    wb.getWorksheet('Skipped rows')!.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toEqual(expect.arrayContaining([2, reason]));
  });

  it('a semicolon inside an unquoted value is a skipped row naming the delimiter', async () => {
    const r = await segment(write('semi.csv', 'Контрагент;Сумма\nООО Ромашка; филиал;500\nИП Иванов;300\nИП Петров;200\n'));
    expect(r.json.skipped).toEqual([{ row: 2, reason: "row 2: 3 fields under 2 headers ('ООО Ромашка; филиал;500'): a value with the delimiter in it, not in quotes? Put that value in quotes" }]);
    expect(used(r.stdout)).toEqual([2, 1]);
  });

  it('a line with fewer fields than headers reads the missing ones as blanks', async () => {
    const r = await segment(write('short.csv', 'Client;Amount;Order\nAcme;100\nBolt;50;O-2\n'));
    expect([r.code, used(r.stdout), r.json.clients.map((c: { orders: number }) => c.orders)]).toEqual([0, [2, 0], [1, 1]]);
  });

  it('"Контрагент;Сумма, руб.;Дата, время" is read with ;', async () => {
    const r = await segment(write('units.csv', 'Контрагент;Сумма, руб.;Дата, время\nООО Ромашка;1 234,56;15.01.2024 10:00\nИП Иванов;500;16.01.2024 11:30\n'));
    expect(r.json.clients.map((c: { client: string; revenue: number; firstPurchase: string }) => [c.client, c.revenue, c.firstPurchase])).toEqual([
      ['ООО Ромашка', 1234.56, '2024-01-15'],
      ['ИП Иванов', 500, '2024-01-16'],
    ]);
    expect(used(r.stdout)).toEqual([2, 0]);
  });

  it("Excel's sep=; line sets the delimiter and is dropped; rows in messages are file lines", async () => {
    const r = await segment(write('sepline.csv', 'sep=;\nClient;Amount\nAcme;1,5\nBolt;x\nCato;2\n'));
    expect(r.json.skipped).toEqual([{ row: 4, reason: "row 4: amount 'x' is not a number" }]);
    expect(r.json.clients.map((c: { revenue: number }) => c.revenue)).toEqual([2, 1.5]);
    expect(used(r.stdout)).toEqual([2, 1]);
  });

  it('a quoted value over two lines is one cell, noted on stderr, and later rows keep their file line', async () => {
    const file = write('multiline.csv', 'Client;Amount;Comment\nAcme;100;"line one\nline two"\nBolt;x;ok\nCato;5;\n');
    const r = await run('segment', file, '--out', path.join(dir, 'multiline-out.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('key-clients: note: multiline.csv: 1 quoted value(s) run over several lines (the first on line 2)');
    expect(r.stderr).toContain("row 4: amount 'x' is not a number");
    expect(used(r.stdout)).toEqual([2, 1]);
  });

  describe('the same file in each encoding gives the same result as the UTF-8 file', () => {
    const table = 'Контрагент;Сумма;Дата\r\nООО «Ромашка»;1 234,56;15.01.2024\r\nИП Иванов;500;16.02.2024\r\nООО «Ромашка»;100,44;01.03.2024\r\nИтого;1 835,00;\r\n';
    let expected: unknown;
    beforeAll(async () => {
      const r = await segment(write('enc-utf8.csv', table));
      expected = r.json.clients;
    });

    it('the UTF-8 file gives the revenues by hand: Ромашка 1234.56 + 100.44 = 1335, Иванов 500', () => {
      expect((expected as Array<{ client: string; revenue: number }>).map((c) => [c.client, c.revenue])).toEqual([['ООО «Ромашка»', 1335], ['ИП Иванов', 500]]);
    });

    it.each<[string, () => Buffer, string[]]>([
      ['UTF-8 with a BOM', () => Buffer.from(`\ufeff${table}`, 'utf8'), []],
      ['UTF-16 LE with a BOM', () => Buffer.from(`\ufeff${table}`, 'utf16le'), []],
      ['UTF-16 BE with a BOM', () => utf16be(`\ufeff${table}`), []],
      ['Windows-1251', () => cp1251(table), []],
      ['Windows-1251 forced with --encoding', () => cp1251(table), ['--encoding', 'windows-1251']],
      ['UTF-16 LE without a BOM, forced with --encoding', () => Buffer.from(table, 'utf16le'), ['--encoding', 'utf-16le']],
    ])('%s', async (name, bytes, flags) => {
      const r = await segment(write(`enc-${name.replace(/\W+/g, '-')}.csv`, bytes()), ...flags);
      expect(r.code).toBe(0);
      expect(r.json.clients).toEqual(expected);
      expect(r.json.skipped).toEqual([{ row: 5, reason: "row 5: totals row (client 'Итого')" }]);
      expect(used(r.stdout)).toEqual([3, 1]);
    });

    it('--encoding utf-8 on a Windows-1251 file exits 3 naming the line', async () => {
      const file = write('enc-forced.csv', cp1251(table));
      expect(await fails(ExitCode.INPUT, 'segment', file, '--encoding', 'utf-8', '--out', path.join(dir, 'enc-forced.xlsx'))).toBe(
        "enc-forced.csv is not UTF-8 text (first bad byte on line 1): drop --encoding utf-8 to read it as Windows-1251, or give the file's encoding",
      );
    });

    it('--encoding with an unknown name exits 2', async () => {
      expect(await fails(ExitCode.USAGE, 'segment', 'x.csv', '--encoding', 'koi8-r')).toBe(
        "--encoding must be one of utf-8, utf-16le, utf-16be, windows-1251, windows-1250, not 'koi8-r'",
      );
    });
  });

  it('"Итого;1 850,00" in a file without dates is a totals row: 5 clients, classes A, A, B, B, C', async () => {
    // by hand (share 75 % / 95 % of 1850): A above 0 %, B above 54.1 % -> A; C above 81.1 %, D above 91.9 % -> B; E above 97.3 % -> C
    const r = await segment(write('totals.csv', 'Контрагент;Сумма\nA;1000\nB;500\nC;200\nD;100\nE;50\nИтого;1 850,00\n'));
    expect(r.json.clients.map((c: { client: string; abc: string }) => [c.client, c.abc])).toEqual([['A', 'A'], ['B', 'A'], ['C', 'B'], ['D', 'B'], ['E', 'C']]);
    expect(r.json.skipped).toEqual([{ row: 7, reason: "row 7: totals row (client 'Итого')" }]);
    expect(r.stdout).toMatch(/^5 clients, /);
    expect(used(r.stdout)).toEqual([5, 1]);
  });

  describe('--date-order set wins over the data', () => {
    const content = 'Client;Amount;Date\nAcme;100;01/02/2024\nBolt;50;25/12/2024\nAcme;10;03/04/2024\n';

    it('--date-order mdy reads 01/02/2024 as 2 January and skips 25/12/2024 with the reason; the JSON says mdy', async () => {
      const r = await segment(write('mdy.csv', content), '--date-order', 'mdy');
      expect(r.json.settings.dateOrder).toBe('mdy');
      expect(r.json.clients.map((c: { client: string; firstPurchase: string; lastPurchase: string }) => [c.client, c.firstPurchase, c.lastPurchase])).toEqual([
        ['Acme', '2024-01-02', '2024-03-04'],
      ]);
      expect(r.json.skipped).toEqual([{ row: 3, reason: "row 3: date '25/12/2024' does not fit the date order mm/dd/yyyy that was set" }]);
      expect(used(r.stdout)).toEqual([2, 1]);
    });

    it('without --date-order (auto) 25/12/2024 makes the column day-first: 01/02/2024 is 1 February', async () => {
      const r = await segment(write('auto.csv', content));
      expect(r.json.settings.dateOrder).toBe('auto');
      expect(r.json.clients.map((c: { client: string; firstPurchase: string }) => [c.client, c.firstPurchase])).toEqual([
        ['Acme', '2024-02-01'],
        ['Bolt', '2024-12-25'],
      ]);
      expect(used(r.stdout)).toEqual([3, 0]);
    });

    it('without --date-order the JSON says the order the data gave (dateOrder "dmy") and the setting as set ("auto")', async () => {
      const r = await segment(write('auto-json.csv', content));
      expect([r.json.dateOrder, r.json.settings.dateOrder]).toEqual(['dmy', 'auto']);
    });
  });

  describe('a title block above the header', () => {
    const content = 'Отчёт о продажах за 2024 год\nОрганизация: ООО «Вектор»\n\nКлиент;Сумма;Дата\nAcme;100;15.01.2024\nBolt;abc;16.01.2024\nAcme;50;17.01.2024\n';

    it('the header on line 4 is found; rows above it are not data; rows in messages are file lines', async () => {
      const r = await segment(write('titled.csv', content));
      expect(r.code).toBe(0);
      expect(r.json.skipped).toEqual([{ row: 6, reason: "row 6: amount 'abc' is not a number" }]);
      expect(r.json.clients.map((c: { client: string; revenue: number }) => [c.client, c.revenue])).toEqual([['Acme', 150]]);
      // 3 rows of data under the header: 2 used + 1 skipped
      expect(used(r.stdout)).toEqual([2, 1]);
    });

    it('--map by header names finds the header row that holds them', async () => {
      const r = await segment(write('titled-map.csv', content.replace('Клиент;Сумма', 'Покупатель;Оборот')), '--map', 'client=Покупатель,amount=Оборот');
      expect([r.code, r.json?.clients.map((c: { revenue: number }) => c.revenue), r.json?.skipped.map((s: { row: number }) => s.row)]).toEqual([0, [150], [6]]);
    });

    it('no header in the first 20 rows exits 3 saying how to point at the table', async () => {
      const file = write('noheader.csv', 'Отчёт\nНаименование;Оборот\nAcme;5\n');
      expect(await fails(ExitCode.INPUT, 'segment', file, '--out', path.join(dir, 'noheader-out.xlsx'))).toBe(
        'no client column: no header in the first 20 rows reads like Client / Клиент / Klient (first row: Отчёт); if the table starts lower down or on another sheet, ' +
          'give --range (e.g. --range A5:F9999) or --sheet, or name the column with --map client=<header or column letter>',
      );
    });
  });
});
