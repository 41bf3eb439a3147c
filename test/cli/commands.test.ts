/**
 * `key-clients leads` and `key-clients survey` on small tables made at test time: the ranking
 * workbook and JSON, the printed CSI / NPS, the errors and the exit codes.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { format, texts } from '../../src/core';
import { ExitCode } from '../../src/cli/exit';
import { cleanup, fails, run, sha256, tmpDir, utc, writeXlsx } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));


// Refused leads on the sheet "Lost" from row 1: three criteria 1-5, the deadline and launch dates.
// By hand (renew = sum of the scores; deadline - 14 days; launch + 60 days):
//   Contoso   3+5+5 = 13   2025-06-30 - 14 = 2025-06-16   2025-07-01 + 60 = 2025-08-30 (30 to Jul 31, 30 more)
//   Northwind 5+4+3 = 12   2025-03-31 - 14 = 2025-03-17   2025-04-15 + 60 = 2025-06-14 (15 to Apr 30, 31 in May, 14)
//   Litware   4+4+4 = 12   no deadline                    2025-05-10 + 60 = 2025-07-09
//   Tailspin  1+2+1 = 4    2025-09-01 - 14 = 2025-08-18   no launch
//   Fabrikam  row 4: Refusal status is blank, not ranked, listed last with its dates (2025-05-06, 2025-07-31)
//   Adatum    row 5: every criterion blank, left out
// Northwind and Litware tie at 12: sheet order (row 2 before row 6).
// With --weights 2,1,1: Northwind 10+4+3 = 17, Litware 8+4+4 = 16, Contoso 6+5+5 = 16 (row 3 before row 6), Tailspin 2+2+1 = 5.
const LEADS: ExcelJS.CellValue[][] = [
  ['Lead', 'Brand strength', 'Order attractiveness', 'Refusal status', 'Deadline', 'Launch date'],
  ['Northwind', 5, 4, 3, utc(2025, 3, 31), utc(2025, 4, 15)],
  ['Contoso', 3, 5, 5, utc(2025, 6, 30), utc(2025, 7, 1)],
  ['Fabrikam', 2, 2, null, utc(2025, 5, 20), utc(2025, 6, 1)],
  ['Adatum', null, null, null, utc(2025, 4, 1), utc(2025, 4, 20)],
  ['Litware', 4, 4, 4, null, utc(2025, 5, 10)],
  ['Tailspin', 1, 2, 1, utc(2025, 9, 1), null],
];

describe('key-clients leads', () => {
  it('writes the ranking workbook (one sheet, an Excel table, dates as dates) and the JSON, one line on stdout, the unranked lead on stderr', async () => {
    const input = await writeXlsx(path.join(dir, 'leads.xlsx'), { Lost: LEADS });
    const before = sha256(input);
    const out = path.join(dir, 'out', 'ranking.xlsx');
    const json = path.join(dir, 'out', 'ranking.json');
    const r = await run('leads', input, '--out', out, '--json', json);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout).toMatch(
      /^4 leads ranked by the renew index \(top: Contoso, 13\), 1 not ranked, 1 without scores left out; criteria: Brand strength, Order attractiveness, Refusal status; wrote .*ranking\.xlsx and .*ranking\.json in [\d.]+ s\n$/,
    );
    expect(r.stderr).toBe('key-clients: 1 lead not ranked (listed last, without a rank):\n  row 4 (Fabrikam): Refusal status is blank: score every criterion or none\n');
    expect(sha256(input)).toBe(before);

    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toEqual({
      leads: [
        { lead: 'Contoso', row: 3, renew: 13, beforeDeadline: '2025-06-16', afterLaunch: '2025-08-30', error: null },
        { lead: 'Northwind', row: 2, renew: 12, beforeDeadline: '2025-03-17', afterLaunch: '2025-06-14', error: null },
        { lead: 'Litware', row: 6, renew: 12, beforeDeadline: null, afterLaunch: '2025-07-09', error: null },
        { lead: 'Tailspin', row: 7, renew: 4, beforeDeadline: '2025-08-18', afterLaunch: null, error: null },
        { lead: 'Fabrikam', row: 4, renew: null, beforeDeadline: '2025-05-06', afterLaunch: '2025-07-31', error: 'Refusal status is blank: score every criterion or none' },
      ],
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Refused leads']);
    const ws = wb.worksheets[0];
    expect(ws.getTables().map((t) => (t as unknown as { name: string }).name)).toEqual(['KC_Leads']);
    expect(ws.getCell('A1').value).toBe('Refused leads ranked by the renew index');
    expect(ws.getRow(2).values).toEqual([undefined, 'Rank', 'Lead', 'Renew index', 'Call before deadline', 'Call after launch', 'Row', 'Problem']);
    expect(ws.getRow(3).values).toEqual([undefined, 1, 'Contoso', 13, utc(2025, 6, 16), utc(2025, 8, 30), 3]);
    expect(ws.getCell('D3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D3').type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getRow(7).values).toEqual([undefined, undefined, 'Fabrikam', undefined, utc(2025, 5, 6), utc(2025, 7, 31), 4, 'Refusal status is blank: score every criterion or none']);
  });

  it('--weights 2,1,1 and --lang ru: a CSV with ISO dates, JSON only (no workbook)', async () => {
    const input = path.join(dir, 'leads.csv');
    fs.writeFileSync(input, 'Лид,Бренд,Заказ,Отказ,Срок,Запуск\nNorthwind,5,4,3,2025-03-31,\nContoso,3,5,5,,\nLitware,4,4,4,,\nTailspin,1,2,1,,\n');
    const json = path.join(dir, 'weighted.json');
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(dir, 'cwd-'));
    process.chdir(work);
    try {
      const r = await run('leads', input, '--weights', '2,1,1', '--json', json, '--lang', 'ru');
      expect(r.code).toBe(ExitCode.OK);
      expect(r.stderr).toBe('');
      expect(fs.readdirSync(work)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc.leads.map((l: { lead: string; renew: number }) => [l.lead, l.renew])).toEqual([['Northwind', 17], ['Contoso', 16], ['Litware', 16], ['Tailspin', 5]]);
    expect(doc.leads[0].beforeDeadline).toBe('2025-03-17');
  });

  it('writes <input>-ranked.xlsx in the current folder by default, texts in --lang', async () => {
    const input = await writeXlsx(path.join(dir, 'lost.xlsx'), { Lost: LEADS });
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(dir, 'cwd-'));
    process.chdir(work);
    try {
      const r = await run('leads', input, '--lang', 'pl');
      expect(r.code).toBe(ExitCode.OK);
      // the summary line and the lead not ranked in Polish, with the plural forms of the language
      expect(r.stdout).toMatch(/^4 klientów otrzymało miejsce wg indeksu odnowienia \(pierwszy: Contoso, 13\); bez miejsca: 1; bez ocen, pominięto: 1; kryteria: Brand strength, Order attractiveness, Refusal status; zapisano: lost-ranked\.xlsx w \d+,\d s\n$/);
      expect(r.stderr).toBe(`key-clients: 1 klient bez miejsca (na końcu listy):\n  wiersz 4 (Fabrikam): ${format(texts('pl').error.renewBlank, { criterion: 'Refusal status' })}\n`);
    } finally {
      process.chdir(cwd);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, 'lost-ranked.xlsx'));
    expect(wb.worksheets[0].name).toBe('Utracone leady');
    expect(wb.worksheets[0].getCell('A2').value).toBe('Miejsce');
    // the problem of the lead not ranked, in Polish
    expect(wb.worksheets[0].getCell('G7').value).toBe(format(texts('pl').error.renewBlank, { criterion: 'Refusal status' }));
  });

  it('errors: one line and an exit code', async () => {
    const input = await writeXlsx(path.join(dir, 'l2.xlsx'), { Lost: LEADS });
    // 2 bad arguments: weights that do not match the criteria, the input as the output
    expect(await fails(ExitCode.USAGE, 'leads', input, '--weights', '2,1', '--json', path.join(dir, 'w.json'))).toBe(
      '--weights gives 2 weight(s) for 3 criteria (Brand strength, Order attractiveness, Refusal status): give one per criterion, in column order',
    );
    expect(await fails(ExitCode.USAGE, 'leads', input, '--out', input)).toMatch(/is the input file; the input is never overwritten/);
    // 3 unusable input
    expect(await fails(ExitCode.INPUT, 'leads', path.join(dir, 'none.xlsx'))).toMatch(/^no such file: .*none\.xlsx$/);
    const csv = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    expect(await fails(ExitCode.INPUT, 'leads', csv('only.csv', 'Lead\nAcme\n'), '--json', path.join(dir, 'o.json'))).toMatch(/^no criteria columns in only\.csv/);
    expect(await fails(ExitCode.INPUT, 'leads', csv('head.csv', 'Lead,Brand\n'), '--json', path.join(dir, 'h.json'))).toBe('the range has a header but no leads (head.csv)');
    expect(await fails(ExitCode.INPUT, 'leads', csv('blank.csv', 'Lead,Brand,Order\nAcme,,\nBolt,,\n'), '--json', path.join(dir, 'b.json'))).toBe(
      "no lead has a score: every lead's criteria (Brand, Order) are blank",
    );
    expect(await fails(ExitCode.INPUT, 'leads', csv('bad.csv', 'Lead,Brand,Order\nAcme,7,1\nBolt,x,2\n'), '--json', path.join(dir, 'x.json'))).toBe(
      "every lead has an error (2), for example row 2 (Acme): Brand: 7 is outside 0..5; row 3 (Bolt): Brand: 'x' is not a score",
    );
    expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
    // 4 cannot write
    fs.writeFileSync(path.join(dir, 'afile'), '');
    expect(await fails(ExitCode.OUTPUT, 'leads', input, '--out', path.join(dir, 'afile', 'r.xlsx'))).toMatch(/^cannot (create the folder of|write)/);
  });
});

// Survey answers on 0..10, by manager and quarter. By hand (CSI = answers 8-10 / answers 1-3;
// NPS = 100 x (answers 9-10 - answers 0-6) / all answers):
//   all   10, 9, 8, 2, 5, 7   CSI = 3 / 1 = 3         NPS = 100 x (2 - 2) / 6 = 0
//   Ann   10, 9, 5            CSI undefined: no answer from 1 to 3 (2 answers from 8 to 10); NPS = 100 x (2 - 1) / 3 = 33.3
//   Bob   8, 2, 7             CSI = 1 / 1 = 1         NPS = 100 x (0 - 1) / 3 = -33.3
//   Q1    10, 9, 7 (A, B, F)  CSI undefined (2 from 8 to 10); NPS = 100 x 2 / 3 = 66.7
//   Q2    8, 2, 5             CSI = 1                 NPS = 100 x (0 - 2) / 3 = -66.7
// The blank answer of row 8 is ignored; its group (Cat) has no answers, so no line.
const SURVEY: ExcelJS.CellValue[][] = [
  ['Client', 'Manager', 'Quarter', 'Score'],
  ['A', 'Ann', '2024-Q1', 10],
  ['B', 'Ann', '2024-Q1', 9],
  ['C', 'Bob', '2024-Q2', 8],
  ['D', 'Bob', '2024-Q2', 2],
  ['E', 'Ann', '2024-Q2', 5],
  ['F', 'Bob', '2024-Q1', 7],
  ['G', 'Cat', '2024-Q2', null],
];

describe('leads and survey under a title block (the header found within the first rows, as for sales)', () => {
  it('leads: a title and a blank row above the header of a workbook; the rows keep their sheet numbers', async () => {
    // LEADS from sheet row 4: Northwind row 5 ... Tailspin row 10; the ranking is the one worked out above
    const input = await writeXlsx(path.join(dir, 'titled-leads.xlsx'), { Lost: [['Refused leads, Q2 2025'], [], ['Exported 2025-07-01'], ...LEADS] });
    const json = path.join(dir, 'titled-leads.json');
    const r = await run('leads', input, '--json', json);
    expect(r.code).toBe(ExitCode.OK);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc.leads.map((l: { lead: string; renew: number | null; row: number }) => [l.lead, l.renew, l.row])).toEqual([
      ['Contoso', 13, 6], ['Northwind', 12, 5], ['Litware', 12, 9], ['Tailspin', 4, 10], ['Fabrikam', null, 7],
    ]);
  });

  it('leads: a two-line title in a CSV; a first row that reads as a header is taken as it is', async () => {
    const titled = path.join(dir, 'titled-leads.csv');
    fs.writeFileSync(titled, 'Отказы\nЭкспорт 2025-07-01\nЛид,Бренд,Заказ,Отказ\nNorthwind,5,4,3\nContoso,1,2,1\n');
    const json = path.join(dir, 'titled-leads-csv.json');
    expect((await run('leads', titled, '--json', json)).code).toBe(ExitCode.OK);
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).leads.map((l: { lead: string; renew: number; row: number }) => [l.lead, l.renew, l.row])).toEqual([['Northwind', 12, 4], ['Contoso', 4, 5]]);
    // a lead whose scores are words stays a lead (with its error), not the header of the rows under it
    const plain = path.join(dir, 'plain-leads.csv');
    fs.writeFileSync(plain, 'Lead,Brand,Order\nBeta,high,low\nGamma,3,4\n');
    const json2 = path.join(dir, 'plain-leads.json');
    expect((await run('leads', plain, '--json', json2)).code).toBe(ExitCode.OK);
    expect(JSON.parse(fs.readFileSync(json2, 'utf8')).leads.map((l: { lead: string }) => l.lead)).toEqual(['Gamma', 'Beta']);
  });

  it('survey: the answer column found under a title, by its header or by --answer', async () => {
    // answers 10, 9, 8, 2, 5, 7 (SURVEY): NPS = 100 x (2 promoters 10, 9 - 2 detractors 2, 5) / 6 = 0; CSI = 3 (10, 9, 8) / 1 (2) = 3
    const input = await writeXlsx(path.join(dir, 'titled-survey.xlsx'), { S: [['Client survey 2024'], [], ...SURVEY] });
    const r = await run('survey', input);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout.split('\n')[1]).toMatch(/^All answers\s+6\s+0\s+3$/);
    const renamed = await writeXlsx(path.join(dir, 'titled-survey2.xlsx'), { S: [['Client survey 2024'], ...SURVEY.map((row, i) => (i ? row : ['Client', 'Manager', 'Quarter', 'How do we do']))] });
    const r2 = await run('survey', renamed, '--answer', 'How do we do');
    expect(r2.code).toBe(ExitCode.OK);
    expect(r2.stdout.split('\n')[1]).toMatch(/^All answers\s+6\s+0\s+3$/);
  });
});

describe('key-clients survey', () => {
  it('prints CSI and NPS overall and per manager, an undefined CSI as its reason, and writes the JSON', async () => {
    const input = await writeXlsx(path.join(dir, 'survey.xlsx'), { Answers: SURVEY });
    const json = path.join(dir, 'survey.json');
    const r = await run('survey', input, '--group', 'Manager', '--json', json);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'Manager      Answers    NPS  CSI',
      'All answers        6      0  3',
      'Ann                3   33.3  CSI is undefined: no answer from 1 to 3 (2 answers from 8 to 10)',
      'Bob                3  -33.3  1',
      'CSI = answers from 8 to 10 / answers from 1 to 3; NPS = 100 x (answers 9-10 - answers 0-6) / all answers',
      expect.stringMatching(/^wrote .*survey\.json$/),
      '',
    ]);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(doc).toEqual({
      answerColumn: 'Score', groupColumn: 'Manager', attractMin: 8, detractMax: 3,
      overall: { answers: 6, csi: 3, csiError: null, nps: 0, npsError: null },
      groups: [
        { group: 'Ann', answers: 3, csi: null, csiError: 'CSI is undefined: no answer from 1 to 3 (2 answers from 8 to 10)', nps: expect.closeTo(100 / 3, 12), npsError: null },
        { group: 'Bob', answers: 3, csi: 1, csiError: null, nps: expect.closeTo(-100 / 3, 12), npsError: null },
      ],
    });
  });

  it('per quarter in Russian, from a CSV with the group by column letter', async () => {
    const input = path.join(dir, 'survey.csv');
    fs.writeFileSync(input, SURVEY.map((row) => row.map((v) => (v === null ? '' : String(v))).join(';')).join('\n'));
    const r = await run('survey', input, '--group', 'C', '--lang', 'ru');
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Quarter     Ответов    NPS  CSI',
      'Все ответы        6      0  3',
      '2024-Q1           3   66,7  CSI не определён: нет ответов от 1 до 3 (ответов от 8 до 10: 2)',
      '2024-Q2           3  -66,7  1',
    ]);
  });

  it('--attract-min 9 --detract-max 5 change CSI; --answer names the column; no --group prints the overall line', async () => {
    // answers 10, 9, 8, 2, 5, 7: from 9 to 10: 2; from 1 to 5: 2 -> CSI = 2 / 2 = 1
    const input = await writeXlsx(path.join(dir, 'limits.xlsx'), { S: SURVEY.map((row) => [row[0], row[3]]).map((row, i) => (i ? row : ['Client', 'How do we do'])) });
    const r = await run('survey', input, '--answer', 'How do we do', '--attract-min', '9', '--detract-max', '5');
    expect(r.code).toBe(ExitCode.OK);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['             Answers  NPS  CSI', 'All answers        6    0  1', 'CSI = answers from 9 to 10 / answers from 1 to 5; NPS = 100 x (answers 9-10 - answers 0-6) / all answers']);
  });

  it('errors: a bad answer names its sheet row (exit 3); no answer column; an unknown --group; a bad limit (exit 2)', async () => {
    const bad = SURVEY.map((row) => [...row]);
    bad[4][3] = 'ten'; // sheet row 5
    const input = await writeXlsx(path.join(dir, 'bad-survey.xlsx'), { S: bad });
    expect(await fails(ExitCode.INPUT, 'survey', input)).toBe("row 5: answer ('ten') is not a number");
    bad[4][3] = 11;
    const input2 = await writeXlsx(path.join(dir, 'bad-survey2.xlsx'), { S: bad });
    expect(await fails(ExitCode.INPUT, 'survey', input2, '--group', 'Manager')).toBe('row 5: answer (11) is outside 0..10');
    const noCol = path.join(dir, 'nocol.csv');
    fs.writeFileSync(noCol, 'Client,Value\nA,9\n');
    expect(await fails(ExitCode.INPUT, 'survey', noCol)).toBe(
      'no answer column: no header reads like Answer / Score / Оценка / Ocena (first row: Client, Value); name it with --answer <header or column letter>',
    );
    const ok = await writeXlsx(path.join(dir, 'ok-survey.xlsx'), { Answers: SURVEY });
    expect(await fails(ExitCode.INPUT, 'survey', ok, '--group', 'Region')).toBe("--group: no column 'Region' in Answers (columns: Client, Manager, Quarter, Score)");
    const empty = path.join(dir, 'empty-answers.csv');
    fs.writeFileSync(empty, 'Client,Score\nA,\nB,\n');
    expect(await fails(ExitCode.INPUT, 'survey', empty)).toBe("no answers: the column 'Score' of empty-answers.csv has no value under its header");
    expect(await fails(ExitCode.USAGE, 'survey', ok, '--attract-min', '3', '--detract-max', '3')).toMatch(/^CSI limits need 1 <= --detract-max < --attract-min <= 10/);
    expect(await fails(ExitCode.USAGE, 'survey', ok, '--json', ok)).toMatch(/is the input file/);
  });
});
