/** Helpers shared by the core unit tests. Not a test file. */
import { KcError } from '../../src/core';

/** Freezes an object and everything reachable from it, so a test fails when the code mutates input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
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
