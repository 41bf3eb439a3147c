/**
 * Smoke test of the browser harness: the built taskpane.html (shared runtime) renders in Chromium with
 * a stubbed office.js, and it loads the custom functions bundle too. Needs dist/ (`npm run build`).
 */
import type { Harness } from './harness';
import { openHarness, outputPath } from './harness';
import { officeStubScript } from './office-stub';

describe('taskpane.html in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness();
    const stub = officeStubScript({ displayLanguage: 'en-US' });
    await harness.page.addInitScript(stub);
    await harness.page.route('**/office-js/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: stub }),
    );
    await harness.page.goto(`${harness.baseUrl}/taskpane.html`);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('renders the "Key Clients" heading after Office.onReady', async () => {
    await harness.page.getByRole('heading', { name: 'Key Clients' }).waitFor({ timeout: 30_000 });
    await harness.page.screenshot({ path: outputPath('smoke-taskpane.png'), fullPage: true });
  });

  it('associates the custom functions in the same page (shared runtime)', async () => {
    const ids = await harness.page.evaluate(() =>
      Object.keys((window as unknown as { __keyClientsAssociated: Record<string, unknown> }).__keyClientsAssociated),
    );
    expect(ids.length).toBeGreaterThan(0);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
