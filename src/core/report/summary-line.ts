import type { Lang } from '../types';
import { dayToIso } from '../parse/dates';
import { columnLetter } from '../parse/headers';
import { dateText, format, plural, texts } from '../i18n';
import type { SegmentationResult } from '../segment';

/**
 * The one line that sums up a run, in the report language with its plural forms (Intl.PluralRules):
 * clients, key clients, the analysis date, rows used and skipped, the source, the files written and
 * the time taken.
 * @param result the segmentation.
 * @param files the files written, as they should be shown.
 * @param source where the data was read from, e.g. "sales.xlsx, Sales!A1:I9995".
 * @param seconds the time the run took.
 * @param lang the language (default: the result's).
 * @returns the line, without a line break.
 * @example summaryLine(segmentClients([['Client', 'Amount'], ['Acme', 100]]), ['out.xlsx'], 'in.csv', 0.25)
 * // "1 client, 1 key client, no dates; 1 row used, 0 skipped; source: in.csv; wrote out.xlsx in 0.3 s"
 */
export function summaryLine(result: SegmentationResult, files: readonly string[], source: string, seconds: number, lang: Lang = result.settings.language): string {
  const t = texts(lang).run;
  const s = result.summary;
  const asOf = result.asOf === null ? t.noDates : format(t.asOf, { date: dateText(dayToIso(result.asOf), lang) });
  const shown = files.length <= 1 ? files.join('') : `${files.slice(0, -1).join(', ')}${t.and}${files[files.length - 1]}`;
  return format(t.line, {
    clients: plural(t.clients, s.clients, lang),
    keyClients: plural(t.keyClients, s.keyClients, lang),
    asOf,
    rows: plural(t.rows, result.validRows, lang),
    skipped: result.skippedCount,
    source,
    files: shown,
    seconds: secondsText(seconds, lang),
  });
}


/**
 * The A1 address of a range on a sheet, the sheet name quoted where Excel needs it.
 * @param sheet the sheet name.
 * @param firstRow the sheet row of the range's first row (1-based).
 * @param firstColumn the sheet column of its first column (0-based).
 * @param rows the number of rows (at least 1).
 * @param columns the number of columns (at least 1).
 * @example rangeAddress('Orders', 1, 0, 9995, 9) // "Orders!A1:I9995"; rangeAddress("Q1 sales", 3, 1, 2, 2) // "'Q1 sales'!B3:C4"
 */
export function rangeAddress(sheet: string, firstRow: number, firstColumn: number, rows: number, columns: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const lastRow = firstRow + Math.max(1, rows) - 1;
  const lastColumn = firstColumn + Math.max(1, columns) - 1;
  return `${name}!${columnLetter(firstColumn)}${firstRow}:${columnLetter(lastColumn)}${lastRow}`;
}

/**
 * Where a table was read from, as the overview and the summary line show it: the file name alone for
 * a text file (whose "sheet" is the file name), else the file name and the range's address.
 * @param file the file's name.
 * @param table the sheet read (its name, first row and column, and its rows of cells).
 * @example sourceOf('sales.xlsx', { sheet: 'Orders', firstRow: 1, firstColumn: 0, cells: [['Client', 'Amount'], ['Acme', 5]] }) // "sales.xlsx, Orders!A1:B2"
 * sourceOf('sales.csv', { sheet: 'sales.csv', firstRow: 1, firstColumn: 0, cells: [['Client', 'Amount']] }) // "sales.csv"
 */
export function sourceOf(file: string, table: { sheet: string; firstRow: number; firstColumn: number; cells: ReadonlyArray<ArrayLike<unknown>> }): string {
  if (table.sheet === file) return file;
  const width = table.cells.reduce((w, r) => Math.max(w, r.length), 0);
  return `${file}, ${rangeAddress(table.sheet, table.firstRow, table.firstColumn, table.cells.length, width)}`;
}

/**
 * A run's time in a summary line: one decimal always ("2.0"), with the language's decimal separator
 * (a comma in Russian and Polish, as decimal() writes it).
 * @example secondsText(2, 'ru') // "2,0"
 */
export function secondsText(seconds: number, lang: Lang): string {
  const text = seconds.toFixed(1);
  return lang === 'en' ? text : text.replace('.', ',');
}
