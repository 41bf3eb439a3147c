/**
 * The pane's writer with live formulas (issue 8 item 8) against the strict double: names defined at
 * the Summary's cells, formulas written over the engine's values once the tables exist, in requests that
 * do not suspend calculation, table names as Excel gave them, a second run, manual calculation, a host
 * that refuses the formulas. The double records formulas without calculating them (its header says
 * why): the values are LibreOffice's business (test/independent/live-formulas.test.ts).
 */
import { FakeWorkbook, type FakeSheet } from './fake/fake-excel';
import { isKcFormula, readSelection, segmentAndWrite, withTableNames, type SegmentRunResult } from '../../src/excel';
import { liveTexts } from '../../src/core/i18n/live';
import { LIVE_NAMES, type ReportModel, type ReportTable } from '../../src/core';
import { salesRows } from './sales-data';

function workbookWith(rows: (string | number)[][]): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('Sales', rows);
  wb.select('Sales', 'A1');
  return wb;
}

async function run(wb: FakeWorkbook, formulas = true): Promise<SegmentRunResult> {
  const host = wb.host();
  return segmentAndWrite(host, await readSelection(host), { settings: { formulas, language: 'en' } });
}

const clientsTable = (m: ReportModel) => m.sheets[0].blocks[0] as ReportTable;

/** The formula cells of a sheet: "row,col" to the formula. */
function formulaCells(s: FakeSheet): Map<string, string> {
  const out = new Map<string, string>();
  s.cells.forEach((line, r) => line?.forEach((c, col) => c?.formula && out.set(`${r},${col}`, c.formula)));
  return out;
}

describe('writeReport with live formulas', () => {
  it('writes "=" and the model formula in every cell of each live column, over the engine value', async () => {
    const wb = workbookWith(salesRows(600, 60));
    const out = await run(wb);
    const t = clientsTable(out.model);
    const ws = wb.sheet('Clients')!;
    const table = ws.tables[0];
    const abc = t.columns.findIndex((c) => c.key === 'abc');
    for (let i = 0; i < t.rows.length; i++) {
      const cell = ws.cell(table.row + 1 + i, abc)!;
      expect([i, cell.formula, cell.value]).toEqual([i, `=${t.columns[abc].formula}`, t.rows[i][abc]]);
    }
    const live = t.columns.filter((c) => c.formula).length;
    expect(formulaCells(ws).size).toBe(live * t.rows.length);
    expect(out.written.formulas).toBe(formulaCells(ws).size + formulaCells(wb.sheet('Summary')!).size + formulaCells(wb.sheet('Revenue by period')!).size);
  });

  it('names each setting workbook-wide at its cell of the Summary (Workbook.names.add)', async () => {
    const wb = workbookWith(salesRows(600, 60));
    const out = await run(wb);
    const summary = wb.sheet('Summary')!;
    const settings = summary.tables.find((x) => x.name === 'KC_Settings')!;
    const rows = (out.model.sheets[1].blocks.find((b): b is ReportTable => b.kind === 'table' && b.tableName === 'KC_Settings'))!.rows;
    expect([...wb.names.keys()]).toEqual(rows.map((r) => r[2]));
    rows.forEach((r, i) => expect(wb.names.get(String(r[2]))).toBe(`=Summary!$B$${settings.row + 2 + i}`));
    expect(summary.value(settings.row + 1 + rows.findIndex((r) => r[2] === LIVE_NAMES.limitA), 1)).toBe(0.75);
  });

  it('writes the formulas in requests that let Excel calculate, and the values in suspended ones', async () => {
    const wb = workbookWith(salesRows(600, 60));
    await run(wb);
    const withFormulas = wb.syncs.filter((s) => s.formulaCells > 0);
    expect(withFormulas.length).toBeGreaterThan(0);
    expect(withFormulas.every((s) => !s.calculationSuspended && !s.failed)).toBe(true);
    // the values of step 4 still go in suspended requests (the pivot's few cells do not)
    expect(wb.syncs.filter((s) => s.cells > 0 && s.formulaCells === 0 && s.calculationSuspended).length).toBeGreaterThan(0);
    expect(wb.syncs.some((s) => s.formulaCells > 0 && s.cells > s.formulaCells)).toBe(false);
  });

  it('splits the formulas into requests within the cell cap, and writes them all', async () => {
    const wb = workbookWith(salesRows(3000, 400));
    wb.maxCellsPerRequest = 2000;
    const out = await run(wb);
    const t = clientsTable(out.model);
    expect(wb.syncs.filter((s) => s.formulaCells > 0).length).toBeGreaterThan(1);
    expect(wb.syncs.every((s) => s.cells <= 2000 || s.failed)).toBe(true);
    expect(formulaCells(wb.sheet('Clients')!).size).toBe(t.columns.filter((c) => c.formula).length * t.rows.length);
  });

  it('points the names of the last run at the new cells on a second run (NamedItem.formula), without an error', async () => {
    const wb = workbookWith(salesRows(600, 60));
    await run(wb);
    wb.names.set(LIVE_NAMES.limitA, '=#REF!');
    const second = await run(wb);
    expect(second.written.notes).toEqual([]);
    const settings = wb.sheet('Summary')!.tables.find((x) => x.name === 'KC_Settings')!;
    expect(wb.names.get(LIVE_NAMES.limitA)).toBe(`='Summary'!$B$${settings.row + 2 + 2}`);
  });

  it('follows a table Excel named KC_Clients_2 (the user has a KC_Clients): the formulas refer to it, not to the user table', async () => {
    const wb = workbookWith(salesRows(600, 60));
    const mine = wb.addSheet('Mine', [['Revenue', 'Other'], [1, 2]]);
    mine.addTable('KC_Clients', 'A1:B2');
    const out = await run(wb);
    expect(out.written.tables).toContain('KC_Clients_2');
    const formulas = [...formulaCells(wb.sheet('Clients')!).values()];
    expect(formulas.every((f) => f.includes('KC_Clients_2[') && !/KC_Clients\[/.test(f))).toBe(true);
    expect(out.written.notes).toEqual([]);
  });

  it('says that F9 recomputes when the workbook calculates by hand', async () => {
    const wb = workbookWith(salesRows(600, 60));
    wb.calculationMode = 'Manual';
    const out = await run(wb);
    expect(out.written.notes).toEqual([liveTexts('en').writer.manual]);
  });

  it('keeps the report, with the engine values, when the host refuses the formulas, and says why', async () => {
    const wb = workbookWith(salesRows(600, 60));
    wb.failAt = { api: 'formulas', nth: 1, code: 'InvalidArgument' };
    const out = await run(wb);
    expect(out.written.formulas).toBe(0);
    expect(out.written.notes).toEqual([`the live formulas could not be written: injected failure of formulas. The sheets hold the values of the run`]);
    const t = clientsTable(out.model);
    const ws = wb.sheet('Clients')!;
    const abc = t.columns.findIndex((c) => c.key === 'abc');
    expect(ws.values(ws.tables[0].row + 1, abc, t.rows.length, 1).map((r) => r[0])).toEqual(t.rows.map((r) => r[abc]));
  });

  it('writes formulas that "Convert Key Clients formulas to values" leaves alone (they call no =KC.* function)', async () => {
    const wb = workbookWith(salesRows(600, 60));
    await run(wb);
    const all = wb.sheets.flatMap((s) => [...formulaCells(s).values()]);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter(isKcFormula)).toEqual([]);
  });

  it('writes no formula and no name without the setting', async () => {
    const wb = workbookWith(salesRows(600, 60));
    const out = await run(wb, false);
    expect(out.written.formulas).toBe(0);
    expect(wb.sheets.every((s) => formulaCells(s).size === 0)).toBe(true);
    expect(wb.names.size).toBe(0);
  });
});

describe('withTableNames(formula, renames)', () => {
  const renames = new Map([['kc_clients', 'KC_Clients_2']]);

  it('renames a table before its brackets, in any case, and nothing else', () => {
    expect(withTableNames('SUMIF(KC_Clients[Revenue],">"&kc_clients[[#This Row],[Revenue]])/KC_ClientsTotal', renames)).toBe('SUMIF(KC_Clients_2[Revenue],">"&KC_Clients_2[[#This Row],[Revenue]])/KC_ClientsTotal');
  });

  it('leaves text constants and the inside of brackets as they are', () => {
    expect(withTableNames('IF(KC_Periods[[KC_Clients[x]]]="KC_Clients[a""b]",1,KC_Clients[A])', renames)).toBe('IF(KC_Periods[[KC_Clients[x]]]="KC_Clients[a""b]",1,KC_Clients_2[A])');
  });

  it('gives the formula unchanged with no renames', () => {
    expect(withTableNames('KC_Clients[A]', new Map())).toBe('KC_Clients[A]');
  });
});
