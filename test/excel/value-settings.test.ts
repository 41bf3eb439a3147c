/**
 * The LTV settings of the pane (the horizon and the discount rate) kept in the workbook like the other
 * settings: the form's text, the settings the engine runs with, the workbook's document settings, and
 * back into the form when the workbook is opened again.
 */
import { FakeWorkbook } from './fake/fake-excel';
import { loadOptions, readSelection, segmentAndWrite } from '../../src/excel';
import { defaultForm, fromSettingsInput, readForm, type SettingsFormValue } from '../../src/taskpane/components/SettingsForm/form';
import { salesRows } from './sales-data';

/** The settings input of a form read as the pane reads it (English, day-first dates). */
const inputOf = (form: SettingsFormValue) => readForm(form, { lang: 'en', dateOrder: 'dmy' }).input;

/** The message shown under each field with a problem, of a form read in a language. */
function messages(form: SettingsFormValue, lang: 'en' | 'ru' | 'pl' = 'en'): Record<string, string | undefined> {
  const { problems } = readForm(form, { lang, dateOrder: 'dmy' });
  return Object.fromEntries(Object.entries(problems).map(([id, p]) => [id, p?.message]));
}

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', salesRows(3000, 150));
  wb.select('Sales', 'A1');
  return wb;
}

describe('the LTV settings of the pane, stored in the workbook', () => {
  it('defaultForm() holds the horizon 12 and the discount 0.1 as text', () => {
    expect([defaultForm().ltvMonths, defaultForm().discount]).toEqual(['12', '0.1']);
  });

  it('readForm(form with horizon "24" and discount "8") gives ltv { months: 24, discount: 8 }', () => {
    expect(inputOf({ ...defaultForm(), ltvMonths: '24', discount: '8' }).ltv).toEqual({ months: 24, discount: 8 });
  });

  it.each(['0,1', '0.1', '10%', '10 %'])('readForm(form with discount %p) gives the discount 0.10, as --discount reads it', (text) => {
    expect(inputOf({ ...defaultForm(), discount: text }).ltv).toEqual({ months: 12, discount: 0.1 });
  });

  it('readForm(form with discount "0,5%") is half a percent, not 50 %', () => {
    expect(inputOf({ ...defaultForm(), discount: '0,5%' }).ltv?.discount).toBeCloseTo(0.005, 12);
  });

  it('readForm(form with discount "150%") says under the discount field that a percent goes up to 100 %', () => {
    expect(messages({ ...defaultForm(), discount: '150%' })).toEqual({ discount: "Type a percent from 0 % to 100 %, not '150%'." });
  });

  it('readForm(form with horizon "12%") says under the horizon field that a % sign does not fit', () => {
    expect(messages({ ...defaultForm(), ltvMonths: '12%' })).toEqual({ ltvMonths: "A % sign does not fit here: type a plain number, not '12%'." });
  });

  it('readForm(form with horizon "0" and discount "-5") says both, each under its field, in Russian', () => {
    expect(messages({ ...defaultForm('ru'), ltvMonths: '0', discount: '-5' }, 'ru')).toEqual({
      ltvMonths: 'Горизонт LTV должен быть целым числом месяцев от 1 до 120, а не 0.',
      discount: 'Годовая ставка дисконтирования должна быть от 0 до 1 или в процентах до 100 (10 — это 10 %), а не -5.',
    });
  });

  it('readForm(form with horizon "12,5") says the horizon must be a whole number of months', () => {
    expect(messages({ ...defaultForm(), ltvMonths: '12,5' })).toEqual({ ltvMonths: 'The LTV horizon must be a whole number of months from 1 to 120, not 12.5.' });
  });

  it('a run with horizon 24 and discount 8 uses 24 months at 8 %, stores them, and a workbook opened again shows them in the form', async () => {
    const wb = workbook();
    const host = wb.host();
    const form = { ...defaultForm(), ltvMonths: '24', discount: '8' };
    const run = await segmentAndWrite(host, await readSelection(host), { settings: inputOf(form) });
    expect([run.result.ltv!.months, run.result.ltv!.discount]).toEqual([24, 0.08]);
    // a colleague opens the workbook: the options come back from the document settings
    const stored = loadOptions(wb.host());
    expect(stored?.settings.ltv).toEqual({ months: 24, discount: 8 });
    expect(fromSettingsInput(stored!.settings)).toEqual(form);
  });

  it('fromSettingsInput(settings stored before the LTV existed) shows the default horizon and discount', () => {
    const old = fromSettingsInput({ abc: { limitA: 0.8 } });
    expect([old.ltvMonths, old.discount]).toEqual(['12', '0.1']);
  });
});
