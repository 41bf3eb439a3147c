'use strict';
/**
 * Deterministic synthetic clients drawn from the LTV models themselves (METHODS.md section 10), so a
 * fit has known true parameters to recover. Shared by bench/ltv.bench.js and test/core/ltv-fit.test.ts.
 *
 * Each client: first purchase on a whole day uniformly within the last `weeks` weeks before the
 * analysis date; purchase rate λ ~ Gamma(shape r, rate α) per week; after each repeat purchase it
 * drops out with probability p ~ Beta(a, b) (the BG/NBD story); purchase days are whole days. Each
 * purchase's value ~ Gamma(shape p, rate ν) with ν ~ Gamma(shape q, rate γ) per client (Gamma-Gamma).
 */
const { prng } = require('./synthetic');

/** A standard normal draw (Box-Muller). */
function normal(rnd) {
  const u = 1 - rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** A Gamma(shape, 1) draw: Marsaglia and Tsang (2000); shape < 1 through Gamma(shape + 1) · U^(1/shape). */
function gammaDraw(rnd, shape) {
  if (shape < 1) return gammaDraw(rnd, shape + 1) * Math.pow(1 - rnd(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x;
    let v;
    do {
      x = normal(rnd);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rnd();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * @param {number} n clients
 * @param {{r?: number, alpha?: number, a?: number, b?: number, p?: number, q?: number, gamma?: number, weeks?: number, seed?: number}} [o]
 * @returns {{ x: Float64Array, tx: Float64Array, T: Float64Array, zbar: Float64Array, rows: { client: Int32Array, day: Float64Array, amount: Float64Array, order: Int32Array }, asOf: number }}
 *   the summary per client and the purchase rows behind it, one row and one order id per purchase (two
 *   purchases may fall on one day), day numbers with the analysis date `asOf`.
 */
function ltvClients(n, o = {}) {
  const r = o.r ?? 0.5;
  const alpha = o.alpha ?? 6;
  const a = o.a ?? 0.8;
  const b = o.b ?? 2.5;
  const p = o.p ?? 6;
  const q = o.q ?? 4;
  const gamma = o.gamma ?? 15;
  const days = Math.round((o.weeks ?? 104) * 7);
  const rnd = prng(o.seed ?? 7);
  const asOf = 20_000;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const zbar = new Float64Array(n);
  const rc = [];
  const rd = [];
  const ra = [];
  const ro = [];
  for (let i = 0; i < n; i++) {
    const age = Math.floor(rnd() * days); // days from the first purchase to asOf
    const first = asOf - age;
    const lambda = gammaDraw(rnd, r) / alpha; // per week
    const g1 = gammaDraw(rnd, a);
    const dropout = g1 / (g1 + gammaDraw(rnd, b));
    const nu = gammaDraw(rnd, q) / gamma;
    const value = () => Math.round((gammaDraw(rnd, p) / nu) * 100) / 100 || 0.01;
    rc.push(i);
    rd.push(first);
    ra.push(value());
    ro.push(ro.length);
    let t = 0; // weeks since the first purchase
    let count = 0;
    let last = first;
    let sum = 0;
    for (;;) {
      t += -Math.log(1 - rnd()) / lambda;
      const d = first + Math.floor(t * 7);
      if (!(d <= asOf)) break;
      const v = value();
      count++;
      last = d;
      sum += v;
      rc.push(i);
      rd.push(d);
      ra.push(v);
      ro.push(ro.length);
      if (rnd() < dropout) break;
    }
    x[i] = count;
    tx[i] = (last - first) / 7;
    T[i] = age / 7;
    zbar[i] = count ? sum / count : 0;
  }
  return { x, tx, T, zbar, rows: { client: Int32Array.from(rc), day: Float64Array.from(rd), amount: Float64Array.from(ra), order: Int32Array.from(ro) }, asOf };
}

module.exports = { ltvClients, gammaDraw };
