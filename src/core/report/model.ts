/**
 * The report model: a plain description of the workbook to write. The Excel writer (src/excel) and
 * the file writer (src/cli) both produce their workbook from this one model, so they cannot drift.
 *
 * Values are plain: strings, numbers, booleans or null (an empty cell). Dates are Excel serial
 * numbers (1900 system) in columns whose `type` is 'date' (or cells listed in a table's `cellTypes`
 * as 'date'), so both writers write a number with the number format. Writers must write every string
 * as text (never as a formula): a value like "=SUM(A1)" from the data is shown as typed.
 *
 * Layout, the same in both writers: the blocks of a sheet start at A1, each is its title row, then
 * (a table) its header row, its rows (at least one: an empty table has one empty row) and its note
 * row when it has a note, or (notes) its lines; exactly one empty row separates two blocks.
 *
 * Heat maps and charts (issue 10): a table may carry colour scales (`ReportTable.colorScales`) and a
 * sheet charts beside its tables (`ReportSheet.charts`, the revenue bridge's waterfall). Every writer
 * must write them, or for a chart at least its `fallback` text: ReportColorScale and ReportChart say
 * exactly how, for the Office.js writer, a writer that cannot draw charts and a writer of SpreadsheetML
 * (the streaming command-line writer). A cell type may carry a number format with a literal, such as the
 * partial cohort cells' `0.0%"*"`: a writer of SpreadsheetML registers it as a custom `numFmt`.
 *
 * Live formulas (issue 8, docs/methods.md "Live formulas"): a column may be an Excel calculated column
 * (`ReportColumn.formula`), a table may hold single formula cells (`ReportTable.cellFormulas`), and the
 * model may name cells (`ReportModel.names`, workbook-scoped defined names). A formula's text is a
 * {@link FormulaText}, which only src/core/report/formulas.ts makes, never from data: a string in a
 * row is always text. The rows keep the value each formula cell has in the run (the engine's value):
 * a writer writes it as the cell's cached value, so the file shows numbers before any recalculation.
 */

declare const FORMULA_TEXT: unique symbol;

/**
 * The text of an Excel formula as SpreadsheetML stores it (ECMA-376 Part 1, §18.3.1.40 `<f>`): without
 * the leading "=", English function names, commas between arguments, structured references in their
 * stored form (`KC_Clients[[#This Row],[Revenue]]`, which Excel shows as `[@Revenue]`), functions of
 * Excel 2010 and before only. A branded string: made by src/core/report/formulas.ts alone.
 */
export type FormulaText = string & { readonly [FORMULA_TEXT]: true };

/** A formula in a single cell of a table's body (the Summary's totals that the live formulas read). */
export interface ReportCellFormula {
  /** Index of the row in `rows` (whose value there is the formula's value in the run). */
  row: number;
  /** Index of the column in `columns`. */
  column: number;
  formula: FormulaText;
}

/**
 * A workbook-scoped defined name of one cell of a table's body, e.g. KC_LimitA for the Summary's cell
 * of ABC limit A; writers refer to it by the sheet's name as written and the cell's absolute address
 * (`'Summary'!$B$7`).
 */
export interface ReportName {
  name: string;
  /** Id of the sheet of the table. */
  sheet: string;
  /** `tableName` of the table. */
  table: string;
  /** Index of the row in the table's `rows`. */
  row: number;
  /** Index of the column in the table's `columns`. */
  column: number;
}

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
  /**
   * 'right' for a column of numbers: writers right-align its header cell, so that the header stands
   * over its numbers (Excel right-aligns numbers and left-aligns text). Absent: left.
   */
  headerAlign?: 'right';
  /**
   * Every body cell of the column is this formula (an Excel calculated column over the row's own
   * cells); the rows hold each cell's value in the run, written as its cached value (a null as an
   * empty text, what the formula gives there). Writers: SpreadsheetML `<c><f>formula</f><v>value</v></c>`
   * and the table column's `<calculatedColumnFormula>`; Office.js `Range.formulas` ("=" + formula)
   * once the tables exist.
   */
  formula?: FormulaText;
}

/**
 * A colour scale over a rectangle of a table's body (a heat map): the cells of the columns from
 * `first` to `last` (keys; those between them in the table's order too) in every row, ranked as one
 * range, so a matrix gets one scale. Blank cells and texts take no colour. Writers: Excel's
 * conditional format "color scale" over that range (Office.js ConditionalFormatType.colorScale,
 * ExcelApi 1.6; SpreadsheetML `<conditionalFormatting><cfRule type="colorScale">` with `<cfvo
 * type="min"/>`, `<cfvo type="percentile" val="50"/>` for a middle colour, `<cfvo type="max"/>` and one
 * `<color rgb="FFxxxxxx"/>` per cfvo).
 */
export interface ReportColorScale {
  /** Key of the first column it covers. */
  first: string;
  /** Key of the last column it covers (the same as `first` for one column). */
  last: string;
  /** Colours (hex RGB, no '#') of the lowest value, the 50th percentile when three are given, and the highest. */
  colors: readonly [string, string] | readonly [string, string, string];
}

/**
 * A chart beside a table of its sheet. Placed with its top-left corner at the row of its table's title
 * and the sheet column `column` (0-based), `width` columns wide and `height` rows high.
 *
 * `waterfall` (the revenue bridge): the categories are the table's column `categories`, the values its
 * column `values` (the next column), over the table's first `rows` rows; `totals` are the indexes of
 * the rows drawn as totals (bars from zero) rather than steps. How each writer draws it:
 * - Office.js (src/excel/writer.ts): `ChartType.waterfall` (ExcelApi 1.9) over those cells. Office.js
 *   has no way to mark a point as a total, so the writer leaves out the total rows after the first
 *   (the first bar starts at zero anyway): the last step ends at the closing total, which the table
 *   beside it gives. A host that refuses the chart gets the `fallback` note in the writer's result.
 * - A file writer that writes SpreadsheetML itself (the streaming command-line writer) draws it as a
 *   chartex part: `xl/charts/chartEx1.xml` (content type `application/vnd.ms-office.chartex+xml`, with
 *   its `style` and `colors` sibling parts, which Excel requires) holding `cx:chartSpace` >
 *   `cx:chartData` > `cx:data id="0"` with `cx:strDim type="cat"` (`cx:f` the category cells) and
 *   `cx:numDim type="val"` (`cx:f` the value cells, a cached `cx:lvl` of the values), and `cx:chart` >
 *   `cx:plotArea` > `cx:plotAreaRegion` > `cx:series layoutId="waterfall"` with `cx:dataId val="0"` and
 *   `cx:layoutPr` > `cx:subtotals` > one `cx:idx val="i"` per row of `totals` (an empty `cx:subtotals`
 *   when none); a drawing part anchoring it (`xdr:twoCellAnchor` from / to the cells above, a
 *   `xdr:graphicFrame` inside `mc:AlternateContent Requires="cx1"` referencing the chart by a
 *   relationship of type `http://schemas.microsoft.com/office/2014/relationships/chartEx`, and an
 *   `mc:Fallback` with the `fallback` text for Excel before 2016); and `<drawing r:id>` in the sheet.
 * - A writer that cannot draw charts writes the `fallback` text, in italics, in the chart's top-left
 *   cell, so the reader knows how to make it in two clicks. The streaming command-line writer does so
 *   for now (src/cli/write-xlsx.ts; the chartex part waits until it can be checked in Excel itself).
 */
export interface ReportChart {
  kind: 'waterfall';
  /** Stable id, e.g. "bridgeChart". */
  id: string;
  /** Title in the report language. */
  title: string;
  /** `tableName` of the table of this sheet that holds its data. */
  table: string;
  /** Key of the column of category labels. */
  categories: string;
  /** Key of the column of values, the column right after `categories`. */
  values: string;
  /** How many of the table's first rows it draws. */
  rows: number;
  /** Indexes of the rows drawn as totals (bars from zero). */
  totals: number[];
  /** Sheet column (0-based) of its left edge. */
  column: number;
  width: number;
  height: number;
  /** What a writer that cannot draw it writes in its place: how to make it by hand, in the report language. */
  fallback: string;
}

/** A cell whose type differs from its column's (the overview's analysis date and churn in its column of counts). */
export interface ReportCellType {
  /** Index of the row in `rows`. */
  row: number;
  /** Index of the column in `columns`. */
  column: number;
  type: ColumnType;
  numFmt: string;
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
  /** Cells written with another type and number format than their column's; a string cell stays text. */
  cellTypes?: ReportCellType[];
  /** Colour scales (heat maps) over parts of its body. */
  colorScales?: ReportColorScale[];
  /** Single formula cells of its body (live formulas), each holding its run value in `rows` as well. */
  cellFormulas?: ReportCellFormula[];
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
export type SheetRole = 'clients' | 'summary' | 'keyClients' | 'churnedKeyClients' | 'dynamics' | 'cohorts' | 'segment' | 'periods' | 'skipped' | 'about';

/** One sheet of the report: its name, role and blocks. */
export interface ReportSheet {
  /** Stable id: "clients", "summary", "keyClients", "churnedKeyClients", "dynamics", "cohorts", "periods", "skipped", "about", or "segment:<value>" e.g. "segment:A". */
  id: string;
  /** Sheet name in the report language: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  role: SheetRole;
  /** Blocks written top to bottom from A1 with one empty row between them. */
  blocks: ReportBlock[];
  /** Rows and columns to freeze at the top left (the first table's title and header, its first column). */
  freeze?: { rows: number; columns: number };
  /** Charts beside its tables. */
  charts?: ReportChart[];
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
  /** Workbook-scoped defined names of cells (the settings of the live formulas); none without them. */
  names?: ReportName[];
}

