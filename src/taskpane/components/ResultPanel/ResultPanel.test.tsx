/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { readSelection, segmentAndWrite, type SegmentRunResult } from '../../../excel';
import { FakeWorkbook } from '../../../../test/excel/fake/fake-excel';
import { fill, strings } from '../../strings';
import { ResultPanel } from './ResultPanel';

/** A real run on the in-memory workbook: 3 good rows, `bad` rows without an amount. */
async function runWith(bad: number): Promise<SegmentRunResult> {
  const rows: (string | number)[][] = [['Client', 'Amount'], ['Alpha', 500], ['Beta', 300], ['=Gamma', 100]];
  for (let i = 0; i < bad; i++) rows.push([`Bad ${i}`, 'n/a']);
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', 'A1');
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host));
}

function renderPanel(run: SegmentRunResult, lang: 'en' | 'ru' | 'pl') {
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <ResultPanel run={run} s={s} />
    </FluentProvider>,
  );
  return s;
}

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

describe('ResultPanel', () => {
  let clean: SegmentRunResult;
  let skipped: SegmentRunResult;
  beforeAll(async () => {
    clean = await runWith(0);
    skipped = await runWith(25);
  });

  it.each(['en', 'ru', 'pl'] as const)('ResultPanel({ s: %s }) shows the counts and the sheets written, labelled in that language', (lang) => {
    const s = renderPanel(clean, lang);
    const panel = screen.getByRole('region', { name: s.done });
    expect(panel.textContent).toContain(s.resultClients);
    expect(panel.textContent).toContain(s.resultSheets);
    for (const w of clean.written.sheets) expect(panel.textContent).toContain(w.name);
    expect(screen.getByText(String(clean.result.summary.clients))).toBeTruthy();
    expect(screen.queryByText(new RegExp(s.skippedRows))).toBeNull();
  });

  it('ResultPanel lists the first 20 skipped rows and says how many more there are', () => {
    const s = renderPanel(skipped, 'ru');
    expect(screen.getByText(new RegExp(`${s.skippedRows}: 25`))).toBeTruthy();
    // the reasons in Russian, with the sheet row numbers: "строка 7: поле «сумма» 'x' не число"
    const reasons = screen.getAllByRole('listitem').map((li) => li.textContent ?? '').filter((t) => /^строка \d+: поле «/.test(t));
    expect(reasons).toHaveLength(20);
    expect(reasons[0]).toMatch(new RegExp(`^строка ${skipped.result.skipped[0].row}: `));
    expect(screen.getByText(fill(s.skippedMore, { n: 5 }))).toBeTruthy();
  });

  it('ResultPanel names the range it read and the rows left out', () => {
    const run: SegmentRunResult = { ...clean, leftOut: { hidden: 3, totals: 1 } };
    const s = renderPanel(run, 'en');
    expect(screen.getByText('Read from Sales!A1:B4')).toBeTruthy();
    expect(screen.getByText(fill(s.resultHidden, { n: 3 }))).toBeTruthy();
    expect(screen.getByText(fill(s.resultTotals, { n: 1 }))).toBeTruthy();
  });

  it('ResultPanel shows the notes of the writer under the warnings', () => {
    const run: SegmentRunResult = { ...clean, written: { ...clean.written, notes: ['the Pareto chart needs ExcelApi 1.9'] } };
    const s = renderPanel(run, 'pl');
    expect(screen.getByText(s.warnings)).toBeTruthy();
    expect(screen.getByText('the Pareto chart needs ExcelApi 1.9')).toBeTruthy();
  });
});
