import * as fs from 'fs';
import ExcelJS from 'exceljs';
import { columnLetter, type ReportBlock, type ReportChart, type ReportColumn, type ReportModel, type ReportNotes, type ReportTable, type ReportValue } from '../core';

/** Table style of every table of the result. */
export const TABLE_STYLE = 'TableStyleMedium2';

/** Creator written in the workbook properties. */
export const CREATOR = 'Key Clients';

/** One fill object per colour, shared by every cell of that colour. */
class Fills {
  private cache = new Map<string, ExcelJS.Fill>();
  of(hex: string): ExcelJS.Fill {
    let f = this.cache.get(hex);
    if (!f) {
      f = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.toUpperCase()}` } };
      this.cache.set(hex, f);
    }
    return f;
  }
}

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
 * A value as exceljs writes it. A string is always written as text: exceljs writes a JS string as a
 * string cell, and a formula is only made from a `{ formula }` object, which is never built from data.
 * So "=HYPERLINK(...)", "+7 900" or "@x" from the data stay text.
 */
function cellValue(v: ReportValue): ExcelJS.CellValue {
  return v === null ? null : v;
}

/** Writes a table block at `row` (its title above it); returns the row after it. */
function writeTable(ws: ExcelJS.Worksheet, block: ReportTable, row: number, fills: Fills): number {
  const title = ws.getCell(row, 1);
  title.value = block.title;
  title.font = { bold: true };
  row++;
  const names = headerNames(block.columns);
  // an Excel table needs at least one data row
  const rows: ExcelJS.CellValue[][] = block.rows.length ? block.rows.map((r) => r.map(cellValue)) : [block.columns.map(() => null)];
  ws.addTable({
    name: block.tableName,
    ref: ws.getCell(row, 1).address,
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_STYLE, showRowStripes: true },
    columns: names.map((name) => ({ name, filterButton: true })),
    rows,
  });
  // cells of another type than their column's (the overview's analysis date and churn)
  const typed = new Map((block.cellTypes ?? []).map((c) => [c.row * block.columns.length + c.column, c.numFmt]));
  block.columns.forEach((col, j) => {
    // a number column's header stands over its numbers
    if (col.headerAlign) ws.getCell(row, j + 1).alignment = { horizontal: col.headerAlign };
    const column = ws.getColumn(j + 1);
    if (!column.width || column.width < col.width) column.width = col.width;
    const numFmt = col.numFmt && col.numFmt !== 'General' ? col.numFmt : undefined;
    const colFills = col.fills;
    if (!numFmt && !colFills && !typed.size) return;
    for (let i = 0; i < block.rows.length; i++) {
      const cell = ws.getCell(row + 1 + i, j + 1);
      // a text in a number column ("no dates" in the overview) keeps the text format, as in the add-in
      const fmt = typed.get(i * block.columns.length + j) ?? numFmt;
      if (fmt) cell.numFmt = typeof block.rows[i][j] === 'string' ? '@' : fmt;
      if (colFills) {
        const v = block.rows[i][j];
        if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(colFills, v)) cell.fill = fills.of(colFills[v]);
      }
    }
  });
  colorScales(ws, block, row + 1);
  row += 1 + rows.length;
  if (block.note) ws.getCell(row++, 1).value = block.note;
  return row;
}

/**
 * The colour scales (heat maps) of a table's body, its first row at `firstRow`: one conditional
 * format "color scale" per scale over its columns' cells (lowest, 50th percentile when three colours
 * are given, highest).
 */
function colorScales(ws: ExcelJS.Worksheet, block: ReportTable, firstRow: number): void {
  if (!block.colorScales?.length || !block.rows.length) return;
  const lastRow = firstRow + block.rows.length - 1;
  for (const scale of block.colorScales) {
    const c0 = block.columns.findIndex((c) => c.key === scale.first);
    const c1 = block.columns.findIndex((c) => c.key === scale.last);
    if (c0 < 0 || c1 < c0) continue;
    const cfvo: ExcelJS.Cvfo[] = scale.colors.length === 3 ? [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }] : [{ type: 'min' }, { type: 'max' }];
    ws.addConditionalFormatting({
      ref: `${columnLetter(c0)}${firstRow}:${columnLetter(c1)}${lastRow}`,
      rules: [{ type: 'colorScale', priority: 1, cfvo, color: scale.colors.map((hex) => ({ argb: `FF${hex.toUpperCase()}` })) }],
    });
  }
}

/**
 * A chart of the model in its place: exceljs cannot write charts, so its `fallback` text (how to make
 * it by hand) goes, in italics, in the chart's top-left cell (the row of its table's title). The
 * streaming writer that replaces this one draws it: see ReportChart in src/core/report/model.ts.
 */
function writeChart(ws: ExcelJS.Worksheet, chart: ReportChart, titleRow: number): void {
  const cell = ws.getCell(titleRow, chart.column + 1);
  cell.value = chart.fallback;
  cell.font = { italic: true };
}

/** Writes a notes block at `row` (its title bold above the lines); returns the row after it. */
function writeNotes(ws: ExcelJS.Worksheet, block: ReportNotes, row: number): number {
  const title = ws.getCell(row, 1);
  title.value = block.title;
  title.font = { bold: true };
  row++;
  for (const line of block.lines) ws.getCell(row++, 1).value = line;
  return row;
}

function writeBlock(ws: ExcelJS.Worksheet, block: ReportBlock, row: number, fills: Fills): number {
  return block.kind === 'table' ? writeTable(ws, block, row, fills) : writeNotes(ws, block, row);
}

/**
 * The workbook of a report model: every sheet, each block from A1 down with one empty row between
 * blocks; tables as real Excel tables with the columns' number formats, widths and class fills; the
 * header row (and the client column) of the Clients and segment sheets frozen, and the header row of
 * the Skipped rows sheet.
 */
export function reportWorkbook(model: ReportModel, now = new Date()): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = now;
  wb.modified = now;
  wb.title = 'Key Clients';
  wb.subject = model.asOf ? `Client segmentation as of ${model.asOf}` : 'Client segmentation';
  const fills = new Fills();
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    let row = 1;
    const titleRows = new Map<string, number>();
    sheet.blocks.forEach((block, i) => {
      if (i > 0) row++; // one empty row between blocks
      if (block.kind === 'table') titleRows.set(block.tableName, row);
      row = writeBlock(ws, block, row, fills);
    });
    for (const chart of sheet.charts ?? []) {
      const at = titleRows.get(chart.table);
      if (at !== undefined) writeChart(ws, chart, at);
    }
    if (sheet.freeze) {
      const { rows, columns } = sheet.freeze;
      const topLeftCell = `${columnLetter(columns)}${rows + 1}`;
      ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows, topLeftCell, activeCell: topLeftCell }];
    }
  }
  return wb;
}

/**
 * Writes the report model to an .xlsx file (through a temporary file next to it, renamed at the end,
 * so a failure leaves no half-written workbook).
 */
export async function writeReportXlsx(model: ReportModel, file: string): Promise<void> {
  const wb = reportWorkbook(model);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
