/**
 * The LTV models at the edges of their parameter space (docs/methods.md section 10, "Edges of the
 * parameter space"): BG/NBD on clients who never leave (the limit a -> 0, the NBD model) and
 * Gamma-Gamma on clients who share one mean purchase value (the limit q -> ∞), against data sets,
 * scipy fits and mpmath values of test/independent/ltv_edges_check.py (test/data/ltv/edges.json); and
 * data that fit normally, next to them.
 */
import {
  expectedPurchases,
  expectedValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  bgnbdLogLikelihood,
  ltvModel,
  ltvModelJson,
  ltvPredict,
  pAlive,
  warningText,
  WEEKS_PER_MONTH,
  type LtvSummary,
  type SegmentLtv,
} from '../../src/core';
import { LIMIT_MARGIN } from '../../src/core/methods/optimise';
import { edges, relativeError, type EdgeBuyers, type EdgeHistories } from './ltv-data';

const E = edges();

/** A summary of histories only (zbar 0) or of repeat buyers only (t_x = T = 1). */
function histories(d: EdgeHistories): LtvSummary {
  return { x: Float64Array.from(d.x), tx: Float64Array.from(d.tx), T: Float64Array.from(d.T), zbar: new Float64Array(d.x.length) };
}
function buyers(d: EdgeBuyers): LtvSummary {
  return { x: Float64Array.from(d.x), tx: Float64Array.from(d.x, () => 1), T: Float64Array.from(d.x, () => 1), zbar: Float64Array.from(d.zbar) };
}

describe('fitBgNbd where nobody drops out (600 clients of the NBD model)', () => {
  const data = histories(E.noDropout.data);
  const fit = fitBgNbd(data);

  it('the likelihood is highest at the edge: mpmath finds it lower at every (a, b) towards a -> 0, and scipy\'s four-parameter search gains less than 1e-3 over the NBD fit', () => {
    expect([E.noDropout.towardsEdge.every(([, , d]) => d < 0), E.noDropout.fullBest.logLikelihood - E.noDropout.nbd.logLikelihood < LIMIT_MARGIN]).toEqual([true, true]);
  });

  it('fitBgNbd answers with the no-drop-out limit: converged, boundary "noDropout", a = 0, b = Infinity', () => {
    expect([fit.converged, fit.boundary, fit.a, fit.b]).toEqual([true, 'noDropout', 0, Infinity]);
  });

  it('fitBgNbd gives r and alpha of scipy\'s NBD fit within 1e-6 relative, and its log-likelihood within 1e-6', () => {
    expect([relativeError(fit.r, E.noDropout.nbd.r) < 1e-6, relativeError(fit.alpha, E.noDropout.nbd.alpha) < 1e-6]).toEqual([true, true]);
    expect(Math.abs(fit.logLikelihood - E.noDropout.nbd.logLikelihood)).toBeLessThan(1e-6);
  });

  it('the limit\'s log-likelihood is bgnbdLogLikelihood at a = 0, the NBD model\'s: lnΓ(r + x) - lnΓ(r) + r ln α - (r + x) ln(α + T) summed by hand', () => {
    const { r, alpha } = fit;
    const lnGamma = (v: number) => {
      // lnΓ by the recurrence from Γ(v + k) for the hand sum, with Stirling at large v
      let s = 0;
      while (v < 30) s -= Math.log(v++);
      return s + (v - 0.5) * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * v) - 1 / (360 * v ** 3);
    };
    let hand = 0;
    E.noDropout.data.x.forEach((x, i) => {
      hand += lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + E.noDropout.data.T[i]);
    });
    expect(relativeError(bgnbdLogLikelihood({ r, alpha, a: 0, b: Infinity }, data), hand)).toBeLessThan(1e-12);
  });

  it('at a = 0, P(alive) is 1 and expected purchases are the NBD model\'s (r + x) t / (α + T), whatever b is', () => {
    const t = 12 * WEEKS_PER_MONTH;
    const p = { r: 1.8, alpha: 7, a: 0 };
    const [x, tx, T] = [4, 30, 50];
    expect([pAlive({ ...p, b: Infinity }, x, tx, T), pAlive({ ...p, b: 3 }, x, tx, T)]).toEqual([1, 1]);
    for (const b of [Infinity, 0.5, 3]) expect(relativeError(expectedPurchases({ ...p, b }, t, x, tx, T), ((1.8 + 4) * t) / (7 + 50))).toBeLessThan(1e-15);
  });

  it('ltvModel uses the limit: P(alive) = 1 for every client, expected purchases filled, and the warning ltvNoDropout', () => {
    const m = ltvModel(data, null);
    expect([m.bgnbd?.boundary, m.pAlive.every((v) => v === 1), m.expectedPurchases.every((v) => v !== null && v > 0), m.warnings.map((w) => w.code)]).toEqual([
      'noDropout',
      true,
      true,
      ['ltvNoDropout', 'ltvTooFewValueBuyers'],
    ]);
  });

  it('the warning says in plain words that the data show almost no drop-out and P(alive) is 100 % for every client, in three languages', () => {
    const w = { code: 'ltvNoDropout', params: {} };
    expect(warningText(w, 'en')).toMatch(/^the data show almost no drop-out: .* P\(alive\) is 100 % for every client/);
    expect(warningText(w, 'ru')).toMatch(/^В данных почти нет ухода клиентов: .* P\(alive\) у всех клиентов 100 %/);
    expect(warningText(w, 'pl')).toMatch(/^W danych prawie nie ma odejść klientów: .* P\(alive\) wynosi 100 % dla każdego klienta/);
  });
});

describe('fitBgNbd where clients drop out (600 clients of the BG/NBD model, drop-out Beta(1, 3))', () => {
  const fit = fitBgNbd(histories(E.dropout.data));

  it('fitBgNbd gives an ordinary fit: converged, boundary null, a well above 0', () => {
    expect([fit.converged, fit.boundary, fit.a > 0.5]).toEqual([true, null, true]);
  });

  it('fitBgNbd agrees with scipy\'s fit within 1e-5 relative and its log-likelihood within 1e-6', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect([k, relativeError(fit[k], E.dropout.fit[k]) < 1e-5]).toEqual([k, true]);
    expect(Math.abs(fit.logLikelihood - E.dropout.fit.logLikelihood)).toBeLessThan(1e-6);
  });

  it('the drop-out raises the log-likelihood far above the limit\'s (by 989 here), so the limit is not the answer', () => {
    expect(E.dropout.fit.logLikelihood - E.dropout.nbdLogLikelihood).toBeGreaterThan(900);
  });
});

describe('fitGammaGamma where every client has the same mean purchase value (300 buyers, values Gamma(3, 0.05))', () => {
  const e = E.sameMeanValue;
  const data = buyers(e.data);
  const fit = fitGammaGamma(data);
  /** The repeat purchases' total value over their number, by hand. */
  const sumX = e.data.x.reduce((s, x) => s + x, 0);
  const mean = e.data.x.reduce((s, x, i) => s + x * e.data.zbar[i], 0) / sumX;

  it('the likelihood is highest at the edge: its slope towards q -> ∞ is negative, mpmath finds it lower at q = 10 ... 1e7, and scipy\'s search gains less than 1e-3', () => {
    expect([e.scoreTowardsEdge < 0, e.towardsEdge.every(([, d]) => d < 0), e.fullBest.logLikelihood - e.limit.logLikelihood < LIMIT_MARGIN]).toEqual([true, true, true]);
  });

  it('fitGammaGamma answers with the limit: converged, boundary "sameMeanValue", q = gamma = Infinity', () => {
    expect([fit.converged, fit.boundary, fit.q, fit.gamma]).toEqual([true, 'sameMeanValue', Infinity, Infinity]);
  });

  it('the mean value is the repeat purchases\' total value over their number (Σ x zbar / Σ x by hand)', () => {
    expect(relativeError(fit.meanValue, mean)).toBeLessThan(1e-14);
  });

  it('p and the log-likelihood are scipy\'s (the root of Σ x (ln(p x) - ψ(p x)) = Σ x ln(mean / zbar)) within 1e-9 relative and 1e-8', () => {
    expect(relativeError(fit.p, e.limit.p)).toBeLessThan(1e-9);
    expect(Math.abs(fit.logLikelihood - e.limit.logLikelihood)).toBeLessThan(1e-8);
  });

  it('gammaGammaLogLikelihood of the limit\'s parameters is the limit\'s log-likelihood', () => {
    expect(Math.abs(gammaGammaLogLikelihood(fit, data) - e.limit.logLikelihood)).toBeLessThan(1e-8);
  });

  it('every client\'s expected value is the mean value, whatever its own purchases', () => {
    const p = ltvPredict(null, fit, data, null);
    expect(p.expectedValue.every((v) => v === fit.meanValue)).toBe(true);
    expect(expectedValue(fit, 0, 0)).toBe(fit.meanValue);
  });

  it('ltvModel uses the limit with the warning ltvSameMeanValue naming the mean value to cents', () => {
    const m = ltvModel(data, null);
    const w = m.warnings.find((v) => v.code === 'ltvSameMeanValue');
    expect([m.gammaGamma?.boundary, w?.params.value]).toEqual(['sameMeanValue', Math.round(mean * 100) / 100]);
    expect(warningText(w!, 'en')).toMatch(/^purchase values do not differ between clients beyond chance: .*every client's expected purchase value is the average repeat purchase, 60\.04$/);
  });
});

describe('fitGammaGamma near the same edge but inside it (300 buyers drawn like the above, another seed)', () => {
  const e = E.nearEdge;
  const fit = fitGammaGamma(buyers(e.data));

  it('the likelihood rises from the edge inwards (a positive slope), and scipy finds a maximum 0.36 above the limit\'s', () => {
    expect([e.scoreTowardsEdge > 0, e.fullBest.logLikelihood - e.limit.logLikelihood > 0.3]).toEqual([true, true]);
  });

  it('fitGammaGamma gives that ordinary fit: boundary null, q = 151.7, agreeing with scipy within 1e-5 relative', () => {
    expect([fit.converged, fit.boundary]).toEqual([true, null]);
    for (const k of ['p', 'q', 'gamma'] as const) expect([k, relativeError(fit[k], e.fullBest[k]) < 1e-5]).toEqual([k, true]);
    expect(Math.abs(fit.logLikelihood - e.fullBest.logLikelihood)).toBeLessThan(1e-6);
  });
});

describe('fitGammaGamma where mean values differ between clients (300 buyers, own rates Gamma(4, 60))', () => {
  const fit = fitGammaGamma(buyers(E.spread.data));

  it('fitGammaGamma gives an ordinary fit agreeing with scipy within 1e-5 relative, its mean value p gamma / (q - 1)', () => {
    expect([fit.converged, fit.boundary]).toEqual([true, null]);
    for (const k of ['p', 'q', 'gamma'] as const) expect([k, relativeError(fit[k], E.spread.fit[k]) < 1e-5]).toEqual([k, true]);
    expect(relativeError(fit.meanValue, (E.spread.fit.p * E.spread.fit.gamma) / (E.spread.fit.q - 1))).toBeLessThan(1e-5);
  });
});

describe('fitGammaGamma where every repeat buyer\'s mean purchase is the same (25)', () => {
  const data = buyers({ x: Array.from({ length: 40 }, (_, i) => 1 + (i % 7)), zbar: new Array<number>(40).fill(25) });
  const fit = fitGammaGamma(data);

  it('fitGammaGamma answers with the limit where p is infinite too (no spread at all): mean value 25, log-likelihood Infinity', () => {
    expect([fit.converged, fit.boundary, fit.p, fit.q, fit.gamma, fit.meanValue, fit.logLikelihood]).toEqual([true, 'sameMeanValue', Infinity, Infinity, Infinity, 25, Infinity]);
  });

  it('the --json gives null for the infinite parameters and the log-likelihood, and keeps the mean value and the boundary', () => {
    const ltv = { bgnbd: null, gammaGamma: fit, months: 12, discount: 0.1, clients: 40, repeatBuyers: 40, retention: { retentionRate: null }, keyClientsLowPAlive: 0, warnings: [] };
    expect(ltvModelJson(ltv as unknown as SegmentLtv)?.gammaGamma).toEqual({ p: null, q: null, gamma: null, logLikelihood: null, meanValue: 25, boundary: 'sameMeanValue' });
  });
});

describe('the --json of the no-drop-out limit', () => {
  it('ltvModelJson gives a = 0, b null and boundary "noDropout"', () => {
    const fit = fitBgNbd(histories(E.noDropout.data));
    const ltv = { bgnbd: fit, gammaGamma: null, months: 12, discount: 0.1, clients: 600, repeatBuyers: 0, retention: { retentionRate: null }, keyClientsLowPAlive: 0, warnings: [] };
    expect(ltvModelJson(ltv as unknown as SegmentLtv)?.bgnbd).toEqual({ r: fit.r, alpha: fit.alpha, a: 0, b: null, logLikelihood: fit.logLikelihood, boundary: 'noDropout' });
  });
});
