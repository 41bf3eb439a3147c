/**
 * The task pane in Russian and Polish (Office.context.displayLanguage ru-RU / pl-PL) at a narrow
 * task-pane width: it segments the bundled sample, writes sheets named in that language, and shows no
 * English in its tabs, buttons, field labels and settings. Saves test/output/taskpane-ru.png and
 * taskpane-pl.png. Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { outputPath } from './harness';
import { openPane } from './pane';
import { sampleCells } from './sample';
import { en, type Strings } from '../../src/taskpane/strings/en';
import { ru } from '../../src/taskpane/strings/ru';
import { pl } from '../../src/taskpane/strings/pl';

/** Every visible string of a language, flattened. */
function texts(s: Strings): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(s);
  return out;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}]{3,}/gu) ?? [];

/** Words of the English strings that the other language does not use itself (so "Region" in Polish is fine). */
function englishOnly(other: Strings): Set<string> {
  const theirs = new Set(texts(other).flatMap(words));
  return new Set(texts(en).flatMap(words).filter((w) => !theirs.has(w)));
}

/**
 * Latin-script words a Russian pane may show: the product's name, the methods and their classes (A, B,
 * X...), the LTV models' names, notation and parameter names as R and Python print them (LTV, CLV,
 * BG/NBD, Gamma-Gamma, P(alive); r, alpha, a, b, p, q, gamma), and the abbreviations NRR and GRR that
 * name two KPIs over time beside their Russian names.
 */
const LATIN_IN_RUSSIAN = /^(Key|Clients|ABC|XYZ|RFM|CV|ABC-XYZ|Excel|LibreOffice|NRR|GRR|[A-Z]|LTV|CLV|BG|NBD|Gamma-Gamma|alive|alpha|gamma|[a-z])$/;

const CASES = [
  { tag: 'ru-RU', s: ru, sheets: ['Клиенты', 'Сводка'] },
  { tag: 'pl-PL', s: pl, sheets: ['Klienci', 'Podsumowanie'] },
] as const;

describe.each(CASES)('the task pane in $tag at a narrow width', ({ tag, s, sheets }) => {
  let harness: Harness;
  let headers: string[] = [];

  beforeAll(async () => {
    const cells = await sampleCells();
    headers = cells[0].map(String);
    harness = await openPane({
      sheets: [{ name: 'Sales', cells }],
      select: { sheet: 'Sales', address: 'B2' },
      displayLanguage: tag,
      viewport: { width: 350, height: 900 },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('segments the sample and writes sheets named in that language', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: s.run }).waitFor({ timeout: 30_000 });
    await page.getByText(/Sales!A1:I\d+/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: s.settings }).click();
    await page.getByRole('button', { name: s.run }).click();
    await page.getByRole('region', { name: s.done }).waitFor({ timeout: 60_000 });
    const names = await page.evaluate(() => (window as unknown as { __keyClientsWorkbook: { sheets: Array<{ name: string }> } }).__keyClientsWorkbook.sheets.map((x) => x.name));
    expect(names).toEqual(expect.arrayContaining(['Sales', ...sheets, s.chart.pivotSheet]));
    expect(names).not.toContain('Clients');
    expect(names).not.toContain('Summary');
    await page.screenshot({ path: outputPath(`taskpane-${tag.slice(0, 2)}.png`), fullPage: true });
    // with the columns, preview, settings and result open, nothing is wider than the pane
    await expect(overflowing()).resolves.toEqual([]);
  });

  /** The visible tabs, buttons, labels, hints, our dropdowns' values and the result, as text. */
  const visibleLabels = () =>
    harness.page.evaluate((dataHeaders) => {
      const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
      const text = (sel: string) => [...document.querySelectorAll(sel)].filter(visible).map((el) => (el as HTMLElement).innerText.trim()).filter(Boolean);
      return [
        ...text('[role=tab], button:not([role=combobox]), label, .fui-Field__hint, .fui-Field__validationMessage, h1, h2, h3'),
        // the dropdowns of the settings show our words; those of the column mapping show the data's headers
        ...text('[role=combobox]').filter((t) => !dataHeaders.includes(t)),
        ...text('section[aria-label]'),
      ];
    }, headers);

  const expectNoEnglish = (all: string[]) => {
    // an address such as "Sales!A1:I9995" names the data's sheet: the data's words, not ours
    const shown = all.map((t) => t.replace(/\S+![A-Z]+\d+(:[A-Z]+\d+)?/g, ''));
    const english = englishOnly(s);
    expect(shown.filter((t) => words(t).some((w) => english.has(w)))).toEqual([]);
    if (tag === 'ru-RU') {
      const latin = shown.flatMap((t) => t.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((w) => !LATIN_IN_RUSSIAN.test(w));
      expect(latin).toEqual([]);
    }
  };

  it('shows no English in its tabs, buttons, field labels, settings and result', async () => {
    const shown = await visibleLabels();
    expect(shown.length).toBeGreaterThan(30);
    expectNoEnglish(shown);
  });

  it('shows no English on the refused-leads tab either', async () => {
    await harness.page.getByRole('tab', { name: s.tabLeads }).click();
    await harness.page.getByRole('button', { name: s.leadsRank }).waitFor();
    const shown = await visibleLabels();
    expect(shown).toEqual(expect.arrayContaining([s.tabSegment, s.tabLeads, s.leadsRank, s.leadsWrite]));
    expectNoEnglish(shown);
    const intro = await harness.page.getByText(s.leadsIntro).textContent();
    expectNoEnglish([intro ?? '']);
  });

  it('shows no English on the formulas tab either', async () => {
    await harness.page.getByRole('tab', { name: s.tabFormulas }).click();
    await harness.page.getByRole('button', { name: s.convert }).waitFor();
    const shown = await visibleLabels();
    expect(shown).toEqual(expect.arrayContaining([s.tabFormulas, s.convert, s.scopeSelection, s.scopeSheet, s.scopeWorkbook]));
    expectNoEnglish(shown);
    await expect(overflowing()).resolves.toEqual([]);
    await harness.page.getByRole('tab', { name: s.tabLeads }).click();
  });

  /** Elements of the pane that stick out of the window (tables scroll sideways in their own box). */
  const overflowing = () =>
    harness.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter((el) => !el.closest('table'))
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map((el) => `${el.tagName}.${el.className}: ${(el as HTMLElement).innerText?.slice(0, 40)}`);
    });

  it('fits the narrow pane: nothing on the leads tab is wider than the window', async () => {
    await expect(overflowing()).resolves.toEqual([]);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
