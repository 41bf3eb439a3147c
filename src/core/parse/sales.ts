import { KcError } from '../errors';
import type { Cell, ColumnMapping, Field, SkippedRow } from '../types';
import { skippedTextIn } from '../i18n';
import { en } from '../i18n/en';
import { columnLetter, detectColumns, fieldOfHeader } from './headers';
import { excelErrorText, isBlank, parseNumber } from './numbers';
import { detectSlashOrder, parseDate, type SlashOrder } from './dates';
import type { DateOrder } from '../settings';
import { clientDisplay, hasOwnLowerCase } from './clients';
import { StringIds } from './string-ids';

/** How to read a sales range. */
export interface ReadOptions {
  /** Column of each field; detected from the header row when omitted. */
  mapping?: ColumnMapping;
  /**
   * Whether there is a header row; detected when omitted. The header is the first of the first 20
   * non-empty rows that names a client and an amount column (see {@link findHeaderRow}); rows above
   * it are not data. false: every row is data.
   */
  hasHeader?: boolean;
  /** Index (into cells) of the header row when the caller knows it (e.g. the row holding the names it maps). */
  headerRow?: number;
  /** Sheet row number of the range's first row (for messages), default 1. */
  firstRow?: number;
  /** Column number (0-based) of the range's first column on the sheet, for letters in messages. */
  firstColumn?: number;
  /** Order of dd/mm vs mm/dd when the data does not decide (the workbook's locale), default dmy. */
  slashOrder?: SlashOrder;
  /**
   * The date order the user set. "dmy" or "mdy" wins over the data: a slashed date that fits only the
   * other order is skipped with that reason. "auto" (the default) takes the order from the data, then
   * `slashOrder` (METHODS.md section 0).
   */
  dateOrder?: DateOrder;
  /** Cells (row, column indexes into cells) holding a SUM, SUBTOTAL or AGGREGATE formula: in the amount column, a totals row. */
  sumFormulaCells?: ReadonlyArray<readonly [number, number]>;
  /**
   * Set when the cells come from a delimited text file (CSV) split by this delimiter: each row then
   * holds exactly the fields of its line, and a data row with a non-blank field past the header's
   * fields is malformed (an unquoted comma in a number, or the delimiter in an unquoted value): it
   * is skipped with that reason, never read shifted.
   */
  delimiter?: string;
  /** Sheet row (a CSV's file line) of each row of cells, when it is not firstRow + index. */
  rowNumbers?: ArrayLike<number>;
  /** Language used to fold client names to lower case (locale-aware), default "en". */
  locale?: string;
  /** Progress callback, 0..1. */
  onProgress?: (fraction: number) => void;
}

/**
 * The valid rows of a sales range, in columns (one entry per valid row, in sheet order), and the
 * clients they belong to. Built for speed: a million rows stay a handful of typed arrays.
 */
export interface SalesData {
  mapping: ColumnMapping;
  hasHeader: boolean;
  headers: string[];
  /** Number of data rows (excluding the header), empty ones included. */
  dataRows: number;
  emptyRows: number;
  /** Client index of each valid row. */
  client: Int32Array;
  amount: Float64Array;
  /** Profit of each valid row (0 where there is no profit column). */
  profit: Float64Array;
  /** Day number of each valid row (NaN where there is no date column). */
  day: Float64Array;
  /** Order id (interned, 0-based) of each valid row, -1 where blank or without an order column. */
  order: Int32Array;
  /** Sheet row number of each valid row. */
  sheetRow: Int32Array;
  /** Display name of each client: the spelling of its first row. */
  clientNames: string[];
  /** Case-folded key of each client. */
  clientKeys: string[];
  /** Values of manager / region / industry / segment per client: the first non-blank one. */
  attributes: Partial<Record<'manager' | 'region' | 'industry' | 'segment', (string | null)[]>>;
  slashOrder: SlashOrder;
  skipped: SkippedRow[];
  skippedCount: number;
}

/** The summary lists this many skipped rows (METHODS.md section 0); the data keeps them all. */
export const SKIPPED_LISTED = 20;

function show(cell: Cell): string {
  const s = String(cell);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** The header is looked for in this many first non-empty rows. */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Finds the header row among the first {@link HEADER_SEARCH_ROWS} non-empty rows (a title block may
 * stand above it): the first row whose header names give both a client and an amount column; else
 * the first row where they do with `mapping` filling in fields given by hand; else the first row
 * with any recognised header name.
 * @param cells the range as Excel hands it; not mutated.
 * @param mapping columns given by hand, if any.
 * @returns the row's index into `cells`, or -1 when no row of the first ones names any field.
 * @example findHeaderRow([['Sales report 2024'], [], ['Client', 'Amount'], ['Acme', 5]]) // 2
 */
export function findHeaderRow(cells: readonly (readonly Cell[])[], mapping?: ColumnMapping): number {
  let withMapping = -1;
  let named = -1;
  for (let r = 0, seen = 0; r < cells.length && seen < HEADER_SEARCH_ROWS; r++) {
    const row = cells[r];
    if (!row || row.every(isBlank)) continue;
    seen++;
    const detected = detectColumns(row);
    if (!Object.keys(detected).length) continue;
    if (detected.client !== undefined && detected.amount !== undefined) return r;
    if (named < 0) named = r;
    const both = { ...detected, ...mapping };
    if (withMapping < 0 && both.client !== undefined && both.amount !== undefined) withMapping = r;
  }
  return withMapping >= 0 ? withMapping : named;
}

/**
 * Decides the mapping, whether there is a header and which row it is.
 * @param cells the range as Excel hands it; not mutated.
 * @param options the mapping given by hand, whether there is a header (or its row), and the first column's position.
 * @returns the mapping (detected, overridden by `options.mapping`), whether there is a header, its
 *   index into `cells` (0 without a header), and the column names (the header texts, or column
 *   letters without a header).
 * @throws KcError `#N/A` for an empty range, a mapped column outside the range, or when no client or
 *   no amount column can be found in the first 20 non-empty rows.
 * @example resolveLayout([['Customer Name', 'Sales'], ['Acme', 100]]) // { mapping: { client: 0, amount: 1 }, hasHeader: true, headerRow: 0, headers: ['Customer Name', 'Sales'] }
 */
export function resolveLayout(cells: readonly (readonly Cell[])[], options: ReadOptions = {}): { mapping: ColumnMapping; hasHeader: boolean; headerRow: number; headers: string[] } {
  if (!cells.length || !cells[0] || cells.every((row) => !row || row.every(isBlank))) {
    throw new KcError('#N/A', 'the range is empty: select a sales table with a header row', 'emptyRange');
  }
  let h = 0;
  if (options.hasHeader !== false) {
    const found = options.headerRow ?? findHeaderRow(cells, options.mapping);
    if (found >= 0 && found < cells.length) h = found;
  }
  const first = cells[h] ?? [];
  if (!first.length) throw new KcError('#N/A', 'the range is empty: select a sales table with a header row', 'emptyRange');
  const detected = detectColumns(first);
  const recognised = Object.keys(detected).length > 0;
  const hasHeader =
    options.hasHeader ?? (options.headerRow !== undefined || recognised || (options.mapping !== undefined && first.every((c) => isBlank(c) || (typeof c === 'string' && Number.isNaN(parseNumber(c))))));
  const mapping: ColumnMapping = { ...(hasHeader ? detected : {}), ...(options.mapping ?? {}) };
  const headers = first.map((c, i) => (hasHeader && !isBlank(c) ? String(c).trim() : columnLetter((options.firstColumn ?? 0) + i)));
  const width = first.length;
  for (const [f, i] of Object.entries(mapping) as Array<[Field, number]>) {
    if (!(Number.isInteger(i) && i >= 0 && i < width)) throw new KcError('#N/A', `the ${f} column (${i + 1}) is outside the range of ${width} columns`);
  }
  const seen = first.filter((c) => !isBlank(c)).slice(0, 8).map((c) => String(c).trim()).join(', ');
  const where = hasHeader ? ` (headers seen: ${seen})` : ` (first row: ${seen})`;
  const params = { firstRow: seen, rows: HEADER_SEARCH_ROWS };
  if (mapping.client === undefined) {
    throw new KcError('#N/A', `no client column: no header in the first ${HEADER_SEARCH_ROWS} rows reads like Client / Клиент / Klient${where}; map it by hand`, 'noClientColumn', params);
  }
  if (mapping.amount === undefined) {
    throw new KcError('#N/A', `no amount column: no header in the first ${HEADER_SEARCH_ROWS} rows reads like Amount / Sales / Сумма / Kwota${where}; map it by hand`, 'noAmountColumn', params);
  }
  return { mapping, hasHeader, headerRow: hasHeader ? h : 0, headers };
}

/**
 * Reads and cleans a sales range (METHODS.md section 0): header detection or the given mapping,
 * client keys folded (trimmed, inner spaces folded, lower case), numbers and dates parsed, empty rows
 * skipped silently, rows with a bad required value skipped and reported. Real exports
 * (docs/methods.md): the header is found within the first 20 non-empty rows (rows above it are not
 * data); totals rows (a totals word as the client, a SUM/SUBTOTAL formula as the amount), a text
 * file's lines with more fields than the header, and slashed dates that fit only the other day/month
 * order are skipped with their reasons.
 * @throws KcError `#N/A` for an empty range, missing columns, a header-only range; `#VALUE!` when every
 *   row is bad (the message gives the first reasons).
 * @param cells the range as Excel hands it; not mutated.
 * @param options the mapping, header, position on the sheet, date order, locale and progress.
 * @returns the valid rows in typed columns, the clients, and every skipped row with its reason.
 * @example readSales([['Client', 'Amount'], ['Acme', '1 234,56'], ['', 5]]).skippedCount // 1 (row 3: client is blank)
 */
export function readSales(cells: readonly (readonly Cell[])[], options: ReadOptions = {}): SalesData {
  const { mapping, hasHeader, headerRow, headers } = resolveLayout(cells, options);
  const firstRow = options.firstRow ?? 1;
  const rowNumbers = options.rowNumbers;
  const start = hasHeader ? headerRow + 1 : 0;
  const n = cells.length - start;
  if (n <= 0) throw new KcError('#N/A', 'the range has a header but no rows of data', 'headerOnly');
  const di = mapping.date;
  const orderSet = options.dateOrder === 'dmy' || options.dateOrder === 'mdy';
  let slashOrder = orderSet ? (options.dateOrder as SlashOrder) : options.slashOrder ?? 'dmy';
  if (di !== undefined && !orderSet) {
    const texts: string[] = [];
    for (let r = start; r < cells.length; r++) {
      const v = cells[r]?.[di];
      if (typeof v === 'string' && v.indexOf('/') > 0) texts.push(v);
    }
    slashOrder = detectSlashOrder(texts, slashOrder);
  }
  // a text file's rows: the fields the header has (without a header, the commonest count)
  const fieldsOfHeader = options.delimiter === undefined ? Infinity : hasHeader ? cells[headerRow].length : commonLength(cells);
  const reader = new SalesReader({ mapping, hasHeader, headers, slashOrder, fieldsOfHeader }, options, n);
  const step = 65_536;
  for (let r = start; r < cells.length; r++) {
    if (options.onProgress && (r & (step - 1)) === 0) options.onProgress(r / cells.length);
    reader.add(cells[r] ?? [], r, rowNumbers ? rowNumbers[r] : firstRow + r);
  }
  options.onProgress?.(1);
  return reader.finish();
}

/** How a reader reads the rows of a range: the layout ({@link resolveLayout}) and what follows from the data. */
export interface SalesLayout {
  mapping: ColumnMapping;
  hasHeader: boolean;
  headers: string[];
  /** The order slashed text dates are read in (the one set, or the data's: {@link detectSlashOrder}). */
  slashOrder: SlashOrder;
  /** A delimited text file's fields per row (more is a malformed row); Infinity for a sheet. */
  fieldsOfHeader: number;
}

/**
 * Reads the data rows of a sales range one at a time into typed columns (what {@link readSales} does
 * for every row of its cells; a file reader that streams its rows can call it as they come, so that
 * the rows never all exist as cells): the cleaning of METHODS.md section 0, the clients and order ids
 * numbered in order of first appearance, the skipped rows with their reasons.
 */
export class SalesReader {
  private client: Int32Array;
  private amount: Float64Array;
  private profit: Float64Array;
  private day: Float64Array;
  private order: Int32Array;
  private sheetRow: Int32Array;
  private valid = 0;
  private dataRows = 0;
  private emptyRows = 0;
  private skippedCount = 0;
  private readonly skipped: SkippedRow[] = [];
  // client keys and order ids numbered in order of first appearance (docs/notes-infra.md, "Reading the rows")
  private readonly keyToClient: StringIds;
  private readonly orderIds: StringIds;
  private readonly clientNames: string[] = [];
  private readonly attrFields: ReadonlyArray<'manager' | 'region' | 'industry' | 'segment'>;
  private readonly attributes: SalesData['attributes'] = {};
  private readonly ci: number;
  private readonly ai: number;
  private readonly di: number | undefined;
  private readonly oi: number | undefined;
  private readonly pi: number | undefined;
  private readonly locale: string;
  private readonly ownLowerCase: boolean;
  private readonly orderSet: boolean;
  private readonly delimiter: string | undefined;
  /** Rows (indexes into the cells) whose amount is a SUM/SUBTOTAL formula: totals rows. */
  private readonly sumRows = new Set<number>();
  private readonly dateCache = new Map<string, number | null>();
  // the last valid row's client cell, order cell and date text: rows of one order repeat them
  private lastClientCell: Cell = undefined;
  private lastClient = -1;
  private lastOrderCell: Cell = undefined;
  private lastOrder = -1;
  private lastDateText: string | undefined = undefined;
  private lastDate: number | null = null;
  /** Clients whose first spelling started like a totals label but was too long to be one (see {@link add}). */
  private longTotals: Set<number> | null = null;

  /**
   * @param layout the range's layout and what the data decided.
   * @param options the reading options (locale, date order set, SUM formula cells, delimiter).
   * @param capacity the rows expected (the columns grow past it).
   */
  constructor(private readonly layout: SalesLayout, options: ReadOptions, capacity: number) {
    const { mapping } = layout;
    this.ci = mapping.client!;
    this.ai = mapping.amount!;
    this.di = mapping.date;
    this.oi = mapping.order;
    this.pi = mapping.profit;
    this.locale = options.locale ?? 'en';
    this.ownLowerCase = hasOwnLowerCase(this.locale);
    this.orderSet = options.dateOrder === 'dmy' || options.dateOrder === 'mdy';
    this.delimiter = options.delimiter;
    const n = Math.max(1, capacity);
    this.client = new Int32Array(n);
    this.amount = new Float64Array(n);
    this.profit = new Float64Array(n);
    this.day = new Float64Array(n);
    this.order = new Int32Array(n);
    this.sheetRow = new Int32Array(n);
    this.keyToClient = new StringIds(Math.min(n, 1 << 16));
    this.orderIds = new StringIds(this.oi === undefined ? 0 : Math.min(n, 1 << 16));
    this.attrFields = (['manager', 'region', 'industry', 'segment'] as const).filter((f) => mapping[f] !== undefined);
    for (const f of this.attrFields) this.attributes[f] = [];
    for (const [r, c] of options.sumFormulaCells ?? []) if (c === this.ai) this.sumRows.add(r);
  }

  private skip(row: number, field: SkippedRow['field'], problem: SkippedRow['problem'], cell?: Cell, params?: SkippedRow['params']): void {
    this.skippedCount++;
    const value = problem === 'blank' ? '' : show(cell);
    const entry: SkippedRow = { row, reason: '', problem, field, value };
    if (params) entry.params = params;
    entry.reason = skippedTextIn(entry, en);
    this.skipped.push(entry);
  }

  /**
   * Reads one data row.
   * @param row its cells.
   * @param r its index among the range's cells (for the SUM formula cells of the options).
   * @param rowNo its sheet row (or file line), for the skipped rows' reasons.
   */
  add(row: readonly Cell[], r: number, rowNo: number): void {
    this.dataRows++;
    const { ci, ai, di, oi, pi } = this;
    const c = row[ci];
    const a = row[ai];
    if (isBlank(c) && isBlank(a) && (di === undefined || isBlank(row[di])) && row.every(isBlank)) {
      this.emptyRows++;
      return;
    }
    if (this.sumRows.size && this.sumRows.has(r)) {
      this.skip(rowNo, 'amount', 'totalsFormula', a);
      return;
    }
    // client: the last valid row's, a known key, or a new client (created only if the row is valid)
    let idx = -1;
    let display = '';
    let key = '';
    if (c === this.lastClientCell && this.lastClient >= 0) {
      idx = this.lastClient;
    } else {
      if (isBlank(c)) {
        // a totals row often has its word in the first column and no client
        const label = row.find((v) => !isBlank(v));
        if (typeof label === 'string' && isTotalsLabel(label)) this.skip(rowNo, 'client', 'totals', label);
        else this.skip(rowNo, 'client', 'blank');
        return;
      }
      if (typeof c === 'boolean' || excelErrorText(c) !== null) {
        this.skip(rowNo, 'client', 'notClient', c);
        return;
      }
      display = clientDisplay(c);
      key = this.ownLowerCase ? display.toLocaleLowerCase(this.locale) : display.toLowerCase(); // clientKey(c, locale), without folding twice
      idx = this.keyToClient.find(key);
      // whether a text is a totals label depends on its key alone, and on its length (over 60
      // characters it is a name): a known key is a client's whose first spelling was not one, unless
      // that spelling was too long to be (longTotals)
      const longTotals = this.longTotals;
      const totals = typeof c === 'string' && (idx < 0 || this.ownLowerCase || (longTotals !== null && longTotals.has(idx))) && isTotalsLabel(c);
      if (totals) {
        this.skip(rowNo, 'client', 'totals', c);
        return;
      }
    }
    const fieldsOfHeader = this.layout.fieldsOfHeader;
    if (row.length > fieldsOfHeader && hasValueFrom(row, fieldsOfHeader)) {
      const delimiter = this.delimiter;
      const split = delimiter === ',' && /^\s*[-−(]?\d[\d \u00a0]*$/.test(String(row[ai] ?? '')) && /^\d+\s*\)?\s*$/.test(String(row[ai + 1] ?? ''));
      this.skip(rowNo, split ? 'amount' : 'client', split ? 'extraFieldsComma' : 'extraFields', row.join(delimiter), { fields: row.length, columns: fieldsOfHeader });
      return;
    }
    // amount
    const amt = parseNumber(a);
    if (amt === null) {
      this.skip(rowNo, 'amount', 'blank');
      return;
    }
    if (Number.isNaN(amt)) {
      this.skip(rowNo, 'amount', 'notNumber', a);
      return;
    }
    // date
    let d = NaN;
    if (di !== undefined) {
      const dc = row[di];
      const parsed = this.dateOf(dc);
      if (parsed === null) {
        this.skip(rowNo, 'date', 'blank');
        return;
      }
      if (Number.isNaN(parsed)) {
        // a slashed date that the other order reads: the order, not the date, is wrong
        const slashOrder = this.layout.slashOrder;
        const otherOrder = !Number.isNaN(parseDate(dc, slashOrder === 'dmy' ? 'mdy' : 'dmy') ?? NaN);
        if (otherOrder) this.skip(rowNo, 'date', this.orderSet ? 'dateOrderSet' : 'dateOrderData', dc, { order: slashOrder });
        else this.skip(rowNo, 'date', 'notDate', dc);
        return;
      }
      d = parsed;
    }
    // profit: blank counts as 0, a bad value skips the row
    let p = 0;
    if (pi !== undefined) {
      const pv = parseNumber(row[pi]);
      if (pv !== null && Number.isNaN(pv)) {
        this.skip(rowNo, 'profit', 'notNumber', row[pi]);
        return;
      }
      p = pv ?? 0;
    }
    if (idx < 0) {
      idx = this.keyToClient.addFound(key);
      this.clientNames.push(display);
      if (typeof c === 'string' && c.length > TOTALS_LABEL_LENGTH && isTotalsText(c)) (this.longTotals ??= new Set()).add(idx);
      for (const f of this.attrFields) this.attributes[f]!.push(null);
    }
    this.lastClientCell = c;
    this.lastClient = idx;
    if (this.attrFields.length) this.addAttributes(row, idx);
    let o = -1;
    if (oi !== undefined) {
      const ov = row[oi];
      if (ov === this.lastOrderCell && this.lastOrder >= 0) {
        o = this.lastOrder;
      } else if (!isBlank(ov)) {
        const okey = typeof ov === 'string' ? (ov.charCodeAt(0) <= 32 || ov.charCodeAt(ov.length - 1) <= 32 ? ov.trim() : ov) : String(ov);
        o = this.orderIds.id(okey);
      }
      this.lastOrderCell = ov;
      this.lastOrder = o;
    }
    if (this.valid === this.client.length) this.grow();
    const v = this.valid++;
    this.client[v] = idx;
    this.amount[v] = amt;
    this.profit[v] = p;
    this.day[v] = d;
    this.order[v] = o;
    this.sheetRow[v] = rowNo;
  }

  /** A date cell's day (null for a blank, NaN for a bad one); text dates repeat, so each is parsed once. */
  private dateOf(dc: Cell): number | null {
    if (typeof dc !== 'string') return parseDate(dc, this.layout.slashOrder);
    if (dc === this.lastDateText) return this.lastDate;
    let parsed = this.dateCache.get(dc);
    if (parsed === undefined) {
      parsed = parseDate(dc, this.layout.slashOrder);
      if (this.dateCache.size < 100_000) this.dateCache.set(dc, parsed);
    }
    this.lastDateText = dc;
    this.lastDate = parsed;
    return parsed;
  }

  /** Manager, region, industry, segment: each client's first non-blank value. */
  private addAttributes(row: readonly Cell[], idx: number): void {
    for (const f of this.attrFields) {
      const list = this.attributes[f]!;
      if (list[idx] === null) {
        const v = row[this.layout.mapping[f]!];
        if (!isBlank(v)) list[idx] = String(v).trim();
      }
    }
  }

  /** Twice the room in every column. */
  private grow(): void {
    const size = this.client.length * 2;
    const more = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.client = more(this.client, (k) => new Int32Array(k));
    this.amount = more(this.amount, (k) => new Float64Array(k));
    this.profit = more(this.profit, (k) => new Float64Array(k));
    this.day = more(this.day, (k) => new Float64Array(k));
    this.order = more(this.order, (k) => new Int32Array(k));
    this.sheetRow = more(this.sheetRow, (k) => new Int32Array(k));
  }

  /**
   * The rows read, as {@link readSales} returns them.
   * @throws KcError `#N/A` when every row was empty, `#VALUE!` when every row was bad (giving the first reasons).
   */
  finish(): SalesData {
    const { valid, skipped, skippedCount } = this;
    if (valid === 0) {
      if (skippedCount === 0) throw new KcError('#N/A', 'the range has no rows of data: every row is empty', 'allRowsEmpty');
      const examples = skipped.slice(0, 3).map((s) => s.reason).join('; ');
      throw new KcError('#VALUE!', `every row is bad (${skippedCount} skipped), for example ${examples}`, 'everyRowBad', { rows: skippedCount, examples });
    }
    const { mapping, hasHeader, headers, slashOrder } = this.layout;
    return {
      mapping,
      hasHeader,
      headers,
      dataRows: this.dataRows,
      emptyRows: this.emptyRows,
      client: this.client.subarray(0, valid),
      amount: this.amount.subarray(0, valid),
      profit: this.profit.subarray(0, valid),
      day: this.day.subarray(0, valid),
      order: this.order.subarray(0, valid),
      sheetRow: this.sheetRow.subarray(0, valid),
      clientNames: this.clientNames,
      clientKeys: this.keyToClient.values,
      attributes: this.attributes,
      slashOrder,
      skipped,
      skippedCount,
    };
  }
}

/** Whether any cell of `row` from index `from` on has a value. */
function hasValueFrom(row: readonly Cell[], from: number): boolean {
  for (let i = from; i < row.length; i++) if (!isBlank(row[i])) return true;
  return false;
}

/** The commonest row length among the non-empty rows (the larger on a tie). */
function commonLength(cells: readonly (readonly Cell[])[]): number {
  const freq = new Map<number, number>();
  for (const row of cells) if (row && !row.every(isBlank)) freq.set(row.length, (freq.get(row.length) ?? 0) + 1);
  let best = 0;
  let bestFreq = 0;
  for (const [len, f] of freq) {
    if (f > bestFreq || (f === bestFreq && len > best)) {
      best = len;
      bestFreq = f;
    }
  }
  return best;
}

/** Words of a totals row in English, Russian and Polish, lower case (METHODS.md section 0, docs/methods.md). */
const TOTALS_WORDS = [
  'итого', 'итог', 'итоги', 'всего', 'общий итог', 'итого по всем', 'всего по всем',
  'total', 'totals', 'grand total', 'sub-total', 'subtotal', 'sub total', 'sum total', 'overall total',
  'razem', 'suma', 'ogółem', 'ogolem', 'podsumowanie', 'łącznie', 'lacznie', 'suma całkowita', 'suma końcowa', 'suma koncowa', 'razem ogółem',
];
const TOTALS_EXACT = new Set(TOTALS_WORDS);
/** A totals word followed by a colon, or by "по / за / для / for / of / dla / za / w" and more ("Итого по клиенту"). */
const TOTALS_PREFIX = new RegExp(`^(?:${TOTALS_WORDS.map((w) => w.replace(/[-.]/g, '\\$&')).join('|')})(?:\\s*:|\\s+(?:по|за|для|for|of|dla|za|w)(?:\\s|$))`);

/**
 * Whether a client cell's text marks a totals row: a totals word (Итого, Всего, Общий итог, Total,
 * Grand total, Subtotal, Razem, Suma, Ogółem, Podsumowanie...) in any case, trimmed, with or without
 * a trailing colon or full stop, or such a word followed by a colon or "по / за / for / of / dla ..."
 * ("Итого по клиенту", "Total for 2024").
 * @param text the cell's text.
 * @returns true for a totals label.
 * @example isTotalsLabel(' ИТОГО: ') // true; isTotalsLabel('Итого по складу') // true; isTotalsLabel('Total Energies') // false
 */
export function isTotalsLabel(text: string): boolean {
  return text.length <= TOTALS_LABEL_LENGTH && isTotalsText(text);
}

/** A longer text is a name, never a totals label. */
const TOTALS_LABEL_LENGTH = 60;

/** The first letters of the totals words, lower case: any other first letter is not one (checked without a new string). */
const TOTALS_FIRST = new Set(TOTALS_WORDS.map((w) => w.charCodeAt(0)));

/** {@link isTotalsLabel} without its length rule. */
function isTotalsText(text: string): boolean {
  // the first letter that is not white space decides most names at once
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (i === text.length) return false;
  const first = text.charCodeAt(i);
  const lower = first < 128 ? (first >= 65 && first <= 90 ? first + 32 : first) : text[i].toLowerCase().charCodeAt(0);
  if (!TOTALS_FIRST.has(lower)) return false;
  const s = text.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е').replace(/[\s:.]+$/, '');
  return TOTALS_EXACT.has(s) || TOTALS_PREFIX.test(s);
}

export { fieldOfHeader };
