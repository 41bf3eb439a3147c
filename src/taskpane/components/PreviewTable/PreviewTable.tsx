import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { Cell } from '../../../core';
import { usePreviewTableStyles } from './PreviewTable.styles';

export interface PreviewTableProps {
  headers: readonly string[];
  /** Data rows with their sheet row numbers. */
  rows: ReadonlyArray<{ sheetRow: number; cells: readonly Cell[] }>;
  label: string;
  rowHeader: string;
}

const show = (c: Cell) => (c === null || c === undefined ? '' : String(c));

/** The first rows of the selection, each with its sheet row number. */
export function PreviewTable({ headers, rows, label, rowHeader }: PreviewTableProps) {
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
                  {show(r.cells[i])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
