/**
 * Benchmark of the custom functions (issue 3 performance targets), on the adapters compiled by
 * `npm run build:cli` into dist-cli/functions/adapters.js (the same code the add-in bundles).
 *
 *   node bench/functions.bench.js      prints the figures
 *   npm run bench                      bench/run.js calls run(): [{ name, value, unit: 'ms', target }]
 *
 * Inputs are made as Excel hands them: 2-D arrays of cells, a new population array for every
 * fill-down call (Excel does not hand the same object twice), a deterministic pseudo-random base.
 */
/* eslint-env node */
'use strict';

const path = require('path');
const { performance } = require('perf_hooks');

function load() {
  try {
    return require(path.resolve(__dirname, '..', 'dist-cli', 'functions', 'adapters.js'));
  } catch (e) {
    throw new Error(`run "npm run build:cli" first: ${e.message}`);
  }
}

/** Mulberry32 (bench/synthetic.js): the same numbers on every machine. */
const { prng: random } = require('./synthetic');

/** Revenue of n clients, heavy-tailed like a real base, as an Excel column, with 1 % blanks. */
function revenueColumn(n, seed) {
  const r = random(seed);
  return Array.from({ length: n }, () => [r() < 0.01 ? '' : Math.round(1000 / (r() + 0.001)) / 10]);
}

function time(f) {
  const t0 = performance.now();
  const out = f();
  return { ms: performance.now() - t0, out };
}

/** Best of `repeat` runs after one warm-up (the JIT): the figure a recalculation sees when warm. */
function best(f, repeat = 3) {
  f();
  let ms = Infinity;
  for (let i = 0; i < repeat; i++) ms = Math.min(ms, time(f).ms);
  return ms;
}

async function run() {
  const a = load();
  const results = [];

  const abcValues = revenueColumn(100_000, 1);
  results.push({ name: 'ABC_CLASS spill, 100,000 values', ms: best(() => a.abcClassGrid(abcValues, null)), target: 100 });

  const n = 100_000;
  const r = random(2);
  const last = Array.from({ length: n }, () => [43831 + Math.floor(r() * 1461)]); // 2020-01-01 + 0..4 years
  const freq = Array.from({ length: n }, () => [1 + Math.floor(-Math.log(r() + 1e-9) * 4)]);
  const mon = Array.from({ length: n }, () => [Math.round(r() * 1e6) / 100]);
  results.push({ name: 'RFM_SCORE, 100,000 clients', ms: best(() => a.rfmScoreGrid(last, freq, mon)), target: 300 });

  // Fill-down: =KC.ABC_CLASS(Bn, $B$2:$B$10001) in 10,000 rows, one recalculation. Each call gets its
  // own copy of the population (as Excel hands it); copying is Excel's cost, so it is made outside
  // the timed calls, a few copies at a time, cycled.
  const population = revenueColumn(10_000, 3);
  const copies = Array.from({ length: 4 }, () => population.map((row) => [row[0]]));
  const fillDown = () => {
    a.abcPopulations.clear();
    for (let i = 0; i < population.length; i++) a.abcClassGrid([population[i]], copies[i % copies.length]);
    return a.abcPopulations.stats.builds;
  };
  const ms = best(fillDown);
  results.push({ name: 'ABC_CLASS fill-down, 10,000 cells over $B$2:$B$10001', ms, target: 1000, builds: a.abcPopulations.stats.builds });

  return results.map((x) => ({ ...x, value: Math.round(x.ms * 10) / 10, unit: 'ms' }));
}

function print(results) {
  for (const { name, ms, target } of results) {
    console.log(`${ms <= target ? 'ok  ' : 'SLOW'} ${name}: ${ms.toFixed(1)} ms (target < ${target} ms)`);
  }
}

module.exports = { run, print };

if (require.main === module) {
  run()
    .then((results) => {
      print(results);
      if (results.some((x) => x.ms > x.target)) process.exitCode = 1;
    })
    .catch((e) => {
      console.error(e.message);
      process.exitCode = 1;
    });
}
