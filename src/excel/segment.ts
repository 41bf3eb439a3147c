import { dayOfDate, detectColumns, format, isBlank, resolveLayout, segmentClients, slashOrderOfLocale, type Cell, type ColumnMapping, type SegmentationResult, type SettingsInput, type SlashOrder, type Day } from '../core';
import { buildReport } from '../core/report/build';
import type { ReportModel } from '../core/report/model';
import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';
import type { SourceRange } from './selection';
import { DAYS_1900_TO_1904, DEFAULT_LABELS, writeReport, type WriteLabels, type WriteResult } from './writer';
import { saveOptions } from './store';

export type Stage = 'read' | 'segment' | 'write';

/** Which rows of a range with hidden or filtered rows to use: all of them, or only those shown. */
export type RowChoice = 'all' | 'visible';

export interface SegmentRunOptions {
  mapping?: ColumnMapping;
  hasHeader?: boolean;
  settings?: SettingsInput;
  localeDateOrder?: SlashOrder;
  /** Rows to use when the range has hidden or filtered rows (default 'all'). */
  rows?: RowChoice;
  /**
   * The workbook counts dates from 1904. Default: what Excel reported (`source.dateSystem`); the pane
   * asks the user when Excel could not say.
   */
  date1904?: boolean;
  signal?: AbortSignal;
  /** Overall progress 0..1 and the stage. */
  onProgress?: (fraction: number, stage: Stage) => void;
  labels?: WriteLabels;
  pivot?: boolean;
  /** Today's date as a day number; default: the machine's local date. */
  today?: Day;
}

export interface SegmentRunResult {
  result: SegmentationResult;
  model: ReportModel;
  written: WriteResult;
  /** The address that was read, e.g. "Sales!A1:I9995". */
  source: string;
  /** Rows of the range left out: hidden or filtered ones (when only the visible were used) and totals rows. */
  leftOut: { hidden: number; totals: number };
  /** Milliseconds spent in the engine (segmentation and report model). */
  engineMs: number;
  /** Milliseconds spent writing to the workbook. */
  writeMs: number;
}

/** Plain-word checks of a source range before the engine sees it. @throws PaneError */
export function checkSource(source: SourceRange, hasHeader?: boolean): void {
  const rows = source.values.filter((line) => !line.every(isBlank));
  if (rows.length === 0) throw new PaneError('emptySelection', 'the selection is empty: select the sales table (with its header row), or one cell inside it');
  const headerLike = hasHeader ?? Object.keys(detectColumns(source.values[0] ?? [])).length > 0;
  if (headerLike && rows.length === 1) {
    throw new PaneError('headerOnly', `the selection ${source.address} holds only the header row: select the header and the rows of sales under it`, { address: source.address });
  }
}

/**
 * The cells the engine gets: a copy of the range where table totals rows, and hidden rows when only the
 * visible ones are used, are blank (so every other row keeps its sheet row number, and a blank row is
 * skipped as empty), and where date serials of a 1904-system workbook are turned into the 1900 system
 * the engine counts in (1904-01-01 is 0 in one and 1462 in the other). Text dates are left as they are.
 * @param source the range as read; not mutated.
 * @returns the cells, and how many rows were left out.
 * @throws KcError as resolveLayout, when the date column has to be found and the range has no client or amount column.
 * @example prepareCells({ ...source, values: [['Client', 'Amount', 'Date'], ['Acme', 5, 0]] }, { date1904: true }).cells[1][2] // 1462
 */
export function prepareCells(source: SourceRange, options: Pick<SegmentRunOptions, 'rows' | 'date1904' | 'mapping' | 'hasHeader'> = {}): { cells: Cell[][]; leftOut: { hidden: number; totals: number } } {
  const blank = new Set<number>(source.totalsRows.map((r) => r - source.firstRow));
  const hidden = options.rows === 'visible' ? source.hiddenRows.map((r) => r - source.firstRow).filter((i) => !blank.has(i)) : [];
  hidden.forEach((i) => blank.add(i));
  const empty = (n: number) => new Array<Cell>(n).fill('');
  let cells: Cell[][] = source.values.map((line, i) => (blank.has(i) ? empty(line.length) : line));
  if (options.date1904) {
    const layout = resolveLayout(cells, { mapping: options.mapping, hasHeader: options.hasHeader, firstColumn: source.firstColumn });
    if (layout.mapping.date !== undefined) cells = serialsTo1900(cells, [layout.mapping.date], layout.hasHeader);
  }
  return { cells, leftOut: { hidden: hidden.length, totals: source.totalsRows.length } };
}

/**
 * Date serials of a 1904-system workbook in the 1900 system the core counts in: numbers in `columns`
 * get {@link DAYS_1900_TO_1904} added; text and the header row are left as they are.
 * @example serialsTo1900([['Date'], [0]], [0], true) // [['Date'], [1462]]
 */
export function serialsTo1900(cells: readonly (readonly Cell[])[], columns: ReadonlyArray<number | undefined>, hasHeader: boolean): Cell[][] {
  const cols = new Set(columns.filter((c): c is number => c !== undefined));
  return cells.map((line, i) => ((i === 0 && hasHeader) || !line.some((c, k) => cols.has(k) && typeof c === 'number') ? (line as Cell[]) : line.map((c, k) => (cols.has(k) && typeof c === 'number' ? c + DAYS_1900_TO_1904 : c))));
}

/**
 * Segments a source range already read and writes the report: the engine, the report model, then
 * the writer; stores the mapping and settings in the workbook. The source range is not touched. Day and
 * month order of slashed text dates: the settings, else the regional format Excel reported, else
 * Office's display language.
 * @throws PaneError for plain-word problems, KcError from the engine (its message is plain).
 */
export async function segmentAndWrite(host: ExcelHost, source: SourceRange, options: SegmentRunOptions = {}): Promise<SegmentRunResult> {
  const progress = options.onProgress;
  checkSource(source, options.hasHeader);
  checkAborted(options.signal);
  const date1904 = options.date1904 ?? source.dateSystem === 1904;
  const t0 = performance.now();
  const { cells, leftOut } = prepareCells(source, { rows: options.rows, date1904, mapping: options.mapping, hasHeader: options.hasHeader });
  const result: SegmentationResult = segmentClients(cells, {
    mapping: options.mapping,
    hasHeader: options.hasHeader,
    firstRow: source.firstRow,
    firstColumn: source.firstColumn,
    settings: options.settings,
    localeDateOrder: options.localeDateOrder ?? source.dateOrder ?? slashOrderOfLocale(host.displayLanguage()),
    // for the warning on sales dated after today (docs/methods.md "Analysis date")
    today: options.today ?? dayOfDate(new Date()),
    onProgress: (f) => progress?.(f * 0.5, 'segment'),
  });
  const model = buildReport(result, { source: source.address });
  const engineMs = performance.now() - t0;
  checkAborted(options.signal);
  const t1 = performance.now();
  const labels = options.labels ?? DEFAULT_LABELS;
  const written = await writeReport(host, model, {
    signal: options.signal,
    onProgress: (f) => progress?.(0.5 + f * 0.5, 'write'),
    labels,
    pivot: options.pivot,
    date1904,
  });
  const writeMs = performance.now() - t1;
  const headers = result.headers;
  const mappingByHeader: Record<string, string> = {};
  if (result.hasHeader) for (const [f, i] of Object.entries(result.mapping)) if (i !== undefined) mappingByHeader[f] = headers[i];
  try {
    await saveOptions(host, {
      mapping: result.mapping,
      mappingByHeader,
      hasHeader: result.hasHeader,
      settings: options.settings ?? {},
      source: source.address,
    });
  } catch (e) {
    // the report is written; what could not be kept is said, once
    const note = format(labels.settingsNotSaved, { message: (e as Error).message });
    if (!written.notes.includes(note)) written.notes.push(note);
  }
  return { result, model, written, source: source.address, leftOut, engineMs, writeMs };
}
