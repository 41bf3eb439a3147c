/** assets/sample-sales.xlsx as a 2-D array of cell values (dates as Excel serial numbers). */
import * as path from 'path';
import ExcelJS from 'exceljs';

export async function sampleCells(): Promise<(string | number | boolean)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.resolve(__dirname, '..', '..', 'assets', 'sample-sales.xlsx'));
  const ws = wb.worksheets[0];
  const out: (string | number | boolean)[][] = [];
  const columns = ws.columnCount; // computed over every row on each access: read it once
  ws.eachRow({ includeEmpty: true }, (row) => {
    const line: (string | number | boolean)[] = [];
    for (let c = 1; c <= columns; c++) {
      const v = row.getCell(c).value;
      if (v instanceof Date) line.push(v.getTime() / 86_400_000 + 25_569);
      else if (v === null || v === undefined) line.push('');
      else if (typeof v === 'object') line.push(String((v as { result?: unknown; text?: unknown }).result ?? (v as { text?: unknown }).text ?? ''));
      else line.push(v);
    }
    out.push(line);
  });
  return out;
}
