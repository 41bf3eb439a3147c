/**
 * taskpane.html opened outside Office, in a plain browser tab: the real office.js of dist/ (no fake
 * Office), which reports no Office host, and the case where office.js does not load at all (Microsoft's
 * CDN unreachable; here the request is aborted). The page must say calmly, in the browser's language,
 * to open the add-in inside Excel, and must not try to segment ("Excel is not defined").
 * Saves test/output/outside-office-<lang>.png. Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { openHarness, outputPath } from './harness';
import { en } from '../../src/taskpane/strings/en';
import { ru } from '../../src/taskpane/strings/ru';
import { pl } from '../../src/taskpane/strings/pl';

const CASES = [
  { locale: 'en-US', lang: 'en', s: en },
  { locale: 'ru-RU', lang: 'ru', s: ru },
  { locale: 'pl-PL', lang: 'pl', s: pl },
] as const;

describe.each(CASES)('taskpane.html in a plain browser tab in $locale', ({ locale, lang, s }) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness({ locale });
    await harness.page.goto(`${harness.baseUrl}/taskpane.html`);
    await harness.page.getByRole('heading', { name: s.outside.heading }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('says to open the add-in inside Excel, and where to find it there', async () => {
    const text = await harness.page.locator('main').innerText();
    expect(text).toContain(s.outside.body);
    expect(text).toContain(s.outside.where);
    expect(text).toContain(s.outside.missing);
    await harness.page.screenshot({ path: outputPath(`outside-office-${lang}.png`), fullPage: true });
  });

  it('marks the page as being in that language', async () => {
    expect(await harness.page.evaluate(() => document.documentElement.lang)).toBe(lang);
  });

  it('shows neither the pane nor an error', async () => {
    expect(await harness.page.getByRole('tab').count()).toBe(0);
    expect(await harness.page.getByRole('alert').count()).toBe(0);
    expect(await harness.page.locator('body').innerText()).not.toMatch(/Excel is not defined|Could not segment/);
  });

  it('does not say that office.js failed, because it loaded', async () => {
    expect(await harness.page.locator('body').innerText()).not.toContain(s.outside.noOffice);
  });

  it('links the manifest next to the page for an administrator', async () => {
    const href = await harness.page.getByRole('link', { name: 'manifest.xml' }).evaluate((a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${harness.baseUrl}/manifest.xml`);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});

describe('taskpane.html in a plain browser tab where office.js cannot load', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness({ locale: 'en-US' });
    await harness.page.route('**/office-js/**', (route) => route.abort('blockedbyclient'));
    await harness.page.goto(`${harness.baseUrl}/taskpane.html`);
    await harness.page.getByRole('heading', { name: en.outside.heading }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('still says to open the add-in inside Excel, and that office.js did not load', async () => {
    const text = await harness.page.locator('main').innerText();
    expect(text).toContain(en.outside.where);
    expect(text).toContain(en.outside.noOffice);
  });

  it('does not try to start the pane', () => {
    expect(harness.errors.filter((e) => /Office is not defined|Excel is not defined/.test(e))).toEqual([]);
  });
});
