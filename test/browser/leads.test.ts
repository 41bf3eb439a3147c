/**
 * The "Refused leads" tab in Chromium over the in-memory workbook: a sheet of refused leads is
 * selected, the pane ranks them by the renew index (METHODS.md section 6) with the recontact dates,
 * and writes the ranking to a sheet. Needs dist/ (`npm run build`) and /usr/bin/chromium.
 */
import type { Harness } from './harness';
import { outputPath } from './harness';
import { openPane, writtenSheets, type CellValue } from './pane';

/** Excel serial number of a calendar date (days since 1899-12-30). */
const serial = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;

// Three criteria scored 1-5, the deadline of the project the lead gave to another supplier, and the
// launch date of that project. Dates are serial numbers, as Excel hands them to the add-in.
const LEADS: CellValue[][] = [
  ['Lead', 'Brand strength', 'Order attractiveness', 'Refusal status', 'Deadline', 'Launch date'],
  ['Northwind', 5, 4, 3, serial('2025-03-31'), serial('2025-04-15')], // row 2
  ['Contoso', 3, 5, 5, serial('2025-06-30'), serial('2025-07-01')], // row 3
  ['Fabrikam', 2, 2, '', serial('2025-05-20'), serial('2025-06-01')], // row 4: one criterion blank
  ['Adatum', '', '', '', serial('2025-04-01'), serial('2025-04-20')], // row 5: every criterion blank
  ['Litware', 4, 4, 4, '', serial('2025-05-10')], // row 6: no deadline
  ['Tailspin', 1, 2, 1, serial('2025-09-01'), ''], // row 7: no launch date
];

// Worked by hand (renew = sum of the three scores; deadline - 14 days; launch + 60 days):
//   Contoso   3+5+5 = 13   2025-06-30 - 14 = 2025-06-16   2025-07-01 + 60 = 2025-08-30 (30 to Jul 31, 30 more)
//   Northwind 5+4+3 = 12   2025-03-31 - 14 = 2025-03-17   2025-04-15 + 60 = 2025-06-14 (15 to Apr 30, 31 in May, 14)
//   Litware   4+4+4 = 12   no deadline                    2025-05-10 + 60 = 2025-07-09 (21 to May 31, 30 in June, 9)
//   Tailspin  1+2+1 = 4    2025-09-01 - 14 = 2025-08-18   no launch
//   Fabrikam  error: "Refusal status" is blank; listed last, unranked, still with its dates
//             2025-05-20 - 14 = 2025-05-06                2025-06-01 + 60 = 2025-07-31 (29 to Jun 30, 31 in July)
//   Adatum    every criterion blank: left out
// Northwind and Litware tie at 12: sheet order keeps Northwind (row 2) before Litware (row 6).
const EXPECTED = [
  { rank: 1, lead: 'Contoso', renew: 13, beforeDeadline: '2025-06-16', afterLaunch: '2025-08-30', row: 3, error: '' },
  { rank: 2, lead: 'Northwind', renew: 12, beforeDeadline: '2025-03-17', afterLaunch: '2025-06-14', row: 2, error: '' },
  { rank: 3, lead: 'Litware', renew: 12, beforeDeadline: '', afterLaunch: '2025-07-09', row: 6, error: '' },
  { rank: 4, lead: 'Tailspin', renew: 4, beforeDeadline: '2025-08-18', afterLaunch: '', row: 7, error: '' },
  { rank: '', lead: 'Fabrikam', renew: '', beforeDeadline: '2025-05-06', afterLaunch: '2025-07-31', row: 4, error: 'Refusal status is blank' },
];

describe('the Refused leads tab in Chromium over the in-memory workbook', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openPane({
      sheets: [{ name: 'Leads', cells: LEADS }],
      select: { sheet: 'Leads', address: 'A1:F7' },
      // a narrow task pane: the table must fit without scrolling sideways
      viewport: { width: 350, height: 800 },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('ranks the selected leads by the renew index and shows the ranking with the recontact dates', async () => {
    const page = harness.page;
    await page.getByRole('tab', { name: 'Refused leads' }).click();
    await page.getByRole('button', { name: 'Rank leads' }).click();
    const table = page.getByRole('table', { name: 'Refused leads ranked by the renew index' });
    await table.waitFor({ timeout: 30_000 });
    await expect(page.getByText('Criteria: Brand strength, Order attractiveness, Refusal status').count()).resolves.toBe(1);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Rank', 'Lead', 'Renew index', 'Call before deadline', 'Call after launch', 'Row']);
    const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    // a lead with an error is unranked, and the reason takes the whole width of the row under it
    expect(shown).toEqual(
      EXPECTED.flatMap((e) => [
        [String(e.rank), e.lead, String(e.renew), e.beforeDeadline, e.afterLaunch, String(e.row)],
        ...(e.error ? [[expect.stringMatching(new RegExp(`^Not ranked: ${e.error}`))]] : []),
      ]),
    );
  });

  it('writes the ranking to a sheet: ranks, renew index, dates as dates, the error lead last with its reason', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Write the ranking to a sheet' }).click();
    await page.getByText('Written to the sheet “Refused leads”.').waitFor({ timeout: 30_000 });
    const sheets = await writtenSheets(harness, ['Refused leads']);
    expect(sheets.map((s) => s.name)).toEqual(['Leads', 'Refused leads']);
    const sheet = sheets[1];
    const table = sheet.tables.find((t) => t.name === 'KC_Leads')!;
    expect(table).toBeDefined();
    const header = sheet.cells[table.row].slice(table.col, table.col + table.cols).map((c) => c.value);
    expect(header).toEqual(['Rank', 'Lead', 'Renew index', 'Call before deadline', 'Call after launch', 'Row', 'Problem']);
    const body = sheet.cells.slice(table.row + 1, table.row + table.rows).map((line) => line.slice(table.col, table.col + table.cols));
    expect(body.map((line) => line.map((c) => c.value))).toEqual(
      EXPECTED.map((e) => [
        e.rank,
        e.lead,
        e.renew,
        e.beforeDeadline ? serial(e.beforeDeadline) : '',
        e.afterLaunch ? serial(e.afterLaunch) : '',
        e.row,
        e.error ? expect.stringContaining(e.error) : '',
      ]),
    );
    // the recontact dates carry a date format, so Excel shows 2025-06-16 and not 45824
    expect(body[0][3].numberFormat).toBe('yyyy-mm-dd');
    expect(body[0][4].numberFormat).toBe('yyyy-mm-dd');
    await page.screenshot({ path: outputPath('leads.png'), fullPage: true });
  });

  it('fits the ranking into a 350 px pane without a sideways scroll', async () => {
    const table = harness.page.getByRole('table', { name: 'Refused leads ranked by the renew index' });
    const { scroll, client } = await table.evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
  });

  it('leaves the selected leads as they were', async () => {
    const [leads] = await writtenSheets(harness, ['Leads']);
    expect(leads.cells.map((line) => line.map((c) => c.value))).toEqual(LEADS);
  });

  it('writes no error to the console', () => {
    expect(harness.errors).toEqual([]);
  });
});
