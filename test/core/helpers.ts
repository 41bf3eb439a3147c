/** Helpers shared by the core unit tests. Not a test file. */
import { KcError, type Cell } from '../../src/core';

/**
 * Freezes an object and everything reachable from it, so a test fails when the code mutates input.
 * Typed arrays (the dynamics' per-client columns) cannot be frozen and are left as they are.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Runs `f` and returns the KcError it throws; fails the test when it throws nothing or something else. */
export function kcError(f: () => unknown): KcError {
  try {
    f();
  } catch (e) {
    if (e instanceof KcError) return e;
    throw new Error(`expected a KcError, got ${String(e)}`);
  }
  throw new Error('expected a KcError, nothing was thrown');
}

/** Day number (days since 1970-01-01 UTC) of a calendar date, computed independently of the engine. */
export function day(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * The hand-calculated sales table of the segmentation and report tests (five clients, an order and a
 * profit column, a return, a negative-profit client, two rows of one order, a serial date); every
 * per-client value is worked out by hand in test/core/segment.test.ts.
 */
export const TABLE1: Cell[][] = [
  ['Order', 'Date', 'Client', 'Amount', 'Profit'],
  ['O1', '2023-05-15', 'Gamma', 600, 120],
  ['O2', '2023-06-10', 'gamma ', -100, -20],
  ['O3', '2023-07-01', 'Alpha', 1000, 300],
  ['O4', '2023-11-20', 'Beta', 2000, -300],
  ['O5', '2024-01-15', 'Alpha', 1000, 250],
  ['O6', '2023-12-20', 'Epsilon', 300, 60],
  ['O7', '2024-04-10', 'Delta', 200, 50],
  ['O7', '2024-04-10', 'Delta', 150, 30],
  ['O8', '2024-05-20', 'Beta', 1500, 100],
  ['O9', 45473, 'ALPHA', 1000, 350],
  ['O10', '2024-06-30', 'Delta', 250, 40],
];

/**
 * The hand-calculated table without order and profit columns (four clients, dd.mm.yyyy dates); its
 * per-client values are worked out by hand in test/core/segment.test.ts.
 */
export const TABLE2: Cell[][] = [
  ['Client', 'Date', 'Sales'],
  ['Kappa', '10.01.2024', 100],
  [' kappa', '10.01.2024', 50],
  ['Lambda', '15.01.2024', 100],
  ['Nu', '02.01.2024', 20],
  ['Kappa', '12.02.2024', 150],
  ['Lambda', '14.02.2024', 150],
  ['Mu', '20.02.2024', 820],
  ['Kappa', '05.03.2024', 150],
  ['Lambda', '25.03.2024', 125],
  ['Mu', '31.03.2024', 80],
];
