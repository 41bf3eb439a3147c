/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { readSelection, segmentAndWrite, type SegmentRunResult } from '../../../excel';
import { FakeWorkbook } from '../../../../test/excel/fake/fake-excel';
import type { XyzSuggestion } from '../../../core';
import { fill, strings } from '../../strings';
import { cdnowTransactions } from '../../../../test/core/ltv-data';
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

/** A real run on the CDNOW transaction log (client, date, amount) as of 1997-09-30: both models fitted. */
async function cdnowRun(): Promise<SegmentRunResult> {
  const tx = cdnowTransactions();
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const rows: (string | number)[][] = [['Client', 'Date', 'Amount'], ...Array.from(tx.client, (c, i) => [String(c + 1), iso(tx.day[i]), tx.amount[i]])];
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', 'A1');
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host), { settings: { asOf: '1997-09-30' } });
}

/** A dated run of 3 clients, 1 of them a repeat buyer: too few for the model. */
async function smallRun(): Promise<SegmentRunResult> {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', [['Client', 'Date', 'Amount'], ['A', '2024-01-10', 100], ['A', '2024-03-05', 50], ['B', '2024-02-01', 80], ['C', '2024-05-05', 70]]);
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
    // the reasons in Russian, with the sheet row numbers: "строка 7: поле «сумма»: «x» — не число"
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

  describe('the Value figures', () => {
    let fitted: SegmentRunResult;
    let small: SegmentRunResult;
    beforeAll(async () => {
      fitted = await cdnowRun();
      small = await smallRun();
    }, 60_000);

    it.each(['en', 'ru', 'pl'] as const)('ResultPanel({ s: %s }) shows the CLV and expected purchases of the horizon and the key clients probably gone', (lang) => {
      const s = renderPanel(fitted, lang);
      const ltv = fitted.result.ltv!;
      expect(screen.getByText(s.resultValue)).toBeTruthy();
      expect(screen.getByText(fill(s.resultClv, { months: 12 }))).toBeTruthy();
      expect(screen.getByText(fill(s.resultExpected, { months: 12 }))).toBeTruthy();
      // the text matcher compares with the node's text after turning its spaces (the no-break space of
      // ru and pl digit groups too) into plain ones
      const total = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(ltv.totalClv!).replace(/\s/g, ' ');
      expect(screen.getByText(total)).toBeTruthy();
      const low = screen.getByText(s.resultLowPAlive).previousSibling as HTMLElement;
      expect(low.textContent).toBe(String(ltv.keyClientsLowPAlive));
    });

    it('ResultPanel shows the fitted CDNOW parameters to 4 significant digits: the published r 0.2426, alpha 4.414, a 0.7929, b 2.426', () => {
      renderPanel(fitted, 'en');
      expect(screen.getByText('BG/NBD: r 0.2426, alpha 4.414, a 0.7929, b 2.426')).toBeTruthy();
      expect(screen.getByText(/^Gamma-Gamma: p 6\.25, q 3\.74\d, gamma 15\.4\d$/)).toBeTruthy();
    });

    it('ResultPanel writes the parameters with the decimal comma in Russian', () => {
      renderPanel(fitted, 'ru');
      expect(screen.getByText('BG/NBD: r 0,2426, alpha 4,414, a 0,7929, b 2,426')).toBeTruthy();
    });

    it('ResultPanel says the models were not fitted on too little data, with blanks for the totals', () => {
      const s = renderPanel(small, 'pl');
      expect(screen.getByText('BG/NBD: nie oszacowano')).toBeTruthy();
      expect(screen.getByText('Gamma-Gamma: nie oszacowano')).toBeTruthy();
      const clv = screen.getByText(fill(s.resultClv, { months: 12 })).previousSibling as HTMLElement;
      expect(clv.textContent).toBe('–');
    });

    it('ResultPanel has no Value figures for a run without dates', () => {
      const s = renderPanel(clean, 'en');
      expect(screen.queryByText(s.resultValue)).toBeNull();
    });
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

  it('ResultPanel shows the Value figures of a dated run beside the XYZ advice card', async () => {
    const run = await runQuarterly('pl');
    const s = renderPanel(run, 'pl', jest.fn());
    expect(screen.getByText(s.resultValue)).toBeTruthy();
    expect(screen.getByRole('button', { name: s.xyzApply })).toBeTruthy();
  });

  it('ResultPanel puts the KPIs of the period first, then the Value figures, the XYZ advice card and the warnings', async () => {
    const run = await runQuarterly('en');
    const s = renderPanel(run, 'en', jest.fn());
    const parts = [screen.getByText(s.kpiTitle), screen.getByText(s.resultValue), screen.getByRole('button', { name: s.xyzApply }), screen.getByText(s.warnings)];
    for (let i = 1; i < parts.length; i++) expect(parts[i - 1].compareDocumentPosition(parts[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('ResultPanel without a way to apply it keeps the advice among the warnings', async () => {
    const run = await runQuarterly('en');
    const at = run.result.warnings.findIndex((w) => w.code === 'xyzOneClass');
    renderPanel(run, 'en');
    expect(screen.getByText(run.model.warnings[at]).tagName).toBe('LI');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
