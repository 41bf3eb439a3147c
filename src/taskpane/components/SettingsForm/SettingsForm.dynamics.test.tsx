/** @jest-environment jsdom */
/** The two settings of the KPIs over time (issue 10) in the settings form: the period in months and the cohort period. */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { strings } from '../../strings';
import { SettingsForm } from './SettingsForm';
import { defaultForm, fromSettingsInput, readForm } from './form';

function renderForm(lang: 'en' | 'ru' | 'pl') {
  const onChange = jest.fn();
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <SettingsForm value={defaultForm(lang)} onChange={onChange} s={s} />
    </FluentProvider>,
  );
  return { onChange, s };
}

describe('SettingsForm: the KPIs over time', () => {
  it.each(['en', 'ru', 'pl'] as const)('SettingsForm({ s: %s }) shows the KPI period (12 months) and the cohort period (quarter) by default', (lang) => {
    const { s } = renderForm(lang);
    expect((screen.getByLabelText(s.windowMonths) as HTMLInputElement).value).toBe('12');
    expect(screen.getByText(s.windowHint)).toBeTruthy();
    expect(screen.getByRole('combobox', { name: s.cohortPeriod }).textContent).toContain(s.cohortQuarter);
  });

  it('SettingsForm calls onChange with the KPI period typed', () => {
    const { onChange, s } = renderForm('en');
    fireEvent.change(screen.getByLabelText(s.windowMonths), { target: { value: '6' } });
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm('en'), windowMonths: '6' });
  });

  it('SettingsForm calls onChange with the cohort period chosen', () => {
    const { onChange, s } = renderForm('ru');
    fireEvent.click(screen.getByRole('combobox', { name: s.cohortPeriod }));
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: s.cohortYear }));
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm('ru'), cohort: 'year' });
  });
});

describe('the form and the stored settings', () => {
  const read = (windowMonths: string, cohort = 'quarter') => readForm({ ...defaultForm('en'), windowMonths, cohort }, { lang: 'en', dateOrder: null });

  it('readForm(form) gives dynamics { windowMonths, cohort } as numbers and keys', () => {
    expect(read(' 6 ', 'month').input.dynamics).toEqual({ windowMonths: 6, cohort: 'month' });
  });

  it('fromSettingsInput(stored) restores them, and the defaults when they were never stored', () => {
    expect(fromSettingsInput({ dynamics: { windowMonths: 24, cohort: 'year' } })).toMatchObject({ windowMonths: '24', cohort: 'year' });
    expect(fromSettingsInput({})).toMatchObject({ windowMonths: '12', cohort: 'quarter' });
  });

  it('readForm(KPI period 61) says under the field that it takes whole months from 1 to 60', () => {
    const r = read('61');
    expect([r.first, r.problems.windowMonths?.message]).toEqual(['windowMonths', 'The window must be a whole number of months from 1 to 60, not 61.']);
  });

  it('readForm(KPI period 12%) says under the field that a % sign does not fit', () => {
    expect(read('12%').problems.windowMonths?.message).toBe("A % sign does not fit here: type a plain number, not '12%'.");
  });
});
