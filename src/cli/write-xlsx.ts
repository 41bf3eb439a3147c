import { columnLetter, tableRows, type ReportColumn, type ReportModel, type ReportSheet, type ReportTable } from '../core';
import { StyleSheet, writeXlsx, type ColumnFormat, type SheetRows, type SheetSpec, type TableSpec } from './xlsx/workbook';

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
 * in a number column (the overview's analysis date keeps the text format, as in the add-in), and the
 * class fill on a text that is a key of the column's fills.
 */
function columnFormat(col: ReportColumn, styles: StyleSheet): ColumnFormat {
  const numFmt = col.numFmt && col.numFmt !== 'General' ? col.numFmt : undefined;
  const textFmt = numFmt ? '@' : undefined;
  const format: { value: number; text: number; byText?: Map<string, number>; inline?: boolean } = {
    value: styles.id({ numFmt }),
    text: styles.id({ numFmt: textFmt }),
  };
  if (DISTINCT_TEXTS.has(col.key)) format.inline = true;
  if (col.fills) format.byText = new Map(Object.entries(col.fills).map(([value, fill]) => [value, styles.id({ numFmt: textFmt, fill })]));
  return format;
}

/** Where a table block sits and how its cells look. */
interface PlacedTable {
  block: ReportTable;
  /** Row of its title; the header is the row below. */
  row: number;
  formats: ColumnFormat[];
}

/**
 * One sheet of the model as the writer takes it: blocks from A1 down with one empty row between them;
 * a table block is its title (bold), an Excel table (header and rows; one empty row when it has none)
 * and its note; a notes block is its title (bold) and its lines. Column widths are the widest any
 * table asks for.
 */
function sheetSpec(sheet: ReportSheet, styles: StyleSheet, bold: ColumnFormat): SheetSpec {
  const widths: number[] = [];
  const tables: TableSpec[] = [];
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
    const height = 1 + Math.max(1, tableRows(block).length); // header and rows (an Excel table needs a data row)
    const last = columnLetter(block.columns.length - 1);
    tables.push({ name: block.tableName, ref: `A${row + 1}:${last}${row + height}`, columns: names, style: TABLE_STYLE });
    block.columns.forEach((col, j) => {
      if (!(widths[j] >= col.width)) widths[j] = col.width;
    });
    lastColumn = Math.max(lastColumn, block.columns.length - 1);
    placed.set(i, { block, row, formats: block.columns.map((c) => columnFormat(c, styles)) });
    row += 1 + height + (block.note ? 1 : 0);
  });
  const lastRow = Math.max(1, row - 1);

  const write = async (out: SheetRows): Promise<void> => {
    let r = 1;
    for (let i = 0; i < sheet.blocks.length; i++) {
      const block = sheet.blocks[i];
      if (i > 0) r++;
      out.row(r++, [block.title], bold);
      if (block.kind === 'notes') {
        for (const line of block.lines) {
          out.row(r++, [line]);
          if (out.full) await out.flush();
        }
        continue;
      }
      const { formats } = placed.get(i)!;
      out.row(r++, headerNames(block.columns));
      // rows one at a time: a computed table's rows are made here and dropped once written
      const rows = tableRows(block);
      for (let k = 0; k < rows.length; k++) {
        out.row(r++, rows.row(k), formats);
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
    write,
  };
}

/**
 * Writes the report model to an .xlsx file: every sheet of the model in order; tables as real Excel
 * tables (names, style, header row) with the columns' number formats, widths and class fills; the
 * sheets' frozen panes; every text as a text cell, never a formula ("=HYPERLINK(...)", "+7 900" and
 * "@x" from the data stay text). Rows are streamed to the file as they are made (docs/notes-infra.md
 * has the measurements against exceljs).
 * The file appears whole or not at all (written to a temporary file next to it, then renamed).
 */
export async function writeReportXlsx(model: ReportModel, file: string, now = new Date()): Promise<void> {
  const styles = new StyleSheet();
  const bold = { value: styles.id({ bold: true }), text: styles.id({ bold: true }) };
  const sheets = model.sheets.map((s) => sheetSpec(s, styles, bold));
  const props = {
    creator: CREATOR,
    title: 'Key Clients',
    subject: model.asOf ? `Client segmentation as of ${model.asOf}` : 'Client segmentation',
    created: now,
  };
  await writeXlsx(file, props, styles, sheets, DEFLATE_LEVEL);
}
