/**
 * The LTV settings of the pane (the horizon and the discount rate) kept in the workbook like the other
 * settings: the form's text, the settings the engine runs with, the workbook's document settings, and
 * back into the form when the workbook is opened again.
 */
import { FakeWorkbook } from './fake/fake-excel';
import { loadOptions, readSelection, segmentAndWrite } from '../../src/excel';
import { defaultForm, fromSettingsInput, toSettingsInput } from '../../src/taskpane/components/SettingsForm/form';
import { salesRows } from './sales-data';

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

  it('toSettingsInput(form with horizon "24" and discount "8") gives ltv { months: 24, discount: 8 }', () => {
    expect(toSettingsInput({ ...defaultForm(), ltvMonths: '24', discount: '8' }).ltv).toEqual({ months: 24, discount: 8 });
  });

  it('toSettingsInput(form with discount "0,08") reads the decimal comma', () => {
    expect(toSettingsInput({ ...defaultForm(), discount: '0,08' }).ltv).toEqual({ months: 12, discount: 0.08 });
  });

  it('a run with horizon 24 and discount 8 uses 24 months at 8 %, stores them, and a workbook opened again shows them in the form', async () => {
    const wb = workbook();
    const host = wb.host();
    const form = { ...defaultForm(), ltvMonths: '24', discount: '8' };
    const run = await segmentAndWrite(host, await readSelection(host), { settings: toSettingsInput(form) });
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
