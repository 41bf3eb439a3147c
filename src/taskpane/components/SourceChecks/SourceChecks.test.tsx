/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { SourceRange } from '../../../excel';
import { fill, strings } from '../../strings';
import { SourceChecks } from './SourceChecks';

const base: SourceRange = {
  values: [['Client', 'Amount'], ['Acme', 1]],
  address: 'Sales!A1:B2',
  sheet: 'Sales',
  firstRow: 1,
  firstColumn: 0,
  rowCount: 2,
  columnCount: 2,
  origin: 'selection',
  hiddenRows: [],
  totalsRows: [],
  dateSystem: 1900,
  dateOrder: 'dmy',
};

function renderChecks(source: SourceRange, lang: 'en' | 'ru' | 'pl' = 'en') {
  const onRows = jest.fn();
  const onDateSystem = jest.fn();
  const s = strings(lang);
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <SourceChecks source={source} rows={null} onRows={onRows} dateSystem={null} onDateSystem={onDateSystem} s={s} />
    </FluentProvider>,
  );
  return { onRows, onDateSystem, s, view };
}

describe('SourceChecks', () => {
  it('SourceChecks says nothing for a plain range in a 1900 workbook', () => {
    const { view } = renderChecks(base);
    expect(view.container.textContent).toBe('');
  });

  it.each(['en', 'ru', 'pl'] as const)('SourceChecks({ s: %s }) asks which rows to use when rows are hidden, and passes the answer on', (lang) => {
    const { onRows, s } = renderChecks({ ...base, hiddenRows: [3, 4] }, lang);
    expect(screen.getByText(fill(s.hiddenRows, { n: 2 }))).toBeTruthy();
    expect(screen.getByText(s.chooseRows)).toBeTruthy();
    fireEvent.click(screen.getByLabelText(s.rowsVisible));
    expect(onRows).toHaveBeenCalledWith('visible');
  });

  it('SourceChecks says that a totals row is left out, naming its sheet row', () => {
    const { s } = renderChecks({ ...base, totalsRows: [12] });
    expect(screen.getByText(fill(s.totalsLeftOut, { rows: '12' }))).toBeTruthy();
  });

  it('SourceChecks says the workbook counts dates from 1904 when Excel reports it', () => {
    const { s } = renderChecks({ ...base, dateSystem: 1904 });
    expect(screen.getByText(s.date1904)).toBeTruthy();
  });

  it('SourceChecks asks for the date system when Excel could not tell, and passes the answer on', () => {
    const { s, onDateSystem } = renderChecks({ ...base, dateSystem: null });
    expect(screen.getByText(s.dateSystemQuestion)).toBeTruthy();
    fireEvent.click(screen.getByLabelText(s.date1904Option));
    expect(onDateSystem).toHaveBeenCalledWith(1904);
  });
});
