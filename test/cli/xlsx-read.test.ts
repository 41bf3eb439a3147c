/**
 * The .xlsx reader of the command line (src/cli/xlsx): damaged and password-protected files, sheets
 * written by other tools, which sheet is read, the 1904 date system, sum formulas, cell types.
 * Every fixture is built here; expected values are hand-calculated.
 */
import { EventEmitter } from 'events';
import * as fs from 'fs';
import * as path from 'path';
import { ExitCode } from '../../src/cli/exit';
import { exitWhenDone } from '../../src/cli/main';
import { readInput } from '../../src/cli/read';
import { isDateFormat, resolveTarget } from '../../src/cli/xlsx/workbook';
import { sheetRef } from '../../src/cli/xlsx/reader';
import { parseNumberBytes, SheetScanner } from '../../src/cli/xlsx/sheet';
import type { Cell } from '../../src/core';
import { cleanup, fails, run, salesRows, sha256, tmpDir, writeXlsx } from './fixtures';
import { book, bookParts, compoundFile, zip, type FixtureSheet, type ZipEntry } from './xlsx-fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

function save(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** "N rows used, M skipped" of the summary line. */
function counts(stdout: string): { used: number; skipped: number } {
  const m = /; (\d+) rows used, (\d+) skipped/.exec(stdout);
  if (!m) throw new Error(`no counts in: ${stdout}`);
  return { used: Number(m[1]), skipped: Number(m[2]) };
}

/** A sales table: header and `rows` data rows (client, amount, date serial). */
const SALES: FixtureSheet['rows'] = [
  ['Client', 'Amount', 'Date'],
  ['Acme', 100, { date: 45306 }], // 2024-01-15
  ['Beta', 250.5, { date: 45322 }], // 2024-01-31
  ['Acme', 50, { date: 45337 }], // 2024-02-15
];

function damagedMessage(file: string): string {
  return `${file} is damaged or incomplete: save it again from Excel`;
}

describe('a damaged .xlsx exits 3 and says to save it again', () => {
  it.each([25, 50, 75])('a file cut at %i %% of its bytes', async (percent) => {
    const whole = fs.readFileSync(await writeXlsx(path.join(dir, `whole-${percent}.xlsx`), { Sales: salesRows() }));
    const input = save(`cut-${percent}.xlsx`, whole.subarray(0, Math.floor((whole.length * percent) / 100)));
    const out = path.join(dir, `cut-${percent}-out.xlsx`);
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', out)).toBe(damagedMessage(`cut-${percent}.xlsx`));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('an empty file', async () => {
    expect(await fails(ExitCode.INPUT, 'segment', save('empty.xlsx', Buffer.alloc(0)), '--out', path.join(dir, 'never-written.xlsx'))).toBe(damagedMessage('empty.xlsx'));
  });

  it('a sheet entry whose compressed bytes are broken', async () => {
    const bytes = book([{ name: 'Sales', rows: SALES }]);
    const at = bytes.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    for (let i = 10; i < 40; i++) bytes[at + i] ^= 0x5a;
    expect(await fails(ExitCode.INPUT, 'segment', save('bad-entry.xlsx', bytes), '--out', path.join(dir, 'never-written.xlsx'))).toBe(damagedMessage('bad-entry.xlsx'));
  });

  it('a sheet entry that fails its CRC check', async () => {
    const parts = bookParts([{ name: 'Sales', rows: SALES }]).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, crc: 12345 } : p));
    expect(await fails(ExitCode.INPUT, 'segment', save('bad-crc.xlsx', zip(parts)), '--out', path.join(dir, 'never-written.xlsx'))).toBe(damagedMessage('bad-crc.xlsx'));
  });

  it('no workbook part (xl/workbook.xml)', async () => {
    const parts = bookParts([{ name: 'Sales', rows: SALES }]).filter((p) => p.name !== 'xl/workbook.xml');
    expect(await fails(ExitCode.INPUT, 'segment', save('no-workbook.xlsx', zip(parts)), '--out', path.join(dir, 'never-written.xlsx'))).toBe(damagedMessage('no-workbook.xlsx'));
  });

  it('no part for the sheet', async () => {
    const parts = bookParts([{ name: 'Sales', rows: SALES }]).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
    expect(await fails(ExitCode.INPUT, 'segment', save('no-sheet.xlsx', zip(parts)), '--out', path.join(dir, 'never-written.xlsx'))).toBe(damagedMessage('no-sheet.xlsx'));
  });

  it('a sheet whose XML stops in the middle of its rows', async () => {
    const parts = bookParts([{ name: 'Sales', rows: SALES }]).map((p) =>
      p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: String(p.data).slice(0, String(p.data).indexOf('<row r="3"')) } : p,
    );
    expect(await fails(ExitCode.INPUT, 'segment', save('short-xml.xlsx', zip(parts)), '--out', path.join(dir, 'never-written.xlsx'))).toBe(damagedMessage('short-xml.xlsx'));
  });
});

describe('files that are not an .xlsx inside', () => {
  it('a password-protected workbook (an encrypted compound file) says so', async () => {
    const input = save('secret.xlsx', compoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']));
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'never-written.xlsx'))).toBe(
      'secret.xlsx is protected by a password: save a copy without one (File > Info > Protect Workbook > Encrypt with Password, clear it) and try again',
    );
  });

  it('an old .xls workbook with an .xlsx name says to save it as .xlsx', async () => {
    const input = save('old.xlsx', compoundFile(['Workbook', '\u0005SummaryInformation']));
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'never-written.xlsx'))).toBe('old.xlsx is an old Excel 97-2003 workbook (.xls) with an .xlsx name: open it in Excel and save it as .xlsx');
  });

  it('a CSV text with an .xlsx name says to rename it', async () => {
    const input = save('text.xlsx', Buffer.from('Client;Amount\nAcme;5\n'));
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'never-written.xlsx'))).toBe('cannot read text.xlsx as an .xlsx workbook: it is text; if it is CSV, give it a .csv name');
  });
});

describe('workbooks written by openpyxl and pandas (absolute relationship targets)', () => {
  const sheets: FixtureSheet[] = [
    { name: 'Notes', rows: [['Exported by a script'], ['see the Data sheet']] },
    { name: 'Data', rows: [...SALES, ['Gamma', 20, { date: 45340 }], ['Beta', 9.5, { date: 45341 }]] },
  ];

  it('--sheet names a sheet in any case and reads it', async () => {
    const input = save('pandas.xlsx', book(sheets));
    const json = path.join(dir, 'pandas.json');
    const r = await run('segment', input, '--sheet', 'data', '--out', path.join(dir, 'pandas-out.xlsx'), '--json', json, '--quiet');
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout).toContain('5 rows used, 0 skipped; source: pandas.xlsx, Data!A1:C6;');
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    // Acme 100 + 50, Beta 250.5 + 9.5, Gamma 20
    expect(doc.clients.map((c: { client: string; revenue: number }) => [c.client, c.revenue])).toEqual([['Beta', 260], ['Acme', 150], ['Gamma', 20]]);
  });

  it("--range 'Data!A1:C4' reads those cells of that sheet", async () => {
    const input = save('pandas-range.xlsx', book(sheets));
    const r = await run('segment', input, '--range', 'Data!A1:C4', '--out', path.join(dir, 'pandas-range-out.xlsx'), '--quiet');
    expect(r.code).toBe(ExitCode.OK);
    const { used, skipped } = counts(r.stdout);
    expect([used, skipped]).toEqual([3, 0]);
    expect(r.stdout).toContain('source: pandas-range.xlsx, Data!A1:C4;');
  });

  it('gives the sheet names in workbook order when a sheet is missing', async () => {
    const input = save('pandas-names.xlsx', book(sheets));
    expect(await fails(ExitCode.INPUT, 'segment', input, '--sheet', 'Sheet1', '--out', path.join(dir, 'never-written.xlsx'))).toBe("pandas-names.xlsx has no sheet 'Sheet1' (sheets: Notes, Data)");
  });

  it('resolves relative, absolute and ".." targets', () => {
    expect(resolveTarget('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/', '/xl/worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(resolveTarget('xl/worksheets/', '../sharedStrings.xml')).toBe('xl/sharedStrings.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });
});

describe('which sheet is read without --sheet', () => {
  it('passes over a hidden first sheet, names the sheet read, and notes the hidden one', async () => {
    const input = save('hidden.xlsx', book([
      { name: 'Old', state: 'hidden', rows: [['Client', 'Amount'], ['Ghost', 1000]] },
      { name: 'Sales', rows: SALES },
    ]));
    const json = path.join(dir, 'hidden.json');
    const r = await run('segment', input, '--out', path.join(dir, 'hidden-out.xlsx'), '--json', json);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout).toContain('3 rows used, 0 skipped; source: hidden.xlsx, Sales!A1:C4;');
    expect(r.stderr).toContain("key-clients: note: hidden sheet 'Old' not read (name one with --sheet to read it)\n");
    const clients = JSON.parse(fs.readFileSync(json, 'utf8')).clients.map((c: { client: string }) => c.client);
    expect(clients.sort()).toEqual(['Acme', 'Beta']);
  });

  it('reads a hidden sheet when --sheet names it', async () => {
    const input = save('hidden2.xlsx', book([
      { name: 'Old', state: 'veryHidden', rows: [['Client', 'Amount'], ['Ghost', 1000]] },
      { name: 'Sales', rows: SALES },
    ]));
    const t = await readInput(input, { sheet: 'OLD' });
    expect(t.sheet).toBe('Old');
    expect(t.cells).toEqual([['Client', 'Amount'], ['Ghost', 1000]]);
  });

  it('passes over a cover sheet of text to the first sheet with a sales header, and says so', async () => {
    const input = save('cover.xlsx', book([
      { name: 'Cover', rows: [['Sales report 2024'], ['Prepared by Finance'], [], ['Amounts in EUR']] },
      { name: 'Sales', rows: SALES },
    ]));
    const r = await run('segment', input, '--out', path.join(dir, 'cover-out.xlsx'));
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout).toContain('3 rows used, 0 skipped; source: cover.xlsx, Sales!A1:C4;');
    expect(r.stderr).toContain("key-clients: note: read sheet 'Sales': sheet 'Cover' before it has no recognisable header in the first 20 rows (name a sheet with --sheet)\n");
  });

  it('finds a header below a title block among the first non-empty rows', async () => {
    const input = save('title.xlsx', book([
      { name: 'Cover', rows: [['Contents'], ['1. Sales']] },
      { name: 'Report', rows: [['Sales by client'], ['Q1 2024'], [], ...SALES] },
    ]));
    const t = await readInput(input);
    expect(t.sheet).toBe('Report');
    expect(t.address).toBe('Report!A1:C7');
    expect(t.cells[3]).toEqual(['Client', 'Amount', 'Date']);
  });

  it('finds a header below a title block of 15 rows, as deep as the engine looks for it, past a cover sheet', async () => {
    const title: FixtureSheet['rows'] = Array.from({ length: 15 }, (_, i) => [`Report line ${i + 1}`]);
    const input = save('deep-title.xlsx', book([
      { name: 'Cover', rows: [['Contents'], ['1. Sales']] },
      { name: 'Report', rows: [...title, ...SALES] },
    ]));
    const t = await readInput(input);
    expect(t.sheet).toBe('Report');
    expect(t.cells[15]).toEqual(['Client', 'Amount', 'Date']);
  });

  it('reads the first visible sheet with data when no sheet has a sales header, and the engine says what it misses', async () => {
    const input = save('unknown.xlsx', book([
      { name: 'Empty', rows: [] },
      { name: 'Figures', rows: [['Name', 'Value'], ['A', 1]] },
      { name: 'More', rows: [['Who', 'How much'], ['B', 2]] },
    ]));
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'never-written.xlsx'))).toMatch(/^no client column: no header in the first 20 rows reads like Client/);
    expect((await readInput(input)).sheet).toBe('Figures');
  });

  it('quotes the sheet in the address like Excel when its name needs it', async () => {
    const input = save('quoted.xlsx', book([{ name: "Q1 O'Brien", rows: [[], [null, ...SALES[0]], [null, ...SALES[1]]] }]));
    const t = await readInput(input);
    expect(t.address).toBe("'Q1 O''Brien'!B2:D3");
    expect([t.firstRow, t.firstColumn]).toEqual([2, 1]);
  });

  it('writes sheet names in references as Excel does', () => {
    expect(sheetRef('Sales')).toBe('Sales');
    expect(sheetRef('Продажи_2024')).toBe('Продажи_2024');
    expect(sheetRef('Sales 2024')).toBe("'Sales 2024'");
    expect(sheetRef('2024')).toBe("'2024'");
    expect(sheetRef('A1')).toBe("'A1'");
    expect(sheetRef('R1C1')).toBe("'R1C1'");
    expect(sheetRef('Q&A')).toBe("'Q&A'");
  });

  it('key-clients leads passes over a one-column cover sheet to the first sheet with a lead and criteria', async () => {
    const input = save('leads-cover.xlsx', book([
      { name: 'Cover', rows: [['Refused leads 2025'], ['Scores 1-5']] },
      { name: 'Lost', rows: [['Lead', 'Brand', 'Order'], ['Bolt', 2, 2], ['Acme', 5, 4]] },
    ]));
    const json = path.join(dir, 'leads-cover.json');
    const r = await run('leads', input, '--json', json, '--quiet');
    expect(r.code).toBe(ExitCode.OK);
    // renew index = sum of the scores: Acme 5 + 4 = 9, Bolt 2 + 2 = 4
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).leads.map((l: { lead: string; renew: number }) => [l.lead, l.renew])).toEqual([['Acme', 9], ['Bolt', 4]]);
  });

  it('says which hidden sheets there are when no visible sheet has data', async () => {
    const input = save('only-hidden.xlsx', book([
      { name: 'Blank', rows: [] },
      { name: 'Raw', state: 'hidden', rows: SALES },
    ]));
    expect(await fails(ExitCode.INPUT, 'segment', input, '--out', path.join(dir, 'never-written.xlsx'))).toBe("only-hidden.xlsx has no data on any visible sheet (hidden: 'Raw'; name one with --sheet)");
  });
});

describe('the 1904 date system', () => {
  // 2024-01-15 is 43844 days after 1904-01-01 and 45306 after 1899-12-30 (Python's date arithmetic): 1462 apart
  const rows: FixtureSheet['rows'] = [
    ['Client', 'Amount', 'Date'],
    ['Acme', 100, { date: 43844 }], // 2024-01-15
    ['Beta', { raw: '<c r="B3" s="2"><v>50</v></c>' }, { date: 43860 }], // an amount shown as 50.00 "d": not a date
  ];

  it('reads date cells as dates of the 1900 system (+1462 days) and leaves other numbers alone', async () => {
    const t = await readInput(save('mac.xlsx', book([{ name: 'Sales', rows }], { date1904: true })));
    expect(t.cells).toEqual([['Client', 'Amount', 'Date'], ['Acme', 100, 45306], ['Beta', 50, 45322]]);
    expect(t.notes).toEqual(['mac.xlsx uses the 1904 date system: 2 date cell(s) were read as dates of the 1900 system (+1462 days)']);
  });

  it('gives the right analysis date and says so in a note', async () => {
    const input = save('mac2.xlsx', book([{ name: 'Sales', rows }], { date1904: true }));
    const json = path.join(dir, 'mac2.json');
    const r = await run('segment', input, '--out', path.join(dir, 'mac2-out.xlsx'), '--json', json);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stderr).toContain('key-clients: note: mac2.xlsx uses the 1904 date system');
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc.asOf).toBe('2024-01-31');
    expect(counts(r.stdout)).toEqual({ used: 2, skipped: 0 });
  });

  it('tells date formats from number formats that contain the letters', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-F800]dddd, mmmm dd, yyyy')).toBe(true);
    expect(isDateFormat('DD.MM.YYYY h:mm')).toBe(true);
    expect(isDateFormat('#,##0.00\\ "d"')).toBe(false);
    expect(isDateFormat('#,##0 "days";[Red]-#,##0')).toBe(false);
    expect(isDateFormat('h:mm:ss')).toBe(false);
    expect(isDateFormat('[h]:mm')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });
});

describe('formulas', () => {
  it('lists the cells whose formula is SUM, SUBTOTAL or AGGREGATE (any case, _xlfn. prefix, shared formulas)', async () => {
    const input = save('sums.xlsx', book([{
      name: 'Sales',
      rows: [
        ['Client', 'Amount', 'Profit'],
        ['Acme', 100, 10],
        ['Beta', { f: 'B2*2', v: 200 }, 20],
        ['Total', { f: 'SUM(B2:B3)', v: 300 }, { f: 'SUMIF(A2:A3,"Acme",C2:C3)', v: 10 }],
        ['Subtotal', { f: 'subtotal(9,B2:B3)', v: 300 }, null],
        ['Aggregate', { f: '_xlfn.AGGREGATE(9,4,B2:B3)', v: 300 }, { f: 'SUMPRODUCT(C2:C3)', v: 30 }],
        ['Grand total', { f: 'SUM(B2:B3)', shared: 0, ref: 'B7:C7', v: 300 }, { f: '', shared: 0, v: 30 }],
      ],
    }]));
    const t = await readInput(input);
    expect(t.sumFormulaCells).toEqual([[3, 1], [4, 1], [5, 1], [6, 1], [6, 2]]);
    expect(t.cells[2]).toEqual(['Beta', 200, 20]);
    expect(t.cells[6]).toEqual(['Grand total', 300, 30]);
    // every one of the 6 rows below the header is used or skipped (whichever the engine's totals rule decides)
    const r = await run('segment', input, '--out', path.join(dir, 'sums-out.xlsx'), '--quiet');
    expect(r.code).toBe(ExitCode.OK);
    const { used, skipped } = counts(r.stdout);
    expect(used + skipped).toBe(6);
  });

  it('gives sum cells relative to the range read', async () => {
    const input = save('sums-range.xlsx', book([{
      name: 'S',
      rows: [[], [null, 'Client', 'Amount'], [null, 'A', 5], [null, 'Total', { f: 'SUM(C3:C3)', v: 5 }]],
    }]));
    expect((await readInput(input)).sumFormulaCells).toEqual([[2, 1]]);
    expect((await readInput(input, { range: { firstRow: 2, lastRow: 3, firstColumn: 1, lastColumn: 2 } })).sumFormulaCells).toBeUndefined();
  });

  it('keeps error results as their text: the row is skipped with the reason, rows used + skipped = rows', async () => {
    const input = save('errors.xlsx', book([{
      name: 'Sales',
      rows: [
        ['Client', 'Amount', 'Date'],
        ['Acme', 100, { date: 45306 }],
        ['Beta', { e: '#N/A' }, { date: 45307 }],
        ['Gamma', { raw: '<c r="B4" t="e"><f>1/0</f><v>#DIV/0!</v></c>' }, { date: 45308 }],
        ['Delta', 7, { date: 45309 }],
      ],
    }]));
    const r = await run('segment', input, '--out', path.join(dir, 'errors-out.xlsx'));
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stderr).toContain("row 3: amount '#N/A' is not a number");
    expect(r.stderr).toContain("row 4: amount '#DIV/0!' is not a number");
    expect(counts(r.stdout)).toEqual({ used: 2, skipped: 2 });
  });
});

describe('cell types', () => {
  function withSharedStrings(sheets: FixtureSheet[], sst: string): ZipEntry[] {
    return bookParts(sheets).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, data: sst } : p));
  }

  it('reads inline strings, rich text, phonetic guides, booleans, ISO dates, text results and escapes', async () => {
    const sst =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<si><t>Client</t></si>' +
      '<si><r><rPr><b/></rPr><t>Del</t></r><r><t xml:space="preserve">ta </t></r><rPh sb="0" eb="1"><t>デ</t></rPh></si>' +
      '<si><t>R&amp;D_x000D_ &#x41;&#66; _x005F_x0041_</t></si></sst>';
    const input = save('types.xlsx', zip(withSharedStrings([{
      name: 'S',
      rows: [
        [{ raw: '<c r="A1" t="s"><v>0</v></c>' }, { inline: 'Amount' }, { inline: 'Paid' }, { inline: 'Date' }],
        [{ raw: '<c r="A2" t="s"><v>1</v></c>' }, 5, true, { raw: '<c r="D2" t="d"><v>2024-01-15T00:00:00</v></c>' }],
        [{ raw: '<c r="A3" t="s"><v>2</v></c>' }, 6, false, { raw: '<c r="D3" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>' }],
        [{ f: 'A2&"!"', v: 'Delta !' }, -1.5e-3, { raw: '<c r="C4" t="str"><f>"x"</f><v>x &lt; y</v></c>' }],
      ],
    }], sst)));
    const t = await readInput(input);
    expect(t.cells).toEqual([
      ['Client', 'Amount', 'Paid', 'Date'],
      ['Delta ', 5, true, 45306],
      ['R&D\r AB _x0041_', 6, false, 'ab'],
      ['Delta !', -0.0015, 'x < y'],
    ]);
  });

  it('reads elements with a namespace prefix and cells without a reference', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sheet =
      `<x:worksheet xmlns:x="${ns}"><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Client</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Amount</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>Acme</x:t></x:is></x:c><x:c><x:v>12.25</x:v></x:c></x:row>' +
      '<!-- a comment --><x:row r="4"><x:c r="B4"><x:v><![CDATA[7]]></x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const parts = bookParts([{ name: 'S', rows: [] }]).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: sheet } : p));
    const t = await readInput(save('prefixed.xlsx', zip(parts)));
    expect(t.cells).toEqual([['Client', 'Amount'], ['Acme', 12.25], [], ['', 7]]);
  });

  it('reads a workbook whose parts are stored without compression', async () => {
    const t = await readInput(save('stored.xlsx', zip(bookParts([{ name: 'Sales', rows: SALES }]), true)));
    expect(t.cells).toEqual([['Client', 'Amount', 'Date'], ['Acme', 100, 45306], ['Beta', 250.5, 45322], ['Acme', 50, 45337]]);
  });

  it('gives the same rows however the XML is cut into chunks (tags, text, entities and UTF-8 characters split)', () => {
    const xml = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<sheetData><row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t>Клиент &amp; Co</t></is></c><c r="B1" t="s"><v>0</v></c>' +
        '<c r="C1" t="inlineStr" note="a > b"><is><t><![CDATA[<Дата>]]></t></is></c></row><!-- ignore <row> -->' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><f>SUM(1,2)</f><v>1234.56</v></c><c r="C2" s="1"><v>45306</v></c></row>' +
        '</sheetData><pageMargins left="0.7"/></worksheet>',
      'utf8',
    );
    const ctx = { strings: ['Сумма', 'Ромашка'], dateStyles1904: null };
    const readIn = (size: number) => {
      const rows: Array<[number, Cell[], number[] | null]> = [];
      const scanner = new SheetScanner(ctx, { row: (n, cells, sums) => (rows.push([n, cells, sums]), true) });
      for (let i = 0; i < xml.length; i += size) scanner.feed(xml.subarray(i, i + size));
      scanner.end();
      return rows;
    };
    const whole = readIn(xml.length);
    expect(whole).toEqual([
      [1, ['Клиент & Co', 'Сумма', '<Дата>'], null],
      [2, ['Ромашка', 1234.56, 45306], [1]],
    ]);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(readIn(size)).toEqual(whole);
  });

  it('reads numbers exactly as Number() does', () => {
    const cases = ['0', '45306', '1234.56', '-0.1', '0.30000000000000004', '123456789012345', '1234567890123456789', '1E-3', '2.5e10', '007.50'];
    for (const c of cases) expect(parseNumberBytes(Buffer.from(c), 0, c.length)).toBe(Number(c));
    expect(parseNumberBytes(Buffer.from('abc'), 0, 3)).toBeNaN();
  });
});

describe('the input file and the exit code', () => {
  it('leaves the input file unchanged', async () => {
    const input = save('same.xlsx', book([{ name: 'Sales', rows: SALES }]));
    const before = sha256(input);
    expect((await run('segment', input, '--out', path.join(dir, 'same-out.xlsx'), '--quiet')).code).toBe(ExitCode.OK);
    expect(sha256(input)).toBe(before);
  });

  it('a run that ends without finishing exits 70 with a message', () => {
    const proc = Object.assign(new EventEmitter(), { exitCode: undefined as number | string | undefined, stderr: { text: '', write(s: string) { this.text += s; } } });
    exitWhenDone(new Promise<number>(() => undefined), proc);
    proc.emit('beforeExit');
    expect(proc.exitCode).toBe(ExitCode.INTERNAL);
    expect(proc.stderr.text).toBe('key-clients: internal error: the run stopped before it finished, and nothing was written (run with DEBUG=1 for details)\n');
  });

  it('a run that finishes keeps its exit code and says nothing more', async () => {
    const proc = Object.assign(new EventEmitter(), { exitCode: undefined as number | string | undefined, stderr: { text: '', write(s: string) { this.text += s; } } });
    exitWhenDone(Promise.resolve(ExitCode.INPUT), proc);
    await new Promise((r) => setImmediate(r));
    proc.emit('beforeExit');
    expect(proc.exitCode).toBe(ExitCode.INPUT);
    expect(proc.stderr.text).toBe('');
  });
});
