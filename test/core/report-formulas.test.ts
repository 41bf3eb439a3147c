/**
 * Live formulas in the report model (issue 8 item 8; docs/methods.md "Live formulas"): which cells are
 * formulas, their text, the named settings on the Summary and the notes. The values the formulas give
 * are checked by LibreOffice in test/independent/live-formulas.test.ts; here the texts are compared with
 * the forms the issue and METHODS.md give, written out by hand.
 */
import {
  buildReport, EXCEL_MAX_FORMULA, EXCEL_MAX_ROWS, LIVE_CLIENT_COLUMNS, LIVE_NAMES, columnRef, escapeColumn, segmentClients, spreadsheetSum, tableRows, thisRowRef,
  type Cell, type ReportModel, type ReportTable, type SegmentationResult, type SettingsInput,
} from '../../src/core';
import { TABLE1 } from './helpers';

const live = (settings: SettingsInput = {}, cells: Cell[][] = TABLE1) => segmentClients(cells, { settings: { formulas: true, language: 'en', ...settings } });
const tableOf = (m: ReportModel, sheetId: string, tableName?: string): ReportTable =>
  m.sheets.find((s) => s.id === sheetId)!.blocks.find((b): b is ReportTable => b.kind === 'table' && (tableName === undefined || b.tableName === tableName))!;
const formulaOf = (t: ReportTable, key: string) => t.columns.find((c) => c.key === key)?.formula;
const allTables = (m: ReportModel) => m.sheets.flatMap((s) => s.blocks.filter((b): b is ReportTable => b.kind === 'table'));
/** Every formula of the model: calculated columns and single cells. */
const allFormulas = (m: ReportModel): string[] => allTables(m).flatMap((t) => [...t.columns.flatMap((c) => (c.formula ? [c.formula] : [])), ...(t.cellFormulas ?? []).map((f) => f.formula)]);

/** Structured references of a formula: [table, the column names inside its brackets]. */
function structuredRefs(f: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)\[/g;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    // the bracketed part, with ' escapes
    let depth = 0;
    let i = m.index + m[1].length;
    const start = i;
    for (; i < f.length; i++) {
      if (f[i] === "'") {
        i++;
        continue;
      }
      if (f[i] === '[') depth++;
      if (f[i] === ']' && --depth === 0) break;
    }
    const inner = f.slice(start + 1, i);
    const parts = inner.startsWith('[') ? [...inner.matchAll(/\[((?:'.|[^\]'])*)\]/g)].map((x) => x[1]) : [inner];
    out.push([m[1], parts.filter((p) => !p.startsWith('#')).map((p) => p.replace(/'(.)/g, '$1'))]);
    re.lastIndex = i + 1;
  }
  return out;
}

describe('buildReport without live formulas (the default)', () => {
  const m = buildReport(segmentClients(TABLE1, { settings: { language: 'en' } }));

  it('writes no formula, no defined name and no block of settings', () => {
    expect(allFormulas(m)).toEqual([]);
    expect(m.names).toBeUndefined();
    expect(allTables(m).map((t) => t.tableName)).not.toContain('KC_Settings');
  });
});

describe('buildReport with live formulas: the Clients table', () => {
  const r = live();
  const m = buildReport(r);
  const clients = tableOf(m, 'clients');

  it('makes every derived column a formula and leaves the facts of the data as values', () => {
    const withFormula = clients.columns.filter((c) => c.formula).map((c) => c.key);
    expect(withFormula).toEqual(LIVE_CLIENT_COLUMNS.filter((k) => clients.columns.some((c) => c.key === k)));
    expect(withFormula).toEqual(['revenueShare', 'margin', 'averageCheck', 'recencyDays', 'abc', 'abcProfit', 'xyz', 'cv', 'coverage', 'abcXyz', 'r', 'f', 'm', 'rfm', 'rfmSegment', 'lifecycle', 'quadrant', 'keyClient']);
    for (const key of ['client', 'revenue', 'profit', 'orders', 'firstPurchase', 'lastPurchase', 'firstRow', 'status', 'pAlive']) expect([key, formulaOf(clients, key)]).toEqual([key, undefined]);
  });

  it('keeps the engine value of every formula cell in the rows (the cached value writers write)', () => {
    const abc = clients.columns.findIndex((c) => c.key === 'abc');
    expect(clients.rows.map((row) => row[abc])).toEqual(r.clients.map((c) => c.abc));
  });

  it('gives ABC by cumulative share the tie rule of the issue: SUMIF([Revenue], ">"&[@Revenue]) / the positive total, against the limits less 1e-9', () => {
    expect(formulaOf(clients, 'abc')).toContain('IF(SUMIF(KC_Clients[Revenue],">"&KC_Clients[[#This Row],[Revenue]])/KC_AbcTotal<KC_LimitA-1E-9,"A",IF(SUMIF(KC_Clients[Revenue],">"&KC_Clients[[#This Row],[Revenue]])/KC_AbcTotal<KC_LimitB-1E-9,"B","C"))');
  });

  it('puts group D first: profit below 0, then the basis below 0 is D and 0 is C', () => {
    expect(formulaOf(clients, 'abc')).toMatch(/^IF\(AND\(KC_AbcMethod="average",KC_AbcAverage<=0\),NA\(\),IF\(KC_Clients\[\[#This Row\],\[Profit\]\]<0,"D",IF\(KC_Clients\[\[#This Row\],\[Revenue\]\]<0,"D",IF\(KC_Clients\[\[#This Row\],\[Revenue\]\]=0,"C",/);
  });

  it('gives the average method A from limit A x P (1 - 1e-9) and C up to P / limit B (1 + 1e-9), P the average of the column', () => {
    expect(formulaOf(clients, 'abc')).toContain('IF(KC_AbcMethod="average",IF(KC_Clients[[#This Row],[Revenue]]>=KC_LimitA*KC_AbcAverage*(1-1E-9),"A",IF(KC_Clients[[#This Row],[Revenue]]<=KC_AbcAverage/KC_LimitB*(1+1E-9),"C","B"))');
  });

  it('scores R with the COUNTIF form of METHODS.md section 4 on the last purchase dates', () => {
    expect(formulaOf(clients, 'r')).toBe('IF(KC_ClientCount=1,KC_Bins,MIN(KC_Bins,1+INT(KC_Bins*COUNTIF(KC_Clients[Last purchase],"<"&KC_Clients[[#This Row],[Last purchase]])/(KC_ClientCount-1))))');
    expect(formulaOf(clients, 'm')).toBe('IF(KC_ClientCount=1,KC_Bins,MIN(KC_Bins,1+INT(KC_Bins*COUNTIF(KC_Clients[Revenue],"<"&KC_Clients[[#This Row],[Revenue]])/(KC_ClientCount-1))))');
  });

  it('finds the RFM segment in the Summary segment table, scores mapped to 1..5, "Others" when no row matches', () => {
    const f = formulaOf(clients, 'rfmSegment')!;
    expect(f).toMatch(/^IFERROR\(INDEX\(KC_RFM\[RFM segment\],100-SUMPRODUCT\(MAX\(/);
    expect(f).toContain('(--(0&LEFT(KC_RFM[R],1))<=(1+ROUND((KC_Clients[[#This Row],[R]]-1)*4/(KC_Bins-1),0)))');
    expect(f).toContain('(--(0&RIGHT(KC_RFM[M],1))>=(1+ROUND((KC_Clients[[#This Row],[M]]-1)*4/(KC_Bins-1),0)))');
    expect(f.endsWith(',"Others")')).toBe(true);
  });

  it('gives the lifecycle stage by its name, from the days since the last purchase and the named limits', () => {
    expect(formulaOf(clients, 'recencyDays')).toBe('KC_AsOf-KC_Clients[[#This Row],[Last purchase]]');
    expect(formulaOf(clients, 'lifecycle')).toBe(
      'IF(KC_Clients[[#This Row],[Days since purchase]]>KC_LostDays,"Lost",IF(KC_Clients[[#This Row],[Days since purchase]]>KC_AtRiskDays,"At risk",IF(KC_AsOf-KC_Clients[[#This Row],[First purchase]]<=KC_NewDays,"New","Active")))',
    );
  });

  it('gives the quadrant on R and F against the middle score ceil((bins + 1) / 2) and profit against the median', () => {
    expect(formulaOf(clients, 'quadrant')).toBe(
      'IF(AND(KC_Clients[[#This Row],[R]]>=INT((KC_Bins+2)/2),KC_Clients[[#This Row],[F]]>=INT((KC_Bins+2)/2)),IF(KC_Clients[[#This Row],[Profit]]>=KC_Median,"III","II"),IF(KC_Clients[[#This Row],[Profit]]>=KC_Median,"IV","I"))',
    );
  });

  it('makes a key client the main class A and not lost', () => {
    expect(formulaOf(clients, 'keyClient')).toBe('AND(KC_Clients[[#This Row],[ABC]]="A",KC_Clients[[#This Row],[Lifecycle stage]]<>"Lost")');
  });

  it('takes CV and the share of periods with purchases from the revenue per period, by the client first row', () => {
    expect(formulaOf(clients, 'cv')).toBe('INDEX(KC_Periods[CV],MATCH(KC_Clients[[#This Row],[First row]],KC_Periods[First row],0))');
    expect(formulaOf(clients, 'xyz')).toBe(
      'IF(KC_XyzMethod="frequency",IF(KC_Clients[[#This Row],[Periods with purchases]]>=KC_LimitX-1E-9,"X",IF(KC_Clients[[#This Row],[Periods with purchases]]>=KC_LimitY-1E-9,"Y","Z")),' +
        'IF(KC_Clients[[#This Row],[CV]]="","Z",IF(KC_Clients[[#This Row],[CV]]<=KC_LimitX+1E-9,"X",IF(KC_Clients[[#This Row],[CV]]<=KC_LimitY+1E-9,"Y","Z"))))',
    );
  });

  it('says under the table which columns recompute and from what', () => {
    expect(clients.note).toBe(
      "Live formulas: Revenue share, Margin, Average check, Days since purchase, ABC, ABC by profit, XYZ, CV, Periods with purchases, ABC-XYZ, R, F, M, RFM, RFM segment, Lifecycle stage, Quadrant, Key client recompute from this table's revenue, profit, orders and dates, the revenue per period on the sheet 'Revenue by period' and the settings on the sheet 'Summary'; the other columns are the run's values.",
    );
  });
});

describe('buildReport with live formulas: the Summary, the periods and the snapshots', () => {
  const r = live();
  const m = buildReport(r);
  const settings = tableOf(m, 'summary', 'KC_Settings');

  it('puts the named settings on the Summary right after the totals, each with its name and what it takes', () => {
    const ids = m.sheets[1].blocks.map((b) => b.id);
    expect(ids.indexOf('liveSettings')).toBe(ids.indexOf('totals') + 1);
    expect(settings.rows.map((row) => [row[0], row[2]])).toEqual([
      ['Analysis date', 'KC_AsOf'], ['ABC method', 'KC_AbcMethod'], ['ABC limit A', 'KC_LimitA'], ['ABC limit B', 'KC_LimitB'],
      ['XYZ method', 'KC_XyzMethod'], ['XYZ limit X', 'KC_LimitX'], ['XYZ limit Y', 'KC_LimitY'], ['RFM scores', 'KC_Bins'],
      ['Lost after (days)', 'KC_LostDays'], ['At risk after (days)', 'KC_AtRiskDays'], ['New for (days)', 'KC_NewDays'],
      ['Clients (counted by the formula)', 'KC_ClientCount'], ['Revenue of the clients with revenue above 0', 'KC_RevenueTotal'],
      ['ABC: revenue of the clients with revenue above 0', 'KC_AbcTotal'], ['ABC: average revenue per client (P)', 'KC_AbcAverage'],
      ['Profit of the clients with profit above 0', 'KC_ProfitTotal'], ['Average profit per client', 'KC_ProfitAverage'], ['Median profit over clients (quadrants)', 'KC_Median'],
    ]);
  });

  it('holds the run settings as values (TABLE1: analysis date 2024-06-30, serial 45473; share 0.75 / 0.95; CV 0.1 / 0.25; 5 scores; 365 / 180 / 90 days)', () => {
    expect(settings.rows.slice(0, 11).map((row) => row[1])).toEqual([45473, 'share', 0.75, 0.95, 'cv', 0.1, 0.25, 5, 365, 180, 90]);
    expect(settings.cellTypes?.find((c) => c.row === 0)).toEqual({ row: 0, column: 1, type: 'date', numFmt: 'yyyy-mm-dd' });
  });

  it('computes the totals by formulas over the Clients table, with their run values (TABLE1 by hand: 5 clients, positive revenue 3500 + 3000 + 600 + 500 + 300 = 7900)', () => {
    const at = (name: string) => settings.rows.findIndex((row) => row[2] === name);
    expect((settings.cellFormulas ?? []).map((f) => [settings.rows[f.row][2], f.formula])).toEqual([
      ['KC_ClientCount', 'COUNT(KC_Clients[Revenue])'],
      ['KC_RevenueTotal', 'SUMIF(KC_Clients[Revenue],">0")'],
      ['KC_AbcTotal', 'SUMIF(KC_Clients[Revenue],">0")'],
      ['KC_AbcAverage', 'AVERAGE(KC_Clients[Revenue])'],
      ['KC_ProfitTotal', 'SUMIF(KC_Clients[Profit],">0")'],
      ['KC_ProfitAverage', 'AVERAGE(KC_Clients[Profit])'],
      ['KC_Median', 'MEDIAN(KC_Clients[Profit])'],
    ]);
    expect(settings.rows[at('KC_ClientCount')][1]).toBe(5);
    expect(settings.rows[at('KC_RevenueTotal')][1]).toBe(7900);
  });

  it('names every settings cell once, workbook-wide, at its row and the value column', () => {
    expect(m.names?.map((n) => n.name)).toEqual(settings.rows.map((row) => row[2]));
    expect(m.names?.every((n, i) => n.sheet === 'summary' && n.table === 'KC_Settings' && n.row === i && n.column === 1)).toBe(true);
    expect(new Set(Object.values(LIVE_NAMES))).toEqual(new Set(m.names?.map((n) => n.name)));
  });

  it('adds the client first row to the revenue per period and makes its XYZ, CV and coverage formulas over the row', () => {
    const periods = tableOf(m, 'periods');
    expect(periods.columns[periods.columns.length - 1].key).toBe('firstRow');
    const firstRow = periods.columns.length - 1;
    expect(periods.rows.map((row) => row[firstRow])).toEqual(r.clients.map((c) => c.firstRow));
    const labels = periods.columns.filter((c) => c.type === 'money').map((c) => c.header);
    const span = `KC_Periods[[#This Row],[${labels[0]}]:[${labels[labels.length - 1]}]]`;
    expect(formulaOf(periods, 'cv')).toBe(`IF(AVERAGE(${span})>0,STDEVP(${span})/AVERAGE(${span}),"")`);
    expect(formulaOf(periods, 'coverage')).toBe(`COUNTIF(${span},">0")/COUNT(${span})`);
    expect(formulaOf(periods, 'xyz')).toContain('IF(KC_XyzMethod="frequency",IF(KC_Periods[[#This Row],[Periods with purchases]]>=KC_LimitX-1E-9');
  });

  it('says on the Key clients and segment sheets that they are a snapshot', () => {
    const snapshot = "A snapshot of the run: only the sheet 'Clients' recomputes when a revenue or a setting changes.";
    for (const s of m.sheets.filter((x) => x.role === 'keyClients' || x.role === 'segment')) expect([s.name, (s.blocks[0] as ReportTable).note]).toEqual([s.name, snapshot]);
  });

  it('refers only to tables and columns of the model and to names it defines', () => {
    const tables = new Map(allTables(m).map((t) => [t.tableName, new Set(t.columns.map((c) => c.header))]));
    const names = new Set(m.names?.map((n) => n.name));
    const problems: string[] = [];
    for (const f of allFormulas(m)) {
      for (const [table, columns] of structuredRefs(f)) {
        if (!tables.has(table)) problems.push(`${table}: no such table`);
        for (const c of columns) if (!tables.get(table)?.has(c)) problems.push(`${table}[${c}]: no such column`);
      }
      for (const [name] of f.replace(/"[^"]*"/g, '').matchAll(/\bKC_[A-Za-z]+\b(?!\[)/g)) if (!names.has(name)) problems.push(`${name}: not defined`);
    }
    expect(problems).toEqual([]);
  });

  it('uses only functions of Excel 2010 and before, nothing volatile, and stays within 8,192 characters', () => {
    const allowed = new Set(['IF', 'AND', 'SUMIF', 'COUNTIF', 'COUNT', 'MIN', 'MAX', 'INT', 'ROUND', 'INDEX', 'MATCH', 'IFERROR', 'SUMPRODUCT', 'LEFT', 'RIGHT', 'ROW', 'AVERAGE', 'STDEVP', 'MEDIAN', 'NA']);
    const used = new Set(allFormulas(m).flatMap((f) => [...f.replace(/"[^"]*"/g, '').matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((x) => x[1])));
    expect([...used].filter((fn) => !allowed.has(fn))).toEqual([]);
    expect(Math.max(...allFormulas(m).map((f) => f.length))).toBeLessThanOrEqual(EXCEL_MAX_FORMULA);
  });
});

describe('live formulas in other cases', () => {
  it('writes the names of the report language in the formulas: Russian lifecycle stages and headers with a dot in brackets', () => {
    const m = buildReport(live({ language: 'ru' }));
    const clients = tableOf(m, 'clients');
    expect(formulaOf(clients, 'keyClient')).toBe('AND(KC_Clients[[#This Row],[ABC]]="A",KC_Clients[[#This Row],[Стадия жизненного цикла]]<>"Потерянный")');
    expect(formulaOf(clients, 'cv')).toBe('INDEX(KC_Periods[[Коэф. вариации]],MATCH(KC_Clients[[#This Row],[Первая строка]],KC_Periods[[Первая строка]],0))');
    expect(formulaOf(clients, 'rfmSegment')!.endsWith(',"Прочие")')).toBe(true);
  });

  it('classifies on the basis chosen: orders, with their total and average', () => {
    const m = buildReport(live({ abc: { basis: 'orders' } }));
    const abc = formulaOf(tableOf(m, 'clients'), 'abc')!;
    expect(abc).toContain('SUMIF(KC_Clients[Orders],">"&KC_Clients[[#This Row],[Orders]])/KC_AbcTotal');
    const settings = tableOf(m, 'summary', 'KC_Settings');
    expect(settings.cellFormulas?.find((f) => settings.rows[f.row][2] === 'KC_AbcTotal')?.formula).toBe('SUMIF(KC_Clients[Orders],">0")');
  });

  it('without dates: ABC, share and key client (class A) are live; no R, F, M, lifecycle or analysis date', () => {
    const m = buildReport(live({}, [['Client', 'Amount'], ['Acme', 100], ['Bolt', 50], ['Cato', 5]]));
    const clients = tableOf(m, 'clients');
    expect(clients.columns.filter((c) => c.formula).map((c) => c.key)).toEqual(['revenueShare', 'averageCheck', 'abc', 'keyClient']);
    expect(formulaOf(clients, 'keyClient')).toBe('KC_Clients[[#This Row],[ABC]]="A"');
    expect(m.names?.map((n) => n.name)).toEqual(['KC_AbcMethod', 'KC_LimitA', 'KC_LimitB', 'KC_RevenueTotal', 'KC_AbcTotal', 'KC_AbcAverage']);
  });

  it('keeps XYZ, CV and coverage as values, and says so, when the revenue per period is left out for its size', () => {
    const r = live();
    const big: SegmentationResult = { ...r, periods: { ...r.periods!, count: 250_000 } };
    const m = buildReport(big);
    const clients = tableOf(m, 'clients');
    expect(m.sheets.some((s) => s.id === 'periods')).toBe(false);
    for (const key of ['xyz', 'cv', 'coverage']) expect([key, formulaOf(clients, key)]).toEqual([key, undefined]);
    expect(formulaOf(clients, 'abcXyz')).toBe('IF(KC_Clients[[#This Row],[XYZ]]="","",KC_Clients[[#This Row],[ABC]]&KC_Clients[[#This Row],[XYZ]])');
    expect(clients.note).toContain('XYZ, CV and the share of periods with purchases stay values: the table of revenue per period was left out for its size (see the Summary).');
    expect(tableOf(m, 'summary', 'KC_Settings').rows.map((row) => row[2])).not.toContain('KC_LimitX');
  });

  it('keeps a client name that looks like a formula as text: no formula holds data', () => {
    const r = live({}, [['Client', 'Amount', 'Date'], ['=HYPERLINK("http://x")', 100, '2024-01-05'], ['+7 900', 50, '2024-02-05'], ['@x', 5, '2024-03-01']]);
    const m = buildReport(r);
    const clients = tableOf(m, 'clients');
    expect(clients.rows.map((row) => row[0])).toEqual(['=HYPERLINK("http://x")', '+7 900', '@x']);
    expect(allFormulas(m).filter((f) => f.includes('HYPERLINK') || f.includes('7 900') || f.includes('@'))).toEqual([]);
  });

  it('writes no formula, with a warning, when the Clients table is cut to a sheet of 1,048,576 rows', () => {
    const r = live();
    const many: SegmentationResult = { ...r, clients: new Array(EXCEL_MAX_ROWS - 1).fill(r.clients[0]) };
    const m = buildReport(many);
    expect(tableRows(tableOf(m, 'clients')).length).toBe(EXCEL_MAX_ROWS - 2);
    expect(allFormulas(m)).toEqual([]);
    expect(m.warnings).toContain('live formulas were not written: the Clients table lists 1048574 of 1048575 clients (an Excel sheet holds at most 1,048,576 rows), and formulas over part of the clients would give other classes than the run');
  });
});

describe('structured references and the sums they compare', () => {
  it('escapes the characters of a column name that a structured reference needs escaped: \' [ ] #', () => {
    expect(escapeColumn("Kate's [top] #1")).toBe("Kate''s '[top'] '#1");
  });

  it('brackets a column name with anything but ASCII letters, digits, underscores and inner spaces', () => {
    expect(columnRef('T', 'Revenue share')).toBe('T[Revenue share]');
    expect(columnRef('T', 'ABC-XYZ')).toBe('T[[ABC-XYZ]]');
    expect(columnRef('T', 'Выручка')).toBe('T[[Выручка]]');
    expect(thisRowRef('T', "It's")).toBe("T[[#This Row],[It''s]]");
  });

  it('rounds a client sum to 15 significant digits, so equal decimal sums tie as in a spreadsheet: 0.1 + 0.2 is 0.3', () => {
    expect(spreadsheetSum(0.1 + 0.2)).toBe(0.3);
    expect(spreadsheetSum(25043.050000000003)).toBe(25043.05);
    expect(spreadsheetSum(-1980.7392999999997)).toBe(-1980.7393);
    const r = segmentClients([['Client', 'Amount', 'Date'], ['Cato', 0.1, '2024-03-01'], ['Cato', 0.2, '2024-03-02'], ['Dune', 0.3, '2024-03-05'], ['Acme', 10, '2024-03-06']]);
    const [cato, dune] = ['Cato', 'Dune'].map((n) => r.clients.find((c) => c.client === n)!);
    expect([cato.revenue, cato.m, cato.abc]).toEqual([dune.revenue, dune.m, dune.abc]);
  });
});
