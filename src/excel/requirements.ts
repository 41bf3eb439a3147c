import type { ExcelHost } from './host';

/**
 * The ExcelApi requirement set of each Office.js feature the add-in uses, as the Office.js reference
 * gives them (Excel JavaScript API requirement sets; the `[Api set: ExcelApi x.y]` of each member).
 *
 * - 1.7 is the floor (manifest.xml declares it): Worksheet.getRangeByIndexes, Range.getSurroundingRegion,
 *   Workbook.protection, Worksheet.freezePanes. Below it the pane does not load at all.
 * - Within the floor: Worksheet.names.add / getItemOrNullObject, WorksheetCollection.getItemOrNullObject,
 *   Worksheet.getUsedRangeOrNullObject (1.4), Range.conditionalFormats and
 *   Application.suspendApiCalculationUntilNextSync (1.6).
 * - Above it, each used only where `isSetSupported` says so, with a fallback or a note.
 */
export const EXCEL_API = {
  /** The minimum the add-in needs (manifest.xml). */
  floor: '1.7',
  /** PivotTableCollection.add and the pivot hierarchies. Without it: no Pivot sheet. */
  pivot: '1.8',
  /** Range.getTables (the table around one selected cell). Without it: every table's range is compared. */
  tablesAtRange: '1.9',
  /** Application.suspendScreenUpdatingUntilNextSync. Without it: the screen updates while writing. */
  screenUpdating: '1.9',
  /** Excel.ChartType.pareto. Without it: no chart, and a note says why. */
  pareto: '1.9',
} as const;

/** Whether the host supports ExcelApi `version`. */
export function supportsExcelApi(host: ExcelHost, version: string): boolean {
  return host.isSetSupported('ExcelApi', version);
}

/** UTF-8 bytes of a string: the size it takes in a request or response (Cyrillic letters take two). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of the JSON of a value. */
export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v));
}
