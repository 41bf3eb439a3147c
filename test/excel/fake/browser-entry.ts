/**
 * The in-memory workbook for a browser page (the task pane's browser test): bundled on its own and
 * run before the page loads, it puts `window.KeyClientsFake` there; the test then makes a workbook and
 * installs it as the page's Excel host.
 */
import { FakeWorkbook, installFakeOffice } from './fake-excel';

(window as unknown as Record<string, unknown>).KeyClientsFake = { FakeWorkbook, installFakeOffice };
