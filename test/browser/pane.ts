/**
 * Opens the built task pane in Chromium over an in-memory workbook: the sheets given, a selection,
 * and Office's display language. Shared by the browser tests of the pane.
 */
import type { Harness } from './harness';
import { openHarness } from './harness';
import { officeStubScript } from './office-stub';
import { bundleFakeExcel } from './fake-bundle';

export type CellValue = string | number | boolean;

export interface PaneOptions {
  sheets: ReadonlyArray<{ name: string; cells: readonly (readonly CellValue[])[] }>;
  select: { sheet: string; address: string };
  /** Office.context.displayLanguage; en-US by default. */
  displayLanguage?: string;
  viewport?: { width: number; height: number };
  /** Browser-side code run on the workbook `wb` before the pane loads (hide rows, add formulas...). */
  setup?: string;
  /**
   * Load the page hidden, as the shared runtime does for the =KC.* functions with no pane shown;
   * `window.__keyClientsShow()` then shows it (the page becomes visible and Office says "Taskpane").
   */
  hidden?: boolean;
}

/** A cell of a sheet the pane wrote, as the test reads it back. */
export interface WrittenCell {
  value: CellValue;
  numberFormat?: string;
}

export interface WrittenTable {
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface WrittenSheet {
  name: string;
  tables: WrittenTable[];
  /** Every cell in use, by zero-based row and column (blank cells as ''). */
  cells: WrittenCell[][];
}

/** Starts Chromium, installs the office.js stub and the in-memory workbook, and loads taskpane.html. */
export async function openPane(options: PaneOptions): Promise<Harness> {
  const fake = await bundleFakeExcel();
  const harness = await openHarness({ viewport: options.viewport ?? { width: 420, height: 1100 } });
  const language = options.displayLanguage ?? 'en-US';
  const stub = officeStubScript({ displayLanguage: language });
  const install = `(() => {
    const wb = new window.KeyClientsFake.FakeWorkbook();
    wb.displayLanguage = ${JSON.stringify(language)};
    for (const s of ${JSON.stringify(options.sheets)}) wb.addSheet(s.name, s.cells);
    wb.select(${JSON.stringify(options.select.sheet)}, ${JSON.stringify(options.select.address)});
    ${options.setup ?? ''}
    window.KeyClientsFake.installFakeOffice(wb, window);
  })();`;
  const visibility = options.hidden
    ? `(() => {
    let state = 'hidden';
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => state, configurable: true });
    window.__keyClientsShow = () => {
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      window.__keyClientsVisibilityHandler?.({ visibilityMode: 'Taskpane' });
    };
  })();`
    : '';
  await harness.page.addInitScript(`${visibility}\n${stub}\n${fake}\n${install}`);
  await harness.page.route('**/office-js/**', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: stub }));
  await harness.page.goto(`${harness.baseUrl}/taskpane.html`);
  return harness;
}

/**
 * The sheets of the page's in-memory workbook, in order, with their tables; cells only of the sheets
 * named in `withCells` (all when it is missing).
 */
export function writtenSheets(harness: Harness, withCells?: readonly string[]): Promise<WrittenSheet[]> {
  return harness.page.evaluate((only) => {
    interface PageSheet {
      name: string;
      tables: WrittenTable[];
      usedSize(): { rows: number; cols: number };
      cell(r: number, c: number): { value: CellValue; numberFormat?: string } | undefined;
    }
    const wb = (window as unknown as { __keyClientsWorkbook: { sheets: PageSheet[] } }).__keyClientsWorkbook;
    return wb.sheets.map((s) => {
      const { rows, cols } = only === null || only.includes(s.name) ? s.usedSize() : { rows: 0, cols: 0 };
      const cells: WrittenCell[][] = [];
      for (let r = 0; r < rows; r++) {
        const line: WrittenCell[] = [];
        for (let c = 0; c < cols; c++) {
          const cell = s.cell(r, c);
          line.push(cell ? { value: cell.value, ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}) } : { value: '' });
        }
        cells.push(line);
      }
      return { name: s.name, tables: s.tables.map((t) => ({ name: t.name, row: t.row, col: t.col, rows: t.rows, cols: t.cols })), cells };
    });
  }, withCells ?? null);
}
