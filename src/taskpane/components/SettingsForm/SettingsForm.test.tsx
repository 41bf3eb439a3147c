/** @jest-environment jsdom */
import { useMemo, useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { ABC_DEFAULT_LIMITS, errorText, type Lang, type SlashOrder } from '../../../core';
import { strings } from '../../strings';
import { SettingsForm } from './SettingsForm';
import { SETTINGS_FIELDS, inputId, type FieldId, type FieldSpec } from './fields';
import { applyXyzSuggestion, defaultForm, fromSettingsInput, readForm, visibleProblems, withField, type SettingsFormValue } from './form';

// jsdom has no ResizeObserver; Fluent's positioning (the calendar's popover) watches sizes with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

function renderForm(lang: Lang, value: SettingsFormValue = defaultForm(lang), disabled = false) {
  const onChange = jest.fn();
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <SettingsForm value={value} onChange={onChange} s={s} disabled={disabled} />
    </FluentProvider>,
  );
  return { onChange, s };
}

/** The form as the Segment tab holds it: its state, read by the core on every change, problems shown once a field is left. */
function LiveForm({ lang, dateOrder, focus }: { lang: Lang; dateOrder: SlashOrder; focus?: FieldId }) {
  const [value, setValue] = useState(() => defaultForm(lang));
  const [left, setLeft] = useState<ReadonlySet<FieldId>>(new Set());
  const reading = useMemo(() => readForm(value, { lang, dateOrder }), [value, lang, dateOrder]);
  return (
    <FluentProvider theme={webLightTheme}>
      <SettingsForm
        value={value}
        onChange={setValue}
        s={strings(lang)}
        problems={visibleProblems(reading, left)}
        onLeave={(f) => setLeft((l) => new Set([...l, f]))}
        focus={focus ? { field: focus, n: 1 } : null}
        dateOrder={dateOrder}
      />
      <output data-testid="input">{JSON.stringify(reading.input)}</output>
    </FluentProvider>
  );
}

function renderLive(lang: Lang, dateOrder: SlashOrder = 'dmy', focus?: FieldId) {
  render(<LiveForm lang={lang} dateOrder={dateOrder} focus={focus} />);
  return strings(lang);
}

/** Types a text into a field and leaves it, as a user does. */
function type(field: FieldId, text: string) {
  const input = document.getElementById(inputId(field)) as HTMLInputElement;
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
  return input;
}

/** The validation message shown in the field of an input (Fluent's Field puts it under the control). */
function messageOf(field: FieldId): string | null {
  const input = document.getElementById(inputId(field))!;
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/);
  const message = ids.map((id) => document.getElementById(id)).find((el) => el?.className.includes('fui-Field__validationMessage'));
  return message?.textContent ?? null;
}

const settingsInput = () => JSON.parse(screen.getByTestId('input').textContent ?? '{}');

const TEXT_FIELDS = (SETTINGS_FIELDS as readonly FieldSpec[]).filter((f) => f.kind !== 'choice' && f.kind !== 'switch');
const LANGS = ['en', 'ru', 'pl'] as const;

describe('SettingsForm', () => {
  it.each(LANGS)('SettingsForm({ s: %s }) labels every setting in that language and shows the defaults', (lang) => {
    const { s } = renderForm(lang);
    const d = defaultForm(lang);
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
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm('en'), limitB: '0,9' });
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
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm('pl'), segmentBy: 'lifecycle' });
  });

  it.each([['en', '0.1'], ['ru', '0,1'], ['pl', '0,1']] as const)('SettingsForm({ s: %s }) shows the LTV horizon 12 and the discount rate %s with its hint', (lang, discount) => {
    const { s } = renderForm(lang);
    expect((screen.getByLabelText(s.ltvMonths) as HTMLInputElement).value).toBe('12');
    expect((screen.getByLabelText(s.discount) as HTMLInputElement).value).toBe(discount);
    expect(screen.getByText(s.discountHint)).toBeTruthy();
  });

  it('SettingsForm calls onChange with the typed horizon, the rest unchanged', () => {
    const { onChange, s } = renderForm('en');
    fireEvent.change(screen.getByLabelText(s.ltvMonths), { target: { value: '24' } });
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm(), ltvMonths: '24' });
  });

  it.each(LANGS)('SettingsForm (%s) shows live formulas as a switch, off by default, with its hint', (lang) => {
    const { s } = renderForm(lang);
    const sw = screen.getByRole('switch', { name: s.liveFormulas }) as HTMLInputElement;
    expect(sw.checked).toBe(false);
    expect(screen.getByText(s.liveFormulasHint)).toBeTruthy();
    expect(defaultForm(lang).formulas).toBe('false');
  });

  it('SettingsForm calls onChange with live formulas on when the switch is turned on, the rest unchanged', () => {
    const { onChange, s } = renderForm('en');
    fireEvent.click(screen.getByRole('switch', { name: s.liveFormulas }));
    expect(onChange).toHaveBeenCalledWith({ ...defaultForm('en'), formulas: 'true' });
  });

  it('SettingsForm reads the switch as settings.formulas, and a stored true turns it on', () => {
    expect(readForm({ ...defaultForm('en'), formulas: 'true' }, { lang: 'en', dateOrder: 'dmy' }).input.formulas).toBe(true);
    expect(readForm(defaultForm('en'), { lang: 'en', dateOrder: 'dmy' }).input.formulas).toBe(false);
    expect(fromSettingsInput({ formulas: true }, 'ru').formulas).toBe('true');
    renderForm('pl', fromSettingsInput({ formulas: true }, 'pl'));
    expect((screen.getByRole('switch', { name: strings('pl').liveFormulas }) as HTMLInputElement).checked).toBe(true);
  });

  it('SettingsForm disables every control while a run is in progress', () => {
    const { s } = renderForm('en', defaultForm('en'), true);
    expect((screen.getByLabelText(s.limitA) as HTMLInputElement).disabled).toBe(true);
    for (const box of screen.getAllByRole('combobox')) expect(box.hasAttribute('disabled') || box.getAttribute('aria-disabled') === 'true').toBe(true);
  });

  it('SettingsForm shows the defaults with the decimal comma in Russian and Polish: 0,75', () => {
    for (const lang of ['ru', 'pl'] as const) expect(defaultForm(lang).limitA).toBe('0,75');
    expect(defaultForm('en').limitA).toBe('0.75');
  });
});

describe('SettingsForm: settings that forgive', () => {
  it.each(LANGS)('SettingsForm (%s) takes "95%%", "95", "0,95" and "0.95" as limit B 0.95, with no message', (lang) => {
    renderLive(lang);
    for (const text of ['95%', '95', '0,95', '0.95', '95 %']) {
      const input = type('limitB', text);
      expect(messageOf('limitB')).toBeNull();
      expect(input.getAttribute('aria-invalid')).not.toBe('true');
      // 95 is read as a percent by the engine's rule (METHODS.md section 2): 95 = 0.95
      expect([0.95, 95]).toContain(settingsInput().abc.limitB);
    }
  });

  // every text field in every language: a bad text is said under that field, in that language
  const bad: Record<string, { text: string; key: string }> = {
    limit: { text: 'девяносто', key: 'settingNotNumber' },
    rate: { text: '150%', key: 'settingPercentRange' },
    whole: { text: '12%', key: 'settingNoPercent' },
    date: { text: '31.13.2017', key: 'settingNotDate' },
  };
  it.each(LANGS.flatMap((lang) => TEXT_FIELDS.map((f) => [lang, f.id, f.kind] as const)))('SettingsForm (%s): a bad %s says why under the field, in that language', (lang, id, kind) => {
    renderLive(lang);
    const { text, key } = bad[kind];
    const input = type(id as FieldId, text);
    const example: Record<string, string> = kind === 'date' ? { example: '31.12.2017' } : {};
    expect(messageOf(id as FieldId)).toBe(errorText({ key, params: { value: text, ...example }, message: '' }, lang));
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it.each(LANGS)('SettingsForm (%s) says nothing about a field until the user leaves it', (lang) => {
    renderLive(lang);
    const input = document.getElementById(inputId('bins')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'пять' } });
    expect(messageOf('bins')).toBeNull();
    fireEvent.blur(input);
    expect(messageOf('bins')).not.toBeNull();
    // typing on keeps the message up to date: gone once the text is good
    fireEvent.change(input, { target: { value: '5' } });
    expect(messageOf('bins')).toBeNull();
  });

  it('SettingsForm does not flag a field left for a button (Run shows every message; a message moving Run would swallow the click)', () => {
    renderLive('en');
    const input = document.getElementById(inputId('bins')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'five' } });
    fireEvent.blur(input, { relatedTarget: document.createElement('button') });
    expect(messageOf('bins')).toBeNull();
  });

  it('SettingsForm puts "limit A must be below limit B" under limit A and marks limit B too', () => {
    const s = renderLive('ru');
    type('limitA', '0,95');
    type('limitB', '90%');
    expect(messageOf('limitA')).toBe('Граница A (0,95) должна быть меньше границы B (0,9).');
    expect(messageOf('limitB')).toBeNull();
    expect(screen.getByLabelText(s.limitB).getAttribute('aria-invalid')).toBe('true');
  });

  it('SettingsForm puts "at risk must come before lost" under the at-risk days, in Polish', () => {
    renderLive('pl');
    type('atRiskDays', '400');
    expect(messageOf('atRiskDays')).toBe('Próg „zagrożony” (dni: 400) musi być mniejszy niż próg „utracony” (dni: 365).');
  });

  it.each<[SlashOrder, string]>([
    ['dmy', '31.12.2017'],
    ['dmy', '31/12/2017'],
    ['mdy', '12/31/2017'],
    ['mdy', '2017-12-31'],
  ])('SettingsForm with the regional order %s reads the analysis date "%s" as 2017-12-31', (order, text) => {
    renderLive('ru', order);
    type('asOf', text);
    expect(messageOf('asOf')).toBeNull();
    expect(settingsInput().asOf).toBe('2017-12-31');
  });

  it('SettingsForm leaves the analysis date unset when it is blank: the latest date of the data', () => {
    renderLive('en');
    type('asOf', '');
    expect(settingsInput().asOf).toBeNull();
  });

  it('SettingsForm focuses the field it is asked to (the first with a problem, on Run)', () => {
    renderLive('en', 'dmy', 'lostDays');
    expect(document.activeElement?.id).toBe(inputId('lostDays'));
  });
});

describe('the form values (form.ts)', () => {
  it('readForm gives the settings input of the form and no problem for the defaults', () => {
    const r = readForm(defaultForm('ru'), { lang: 'ru', dateOrder: 'dmy' });
    expect(r.first).toBeNull();
    expect(r.input).toMatchObject({ abc: { method: 'share', limitA: 0.75, limitB: 0.95 }, xyz: { limitX: 0.1, limitY: 0.25 }, rfm: { bins: 5 }, asOf: null });
  });

  it('readForm names the first field with a problem in the order of the form', () => {
    const r = readForm({ ...defaultForm('en'), newDays: 'x', limitY: 'y' }, { lang: 'en', dateOrder: 'dmy' });
    expect(r.first).toBe('limitY');
    expect(Object.keys(r.problems).sort()).toEqual(['limitY', 'newDays']);
  });

  it('withField gives the XYZ limits of the method chosen: frequency 0,75 and 0,25 in Russian', () => {
    expect(withField(defaultForm('ru'), 'xyzMethod', 'frequency', 'ru')).toMatchObject({ xyzMethod: 'frequency', limitX: '0,75', limitY: '0,25' });
  });

  it('applyXyzSuggestion sets the period, the method and its limits of the suggestion', () => {
    const v = applyXyzSuggestion(defaultForm('pl'), { period: 'quarter', method: 'frequency', limitX: 0.75, limitY: 0.25 }, 'pl');
    expect(v).toEqual({ ...defaultForm('pl'), period: 'quarter', xyzMethod: 'frequency', limitX: '0,75', limitY: '0,25' });
  });

  it('fromSettingsInput gives a stored average method its own default limits, and a stored date as yyyy-mm-dd', () => {
    const v = fromSettingsInput({ abc: { method: 'average' }, asOf: '2017-12-31', rfm: { bins: 3 } }, 'ru');
    expect(v).toMatchObject({ abcMethod: 'average', limitA: '6', limitB: '2', asOf: '2017-12-31', bins: '3' });
  });

  it('fromSettingsInput writes a stored date in the regional order when it is given', () => {
    expect(fromSettingsInput({ asOf: '2017-12-31' }, 'en', 'mdy').asOf).toBe('12/31/2017');
  });
});
