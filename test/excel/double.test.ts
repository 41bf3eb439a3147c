/**
 * The in-memory Excel itself: each rule it models of real Excel (see the header of fake/fake-excel.ts
 * for the document or issue behind each), so the pane's tests stand on a double that is as strict as
 * Excel on the web. Expected values come from the rules as the documents state them.
 */
import { FakeWorkbook, PAYLOAD_LIMIT, transportBytes } from './fake/fake-excel';

type Ctx = Excel.RequestContext;

/** Runs a batch on a workbook and returns the error it ended with, or null. */
async function attempt(wb: FakeWorkbook, batch: (ctx: Ctx) => Promise<void>): Promise<(Error & { code?: string }) | null> {
  try {
    await wb.host().run(batch);
    return null;
  } catch (e) {
    return e as Error & { code?: string };
  }
}

function book(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet('S');
  return wb;
}

describe('the double runs requests as Excel does', () => {
  it('applies queued writes only at sync, in order', async () => {
    const wb = book();
    await wb.host().run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[1]];
      expect(wb.sheet('S')!.value(0, 0)).toBe('');
      await ctx.sync();
      expect(wb.sheet('S')!.value(0, 0)).toBe(1);
    });
  });

  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const err = await attempt(book(), async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1');
      void r.values;
    });
    expect(err?.code).toBe('PropertyNotLoaded');
  });

  it('gives a loaded property its value at the sync, not later values', async () => {
    const wb = book();
    await wb.host().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1');
      r.load('values');
      await ctx.sync();
      r.values = [[7]];
      await ctx.sync();
      expect(r.values).toEqual([['']]);
    });
  });

  it('rejects a request above 5 MB whole: nothing of it is applied', async () => {
    const wb = book();
    const err = await attempt(wb, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [['first']];
      ws.getRange('A2').values = [['x'.repeat(PAYLOAD_LIMIT)]];
      await ctx.sync();
    });
    expect(err?.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(wb.sheet('S')!.value(0, 0)).toBe('');
  });

  it('rejects a request that writes more cells than the limit whole, with GeneralException', async () => {
    const wb = book();
    wb.maxCellsPerRequest = 100;
    const err = await attempt(wb, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [['first']];
      ws.getRangeByIndexes(1, 0, 10, 10).values = Array.from({ length: 10 }, () => new Array(10).fill(1));
      await ctx.sync();
    });
    expect(err?.code).toBe('GeneralException');
    expect(wb.sheet('S')!.value(0, 0)).toBe('');
  });

  it('keeps the commands before a failing one and runs none after it', async () => {
    const wb = book();
    const err = await attempt(wb, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [['before']];
      ctx.workbook.worksheets.getItem('Missing').getRange('A1').values = [['x']];
      ws.getRange('A2').values = [['after']];
      await ctx.sync();
    });
    expect(err?.code).toBe('ItemNotFound');
    expect(wb.sheet('S')!.values(0, 0, 2, 1)).toEqual([['before'], ['']]);
  });

  it('measures the request as the web transport sends it: a quote 2 bytes, a Cyrillic letter 7', () => {
    expect(transportBytes('["ab"]')).toBe(8);
    expect(transportBytes('"Ж"')).toBe(2 + 7 + 2);
  });

  it('gives null for values of a range above the read limit, without an error', async () => {
    const wb = book();
    wb.readCellLimit = 50;
    await wb.host().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, 10, 6);
      r.load('values');
      await ctx.sync();
      expect(r.values).toBeNull();
    });
  });

  it('fails a request that uses an API above the host version with ApiNotFound', async () => {
    const wb = book();
    wb.apiVersion = '1.10';
    const err = await attempt(wb, async (ctx) => {
      ctx.workbook.application.cultureInfo.load('name');
      await ctx.sync();
    });
    expect(err?.code).toBe('ApiNotFound');
  });
});

describe('the double stores written strings as Excel does', () => {
  async function write(value: string, format: string) {
    const wb = book();
    await wb.host().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1');
      r.numberFormat = [[format]];
      r.values = [[value]];
      await ctx.sync();
    });
    return wb.sheet('S')!.cell(0, 0)!;
  }

  it('takes a string starting with = + - @ as a formula in a General cell', async () => {
    expect((await write('-Acme', 'General')).formula).toBe('-Acme');
  });

  it('takes a number-like, percent, ISO date or TRUE string as that value in a General cell', async () => {
    expect([(await write('0042', 'General')).value, (await write('80%', 'General')).value, (await write('2024-01-31', 'General')).value, (await write('TRUE', 'General')).value]).toEqual([42, 0.8, 45322, true]);
  });

  it("stores a string after a quote prefix as text, without the apostrophe", async () => {
    const cell = await write("'=1+2", 'General');
    expect([cell.value, cell.quotePrefix, cell.formula]).toEqual(['=1+2', true, undefined]);
  });

  it('marks an apostrophe or a formula-like string written into a text-formatted cell as undocumented', async () => {
    expect((await write("'-Acme", '@')).undocumented).toBeDefined();
    expect((await write('=1+2', '@')).undocumented).toBeDefined();
    expect((await write('Acme', '@')).undocumented).toBeUndefined();
  });
});

describe('the double models the workbook as Excel keeps it', () => {
  it('names table columns as Excel does: a blank ColumnN, a number its text, a repeat Name2', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S', [['Name', '', 2024, 'name'], [1, 2, 3, 4]]);
    await wb.host().run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').tables.add('A1:D2', true);
      await ctx.sync();
    });
    expect(s.values(0, 0, 1, 4)[0]).toEqual(['Name', 'Column2', '2024', 'name2']);
  });

  it('gives a table with a totals row a data body without it', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S', [['Client', 'Amount'], ['A', 1], ['B', 2], ['Total', 3]]);
    s.addTable('T', 'A1:B4', { showTotals: true });
    await wb.host().run(async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load('items/name');
      await ctx.sync();
      const whole = tables.items[0].getRange().load('address');
      const body = tables.items[0].getDataBodyRange().load('address');
      await ctx.sync();
      expect([whole.address, body.address]).toEqual(['S!A1:B4', 'S!A2:B3']);
    });
  });

  it('reports rowHidden true, false or null and the visible rows as areas', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S', [['a'], ['b'], ['c'], ['d']]);
    s.hiddenRows.add(1);
    await wb.host().run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      const all = ws.getRange('A1:A4').load('rowHidden');
      const one = ws.getRange('A2').load('rowHidden');
      const none = ws.getRange('A3:A4').load('rowHidden');
      const visible = ws.getRange('A1:A4').getSpecialCellsOrNullObject('Visible' as Excel.SpecialCellType.visible).load('address');
      await ctx.sync();
      expect([all.rowHidden, one.rowHidden, none.rowHidden, visible.address]).toEqual([null, true, false, 'S!A1,S!A3:A4']);
    });
  });

  it('gives every sheet another id in a new session', () => {
    const wb = book();
    const before = wb.sheets[0].id;
    wb.newSession();
    expect(wb.sheets[0].id).not.toBe(before);
  });

  it('throws from getSelectedRange for a multi-area selection, and counts the areas in getSelectedRanges', async () => {
    const wb = book();
    wb.selectAreas('S', ['A1:B2', 'D4']);
    const err = await attempt(wb, async (ctx) => {
      ctx.workbook.getSelectedRange().load('address');
      await ctx.sync();
    });
    expect(err?.code).toBe('InvalidSelection');
    await wb.host().run(async (ctx) => {
      const areas = ctx.workbook.getSelectedRanges().load('areaCount');
      await ctx.sync();
      expect(areas.areaCount).toBe(2);
    });
  });

  it('throws InvalidSelection from both selection methods when a chart is selected', async () => {
    const wb = book();
    wb.selectChart();
    const err = await attempt(wb, async (ctx) => {
      ctx.workbook.getSelectedRanges().load('areaCount');
      await ctx.sync();
    });
    expect(err?.code).toBe('InvalidSelection');
  });

  it('fails a save of the document settings when told to', async () => {
    const wb = book();
    wb.settingsSaveError = 'the document is read-only';
    await expect(wb.host().settings.save()).rejects.toThrow('read-only');
  });

  it('reports a sheet whose panes were frozen while another was active as the active one (office-js#3148)', async () => {
    const wb = book();
    wb.addSheet('Other');
    await wb.host().run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Other').freezePanes.freezeRows(1);
      await ctx.sync();
    });
    expect([wb.activeSheet!.name, wb.shownSheet!.name]).toEqual(['Other', 'S']);
  });

  it('answers DATE(2000, 1, 1) in the workbook’s date system: 36526 in 1900, 35064 in 1904', async () => {
    const wb = book();
    const date = async () =>
      wb.host().run(async (ctx) => {
        const r = ctx.workbook.functions.date(2000, 1, 1).load('value');
        await ctx.sync();
        return r.value;
      });
    const v1900 = await date();
    wb.date1904 = true;
    expect([v1900, await date()]).toEqual([36526, 35064]);
  });
});
