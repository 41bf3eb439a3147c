/**
 * The Segment tab in Russian at a 350 px task pane, over the bundled sample under a three-row title
 * block (issue 9 items 1, 2 and 10, issue 7 item 11): the preview starts under the header row it found
 * and keeps the client column in view; the analysis date shows before the run; "95%" and "31.12.2017"
 * are typed and the run uses them; a bad limit is said next to its field, which gets the focus; the
 * XYZ advice applies in one click and runs again. Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { outputPath } from './harness';
import { openPane } from './pane';
import { sampleCells } from './sample';
import { ru } from '../../src/taskpane/strings/ru';
import { fill } from '../../src/taskpane/strings';

const TITLE = [['Отчёт о продажах за 2014–2017 гг.'], ['Выгрузка из учётной системы'], ['']];

interface Stored {
  settings: { abc?: { limitB?: number }; xyz?: { method?: string; period?: string }; asOf?: string | null; language?: string };
}

describe('the settings in Russian at a 350 px pane', () => {
  let harness: Harness;
  let cells: (string | number | boolean)[][];

  beforeAll(async () => {
    cells = await sampleCells();
    const sheet = [...TITLE, ...cells];
    harness = await openPane({
      sheets: [{ name: 'Продажи', cells: sheet }],
      select: { sheet: 'Продажи', address: `A1:I${sheet.length}` },
      displayLanguage: 'ru-RU',
      viewport: { width: 350, height: 1200 },
      // the regional format of a Russian Excel: day first, with dots
      setup: "wb.culture = { name: 'ru-RU', shortDatePattern: 'dd.MM.yyyy' };",
    });
    await harness.page.getByRole('button', { name: ru.run }).waitFor({ timeout: 30_000 });
    await harness.page.getByText(/Продажи'?!A1:I\d+/).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const stored = () =>
    harness.page.evaluate(() => (window as unknown as { __keyClientsWorkbook: { settings: Map<string, unknown> } }).__keyClientsWorkbook.settings.get('KeyClients.options') as Stored);

  it('finds the header under the title block and starts the preview below it', async () => {
    const page = harness.page;
    await page.getByText(fill(ru.headerBelowTitle, { row: 4, rows: '1–3' })).waitFor();
    const region = page.getByRole('region', { name: ru.previewLabel });
    const firstRow = await region.getByRole('row').nth(1).getByRole('cell').first().textContent();
    expect(firstRow).toBe('5');
  });

  it('keeps the client column of the preview inside the 350 px pane', async () => {
    const region = harness.page.getByRole('region', { name: ru.previewLabel });
    const client = region.getByRole('row').nth(1).getByRole('cell').nth(1);
    await expect(client.textContent()).resolves.toBe(String(cells[1][2]));
    const box = await client.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(350);
    // scrolled sideways, the client column stays in view
    await region.evaluate((el) => el.scrollTo({ left: 400 }));
    const after = await client.boundingBox();
    expect(after!.x).toBeGreaterThanOrEqual(0);
    expect(after!.x + after!.width).toBeLessThanOrEqual(350);
  });

  it('shows the analysis date before the run: the latest date of the selection and its sheet row', async () => {
    // the latest serial date of the sample's Order Date column, found here and not by the engine
    const dates = cells.slice(1).map((r) => r[1] as number);
    const latest = Math.max(...dates);
    const row = dates.indexOf(latest) + 2 + TITLE.length;
    const iso = new Date((latest - 25_569) * 86_400_000).toISOString().slice(0, 10);
    const date = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    await harness.page.getByText(fill(ru.asOfLatest, { date, row })).waitFor();
  });

  it('says a bad limit next to its field, in Russian, puts the cursor there and does not run', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: ru.settings }).click();
    const limitA = page.getByLabel(ru.limitA);
    await limitA.fill('девяносто');
    await page.getByRole('button', { name: ru.run }).click();
    await page.getByText('«девяносто» — не число: введите цифры, дробную часть — через запятую или точку.').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('kc-setting-limitA');
    await expect(page.getByRole('region', { name: ru.done }).count()).resolves.toBe(0);
    await limitA.fill('0,75');
  });

  it('takes "95%" and "31.12.2017" as typed and runs with limit B 0.95 as of 2017-12-31', async () => {
    const page = harness.page;
    await page.getByLabel(ru.limitB).fill('95%');
    await page.getByLabel(ru.asOf).fill('31.12.2017');
    await page.getByText(fill(ru.asOfSet, { date: '31.12.2017' })).waitFor();
    await page.getByRole('button', { name: ru.run }).click();
    await page.getByRole('region', { name: ru.done }).waitFor({ timeout: 60_000 });
    await expect(page.locator('.fui-Field__validationMessage').count()).resolves.toBe(0);
    const { settings } = await stored();
    expect([settings.abc?.limitB, settings.asOf, settings.language]).toEqual([0.95, '2017-12-31', 'ru']);
    await page.screenshot({ path: outputPath('settings-ru.png'), fullPage: true });
  });

  it('applies the XYZ advice in one click and runs again with quarters and frequency', async () => {
    const page = harness.page;
    // with months and CV every client of the sample is Z; quarters + frequency split them (docs/methods.md "XYZ advice")
    const apply = page.getByRole('button', { name: ru.xyzApply });
    await apply.click();
    await page.getByRole('region', { name: ru.done }).waitFor({ timeout: 60_000 });
    const { settings } = await stored();
    expect([settings.xyz?.period, settings.xyz?.method]).toEqual(['quarter', 'frequency']);
    await expect(page.getByRole('combobox', { name: ru.xyzPeriod }).textContent()).resolves.toBe(ru.quarter);
    await expect(apply.count()).resolves.toBe(0);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
