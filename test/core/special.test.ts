/**
 * lgamma and digamma: exact identities, and values from mpmath at 40 digits
 * (test/independent/ltv_check.py, stored in test/data/ltv/expected.json).
 */
import { digamma, lgamma } from '../../src/core';
import { expected, relativeError } from './ltv-data';

const EULER_GAMMA = 0.5772156649015329;
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

describe('lgamma(x)', () => {
  it.each([1, 2, 3, 5, 10, 20])('lgamma(%d) is ln((n - 1)!)', (n) => {
    expect(Math.abs(lgamma(n) - Math.log(factorial(n - 1)))).toBeLessThan(1e-13);
  });

  it('lgamma(0.5) is ln √π', () => {
    expect(Math.abs(lgamma(0.5) - Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
  });

  it('lgamma(x) matches mpmath within 1e-14 absolute and 1e-15 relative on the check values', () => {
    for (const [x, want] of expected().lgamma) {
      expect([x, Math.abs(lgamma(x) - want) <= Math.max(1e-14, 1e-15 * Math.abs(want))]).toEqual([x, true]);
    }
  });

  it('lgamma(x + 1) - lgamma(x) is ln x (the recurrence) across the switch to Stirling at 10', () => {
    for (const x of [0.01, 0.7, 3.3, 9.5, 9.999, 10, 42.1]) expect(Math.abs(lgamma(x + 1) - lgamma(x) - Math.log(x))).toBeLessThan(1e-13);
  });

  it('lgamma is +Infinity at 0 and the negative integers (the poles)', () => {
    expect([lgamma(0), lgamma(-1), lgamma(-7)]).toEqual([Infinity, Infinity, Infinity]);
  });

  it('lgamma(NaN) is NaN', () => {
    expect(lgamma(NaN)).toBeNaN();
  });
});

describe('digamma(x)', () => {
  it('digamma(1) is minus Euler\'s constant', () => {
    expect(Math.abs(digamma(1) + EULER_GAMMA)).toBeLessThan(1e-15);
  });

  it('digamma(0.5) is -γ - 2 ln 2', () => {
    expect(Math.abs(digamma(0.5) - (-EULER_GAMMA - 2 * Math.LN2))).toBeLessThan(1e-14);
  });

  it('digamma(x + 1) - digamma(x) is 1 / x (the recurrence)', () => {
    for (const x of [0.01, 0.7, 3.3, 9.5, 10, 42.1]) expect(relativeError(digamma(x + 1) - digamma(x), 1 / x)).toBeLessThan(1e-12);
  });

  it('digamma(x) matches mpmath within 1e-14 relative on the check values', () => {
    for (const [x, want] of expected().digamma) expect([x, relativeError(digamma(x), want) <= 1e-14]).toEqual([x, true]);
  });

  it('digamma is the derivative of lgamma (central difference)', () => {
    for (const x of [0.3, 2.5, 17]) {
      const h = 1e-5;
      expect(Math.abs((lgamma(x + h) - lgamma(x - h)) / (2 * h) - digamma(x))).toBeLessThan(1e-8);
    }
  });

  it('digamma is NaN at 0 and the negative integers', () => {
    expect([digamma(0), digamma(-2)]).toEqual([NaN, NaN]);
  });
});
