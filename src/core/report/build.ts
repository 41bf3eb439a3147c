import type { Lang } from '../types';
import type { SegmentDimension } from '../settings';
import { dayToSerial, dayToIso } from '../parse/dates';
import { dateText, decimal, format, grouped, skippedText, texts, warningText, type Texts } from '../i18n';
import {
  ABC_CLASSES, ABC_XYZ_CODES, LIFECYCLES, QUADRANTS, XYZ_CLASSES,
  type ClassCount, type ClientResult, type SegmentationResult,
} from '../segment';
import { RFM_SEGMENT_KEYS, RFM_SEGMENTS } from '../methods/rfm';
import { periodLabel } from '../methods/xyz';
import { middleScore } from '../methods/lifecycle';
import { SKIPPED_LISTED } from '../parse/sales';
import type { ColumnType, ReportBlock, ReportCellType, ReportColumn, ReportModel, ReportSheet, ReportTable, ReportValue } from './model';
import { valueBlocks, valueColumns } from './value';
import { dynamicsClientColumns, dynamicsSheets, kpiTable } from './dynamics';
import { computedTable, keepRows, mapValues, tableRows } from './rows';
import { addLiveFormulas } from './formulas';

export { tableRows, type RowSource } from './rows';

/** Number formats of each column type. */
export const NUMBER_FORMATS: Readonly<Record<ColumnType, string>> = {
  text: '@',
  general: 'General',
  integer: '#,##0',
  number: '0.000',
  money: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  boolean: 'General',
};

/** Fill colours (hex RGB) of class values, light enough for black text. */
export const ABC_FILLS = { A: 'C6EFCE', B: 'FFEB9C', C: 'DDEBF7', D: 'FFC7CE' } as const;
/** Fill colours (hex RGB) of XYZ classes. */
export const XYZ_FILLS = { X: 'C6EFCE', Y: 'FFEB9C', Z: 'FCE4D6' } as const;
/** Fill colours (hex RGB) of lifecycle stages. */
export const LIFECYCLE_FILLS = { new: 'DDEBF7', active: 'C6EFCE', at_risk: 'FFEB9C', lost: 'FFC7CE' } as const;
const ABC_XYZ_FILLS: Record<string, string> = Object.fromEntries(ABC_XYZ_CODES.map((c) => [c, ABC_FILLS[c[0] as 'A']]));

/**
 * Excel's limits: rows in a sheet and characters in a cell ("Excel specifications and limits",
 * https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Characters an Excel cell holds; a longer text is cut to this (see {@link EXCEL_MAX_ROWS}). */
export const EXCEL_MAX_TEXT = 32_767;
/** Columns in a sheet (A to XFD; see {@link EXCEL_MAX_ROWS}). */
export const EXCEL_MAX_COLUMNS = 16_384;
/** The Skipped rows sheet lists at most this many rows, with the total under them (the JSON has all). */
export const SKIPPED_SHEET_ROWS = 100_000;

/** Room for a table header's filter button, in characters of column width. */
const FILTER_BUTTON = 3;

/** Column types whose cells are numbers, which Excel right-aligns: their headers are right-aligned too. */
const RIGHT_ALIGNED: ReadonlySet<ColumnType> = new Set<ColumnType>(['integer', 'number', 'money', 'percent', 'date']);

/** A column at least as wide as its header and the filter button, so no header is cut; a number column's header is right-aligned. */
export function col(key: string, header: string, type: ColumnType, width: number, fills?: Record<string, string>): ReportColumn {
  const c: ReportColumn = { key, header, type, numFmt: NUMBER_FORMATS[type], width: Math.max(width, header.length + FILTER_BUTTON) };
  if (fills) c.fills = fills;
  if (RIGHT_ALIGNED.has(type)) c.headerAlign = 'right';
  return c;
}

/** Width of a column of labels: the longest label, at least `min`. */
export function labelWidth(labels: readonly string[], min: number): number {
  return labels.reduce((w, l) => Math.max(w, l.length + 1), min);
}

/** The lifecycle fills keyed by the stage names of a language (the column shows the names). */
function lifecycleFills(t: Texts): Record<string, string> {
  return Object.fromEntries(LIFECYCLES.map((k) => [t.lifecycle[k], LIFECYCLE_FILLS[k]]));
}

/** Which client tables a column is in: the Clients sheet, the segment sheets, the Key clients sheet. */
type ClientView = 'clients' | 'segment' | 'key';
type ClientColumn = { column: ReportColumn; value: (c: ClientResult) => ReportValue };

/**
 * Columns of a client table, those that apply to this result and to the view. The RFM segment and the
 * lifecycle stage are shown by their names in the report language (the JSON keeps the keys).
 */
function clientColumns(r: SegmentationResult, t: Texts, view: ClientView): ClientColumn[] {
  const d = (day: number | null) => (day === null ? null : dayToSerial(day));
  // name columns as wide as their longest name in this language
  const rfmNameWidth = labelWidth(Object.values(t.rfm).map((x) => x[0]), 18);
  const stageWidth = labelWidth(Object.values(t.lifecycle), 12);
  const xyz = r.periods !== null;
  const dated = r.hasDates;
  const profit = r.hasProfit;
  const has = (f: keyof SegmentationResult['mapping']) => r.mapping[f] !== undefined;
  // `on`: c = Clients, s = segment sheets, k = Key clients
  const all: Array<ClientColumn & { when: boolean; on: string }> = [
    { column: col('client', t.col.client, 'text', 28), value: (c) => c.client, when: true, on: 'csk' },
    { column: col('revenue', t.col.revenue, 'money', 14), value: (c) => c.revenue, when: true, on: 'csk' },
    { column: col('revenueShare', t.col.revenueShare, 'percent', 10), value: (c) => c.revenueShare, when: true, on: 'csk' },
    { column: col('profit', t.col.profit, 'money', 14), value: (c) => c.profit, when: profit, on: 'csk' },
    { column: col('margin', t.col.margin, 'percent', 10), value: (c) => c.margin, when: profit, on: 'ck' },
    { column: col('orders', t.col.orders, 'integer', 9), value: (c) => c.orders, when: true, on: 'csk' },
    { column: col('averageCheck', t.col.averageCheck, 'money', 13), value: (c) => c.averageCheck, when: true, on: 'ck' },
    { column: col('firstPurchase', t.col.firstPurchase, 'date', 12), value: (c) => d(c.firstPurchase), when: dated, on: 'c' },
    { column: col('lastPurchase', t.col.lastPurchase, 'date', 12), value: (c) => d(c.lastPurchase), when: dated, on: 'csk' },
    { column: col('recencyDays', t.col.recencyDays, 'integer', 10), value: (c) => c.recencyDays, when: dated, on: 'ck' },
    { column: col('abc', t.col.abc, 'text', 6, ABC_FILLS), value: (c) => c.abc, when: true, on: 'cs' },
    { column: col('abcProfit', t.col.abcProfit, 'text', 8, ABC_FILLS), value: (c) => c.abcProfit, when: profit, on: 'ck' },
    { column: col('xyz', t.col.xyz, 'text', 6, XYZ_FILLS), value: (c) => c.xyz, when: xyz, on: 'csk' },
    { column: col('cv', t.col.cv, 'number', 9), value: (c) => c.cv, when: xyz, on: 'c' },
    { column: col('coverage', t.col.coverage, 'percent', 10), value: (c) => c.coverage, when: xyz, on: 'c' },
    { column: col('abcXyz', t.col.abcXyz, 'text', 8, ABC_XYZ_FILLS), value: (c) => c.abcXyz, when: xyz, on: 'cs' },
    { column: col('r', t.col.r, 'integer', 4), value: (c) => c.r, when: dated, on: 'c' },
    { column: col('f', t.col.f, 'integer', 4), value: (c) => c.f, when: dated, on: 'c' },
    { column: col('m', t.col.m, 'integer', 4), value: (c) => c.m, when: dated, on: 'c' },
    { column: col('rfm', t.col.rfm, 'integer', 6), value: (c) => c.rfm, when: dated, on: 'cs' },
    { column: col('rfmSegment', t.col.rfmSegment, 'text', rfmNameWidth), value: (c) => (c.rfmSegment ? t.rfm[c.rfmSegment][0] : null), when: dated, on: 'csk' },
    { column: col('lifecycle', t.col.lifecycle, 'text', stageWidth, lifecycleFills(t)), value: (c) => (c.lifecycle ? t.lifecycle[c.lifecycle] : null), when: dated, on: 'csk' },
    { column: col('quadrant', t.col.quadrant, 'text', 9), value: (c) => c.quadrant, when: dated, on: 'ck' },
    { column: col('keyClient', t.col.keyClient, 'boolean', 10), value: (c) => c.keyClient, when: true, on: 'cs' },
    ...dynamicsClientColumns(r, t).map((c) => ({ ...c, when: true, on: 'c' })),
    ...valueColumns(r, t),
    { column: col('manager', t.col.manager, 'text', 16), value: (c) => c.manager, when: has('manager'), on: 'csk' },
    { column: col('region', t.col.region, 'text', 14), value: (c) => c.region, when: has('region'), on: 'csk' },
    { column: col('industry', t.col.industry, 'text', 14), value: (c) => c.industry, when: has('industry'), on: 'ck' },
    { column: col('segment', t.col.segment, 'text', 14), value: (c) => c.segment, when: has('segment'), on: 'ck' },
    { column: col('firstRow', t.col.firstRow, 'integer', 9), value: (c) => c.firstRow, when: true, on: 'c' },
  ];
  const letter = view === 'clients' ? 'c' : view === 'segment' ? 's' : 'k';
  return all.filter((c) => c.when && c.on.includes(letter));
}

/** Counts the rows among the first `length` of a table that have a text longer than a cell holds. */
type LongTextCount = (length: number) => number;

/** The clients with a text longer than a cell holds in a column of the Clients table (usually none). */
function clientsWithLongText(r: SegmentationResult, t: Texts): Set<ClientResult> {
  // the text columns of every view (the Key clients sheet has one the Clients sheet has not)
  const columns = new Map<string, ClientColumn>();
  for (const view of ['clients', 'segment', 'key'] as const) for (const c of clientColumns(r, t, view)) if (c.column.type === 'text') columns.set(c.column.key, c);
  const texts = [...columns.values()].map((c) => c.value);
  const long = new Set<ClientResult>();
  for (const c of r.clients) {
    for (let j = 0; j < texts.length; j++) {
      if (tooLong(texts[j](c))) {
        long.add(c);
        break;
      }
    }
  }
  return long;
}

/**
 * A table of clients, one row per client. Its rows are computed when first read (see computedTable):
 * a million clients' rows are not all held at once by a writer that streams. A text longer than a cell
 * holds is cut as its row is made; `longTexts` gets how to count such rows, from `long` (the clients
 * with one) without making the rows.
 */
function clientTable(
  r: SegmentationResult, t: Texts, id: string, title: string, tableName: string, list: readonly ClientResult[], view: ClientView,
  long: ReadonlySet<ClientResult>, longTexts: Map<ReportTable, LongTextCount>,
): ReportTable {
  const cols = clientColumns(r, t, view);
  const values = cols.map((c) => c.value);
  const row = (i: number): ReportValue[] => {
    const c = list[i];
    const out: ReportValue[] = new Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const v = values[j](c);
      out[j] = typeof v === 'string' && v.length > EXCEL_MAX_TEXT ? cutText(v) : v;
    }
    return out;
  };
  const table = computedTable({ kind: 'table', id, title, tableName, columns: cols.map((c) => c.column) }, { length: list.length, row });
  const texts = cols.filter((c) => c.column.type === 'text').map((c) => c.value);
  longTexts.set(table, (length) => {
    if (!long.size) return 0;
    let rows = 0;
    for (let i = 0; i < length; i++) if (long.has(list[i]) && texts.some((v) => tooLong(v(list[i])))) rows++;
    return rows;
  });
  return table;
}

const FORBIDDEN = /[:\\/?*[\]]/g;

/**
 * A valid Excel sheet name: forbidden characters (: \ / ? * [ ]) replaced by "-", apostrophes at the ends
 * dropped, at most 31 characters, unique in `taken` regardless of case (" (2)", " (3)"... added).
 * @param wanted the name wanted.
 * @param taken lower-cased names already used; the returned name is added to it (mutated).
 * @returns the name to use; "Sheet" when nothing is left of `wanted`.
 * @example const taken = new Set<string>(); sheetName('Clients', taken) // "Clients"; sheetName('clients', taken) // "clients (2)"
 * sheetName('A/B: 2024?', new Set()) // "A-B- 2024-"
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(FORBIDDEN, '-').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** The dimension that gets one sheet per segment (default: the result's settings). */
  segmentBy?: SegmentDimension;
  /** Language of the texts (default: the result's settings). */
  language?: Lang;
  /** Where the data was read from, shown in the overview: e.g. "Sales!A1:I9995" or a file name. */
  source?: string;
  /** Live formulas on the Clients table (docs/methods.md "Live formulas"; default: the result's settings). */
  formulas?: boolean;
}

/**
 * The most cells (clients x periods) the table of revenue per period gets; beyond it the table is left
 * out and the Summary says why (docs/methods.md, "Report").
 */
export const PERIOD_CELL_BUDGET = 1_000_000;

/**
 * The report model of a segmentation: a Clients sheet (one row per client, every per-client field),
 * a Summary sheet (overview, totals, ABC, Pareto check, XYZ, the ABC x XYZ matrices of clients and
 * revenue, RFM segments with actions and the segment rules, lifecycle and churn, quadrants, the Value
 * blocks of the LTV (src/core/report/value.ts), warnings, the rules of the run, the first skipped
 * rows), a Key clients sheet, one sheet per non-empty segment
 * of the chosen dimension, the revenue per XYZ period of every client (within
 * {@link PERIOD_CELL_BUDGET}), and a sheet of every skipped row when any.
 * @param r a segmentation; not mutated.
 * @param options the segment dimension and the language, when not the result's settings, and the source.
 * @returns the model both writers (src/excel, src/cli) write.
 * @example buildReport(segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]])).sheets.map((s) => s.name) // ['Clients', 'Summary', 'Key clients', 'Group A']
 */
export function buildReport(r: SegmentationResult, options: ReportOptions = {}): ReportModel {
  const lang = options.language ?? r.settings.language;
  const segmentBy = options.segmentBy ?? r.settings.segmentBy;
  const live = options.formulas ?? r.settings.formulas;
  const t = texts(lang);
  const taken = new Set<string>();
  const sheets: ReportSheet[] = [];
  const warnings = r.warnings.map((w) => warningText(w, lang));
  const longTexts = new Map<ReportTable, LongTextCount>();
  const long = clientsWithLongText(r, t);

  sheets.push({
    id: 'clients',
    name: sheetName(t.sheet.clients, taken),
    role: 'clients',
    freeze: { rows: 2, columns: 1 },
    blocks: [clientTable(r, t, 'clients', t.block.clients, 'KC_Clients', r.clients, 'clients', long, longTexts)],
  });
  const summary: ReportSheet = { id: 'summary', name: sheetName(t.sheet.summary, taken), role: 'summary', blocks: [] };
  sheets.push(summary);
  const keyName = sheetName(t.sheet.keyClients, taken);
  const keyClients = r.clients.filter((c) => c.keyClient);
  sheets.push({
    id: 'keyClients',
    name: keyName,
    role: 'keyClients',
    freeze: { rows: 2, columns: 1 },
    blocks: [
      clientTable(r, t, 'keyClients', format(t.block.keyClients, { keys: keyClients.length, a: r.summary.abc.A.clients }), 'KC_KeyClients', keyClients, 'key', long, longTexts),
    ],
  });

  sheets.push(...dynamicsSheets(r, t, lang, taken));

  for (const seg of segments(r, segmentBy, t)) {
    if (!seg.clients.length) continue;
    // Group A holds lost clients too: its title says so and points at the key clients
    const title = segmentBy === 'abc' && seg.key === 'A' && r.hasDates
      ? format(t.block.groupA, { name: seg.name, lost: seg.clients.filter((c) => c.lifecycle === 'lost').length, sheet: keyName })
      : seg.title;
    sheets.push({
      id: `segment:${seg.key}`,
      name: sheetName(seg.name, taken),
      role: 'segment',
      freeze: { rows: 2, columns: 1 },
      blocks: [clientTable(r, t, `segment:${seg.key}`, title, `KC_Seg_${seg.key}`, seg.clients, 'segment', long, longTexts)],
    });
  }
  const periods = periodsSheet(r, t, lang, taken, live);
  if (periods.sheet) sheets.push(periods.sheet);
  if (r.skippedCount) {
    const listed = r.skipped.slice(0, SKIPPED_SHEET_ROWS);
    sheets.push({
      id: 'skipped',
      name: sheetName(t.sheet.skipped, taken),
      role: 'skipped',
      freeze: { rows: 2, columns: 0 },
      blocks: [
        {
          kind: 'table',
          id: 'skipped',
          title: t.block.skipped,
          tableName: 'KC_Skipped',
          columns: [col('row', t.col.row, 'integer', 8), col('reason', t.col.reason, 'text', 70)],
          rows: listed.map((s) => [s.row, skippedText(s, lang)]),
          ...(listed.length < r.skippedCount ? { note: format(t.limits.skippedNote, { shown: listed.length, total: r.skippedCount }) } : {}),
        },
      ],
    });
  }
  summary.blocks = summaryBlocks(r, t, lang, warnings, options.source ?? null, periods.line);
  // the Value blocks (LTV, src/core/report/value.ts) stand before the warnings
  summary.blocks.splice(summary.blocks.findIndex((b) => b.id === 'warnings'), 0, ...valueBlocks(r, t, lang, keyName));
  const kpis = kpiTable(r, t, lang);
  if (kpis) summary.blocks.unshift(kpis);
  fitRows(sheets, t, warnings);
  // live formulas (src/core/report/formulas.ts) over the rows as they will be written
  const names = live ? addLiveFormulas(r, t, lang, sheets, warnings) : [];
  cutLongTexts(sheets, t, warnings, longTexts);
  const warningBlock = summary.blocks.find((b) => b.id === 'warnings');
  if (warningBlock?.kind === 'notes') warningBlock.lines = warnings.length ? [...warnings] : ['-'];
  const model: ReportModel = { asOf: r.asOf === null ? null : dayToIso(r.asOf), language: lang, sheets, warnings, skippedCount: r.skippedCount };
  if (names.length) model.names = names;
  return model;
}

/**
 * The sheet of revenue per XYZ period (a row per client in the Clients order, its XYZ, CV and share of
 * periods with purchases, then a column per period, 0 where nothing was bought; with live formulas
 * last the client's first row, which links the row to the Clients table), when XYZ was computed and
 * clients x periods is within {@link PERIOD_CELL_BUDGET}; and the line the rules give about it.
 */
function periodsSheet(r: SegmentationResult, t: Texts, lang: Lang, taken: Set<string>, live = false): { sheet: ReportSheet | null; line: string | null } {
  if (!r.periods || r.periods.count < 2) return { sheet: null, line: null };
  const { kind, first, count } = r.periods;
  const cells = r.clients.length * count;
  // the client, XYZ, CV and coverage, a column per period, and the first row's column of live formulas
  if (count + 5 > EXCEL_MAX_COLUMNS) {
    return { sheet: null, line: format(t.rules.periodsTooWide, { count: grouped(count, lang), max: grouped(EXCEL_MAX_COLUMNS, lang) }) };
  }
  if (cells > PERIOD_CELL_BUDGET) {
    return {
      sheet: null,
      line: format(t.rules.periodsLeftOut, { clients: grouped(r.clients.length, lang), count, cells: grouped(cells, lang), budget: grouped(PERIOD_CELL_BUDGET, lang) }),
    };
  }
  const labels = Array.from({ length: count }, (_, i) => periodLabel(first + i, kind));
  const columns = [
    col('client', t.col.client, 'text', 28),
    col('xyz', t.col.xyz, 'text', 6, XYZ_FILLS),
    col('cv', t.col.cv, 'number', 9),
    col('coverage', t.col.coverage, 'percent', 10),
    ...labels.map((l) => col(l, l, 'money', 12)),
    ...(live ? [col('firstRow', t.col.firstRow, 'integer', 9)] : []),
  ];
  // rows computed when read, as the client tables' (a writer that streams takes them one at a time)
  const clients = r.clients;
  const row = (i: number): ReportValue[] => {
    const c = clients[i];
    const cells: ReportValue[] = [c.client, c.xyz, c.cv, c.coverage, ...(c.periodRevenue ?? new Array<number>(count).fill(0))];
    if (live) cells.push(c.firstRow);
    return cells;
  };
  const table = computedTable({ kind: 'table', id: 'periods', title: format(t.block.periods, { period: t.period[kind] }), tableName: 'KC_Periods', columns }, { length: clients.length, row });
  const name = sheetName(t.sheet.periods, taken);
  return {
    sheet: {
      id: 'periods',
      name,
      role: 'periods',
      freeze: { rows: 2, columns: 1 },
      blocks: [table],
    },
    line: format(t.rules.periods, { sheet: name }),
  };
}

/**
 * Keeps every sheet within Excel's 1,048,576 rows: a table that would run past them (a client table of
 * more than 1,048,574 clients: its title and header take two rows) lists its first rows, says so in its
 * title (no row is spent on it) and gets a warning naming the sheet. Only the last block of a sheet can
 * be that large (the model's sheets hold one big table each).
 * @throws Error when a block before the last would pass the limit (a report model bug).
 */
function fitRows(sheets: ReportSheet[], t: Texts, warnings: string[]): void {
  for (const sheet of sheets) {
    let row = 1;
    sheet.blocks.forEach((b, i) => {
      if (i > 0) row++;
      const height = b.kind === 'table' ? 2 + Math.max(1, tableRows(b).length) + (b.note ? 1 : 0) : 1 + b.lines.length;
      if (row + height - 1 <= EXCEL_MAX_ROWS) {
        row += height;
        return;
      }
      if (b.kind !== 'table' || i !== sheet.blocks.length - 1) throw new Error(`the report's sheet ${sheet.name} is longer than an Excel sheet`);
      // the title and the header, then as many rows as fit (and the table's note, if it has one)
      const shown = EXCEL_MAX_ROWS - row - 1 - (b.note ? 1 : 0);
      const total = tableRows(b).length;
      keepRows(b, shown);
      b.title = `${b.title} — ${format(t.limits.rowsNote, { shown, total })}`;
      warnings.push(format(t.limits.rowsCut, { sheet: sheet.name, shown, total }));
    });
  }
}

/** A text cut to Excel's limit: its first 32,766 characters and "…" (a surrogate pair is not split). */
function cutText(s: string): string {
  let end = EXCEL_MAX_TEXT - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

const tooLong = (v: ReportValue): boolean => typeof v === 'string' && v.length > EXCEL_MAX_TEXT;

/**
 * Cuts every text longer than a cell holds, with a warning per sheet naming the sheet and how many rows
 * had one (client tables cut their own as their rows are made: `counted` counts them).
 */
function cutLongTexts(sheets: ReportSheet[], t: Texts, warnings: string[], counted: ReadonlyMap<ReportTable, LongTextCount>): void {
  for (const sheet of sheets) {
    let rows = 0;
    for (const b of sheet.blocks) {
      if (b.kind === 'notes') {
        for (let i = 0; i < b.lines.length; i++) {
          if (b.lines[i].length > EXCEL_MAX_TEXT) {
            b.lines[i] = cutText(b.lines[i]);
            rows++;
          }
        }
        continue;
      }
      const source = tableRows(b);
      const count = counted.get(b);
      if (count) {
        rows += count(source.length);
      } else {
        let cut = 0;
        for (let i = 0; i < source.length; i++) if (source.row(i).some(tooLong)) cut++;
        if (cut) mapValues(b, (v) => (tooLong(v) ? cutText(v as string) : v));
        rows += cut;
      }
      if (b.note && b.note.length > EXCEL_MAX_TEXT) {
        b.note = cutText(b.note);
        rows++;
      }
    }
    if (rows) warnings.push(format(t.limits.textCut, { sheet: sheet.name, rows }));
  }
}

interface Segment {
  key: string;
  name: string;
  title: string;
  clients: ClientResult[];
}

function segments(r: SegmentationResult, by: SegmentDimension, t: Texts): Segment[] {
  const group = (keys: readonly string[], of: (c: ClientResult) => string | null, name: (k: string) => string): Segment[] => {
    const map = new Map<string, ClientResult[]>(keys.map((k) => [k, []]));
    for (const c of r.clients) {
      const k = of(c);
      if (k !== null) map.get(k)?.push(c);
    }
    return keys.map((k) => ({ key: k, name: name(k), title: name(k), clients: map.get(k)! }));
  };
  switch (by) {
    case 'abcXyz':
      return group(ABC_XYZ_CODES, (c) => c.abcXyz, (k) => k);
    case 'rfm':
      return group(RFM_SEGMENT_KEYS, (c) => c.rfmSegment, (k) => t.rfm[k as 'new'][0]);
    case 'lifecycle':
      return group(LIFECYCLES, (c) => c.lifecycle, (k) => t.lifecycle[k as 'new']);
    default:
      return group(ABC_CLASSES, (c) => c.abc, (k) => t.abcClass[k as 'A']);
  }
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A share as written in a sentence: one decimal and " %" ("12,7 %" in Russian and Polish). */
function percentText(x: number, lang: Lang): string {
  return `${decimal(Number((x * 100).toFixed(1)), lang)} %`;
}

/** The rules behind the numbers, in words and with this run's settings, for whoever opens the workbook later. */
function ruleLines(r: SegmentationResult, t: Texts, lang: Lang, periodsLine: string | null): string[] {
  const set = r.settings;
  const num = (n: number) => decimal(Math.round(n * 1e6) / 1e6, lang);
  const pct = (n: number) => `${decimal(Math.round(n * 1e4) / 100, lang)} %`;
  const basis = t.basis[set.abc.basis];
  const lines: string[] = [];
  lines.push(
    set.abc.method === 'share'
      ? format(t.rules.abcShare, { basis, limitA: pct(set.abc.limitA), limitB: pct(set.abc.limitB) })
      : format(t.rules.abcAverage, { basis, p: num(r.summary.abcAverage ?? 0), limitA: num(set.abc.limitA), limitB: num(set.abc.limitB) }),
  );
  lines.push(format(r.hasProfit ? t.rules.groupDProfit : t.rules.groupD, { basis }));
  if (r.periods && r.periods.count >= 2) {
    const { kind, first, count } = r.periods;
    const params = { period: t.period[kind], from: periodLabel(first, kind), to: periodLabel(first + count - 1, kind), count };
    lines.push(
      set.xyz.method === 'cv'
        ? format(t.rules.xyzCv, { ...params, limitX: num(set.xyz.limitX), limitY: num(set.xyz.limitY) })
        : format(t.rules.xyzFrequency, { ...params, limitX: pct(set.xyz.limitX), limitY: pct(set.xyz.limitY) }),
    );
  }
  if (periodsLine) lines.push(periodsLine);
  if (r.hasDates && r.asOf !== null) {
    lines.push(format(t.rules.rfm, { bins: set.rfm.bins }));
    if (set.rfm.bins !== 5) lines.push(format(t.rules.rfmFivePoint, { bins: set.rfm.bins }));
    lines.push(format(t.rules.lifecycle, { asOf: dateText(dayToIso(r.asOf), lang), ...set.lifecycle }));
    lines.push(
      format(t.rules.quadrants, {
        mid: middleScore(set.rfm.bins),
        value: r.hasProfit ? t.rules.profit : t.rules.revenue,
        median: num(r.summary.quadrantMedian ?? 0),
      }),
    );
  }
  lines.push(t.rules.keyClient);
  lines.push(format(t.rules.source, { rows: r.validRows }));
  return lines;
}

/** A score range of the segment rules as written: "4-5", or "1" for a single score. */
function scoreRange([lo, hi]: readonly [number, number]): string {
  return lo === hi ? String(lo) : `${lo}-${hi}`;
}

function summaryBlocks(r: SegmentationResult, t: Texts, lang: Lang, warnings: string[], source: string | null, periodsLine: string | null): ReportBlock[] {
  const s = r.summary;
  const blocks: ReportBlock[] = [];
  const money = (k: string, h: string) => col(k, h, 'money', 14);
  const pct = (k: string, h: string) => col(k, h, 'percent', 12);
  const int = (k: string, h: string) => col(k, h, 'integer', 10);
  const txt = (k: string, h: string, w = 14) => col(k, h, 'text', w);
  const set = r.settings;
  const settingsLine = format(t.settings.line, {
    abcMethod: t.method[set.abc.method], limitA: decimal(set.abc.limitA, lang), limitB: decimal(set.abc.limitB, lang), basis: t.basis[set.abc.basis],
    xyzMethod: t.method[set.xyz.method], limitX: decimal(set.xyz.limitX, lang), limitY: decimal(set.xyz.limitY, lang), period: t.period[set.xyz.period],
    bins: set.rfm.bins, atRiskDays: set.lifecycle.atRiskDays, lostDays: set.lifecycle.lostDays, newDays: set.lifecycle.newDays,
  });

  // Counts (whole numbers) and money totals are two tables: a column has one number format. The
  // analysis date (a date) and churn (a share) are cells of their own type in the column of counts.
  const overviewRows: ReportValue[][] = [
    [t.overview.asOf, r.asOf === null ? t.overview.noDates : dayToSerial(r.asOf)],
    ...(source !== null ? [[t.overview.source, source]] : []),
    [t.overview.clients, s.clients],
    [t.overview.keyClients, s.keyClients],
    [t.overview.rows, r.dataRows],
    [t.overview.validRows, r.validRows],
    [t.overview.skippedRows, r.skippedCount],
    ...(s.churn !== null ? [[t.overview.churn, s.churn]] : []),
  ];
  const overviewTypes: ReportCellType[] = [];
  if (r.asOf !== null) overviewTypes.push({ row: 0, column: 1, type: 'date', numFmt: NUMBER_FORMATS.date });
  if (s.churn !== null) overviewTypes.push({ row: overviewRows.length - 1, column: 1, type: 'percent', numFmt: NUMBER_FORMATS.percent });
  const totalRows: ReportValue[][] = [
    [t.overview.totalRevenue, s.totalRevenue],
    ...(s.totalProfit !== null ? [[t.overview.totalProfit, s.totalProfit]] : []),
  ];
  // the labels of the overview, totals and Pareto tables share column A: wide enough for all
  const measureWidth = labelWidth(
    [...overviewRows, ...totalRows].map((row) => String(row[0])).concat(t.pareto.aClientShare, t.pareto.aRevenueShare, t.pareto.topRevenueShare),
    30,
  );
  blocks.push({
    kind: 'table',
    id: 'overview',
    title: t.block.overview,
    tableName: 'KC_Overview',
    columns: [txt('measure', t.col.measure, measureWidth), col('value', t.col.value, 'integer', 14)],
    rows: overviewRows,
    cellTypes: overviewTypes,
    note: `${t.settings.title}: ${settingsLine}`,
  });
  blocks.push({
    kind: 'table',
    id: 'totals',
    title: t.totals,
    tableName: 'KC_Totals',
    columns: [txt('measure', t.col.measure, measureWidth), money('value', t.col.value)],
    rows: totalRows,
  });

  /** A class's row: its label cells, clients, share of clients, revenue, share of revenue, profit (where there is profit), then `tail`. */
  const classRow = (label: ReportValue[], c: ClassCount, tail: ReportValue[] = []): ReportValue[] =>
    [...label, c.clients, share(c.clients, s.clients), c.revenue, share(c.revenue, s.positiveRevenue), ...(r.hasProfit ? [c.profit] : []), ...tail];
  const classCols = () => [int('clients', t.col.clients), pct('clientShare', t.col.clientShare), money('revenue', t.col.revenue), pct('revenueShare', t.col.revenueShare), ...(r.hasProfit ? [money('profit', t.col.profit)] : [])];

  blocks.push({
    kind: 'table', id: 'abc', title: t.block.abc, tableName: 'KC_ABC',
    columns: [col('abc', t.col.cls, 'text', 8, ABC_FILLS), ...classCols()],
    rows: ABC_CLASSES.map((k) => classRow([k], s.abc[k])),
  });
  const p = s.pareto;
  blocks.push({
    kind: 'table', id: 'pareto', title: t.block.pareto, tableName: 'KC_Pareto',
    columns: [txt('measure', t.col.measure, measureWidth), pct('value', t.col.value)],
    rows: [
      [t.pareto.aClientShare, p.aClientShare],
      [t.pareto.aRevenueShare, p.aRevenueShare],
      [t.pareto.topRevenueShare, p.topRevenueShare],
    ],
    note: `${t.pareto.verdict}: ${t.pareto[p.verdict]}`,
  });
  if (s.xyz && s.abcXyz) {
    // one class over 90 %: the advice stands under the XYZ table too, where a reader of XYZ looks
    const advice = r.warnings.findIndex((w) => w.code === 'xyzOneClass' || w.code === 'xyzOneClassNoSplit');
    blocks.push({
      kind: 'table', id: 'xyz', title: t.block.xyz, tableName: 'KC_XYZ',
      columns: [col('xyz', t.col.cls, 'text', 8, XYZ_FILLS), ...classCols()],
      rows: XYZ_CLASSES.map((k) => classRow([k], s.xyz![k])),
      ...(advice >= 0 ? { note: warnings[advice] } : {}),
    });
    const matrix = (id: string, title: string, tableName: string, pick: (c: ClassCount) => number, type: ColumnType): ReportTable => ({
      kind: 'table', id, title, tableName,
      columns: [col('abc', 'ABC', 'text', 8, ABC_FILLS), ...XYZ_CLASSES.map((x) => col(x, x, type, 14)), col('total', t.col.total, type, 14)],
      rows: ABC_CLASSES.map((a) => {
        const vals = XYZ_CLASSES.map((x) => pick(s.abcXyz![a + x]));
        return [a, ...vals, vals.reduce((u, v) => u + v, 0)];
      }),
    });
    blocks.push(matrix('abcXyzClients', t.block.abcXyzClients, 'KC_ABCXYZ_Clients', (c) => c.clients, 'integer'));
    blocks.push(matrix('abcXyzRevenue', t.block.abcXyzRevenue, 'KC_ABCXYZ_Revenue', (c) => c.revenue, 'money'));
  }
  if (s.rfm) {
    // the segment rules of METHODS.md section 4 beside the counts, so that a segment can be checked
    // from R, F and M; the JSON key last, out of the reader's way, for whoever joins the JSON
    const ranges = new Map<string, string[]>(RFM_SEGMENTS.map((g) => [g.key, [scoreRange(g.r), scoreRange(g.f), scoreRange(g.m)]]));
    blocks.push({
      kind: 'table', id: 'rfm', title: t.block.rfm, tableName: 'KC_RFM',
      columns: [
        txt('rfmSegment', t.col.rfmSegment, labelWidth(Object.values(t.rfm).map((x) => x[0]), 24)),
        txt('r', t.col.r, 5), txt('f', t.col.f, 5), txt('m', t.col.m, 5),
        ...classCols(), txt('action', t.col.action, 70), txt('key', t.col.key, 20),
      ],
      rows: RFM_SEGMENT_KEYS.filter((k) => k !== 'others' || s.rfm!.others.clients > 0)
        .map((k) => classRow([t.rfm[k][0], ...(ranges.get(k) ?? [null, null, null])], s.rfm![k], [t.rfm[k][1], k])),
      ...(set.rfm.bins !== 5 ? { note: format(t.rules.rfmFivePoint, { bins: set.rfm.bins }) } : {}),
    });
  }
  if (s.lifecycle) {
    blocks.push({
      kind: 'table', id: 'lifecycle', title: t.block.lifecycle, tableName: 'KC_Lifecycle',
      columns: [col('lifecycle', t.col.lifecycle, 'text', labelWidth(Object.values(t.lifecycle), 18), lifecycleFills(t)), ...classCols()],
      rows: LIFECYCLES.map((k) => classRow([t.lifecycle[k]], s.lifecycle![k])),
      ...(s.churn !== null && r.asOf !== null
        ? { note: format(t.rules.churn, { lost: s.lifecycle.lost.clients, lostDays: set.lifecycle.lostDays, asOf: dateText(dayToIso(r.asOf), lang), base: s.churnBase, churn: percentText(s.churn, lang) }) }
        : {}),
    });
  }
  if (s.quadrants) {
    // loyalty, profitability and the rule behind them: four label columns like the RFM table's, so
    // that the two action columns line up
    const mid = middleScore(set.rfm.bins);
    const q = t.rules.quadrantRule;
    const value = r.hasProfit ? t.rules.profit : t.rules.revenue;
    const median = decimal(Math.round((s.quadrantMedian ?? 0) * 1e6) / 1e6, lang);
    const loyal = (k: string) => k === 'II' || k === 'III';
    const profitable = (k: string) => k === 'III' || k === 'IV';
    blocks.push({
      kind: 'table', id: 'quadrants', title: t.block.quadrants, tableName: 'KC_Quadrants',
      columns: [
        txt('quadrant', t.col.quadrant, 9), txt('loyalty', t.col.loyalty, 10), txt('profitability', t.col.profitability, 10), txt('rule', t.col.rule, 30),
        ...classCols(), txt('action', t.col.action, 70),
      ],
      rows: QUADRANTS.map((k) => classRow([
        k, loyal(k) ? t.high : t.low, profitable(k) ? t.high : t.low,
        `${format(loyal(k) ? q.loyaltyHigh : q.loyaltyLow, { mid })}; ${format(profitable(k) ? q.valueHigh : q.valueLow, { value, median })}`,
      ], s.quadrants![k], [t.quadrant[k]])),
    });
  }
  blocks.push({ kind: 'notes', id: 'warnings', title: t.block.warnings, lines: warnings.length ? warnings : ['-'] });
  blocks.push({ kind: 'notes', id: 'rules', title: t.rules.title, lines: ruleLines(r, t, lang, periodsLine) });
  if (r.skippedCount) {
    blocks.push({
      kind: 'notes', id: 'skipped', title: `${t.block.skipped}: ${r.skippedCount}`,
      lines: r.skipped.slice(0, SKIPPED_LISTED).map((x) => skippedText(x, lang)),
    });
  }
  return blocks;
}
