import { KcError } from '../errors';
import type { Cell, ColumnMapping, Field, SkippedRow } from '../types';
import { format, texts } from '../i18n';
import { columnLetter, detectColumns, fieldOfHeader } from './headers';
import { excelErrorText, isBlank, parseNumber } from './numbers';
import { detectSlashOrder, parseDate, type SlashOrder } from './dates';
import { clientDisplay } from './clients';

/** How to read a sales range. */
export interface ReadOptions {
  /** Column of each field; detected from the header row when omitted. */
  mapping?: ColumnMapping;
  /** Whether the first row is a header; detected when omitted. */
  hasHeader?: boolean;
  /** Sheet row number of the range's first row (for messages), default 1. */
  firstRow?: number;
  /** Column number (0-based) of the range's first column on the sheet, for letters in messages. */
  firstColumn?: number;
  /** Order of dd/mm vs mm/dd when the data does not decide (the workbook's locale), default dmy. */
  slashOrder?: SlashOrder;
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

/**
 * Decides the mapping and whether the first row is a header.
 * @param cells the range as Excel hands it; not mutated.
 * @param options the mapping given by hand, whether there is a header, and the first column's position.
 * @returns the mapping (detected, overridden by `options.mapping`), whether row 1 is a header, and
 *   the column names (the header texts, or column letters without a header).
 * @throws KcError `#N/A` for an empty range, a mapped column outside the range, or when no client or
 *   no amount column can be found.
 * @example resolveLayout([['Customer Name', 'Sales'], ['Acme', 100]]) // { mapping: { client: 0, amount: 1 }, hasHeader: true, headers: ['Customer Name', 'Sales'] }
 */
export function resolveLayout(cells: readonly (readonly Cell[])[], options: ReadOptions = {}): { mapping: ColumnMapping; hasHeader: boolean; headers: string[] } {
  if (!cells.length || !cells[0] || !cells[0].length || cells.every((row) => !row || row.every(isBlank))) {
    throw new KcError('#N/A', 'the range is empty: select a sales table with a header row', 'emptyRange');
  }
  const first = cells[0];
  const detected = detectColumns(first);
  const recognised = Object.keys(detected).length > 0;
  const hasHeader = options.hasHeader ?? (recognised || (options.mapping !== undefined && first.every((c) => isBlank(c) || (typeof c === 'string' && Number.isNaN(parseNumber(c))))));
  const mapping: ColumnMapping = { ...(hasHeader ? detected : {}), ...(options.mapping ?? {}) };
  const headers = first.map((c, i) => (hasHeader && !isBlank(c) ? String(c).trim() : columnLetter((options.firstColumn ?? 0) + i)));
  const width = first.length;
  for (const [f, i] of Object.entries(mapping) as Array<[Field, number]>) {
    if (!(Number.isInteger(i) && i >= 0 && i < width)) throw new KcError('#N/A', `the ${f} column (${i + 1}) is outside the range of ${width} columns`);
  }
  const seen = first.filter((h) => !isBlank(h)).slice(0, 8).map((h) => String(h).trim()).join(', ');
  const where = hasHeader ? ` (headers seen: ${seen})` : ` (first row: ${seen})`;
  if (mapping.client === undefined) {
    throw new KcError('#N/A', `no client column: no header reads like Client / Клиент / Klient${where}; map it by hand`, 'noClientColumn', { firstRow: seen });
  }
  if (mapping.amount === undefined) {
    throw new KcError('#N/A', `no amount column: no header reads like Amount / Sales / Сумма / Kwota${where}; map it by hand`, 'noAmountColumn', { firstRow: seen });
  }
  return { mapping, hasHeader, headers };
}

/**
 * Reads and cleans a sales range (METHODS.md section 0): header detection or the given mapping,
 * client keys folded (trimmed, inner spaces folded, lower case), numbers and dates parsed, empty rows
 * skipped silently, rows with a bad required value skipped and reported.
 * @throws KcError `#N/A` for an empty range, missing columns, a header-only range; `#VALUE!` when every
 *   row is bad (the message gives the first reasons).
 * @param cells the range as Excel hands it; not mutated.
 * @param options the mapping, header, position on the sheet, date order, locale and progress.
 * @returns the valid rows in typed columns, the clients, and every skipped row with its reason.
 * @example readSales([['Client', 'Amount'], ['Acme', '1 234,56'], ['', 5]]).skippedCount // 1 (row 3: client is blank)
 */
export function readSales(cells: readonly (readonly Cell[])[], options: ReadOptions = {}): SalesData {
  const { mapping, hasHeader, headers } = resolveLayout(cells, options);
  const firstRow = options.firstRow ?? 1;
  const start = hasHeader ? 1 : 0;
  const n = cells.length - start;
  if (n <= 0) throw new KcError('#N/A', 'the range has a header but no rows of data', 'headerOnly');
  const locale = options.locale ?? 'en';
  const ci = mapping.client!;
  const ai = mapping.amount!;
  const di = mapping.date;
  const oi = mapping.order;
  const pi = mapping.profit;

  let slashOrder = options.slashOrder ?? 'dmy';
  if (di !== undefined) {
    const texts: string[] = [];
    for (let r = start; r < cells.length; r++) {
      const v = cells[r]?.[di];
      if (typeof v === 'string' && v.indexOf('/') > 0) texts.push(v);
    }
    slashOrder = detectSlashOrder(texts, slashOrder);
  }

  const client = new Int32Array(n);
  const amount = new Float64Array(n);
  const profit = new Float64Array(n);
  const day = new Float64Array(n);
  const order = new Int32Array(n);
  const sheetRow = new Int32Array(n);
  const rawToClient = new Map<string | number, number>();
  const keyToClient = new Map<string, number>();
  const orderIds = new Map<string, number>();
  const clientNames: string[] = [];
  const clientKeys: string[] = [];
  const attrFields = (['manager', 'region', 'industry', 'segment'] as const).filter((f) => mapping[f] !== undefined);
  const attributes: SalesData['attributes'] = {};
  for (const f of attrFields) attributes[f] = [];
  const skipped: SkippedRow[] = [];
  let skippedCount = 0;
  let emptyRows = 0;
  let valid = 0;
  const skip = (row: number, field: SkippedRow['field'], problem: SkippedRow['problem'], cell?: Cell) => {
    skippedCount++;
    const value = problem === 'blank' ? '' : show(cell);
    skipped.push({ row, reason: format(texts('en').skip[problem], { row, field, value }), problem, field, value });
  };
  const step = 65_536;

  for (let r = start; r < cells.length; r++) {
    if (options.onProgress && (r & (step - 1)) === 0) options.onProgress(r / cells.length);
    const row = cells[r] ?? [];
    const rowNo = firstRow + r;
    const c = row[ci];
    const a = row[ai];
    if (isBlank(c) && isBlank(a) && (di === undefined || isBlank(row[di])) && row.every(isBlank)) {
      emptyRows++;
      continue;
    }
    // client
    let idx = typeof c === 'string' || typeof c === 'number' ? rawToClient.get(c) : undefined;
    let display = '';
    let key = '';
    if (idx === undefined) {
      if (isBlank(c)) {
        skip(rowNo, 'client', 'blank');
        continue;
      }
      if (typeof c === 'boolean' || excelErrorText(c) !== null) {
        skip(rowNo, 'client', 'notClient', c);
        continue;
      }
      display = clientDisplay(c);
      key = display.toLocaleLowerCase(locale); // clientKey(c, locale), without folding twice
      idx = keyToClient.get(key);
      if (idx === undefined) idx = -1; // new client, created only if the row is valid
    }
    // amount
    const amt = parseNumber(a);
    if (amt === null) {
      skip(rowNo, 'amount', 'blank');
      continue;
    }
    if (Number.isNaN(amt)) {
      skip(rowNo, 'amount', 'notNumber', a);
      continue;
    }
    // date
    let d = NaN;
    if (di !== undefined) {
      const dc = row[di];
      const parsed = parseDate(dc, slashOrder);
      if (parsed === null) {
        skip(rowNo, 'date', 'blank');
        continue;
      }
      if (Number.isNaN(parsed)) {
        skip(rowNo, 'date', 'notDate', dc);
        continue;
      }
      d = parsed;
    }
    // profit: blank counts as 0, a bad value skips the row
    let p = 0;
    if (pi !== undefined) {
      const pv = parseNumber(row[pi]);
      if (pv !== null && Number.isNaN(pv)) {
        skip(rowNo, 'profit', 'notNumber', row[pi]);
        continue;
      }
      p = pv ?? 0;
    }
    if (idx === -1) {
      idx = clientNames.length;
      clientNames.push(display);
      clientKeys.push(key);
      keyToClient.set(key, idx);
      for (const f of attrFields) attributes[f]!.push(null);
    }
    if (typeof c === 'string' || typeof c === 'number') rawToClient.set(c, idx);
    for (const f of attrFields) {
      const list = attributes[f]!;
      if (list[idx] === null) {
        const v = row[mapping[f]!];
        if (!isBlank(v)) list[idx] = String(v).trim();
      }
    }
    let o = -1;
    if (oi !== undefined) {
      const ov = row[oi];
      if (!isBlank(ov)) {
        const okey = typeof ov === 'string' ? (ov.charCodeAt(0) <= 32 || ov.charCodeAt(ov.length - 1) <= 32 ? ov.trim() : ov) : String(ov);
        let id = orderIds.get(okey);
        if (id === undefined) {
          id = orderIds.size;
          orderIds.set(okey, id);
        }
        o = id;
      }
    }
    client[valid] = idx;
    amount[valid] = amt;
    profit[valid] = p;
    day[valid] = d;
    order[valid] = o;
    sheetRow[valid] = rowNo;
    valid++;
  }
  options.onProgress?.(1);
  if (valid === 0) {
    if (skippedCount === 0) throw new KcError('#N/A', 'the range has no rows of data: every row is empty', 'allRowsEmpty');
    const examples = skipped.slice(0, 3).map((s) => s.reason).join('; ');
    throw new KcError('#VALUE!', `every row is bad (${skippedCount} skipped), for example ${examples}`, 'everyRowBad', { rows: skippedCount, examples });
  }
  return {
    mapping,
    hasHeader,
    headers,
    dataRows: n,
    emptyRows,
    client: client.subarray(0, valid),
    amount: amount.subarray(0, valid),
    profit: profit.subarray(0, valid),
    day: day.subarray(0, valid),
    order: order.subarray(0, valid),
    sheetRow: sheetRow.subarray(0, valid),
    clientNames,
    clientKeys,
    attributes,
    slashOrder,
    skipped,
    skippedCount,
  };
}

export { fieldOfHeader };
