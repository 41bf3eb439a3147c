/**
 * Issue 10: =KC.RETENTION(previous_clients, current_clients) and =KC.CHURN_RATE, METHODS.md section 9
 * (retentionRate = retained / clientsPrevious, churnRate = churned / clientsPrevious) over two lists of
 * clients compared by the engine's client key (case- and space-insensitive). Expected values by hand.
 */
import { readSales } from '../../src/core';
import { churnRate, retention } from '../../src/functions/functions';
import { column, installCustomFunctions, invoke, thrown } from './excel';

beforeAll(installCustomFunctions);

describe('=KC.RETENTION(previous_clients, current_clients)', () => {
  it('is the share of the first list\'s distinct clients found in the second: Acme, Bolt, Core, Acme vs Acme, Dune, Core -> 2 / 3', () => {
    expect(invoke(retention, column('Acme', 'Bolt', 'Core', 'Acme'), column('Acme', 'Dune', 'Core')).shown).toBeCloseTo(2 / 3, 15);
  });

  it('compares names case- and space-insensitively, as the engine does: " ACME  Ltd " is "acme ltd"', () => {
    expect(invoke(retention, column('Acme Ltd', 'Bolt'), column(' ACME  Ltd ', 'bolt')).shown).toBe(1);
  });

  it('folds names exactly as the sales reader does (Cyrillic and Polish letters, inner spaces)', () => {
    const names = ['ООО  Ромашка', 'ооо ромашка', 'ZAKŁAD Ósemka', 'zakład  ósemka', 'Acme'];
    const sales = readSales([['Client', 'Amount'], ...names.map((n) => [n, 1])]);
    // the reader makes 3 clients of the 5 names; the function finds every name of one spelling in the other
    expect(sales.clientNames).toHaveLength(3);
    expect(invoke(retention, column(names[0], names[2], names[4]), column(names[1], names[3])).shown).toBeCloseTo(2 / 3, 15);
  });

  it('reads a number as a client id: 1001 and "1001" are one client', () => {
    expect(invoke(retention, column(1001, 1002), column('1001')).shown).toBe(0.5);
  });

  it('ignores blank cells in both lists and takes ranges of any shape', () => {
    expect(invoke(retention, [['Acme', null], ['', 'Bolt']], [['Bolt', '   ']]).shown).toBe(0.5);
  });

  it('is 0 when no client of the first list is in the second, and 0 for an empty second list', () => {
    expect(invoke(retention, column('Acme', 'Bolt'), column('Core')).shown).toBe(0);
    expect(invoke(retention, column('Acme', 'Bolt'), column(null)).shown).toBe(0);
  });

  it('is #N/A with its message, never 0, when the first list has no client', () => {
    const e = thrown(() => retention(column('', null), column('Acme')));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/previous_clients has no client.*undefined, not 0/);
  });

  it('is #VALUE! naming the cell for TRUE or FALSE in a list, and passes an Excel error in a list through', () => {
    const e = thrown(() => retention(column('Acme', true), column('Acme')));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/previous_clients row 2: TRUE is not a client name/);
    expect(invoke(retention, column('Acme'), column('Bolt', '#N/A')).shown).toBe('#N/A');
  });

  it('gives key-client retention from a filtered first list: 2 of the 3 class A clients are back', () => {
    // previous window: A clients Acme, Bolt, Core (and C client Dune); current buyers: Acme, Core, Dune, Echo
    const previousA = column('Acme', 'Bolt', 'Core');
    expect(invoke(retention, previousA, column('Acme', 'Core', 'Dune', 'Echo')).shown).toBeCloseTo(2 / 3, 15);
  });
});

describe('=KC.CHURN_RATE(previous_clients, current_clients)', () => {
  it('is the share of the first list\'s distinct clients missing from the second: 1 / 3 in the example above', () => {
    expect(invoke(churnRate, column('Acme', 'Bolt', 'Core', 'Acme'), column('acme', 'Dune', 'CORE')).shown).toBeCloseTo(1 / 3, 15);
  });

  it('plus RETENTION is 1 for the same lists', () => {
    const prev = column('A', 'B', 'C', 'D', 'E', 'F', 'G');
    const cur = column('b', 'D ', ' f', 'x');
    expect((invoke(churnRate, prev, cur).shown as number) + (invoke(retention, prev, cur).shown as number)).toBeCloseTo(1, 15);
    expect(invoke(churnRate, prev, cur).shown).toBeCloseTo(4 / 7, 15);
  });

  it('is #N/A with its message when the first list has no client', () => {
    expect(invoke(churnRate, column(null), column('Acme')).shown).toBe('#N/A');
  });
});
