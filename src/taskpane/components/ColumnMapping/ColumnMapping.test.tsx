/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { FIELDS, type ColumnMapping as Mapping } from '../../../core';
import { strings } from '../../strings';
import { ColumnMapping } from './ColumnMapping';

const HEADERS = ['Customer Name', 'Sales', 'Order Date'];

function renderMapping(lang: 'en' | 'ru' | 'pl', mapping: Mapping = { client: 0, amount: 1 }) {
  const onChange = jest.fn();
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <ColumnMapping headers={HEADERS} mapping={mapping} onChange={onChange} s={s} />
    </FluentProvider>,
  );
  return { onChange, s };
}

describe('ColumnMapping', () => {
  it.each(['en', 'ru', 'pl'] as const)('ColumnMapping({ s: %s }) shows one dropdown per field, labelled in that language', (lang) => {
    const { s } = renderMapping(lang);
    for (const f of FIELDS) expect(screen.getByRole('combobox', { name: s.fields[f] })).toBeTruthy();
    expect(screen.getAllByRole('combobox')).toHaveLength(FIELDS.length);
  });

  it('ColumnMapping shows the mapped header, and "(none)" in the language for an unmapped field', () => {
    const { s } = renderMapping('ru');
    expect(screen.getByRole('combobox', { name: s.fields.client }).textContent).toContain('Customer Name');
    expect(screen.getByRole('combobox', { name: s.fields.amount }).textContent).toContain('Sales');
    expect(screen.getByRole('combobox', { name: s.fields.date }).textContent).toContain(s.notMapped);
  });

  it('ColumnMapping calls onChange with the column chosen for a field', () => {
    const { onChange, s } = renderMapping('en');
    fireEvent.click(screen.getByRole('combobox', { name: s.fields.date }));
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Order Date' }));
    expect(onChange).toHaveBeenCalledWith({ client: 0, amount: 1, date: 2 });
  });

  it('ColumnMapping calls onChange without the field when "(none)" is chosen, leaving the mapping prop as it was', () => {
    const mapping = Object.freeze({ client: 0, amount: 1 });
    const { onChange, s } = renderMapping('pl', mapping);
    fireEvent.click(screen.getByRole('combobox', { name: s.fields.amount }));
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: s.notMapped }));
    expect(onChange).toHaveBeenCalledWith({ client: 0 });
    expect(mapping).toEqual({ client: 0, amount: 1 });
  });
});
