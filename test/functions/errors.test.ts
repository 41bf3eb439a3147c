/**
 * Issue 9 item 11, METHODS.md section 8: the functions' own errors are #VALUE! or #N/A with their
 * message (Excel shows a custom message only on those two codes); #NUM! and #DIV/0! appear only where
 * an input cell holds them. A spilled result stays under the size Excel's runtime can deliver
 * (Excel on the web: 5 MB a request; the runtime re-sends refused requests in 2,000,000-character
 * slices), measured as the runtime serialises it (./excel.ts `invoke`): repeated messages are short,
 * and a result with too many error cells is one error saying so.
 */
import * as fns from '../../src/functions/functions';
import { abcPopulations, ltvFits, RESULT_BUDGET } from '../../src/functions/adapters';
import { column, FakeExcelError, installCustomFunctions, invoke } from './excel';

beforeAll(installCustomFunctions);
beforeEach(() => {
  abcPopulations.clear();
  ltvFits.clear();
});

const MB5 = 5 * 1024 * 1024;
const BGNBD = [['r', 0.2426], ['alpha', 4.414], ['a', 0.7929], ['b', 2.426]];
const GG = [['p', 6.25], ['q', 3.74], ['gamma', 15.44]];

/** Every code a result shows, thrown or in a cell. */
function codes(shown: unknown): string[] {
  if (Array.isArray(shown)) return shown.flatMap(codes);
  return typeof shown === 'string' && shown.startsWith('#') ? [shown] : [];
}

describe('the functions own errors are #VALUE! or #N/A, with a message', () => {
  // each: a call that used to answer #NUM! or #DIV/0! (or would, by the engine's codes), and the code now
  const cases: [string, string, RegExp, () => ReturnType<typeof invoke>][] = [
    ['ABC_CLASS with limit A above limit B', '#VALUE!', /limit A \(0.95\) must be below limit B/, () => invoke(fns.abcClass, column(1, 2), null, 0.95, 0.75)],
    ['ABC_CLASS with limits out of range', '#VALUE!', /ABC limits must be in \(0, 1\]/, () => invoke(fns.abcClass, column(1, 2), null, 120, 130)],
    ['ABC_CLASS "average" with an average <= 0', '#VALUE!', /positive average/, () => invoke(fns.abcClass, column(-3, 1), null, null, null, 'average')],
    ['ABC_CLASS "average" with limits leaving no B', '#VALUE!', /average-method limits/, () => invoke(fns.abcClass, column(1, 2), null, 0.5, 0.5, 'average')],
    ['XYZ_CLASS with limit X above limit Y', '#VALUE!', /CV limits/, () => invoke(fns.xyzClass, [[1, 2]], 0.3, 0.2)],
    ['XYZ_CLASS frequency limits out of order', '#VALUE!', /frequency limits/, () => invoke(fns.xyzClass, [[1, 2]], 0.2, 0.3, 'frequency')],
    ['XYZ_CLASS of one column', '#N/A', /at least two periods/, () => invoke(fns.xyzClass, column(1, 2))],
    ['RFM_SCORE with bins 10', '#VALUE!', /bins must be a whole number from 2 to 9/, () => invoke(fns.rfmScore, column(1, 2), column(1, 2), column(1, 2), 10)],
    ['RENEW_INDEX with max_score -1', '#VALUE!', /max_score must be above 0/, () => invoke(fns.renewIndex, [[1, 2, 3]], null, -1)],
    ['CSI with no answer from 1 to 3', '#N/A', /no answer from 1 to 3 \(2 answers from 8 to 10\)/, () => invoke(fns.csiIndex, column(9, 10, 5))],
    ['CSI with limits out of order', '#VALUE!', /CSI limits/, () => invoke(fns.csiIndex, column(9, 2), 3, 8)],
    ['CSI with an answer of 11', '#VALUE!', /answer 2 \(11\) is outside 0..10/, () => invoke(fns.csiIndex, column(9, 11, 2))],
    ['NPS with no answers', '#N/A', /at least one answer/, () => invoke(fns.npsScore, column('', null))],
    ['NPS with an answer of -1', '#VALUE!', /outside 0..10/, () => invoke(fns.npsScore, column(9, -1))],
    ['RETENTION of an empty first list', '#N/A', /undefined, not 0/, () => invoke(fns.retention, column('', null), column('Acme'))],
    ['CHURN_RATE of an empty first list', '#N/A', /undefined, not 0/, () => invoke(fns.churnRate, [[null]], column('Acme'))],
    ['P_ALIVE with a parameter of 0', '#VALUE!', /r must be above 0/, () => invoke(fns.pAlive, [[1]], [[1]], [[2]], [['r', 0], ['alpha', 1], ['a', 1], ['b', 1]])],
    ['EXPECTED_VALUE with q <= 1', '#VALUE!', /infinite for q <= 1/, () => invoke(fns.expectedValue, [[1]], [[10]], [['p', 1], ['q', 0.9], ['gamma', 1]])],
    ['CLV with 200 months', '#VALUE!', /months must be a whole number from 1 to 120/, () => invoke(fns.clv, [[1]], [[1]], [[2]], [[10]], BGNBD, GG, null, 200)],
  ];

  it.each(cases)('%s: shows %s with its message', (_, code, message, call) => {
    const { shown, result } = call();
    expect(shown).toBe(code);
    expect((result as FakeExcelError).message).toMatch(message);
  });

  it.each([
    ['RFM_SCORE: days below 0, frequency below 0, a number that is no date', () => invoke(fns.rfmScore, column(-1, 5, 0), column(1, -2, 1), column(1, 1, 1), null, null)],
    ['RFM_SCORE (dates): a number that is no Excel date', () => invoke(fns.rfmScore, column(0, 45000, 3e6), column(1, 2, 3), column(1, 2, 3))],
    ['RENEW_INDEX: a score above max_score', () => invoke(fns.renewIndex, [[6, 1, 1], [1, 1, 1]])],
    ['P_ALIVE: x not whole, t_x above T', () => invoke(fns.pAlive, column(1.5, 1), column(1, 9), column(2, 3), BGNBD)],
  ])('%s: each bad cell is #VALUE! with its message, never #NUM!', (_, call) => {
    const { shown, result } = call();
    expect(codes(shown)).not.toContain('#NUM!');
    expect(codes(shown)).toContain('#VALUE!');
    const errors = (result as unknown[][]).flat().filter((v): v is FakeExcelError => v instanceof FakeExcelError);
    for (const e of errors) expect(e.message).toBeTruthy();
  });

  it('passes an input cell\'s own #DIV/0! and #NUM! through, as Excel\'s functions do', () => {
    const { shown } = invoke(fns.abcClass, column(10, { code: '#DIV/0!' }, { code: '#NUM!' }));
    expect(shown).toEqual(column('A', '#DIV/0!', '#NUM!'));
    expect(invoke(fns.npsScore, column(9, '#DIV/0!')).shown).toBe('#DIV/0!');
  });

  it('never makes a #NUM! or #DIV/0! of its own on random bad arguments (seeded)', () => {
    // mulberry32: the same inputs on every run
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };
    const r = prng(11);
    const junk = [-5, 0, 0.5, 1.5, 7, 101, 1e9, -1e9, 'x', '50%', '', null, true, 'share', 'average', 'cv', 'frequency'];
    const pick = () => junk[Math.floor(r() * junk.length)];
    const grid = () => Array.from({ length: 1 + Math.floor(r() * 6) }, () => Array.from({ length: 2 }, pick));
    const calls: (() => ReturnType<typeof invoke>)[] = [
      () => invoke(fns.abcClass, grid(), r() < 0.3 ? grid() : null, pick(), pick(), pick(), r() < 0.3 ? grid() : null),
      () => invoke(fns.xyzClass, grid(), pick(), pick(), pick()),
      () => {
        const g = grid();
        return invoke(fns.rfmScore, g, g, g, pick(), pick());
      },
      () => invoke(fns.renewIndex, grid(), r() < 0.5 ? [[pick(), pick()]] : null, pick()),
      () => invoke(fns.csiIndex, grid(), pick(), pick()),
      () => invoke(fns.npsScore, grid()),
      () => invoke(fns.retention, grid(), grid()),
      () => {
        const g = grid();
        return invoke(fns.clv, g, g, g, g, r() < 0.5 ? BGNBD : grid(), r() < 0.5 ? GG : grid(), pick(), pick(), pick());
      },
      () => {
        const g = grid();
        return invoke(fns.expectedPurchases, g, g, g, r() < 0.5 ? BGNBD : grid(), pick());
      },
    ];
    for (let i = 0; i < 600; i++) {
      const { shown } = calls[i % calls.length]();
      const own = codes(shown).filter((c) => c === '#NUM!' || c === '#DIV/0!');
      expect({ call: i, own }).toEqual({ call: i, own: [] });
    }
  });
});

describe('the size of a spilled result as Excel receives it', () => {
  const N = 100_000;

  it('a 100,000-cell spill of error cells is one error, a few hundred bytes instead of 17 MB', () => {
    const { shown, result, bytes } = invoke(fns.abcClass, column(...Array.from({ length: N }, (_, i) => `n/a ${i}`)));
    expect(shown).toBe('#VALUE!');
    expect((result as FakeExcelError).message).toMatch(/^100,000 of 100,000 cells are errors, more than one spilled result can send to Excel; the first, row 1: value 'n\/a 0' is not a number/);
    expect(bytes).toBeLessThan(1000);
  });

  it('100,000 RFM clients with a blank frequency are one #N/A, not 100,000 of them', () => {
    const days = column(...Array.from({ length: N }, (_, i) => 45000 + (i % 700)));
    const blank = column(...new Array(N).fill(null));
    const { shown, result, bytes } = invoke(fns.rfmScore, days, blank, days);
    expect(shown).toBe('#N/A');
    expect((result as FakeExcelError).message).toMatch(/frequency is blank: give all three values of a client, or none$/);
    expect(bytes).toBeLessThan(MB5);
  });

  it('a 100,000-cell spill with 5,000 bad cells stays a spill under the budget, the message in full once', () => {
    const values = Array.from({ length: N }, (_, i) => (i % 20 === 3 ? `bad ${i}` : 1 + (i % 977)));
    const { shown, result, bytes } = invoke(fns.abcClass, column(...values));
    expect((shown as unknown[][]).length).toBe(N);
    expect(codes(shown)).toHaveLength(5_000);
    expect(bytes).toBeLessThan(RESULT_BUDGET);
    expect(bytes).toBeLessThan(MB5);
    // 5,000 error cells cost at least 5,000 x 130 bytes as the runtime writes them
    expect(bytes).toBeGreaterThan(5_000 * 130);
    const messages = (result as unknown[][]).flat().filter((v): v is FakeExcelError => v instanceof FakeExcelError).map((e) => e.message);
    expect(messages[0]).toBe("value 'bad 3' is not a number");
    expect(messages.slice(1).every((m) => m === 'not a number')).toBe(true);
  });

  it('a spill of 10,000 bad cells among 100,000 is over the budget (about 2.1 MB as sent) and so one error', () => {
    const values = Array.from({ length: N }, (_, i) => (i % 10 === 3 ? `bad ${i}` : 1 + (i % 977)));
    const { shown, bytes } = invoke(fns.abcClass, column(...values));
    expect(shown).toBe('#VALUE!');
    expect(bytes).toBeLessThan(1000);
  });

  it('a spill with more error cells than the budget holds is one error naming the count and the first', () => {
    // 20,000 errors x about 145 bytes = 2.9 MB > 1.9 MB
    const values = Array.from({ length: N }, (_, i) => (i % 5 === 1 ? '' : i % 5 === 2 ? 'x' : 10));
    const { shown, result } = invoke(fns.abcClass, column(...values));
    expect(shown).toBe('#VALUE!');
    expect((result as FakeExcelError).message).toMatch(/^20,000 of 100,000 cells are errors.*row 3: value 'x' is not a number/);
  });

  it.each([0.01, 0.03, 0.05, 0.07, 0.08, 0.09, 0.1, 0.15])('with a share %s of bad cells the result is a spill under the budget or one error, never a spill over it', (share) => {
    const every = Math.round(1 / share);
    const values = Array.from({ length: N }, (_, i) => (i % every === 0 ? 'bad' : (i * 7919) % 100_003));
    const { shown, bytes } = invoke(fns.abcClass, column(...values));
    if (Array.isArray(shown)) expect(bytes).toBeLessThan(RESULT_BUDGET);
    else expect(shown).toBe('#VALUE!');
  });

  it('keeps the message of a #VALUE! or #N/A cell on the wire, as Excel shows it', () => {
    const { result } = invoke(fns.abcClass, column(10, 'x'));
    const json = JSON.stringify(result);
    expect(json).toContain('"message":"value \'x\' is not a number"');
  });
});
