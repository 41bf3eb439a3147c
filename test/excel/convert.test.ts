/**
 * "Convert Key Clients formulas to values" (issue 8 item 10) against the strict double: which cells are
 * found, what is written in their place, spilled results, and what is left alone.
 */
import { FakeWorkbook } from './fake/fake-excel';
import { convertKcFormulas, countKcFormulas, isKcFormula, valueForCell } from '../../src/excel';

/** A workbook with KC formulas: a spill on Clients, a fill-down column and a SUM on Data, text results. */
function book(): FakeWorkbook {
  const wb = new FakeWorkbook();
  const clients = wb.addSheet('Clients', [['Client', 'Revenue', 'ABC'], ['Acme', 500], ['Bolt', 300], ['Cyan', 10]]);
  clients.setSpill(1, 2, '=KC.ABC_CLASS(B2:B4)', [['A'], ['B'], ['C']]);
  const data = wb.addSheet('Data', [['Code', 'Total']]);
  data.setCell(1, 0, { value: '555', formula: '=KC.RFM_SCORE(A2)' });
  data.setCell(2, 0, { value: '-', formula: '=IFERROR(KC.RFM_SCORE(A3), "-")' });
  data.setCell(1, 1, { value: 810, formula: '=SUM(Clients!B2:B4)' });
  data.setCell(3, 0, { value: '#BUSY!', formula: '=KC.NPS(A1:A9)' });
  wb.select('Data', 'A1:B4');
  return wb;
}

describe('isKcFormula and valueForCell', () => {
  it('isKcFormula(f) finds a KC. call anywhere in a formula, and nothing else', () => {
    expect(['=KC.ABC_CLASS(B2#)', '=IFERROR(kc.nps(A1:A9),"")', '=SUM(A1)', '=XKC.F(1)', 'KC.ABC_CLASS(B2)', 42].map(isKcFormula)).toEqual([true, true, false, false, false, false]);
  });

  it('valueForCell(v, format) keeps numbers, booleans and errors, prefixes text, and writes text into a text cell as it is', () => {
    expect([valueForCell(1.5, 'General'), valueForCell(true, 'General'), valueForCell('#N/A', 'General'), valueForCell('555', 'General'), valueForCell('555', '@'), valueForCell('', 'General')]).toEqual([1.5, true, '#N/A', "'555", '555', '']);
  });
});

describe('countKcFormulas', () => {
  it('counts the KC formulas of the workbook, a spill once, without changing anything', async () => {
    const wb = book();
    const before = JSON.stringify(wb.sheets.map((s) => s.cells));
    const found = await countKcFormulas(wb.host(), 'workbook');
    expect(found).toEqual({ formulas: 3, cells: 5, sheets: ['Clients', 'Data'], busy: 1 });
    expect(JSON.stringify(wb.sheets.map((s) => s.cells))).toBe(before);
  });

  it('counts only the selected block with the selection scope', async () => {
    const wb = book();
    wb.select('Data', 'A2:A2');
    expect(await countKcFormulas(wb.host(), 'selection')).toEqual({ formulas: 1, cells: 1, sheets: ['Data'], busy: 0 });
  });
});

describe('convertKcFormulas', () => {
  it('replaces a spilled result by all of its values, so the spill does not collapse', async () => {
    const wb = book();
    await convertKcFormulas(wb.host(), 'workbook');
    const s = wb.sheet('Clients')!;
    expect(s.values(1, 2, 3, 1)).toEqual([['A'], ['B'], ['C']]);
    expect([0, 1, 2].map((r) => s.cell(1 + r, 2)?.formula)).toEqual([undefined, undefined, undefined]);
  });

  it('keeps a text result such as "555" as text, not a number', async () => {
    const wb = book();
    await convertKcFormulas(wb.host(), 'workbook');
    expect(wb.sheet('Data')!.cell(1, 0)).toMatchObject({ value: '555', quotePrefix: true });
  });

  it('leaves other formulas, and KC formulas still calculating, as they are', async () => {
    const wb = book();
    const out = await convertKcFormulas(wb.host(), 'workbook');
    const data = wb.sheet('Data')!;
    expect([data.cell(1, 1)?.formula, data.cell(3, 0)?.formula, out.busy]).toEqual(['=SUM(Clients!B2:B4)', '=KC.NPS(A1:A9)', 1]);
  });

  it('converts on the active sheet only with the sheet scope', async () => {
    const wb = book();
    wb.activeSheet = wb.sheet('Data')!;
    await convertKcFormulas(wb.host(), 'sheet');
    expect([wb.sheet('Data')!.cell(2, 0)?.formula, wb.sheet('Clients')!.cell(1, 2)?.formula]).toEqual([undefined, '=KC.ABC_CLASS(B2:B4)']);
  });

  it('writes in requests Excel accepts, re-sending a refused one in halves', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S');
    for (let r = 0; r < 3000; r++) s.setCell(r, 0, { value: r, formula: `=KC.ABC_CLASS(B${r + 1}, $B$1:$B$3000)` });
    wb.activeSheet = s;
    wb.maxCellsPerRequest = 700;
    const out = await convertKcFormulas(wb.host(), 'sheet');
    expect(out.formulas).toBe(3000);
    expect(s.cells.filter((line) => line?.[0]?.formula).length).toBe(0);
    expect(wb.syncs.some((x) => x.failed === 'GeneralException')).toBe(true);
  });

  it('refuses below ExcelApi 1.12, where a spilled result cannot be found', async () => {
    const wb = book();
    wb.apiVersion = '1.11';
    await expect(convertKcFormulas(wb.host(), 'workbook')).rejects.toMatchObject({ code: 'convertUnsupported' });
  });

  it('refuses a selection of several blocks', async () => {
    const wb = book();
    wb.selectAreas('Data', ['A1', 'B2']);
    await expect(countKcFormulas(wb.host(), 'selection')).rejects.toMatchObject({ code: 'multipleAreas' });
  });
});
