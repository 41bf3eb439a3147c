/**
 * Live formulas from the task pane in Chromium over the in-memory workbook (issue 8 item 8), in
 * Polish: the switch in the settings, off by default, turned on; the run writes the Clients table's
 * classes as formulas, the settings as workbook names, and stores the switch with the other settings.
 * Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { outputPath } from './harness';
import { openPane, type CellValue } from './pane';
import { pl } from '../../src/taskpane/strings/pl';

const T: CellValue[][] = [
  ['Zamówienie', 'Data', 'Klient', 'Kwota'],
  ['Z1', '2024-01-10', 'Alfa', 5000],
  ['Z2', '2024-03-05', 'Beta', 1200],
  ['Z3', '2024-04-01', 'Gamma', 300],
  ['Z4', '2024-06-15', 'Alfa', 2500],
  ['Z5', '2024-06-30', 'Delta', 80],
];

describe('live formulas from the task pane in Polish', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openPane({ sheets: [{ name: 'Sprzedaż', cells: T }], select: { sheet: 'Sprzedaż', address: 'A1' }, displayLanguage: 'pl-PL', viewport: { width: 350, height: 1400 } });
    await harness.page.getByRole('button', { name: pl.run }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the switch off, and runs with it on: the Clients classes are formulas and the settings are named', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: pl.settings }).click();
    const sw = page.getByRole('switch', { name: pl.liveFormulas });
    await expect(sw.isChecked()).resolves.toBe(false);
    await sw.check();
    await page.getByRole('button', { name: pl.run }).click();
    await page.getByRole('region', { name: pl.done }).waitFor({ timeout: 60_000 });
    const written = await page.evaluate(() => {
      const wb = (window as unknown as {
        __keyClientsWorkbook: { names: Map<string, string>; settings: Map<string, unknown>; sheet(n: string): { tables: Array<{ row: number }>; cell(r: number, c: number): { value: unknown; formula?: string } | undefined } };
      }).__keyClientsWorkbook;
      const clients = wb.sheet('Klienci');
      const row = clients.tables[0].row;
      const header = Array.from({ length: 40 }, (_, c) => clients.cell(row, c)?.value);
      const abc = header.indexOf('ABC');
      return {
        names: [...wb.names.keys()],
        abc: Array.from({ length: 4 }, (_, i) => clients.cell(row + 1 + i, abc)),
        stored: (wb.settings.get('KeyClients.options') as { settings: { formulas?: boolean } }).settings.formulas,
      };
    });
    expect(written.names).toContain('KC_LimitA');
    // by hand: revenue 7500, 1200, 300, 80 of 9080; the share above each is 0, 82.6 %, 95.8 %, 99.1 %
    expect(written.abc.map((c) => c?.value)).toEqual(['A', 'B', 'C', 'C']);
    expect(written.abc.every((c) => c?.formula?.startsWith('=IF(AND(KC_AbcMethod="average"'))).toBe(true);
    expect(written.stored).toBe(true);
    await page.screenshot({ path: outputPath('live-formulas-pl.png'), fullPage: true });
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
