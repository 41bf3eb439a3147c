/**
 * Property-like tests of the six functions over seeded random grids of what Excel can hand them:
 * numbers, 0, negatives, null (an empty cell), "" and spaces, text, numbers written as text, dates
 * as text, TRUE/FALSE, error literals and error objects. Whatever the grid, a function either
 * returns a result of the documented shape, every cell a finite number, a text (blank "" included)
 * or a CustomFunctions.Error, or throws a CustomFunctions.Error; it never throws anything else and
 * never returns NaN. A blank cell (or blank row) gives a blank in its place.
 */
import { abcClass, churnRate, clv, csiIndex, expectedPurchases, expectedValue, npsScore, pAlive, renewIndex, retention, rfmScore, xyzClass } from '../../src/functions/functions';
import { abcPopulations, ltvFits } from '../../src/functions/adapters';
import { FakeExcelError, installCustomFunctions } from './excel';

beforeAll(installCustomFunctions);
beforeEach(() => {
  abcPopulations.clear();
  ltvFits.clear();
});

/** mulberry32 (bench/synthetic.js): a small seeded generator, so a failure can be replayed from its seed. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { prng: random } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };

const CELLS: ((r: () => number) => unknown)[] = [
  (r) => Math.round(r() * 1000),
  (r) => Math.round(r() * 10),
  (r) => -Math.round(r() * 100),
  () => 0,
  () => null,
  () => '',
  () => '   ',
  () => 'Sales',
  () => 'n/a',
  () => '1 234,56',
  () => '(120)',
  () => '80%',
  () => '2024-03-01',
  () => '05/03/2024',
  (r) => 40000 + Math.round(r() * 5000),
  () => true,
  () => false,
  () => '#N/A',
  () => '#REF!',
  () => ({ code: '#DIV/0!' }),
  () => ({ type: 'Error', errorType: 'Num', basicValue: '#NUM!' }),
  () => ({ type: 'Double', basicValue: 12 }),
];

/** Mostly numbers and blanks, with the other kinds sprinkled in. */
function cell(r: () => number): unknown {
  if (r() < 0.55) return CELLS[r() < 0.7 ? 0 : 1](r);
  if (r() < 0.4) return r() < 0.5 ? null : '';
  return CELLS[Math.floor(r() * CELLS.length)](r);
}

function grid(r: () => number, rows: number, cols: number): unknown[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => cell(r)));
}

/** An optional argument as Excel may hand it: omitted (null), a blank cell, 0, a good or a bad value. */
function optional(r: () => number, good: unknown[]): unknown {
  const kinds: unknown[] = r() < 0.8 ? [null, undefined, '', [['']], [[null]], 0, ...good] : ['#N/A', { code: '#NUM!' }, 'junk', -3, 1e9, true];
  return kinds[Math.floor(r() * kinds.length)];
}

const isBlankCell = (c: unknown) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Runs f; returns the result, or undefined when it threw a CustomFunctions.Error. Fails on anything else. */
function call<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof FakeExcelError) {
      expect(typeof e.code).toBe('string');
      expect(e.message).toBeTruthy();
      return undefined;
    }
    throw e;
  }
}

/** Every cell a finite number, a string, or a CustomFunctions.Error with a message. */
function expectCells(out: unknown[][]): void {
  for (const row of out) {
    for (const v of row) {
      if (v instanceof FakeExcelError) expect(v.message).toBeTruthy();
      else if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      else expect(typeof v).toBe('string');
    }
  }
}

function expectShape(out: unknown[][], rows: number, cols: number): void {
  expect(out.length).toBe(rows);
  for (const row of out) expect(row.length).toBe(cols);
}

const SEEDS = Array.from({ length: 80 }, (_, i) => i + 1);

describe('the custom functions over random grids', () => {
  it.each(SEEDS)('ABC_CLASS (spill and fill-down forms) keeps the shape of values and blanks in place (seed %d)', (seed) => {
    const r = random(seed);
    const rows = 1 + Math.floor(r() * 12);
    const cols = 1 + Math.floor(r() * 3);
    const values = grid(r, rows, cols);
    const population = r() < 0.5 ? null : grid(r, 1 + Math.floor(r() * 8), 1);
    const method = optional(r, ['share', 'average', 'AVERAGE']);
    const out = call(() => abcClass(values, population as never, optional(r, [0.8, 80, '80%', 6]), optional(r, [0.95, 95, 2]), method));
    if (out === undefined) return;
    expectShape(out, rows, cols);
    expectCells(out);
    values.forEach((row, i) => row.forEach((c, j) => {
      if (isBlankCell(c)) expect(out[i][j]).toBe('');
      else if (!(out[i][j] instanceof FakeExcelError)) expect(['A', 'B', 'C', 'D']).toContain(out[i][j]);
    }));
  });

  it.each(SEEDS)('XYZ_CLASS gives one cell per row, a blank for a blank row (seed %d)', (seed) => {
    const r = random(seed);
    const rows = 1 + Math.floor(r() * 10);
    const cols = 1 + Math.floor(r() * 6);
    const values = grid(r, rows, cols);
    const out = call(() => xyzClass(values, optional(r, [0.1, 10]), optional(r, [0.25, 25]), optional(r, ['cv', 'frequency'])));
    if (out === undefined) return;
    expectShape(out, rows, 1);
    expectCells(out);
    values.forEach((row, i) => {
      if (row.every(isBlankCell)) expect(out[i][0]).toBe('');
      else if (!(out[i][0] instanceof FakeExcelError)) expect(['X', 'Y', 'Z']).toContain(out[i][0]);
    });
  });

  it.each(SEEDS)('RFM_SCORE keeps the shape of last_purchase, blank for a blank client (seed %d)', (seed) => {
    const r = random(seed);
    const rows = 1 + Math.floor(r() * 12);
    const [last, freq, mon] = [grid(r, rows, 1), grid(r, rows, 1), grid(r, rows, 1)];
    const out = call(() => rfmScore(last, freq, mon, optional(r, [2, 3, 5, 9]), optional(r, [true, false, 'TRUE', 1])));
    if (out === undefined) return;
    expectShape(out, rows, 1);
    expectCells(out);
    for (let i = 0; i < rows; i++) {
      const v = out[i][0];
      if (isBlankCell(last[i][0]) && isBlankCell(freq[i][0]) && isBlankCell(mon[i][0])) expect(v).toBe('');
      else if (!(v instanceof FakeExcelError)) expect(String(v)).toMatch(/^[1-9]{3}$/);
    }
  });

  it.each(SEEDS)('RENEW_INDEX gives one cell per lead, a blank for a blank lead (seed %d)', (seed) => {
    const r = random(seed);
    const rows = 1 + Math.floor(r() * 10);
    const cols = 1 + Math.floor(r() * 4);
    const scores = grid(r, rows, cols);
    const weights = r() < 0.6 ? null : grid(r, 1, r() < 0.8 ? cols : cols + 1);
    const out = call(() => renewIndex(scores, weights as never, optional(r, [5, 10])));
    if (out === undefined) return;
    expectShape(out, rows, 1);
    expectCells(out);
    scores.forEach((row, i) => {
      if (row.every(isBlankCell)) expect(out[i][0]).toBe('');
    });
  });

  it.each(SEEDS)('RETENTION and CHURN_RATE return a share 0..1 summing to 1, or throw a CustomFunctions.Error (seed %d)', (seed) => {
    const r = random(seed);
    const names = ['Acme', ' acme', 'BOLT', 'Core  Ltd', 'core ltd', 1001, '1001', null, '', '  '];
    const list = () => Array.from({ length: 1 + Math.floor(r() * 8) }, () => [r() < 0.9 ? names[Math.floor(r() * names.length)] : cell(r)]);
    const [before, after] = [list(), list()];
    const kept = call(() => retention(before, after));
    const lost = call(() => churnRate(before, after));
    expect(kept === undefined).toBe(lost === undefined);
    if (kept === undefined || lost === undefined) return;
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(kept).toBeLessThanOrEqual(1);
    expect(kept + lost).toBeCloseTo(1, 12);
  });

  it.each(SEEDS)('P_ALIVE, EXPECTED_PURCHASES, EXPECTED_VALUE and CLV keep the shape of x, blank for a blank client, never NaN (seed %d)', (seed) => {
    const r = random(seed);
    const rows = 1 + Math.floor(r() * 10);
    // mostly valid histories: x whole, 0 <= t_x <= T, with the grid's junk mixed in
    const x = Array.from({ length: rows }, () => [r() < 0.7 ? Math.floor(r() * 6) : cell(r)]);
    const T = Array.from({ length: rows }, () => [r() < 0.7 ? r() * 60 : cell(r)]);
    const tx = T.map(([t]) => [typeof t === 'number' && r() < 0.9 ? t * r() : cell(r)]);
    const zbar = Array.from({ length: rows }, () => [r() < 0.8 ? r() * 100 - 10 : cell(r)]);
    const bg = r() < 0.8 ? [['r', 0.2426], ['alpha', 4.414], ['a', 0.7929], ['b', 2.426]] : grid(r, 2, 2);
    const gg = r() < 0.8 ? [['p', 6.25], ['q', 3.74], ['gamma', 15.44]] : grid(r, 3, 1);
    const outs = [
      call(() => pAlive(x, tx, T, bg)),
      call(() => expectedPurchases(x, tx, T, bg, optional(r, [1, 12, 120]))),
      call(() => expectedValue(x, zbar, gg)),
      call(() => clv(x, tx, T, zbar, bg, gg, optional(r, [0.3, 30, '30%', 1]) as never, optional(r, [12, 24]), optional(r, [0.1, 10]))),
    ];
    outs.forEach((out, f) => {
      if (out === undefined) return;
      expectShape(out, rows, 1);
      expectCells(out);
      for (let i = 0; i < rows; i++) {
        // the inputs each function reads: x, t_x, T (P_ALIVE, EXPECTED_PURCHASES); x, zbar (EXPECTED_VALUE); all four (CLV)
        const read = [[x, tx, T], [x, tx, T], [x, zbar], [x, tx, T, zbar]][f];
        if (read.every((g) => isBlankCell(g[i][0]))) expect(out[i][0]).toBe('');
        if (f === 0 && typeof out[i][0] === 'number') {
          expect(out[i][0]).toBeGreaterThanOrEqual(0);
          expect(out[i][0]).toBeLessThanOrEqual(1);
        }
      }
    });
  });

  it.each(SEEDS)('CSI and NPS return one finite number or throw a CustomFunctions.Error (seed %d)', (seed) => {
    const r = random(seed);
    const answers = grid(r, 1 + Math.floor(r() * 15), 1 + Math.floor(r() * 2)).map((row) => row.map((c) => (typeof c === 'number' ? c % 11 : c)));
    for (const v of [call(() => csiIndex(answers, optional(r, [8, 9]), optional(r, [3, 4]))), call(() => npsScore(answers))]) {
      if (v !== undefined) expect(Number.isFinite(v)).toBe(true);
    }
  });
});
