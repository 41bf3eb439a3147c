/**
 * The report model: a plain description of the workbook to write. The Excel writer (src/excel) and
 * the file writer (src/cli) both produce their workbook from this one model, so they cannot drift.
 *
 * Values are plain: strings, numbers, booleans or null (an empty cell). Dates are Excel serial
 * numbers (1900 system) in columns whose `type` is 'date', so both writers write a number with the
 * column's number format. Writers must write every string as text (never as a formula): a value
 * like "=SUM(A1)" from the data is shown as typed.
 */

/** What a column holds; it decides the number format (NUMBER_FORMATS of build.ts). */
export type ColumnType = 'text' | 'general' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'boolean';

/** One cell of the model: null is an empty cell. */
export type ReportValue = string | number | boolean | null;

/** A column of a table block: key, header, type, format and width. */
export interface ReportColumn {
  /** Stable key (the JSON key where there is one), e.g. "revenue". */
  key: string;
  /** Header shown in the report language. */
  header: string;
  type: ColumnType;
  /** Excel number format, e.g. "#,##0.00", "0.0%", "yyyy-mm-dd", "@" for text. */
  numFmt: string;
  /** Suggested column width in characters. */
  width: number;
  /** When set, a cell whose displayed value is a key here gets that fill colour (hex RGB, no '#'). */
  fills?: Readonly<Record<string, string>>;
}

/** A block of a sheet: a titled table of rows, written as an Excel table when `tableName` is set. */
export interface ReportTable {
  kind: 'table';
  /** Stable id of the block, e.g. "abcSummary". */
  id: string;
  /** Title written in the row above the table (bold), in the report language. */
  title: string;
  /** Excel table name (unique in the workbook, letters/digits/underscore), e.g. "KC_Clients". */
  tableName: string;
  columns: ReportColumn[];
  /**
   * The rows. Client tables compute them the first time they are read (build.ts): a writer that
   * streams takes them one at a time with `tableRows(table)` instead, holding no million-row array.
   */
  rows: ReportValue[][];
  /** Optional note written under the table (e.g. a rule or a caveat). */
  note?: string;
}

/** A block of plain lines (warnings, the Pareto check in words, skipped rows). */
export interface ReportNotes {
  kind: 'notes';
  id: string;
  title: string;
  lines: string[];
}

/** A block of a sheet: a table or lines of notes. */
export type ReportBlock = ReportTable | ReportNotes;

/** What a sheet is for; writers freeze and tag sheets by it. */
export type SheetRole = 'clients' | 'summary' | 'segment' | 'skipped' | 'about';

/** One sheet of the report: its name, role and blocks. */
export interface ReportSheet {
  /** Stable id: "clients", "summary", "skipped", "about", or "segment:<value>" e.g. "segment:A". */
  id: string;
  /** Sheet name in the report language: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  role: SheetRole;
  /** Blocks written top to bottom from A1 with one empty row between them. */
  blocks: ReportBlock[];
  /** Rows and columns to freeze at the top left (the first table's title and header, its first column). */
  freeze?: { rows: number; columns: number };
}

/** The whole report workbook, as both writers take it. */
export interface ReportModel {
  /** Analysis date used, ISO yyyy-mm-dd, or null when the data has no dates. */
  asOf: string | null;
  language: 'en' | 'ru' | 'pl';
  sheets: ReportSheet[];
  /** Warnings as shown in the summary, in the report language. */
  warnings: string[];
  /** Number of skipped rows and the first of them (sheet row numbers and reasons). */
  skippedCount: number;
}

