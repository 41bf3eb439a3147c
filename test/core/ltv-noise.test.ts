/**
 * The LTV fits do not hang on the last bits of their logarithms (docs/methods.md section 10, "The same
 * fit on every engine"). The fits use portable-math's ln and exp, the same bits in every engine
 * (test/browser/ltv-engines.test.ts); this file replaces them with versions off by up to a unit or two
 * in the last place, at random, as another engine's Math.log and Math.exp are, and asks for the same
 * verdict and the same parameters to 1e-6 relative: the rules have margins far above rounding noise.
 */
import { fitBgNbd, type BgNbdFit } from '../../src/core/methods/bgnbd';
import { fitGammaGamma, type GammaGammaFit } from '../../src/core/methods/gamma-gamma';
import { cdnowSummary, edges, relativeError } from './ltv-data';

/** The noise: off while `on` is false; a pseudo-random -1, 0 or +1 times 2^-52 relative on every result. */
const noise = { on: false, seed: 1 };

jest.mock('../../src/core/methods/portable-math', () => {
  const real = jest.requireActual('../../src/core/methods/portable-math');
  const nudge = (v: number) => {
    if (!noise.on) return v;
    noise.seed = (noise.seed * 16807) % 2147483647;
    return v * (1 + ((noise.seed % 3) - 1) * 2 ** -52);
  };
  return { ...real, ln: (x: number) => nudge(real.ln(x)), exp: (x: number) => nudge(real.exp(x)), ln1p: (x: number) => nudge(real.ln1p(x)) };
});

const E = edges();
const SEEDS = [7, 11, 13];

/** Runs `fit` without noise, then with each seed; returns the clean fit and the noisy ones. */
function runs<T>(fit: () => T): { clean: T; noisy: T[] } {
  noise.on = false;
  const clean = fit();
  const noisy = SEEDS.map((seed) => {
    noise.on = true;
    noise.seed = seed;
    try {
      return fit();
    } finally {
      noise.on = false;
    }
  });
  return { clean, noisy };
}

/** The largest relative difference of the named parameters (finite ones; infinite ones must match exactly). */
function spread<T extends object>(clean: T, noisy: T[], keys: (keyof T)[]): number {
  let worst = 0;
  for (const n of noisy) {
    for (const k of keys) {
      const [a, b] = [clean[k] as number, n[k] as number];
      worst = Math.max(worst, Number.isFinite(a) ? relativeError(b, a) : a === b ? 0 : Infinity);
    }
  }
  return worst;
}

/** Whether two fits agree bit for bit in their parameters, mean value and log-likelihood. */
function same(a: object, b: object): boolean {
  const keys = ['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma', 'meanValue', 'logLikelihood'] as const;
  return keys.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const BG_KEYS: (keyof BgNbdFit)[] = ['r', 'alpha', 'a', 'b'];
const GG_KEYS: (keyof GammaGammaFit)[] = ['p', 'q', 'gamma', 'meanValue'];
const bgVerdict = (f: BgNbdFit) => [f.converged, f.boundary];
const ggVerdict = (f: GammaGammaFit) => [f.converged, f.boundary];

describe.each([
  ['600 clients who never leave (the no-drop-out limit)', () => E.noDropout.data],
  ['600 clients who leave (an ordinary fit)', () => E.dropout.data],
  ['the CDNOW summary (the published benchmark)', () => cdnowSummary()],
])('fitBgNbd with last-bit noise in every ln and exp: %s', (_, data) => {
  const { clean, noisy } = runs(() => fitBgNbd(data()));

  it('the noise reaches the fit: no noisy fit is bit for bit the clean one', () => {
    expect(noisy.filter((n) => same(clean, n))).toEqual([]);
  });

  it('gives the same verdict (converged, boundary) under noise', () => {
    expect(noisy.map(bgVerdict)).toEqual(SEEDS.map(() => bgVerdict(clean)));
  });

  it('gives the same parameters within 1e-6 relative under noise', () => {
    expect(spread(clean, noisy, BG_KEYS)).toBeLessThan(1e-6);
  });
});

describe.each([
  ['300 buyers with one mean value (the limit q = ∞)', () => E.sameMeanValue.data],
  ['300 buyers near that edge but inside it (q = 152)', () => E.nearEdge.data],
  ['the CDNOW summary (the published benchmark)', () => cdnowSummary()],
])('fitGammaGamma with last-bit noise in every ln and exp: %s', (_, data) => {
  const { clean, noisy } = runs(() => fitGammaGamma(data()));

  it('the noise reaches the fit: no noisy fit is bit for bit the clean one', () => {
    expect(noisy.filter((n) => same(clean, n))).toEqual([]);
  });

  it('gives the same verdict (converged, boundary) under noise', () => {
    expect(noisy.map(ggVerdict)).toEqual(SEEDS.map(() => ggVerdict(clean)));
  });

  it('gives the same parameters and mean value within 1e-6 relative under noise', () => {
    expect(spread(clean, noisy, GG_KEYS)).toBeLessThan(1e-6);
  });
});

describe('edges that are not limits of the models, with last-bit noise in every ln and exp', () => {
  // the clients' mean purchases spread as widely after 10 purchases as after 1 (p runs off: no spread within a client)
  const x = Array.from({ length: 200 }, (_, i) => 1 + (i % 9));
  const spreadAlike = { x, zbar: x.map((_, i) => 100 / (1 + ((i * 7919) % 97) / 10)) };
  // 40 identical histories but for T (a and b run off together)
  const identical = { x: new Array<number>(40).fill(2), tx: new Array<number>(40).fill(5), T: Array.from({ length: 40 }, (_, i) => 10 + i) };

  it('fitGammaGamma on mean purchases that do not narrow with more purchases is not converged, with or without noise', () => {
    const { clean, noisy } = runs(() => fitGammaGamma(spreadAlike));
    expect([clean, ...noisy].map(ggVerdict)).toEqual([[false, null], ...SEEDS.map(() => [false, null])]);
  });

  it('fitBgNbd on 40 identical histories is not converged, with or without noise', () => {
    const { clean, noisy } = runs(() => fitBgNbd(identical));
    expect([clean, ...noisy].map(bgVerdict)).toEqual([[false, null], ...SEEDS.map(() => [false, null])]);
  });
});
