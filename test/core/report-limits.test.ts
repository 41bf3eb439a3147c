/**
 * The report model within Excel's limits ("Excel specifications and limits": 1,048,576 rows per sheet,
 * 32,767 characters per cell): long texts are cut with a warning naming the sheet and the rows, a table
 * longer than a sheet lists its first rows, the Skipped rows sheet lists the first 100,000.
 */
import {
  buildReport, EXCEL_MAX_ROWS, EXCEL_MAX_TEXT, SKIPPED_SHEET_ROWS, segmentClients, tableRows,
  type Cell, type ReportModel, type ReportTable,
} from '../../src/core';

const tableOf = (m: ReportModel, sheetId: string): ReportTable => m.sheets.find((s) => s.id === sheetId)!.blocks[0] as ReportTable;

describe("buildReport within a cell's 32,767 characters", () => {
  const longName = `Long ${'x'.repeat(39_995)}`; // 40,000 characters
  const r = segmentClients([
    ['Client', 'Amount'],
    [longName, 100],
    ['Short', 50],
  ]);
  const m = buildReport(r, { language: 'en' });

  it('cuts a 40,000-character name to 32,767: its first 32,766 characters and "…"', () => {
    const name = tableRows(tableOf(m, 'clients')).row(0)[0] as string;
    expect(name).toHaveLength(EXCEL_MAX_TEXT);
    expect(name).toBe(`${longName.slice(0, 32_766)}…`);
  });

  it('gives the rows read through table.rows the same cut text as the rows taken one at a time', () => {
    const clients = tableOf(m, 'clients');
    const one = tableRows(clients).row(0);
    expect(clients.rows[0]).toEqual(one);
  });

  it('warns once per sheet with a cut text, naming the sheet and the rows, in the warnings and on the Summary', () => {
    // the long name is the larger client: class A, a key client, so on the Key clients sheet too
    const cut = m.warnings.filter((w) => w.includes('32,767'));
    expect(cut).toEqual([
      "sheet 'Clients': text longer than 32,767 characters (the most an Excel cell holds) was cut short; rows with cut text: 1",
      "sheet 'Key clients': text longer than 32,767 characters (the most an Excel cell holds) was cut short; rows with cut text: 1",
      "sheet 'Group A': text longer than 32,767 characters (the most an Excel cell holds) was cut short; rows with cut text: 1",
    ]);
    const onSummary = m.sheets[1].blocks.find((b) => b.id === 'warnings');
    expect(onSummary?.kind === 'notes' && onSummary.lines).toEqual(expect.arrayContaining(cut));
  });

  it('cuts a skipped row whose reason quotes a 40,000-character value, on the Skipped rows sheet and in the Summary', () => {
    // the engine shortens the values it quotes; a reason that long can still come from elsewhere
    const withLong = { ...r, skippedCount: 1, skipped: [{ row: 4, reason: '', problem: 'notNumber' as const, field: 'amount' as const, value: 'z'.repeat(40_000) }] };
    const lm = buildReport(withLong, { language: 'en' });
    const reason = tableOf(lm, 'skipped').rows[0][1] as string;
    expect(reason).toBe(`row 4: amount '${'z'.repeat(32_766 - "row 4: amount '".length)}…`);
    const listed = lm.sheets[1].blocks.find((b) => b.id === 'skipped');
    expect(listed?.kind === 'notes' && listed.lines[0]).toBe(reason);
    expect(lm.warnings.filter((w) => w.includes('32,767')).map((w) => w.split(':')[0])).toEqual(["sheet 'Clients'", "sheet 'Summary'", "sheet 'Key clients'", "sheet 'Group A'", "sheet 'Skipped rows'"]);
  });

  it('cuts the name on the Key clients sheet as on the Clients sheet', () => {
    expect(tableRows(tableOf(m, 'keyClients')).row(0)[0]).toBe(`${longName.slice(0, 32_766)}…`);
  });

  it('keeps the whole name in the result (and so in the JSON)', () => {
    expect(r.clients[0].client).toBe(longName);
  });

  it('does not split a surrogate pair at the cut', () => {
    const name = `${'a'.repeat(32_765)}😀${'b'.repeat(10)}`; // the emoji's first half is character 32,766
    const cut = tableRows(tableOf(buildReport(segmentClients([['Client', 'Amount'], [name, 1]])), 'clients')).row(0)[0] as string;
    expect(cut).toBe(`${'a'.repeat(32_765)}…`);
    expect(cut.length).toBeLessThanOrEqual(EXCEL_MAX_TEXT);
  });

  it('warns of nothing and cuts nothing when every text fits', () => {
    const fits = buildReport(segmentClients([['Client', 'Amount'], ['y'.repeat(EXCEL_MAX_TEXT), 1]]));
    expect(fits.warnings.some((w) => w.includes('32,767'))).toBe(false);
    expect(tableRows(tableOf(fits, 'clients')).row(0)[0]).toBe('y'.repeat(EXCEL_MAX_TEXT));
  });

  it('words the warning in Russian and Polish too', () => {
    const ru = buildReport(r, { language: 'ru' }).warnings.find((w) => w.includes('32 767'));
    const pl = buildReport(r, { language: 'pl' }).warnings.find((w) => w.includes('32 767'));
    expect(ru).toBe('лист «Клиенты»: текст длиннее 32 767 знаков (больше в ячейку Excel не помещается) обрезан; строк с обрезанным текстом: 1');
    expect(pl).toBe('arkusz „Klienci”: tekst dłuższy niż 32 767 znaków (więcej komórka Excela nie pomieści) został skrócony; wierszy ze skróconym tekstem: 1');
  });
});

describe("buildReport within a sheet's 1,048,576 rows", () => {
  // a full sheet of sales, every row a different client: 1,048,575 clients (one client repeated: the
  // model only reads them); with the title and header rows the Clients table would end on row 1,048,577
  const base = segmentClients([['Client', 'Amount'], ['Acme', 100]]);
  const many = { ...base, clients: new Array(EXCEL_MAX_ROWS - 1).fill(base.clients[0]) };
  const m = buildReport(many, { language: 'en' });

  it('lists the first 1,048,574 clients (title, header and rows end on the last row of a sheet) and says so in the title', () => {
    const t = tableOf(m, 'clients');
    expect(tableRows(t).length).toBe(EXCEL_MAX_ROWS - 2);
    expect(t.title).toBe('Clients — rows listed: 1048574 of 1048575; an Excel sheet holds at most 1,048,576 rows');
    expect(t.note).toBeUndefined();
  });

  it('gives the same count through table.rows (the way the add-in reads the model)', () => {
    expect(tableOf(m, 'clients').rows).toHaveLength(EXCEL_MAX_ROWS - 2);
  });

  it('cuts the Key clients and segment sheets of that many clients too (every one a key client of group A), and warns for each sheet', () => {
    expect(tableRows(tableOf(m, 'keyClients')).length).toBe(EXCEL_MAX_ROWS - 2);
    expect(tableRows(tableOf(m, 'segment:A')).length).toBe(EXCEL_MAX_ROWS - 2);
    expect(m.warnings.filter((w) => w.includes('rows listed'))).toEqual([
      "sheet 'Clients': rows listed: 1048574 of 1048575 (an Excel sheet holds at most 1,048,576 rows)",
      "sheet 'Key clients': rows listed: 1048574 of 1048575 (an Excel sheet holds at most 1,048,576 rows)",
      "sheet 'Group A': rows listed: 1048574 of 1048575 (an Excel sheet holds at most 1,048,576 rows)",
    ]);
  });

  it('lists every client when they fit exactly (1,048,574 clients)', () => {
    const fits = buildReport({ ...base, clients: new Array(EXCEL_MAX_ROWS - 2).fill(base.clients[0]) });
    const t = tableOf(fits, 'clients');
    expect(tableRows(t).length).toBe(EXCEL_MAX_ROWS - 2);
    expect(t.title).toBe('Clients');
    expect(fits.warnings.some((w) => w.includes('rows listed'))).toBe(false);
  });
});

describe('buildReport: the Skipped rows sheet', () => {
  it(`lists the first ${SKIPPED_SHEET_ROWS} skipped rows with the total under them, and the result keeps them all`, () => {
    const cells: Cell[][] = [['Client', 'Amount'], ['Acme', 100]];
    for (let i = 0; i < SKIPPED_SHEET_ROWS + 5; i++) cells.push(['Bad', 'n/a']);
    const r = segmentClients(cells);
    const t = tableOf(buildReport(r, { language: 'en' }), 'skipped');
    expect(t.rows).toHaveLength(SKIPPED_SHEET_ROWS);
    expect(t.rows[SKIPPED_SHEET_ROWS - 1][0]).toBe(SKIPPED_SHEET_ROWS + 2); // sheet rows 3 ... 100,002
    expect(t.note).toBe('skipped rows listed here: 100000 of 100005');
    expect(r.skipped).toHaveLength(SKIPPED_SHEET_ROWS + 5);
  });

  it('lists every skipped row, with no note, when there are 100,000 or fewer', () => {
    const t = tableOf(buildReport(segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bad', 'n/a']])), 'skipped');
    expect(t.rows).toEqual([[3, "row 3: amount 'n/a' is not a number"]]);
    expect(t.note).toBeUndefined();
  });
});

describe('buildReport: the client tables of issues 9-11 compute their rows when read, and cut long texts too', () => {
  // test/cli/dynamics.test.ts's sales (asOf 2024-12-31, 6-month windows): the client who was class A in
  // the previous window and did not buy in the current one is a churned key client; here with a name
  // of 40,000 characters
  const longName = `Churn ${'c'.repeat(39_994)}`;
  const cells: Cell[][] = [
    ['Order', 'Date', 'Client', 'Amount'],
    ['O1', '2024-02-10', 'Ret', 1000], ['O2', '2024-08-05', 'Ret', 1500], ['O3', '2024-03-01', longName, 600],
    ['O4', '2024-04-01', 'Ret2', 200], ['O5', '2024-05-01', 'Ret2', 100], ['O6', '2024-11-11', 'Ret2', 250],
    ['O7', '2024-06-30', 'Small', 100], ['O8', '2024-07-01', 'Small', 50], ['O9', '2024-09-15', 'Newc', 300],
    ['O10', '2023-12-31', 'Back', 400], ['O11', '2024-10-01', 'Back', 200], ['O12', '2023-03-01', 'Sleep', 100],
  ];
  const r = segmentClients(cells, { settings: { language: 'en', asOf: '2024-12-31', dynamics: { windowMonths: 6 } } });
  const ids = ['clients', 'keyClients', 'churnedKeyClients', 'periods'];

  it('gives a new row array at each read before the rows are asked for (nothing kept), and the same rows as table.rows', () => {
    const m = buildReport(r, { language: 'en' });
    for (const id of [...ids, ...m.sheets.filter((s) => s.role === 'segment').map((s) => s.id)]) {
      const t = tableOf(m, id);
      const source = tableRows(t);
      expect([id, source.length > 0, source.row(0) === source.row(0)]).toEqual([id, true, false]);
      const oneByOne = Array.from({ length: source.length }, (_, i) => source.row(i));
      expect([id, t.rows]).toEqual([id, oneByOne]);
    }
  });

  it('cuts the churned key client\'s name on the Churned key clients and Revenue by period sheets, with a warning for each', () => {
    const m = buildReport(r, { language: 'en' });
    const cut = `${longName.slice(0, 32_766)}…`;
    expect(tableRows(tableOf(m, 'churnedKeyClients')).row(0)[0]).toBe(cut);
    const periods = tableOf(m, 'periods');
    expect(periods.rows.some((row) => row[0] === cut)).toBe(true);
    const sheets = m.warnings.filter((w) => w.includes('32,767')).map((w) => w.split(':')[0]);
    expect(sheets).toEqual(expect.arrayContaining(["sheet 'Clients'", "sheet 'Churned key clients'", "sheet 'Revenue by period'"]));
  });
});
