/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { readSelection, segmentAndWrite, type SegmentRunResult } from '../../../excel';
import { FakeWorkbook } from '../../../../test/excel/fake/fake-excel';
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
});
