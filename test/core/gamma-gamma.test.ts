/** The Gamma-Gamma model (METHODS.md section 10): the published CDNOW fit, expected value, bad input. */
import { expectedValue, fitGammaGamma, gammaGammaLogLikelihood, ltvSummary } from '../../src/core';
import { kcError } from './helpers';
import { CDNOW_AS_OF, cdnowSummary, cdnowTransactions, expected, relativeError, sig3 } from './ltv-data';

const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('fitGammaGamma on the CDNOW summary (the published benchmark)', () => {
  const fit = fitGammaGamma(cdnowSummary());

  it('fitGammaGamma(CDNOW) converges on the 946 customers with a repeat purchase', () => {
    expect([fit.converged, fit.clients]).toEqual([true, 946]);
  });

  it('fitGammaGamma(CDNOW) is an ordinary fit, not the one-mean-value limit (boundary null, q finite)', () => {
    expect([fit.boundary, Number.isFinite(fit.q)]).toEqual([null, true]);
  });

  it('fitGammaGamma(CDNOW) gives the published p = 6.25, q = 3.74, gamma = 15.44 to 3 significant digits', () => {
    expect([fit.p, fit.q, fit.gamma].map(sig3)).toEqual([PUBLISHED.p, PUBLISHED.q, PUBLISHED.gamma].map(sig3));
  });

  it('fitGammaGamma(CDNOW) agrees with scipy\'s fit of an independent likelihood within 1e-5 relative', () => {
    const want = expected().cdnowFit.gammaGamma;
    for (const k of ['p', 'q', 'gamma'] as const) expect([k, relativeError(fit[k], want[k]) < 1e-5]).toEqual([k, true]);
    expect(Math.abs(fit.logLikelihood - want.logLikelihood)).toBeLessThan(1e-6);
  });

  it('fitGammaGamma on the summary computed from the transactions gives the published parameters', () => {
    const own = fitGammaGamma(ltvSummary(cdnowTransactions(), CDNOW_AS_OF));
    expect([own.p, own.q, own.gamma].map(sig3)).toEqual([PUBLISHED.p, PUBLISHED.q, PUBLISHED.gamma].map(sig3));
  });
});

describe('gammaGammaLogLikelihood(params, data)', () => {
  it('gammaGammaLogLikelihood of one client with x = 1 is the density of a Gamma-Gamma (Lomax) value: q γ^q / (γ + z)^(q + 1) at p = 1', () => {
    const [q, g, z] = [2.5, 3, 4];
    expect(gammaGammaLogLikelihood({ p: 1, q, gamma: g }, { x: [1], zbar: [z] })).toBeCloseTo(Math.log((q * g ** q) / (g + z) ** (q + 1)), 13);
  });

  it('gammaGammaLogLikelihood leaves out clients with x = 0 or zbar <= 0', () => {
    const one = gammaGammaLogLikelihood(PUBLISHED, { x: [2], zbar: [10] });
    expect(gammaGammaLogLikelihood(PUBLISHED, { x: [2, 0, 3, NaN], zbar: [10, 0, -5, NaN] })).toBe(one);
  });
});

describe('expectedValue(params, x, zbar)', () => {
  it('expectedValue matches the formula evaluated by mpmath on the check cases', () => {
    for (const c of expected().expectedValue) expect([c, relativeError(expectedValue(c.params, c.x, c.zbar), c.value) < 1e-14]).toEqual([c, true]);
  });

  it('expectedValue at x = 0 is the population mean p γ / (q - 1)', () => {
    expect(expectedValue({ p: 2, q: 3, gamma: 10 }, 0, 0)).toBe(10);
  });

  it('expectedValue moves from the population mean towards the client\'s own mean as x grows', () => {
    const v = [1, 10, 1000].map((x) => expectedValue(PUBLISHED, x, 100));
    expect([v[0] < v[1], v[1] < v[2], Math.abs(v[2] - 100) < 1]).toEqual([true, true, true]);
  });

  it('expectedValue throws #NUM! for q <= 1 (the mean value is infinite)', () => {
    expect(kcError(() => expectedValue({ p: 1, q: 1, gamma: 1 }, 1, 5)).message).toMatch(/q <= 1/);
  });

  it('expectedValue throws #NUM! for zbar <= 0 where x > 0', () => {
    expect(kcError(() => expectedValue(PUBLISHED, 2, -3)).code).toBe('#NUM!');
  });
});

describe('fitGammaGamma(data) guards', () => {
  it('fitGammaGamma throws #VALUE! when no client has a repeat purchase of positive value', () => {
    expect(kcError(() => fitGammaGamma({ x: [0, 1], zbar: [0, -2] })).code).toBe('#VALUE!');
  });

  it('fitGammaGamma reports converged: false when stopped by its iteration cap', () => {
    expect(fitGammaGamma(cdnowSummary(), { maxIterations: 1 }).converged).toBe(false);
  });
});
