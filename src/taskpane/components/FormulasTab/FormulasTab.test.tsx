/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { FakeWorkbook } from '../../../../test/excel/fake/fake-excel';
import { createActions } from '../../actions';
import { fill, strings } from '../../strings';
import { FormulasTab } from './FormulasTab';

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

/** A workbook with one spilled =KC.ABC_CLASS result on the sheet Report. */
function book(): FakeWorkbook {
  const wb = new FakeWorkbook();
  const s = wb.addSheet('Report', [['Client', 'ABC'], ['Acme'], ['Bolt']]);
  s.setSpill(1, 1, '=KC.ABC_CLASS(C2:C3)', [['A'], ['C']]);
  wb.select('Report', 'A1:B3');
  return wb;
}

function renderTab(wb: FakeWorkbook, lang: 'en' | 'ru' | 'pl' = 'en') {
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <FormulasTab actions={createActions(wb.host())} s={s} />
    </FluentProvider>,
  );
  return s;
}

describe('FormulasTab', () => {
  it.each(['en', 'ru', 'pl'] as const)('FormulasTab({ s: %s }) asks for a confirmation that counts the formulas before converting', async (lang) => {
    const wb = book();
    const s = renderTab(wb, lang);
    await act(async () => fireEvent.click(screen.getByText(s.convert)));
    await screen.findByText(s.convertTitle);
    expect(screen.getByText(fill(s.convertBody, { formulas: 1, cells: 2, sheets: 'Report' }))).toBeTruthy();
    expect(wb.sheet('Report')!.cell(1, 1)?.formula).toBe('=KC.ABC_CLASS(C2:C3)');
  });

  it('FormulasTab converts after "Convert" and says what it did', async () => {
    const wb = book();
    const s = renderTab(wb);
    await act(async () => fireEvent.click(screen.getByText(s.convert)));
    await act(async () => fireEvent.click(await screen.findByText(s.convertYes)));
    await screen.findByText(fill(s.convertDone, { formulas: 1, cells: 2, sheets: 'Report' }));
    expect(wb.sheet('Report')!.cell(1, 1)?.formula).toBeUndefined();
    expect(wb.sheet('Report')!.values(1, 1, 2, 1)).toEqual([['A'], ['C']]);
  });

  it('FormulasTab changes nothing when the user cancels', async () => {
    const wb = book();
    const s = renderTab(wb);
    await act(async () => fireEvent.click(screen.getByText(s.convert)));
    await act(async () => fireEvent.click(await screen.findByText(s.convertNo)));
    await waitFor(() => expect(screen.queryByText(s.convertTitle)).toBeNull());
    expect(wb.sheet('Report')!.cell(1, 1)?.formula).toBe('=KC.ABC_CLASS(C2:C3)');
  });

  it('FormulasTab says so when the scope holds no Key Clients formula', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Empty', [['x']]);
    wb.select('Empty', 'A1');
    const s = renderTab(wb);
    await act(async () => fireEvent.click(screen.getByText(s.convert)));
    await screen.findByText(s.convertNone);
  });
});
