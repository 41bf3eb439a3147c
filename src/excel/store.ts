import { normaliseHeader, type ColumnMapping, type Field, type SettingsInput } from '../core';
import type { ExcelHost } from './host';

/** Document setting that holds the chosen mapping and settings. */
export const OPTIONS_KEY = 'KeyClients.options';

/** What the pane stores in the workbook so a colleague who opens it gets the same result. */
export interface StoredOptions {
  version: 1;
  /** Header of each mapped column (robust to columns being moved). */
  mappingByHeader: Partial<Record<Field, string>>;
  /** Column index of each mapped field within the range (used when headers are absent). */
  mapping: ColumnMapping;
  hasHeader: boolean;
  settings: SettingsInput;
  /** The address of the source range last used, e.g. "Sales!A1:I9995". */
  source: string | null;
}

/** Stores the options in the document settings and saves them with the workbook. */
export async function saveOptions(host: ExcelHost, options: Omit<StoredOptions, 'version'>): Promise<void> {
  host.settings.set(OPTIONS_KEY, { version: 1, ...options } satisfies StoredOptions);
  await host.settings.save();
}

/** The stored options, or null when the workbook has none (or they are unreadable). */
export function loadOptions(host: ExcelHost): StoredOptions | null {
  const raw = host.settings.get(OPTIONS_KEY);
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Partial<StoredOptions>;
  if (o.version !== 1 || typeof o.settings !== 'object' || o.settings === null) return null;
  return {
    version: 1,
    mappingByHeader: o.mappingByHeader ?? {},
    mapping: o.mapping ?? {},
    hasHeader: o.hasHeader ?? true,
    settings: o.settings,
    source: o.source ?? null,
  };
}

/**
 * The stored mapping applied to a header row: a field whose stored header is found takes that
 * column; otherwise the stored index when it is inside the range.
 */
export function mappingForHeaders(stored: StoredOptions, headers: readonly unknown[]): ColumnMapping {
  const out: ColumnMapping = {};
  const fields = new Set([...Object.keys(stored.mappingByHeader), ...Object.keys(stored.mapping)]) as Set<Field>;
  for (const f of fields) {
    const h = stored.mappingByHeader[f];
    const i = h !== undefined ? headers.findIndex((x) => normaliseHeader(x as string) === normaliseHeader(h)) : -1;
    if (i >= 0) out[f] = i;
    else if (stored.mapping[f] !== undefined && stored.mapping[f]! < headers.length) out[f] = stored.mapping[f];
  }
  return out;
}
