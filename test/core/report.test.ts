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
    // issue 10
    'status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent',
    'pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple',
  ];

  it('toJson(r).clients have exactly the keys of issues 2, 10 and 11, in that order', () => {
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

  it('toJson(r) carries the document keys asOf, dateOrder, settings, skipped, kpis, migration, cohorts, bridge, ltvModel, clients', () => {
    expect(Object.keys(toJson(r2))).toEqual(['asOf', 'dateOrder', 'settings', 'skipped', 'kpis', 'migration', 'cohorts', 'bridge', 'ltvModel', 'clients']);
    expect(toJson(r2).skipped.map((s) => s.row)).toEqual([12]);
  });

  describe('toJson(r).dateOrder: the order slashed dates were read in; settings.dateOrder stays as set', () => {
    // 25/12/2024 fits day-first only, so in "auto" the column is day-first
    const dated: Cell[][] = [['Client', 'Amount', 'Date'], ['Acme', 100, '01/02/2024'], ['Bolt', 50, '25/12/2024']];
    const ambiguous: Cell[][] = [['Client', 'Amount', 'Date'], ['Acme', 100, '01/02/2024'], ['Bolt', 50, '03/04/2024']];

    it('toJson(r in auto order, 25/12/2024 in the data) says dateOrder "dmy" and keeps settings.dateOrder "auto"', () => {
      const j = toJson(segmentClients(dated, { localeDateOrder: 'mdy' }));
      expect([j.dateOrder, j.settings.dateOrder]).toEqual(['dmy', 'auto']);
    });

    it('toJson(r in auto order, dates that fit both orders) says the locale\'s order, "mdy"', () => {
      const j = toJson(segmentClients(ambiguous, { localeDateOrder: 'mdy' }));
      expect([j.dateOrder, j.settings.dateOrder]).toEqual(['mdy', 'auto']);
    });

    it('toJson(r with dateOrder "mdy" set) says "mdy" in both places', () => {
      const j = toJson(segmentClients(dated, { settings: { dateOrder: 'mdy' } }));
      expect([j.dateOrder, j.settings.dateOrder]).toEqual(['mdy', 'mdy']);
    });

    it('toJson(r without a date column) says dateOrder null', () => {
      expect(toJson(segmentClients([['Client', 'Amount'], ['Acme', 5]])).dateOrder).toBeNull();
    });
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

/*
 * Key clients vs Group A (asOf 2024-01-15, the latest date): Big 1000 (last bought 2022-01-10, 735 days
 * before: lost), Mid 800 (2023-12-01, 45 days: new), Small 100 (2024-01-15).
 * ABC on 1900: Big before 0 -> A; Mid before 1000/1900 = .526 -> A; Small before 1800/1900 = .947 -> B.
 * Class A: Big and Mid; key clients (A, not lost): Mid only.
 */
const KEYS_TABLE: Cell[][] = [
  ['Client', 'Date', 'Amount', 'Manager'],
  ['Big', '2022-01-10', 1000, 'Ann'],
  ['Mid', '2023-12-01', 800, 'Bob'],
  ['Small', '2024-01-15', 100, 'Ann'],
];

describe('buildReport(result) Key clients sheet', () => {
  const r = segmentClients(KEYS_TABLE);
  const sheetOf = (m: ReportModel, id: string) => m.sheets.find((s) => s.id === id)!;
  const table = (m: ReportModel, id: string) => sheetOf(m, id).blocks[0] as ReportTable;

  it.each([['en', 'Key clients'], ['ru', 'Ключевые клиенты'], ['pl', 'Klienci kluczowi']] as const)('buildReport(r, { language: "%s" }) names the sheet %s and puts it after the Summary', (language, name) => {
    const m = buildReport(r, { language });
    expect(m.sheets.map((s) => s.id).slice(0, 3)).toEqual(['clients', 'summary', 'keyClients']);
    expect(sheetOf(m, 'keyClients').name).toBe(name);
  });

  it('buildReport(r) lists the key clients only: Mid (class A, new), not Big (class A, lost)', () => {
    const t = table(buildReport(r), 'keyClients');
    expect(t.rows.map((row) => row[0])).toEqual(['Mid']);
  });

  it('buildReport(r) titles the Key clients sheet with its rule and counts: 1 of 2 in class A', () => {
    expect(table(buildReport(r), 'keyClients').title).toBe('Key clients: class A and not lost (1 of 2 in class A)');
  });

  it('buildReport(r) gives a manager what the Key clients sheet needs: revenue, share, last purchase, RFM segment, stage, manager', () => {
    const t = table(buildReport(r), 'keyClients');
    const row = Object.fromEntries(t.columns.map((c, i) => [c.key, t.rows[0][i]]));
    // Mid: 800 of 1900; last purchase 2023-12-01 = serial 45261; 45 days before asOf
    expect(row).toMatchObject({ client: 'Mid', revenue: 800, revenueShare: 800 / 1900, lastPurchase: 45261, recencyDays: 45, lifecycle: 'New', manager: 'Bob' });
    expect(t.columns.map((c) => c.key)).toEqual(expect.arrayContaining(['rfmSegment', 'xyz', 'quadrant']));
    // every row is class A and a key client: those columns would say nothing
    expect(t.columns.map((c) => c.key)).not.toContain('abc');
    expect(t.columns.map((c) => c.key)).not.toContain('keyClient');
  });

  it('buildReport(r) says on Group A that it holds every class A client, the lost one included, and where the key clients are', () => {
    const a = table(buildReport(r), 'segment:A');
    expect(a.rows.map((row) => row[0])).toEqual(['Big', 'Mid']);
    expect(a.title).toBe("Group A: every client of class A, lost ones included (1); the key clients (class A, not lost) are on the sheet 'Key clients'");
  });

  it('buildReport(r, { language: "ru" }) says the same on Группа A in Russian', () => {
    expect(table(buildReport(r, { language: 'ru' }), 'segment:A').title).toBe(
      'Группа A: все клиенты группы A, включая потерянных (1); ключевые клиенты (группа A, кроме потерянных) — на листе «Ключевые клиенты»',
    );
  });

  it('buildReport(r without dates) writes the Key clients sheet with every class A client and a plain Group A title', () => {
    const m = buildReport(segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]));
    expect(table(m, 'keyClients').rows.map((row) => row[0])).toEqual(['Acme', 'Bolt']);
    expect(table(m, 'segment:A').title).toBe('Group A');
  });
});

describe('buildReport(result) in the report language, without codes for a person to read', () => {
  const RFM_KEYS = ['low_value_regulars', 'champions', 'cant_lose', 'at_risk', 'loyal', 'new', 'promising', 'potential_loyalists', 'need_attention', 'about_to_sleep', 'hibernating', 'others'];
  const STAGE_KEYS = ['new', 'active', 'at_risk', 'lost'];

  it.each(['ru', 'pl'] as const)('buildReport(r, { language: "%s" }) has no segment or stage key in any cell but the RFM table\'s JSON key column', (language) => {
    for (const by of ['abc', 'rfm', 'lifecycle'] as const) {
      const m = buildReport(r1, { language, segmentBy: by });
      for (const t of tables(m)) {
        t.columns.forEach((c, j) => {
          if (t.id === 'rfm' && c.key === 'key') return;
          for (const row of t.rows) expect([t.id, c.key, RFM_KEYS.includes(String(row[j])) || STAGE_KEYS.includes(String(row[j]))]).toEqual([t.id, c.key, false]);
        });
      }
    }
  });

  it('buildReport(r, { language: "ru" }) shows the RFM segment and the stage by their Russian names on the Clients sheet', () => {
    const t = buildReport(r1, { language: 'ru' }).sheets[0].blocks[0] as ReportTable;
    const at = (key: string) => t.columns.findIndex((c) => c.key === key);
    // Alpha (second row): champions, active
    expect([t.rows[1][at('rfmSegment')], t.rows[1][at('lifecycle')]]).toEqual(['Чемпионы', 'Активный']);
  });

  it('buildReport(r, { language: "pl" }) colours the stage column by the Polish names it shows', () => {
    const t = buildReport(r1, { language: 'pl' }).sheets[0].blocks[0] as ReportTable;
    expect(t.columns.find((c) => c.key === 'lifecycle')!.fills).toEqual({ Nowy: 'DDEBF7', Aktywny: 'C6EFCE', 'Zagrożony odejściem': 'FFEB9C', Utracony: 'FFC7CE' });
  });

  it('buildReport(r) has one stage column and one RFM segment column on the Clients sheet', () => {
    const keys = (buildReport(r1).sheets[0].blocks[0] as ReportTable).columns.map((c) => c.key);
    expect(keys.filter((k) => k === 'lifecycle' || k === 'rfmSegment')).toEqual(['rfmSegment', 'lifecycle']);
    expect(keys).not.toContain('rfmSegmentName');
    expect(keys).not.toContain('lifecycleName');
  });
});

describe('buildReport(result) Summary types and layout', () => {
  const summaryOf = (m: ReportModel) => m.sheets.find((s) => s.id === 'summary')!;
  const block = (m: ReportModel, id: string) => summaryOf(m).blocks.find((b) => b.id === id) as ReportTable;
  const overview = block(buildReport(r1, { source: 'Sales!A1:E12' }), 'overview');
  const valueOf = (label: string) => overview.rows.find((row) => row[0] === label)![1];

  it('buildReport(r) writes the analysis date 2024-06-30 as the serial date 45473 in a date format', () => {
    expect(valueOf('Analysis date')).toBe(45473);
    expect(overview.cellTypes).toContainEqual({ row: 0, column: 1, type: 'date', numFmt: 'yyyy-mm-dd' });
  });

  it('buildReport(TABLE1 result) writes churn as the number 1 (Gamma, lost, of the 1 client that bought before the lost limit) in a percent format', () => {
    const row = overview.rows.findIndex((x) => x[0] === 'Churn (lost / bought before the lost limit)');
    expect(overview.rows[row][1]).toBe(1);
    expect(overview.cellTypes).toContainEqual({ row, column: 1, type: 'percent', numFmt: '0.0%' });
  });

  it('buildReport(r, { source }) shows the source in the overview', () => {
    expect(valueOf('Source')).toBe('Sales!A1:E12');
  });

  it('buildReport(r without dates) writes "no dates" as text, with no date cell', () => {
    const o = block(buildReport(segmentClients([['Client', 'Amount'], ['Acme', 100]])), 'overview');
    expect(o.rows[0]).toEqual(['Analysis date', 'no dates']);
    expect(o.cellTypes).toEqual([]);
  });

  it('buildReport(r) writes every share of the Summary as a number in a percent column', () => {
    for (const b of summaryOf(buildReport(r1)).blocks) {
      if (b.kind !== 'table') continue;
      b.rows.forEach((row, i) => row.forEach((v, j) => {
        const type = b.cellTypes?.find((c) => c.row === i && c.column === j)?.type ?? b.columns[j].type;
        if (type === 'percent') expect([b.id, typeof v === 'number' || v === null]).toEqual([b.id, true]);
        if (typeof v === 'string') expect([b.id, v]).not.toEqual([b.id, expect.stringMatching(/^\d+([.,]\d+)? ?%$/)]);
      }));
    }
  });

  it('buildReport(r) right-aligns the headers of the ABC x XYZ numbers, so each stands over its column', () => {
    const t = block(buildReport(r1), 'abcXyzClients');
    expect(t.columns.map((c) => [c.header, c.headerAlign ?? 'left'])).toEqual([['ABC', 'left'], ['X', 'right'], ['Y', 'right'], ['Z', 'right'], ['Total', 'right']]);
  });

  it('buildReport(r) gives each row of the ABC x XYZ tables as many cells as headers', () => {
    for (const id of ['abcXyzClients', 'abcXyzRevenue']) {
      const t = block(buildReport(r1), id);
      for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
    }
  });

  it('buildReport(r) gives every Summary table row as many cells as its table has columns', () => {
    for (const b of summaryOf(buildReport(r1)).blocks) if (b.kind === 'table') for (const row of b.rows) expect([b.id, row.length]).toEqual([b.id, b.columns.length]);
  });
});

describe('buildReport(result) RFM segment rules and quadrant rules in the Summary', () => {
  const rfm = buildReport(r1).sheets[1].blocks.find((b) => b.id === 'rfm') as ReportTable;
  const at = (key: string) => rfm.columns.findIndex((c) => c.key === key);
  const rowOf = (key: string) => rfm.rows.find((row) => row[at('key')] === key)!;

  it('buildReport(r) gives each RFM segment its R, F and M ranges of METHODS.md section 4', () => {
    expect(rfm.rows.map((row) => [row[at('key')], row[at('r')], row[at('f')], row[at('m')]])).toEqual([
      ['low_value_regulars', '1-5', '4-5', '1-2'],
      ['champions', '4-5', '4-5', '4-5'],
      ['cant_lose', '1', '4-5', '4-5'],
      ['at_risk', '1-2', '3-5', '3-5'],
      ['loyal', '3-5', '3-5', '3-5'],
      ['new', '4-5', '1', '1-5'],
      ['promising', '3', '1', '1-5'],
      ['potential_loyalists', '3-5', '2-3', '1-5'],
      ['need_attention', '2-3', '2-3', '2-5'],
      ['about_to_sleep', '2', '1-2', '1-5'],
      ['hibernating', '1-2', '1-3', '1-5'],
    ]);
  });

  it('buildReport(TABLE1 result) counts two potential loyalists (Beta 325, Delta 423) beside their rule and action', () => {
    const row = rowOf('potential_loyalists');
    expect([row[0], row[at('clients')], row[at('revenue')], row[at('action')]]).toEqual(['Potential loyalists', 2, 4100, 'build the habit: regular reasons to come back']);
  });

  it('buildReport(r) puts the JSON key in the last column of the RFM table, after the action', () => {
    expect(rfm.columns.map((c) => c.key).slice(-2)).toEqual(['action', 'key']);
  });

  it('buildReport(r with 3 bins) notes how scores of 1..3 map to the 1..5 of the rules', () => {
    const t = buildReport(segmentClients(TABLE1, { settings: { rfm: { bins: 3 } } })).sheets[1].blocks.find((b) => b.id === 'rfm') as ReportTable;
    expect(t.note).toBe('With 3 scores, each score s is first mapped to 1..5 for the segment rules: =1 + ROUND((s - 1) * 4 / (3 - 1), 0).');
  });

  it('buildReport(TABLE1 result) states each quadrant\'s rule with the middle score 3 and the profit median 100', () => {
    const q = buildReport(r1).sheets[1].blocks.find((b) => b.id === 'quadrants') as ReportTable;
    expect(q.rows.map((row) => row.slice(0, 4))).toEqual([
      ['I', 'low', 'low', 'R or F < 3; profit < 100'],
      ['II', 'high', 'low', 'R and F ≥ 3; profit < 100'],
      ['III', 'high', 'high', 'R and F ≥ 3; profit ≥ 100'],
      ['IV', 'low', 'high', 'R or F < 3; profit ≥ 100'],
    ]);
  });

  it('buildReport(r) lines up the action columns of the RFM and quadrant tables', () => {
    const q = buildReport(r1).sheets[1].blocks.find((b) => b.id === 'quadrants') as ReportTable;
    expect(q.columns.findIndex((c) => c.key === 'action')).toBe(at('action'));
  });

  it('buildReport(TABLE1 result) notes the churn under the lifecycle table with its parts: 1 lost of 1 = 100 %', () => {
    const l = buildReport(r1).sheets[1].blocks.find((b) => b.id === 'lifecycle') as ReportTable;
    expect(l.note).toBe('Churn = lost clients (1) / clients whose first purchase is more than 365 days before 2024-06-30 (1) = 100 %.');
  });
});

describe('buildReport(result) revenue per period', () => {
  const periods = (m: ReportModel) => m.sheets.find((s) => s.id === 'periods');

  it('buildReport(TABLE1 result) writes a column per month from 2023-05 to 2024-06, after the client, XYZ, CV and coverage', () => {
    const t = periods(buildReport(r1))!.blocks[0] as ReportTable;
    expect(t.columns.map((c) => c.header)).toEqual([
      'Client', 'XYZ', 'CV', 'Periods with purchases',
      '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06',
    ]);
  });

  it('buildReport(TABLE1 result) writes each client\'s revenue per month, 0 where it bought nothing', () => {
    const t = periods(buildReport(r1))!.blocks[0] as ReportTable;
    const series = (name: string) => t.rows.find((row) => row[0] === name)!.slice(4);
    //                              May Jun  Jul   Aug Sep Oct Nov   Dec Jan   Feb Mar Apr May   Jun
    expect(series('Alpha')).toEqual([0, 0, 1000, 0, 0, 0, 0, 0, 1000, 0, 0, 0, 0, 1000]);
    expect(series('Beta')).toEqual([0, 0, 0, 0, 0, 0, 2000, 0, 0, 0, 0, 0, 1500, 0]);
    expect(series('Gamma')).toEqual([600, -100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(series('Delta')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 350, 0, 250]);
  });

  it('buildReport(TABLE1 result) gives Alpha\'s row the CV of its months: STDEV.P / AVERAGE = sqrt(14/3 - 1) = 1.9149', () => {
    const t = periods(buildReport(r1))!.blocks[0] as ReportTable;
    const alpha = t.rows.find((row) => row[0] === 'Alpha')!;
    expect(alpha[2]).toBeCloseTo(1.9148542155, 9);
  });

  it('buildReport(r) names the sheet in the report language', () => {
    expect(periods(buildReport(r1, { language: 'ru' }))!.name).toBe('Выручка по периодам');
    expect(periods(buildReport(r1, { language: 'pl' }))!.name).toBe('Przychód wg okresów');
  });

  it('buildReport(r without dates) writes no revenue per period', () => {
    expect(periods(buildReport(segmentClients([['Client', 'Amount'], ['Acme', 100]])))).toBeUndefined();
  });

  /*
   * 1,000 clients, one sale each, plus two sales 20 years apart: weeks from 2000-01-03 (Monday) to
   * 2019-12-30 (Monday): 7,301 days, 1,044 weeks (7301 / 7 = 1043 + the last one). 1,001 clients x
   * 1,044 = 1,045,044 cells > 1,000,000.
   */
  it('buildReport(r over the cell budget) leaves the table out and the rules say why, with the numbers', () => {
    const rows: Cell[][] = [['Client', 'Date', 'Amount'], ['First', '2000-01-03', 5], ['First', '2019-12-30', 5]];
    for (let i = 0; i < 1000; i++) rows.push([`C${i}`, '2010-06-01', 10]);
    const m = buildReport(segmentClients(rows, { settings: { xyz: { period: 'week' } } }));
    expect(periods(m)).toBeUndefined();
    const rules = (m.sheets[1].blocks.find((b) => b.id === 'rules') as { lines: string[] }).lines;
    expect(rules).toContain('The table of revenue per period is not written: 1,001 clients x 1044 periods = 1,045,044 cells, more than the 1,000,000 cells the report gives it. Longer periods (quarters) or a shorter analysis window make it fit.');
  });

  it('buildReport(r within the budget) says on the rules where the revenue per period is', () => {
    const rules = (buildReport(r1).sheets[1].blocks.find((b) => b.id === 'rules') as { lines: string[] }).lines;
    expect(rules).toContain("Revenue per period, client by client: the sheet 'Revenue by period' (a row per client, a column per period).");
  });
});
