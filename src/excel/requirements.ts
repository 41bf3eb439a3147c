import type { ExcelHost } from './host';

/**
 * The requirement sets the add-in needs, and the ExcelApi version of each Office.js feature it uses
 * above that floor (the `[API set: ExcelApi x.y]` of each member in the Office.js reference).
 *
 * The real minimum is set by the shared runtime, not by the Excel API: manifest.xml requires
 * SharedRuntime 1.1 (the task pane and the =KC.* functions share one page), and "Shared runtime
 * requirement sets" lists it for Excel on the web, Excel on Windows from Version 2002 (Build
 * 12527.20092; Excel 2021 volume licence from Version 2108), and Excel on Mac from 16.35, and not for
 * the iPad, Excel 2016 or Excel 2019. Per "Excel JavaScript API requirement sets" those builds
 * support ExcelApi 1.10 at least (Windows 2002 Build 12527.20092 predates 1.11's Build 12527.20470),
 * so 1.10 is the floor manifest.xml declares, and every API of 1.10 or below is used without a check:
 * PivotTableCollection.add (1.8), Range.getTables, Range.getSpecialCells, Workbook.getSelectedRanges,
 * Application.suspendScreenUpdatingUntilNextSync and ChartType.pareto (1.9), Range.getSurroundingRegion,
 * Worksheet.getRangeByIndexes and freezePanes (1.7), and older ones.
 *
 * Above the floor, each feature is used only where `isSetSupported` says so.
 */
export const EXCEL_API = {
  /** The minimum: what every host with SharedRuntime 1.1 supports (manifest.xml). */
  floor: '1.10',
  /** Application.cultureInfo.name: the regional format's culture. Without it: Office's display language. */
  cultureName: '1.11',
  /** CultureInfo.datetimeFormat.shortDatePattern. Without it: the culture's name. */
  datePattern: '1.12',
  /** Range.getSpillingToRangeOrNullObject: converting spilled =KC.* results. Without it: no conversion. */
  spill: '1.12',
} as const;

/** The shared runtime the manifest requires (SharedRuntime 1.1: Office.addin.onVisibilityModeChanged). */
export const SHARED_RUNTIME = '1.1';

/** Whether the host supports ExcelApi `version`. */
export function supportsExcelApi(host: ExcelHost, version: string): boolean {
  return host.isSetSupported('ExcelApi', version);
}

/**
 * Excel on the web's limit on a request and on a response: "5 MB" ("Resource limits and performance
 * optimization for Office Add-ins"), taken as 5,000,000 bytes.
 */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/**
 * The most cells a request writes (values and number formats together). Excel on the web has failed
 * writes far below the byte limit (a 2,000 x 10 block in office-js-docs-reference#354), and "Read or
 * write to large ranges" says to start with blocks of 5k-20k rows and retry smaller on a limit error.
 */
export const MAX_WRITE_CELLS = 20_000;

/** Largest request the writer builds, in transport bytes: a fifth under the limit. */
export const MAX_REQUEST_BYTES = 4_000_000;

/** Largest response the reader asks for, in transport bytes. */
export const MAX_RESPONSE_BYTES = 3_500_000;

/**
 * Cells one read may span: Excel caps a read at 5,000,000 cells and may then return null instead of
 * an error ("Payload size limit best practices"); the reader stays far below.
 */
export const MAX_READ_CELLS = 1_000_000;

/** Rows one read may span: "Read or write to large ranges" says to start with 5k-20k rows. */
export const MAX_READ_ROWS = 20_000;

/** UTF-8 bytes of a string (Cyrillic letters take two). */
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

/**
 * Bytes a value takes in a request or response as Excel on the web's transport carries it, the
 * pessimistic estimate the budgets use: the JSON is encoded again inside a JSON string (issue 12: about
 * +16 % on plain text), so a quote or backslash takes 2 bytes, and non-ASCII is escaped, so each UTF-16
 * unit of a Cyrillic name takes 7 (`\\uXXXX`) instead of its 2 UTF-8 bytes.
 */
export function payloadBytes(v: unknown): number {
  if (v === undefined) return 0;
  const json = JSON.stringify(v);
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    n += c >= 0x80 ? 7 : c === 34 || c === 92 ? 2 : 1;
  }
  return n;
}

/** Whether an error is one of Excel's payload or size rejections, after which a smaller request may pass. */
export function isSizeRejection(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded' || code === 'GeneralException' || code === 'RangeExceedsLimit';
}
