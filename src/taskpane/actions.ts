import { errorText as engineErrorText, isKcError, slashOrderOfLocale, type SlashOrder } from '../core';
import {
  LEADS_MARKER_KEY, convertKcFormulas, countKcFormulas, isPaneError, leadsModel, loadOptions, readSelection, segmentAndWrite, writeReport,
  type ConvertScope, type ConvertSummary, type ExcelHost, type SegmentRunOptions, type SegmentRunResult, type SourceRange, type StoredOptions, type WriteResult,
} from '../excel';
import type { RankedLead } from '../excel';
import { fill, type Strings } from './strings';

/** What the components may do to the workbook: given to them as props. */
export interface PaneActions {
  readSelection(signal?: AbortSignal): Promise<SourceRange>;
  segment(source: SourceRange, options: SegmentRunOptions): Promise<SegmentRunResult>;
  loadStored(): StoredOptions | null;
  /** The order of day and month of Office's display language, where the workbook's regional format is not known. */
  localeDateOrder(): SlashOrder;
  /** Writes the ranking as the sheet of {@link leadsModel}, its texts in `language`. */
  writeLeads(ranked: readonly RankedLead[], language: 'en' | 'ru' | 'pl', date1904?: boolean): Promise<WriteResult>;
  /** Counts the =KC.* formulas in the scope (nothing is changed). */
  countFormulas(scope: ConvertScope): Promise<ConvertSummary>;
  /** Replaces the =KC.* formulas in the scope by their current values. */
  convertFormulas(scope: ConvertScope): Promise<ConvertSummary>;
}

export function createActions(host: ExcelHost): PaneActions {
  return {
    readSelection: (signal) => readSelection(host, { signal }),
    segment: (source, options) => segmentAndWrite(host, source, options),
    loadStored: () => loadOptions(host),
    localeDateOrder: () => slashOrderOfLocale(host.displayLanguage()),
    writeLeads: (ranked, language, date1904) => writeReport(host, leadsModel(ranked, language), { pivot: false, markerKey: LEADS_MARKER_KEY, date1904 }),
    countFormulas: (scope) => countKcFormulas(host, scope),
    convertFormulas: (scope) => convertKcFormulas(host, scope),
  };
}

/** Any error in plain words of the pane's language. */
export function errorText(e: unknown, s: Strings): string {
  if (isPaneError(e)) return fill(s.errors[e.code], { ...e.params, message: e.message });
  if (isKcError(e)) {
    const text = engineErrorText(e, s.lang);
    return fill(s.errors.engine, { message: text.charAt(0).toUpperCase() + text.slice(1) });
  }
  const message = e instanceof Error ? e.message : String(e);
  return fill(s.errors.excel, { message });
}
