/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { ABC_DEFAULT_LIMITS } from '../../../core';
import { strings } from '../../strings';
import { SettingsForm } from './SettingsForm';
import { defaultForm, type SettingsFormValue } from './form';

function renderForm(lang: 'en' | 'ru' | 'pl', value: SettingsFormValue = defaultForm(), disabled = false) {
  const onChange = jest.fn();
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <SettingsForm value={value} onChange={onChange} s={s} disabled={disabled} />
    </FluentProvider>,
  );
  return { onChange, s };
}

describe('SettingsForm', () => {
  it.each(['en', 'ru', 'pl'] as const)('SettingsForm({ s: %s }) labels every setting in that language and shows the defaults', (lang) => {
    const { s } = renderForm(lang);
    const d = defaultForm();
    for (const label of [s.abcMethod, s.basis, s.xyzMethod, s.xyzPeriod, s.segmentBy]) expect(screen.getByText(label)).toBeTruthy();
    expect((screen.getByLabelText(s.limitA) as HTMLInputElement).value).toBe(d.limitA);
    expect((screen.getByLabelText(s.rfmBins) as HTMLInputElement).value).toBe(d.bins);
    expect((screen.getByLabelText(s.lostDays) as HTMLInputElement).value).toBe(d.lostDays);
    expect(screen.getByText(s.asOfHint)).toBeTruthy();
    expect(screen.getByText(s.abcShare)).toBeTruthy();
  });

  it('SettingsForm calls onChange with the typed text of a limit, the rest unchanged', () => {
    const { onChange, s } = renderForm('en');
    fireEvent.change(screen.getByLabelText(s.limitB), { target: { value: '0,9' } });
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm(), limitB: '0,9' });
  });

  it('SettingsForm calls onChange with the limits of the ABC method chosen', () => {
    const { onChange, s } = renderForm('ru');
    const abc = screen.getAllByRole('combobox')[0];
    fireEvent.click(abc);
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: s.abcAverage }));
    const [a, b] = ABC_DEFAULT_LIMITS.average;
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ abcMethod: 'average', limitA: String(a), limitB: String(b) }));
  });

  it('SettingsForm calls onChange with the dimension chosen for the segment sheets', () => {
    const { onChange, s } = renderForm('pl');
    const boxes = screen.getAllByRole('combobox');
    fireEvent.click(boxes[boxes.length - 1]);
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: s.dimLifecycle }));
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm(), segmentBy: 'lifecycle' });
  });

  it.each(['en', 'ru', 'pl'] as const)('SettingsForm({ s: %s }) shows the LTV horizon and discount rate with their defaults and hint', (lang) => {
    const { s } = renderForm(lang);
    expect((screen.getByLabelText(s.ltvMonths) as HTMLInputElement).value).toBe('12');
    expect((screen.getByLabelText(s.discount) as HTMLInputElement).value).toBe('0.1');
    expect(screen.getByText(s.discountHint)).toBeTruthy();
  });

  it('SettingsForm calls onChange with the typed horizon, the rest unchanged', () => {
    const { onChange, s } = renderForm('en');
    fireEvent.change(screen.getByLabelText(s.ltvMonths), { target: { value: '24' } });
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm(), ltvMonths: '24' });
  });

  it('SettingsForm disables every control while a run is in progress', () => {
    const { s } = renderForm('en', defaultForm(), true);
    expect((screen.getByLabelText(s.limitA) as HTMLInputElement).disabled).toBe(true);
    for (const box of screen.getAllByRole('combobox')) expect(box.hasAttribute('disabled') || box.getAttribute('aria-disabled') === 'true').toBe(true);
  });
});
