/**
 * The Gauss hypergeometric function: closed forms, mpmath's values (test/data/ltv/expected.json), and
 * that it reports, never hides, a series that did not converge.
 */
import { hyp2f1, hyp2f1Series, hyp2f1TailOverB, hyp2f1TailOverBMany } from '../../src/core';
import { expected, relativeError } from './ltv-data';
import { kcError } from './helpers';

describe('hyp2f1(a, b, c, z)', () => {
  it.each([0.1, 0.5, 0.9, 0.99, -0.5, -3, -100])('hyp2f1(1, 1, 2, %d) is -ln(1 - z) / z', (z) => {
    expect(relativeError(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
  });

  it.each([0.3, 0.95, -2, -40])('hyp2f1(a, b, b, %d) is (1 - z)^-a', (z) => {
    expect(relativeError(hyp2f1(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7))).toBeLessThan(1e-13);
  });

  it('hyp2f1(-2, b, c, z) is the polynomial 1 - 2bz/c + b(b + 1)z²/(c(c + 1))', () => {
    const [b, c, z] = [1.5, 2.5, 0.6];
    expect(relativeError(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)))).toBeLessThan(1e-15);
  });

  it('hyp2f1(a, b, c, 0) is 1', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('hyp2f1 matches mpmath within 1e-13 relative on the check values, z from -50 to 0.999', () => {
    for (const [a, b, c, z, want] of expected().hyp2f1) {
      expect([a, b, c, z, relativeError(hyp2f1(a, b, c, z), want) <= 1e-13]).toEqual([a, b, c, z, true]);
    }
  });

  it('hyp2f1 throws #NUM! for z >= 1, outside the real domain it covers', () => {
    expect(kcError(() => hyp2f1(1, 1, 2, 1)).code).toBe('#NUM!');
    expect(kcError(() => hyp2f1(1, 1, 2, 1.5)).message).toMatch(/z must be below 1/);
  });

  it('hyp2f1 throws #NUM! for c = 0 or a negative integer', () => {
    expect(kcError(() => hyp2f1(1, 1, -2, 0.5)).message).toMatch(/c must not be 0 or a negative integer/);
  });

  it('hyp2f1 throws #NUM! for an argument that is not a finite number', () => {
    expect(kcError(() => hyp2f1(NaN, 1, 2, 0.5)).code).toBe('#NUM!');
  });

  it('hyp2f1 throws #NUM! "did not converge" when the series needs more terms than the cap', () => {
    const e = kcError(() => hyp2f1(0.3, 1.7, 2.9, 0.999, { maxTerms: 1000 }));
    expect([e.code, e.message]).toEqual(['#NUM!', expect.stringMatching(/did not converge: 1000 terms/)]);
  });

  it('hyp2f1 throws rather than return a number for z so near 1 that 100,000 terms are not enough', () => {
    expect(kcError(() => hyp2f1(0.3, 1.7, 2.9, 0.999999)).message).toMatch(/did not converge/);
  });
});

describe('hyp2f1Series(a, b, c, z)', () => {
  it('hyp2f1Series reports converged: false and the terms used at the cap, without throwing', () => {
    const s = hyp2f1Series(0.3, 1.7, 2.9, 0.999, { maxTerms: 50 });
    expect([s.converged, s.terms]).toEqual([false, 50]);
  });

  it('hyp2f1Series reports converged: false where the terms cancel to fewer than 10 digits', () => {
    // 2F1(-60, 1; 1; 0.99) = 0.01^60 = 1e-120: terms up to ~1e18 cancelling to nearly nothing
    expect(hyp2f1Series(-60, 1, 1, 0.99).converged).toBe(false);
  });

  it('hyp2f1Series is NaN and not converged outside the domain', () => {
    const s = hyp2f1Series(1, 1, 2, 2);
    expect([s.value, s.converged]).toEqual([NaN, false]);
  });
});

describe('hyp2f1TailOverB(a, b, c, z)', () => {
  it('hyp2f1TailOverB(a, 0, c, z) is the limit (2F1 - 1) / b at b = 0: Σ (a)_j / ((c)_j j) z^j', () => {
    // a = c = 1: Σ z^j / j = -ln(1 - z)
    expect(relativeError(hyp2f1TailOverB(1, 0, 1, 0.4).value, -Math.log1p(-0.4))).toBeLessThan(1e-14);
  });

  it('hyp2f1TailOverB(a, b, c, z) · b + 1 is hyp2f1(a, b, c, z)', () => {
    expect(relativeError(1 + 0.37 * hyp2f1TailOverB(1.2, 0.37, 2.2, 0.8).value, hyp2f1(1.2, 0.37, 2.2, 0.8))).toBeLessThan(1e-15);
  });
});

describe('hyp2f1TailOverBMany(a, b, c, zs, out)', () => {
  it('hyp2f1TailOverBMany gives each z the tail hyp2f1TailOverB gives it alone, within 1e-14', () => {
    const zs = [0.05, 0.3, 0.6, 0.9, 0.99];
    const out = new Float64Array(zs.length);
    expect(hyp2f1TailOverBMany(0.9, -0.2, 3.4, zs, out)).toBe(true);
    zs.forEach((z, k) => expect(relativeError(out[k], hyp2f1TailOverB(0.9, -0.2, 3.4, z).value)).toBeLessThan(1e-14));
  });

  it('hyp2f1TailOverBMany returns false when one of the sums needs more terms than the cap', () => {
    expect(hyp2f1TailOverBMany(0.3, 1.7, 2.9, [0.1, 0.999], new Float64Array(2), { maxTerms: 100 })).toBe(false);
  });

  it('hyp2f1TailOverBMany fills NaN and returns false for a z outside (-1, 1)', () => {
    const out = new Float64Array(2);
    expect([hyp2f1TailOverBMany(1, 1, 2, [0.5, 1], out), Number.isNaN(out[0])]).toEqual([false, true]);
  });
});
