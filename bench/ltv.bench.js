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
 *
 * The whole-run cost of the LTV step of the segmentation (segmentValue: the summary from the sales
 * rows, both fits, the predictions over the horizon, the 12-month retention and the simple LTV) on
 * 1,048,576 rows, in a fresh `node --expose-gc` process per data set (medians of 3 runs after a cold
 * one), beside segmentSales as a whole:
 * - "sales": the engine bench's rows (bench/synthetic.js: 50,000 clients over 24 months, order ids,
 *   profit; uniform purchase days, so the data hold no drop-out and no difference of purchase values
 *   between clients: both fits end at their model's limit, a = 0 and q = infinity, docs/methods.md
 *   "Edges of the parameter space", which the bench prints as the warnings ltvNoDropout and
 *   ltvSameMeanValue);
 * - "model": 1,048,575 purchase rows drawn from the models (bench/ltv-synthetic.js, r 2, alpha 3.13,
 *   a 0.8, b 24; client, date and amount only, the CDNOW layout), about 50,000 clients, both fits
 *   converging.
 */
/* eslint-env node */
'use strict';

const path = require('path');
const { performance } = require('perf_hooks');
const { ltvClients } = require('./ltv-synthetic');

const { execFileSync } = require('child_process');

const CLIENTS = 50_000;
const RUNS = 5;
/** A full sheet: the header and 1,048,575 rows. */
const SHEET_ROWS = 1_048_576;
/** Excel's serial number of day 0 (1970-01-01). */
const SERIAL_OF_DAY0 = 25_569;

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

/** The cells of a data set of the whole-run figures (see the header). */
function wholeRunCells(kind) {
  if (kind === 'sales') return require('./synthetic').salesCells(SHEET_ROWS);
  const sim = ltvClients(51_000, { r: 2, alpha: 3.13, a: 0.8, b: 24 });
  const n = Math.min(SHEET_ROWS - 1, sim.rows.client.length);
  const cells = new Array(n + 1);
  cells[0] = ['Client', 'Date', 'Amount'];
  for (let i = 0; i < n; i++) cells[i + 1] = [`Client ${String(sim.rows.client[i]).padStart(5, '0')}`, sim.rows.day[i] + SERIAL_OF_DAY0, sim.rows.amount[i]];
  return cells;
}

/** Median of the runs after the first (cold) one. */
const median = (xs) => xs.slice(1).sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Runs in the child: `node ltv.bench.js --child <kind>` prints one JSON line. */
function child(kind) {
  const core = load();
  const sales = core.readSales(wholeRunCells(kind));
  const settings = core.resolveSettings();
  const runs = 4;
  const engine = [];
  const step = [];
  const parts = { summary: [], fitBgNbd: [], fitGammaGamma: [], predict: [], retention: [] };
  let result;
  let ltv;
  const time = (list, f) => {
    global.gc();
    const t0 = performance.now();
    const out = f();
    list.push(performance.now() - t0);
    return out;
  };
  for (let i = 0; i < runs; i++) {
    result = time(engine, () => core.segmentSales(sales, settings));
    // the step alone, on the result's clients by client index (it sets their five fields again)
    const byKey = new Map(result.clients.map((c) => [c.key, c]));
    const clients = sales.clientKeys.map((key) => byKey.get(key) ?? { rows: 0, revenue: 0, profit: null, keyClient: false });
    ltv = time(step, () => core.segmentValue(sales, clients, result.asOf, settings, []));
    // its parts
    const k = sales.clientNames.length;
    const order = sales.mapping.order !== undefined ? sales.order : null;
    const summary = time(parts.summary, () => core.ltvSummary({ client: sales.client, amount: sales.amount, day: sales.day, order }, result.asOf, k));
    const bg = time(parts.fitBgNbd, () => core.fitBgNbd(summary));
    const gg = time(parts.fitGammaGamma, () => core.fitGammaGamma(summary));
    time(parts.predict, () => core.ltvPredict(bg.converged ? bg : null, gg.converged && gg.q > 1 ? gg : null, summary, null));
    time(parts.retention, () => core.windowRetention(sales, result.asOf, 12));
  }
  const out = {
    rows: sales.client.length + 1,
    clients: result.summary.clients,
    repeatBuyers: ltv.repeatBuyers,
    warnings: ltv.warnings.map((w) => w.code),
    // a limit's infinite parameters as text (JSON has no Infinity)
    bg: ltv.bgnbd && { r: ltv.bgnbd.r, alpha: ltv.bgnbd.alpha, a: ltv.bgnbd.a, b: String(ltv.bgnbd.b), iterations: ltv.bgnbd.iterations },
    gg: ltv.gammaGamma && { p: ltv.gammaGamma.p, q: String(ltv.gammaGamma.q), gamma: String(ltv.gammaGamma.gamma), iterations: ltv.gammaGamma.iterations },
    engine: median(engine),
    engineCold: engine[0],
    step: median(step),
    stepCold: step[0],
  };
  for (const [name, list] of Object.entries(parts)) out[name] = median(list);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** The whole-run figures of one data set, from a fresh process. */
function wholeRun(kind) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, '--child', kind], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = JSON.parse(out.trim().split('\n').pop());
  const r3 = (v) => (Number.isFinite(Number(v)) ? Math.round(Number(v) * 1000) / 1000 : v);
  const label = `${kind === 'sales' ? 'engine sales rows' : 'model-drawn rows'} (${m.rows.toLocaleString('en')} rows, ${m.clients} clients)`;
  const fits = [m.bg ? `BG/NBD r ${r3(m.bg.r)}, alpha ${r3(m.bg.alpha)}, a ${r3(m.bg.a)}, b ${r3(m.bg.b)}` : 'BG/NBD not fitted', m.gg ? `Gamma-Gamma p ${r3(m.gg.p)}, q ${r3(m.gg.q)}, gamma ${r3(m.gg.gamma)}` : 'Gamma-Gamma not fitted'];
  return [
    { name: `whole run, ${label}: segmentSales with the LTV step, median`, value: Math.round(m.engine), unit: 'ms' },
    { name: `whole run, ${label}: the LTV step (segmentValue), median`, value: Math.round(m.step), unit: 'ms' },
    { name: `whole run, ${label}: the LTV step's share of segmentSales`, value: Math.round((m.step / m.engine) * 100), unit: '%' },
    { name: `whole run, ${label}: first (cold) runs, segmentSales / LTV step`, value: `${Math.round(m.engineCold)} / ${Math.round(m.stepCold)}`, unit: 'ms' },
    { name: `  parts: summary from the rows`, value: Math.round(m.summary), unit: 'ms' },
    { name: `  parts: fit BG/NBD + Gamma-Gamma (${fits.join('; ')}; warnings: ${m.warnings.join(', ') || 'none'})`, value: Math.round(m.fitBgNbd + m.fitGammaGamma), unit: 'ms', target: 2000 },
    { name: `  parts: fit BG/NBD alone / Gamma-Gamma alone`, value: `${Math.round(m.fitBgNbd)} / ${Math.round(m.fitGammaGamma)}`, unit: 'ms' },
    { name: `  parts: predictions (P(alive), E[Y], value, CLV 12m) of ${m.clients} clients`, value: Math.round(m.predict), unit: 'ms', target: 300 },
    { name: '  parts: 12-month retention of the simple LTV (one pass over the rows)', value: Math.round(m.retention), unit: 'ms' },
  ];
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
  const r3 = (v) => (Number.isFinite(Number(v)) ? Math.round(Number(v) * 1000) / 1000 : v);
  return [
    { name: `ltvSummary of ${sim.rows.client.length} purchase rows (${CLIENTS} clients)`, value: Math.round(summary.ms), unit: 'ms' },
    { name: `fit BG/NBD + Gamma-Gamma, ${CLIENTS} clients (median of ${RUNS})`, value: Math.round(fits.ms), unit: 'ms', target: 2000 },
    { name: 'fit BG/NBD + Gamma-Gamma: first (cold) run', value: Math.round(fits.cold), unit: 'ms' },
    { name: `fit iterations BG/NBD / Gamma-Gamma (r ${r3(bg.r)}, alpha ${r3(bg.alpha)}, a ${r3(bg.a)}, b ${r3(bg.b)}; p ${r3(gg.p)}, q ${r3(gg.q)}, gamma ${r3(gg.gamma)})`, value: `${bg.iterations} / ${gg.iterations}`, unit: '' },
    { name: `predictions (P(alive), E[Y(52.18)], value, CLV 12m), ${CLIENTS} clients (median of ${RUNS})`, value: Math.round(predict.ms), unit: 'ms', target: 300 },
    { name: 'predictions: first (cold) run', value: Math.round(predict.cold), unit: 'ms' },
    { name: `ltvModel (fits + predictions), ${CLIENTS} clients (median of ${RUNS})`, value: Math.round(all.ms), unit: 'ms' },
    ...wholeRun('sales'),
    ...wholeRun('model'),
  ];
}

if (require.main === module && process.argv[2] === '--child') {
  child(process.argv[3]);
} else if (require.main === module) {
  run().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.target ? ` (target <= ${f.target})` : ''}`);
  });
}

module.exports = { run };
