import { format, type Texts } from '../i18n';
import { liveTexts, type LiveTexts } from '../i18n/live';
import type { Lang } from '../types';
import { dayToSerial } from '../parse/dates';
import type { SegmentationResult } from '../segment';
import { col, NUMBER_FORMATS } from './build';
import type { ColumnType, FormulaText, ReportCellFormula, ReportCellType, ReportColumn, ReportName, ReportSheet, ReportTable, ReportValue } from './model';
import { tableRows } from './rows';

/**
 * Live formulas (issue 8; docs/methods.md "Live formulas"): the Clients table's derived columns as
 * Excel formulas over the table's own columns, with the settings in named cells on the Summary, so
 * that a workbook keeps working without the add-in: edit a revenue or a limit and every class
 * recomputes, in Excel 2016 or later and in LibreOffice. Each formula gives the engine's value
 * (METHODS.md sections 1-5 with the rules of docs/methods.md: the tie rule, the tolerance of 1e-9 on
 * limits, group D, the COUNTIF form of the RFM score, the first matching row of the segment table).
 *
 * Only Excel 2010 functions (nothing of Microsoft 365: no LAMBDA, LET or dynamic arrays) and nothing
 * volatile (no TODAY: the analysis date is a cell). Structured references are written in their stored
 * form (`KC_Clients[[#This Row],[Revenue]]`, which Excel shows as `[@Revenue]`): SpreadsheetML stores
 * them so (Excel rewrites `@` to `[#This Row],` when it saves), Office.js takes them as typed, and
 * LibreOffice reads both.
 *
 * This file is the only maker of a {@link FormulaText}: every formula is built here from the report's
 * own table names, headers and fixed texts, never from the data.
 */

/** The engine's tolerance on limits (methods/stats.ts EPS), as a formula writes it. */
const EPS = '1E-9';

/** Excel's longest formula (characters): "Excel specifications and limits". */
export const EXCEL_MAX_FORMULA = 8192;

/** The workbook-scoped names of the Summary's cells that the formulas read. */
export const LIVE_NAMES = {
  asOf: 'KC_AsOf',
  abcMethod: 'KC_AbcMethod',
  limitA: 'KC_LimitA',
  limitB: 'KC_LimitB',
  xyzMethod: 'KC_XyzMethod',
  limitX: 'KC_LimitX',
  limitY: 'KC_LimitY',
  bins: 'KC_Bins',
  lostDays: 'KC_LostDays',
  atRiskDays: 'KC_AtRiskDays',
  newDays: 'KC_NewDays',
  clientCount: 'KC_ClientCount',
  revenueTotal: 'KC_RevenueTotal',
  abcTotal: 'KC_AbcTotal',
  abcAverage: 'KC_AbcAverage',
  profitTotal: 'KC_ProfitTotal',
  profitAverage: 'KC_ProfitAverage',
  median: 'KC_Median',
} as const;

/** Table name of the Summary's block of settings. */
export const SETTINGS_TABLE = 'KC_Settings';

/** The keys of the Clients columns that are live formulas, in table order, when the run has them. */
export const LIVE_CLIENT_COLUMNS = [
  'revenueShare', 'margin', 'averageCheck', 'recencyDays', 'abc', 'abcProfit', 'xyz', 'cv', 'coverage', 'abcXyz',
  'r', 'f', 'm', 'rfm', 'rfmSegment', 'lifecycle', 'quadrant', 'keyClient',
] as const;

const formula = (text: string): FormulaText => {
  if (text.length > EXCEL_MAX_FORMULA) throw new Error(`a live formula is longer than Excel's ${EXCEL_MAX_FORMULA} characters (${text.length})`);
  return text as FormulaText;
};

/** A text constant of a formula: "Lost", with a quote doubled. */
export function textConstant(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * A column name as a structured reference writes it between brackets: `'` before each of `[ ] # '`
 * ("Using structured references with Excel tables": the characters that need an escape).
 */
export function escapeColumn(name: string): string {
  return name.replace(/[[\]#']/g, "'$&");
}

/** A name needs its own brackets (`[[Revenue share %]]`) unless it is letters, digits, underscores and inner spaces of ASCII. */
const PLAIN_NAME = /^[A-Za-z0-9_]+(?: [A-Za-z0-9_]+)*$/;

/**
 * A whole column of a table: `KC_Clients[Revenue]`, `KC_Clients[[Доля выручки]]`.
 * @example columnRef('KC_Clients', 'Revenue') // "KC_Clients[Revenue]"
 */
export function columnRef(table: string, header: string): string {
  return PLAIN_NAME.test(header) ? `${table}[${header}]` : `${table}[[${escapeColumn(header)}]]`;
}

/**
 * The cell of a column in the formula's own row: `KC_Clients[[#This Row],[Revenue]]` (Excel shows
 * `[@Revenue]`).
 * @example thisRowRef('KC_Clients', 'Revenue') // "KC_Clients[[#This Row],[Revenue]]"
 */
export function thisRowRef(table: string, header: string): string {
  return `${table}[[#This Row],[${escapeColumn(header)}]]`;
}

/** The cells of the columns `first` to `last` in the formula's own row: `KC_Periods[[#This Row],[2014-01]:[2017-12]]`. */
function thisRowSpan(table: string, first: string, last: string): string {
  return `${table}[[#This Row],[${escapeColumn(first)}]:[${escapeColumn(last)}]]`;
}

/** A table's columns by key, with the references the formulas use. */
class Refs {
  private readonly byKey: Map<string, ReportColumn>;
  constructor(readonly table: ReportTable) {
    this.byKey = new Map(table.columns.map((c) => [c.key, c]));
  }
  has(key: string): boolean {
    return this.byKey.has(key);
  }
  header(key: string): string {
    const c = this.byKey.get(key);
    if (!c) throw new Error(`live formulas: no column '${key}' in ${this.table.tableName}`);
    return c.header;
  }
  /** The whole column. */
  all(key: string): string {
    return columnRef(this.table.tableName, this.header(key));
  }
  /** The cell in this row. */
  row(key: string): string {
    return thisRowRef(this.table.tableName, this.header(key));
  }
  column(key: string): ReportColumn | undefined {
    return this.byKey.get(key);
  }
}

/**
 * ABC of a value against its column (METHODS.md section 2, docs/methods.md "Decided here"): below zero
 * D, zero C; "share": the share of the positive total held by strictly larger values, A below limit A
 * - 1e-9, B below limit B - 1e-9, else C (equal values share a class: the tie rule); "average": A from
 * limit A x P (1 - 1e-9), C up to P / limit B (1 + 1e-9), B between.
 * @param v the value's cell in this row.
 * @param all the whole column.
 * @param total the name of the positive total of the column.
 * @param average the name of the column's average P.
 */
function abcFormula(v: string, all: string, total: string, average: string): string {
  const n = LIVE_NAMES;
  const before = `SUMIF(${all},">"&${v})/${total}`;
  const byShare = `IF(${before}<${n.limitA}-${EPS},"A",IF(${before}<${n.limitB}-${EPS},"B","C"))`;
  const byAverage = `IF(${v}>=${n.limitA}*${average}*(1-${EPS}),"A",IF(${v}<=${average}/${n.limitB}*(1+${EPS}),"C","B"))`;
  return `IF(${v}<0,"D",IF(${v}=0,"C",IF(${n.abcMethod}="average",${byAverage},${byShare})))`;
}

/**
 * XYZ of a client from its CV and share of periods with purchases (METHODS.md section 3): "cv": X up
 * to limit X + 1e-9, Y up to limit Y + 1e-9, else Z (Z too with no CV, a mean <= 0); "frequency": X
 * from limit X - 1e-9, Y from limit Y - 1e-9, else Z.
 */
function xyzFormula(cv: string, coverage: string): string {
  const n = LIVE_NAMES;
  const byCv = `IF(${cv}="","Z",IF(${cv}<=${n.limitX}+${EPS},"X",IF(${cv}<=${n.limitY}+${EPS},"Y","Z")))`;
  const byFrequency = `IF(${coverage}>=${n.limitX}-${EPS},"X",IF(${coverage}>=${n.limitY}-${EPS},"Y","Z"))`;
  return `IF(${n.xyzMethod}="frequency",${byFrequency},${byCv})`;
}

/**
 * The RFM score of METHODS.md section 4 in the COUNTIF form: MIN(bins, 1 + INT(bins * L / (n - 1)))
 * with L = COUNTIF(column, "<" & value), n = the clients counted; bins for a single client.
 */
function scoreFormula(v: string, all: string): string {
  const { bins, clientCount: count } = LIVE_NAMES;
  return `IF(${count}=1,${bins},MIN(${bins},1+INT(${bins}*COUNTIF(${all},"<"&${v})/(${count}-1))))`;
}

/** A score mapped to 1..5 for the segment rules: 1 + ROUND((s - 1) * 4 / (bins - 1), 0) (s itself with 5 bins). */
function fivePoint(score: string): string {
  return `(1+ROUND((${score}-1)*4/(${LIVE_NAMES.bins}-1),0))`;
}

/**
 * The RFM segment: the name of the first row of the Summary's segment table (`KC_RFM`) whose R, F and
 * M ranges ("4-5", or "1" for one score) hold the client's scores mapped to 1..5; the "others" name
 * when none does. The first matching row is found without an array formula (Excel 2016 without
 * Ctrl+Shift+Enter, LibreOffice): SUMPRODUCT evaluates MAX over the rows, each matching row k giving
 * 100 - k, so 100 - the maximum is the first k. A range's bounds are its first and last characters;
 * `0&` reads a blank range as 0, which no score matches.
 */
function segmentFormula(rfm: Refs, clients: Refs, others: string): string {
  const scores = { r: fivePoint(clients.row('r')), f: fivePoint(clients.row('f')), m: fivePoint(clients.row('m')) };
  const tests = (['r', 'f', 'm'] as const).map((k) => {
    const range = rfm.all(k);
    return `(--(0&LEFT(${range},1))<=${scores[k]})*(--(0&RIGHT(${range},1))>=${scores[k]})`;
  });
  const first = `ROW(${rfm.all('r')})-ROW(${rfm.table.tableName}[[#Headers],[${escapeColumn(rfm.header('r'))}]])`;
  const names = rfm.all('rfmSegment');
  return `IFERROR(INDEX(${names},100-SUMPRODUCT(MAX(${tests.join('*')}*(100-(${first}))))),${textConstant(others)})`;
}

/** One row of the Summary's block of settings, with its name. */
interface SettingRow {
  label: string;
  value: ReportValue;
  name: string;
  takes: string;
  type?: ColumnType;
  formula?: string;
}

/**
 * Makes the report live (docs/methods.md "Live formulas"): formulas on the Clients table's derived
 * columns and on the revenue-per-period table's XYZ, CV and share of periods with purchases, a block
 * of named settings on the Summary (after the totals), and notes that say what recomputes and what is
 * a snapshot. Mutates the sheets.
 * @param r the segmentation the report is of.
 * @param t the report texts.
 * @param lang the report language (the live formulas' own texts).
 * @param sheets every sheet of the report, as built.
 * @param warnings the report's warnings: a Clients table cut to Excel's rows gets no formulas, and a warning.
 * @returns the workbook-scoped names of the settings cells; none when no formula was written.
 */
export function addLiveFormulas(r: SegmentationResult, t: Texts, lang: Lang, sheets: ReportSheet[], warnings: string[]): ReportName[] {
  const live = liveTexts(lang);
  const sheetOf = (id: string) => sheets.find((s) => s.id === id);
  const clientsSheet = sheetOf('clients');
  const summary = sheetOf('summary');
  const clientsTable = clientsSheet?.blocks[0];
  if (!clientsSheet || !summary || clientsTable?.kind !== 'table') return [];
  const shown = tableRows(clientsTable).length;
  if (shown < r.clients.length) {
    warnings.push(format(live.cut, { shown, total: r.clients.length }));
    return [];
  }
  const periodsSheet = sheetOf('periods');
  const periodsTable = periodsSheet?.blocks[0]?.kind === 'table' ? periodsSheet.blocks[0] : null;
  const rfmBlock = summary.blocks.find((b): b is ReportTable => b.kind === 'table' && b.id === 'rfm');
  const c = new Refs(clientsTable);
  const dated = r.asOf !== null && c.has('lastPurchase');
  const xyz = periodsTable !== null && c.has('xyz') && c.has('cv') && c.has('coverage') && c.has('firstRow');

  // the named settings and totals
  const settings = settingRows(r, t, live, c, dated, xyz);
  const settingsTable: ReportTable = {
    kind: 'table',
    id: 'liveSettings',
    title: format(live.title, { clients: clientsSheet.name }),
    tableName: SETTINGS_TABLE,
    columns: [
      col('setting', live.col.setting, 'text', settings.reduce((w, s) => Math.max(w, s.label.length + 1), 30)),
      col('value', t.col.value, 'general', 14),
      col('name', live.col.name, 'text', 18),
      col('takes', live.col.takes, 'text', 60),
    ],
    rows: settings.map((s) => [s.label, s.value, s.name, s.takes]),
    cellTypes: settings.flatMap((s, i): ReportCellType[] => (s.type ? [{ row: i, column: 1, type: s.type, numFmt: NUMBER_FORMATS[s.type] }] : [])),
    cellFormulas: settings.flatMap((s, i): ReportCellFormula[] => (s.formula ? [{ row: i, column: 1, formula: formula(s.formula) }] : [])),
    note: format(live.note, { clients: clientsSheet.name }),
  };
  const after = summary.blocks.findIndex((b) => b.id === 'totals');
  summary.blocks.splice(after + 1, 0, settingsTable);
  const names: ReportName[] = settings.map((s, i) => ({ name: s.name, sheet: summary.id, table: SETTINGS_TABLE, row: i, column: 1 }));

  // the Clients table
  const byKey = clientFormulas(r, t, c, rfmBlock ? new Refs(rfmBlock) : null, dated, xyz ? new Refs(periodsTable!) : null);
  const written: string[] = [];
  for (const column of clientsTable.columns) {
    const f = byKey.get(column.key);
    if (f === undefined) continue;
    column.formula = formula(f);
    written.push(column.header);
  }
  const periodsWords = xyz ? format(live.periodsRef, { sheet: periodsSheet!.name }) : '';
  clientsTable.note = format(live.clients, { columns: written.join(', '), periods: periodsWords, summary: summary.name })
    + (!xyz && r.periods !== null && r.periods.count >= 2 ? ` ${live.periodsValues}` : '');

  // the revenue per period: XYZ, CV and the share of periods with purchases over the row
  if (xyz) {
    const p = new Refs(periodsTable!);
    const periodColumns = periodsTable!.columns.filter((k) => k.type === 'money');
    const span = thisRowSpan(periodsTable!.tableName, periodColumns[0].header, periodColumns[periodColumns.length - 1].header);
    p.column('cv')!.formula = formula(`IF(AVERAGE(${span})>0,STDEVP(${span})/AVERAGE(${span}),"")`);
    p.column('coverage')!.formula = formula(`COUNTIF(${span},">0")/COUNT(${span})`);
    p.column('xyz')!.formula = formula(xyzFormula(p.row('cv'), p.row('coverage')));
    periodsTable!.note = live.periods;
  }

  // the snapshots: the Key clients and the segment sheets
  const snapshot = format(live.snapshot, { clients: clientsSheet.name });
  for (const sheet of sheets) {
    if (sheet.role !== 'keyClients' && sheet.role !== 'segment') continue;
    for (const b of sheet.blocks) if (b.kind === 'table') b.note = b.note ? `${b.note} ${snapshot}` : snapshot;
  }
  return names;
}

/**
 * The Summary's settings that the formulas read, each a named cell: the analysis date, the ABC method
 * and limits, the XYZ method and limits (when XYZ is live), the RFM scores and the lifecycle days (with
 * dates); then the totals they share, as formulas over the Clients table: the number of clients, the
 * positive revenue (the base of the revenue share), the positive total and the average of the ABC
 * basis and of profit, and the median of the quadrants.
 */
function settingRows(r: SegmentationResult, t: Texts, live: LiveTexts, c: Refs, dated: boolean, xyz: boolean): SettingRow[] {
  const n = LIVE_NAMES;
  const s = live.setting;
  const k = live.takes;
  const set = r.settings;
  const rows: SettingRow[] = [];
  if (dated) rows.push({ label: s.asOf, value: dayToSerial(r.asOf!), name: n.asOf, takes: k.asOf, type: 'date' });
  const share = set.abc.method === 'share';
  rows.push({ label: s.abcMethod, value: set.abc.method, name: n.abcMethod, takes: k.abcMethod });
  rows.push({ label: s.limitA, value: set.abc.limitA, name: n.limitA, takes: share ? k.limitShare : k.limitAverage, ...(share ? { type: 'percent' as const } : {}) });
  rows.push({ label: s.limitB, value: set.abc.limitB, name: n.limitB, takes: share ? k.limitShare : k.limitAverage, ...(share ? { type: 'percent' as const } : {}) });
  if (xyz) {
    const cv = set.xyz.method === 'cv';
    rows.push({ label: s.xyzMethod, value: set.xyz.method, name: n.xyzMethod, takes: k.xyzMethod });
    rows.push({ label: s.limitX, value: set.xyz.limitX, name: n.limitX, takes: cv ? k.limitCv : k.limitFrequency, type: cv ? 'number' : 'percent' });
    rows.push({ label: s.limitY, value: set.xyz.limitY, name: n.limitY, takes: cv ? k.limitCv : k.limitFrequency, type: cv ? 'number' : 'percent' });
  }
  if (dated) {
    rows.push({ label: s.bins, value: set.rfm.bins, name: n.bins, takes: k.bins, type: 'integer' });
    rows.push({ label: s.lostDays, value: set.lifecycle.lostDays, name: n.lostDays, takes: k.days, type: 'integer' });
    rows.push({ label: s.atRiskDays, value: set.lifecycle.atRiskDays, name: n.atRiskDays, takes: k.days, type: 'integer' });
    rows.push({ label: s.newDays, value: set.lifecycle.newDays, name: n.newDays, takes: k.days, type: 'integer' });
  }
  // totals, in the Clients order (the order SUMIF adds them in)
  const clients = r.clients;
  const positiveSum = (of: (i: number) => number) => {
    let sum = 0;
    for (let i = 0; i < clients.length; i++) if (of(i) > 0) sum += of(i);
    return sum;
  };
  const average = (of: (i: number) => number) => {
    let sum = 0;
    for (let i = 0; i < clients.length; i++) sum += of(i);
    return clients.length ? sum / clients.length : null;
  };
  const basis = set.abc.basis;
  const basisOf = (i: number) => (basis === 'revenue' ? clients[i].revenue : basis === 'profit' ? clients[i].profit! : clients[i].orders);
  const money = basis === 'orders' ? ('integer' as const) : ('money' as const);
  const basisWord = t.basis[basis];
  if (dated) rows.push({ label: s.clientCount, value: clients.length, name: n.clientCount, takes: k.formula, type: 'integer', formula: `COUNT(${c.all('revenue')})` });
  rows.push({ label: s.revenueTotal, value: positiveSum((i) => clients[i].revenue), name: n.revenueTotal, takes: k.formula, type: 'money', formula: `SUMIF(${c.all('revenue')},">0")` });
  rows.push({ label: format(s.abcTotal, { basis: basisWord }), value: positiveSum(basisOf), name: n.abcTotal, takes: k.formula, type: money, formula: `SUMIF(${c.all(basis)},">0")` });
  rows.push({ label: format(s.abcAverage, { basis: basisWord }), value: average(basisOf), name: n.abcAverage, takes: k.formula, type: basis === 'orders' ? 'number' : 'money', formula: `AVERAGE(${c.all(basis)})` });
  if (r.hasProfit) {
    rows.push({ label: s.profitTotal, value: positiveSum((i) => clients[i].profit!), name: n.profitTotal, takes: k.formula, type: 'money', formula: `SUMIF(${c.all('profit')},">0")` });
    rows.push({ label: s.profitAverage, value: average((i) => clients[i].profit!), name: n.profitAverage, takes: k.formula, type: 'money', formula: `AVERAGE(${c.all('profit')})` });
  }
  if (dated) {
    const value = r.hasProfit ? 'profit' : 'revenue';
    rows.push({
      label: format(s.median, { value: t.rules[value] }), value: r.summary.quadrantMedian, name: n.median, takes: k.formula, type: 'money', formula: `MEDIAN(${c.all(value)})`,
    });
  }
  return rows;
}

/**
 * The formula of each live column of the Clients table, by column key (docs/methods.md "Live
 * formulas" gives each with its rule).
 */
function clientFormulas(r: SegmentationResult, t: Texts, c: Refs, rfm: Refs | null, dated: boolean, periods: Refs | null): Map<string, string> {
  const n = LIVE_NAMES;
  const f = new Map<string, string>();
  const v = (key: string) => c.row(key);
  f.set('revenueShare', `IF(${v('revenue')}>0,${v('revenue')}/${n.revenueTotal},0)`);
  if (r.hasProfit && c.has('margin')) f.set('margin', `IF(${v('revenue')}>0,${v('profit')}/${v('revenue')},"")`);
  if (c.has('averageCheck')) f.set('averageCheck', `IF(${v('orders')}>0,${v('revenue')}/${v('orders')},"")`);
  // ABC: on the basis, then group D on profit below zero; ABC by profit as a second class
  const basis = r.settings.abc.basis;
  const onBasis = abcFormula(v(basis), c.all(basis), n.abcTotal, n.abcAverage);
  const noAverage = `AND(${n.abcMethod}="average",${n.abcAverage}<=0)`;
  const main = r.hasProfit && basis !== 'profit' ? `IF(${v('profit')}<0,"D",${onBasis})` : onBasis;
  f.set('abc', `IF(${noAverage},NA(),${main})`);
  if (r.hasProfit && c.has('abcProfit')) {
    const profit = abcFormula(v('profit'), c.all('profit'), n.profitTotal, n.profitAverage);
    f.set('abcProfit', `IF(AND(${n.abcMethod}="average",${n.profitAverage}<=0),"",${profit})`);
  }
  if (periods) {
    // the client's row of the revenue per period, found by its first row (unique per client), so
    // that sorting either table keeps the pairs
    const at = `MATCH(${v('firstRow')},${periods.all('firstRow')},0)`;
    f.set('cv', `INDEX(${periods.all('cv')},${at})`);
    f.set('coverage', `INDEX(${periods.all('coverage')},${at})`);
    f.set('xyz', xyzFormula(v('cv'), v('coverage')));
  }
  if (c.has('abcXyz')) f.set('abcXyz', `IF(${v('xyz')}="","",${v('abc')}&${v('xyz')})`);
  if (dated) {
    f.set('recencyDays', `${n.asOf}-${v('lastPurchase')}`);
    f.set('r', scoreFormula(v('lastPurchase'), c.all('lastPurchase')));
    f.set('f', scoreFormula(v('orders'), c.all('orders')));
    f.set('m', scoreFormula(v('revenue'), c.all('revenue')));
    f.set('rfm', `${v('r')}*100+${v('f')}*10+${v('m')}`);
    if (rfm) f.set('rfmSegment', segmentFormula(rfm, c, t.rfm.others[0]));
    const stage = t.lifecycle;
    f.set(
      'lifecycle',
      `IF(${v('recencyDays')}>${n.lostDays},${textConstant(stage.lost)},IF(${v('recencyDays')}>${n.atRiskDays},${textConstant(stage.at_risk)},` +
        `IF(${n.asOf}-${v('firstPurchase')}<=${n.newDays},${textConstant(stage.new)},${textConstant(stage.active)})))`,
    );
    const mid = `INT((${n.bins}+2)/2)`;
    const value = v(r.hasProfit ? 'profit' : 'revenue');
    f.set('quadrant', `IF(AND(${v('r')}>=${mid},${v('f')}>=${mid}),IF(${value}>=${n.median},"III","II"),IF(${value}>=${n.median},"IV","I"))`);
    f.set('keyClient', `AND(${v('abc')}="A",${v('lifecycle')}<>${textConstant(stage.lost)})`);
  } else {
    f.set('keyClient', `${v('abc')}="A"`);
  }
  return f;
}
