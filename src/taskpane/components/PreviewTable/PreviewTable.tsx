import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { Cell } from '../../../core';
import { usePreviewTableStyles } from './PreviewTable.styles';

export interface PreviewTableProps {
  headers: readonly string[];
  /** Data rows with their sheet row numbers. */
  rows: ReadonlyArray<{ sheetRow: number; cells: readonly Cell[] }>;
  label: string;
  rowHeader: string;
  /** Column shown as yyyy-mm-dd when it holds serial dates. */
  dateColumn?: number;
}

const show = (c: Cell, date: boolean) => {
  if (c === null || c === undefined) return '';
  if (date && typeof c === 'number' && c > 0 && c < 2_958_466) return new Date(Date.UTC(1899, 11, 30) + Math.round(c) * 86_400_000).toISOString().slice(0, 10);
  return String(c);
};

/** The first rows of the selection, each with its sheet row number. */
export function PreviewTable({ headers, rows, label, rowHeader, dateColumn }: PreviewTableProps) {
  const styles = usePreviewTableStyles();
  return (
    <div className={styles.wrap}>
      <Table size="extra-small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.head}>{rowHeader}</TableHeaderCell>
            {headers.map((h, i) => (
              <TableHeaderCell key={`${i}:${h}`} className={styles.head}>
                {h}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.sheetRow}>
              <TableCell className={styles.cell}>{r.sheetRow}</TableCell>
              {headers.map((h, i) => (
                <TableCell key={`${i}:${h}`} className={styles.cell}>
                  {show(r.cells[i], i === dateColumn)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
