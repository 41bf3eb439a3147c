/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { analysisDatePreview, readSales, warningText, type Cell, type Lang, type SlashOrder } from '../../../core';
import { fill, strings } from '../../strings';
import { AnalysisDate } from './AnalysisDate';

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

/** Days since 1970-01-01 of a calendar date (independent of the engine). */
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

const rows = (last: string): Cell[][] => [
  ['Client', 'Amount', 'Date'],
  ['Acme', 100, '2017-11-10'],
  ['Bolt', 50, '2017-12-30'], // sheet row 3
  ['Core', 70, last], // sheet row 4
];

function renderDate(lang: Lang, last: string, asOf: string | null, order: SlashOrder = 'dmy', onChange?: () => void) {
  const preview = analysisDatePreview(readSales(rows(last)), asOf, day(2018, 1, 15));
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <AnalysisDate preview={preview} dateOrder={order} s={s} onChange={onChange} />
    </FluentProvider>,
  );
  return { s, preview };
}

describe('AnalysisDate', () => {
  it.each<[Lang, string]>([
    ['en', 'Analysis date: 30.12.2017, the latest date of the selection (sheet row 3)'],
    ['ru', 'Дата анализа: 30.12.2017 — последняя дата в выделении (строка листа 3)'],
    ['pl', 'Data analizy: 30.12.2017 — ostatnia data w zaznaczeniu (wiersz arkusza 3)'],
  ])('AnalysisDate (%s) shows the latest date of the selection and its sheet row before the run', (lang, text) => {
    renderDate(lang, '2017-12-01', null);
    expect(screen.getByText(text)).toBeTruthy();
  });

  it('AnalysisDate writes the date month first in a month-first region', () => {
    const { s } = renderDate('en', '2017-12-01', null, 'mdy');
    expect(screen.getByText(fill(s.asOfLatest, { date: '12/30/2017', row: 3 }))).toBeTruthy();
  });

  it.each(['en', 'ru', 'pl'] as const)('AnalysisDate (%s) says when the date was set in the settings', (lang) => {
    const { s } = renderDate(lang, '2017-12-01', '2017-12-31');
    expect(screen.getByText(fill(s.asOfSet, { date: '31.12.2017' }))).toBeTruthy();
  });

  it.each(['en', 'ru', 'pl'] as const)('AnalysisDate (%s) shows the engine warning on a latest date after today, naming its row', (lang) => {
    const { preview } = renderDate(lang, '2099-03-05', null);
    expect(preview?.warning?.code).toBe('latestDateFuture');
    expect(screen.getByText(warningText(preview!.warning!, lang))).toBeTruthy();
    expect(screen.getByText(warningText(preview!.warning!, lang)).textContent).toContain(lang === 'en' ? '2099-03-05' : '05.03.2099'); // a date in a sentence as the language writes it
  });

  it('AnalysisDate shows the warning on a latest date far from the rest, before today', () => {
    // 2016-01-10 -> 2017-12-30: 356 days to 2016-12-31 (2016 is a leap year) + 364 = 720 days
    const sales = readSales([['Client', 'Amount', 'Date'], ['Acme', 1, '2016-01-10'], ['Bolt', 2, '2017-12-30']]);
    const preview = analysisDatePreview(sales, null, day(2018, 1, 15));
    render(
      <FluentProvider theme={webLightTheme}>
        <AnalysisDate preview={preview} dateOrder="dmy" s={strings('pl')} />
      </FluentProvider>,
    );
    expect(preview?.warning).toEqual({ code: 'latestDateApart', params: { date: '2017-12-30', row: 3, previous: '2016-01-10', days: 720 } });
    expect(screen.getByText(warningText(preview!.warning!, 'pl'))).toBeTruthy();
  });

  it('AnalysisDate shows no warning and no button when the latest date is fine', () => {
    const { preview } = renderDate('en', '2017-12-01', null);
    expect(preview?.warning).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('AnalysisDate offers to set the analysis date when it warns', () => {
    const onChange = jest.fn();
    const { s } = renderDate('ru', '2099-03-05', null, 'dmy', onChange);
    fireEvent.click(screen.getByRole('button', { name: s.asOfChange }));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('AnalysisDate shows nothing without dates', () => {
    const s = strings('en');
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <AnalysisDate preview={null} dateOrder="dmy" s={s} />
      </FluentProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
