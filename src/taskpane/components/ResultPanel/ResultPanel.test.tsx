/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { readSelection, segmentAndWrite, type SegmentRunResult } from '../../../excel';
import { FakeWorkbook } from '../../../../test/excel/fake/fake-excel';
import type { XyzSuggestion } from '../../../core';
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

function renderPanel(run: SegmentRunResult, lang: 'en' | 'ru' | 'pl', onApplyXyz?: (s: XyzSuggestion) => void) {
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <ResultPanel run={run} s={s} onApplyXyz={onApplyXyz} />
    </FluentProvider>,
  );
  return s;
}

/**
 * Ten clients who buy in the first month of every quarter, 2023 and 2024: nine alternate 100 and 140,
 * one always buys 100. By month (22 months, 14 without a purchase) every CV is above 1: all Z. By
 * quarter (8 quarters) the constant buyer's CV is 0 (X) and the others' 20 / 120 = 0.167 (Y): X 1, Y 9,
 * Z 0, and 9 of 10 is not over 90 %, so quarters + CV (the first other pair) split them.
 */
async function runQuarterly(lang: 'en' | 'ru' | 'pl'): Promise<SegmentRunResult> {
  const rows: (string | number)[][] = [['Client', 'Amount', 'Date']];
  for (const year of [2023, 2024]) {
    for (const month of ['01', '04', '07', '10']) {
      const even = month === '01' || month === '07';
      for (let c = 1; c <= 9; c++) rows.push([`Alternating ${c}`, even ? 100 : 140, `${year}-${month}-15`]);
      rows.push(['Constant', 100, `${year}-${month}-15`]);
    }
  }
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', 'A1');
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host), { settings: { language: lang } });
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

  it.each(['en', 'ru', 'pl'] as const)('ResultPanel (%s) shows the XYZ advice once, as a card with its button, not again among the warnings', async (lang) => {
    const run = await runQuarterly(lang);
    const at = run.result.warnings.findIndex((w) => w.code === 'xyzOneClass');
    const s = renderPanel(run, lang, jest.fn());
    expect(screen.getAllByText(run.model.warnings[at])).toHaveLength(1);
    expect(screen.getByRole('button', { name: s.xyzApply })).toBeTruthy();
  });

  it('ResultPanel applies the suggestion of the engine: quarters + CV, X 1, Y 9, Z 0', async () => {
    const run = await runQuarterly('ru');
    const onApply = jest.fn();
    const s = renderPanel(run, 'ru', onApply);
    fireEvent.click(screen.getByRole('button', { name: s.xyzApply }));
    expect(onApply).toHaveBeenCalledWith({ period: 'quarter', method: 'cv', limitX: 0.1, limitY: 0.25, counts: { X: 1, Y: 9, Z: 0 } });
  });

  it('ResultPanel without a way to apply it keeps the advice among the warnings', async () => {
    const run = await runQuarterly('en');
    const at = run.result.warnings.findIndex((w) => w.code === 'xyzOneClass');
    renderPanel(run, 'en');
    expect(screen.getByText(run.model.warnings[at]).tagName).toBe('LI');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
