import { dayOfDate, detectColumns, isBlank, segmentClients, slashOrderOfLocale, type ColumnMapping, type SegmentationResult, type SettingsInput, type SlashOrder, type Day } from '../core';
import { buildReport } from '../core/report/build';
import type { ReportModel } from '../core/report/model';
import type { ExcelHost } from './host';
import { PaneError, checkAborted } from './errors';
import type { SourceRange } from './selection';
import { writeReport, type WriteLabels, type WriteResult } from './writer';
import { saveOptions } from './store';

export type Stage = 'read' | 'segment' | 'write';

export interface SegmentRunOptions {
  mapping?: ColumnMapping;
  hasHeader?: boolean;
  settings?: SettingsInput;
  localeDateOrder?: SlashOrder;
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
 * Segments a source range already read and writes the report: the engine, the report model, then
 * the writer; stores the mapping and settings in the workbook. The source range is not touched.
 * @throws PaneError for plain-word problems, KcError from the engine (its message is plain).
 */
export async function segmentAndWrite(host: ExcelHost, source: SourceRange, options: SegmentRunOptions = {}): Promise<SegmentRunResult> {
  const progress = options.onProgress;
  checkSource(source, options.hasHeader);
  checkAborted(options.signal);
  const t0 = performance.now();
  const result: SegmentationResult = segmentClients(source.values, {
    mapping: options.mapping,
    hasHeader: options.hasHeader,
    firstRow: source.firstRow,
    firstColumn: source.firstColumn,
    settings: options.settings,
    localeDateOrder: options.localeDateOrder ?? slashOrderOfLocale(host.displayLanguage()),
    // for the warning on sales dated after today (docs/methods.md "Analysis date")
    today: options.today ?? dayOfDate(new Date()),
    onProgress: (f) => progress?.(f * 0.5, 'segment'),
  });
  const model = buildReport(result, { source: source.address });
  const engineMs = performance.now() - t0;
  checkAborted(options.signal);
  const t1 = performance.now();
  const written = await writeReport(host, model, {
    signal: options.signal,
    onProgress: (f) => progress?.(0.5 + f * 0.5, 'write'),
    labels: options.labels,
    pivot: options.pivot,
  });
  const writeMs = performance.now() - t1;
  const headers = result.headers;
  const mappingByHeader: Record<string, string> = {};
  if (result.hasHeader) for (const [f, i] of Object.entries(result.mapping)) if (i !== undefined) mappingByHeader[f] = headers[i];
  await saveOptions(host, {
    mapping: result.mapping,
    mappingByHeader,
    hasHeader: result.hasHeader,
    settings: options.settings ?? {},
    source: source.address,
  });
  return { result, model, written, engineMs, writeMs };
}
