/**
 * Benchmark of the LTV engine (issue 11, METHODS.md section 10), on the core compiled by
 * `npm run build:cli` into dist-cli/core.
 *
 *   node bench/ltv.bench.js      prints the figures
 *   npm run bench                bench/run.js calls run(): [{ name, value, unit, target }]
 *
 * 50,000 synthetic clients drawn from the models themselves (bench/ltv-synthetic.js: 104 weeks of
 * first purchases, BG/NBD r 0.5, alpha 6, a 0.8, b 2.5, Gamma-Gamma p 6, q 4, gamma 15). Targets:
 * fitting both models at most 2 s; the per-client predictions (P(alive), E[Y(52.18)], expected value,
 * the 12-month CLV) for all 50,000 at most 300 ms. Each figure is the median of 5 runs after a cold one.
 */
/* eslint-env node */
'use strict';

const path = require('path');
const { performance } = require('perf_hooks');
const { ltvClients } = require('./ltv-synthetic');

const CLIENTS = 50_000;
const RUNS = 5;

function load() {
  try {
    return require(path.resolve(__dirname, '..', 'dist-cli', 'core', 'index.js'));
  } catch (e) {
    throw new Error(`run "npm run build:cli" first: ${e.message}`);
  }
}

/** Cold time and the median of RUNS warm runs of f, with f's last result. */
function measure(f) {
  let t0 = performance.now();
  let out = f();
  const cold = performance.now() - t0;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    out = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { cold, ms: times[Math.floor(RUNS / 2)], out };
}

async function run() {
  const core = load();
  const sim = ltvClients(CLIENTS);
  const margin = new Float64Array(CLIENTS).fill(0.3);
  const summary = measure(() => core.ltvSummary(sim.rows, sim.asOf, CLIENTS));
  const fits = measure(() => ({ bg: core.fitBgNbd(sim), gg: core.fitGammaGamma(sim) }));
  const { bg, gg } = fits.out;
  if (!bg.converged || !gg.converged) throw new Error(`the fits did not converge: BG/NBD ${bg.converged}, Gamma-Gamma ${gg.converged}`);
  const predict = measure(() => core.ltvPredict(bg, gg, sim, margin));
  if (predict.out.clv.some((v) => v === null)) throw new Error('some predictions are blank');
  const all = measure(() => core.ltvModel(sim, margin));
  const r3 = (v) => Math.round(v * 1000) / 1000;
  return [
    { name: `ltvSummary of ${sim.rows.client.length} purchase rows (${CLIENTS} clients)`, value: Math.round(summary.ms), unit: 'ms' },
    { name: `fit BG/NBD + Gamma-Gamma, ${CLIENTS} clients (median of ${RUNS})`, value: Math.round(fits.ms), unit: 'ms', target: 2000 },
    { name: 'fit BG/NBD + Gamma-Gamma: first (cold) run', value: Math.round(fits.cold), unit: 'ms' },
    { name: `fit iterations BG/NBD / Gamma-Gamma (r ${r3(bg.r)}, alpha ${r3(bg.alpha)}, a ${r3(bg.a)}, b ${r3(bg.b)}; p ${r3(gg.p)}, q ${r3(gg.q)}, gamma ${r3(gg.gamma)})`, value: `${bg.iterations} / ${gg.iterations}`, unit: '' },
    { name: `predictions (P(alive), E[Y(52.18)], value, CLV 12m), ${CLIENTS} clients (median of ${RUNS})`, value: Math.round(predict.ms), unit: 'ms', target: 300 },
    { name: 'predictions: first (cold) run', value: Math.round(predict.cold), unit: 'ms' },
    { name: `ltvModel (fits + predictions), ${CLIENTS} clients (median of ${RUNS})`, value: Math.round(all.ms), unit: 'ms' },
  ];
}

if (require.main === module) {
  run().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.target ? ` (target <= ${f.target})` : ''}`);
  });
}

module.exports = { run };
