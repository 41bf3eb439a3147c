import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, mergeClasses } from '@fluentui/react-components';
import { dayToIso, decimal, serialToDay, type Cell, type Lang } from '../../../core';
import { usePreviewTableStyles } from './PreviewTable.styles';

export interface PreviewTableProps {
  headers: readonly string[];
  /** Data rows with their sheet row numbers. */
  rows: ReadonlyArray<{ sheetRow: number; cells: readonly Cell[] }>;
  label: string;
  rowHeader: string;
  /** Column shown as yyyy-mm-dd (whatever the region: a date that reads one way) when it holds serial dates. */
  dateColumn?: number;
  /** What each mapped column is read as ("Client", "Amount"...), by column index: shown first, in this order. */
  fields?: ReadonlyArray<readonly [number, string]>;
  /** The client column: kept in view while the table scrolls sideways. */
  clientColumn?: number;
  /** Where the header row is (and what stands above it), said above the table. */
  caption?: string;
  /** The language numbers are written in (its decimal mark). */
  lang?: Lang;
}

function show(c: Cell, date: boolean, lang: Lang): string {
  if (c === null || c === undefined) return '';
  if (date && typeof c === 'number') {
    const day = serialToDay(c);
    if (!Number.isNaN(day)) return dayToIso(day);
  }
  if (typeof c === 'number') return decimal(c, lang);
  return String(c);
}

/**
 * The first rows under the detected header row, each with its sheet row number, as they will be
 * read: the mapped columns first (each headed by the field it is read as), the client column kept in
 * view, the others after them. Fits a 350 px pane: the table scrolls sideways in its own box (which
 * takes the keyboard focus), long texts are cut with "…" and shown whole in their title.
 */
export function PreviewTable({ headers, rows, label, rowHeader, dateColumn, fields = [], clientColumn, caption, lang = 'en' }: PreviewTableProps) {
  const styles = usePreviewTableStyles();
  const mapped = new Map(fields);
  const order = [...fields.map(([i]) => i).filter((i) => i < headers.length), ...headers.map((_, i) => i).filter((i) => !mapped.has(i))];
  const isClient = (i: number) => i === clientColumn;
  return (
    <div className={styles.root}>
      {caption ? <Text className={styles.caption}>{caption}</Text> : null}
      {/* a scrolling box takes the focus, so a keyboard can scroll it (WCAG 2.1.1) */}
      <div className={styles.wrap} role="region" aria-label={label} tabIndex={0}>
        <Table size="extra-small" aria-label={label} className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={mergeClasses(styles.head, styles.rowNumber)}>{rowHeader}</TableHeaderCell>
              {order.map((i) => (
                <TableHeaderCell key={`${i}:${headers[i]}`} className={mergeClasses(styles.head, isClient(i) && styles.sticky)}>
                  <span className={styles.headText} title={headers[i]}>
                    {mapped.has(i) ? <span className={styles.field}>{mapped.get(i)}</span> : null}
                    <span className={mergeClasses(styles.truncate, isClient(i) ? styles.wide : styles.narrow)}>{headers[i]}</span>
                  </span>
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.sheetRow}>
                <TableCell className={mergeClasses(styles.cell, styles.rowNumber)}>{r.sheetRow}</TableCell>
                {order.map((i) => {
                  const text = show(r.cells[i], i === dateColumn, lang);
                  return (
                    <TableCell key={`${i}:${headers[i]}`} className={mergeClasses(styles.cell, typeof r.cells[i] === 'number' && styles.number, isClient(i) && styles.sticky)}>
                      <span className={mergeClasses(styles.truncate, isClient(i) ? styles.wide : styles.narrow)} title={text}>
                        {text}
                      </span>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
