/**
 * Issue 9 item 3: =KC.ABC_CLASS on the sample gives the pane's class for every one of its 793 clients
 * once the profit rule is applied, either by the profit argument or by the documented recipe
 * =IF(profit < 0, "D", KC.ABC_CLASS(revenue)). The expected classes come from the engine
 * (segmentClients, the pane's and the command line's code), which test/independent/superstore.test.ts
 * checks against an independent SQLite computation; the function is what is under test here.
 * Every call goes through the host of ./excel.ts (arguments as JSON, a fresh copy per call).
 */
import { segmentClients, type ClientResult } from '../../src/core';
import { abcClass } from '../../src/functions/functions';
import { abcPopulations } from '../../src/functions/adapters';
import { sampleCells } from '../browser/sample';
import { column, installCustomFunctions, invoke } from './excel';

beforeAll(installCustomFunctions);
beforeEach(() => abcPopulations.clear());

let clients: ClientResult[];
beforeAll(async () => {
  clients = segmentClients(await sampleCells()).clients;
}, 60_000);

const revenue = () => column(...clients.map((c) => c.revenue));
const profit = () => column(...clients.map((c) => c.profit));
const pane = () => clients.map((c) => c.abc);

describe('=KC.ABC_CLASS on the sample (793 clients) against the pane', () => {
  it('has the 793 clients of the sample, each with revenue and profit', () => {
    expect(clients).toHaveLength(793);
    expect(clients.every((c) => typeof c.profit === 'number')).toBe(true);
  });

  it('without profit disagrees with the pane for the 155 clients of issue 9 (the loss makers the pane puts in D)', () => {
    const shown = (invoke(abcClass, revenue()).shown as string[][]).map(([v]) => v);
    const differ = shown.filter((cls, i) => cls !== pane()[i]);
    expect(differ).toHaveLength(155);
    expect(clients.filter((c, i) => shown[i] !== c.abc).every((c) => c.abc === 'D' && (c.profit as number) < 0)).toBe(true);
  });

  it('ABC_CLASS(B2#, , , , , C2#) with the profit column gives the pane class of all 793 clients', () => {
    const shown = (invoke(abcClass, revenue(), null, null, null, null, profit()).shown as string[][]).map(([v]) => v);
    expect(shown).toEqual(pane());
  });

  it('ABC_CLASS(B2, $B$2:$B$794, , , , C2) filled down gives the pane class of all 793 clients, preparing the population once', () => {
    const population = revenue();
    const shown = clients.map((c) => (invoke(abcClass, [[c.revenue]], population, null, null, null, [[c.profit]]).shown as string[][])[0][0]);
    expect(shown).toEqual(pane());
    expect(abcPopulations.stats).toEqual({ builds: 1, hits: 792 });
  });

  it('the recipe =IF(C2 < 0, "D", KC.ABC_CLASS(B2, $B$2:$B$794)) gives the pane class of all 793 clients', () => {
    const population = revenue();
    const shown = clients.map((c) => ((c.profit as number) < 0 ? 'D' : (invoke(abcClass, [[c.revenue]], population).shown as string[][])[0][0]));
    expect(shown).toEqual(pane());
  });
});
