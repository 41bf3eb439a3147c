/**
 * The LTV fits' own ln, exp and ln1p (src/core/methods/portable-math.ts: arithmetic alone, so the same
 * bits in every engine) and the lnΓ / ψ differences that keep the likelihoods accurate near the edges
 * of the parameter space, against mpmath at 40 digits (test/data/ltv/edges.json, printed by
 * test/independent/ltv_edges_check.py). That they give the same bits in Chromium is
 * test/browser/ltv-engines.test.ts.
 */
import { digammaDelta, lnMinusDigamma } from '../../src/core/methods/digamma';
import { lgammaDelta } from '../../src/core/methods/lgamma';
import { exp, ln, ln1p } from '../../src/core/methods/portable-math';
import { edges, relativeError, ulps } from './ltv-data';

const E = edges();

/** The cases whose error exceeds `most` units in the last place. */
function beyond(f: (v: number) => number, cases: [number, number][], most: number): [number, number, number][] {
  return cases.filter(([v, want]) => ulps(f(v), want) > most).map(([v, want]) => [v, f(v), want]);
}

describe('ln(x)', () => {
  it(`ln is within 1 unit in the last place of mpmath's value on ${E.ln.length} arguments from 5e-324 to 1.8e308, 200 of them next to 1`, () => {
    expect(beyond(ln, E.ln, 1)).toEqual([]);
  });

  it('ln is correctly rounded on at least 95 % of those arguments', () => {
    expect(E.ln.filter(([v, want]) => ln(v) === want).length / E.ln.length).toBeGreaterThanOrEqual(0.95);
  });

  it('ln gives -Infinity at 0, NaN below 0 and for NaN, Infinity at Infinity, and 0 at 1', () => {
    expect([ln(0), ln(-1), ln(NaN), ln(Infinity), ln(1)]).toEqual([-Infinity, NaN, NaN, Infinity, 0]);
  });
});

describe('exp(x)', () => {
  it(`exp is within 1.2 units in the last place of mpmath's value on ${E.exp.length} arguments from -708 to 709.7, 200 of them within 2^-2 of 0`, () => {
    expect(beyond(exp, E.exp, 1.2)).toEqual([]);
  });

  it('exp gives 1 at 0, Infinity above 709.79, 0 below -745.14, NaN for NaN', () => {
    expect([exp(0), exp(710), exp(-746), exp(NaN), exp(Infinity), exp(-Infinity)]).toEqual([1, Infinity, 0, NaN, Infinity, 0]);
  });

  it('exp reaches the subnormal range within 2 units of its last place (e^-740 = 4.2e-322 is 84 units of 5e-324)', () => {
    // mpmath: e^-740 = 4.19955798965...e-322
    expect(Math.abs(exp(-740) - 4.1995579896506e-322)).toBeLessThanOrEqual(2 * 5e-324);
  });
});

describe('ln1p(u)', () => {
  it(`ln1p is within 2 units in the last place of mpmath's ln(1 + u) on ${E.ln1p.length} arguments from -0.5 to 1e6, most of them tiny`, () => {
    expect(beyond(ln1p, E.ln1p, 2)).toEqual([]);
  });

  it('ln1p(u) is u where 1 + u rounds to 1, -Infinity at -1, NaN below', () => {
    expect([ln1p(1e-20), ln1p(-1), ln1p(-2)]).toEqual([1e-20, -Infinity, NaN]);
  });
});

describe('lgammaDelta(x, y) = lnΓ(x + y) - lnΓ(x), digammaDelta(x, y) = ψ(x + y) - ψ(x), lnMinusDigamma(x) = ln x - ψ(x)', () => {
  // within 1e-14 of the value, and 1e-17 absolute where the value itself is tiny (y = 1e-9)
  const close = (got: number, want: number) => Math.abs(got - want) <= 1e-14 * Math.abs(want) + 1e-17;

  it('lgammaDelta is within 1e-14 relative of mpmath from x = 0.7 to 1e12, where lnΓ(x) itself is 2.6e13', () => {
    for (const [x, y, want] of E.lgammaDelta) expect([x, y, close(lgammaDelta(x, y), want)]).toEqual([x, y, true]);
  });

  it('digammaDelta is within 1e-14 relative of mpmath over the same pairs', () => {
    for (const [x, y, want] of E.digammaDelta) expect([x, y, close(digammaDelta(x, y), want)]).toEqual([x, y, true]);
  });

  it('lnMinusDigamma is within 1e-14 relative of mpmath from 1e-3 to 1e9 (where ln x and ψ(x) agree to 18 digits)', () => {
    for (const [x, want] of E.lnMinusDigamma) expect([x, relativeError(lnMinusDigamma(x), want) < 1e-14]).toEqual([x, true]);
  });

  it('lgammaDelta and digammaDelta are 0 for y = 0', () => {
    expect([lgammaDelta(5, 0), digammaDelta(5e9, 0)]).toEqual([0, 0]);
  });
});
