/**
 * Bad input of issue 2's acceptance, straight at the engine: each gets a clear message or a correct
 * result, none crashes.
 */
import { KcError, segmentClients, skippedText, type Cell } from '../../src/core';

function errorOf(f: () => unknown): KcError {
  try {
    f();
  } catch (e) {
    if (e instanceof KcError) return e;
    throw e;
  }
  throw new Error('expected a KcError');
}

const header: Cell[] = ['Client', 'Amount', 'Date'];

describe('segmentClients(bad input)', () => {
  it('segmentClients(a column of #N/A amounts) is an error naming the rows', () => {
    const e = errorOf(() => segmentClients([header, ['A', '#N/A', 45292], ['B', '#N/A', 45293]]));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe("every row is bad (2 skipped), for example row 2: amount '#N/A' is not a number; row 3: amount '#N/A' is not a number");
  });

  it('segmentClients(text in the amount column of some rows) skips and reports just those rows', () => {
    const r = segmentClients([header, ['A', 'lots', 45292], ['B', 100, 45293], ['C', '1 234,56', 45294]]);
    expect(r.clients.map((c) => [c.client, c.revenue])).toEqual([['C', 1234.56], ['B', 100]]);
    expect(r.skipped).toEqual([{ row: 2, reason: "row 2: amount 'lots' is not a number", problem: 'notNumber', field: 'amount', value: 'lots' }]);
  });

  it('skippedText gives the reason in Russian and Polish with the sheet row number', () => {
    const r = segmentClients([header, ['A', 'lots', 45292], ['', 5, 45293], ['B', 100, 45293]], { firstRow: 10 });
    // the header is sheet row 10, so the data rows are 11 and 12
    expect(r.skipped.map((s) => skippedText(s, 'ru'))).toEqual(['строка 11: поле «сумма»: «lots» — не число', 'строка 12: поле «клиент» не заполнено']);
    expect(r.skipped.map((s) => skippedText(s, 'pl'))).toEqual(['wiersz 11: pole „kwota”: „lots” nie jest liczbą', 'wiersz 12: pole „klient” jest puste']);
  });

  it('segmentClients(an empty range) is an error', () => {
    expect(errorOf(() => segmentClients([])).message).toMatch(/the range is empty/);
  });

  it('segmentClients(a range of blank cells) is an error', () => {
    expect(errorOf(() => segmentClients([['', ''], ['', '']])).message).toMatch(/the range is empty/);
  });

  it('segmentClients(a header-only range) is an error', () => {
    expect(errorOf(() => segmentClients([header])).message).toBe('the range has a header but no rows of data');
  });

  it('segmentClients(huge amounts that still add up) gives the exact result', () => {
    // 1e300 + 1e300 = 2e300, well inside double range; shares 2e300 / (2e300 + 1e300) = 2/3
    const r = segmentClients([header, ['A', 1e300, 45292], ['A', 1e300, 45293], ['B', 1e300, 45293]]);
    expect(r.clients[0].revenue).toBe(2e300);
    expect(r.clients[0].revenueShare).toBeCloseTo(2 / 3, 12);
  });

  it('segmentClients(amounts whose sum overflows) is a #NUM! error, not Infinity', () => {
    const e = errorOf(() => segmentClients([header, ['A', 1.5e308, 45292], ['A', 1.5e308, 45293]]));
    expect(e.code).toBe('#NUM!');
    expect(e.message).toMatch(/too large to add up/);
  });

  it('segmentClients(a total of clients that overflows) is a #NUM! error', () => {
    const e = errorOf(() => segmentClients([header, ['A', 1.5e308, 45292], ['B', 1.5e308, 45293]]));
    expect(e.code).toBe('#NUM!');
  });
});
