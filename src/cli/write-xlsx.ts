import { columnLetter, tableRows, type ReportColumn, type ReportModel, type ReportSheet, type ReportTable } from '../core';
import { PLAIN, StyleSheet, formulaBytes, writeXlsx, type CellIsSpec, type CellValue, type ColorScaleSpec, type ColumnFormat, type DefinedNameSpec, type SheetRows, type SheetSpec, type TableSpec } from './xlsx-write/workbook';

/** Table style of every table of the result. */
export const TABLE_STYLE = 'TableStyleMedium2';

/** Creator written in the workbook properties. */
export const CREATOR = 'Key Clients';

/**
 * Deflate level of the workbook. Level 1 deflates the XML of a 1,048,575-row report about 3 times
 * faster than level 6 (300 MB/s against 90 MB/s here) for a file about a third larger; see
 * docs/notes-infra.md.
 */
export const DEFLATE_LEVEL = 1;

/** Unique, non-empty table header names (Excel requires them). */
export function headerNames(columns: readonly ReportColumn[]): string[] {
  const seen = new Set<string>();
  return columns.map((c, i) => {
    const base = c.header.trim() || `Column${i + 1}`;
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base} ${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * Columns whose texts are nearly all different (a client's name, a skipped row's reason): written in
 * their cells rather than through the shared string table, which would only grow by each of them.
 */
const DISTINCT_TEXTS: ReadonlySet<string> = new Set(['client', 'reason']);

/**
 * The styles of a table column's cells: its number format on numbers and empty cells, "@" on a text
 * in a number column (the overview's "no dates" keeps the text format, as in the add-in), and the
 * class fill on a text that is a key of the column's fills.
 * @param numFmt the number format, when not the column's (a cell of `cellTypes`).
 */
function columnFormat(col: ReportColumn, styles: StyleSheet, numFmt = col.numFmt): ColumnFormat {
  const fmt = numFmt && numFmt !== 'General' ? numFmt : undefined;
  const textFmt = fmt ? '@' : undefined;
  const format: { value: number; text: number; byText?: Map<string, number>; inline?: boolean } = {
    value: styles.id({ numFmt: fmt }),
    text: styles.id({ numFmt: textFmt }),
  };
  if (DISTINCT_TEXTS.has(col.key)) format.inline = true;
  if (col.fills) format.byText = new Map(Object.entries(col.fills).map(([value, fill]) => [value, styles.id({ numFmt: textFmt, fill })]));
  return format;
}

/**
 * The style of a column of live formulas (docs/methods.md "Live formulas"): its number format whatever
 * the result (a text result takes General, never the text format "@", in which Excel would keep an
 * edited formula as text), no fill (class fills are conditional: see liveFills).
 */
function liveFormat(col: ReportColumn, styles: StyleSheet): ColumnFormat {
  const fmt = col.numFmt && col.numFmt !== 'General' && col.numFmt !== '@' ? col.numFmt : undefined;
  const id = styles.id({ numFmt: fmt });
  return { value: id, text: id };
}

/**
 * The class fills of the live formula columns of a table as conditional fills over their body
 * (`sqref` the column from `firstRow` to `lastRow`): a class that recomputes takes its colour.
 */
function liveFills(block: ReportTable, styles: StyleSheet, firstRow: number, lastRow: number): CellIsSpec[] {
  const rules: CellIsSpec[] = [];
  block.columns.forEach((c, j) => {
    if (!c.formula || !c.fills) return;
    const letter = columnLetter(j);
    for (const [value, fill] of Object.entries(c.fills)) rules.push({ ref: `${letter}${firstRow}:${letter}${lastRow}`, value, dxf: styles.dxf(fill) });
  });
  return rules;
}

/**
 * The formulas of a table's cells as the row writer takes them, by row index: the calculated columns
 * (`ReportColumn.formula`) for every row, and the single cells (`cellFormulas`) for theirs; null when
 * the table has none.
 */
function tableFormulas(block: ReportTable): { every: Array<Uint8Array | undefined> | null; byRow: Map<number, Array<Uint8Array | undefined>> } | null {
  const columns = block.columns.map((c) => (c.formula ? formulaBytes(c.formula) : undefined));
  const cells = block.cellFormulas ?? [];
  if (!cells.length && columns.every((f) => f === undefined)) return null;
  const byRow = new Map<number, Array<Uint8Array | undefined>>();
  for (const c of cells) {
    let row = byRow.get(c.row);
    if (!row) byRow.set(c.row, (row = [...columns]));
    row[c.column] = formulaBytes(c.formula);
  }
  return { every: columns.some((f) => f !== undefined) ? columns : null, byRow };
}

/** The style of a header cell: right-aligned over a column of numbers (`headerAlign`), else none. */
function headerFormat(col: ReportColumn, styles: StyleSheet): ColumnFormat {
  if (col.headerAlign !== 'right') return PLAIN;
  const right = styles.id({ align: 'right' });
  return { value: right, text: right };
}

/**
 * The formats of each row of a table that has cells of another type than their column's (`cellTypes`:
 * the overview's analysis date and churn, the KPIs' ratios and sums, the partial cohort cells): the
 * row's own array of column formats, by row index. Rows not in it take the column formats.
 */
function rowFormats(block: ReportTable, columns: readonly ColumnFormat[], styles: StyleSheet): Map<number, ColumnFormat[]> {
  const rows = new Map<number, ColumnFormat[]>();
  for (const c of block.cellTypes ?? []) {
    const col = block.columns[c.column];
    if (!col) continue;
    let formats = rows.get(c.row);
    if (!formats) {
      formats = [...columns];
      rows.set(c.row, formats);
    }
    formats[c.column] = columnFormat(col, styles, c.numFmt);
  }
  return rows;
}

/** Where a table block sits and how its cells look. */
interface PlacedTable {
  /** Row of its title; the header is the row below. */
  row: number;
  formats: ColumnFormat[];
  headers: ColumnFormat[];
  /** The formats of rows with cells of another type (see rowFormats). */
  byRow: Map<number, ColumnFormat[]>;
  /** Charts anchored at its title row: their fallback texts by sheet column (0-based). */
  charts: Map<number, string>;
  /** Its formulas (live formulas), or null. */
  formulas: ReturnType<typeof tableFormulas>;
}

/** Where each table of a sheet sits: its title's sheet row (1-based) by table name, for the defined names. */
export type TableRows = Map<string, number>;

/**
 * One sheet of the model as the writer takes it: blocks from A1 down with one empty row between them;
 * a table block is its title (bold), an Excel table (header, right-aligned over numbers, and rows; one
 * empty row when it has none) and its note; a notes block is its title (bold) and its lines. Column
 * widths are the widest any table asks for. A table's colour scales become conditional formats over
 * its body. A chart is written as its `fallback` text, in italics, in its top-left cell (its table's
 * title row), as the exceljs writer did: see "Charts" in docs/notes-infra.md.
 */
function sheetSpec(sheet: ReportSheet, styles: StyleSheet, bold: ColumnFormat, italic: ColumnFormat, at: TableRows = new Map()): SheetSpec {
  const widths: number[] = [];
  const tables: TableSpec[] = [];
  const colorScales: ColorScaleSpec[] = [];
  const cellRules: CellIsSpec[] = [];
  const placed = new Map<number, PlacedTable>();
  let row = 1;
  let lastColumn = 0;
  sheet.blocks.forEach((block, i) => {
    if (i > 0) row++; // one empty row between blocks
    if (block.kind === 'notes') {
      row += 1 + block.lines.length;
      return;
    }
    const names = headerNames(block.columns);
    const length = tableRows(block).length;
    const height = 1 + Math.max(1, length); // header and rows (an Excel table needs a data row)
    const last = columnLetter(block.columns.length - 1);
    const table: TableSpec = { name: block.tableName, ref: `A${row + 1}:${last}${row + height}`, columns: names, style: TABLE_STYLE };
    if (block.columns.some((c) => c.formula)) table.formulas = block.columns.map((c) => c.formula);
    tables.push(table);
    at.set(block.tableName, row);
    block.columns.forEach((col, j) => {
      if (!(widths[j] >= col.width)) widths[j] = col.width;
    });
    lastColumn = Math.max(lastColumn, block.columns.length - 1);
    if (length) {
      for (const scale of block.colorScales ?? []) {
        const c0 = block.columns.findIndex((c) => c.key === scale.first);
        const c1 = block.columns.findIndex((c) => c.key === scale.last);
        if (c0 < 0 || c1 < c0) continue;
        colorScales.push({ ref: `${columnLetter(c0)}${row + 2}:${columnLetter(c1)}${row + 1 + length}`, colors: scale.colors });
      }
    }
    const charts = new Map<number, string>();
    for (const chart of sheet.charts ?? []) {
      if (chart.table !== block.tableName) continue;
      charts.set(chart.column, chart.fallback);
      lastColumn = Math.max(lastColumn, chart.column);
    }
    const formats = block.columns.map((c) => (c.formula ? liveFormat(c, styles) : columnFormat(c, styles)));
    if (length) cellRules.push(...liveFills(block, styles, row + 2, row + 1 + length));
    placed.set(i, { row, formats, headers: block.columns.map((c) => headerFormat(c, styles)), byRow: rowFormats(block, formats, styles), charts, formulas: tableFormulas(block) });
    row += 1 + height + (block.note ? 1 : 0);
  });
  const lastRow = Math.max(1, row - 1);

  const write = async (out: SheetRows): Promise<void> => {
    let r = 1;
    for (let i = 0; i < sheet.blocks.length; i++) {
      const block = sheet.blocks[i];
      if (i > 0) r++;
      if (block.kind === 'notes') {
        out.row(r++, [block.title], bold);
        for (const line of block.lines) {
          out.row(r++, [line]);
          if (out.full) await out.flush();
        }
        continue;
      }
      const { formats, headers, byRow, charts, formulas } = placed.get(i)!;
      if (charts.size) {
        // the title, and each chart's how-to in its top-left cell of the same row
        const values: CellValue[] = [block.title];
        const looks: ColumnFormat[] = [bold];
        for (const [column, text] of charts) {
          values[column] = text;
          looks[column] = italic;
        }
        for (let j = 0; j < values.length; j++) if (values[j] === undefined) values[j] = null;
        out.row(r++, values, Array.from(looks, (f) => f ?? PLAIN));
      } else {
        out.row(r++, [block.title], bold);
      }
      out.row(r++, headerNames(block.columns), headers);
      // rows one at a time: a computed table's rows are made here and dropped once written
      const rows = tableRows(block);
      for (let k = 0; k < rows.length; k++) {
        out.row(r++, rows.row(k), byRow.get(k) ?? formats, formulas ? formulas.byRow.get(k) ?? formulas.every ?? undefined : undefined);
        if (out.full) await out.flush();
      }
      if (!rows.length) r++; // the table's empty data row
      if (block.note) out.row(r++, [block.note]);
    }
  };
  return {
    name: sheet.name,
    widths,
    freeze: sheet.freeze,
    dimension: `A1:${columnLetter(lastColumn)}${lastRow}`,
    tables,
    colorScales,
    cellRules,
    write,
  };
}

/** A sheet's name in a reference: always quoted, an apostrophe doubled (`'Kate''s sheet'`). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The model's defined names (live formulas) with the address of their cell: `'Summary'!$B$7`, from
 * where each table landed (`at`, by sheet id). A name whose table is not found is left out.
 */
function definedNames(model: ReportModel, at: ReadonlyMap<string, TableRows>): DefinedNameSpec[] {
  const out: DefinedNameSpec[] = [];
  for (const n of model.names ?? []) {
    const sheet = model.sheets.find((s) => s.id === n.sheet);
    const title = at.get(n.sheet)?.get(n.table);
    if (!sheet || title === undefined) continue;
    out.push({ name: n.name, ref: `${quoteSheetName(sheet.name)}!$${columnLetter(n.column)}$${title + 2 + n.row}` });
  }
  return out;
}

/**
 * Writes the report model to an .xlsx file: every sheet of the model in order; tables as real Excel
 * tables (names, style, header row, right-aligned over numbers) with the columns' number formats
 * (custom ones such as `0.0%"*"` registered), the cells' own formats (`cellTypes`), widths, class
 * fills and colour scales; booleans as booleans; a chart's how-to text in its corner; the sheets'
 * frozen panes; every text as a text cell, never a formula ("=HYPERLINK(...)", "+7 900" and "@x"
 * from the data stay text). A formula comes only from the model's own formulas (live formulas:
 * `ReportColumn.formula`, `ReportTable.cellFormulas`, `ReportModel.names`), written with its run value
 * cached. Rows are streamed to the file as they are made (docs/notes-infra.md
 * has the measurements against exceljs).
 * The file appears whole or not at all (written to a temporary file next to it, then renamed).
 */
export async function writeReportXlsx(model: ReportModel, file: string, now = new Date()): Promise<void> {
  const styles = new StyleSheet();
  const bold = { value: styles.id({ bold: true }), text: styles.id({ bold: true }) };
  const italic = { value: styles.id({ italic: true }), text: styles.id({ italic: true }) };
  const at = new Map<string, TableRows>();
  const sheets = model.sheets.map((s) => {
    const rows: TableRows = new Map();
    at.set(s.id, rows);
    return sheetSpec(s, styles, bold, italic, rows);
  });
  const props = {
    creator: CREATOR,
    title: 'Key Clients',
    subject: model.asOf ? `Client segmentation as of ${model.asOf}` : 'Client segmentation',
    created: now,
  };
  await writeXlsx(file, props, styles, sheets, DEFLATE_LEVEL, definedNames(model, at));
}
