/**
 * Keyboard and screen-reader basics of the task pane in Chromium: every input has a name, Tab reaches
 * the primary button, the progress is announced through a live region, and errors are alerts.
 * Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { openPane } from './pane';
import { sampleCells } from './sample';

/** Inputs, dropdowns and text areas of the page without an accessible name. */
function unnamedControls(harness: Harness): Promise<string[]> {
  return harness.page.evaluate(() => {
    const textOf = (ids: string) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
    return [...document.querySelectorAll('input, select, textarea, [role=combobox], [role=listbox], [role=progressbar]')]
      .filter((el) => {
        const aria = el.getAttribute('aria-label')?.trim();
        const by = el.getAttribute('aria-labelledby');
        const labels = (el as HTMLInputElement).labels;
        const labelled = labels ? [...labels].some((l) => l.textContent?.trim()) : false;
        return !(aria || (by && textOf(by)) || labelled);
      })
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

describe('the task pane for keyboard and screen-reader users', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openPane({ sheets: [{ name: 'Sales', cells: await sampleCells() }], select: { sheet: 'Sales', address: 'B2' } });
    await harness.page.getByText(/Source: Sales!A1:I\d+/).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('gives every input, dropdown and the progress bar a label', async () => {
    await harness.page.getByRole('button', { name: 'Settings' }).click();
    await harness.page.getByLabel('Limit A').waitFor();
    const count = await harness.page.locator('input, [role=combobox]').count();
    expect(count).toBeGreaterThan(20); // 9 columns + 14 settings
    await expect(unnamedControls(harness)).resolves.toEqual([]);
  });

  it('lets Tab reach "Segment clients" from the top of the pane', async () => {
    const page = harness.page;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Segment clients');
    }
    expect(reached).toBe(true);
  });

  it('announces the stages of the run in a polite live region, and Enter starts it', async () => {
    const page = harness.page;
    // record what the live regions say while the run goes on
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { __said: string[] }).__said = said;
      for (const region of document.querySelectorAll('[aria-live=polite]')) {
        new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, subtree: true, characterData: true });
      }
    });
    await page.keyboard.press('Enter'); // focus is on "Segment clients" after the previous test
    await page.getByRole('region', { name: 'Done' }).waitFor({ timeout: 60_000 });
    const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
    expect(said).toEqual(expect.arrayContaining(['Segmenting…']));
  });

  it('shows an error as an alert: an empty selection on the Segment tab', async () => {
    const page = harness.page;
    await page.evaluate(() => {
      const wb = (window as unknown as { __keyClientsWorkbook: { addSheet(n: string): void; select(s: string, a: string): void } }).__keyClientsWorkbook;
      wb.addSheet('Empty');
      wb.select('Empty', 'C3');
    });
    await page.getByRole('button', { name: 'Use selection' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('The selection is empty');
  });

  it('shows an error as an alert: an empty selection on the Refused leads tab', async () => {
    const page = harness.page;
    await page.getByRole('tab', { name: 'Refused leads' }).click();
    await page.getByRole('button', { name: 'Rank leads' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('The selection is empty');
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
