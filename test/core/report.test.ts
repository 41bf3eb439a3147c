/**
 * buildReport and toJson: the report model (sheets, tables) and the JSON form of the command line.
 */
import { buildReport, segmentClients, sheetName, toJson } from '../../src/core';
import type { Cell, ReportModel, ReportTable, SegmentDimension } from '../../src/core';
import { deepFreeze, TABLE1, TABLE2 as HAND_TABLE2 } from './helpers';

// Five clients: Beta D (negative profit), Alpha A, Delta B, Gamma B, Epsilon C (see segment.test.ts).
// Four clients without profit: Mu A, Kappa A, Lambda B, Nu C; a bad row at sheet row 12.
const TABLE2: Cell[][] = [...HAND_TABLE2, ['Mu', '31.03.2024', 'n/a']];

const r1 = segmentClients(TABLE1);
const r2 = segmentClients(TABLE2);
const tables = (m: ReportModel): ReportTable[] => m.sheets.flatMap((s) => s.blocks.filter((b): b is ReportTable => b.kind === 'table'));

describe('buildReport(result, { language })', () => {
  it('buildReport(r, { language: "en" }) names the first sheets Clients and Summary', () => {
    expect(buildReport(r1, { language: 'en' }).sheets.slice(0, 2).map((s) => s.name)).toEqual(['Clients', 'Summary']);
  });

  it('buildReport(r, { language: "ru" }) names the first sheets Клиенты and Сводка', () => {
    expect(buildReport(r1, { language: 'ru' }).sheets.slice(0, 2).map((s) => s.name)).toEqual(['Клиенты', 'Сводка']);
  });

  it('buildReport(r, { language: "pl" }) names the first sheets Klienci and Podsumowanie', () => {
    expect(buildReport(r1, { language: 'pl' }).sheets.slice(0, 2).map((s) => s.name)).toEqual(['Klienci', 'Podsumowanie']);
  });

  it('buildReport(r) takes the language of the settings by default', () => {
    const ru = segmentClients(TABLE1, { settings: { language: 'ru' } });
    expect(buildReport(ru).language).toBe('ru');
    expect(buildReport(ru).sheets[0].name).toBe('Клиенты');
  });
});

describe('buildReport(result, { segmentBy })', () => {
  it('buildReport(TABLE1 result) has one segment sheet per non-empty ABC class: A, B, C, D', () => {
    const ids = buildReport(r1).sheets.filter((s) => s.role === 'segment').map((s) => s.id);
    expect(ids).toEqual(['segment:A', 'segment:B', 'segment:C', 'segment:D']);
  });

  it('buildReport(TABLE2 result) writes no sheet for the empty class D', () => {
    const ids = buildReport(r2).sheets.filter((s) => s.role === 'segment').map((s) => s.id);
    expect(ids).toEqual(['segment:A', 'segment:B', 'segment:C']);
  });

  it('buildReport(TABLE1 result) puts the clients of each class on its sheet', () => {
    const b = buildReport(r1).sheets.find((s) => s.id === 'segment:B')!;
    const t = b.blocks[0] as ReportTable;
    const clientCol = t.columns.findIndex((c) => c.key === 'client');
    expect(t.rows.map((row) => row[clientCol])).toEqual(['Delta', 'Gamma']);
  });

  it('buildReport(r, { segmentBy: "rfm" }) has one sheet per non-empty RFM segment', () => {
    // TABLE1: potential_loyalists (2), champions, hibernating, about_to_sleep
    const ids = buildReport(r1, { segmentBy: 'rfm' }).sheets.filter((s) => s.role === 'segment').map((s) => s.id);
    expect(ids.sort()).toEqual(['segment:about_to_sleep', 'segment:champions', 'segment:hibernating', 'segment:potential_loyalists']);
  });

  it('buildReport(r, { segmentBy: "lifecycle" }) has one sheet per non-empty stage', () => {
    const ids = buildReport(r1, { segmentBy: 'lifecycle' }).sheets.filter((s) => s.role === 'segment').map((s) => s.id);
    expect(ids).toEqual(['segment:new', 'segment:active', 'segment:at_risk', 'segment:lost']);
  });

  it('buildReport(r with skipped rows) adds a sheet listing them', () => {
    const m = buildReport(r2);
    const skipped = m.sheets.find((s) => s.role === 'skipped')!;
    expect((skipped.blocks[0] as ReportTable).rows.map((row) => row[0])).toEqual([12]);
    expect(m.skippedCount).toBe(1);
  });

  it('buildReport(r without skipped rows) has no skipped-rows sheet', () => {
    expect(buildReport(r1).sheets.some((s) => s.role === 'skipped')).toBe(false);
  });
});

describe('buildReport(result) names and tables are valid in Excel', () => {
  const models: Array<[string, ReportModel]> = [];
  for (const lang of ['en', 'ru', 'pl'] as const) {
    for (const by of ['abc', 'abcXyz', 'rfm', 'lifecycle'] as SegmentDimension[]) {
      models.push([`${lang}/${by}/TABLE1`, buildReport(r1, { language: lang, segmentBy: by })]);
      models.push([`${lang}/${by}/TABLE2`, buildReport(r2, { language: lang, segmentBy: by })]);
    }
  }

  it.each(models)('buildReport(%s) has sheet names of at most 31 characters without : \\ / ? * [ ]', (_k, m) => {
    for (const s of m.sheets) {
      expect(s.name.length).toBeLessThanOrEqual(31);
      expect(s.name).not.toMatch(/[:\\/?*[\]]/);
      expect(s.name).not.toMatch(/^'|'$/);
      expect(s.name.trim()).not.toBe('');
    }
  });

  it.each(models)('buildReport(%s) has unique sheet names (case-insensitive)', (_k, m) => {
    const names = m.sheets.map((s) => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(models)('buildReport(%s) has unique, valid table names', (_k, m) => {
    const names = tables(m).map((t) => t.tableName);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/);
  });
});

describe('buildReport(result) clients sheet', () => {
  const clients = buildReport(r1).sheets[0].blocks[0] as ReportTable;
  const colOf = (key: string) => clients.columns.findIndex((c) => c.key === key);

  it('buildReport(r) writes one row per client in the result order', () => {
    expect(clients.rows.map((row) => row[colOf('client')])).toEqual(['Beta', 'Alpha', 'Delta', 'Gamma', 'Epsilon']);
  });

  it('buildReport(r) writes dates as Excel serials: 2024-06-30 is 45473', () => {
    expect(clients.rows[1][colOf('lastPurchase')]).toBe(45473);
  });

  it('buildReport(r) gives every column a unique key', () => {
    const keys = clients.columns.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('sheetName(wanted, taken)', () => {
  it('sheetName("a/b:c?d*e[f]g\\\\h", taken) replaces forbidden characters with "-"', () => {
    expect(sheetName('a/b:c?d*e[f]g\\h', new Set())).toBe('a-b-c-d-e-f-g-h');
  });

  it('sheetName(40 characters, taken) cuts the name to 31 characters', () => {
    expect(sheetName('x'.repeat(40), new Set())).toBe('x'.repeat(31));
  });

  it('sheetName("Clients", taken with "clients") adds " (2)"', () => {
    expect(sheetName('Clients', new Set(['clients']))).toBe('Clients (2)');
  });

  it('sheetName(31 characters, taken with it) keeps the suffixed name within 31 characters', () => {
    const taken = new Set<string>();
    const first = sheetName('y'.repeat(31), taken);
    const second = sheetName('y'.repeat(31), taken);
    expect(second).not.toBe(first);
    expect(second.length).toBe(31);
    expect(second.endsWith(' (2)')).toBe(true);
  });
});

describe('toJson(result)', () => {
  const KEYS = [
    'client', 'revenue', 'profit', 'orders', 'firstPurchase', 'lastPurchase', 'recencyDays', 'revenueShare',
    'abc', 'abcProfit', 'xyz', 'cv', 'abcXyz', 'r', 'f', 'm', 'rfm', 'rfmSegment', 'lifecycle', 'quadrant', 'keyClient',
  ];

  it('toJson(r).clients have exactly the issue\'s keys, in that order', () => {
    for (const c of toJson(r1).clients) expect(Object.keys(c)).toEqual(KEYS);
  });

  it('toJson(r without profit).clients still have every key, with null where it does not apply', () => {
    const c = toJson(r2).clients[0];
    expect(Object.keys(c)).toEqual(KEYS);
    expect(c.profit).toBeNull();
    expect(c.abcProfit).toBeNull();
  });

  it('toJson(r) writes the dates as ISO yyyy-mm-dd', () => {
    const j = toJson(r1);
    expect(j.asOf).toBe('2024-06-30');
    const alpha = j.clients.find((c) => c.client === 'Alpha')!;
    expect([alpha.firstPurchase, alpha.lastPurchase]).toEqual(['2023-07-01', '2024-06-30']);
  });

  it('toJson(r) carries the document keys asOf, settings, skipped, clients', () => {
    expect(Object.keys(toJson(r2))).toEqual(['asOf', 'settings', 'skipped', 'clients']);
    expect(toJson(r2).skipped.map((s) => s.row)).toEqual([12]);
  });

  it('toJson(r) survives JSON.stringify unchanged (no NaN or Infinity)', () => {
    const j = toJson(r1);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it('buildReport(r) and toJson(r) do not mutate the result', () => {
    const frozen = deepFreeze(segmentClients(TABLE1));
    expect(() => buildReport(frozen)).not.toThrow();
    expect(() => toJson(frozen)).not.toThrow();
  });
});

describe('buildReport(result) with many skipped rows', () => {
  // 25 rows with a bad amount (sheet rows 3..27) and one good row (sheet row 2)
  const cells: Cell[][] = [['Client', 'Amount'], ['A', 1], ...Array.from({ length: 25 }, (_, i): Cell[] => [`C${i}`, 'n/a'])];
  const m = buildReport(segmentClients(cells));

  it('buildReport(r) lists the first 20 skipped rows on the summary, saying there are 25', () => {
    const notes = m.sheets[1].blocks.find((b) => b.id === 'skipped');
    expect(notes?.kind).toBe('notes');
    if (notes?.kind !== 'notes') return;
    expect(notes.lines.length).toBe(20);
    expect(notes.lines[0]).toMatch(/^row 3:/);
    expect(notes.title).toMatch(/25/);
  });

  it('buildReport(r) lists all 25 skipped rows on the skipped-rows sheet', () => {
    const sheet = m.sheets.find((s) => s.role === 'skipped')!;
    expect((sheet.blocks[0] as ReportTable).rows.map((row) => row[0])).toEqual(Array.from({ length: 25 }, (_, i) => i + 3));
  });
});

describe('buildReport(result) explains its rules to whoever opens the workbook later', () => {
  const rules = (m: ReportModel): string[] => {
    const block = m.sheets.find((s) => s.id === 'summary')!.blocks.find((b) => b.id === 'rules');
    if (!block || block.kind !== 'notes') throw new Error('no rules block');
    return block.lines;
  };

  it('buildReport gives the ABC limits, the D rule and the XYZ window of this run in English', () => {
    const lines = rules(buildReport(r2));
    expect(lines[0]).toBe('ABC on revenue: clients sorted by revenue, largest first; A while the clients above hold less than 75 % of the total, B while less than 95 %, then C. Equal values share a class. Zero is C.');
    // TABLE2 has no profit column: D only for negative revenue
    expect(lines[1]).toBe('Group D: revenue below zero.');
    // dates from 2024-01-02 to 2024-03-31: months 2024-01 .. 2024-03, three of them
    expect(lines[2]).toMatch(/^XYZ: revenue per months from 2024-01 to 2024-03 \(3\), /);
    expect(lines).toContain('Lifecycle on 2024-03-31: lost after more than 365 days without a purchase, at risk after more than 180, new when the first purchase is at most 90 days old, else active.');
    expect(lines).toContain('Key client: main class A and not lost.');
  });

  it('buildReport with a profit column names the profit rule of group D, in Polish', () => {
    const lines = rules(buildReport(r1, { language: 'pl' }));
    expect(lines[1]).toBe('Grupa D: zysk poniżej zera niezależnie od przychodu (klient przynosi stratę) lub miara „przychód” poniżej zera.');
  });

  it('buildReport with the average method gives P and the multiples, in Russian with a decimal comma', () => {
    const r = segmentClients(TABLE2, { settings: { abc: { method: 'average', limitA: 1.5, limitB: 2 } } });
    // Kappa 100+50+150+150 = 450, Lambda 100+150+125 = 375, Nu 20, Mu 820+80 = 900 (the n/a row is skipped):
    // P = 1745 / 4 = 436.25
    expect(rules(buildReport(r, { language: 'ru' }))[0]).toBe('ABC по показателю «выручка»: P — среднее на клиента (436,25); A от 1,5 x P, C до P / 2, B между ними. Ноль — C.');
  });
});
