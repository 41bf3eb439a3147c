/**
 * The BG/NBD model (METHODS.md section 10): the published CDNOW fit, predictions against mpmath's
 * evaluation of the paper's formulas (test/independent/ltv_check.py), the model's shape, bad input.
 */
import { bgnbdLogLikelihood, expectedPurchases, fitBgNbd, ltvSummary, pAlive, type BgNbdParams } from '../../src/core';
import { deepFreeze, kcError } from './helpers';
import { CDNOW_AS_OF, cdnowSummary, cdnowTransactions, expected, relativeError, sig3 } from './ltv-data';

const PUBLISHED: BgNbdParams = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
const YEAR = 365.25 / 7;

describe('fitBgNbd on the CDNOW summary (the published benchmark)', () => {
  const fit = fitBgNbd(cdnowSummary());

  it('fitBgNbd(CDNOW) converges', () => {
    expect(fit.converged).toBe(true);
  });

  it('fitBgNbd(CDNOW) is an ordinary fit, not the no-drop-out limit (boundary null, a > 0)', () => {
    expect([fit.boundary, fit.a > 0]).toEqual([null, true]);
  });

  it('fitBgNbd(CDNOW) gives the published r = 0.2426, alpha = 4.414, a = 0.7929, b = 2.426 to 3 significant digits', () => {
    expect([fit.r, fit.alpha, fit.a, fit.b].map(sig3)).toEqual([PUBLISHED.r, PUBLISHED.alpha, PUBLISHED.a, PUBLISHED.b].map(sig3));
  });

  it('fitBgNbd(CDNOW) gives the published log-likelihood -9582.43', () => {
    expect(Math.round(fit.logLikelihood * 100) / 100).toBe(-9582.43);
  });

  it('fitBgNbd(CDNOW) agrees with scipy\'s fit of an independent likelihood within 1e-5 relative', () => {
    const want = expected().cdnowFit.bgnbd;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect([k, relativeError(fit[k], want[k]) < 1e-5]).toEqual([k, true]);
    expect(Math.abs(fit.logLikelihood - want.logLikelihood)).toBeLessThan(1e-6);
  });

  it('fitBgNbd counts the clients it fitted', () => {
    expect(fit.clients).toBe(2357);
  });

  it('fitBgNbd on the summary computed from the transactions gives the same published parameters', () => {
    const own = fitBgNbd(ltvSummary(cdnowTransactions(), CDNOW_AS_OF));
    expect([own.r, own.alpha, own.a, own.b].map(sig3)).toEqual([PUBLISHED.r, PUBLISHED.alpha, PUBLISHED.a, PUBLISHED.b].map(sig3));
  });
});

describe('bgnbdLogLikelihood(params, data)', () => {
  it('bgnbdLogLikelihood at the published parameters matches the independent likelihood within 1e-8', () => {
    expect(Math.abs(bgnbdLogLikelihood(PUBLISHED, cdnowSummary()) - expected().cdnowFit.publishedLogLikelihood)).toBeLessThan(1e-8);
  });

  it('bgnbdLogLikelihood of one new client (x = 0) is -r ln(1 + T / alpha), the Gamma-Poisson chance of no purchase', () => {
    expect(bgnbdLogLikelihood({ r: 2, alpha: 3, a: 1, b: 1 }, { x: [0], tx: [0], T: [6] })).toBeCloseTo(-2 * Math.log(3), 14);
  });

  it('bgnbdLogLikelihood with weights equals the likelihood of the histories repeated', () => {
    const weighted = bgnbdLogLikelihood(PUBLISHED, { x: [2, 0], tx: [5, 0], T: [9, 7], weight: [3, 2] });
    const repeated = bgnbdLogLikelihood(PUBLISHED, { x: [2, 2, 2, 0, 0], tx: [5, 5, 5, 0, 0], T: [9, 9, 9, 7, 7] });
    expect(Math.abs(weighted - repeated)).toBeLessThan(1e-12);
  });

  it('bgnbdLogLikelihood leaves out clients with NaN (no purchase up to the analysis date)', () => {
    expect(bgnbdLogLikelihood(PUBLISHED, { x: [1, NaN], tx: [2, NaN], T: [3, NaN] })).toBe(bgnbdLogLikelihood(PUBLISHED, { x: [1], tx: [2], T: [3] }));
  });
});

describe('pAlive(params, x, tx, T)', () => {
  it('pAlive matches mpmath on the check cases within 1e-13 relative', () => {
    for (const c of expected().bgnbd) expect([c, relativeError(pAlive(c.params, c.x, c.tx, c.T), c.pAlive) < 1e-13]).toEqual([c, true]);
  });

  it('pAlive is 1 at x = 0, whatever t_x and T', () => {
    expect([pAlive(PUBLISHED, 0, 0, 38.86), pAlive(PUBLISHED, 0, 0, 0), pAlive(PUBLISHED, 0, 0, 500)]).toEqual([1, 1, 1]);
  });

  it('pAlive falls as the time since the last purchase grows', () => {
    const p = [30, 20, 10, 0].map((tx) => pAlive(PUBLISHED, 3, tx, 38));
    expect(p).toEqual([...p].sort((u, v) => v - u));
  });

  it('pAlive of a client who bought often and long ago is close to 0, not NaN (no overflow)', () => {
    const p = pAlive(PUBLISHED, 500, 1, 1000);
    expect([Number.isNaN(p), p >= 0 && p < 1e-100]).toEqual([false, true]);
  });

  it('pAlive throws #NUM! for a parameter that is not positive', () => {
    expect(kcError(() => pAlive({ ...PUBLISHED, b: 0 }, 1, 1, 2)).message).toMatch(/parameter b must be a positive number/);
  });

  it('pAlive throws #NUM! for x that is not a whole number >= 0', () => {
    expect(kcError(() => pAlive(PUBLISHED, 1.5, 1, 2)).code).toBe('#NUM!');
    expect(kcError(() => pAlive(PUBLISHED, -1, 1, 2)).code).toBe('#NUM!');
  });

  it('pAlive throws #NUM! for t_x above T', () => {
    expect(kcError(() => pAlive(PUBLISHED, 1, 3, 2)).message).toMatch(/0 <= t_x <= T/);
  });
});

describe('expectedPurchases(params, t, x, tx, T)', () => {
  it('expectedPurchases matches mpmath\'s evaluation of the paper\'s equation 10 within 1e-12 relative, including a = 1 and z near 1', () => {
    for (const c of expected().bgnbd) {
      expect([c, relativeError(expectedPurchases(c.params, c.t, c.x, c.tx, c.T), c.expected) < 1e-12]).toEqual([c, true]);
    }
  });

  it('expectedPurchases of CDNOW customer 1 (x = 2, t_x = 30.43, T = 38.86) in the next 39 weeks is 1.226, the paper\'s worked example', () => {
    expect(Math.round(expectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86) * 1000) / 1000).toBe(1.226);
  });

  it('expectedPurchases grows with the horizon', () => {
    const e = [1, 4, 13, 26, 52, 104, 520].map((t) => expectedPurchases(PUBLISHED, t, 2, 30.43, 38.86));
    for (let k = 1; k < e.length; k++) expect(e[k]).toBeGreaterThan(e[k - 1]);
  });

  it('expectedPurchases over no time is 0', () => {
    expect(expectedPurchases(PUBLISHED, 0, 4, 10, 20)).toBe(0);
  });

  it('expectedPurchases is P(alive) times the expectation of an alive client: it scales with P(alive) at fixed x and T', () => {
    const [e1, e2] = [30, 10].map((tx) => expectedPurchases(PUBLISHED, YEAR, 3, tx, 38));
    const [p1, p2] = [30, 10].map((tx) => pAlive(PUBLISHED, 3, tx, 38));
    expect(relativeError(e1 / e2, p1 / p2)).toBeLessThan(1e-14);
  });

  it('expectedPurchases throws #NUM! "did not converge" rather than return a number when the 2F1 series cannot converge', () => {
    // alpha tiny and T = 0: z = t / (alpha + t) is within 2e-8 of 1
    const e = kcError(() => expectedPurchases({ r: 1, alpha: 1e-6, a: 0.5, b: 1 }, 52, 0, 0, 0));
    expect([e.code, e.message]).toEqual(['#NUM!', expect.stringMatching(/did not converge/)]);
  });

  it('expectedPurchases throws #NUM! for a negative horizon', () => {
    expect(kcError(() => expectedPurchases(PUBLISHED, -1, 0, 0, 1)).message).toMatch(/horizon t/);
  });
});

describe('fitBgNbd(data) guards', () => {
  it('fitBgNbd throws #VALUE! when there is no client', () => {
    expect(kcError(() => fitBgNbd({ x: [NaN], tx: [NaN], T: [NaN] })).code).toBe('#VALUE!');
  });

  it('fitBgNbd throws #VALUE! for columns of unequal length', () => {
    expect(kcError(() => fitBgNbd({ x: [1, 2], tx: [1], T: [1, 2] })).code).toBe('#VALUE!');
  });

  it('fitBgNbd reports converged: false when stopped by its iteration cap', () => {
    expect(fitBgNbd(cdnowSummary(), { maxIterations: 2 }).converged).toBe(false);
  });

  it('fitBgNbd does not mutate its input', () => {
    const data = deepFreeze({ x: [0, 1, 2], tx: [0, 3, 5], T: [6, 6, 9] });
    fitBgNbd(data);
    expect(data).toEqual({ x: [0, 1, 2], tx: [0, 3, 5], T: [6, 6, 9] });
  });
});
