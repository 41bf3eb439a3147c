/**
 * Benchmark of the custom functions (issue 3 and issue 9 item 12 targets), on the adapters compiled by
 * `npm run build:cli` into dist-cli/functions/adapters.js (the same code the add-in bundles), each
 * result prepared for Excel as functions.ts prepares it (`prepareResult`).
 *
 *   node bench/functions.bench.js      prints the figures
 *   npm run bench                      bench/run.js calls run(): [{ name, value, unit, target }]
 *
 * The host is Excel's runtime as it really runs the functions (custom-functions-runtime.js,
 * CustomFunctionProxy): every invocation's arguments arrive in a message of their own and are made by
 * JSON.parse, so each call gets its own copy of every argument, fresh from the parser. The parse is
 * Excel's cost and is made outside the timed region; only the add-in's own work is timed, call by
 * call. Inputs are deterministic (mulberry32).
 */
/* eslint-env node */
'use strict';

const fs = require('fs');
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

/** Revenue of n clients, heavy-tailed like a real base, as an Excel column, with 1 % blanks (null, as Excel sends them). */
function revenueColumn(n, seed) {
  const r = random(seed);
  return Array.from({ length: n }, () => [r() < 0.01 ? null : Math.round(1000 / (r() + 0.001)) / 10]);
}

/** The arguments of one invocation as the function receives them: a fresh JSON.parse of its message. */
function delivered(message) {
  return JSON.parse(message);
}

/** Best of `repeat` runs after one warm-up (the JIT): the figure a recalculation sees when warm. */
function best(f, repeat = 3) {
  f();
  let ms = Infinity;
  for (let i = 0; i < repeat; i++) ms = Math.min(ms, f());
  return ms;
}

/** Milliseconds of `call(args)`, the arguments parsed from `message` beforehand (not timed). */
function timedCall(message, call) {
  const args = delivered(message);
  const t0 = performance.now();
  call(args);
  return performance.now() - t0;
}

/**
 * As the runtime serialises a prepared result (bytes of UTF-8): each error cell by the runtime's
 * CustomFunctionError.prototype.toJSON, which keeps the message of #VALUE! and #N/A only.
 */
function payloadBytes(a, grid) {
  const types = { '#VALUE!': 'Value', '#N/A': 'NotAvailable', '#NUM!': 'Num', '#DIV/0!': 'Div0' };
  const wire = grid.map((row) =>
    row.map((v) =>
      v instanceof a.CellError
        ? {
            valueType: 'CustomFunctionError', code: v.code, type: 'Error', basicValue: v.code, basicType: 'Error',
            message: v.code === '#VALUE!' || v.code === '#N/A' ? v.message || undefined : undefined, errorType: types[v.code],
          }
        : v,
    ),
  );
  return Buffer.byteLength(JSON.stringify([1, true, wire, [0]]), 'utf8');
}

/** CDNOW's x, t_x, T columns as Excel ranges (test/data/cdnow). */
function cdnowColumns() {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'test', 'data', 'cdnow', 'cdnow_customers_summary_with_transactions.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const cols = [[], [], [], []];
  for (const l of lines) {
    const [, x, tx, T, zbar] = l.split(',').map(Number);
    cols[0].push([x]);
    cols[1].push([tx]);
    cols[2].push([T]);
    cols[3].push([zbar]);
  }
  return cols;
}

async function run() {
  const a = load();
  const results = [];

  // Spills: one call each, its arguments fresh from JSON.parse.
  const abcMessage = JSON.stringify([revenueColumn(100_000, 1)]);
  results.push({ name: 'ABC_CLASS spill, 100,000 values', ms: best(() => timedCall(abcMessage, ([v]) => a.prepareResult(a.abcClassGrid(v, null)))), target: 100 });

  const n = 100_000;
  const r = random(2);
  const last = Array.from({ length: n }, () => [43831 + Math.floor(r() * 1461)]); // 2020-01-01 + 0..4 years
  const freq = Array.from({ length: n }, () => [1 + Math.floor(-Math.log(r() + 1e-9) * 4)]);
  const mon = Array.from({ length: n }, () => [Math.round(r() * 1e6) / 100]);
  const rfmMessage = JSON.stringify([last, freq, mon]);
  results.push({ name: 'RFM_SCORE, 100,000 clients', ms: best(() => timedCall(rfmMessage, ([l, f, m]) => a.prepareResult(a.rfmScoreGrid(l, f, m)))), target: 300 });

  // Fill-down: =KC.ABC_CLASS(Bn, $B$2:$B$10001) in 10,000 rows, one recalculation. Each call's
  // arguments are parsed from its own message just before it (Excel's work, not timed); the calls
  // are timed one by one and summed.
  const population = revenueColumn(10_000, 3);
  const popJson = JSON.stringify(population);
  const messages = population.map((row) => `[[${JSON.stringify(row)}],${popJson}]`);
  const fillDown = () => {
    a.abcPopulations.clear();
    let ms = 0;
    for (let i = 0; i < messages.length; i++) ms += timedCall(messages[i], ([v, pop]) => a.prepareResult(a.abcClassGrid(v, pop)));
    return ms;
  };
  const fillMs = best(fillDown);
  const stats = { ...a.abcPopulations.stats };
  // The floor of a content-keyed cache: one read of every cell of the population (each call's copy is
  // new, so nothing less can tell that it is the same), through the same cell reader, and through
  // plain indexing for comparison.
  const floor = (read) => () => {
    let ms = 0;
    let sink = 0;
    for (let i = 0; i < messages.length; i++) {
      ms += timedCall(messages[i], ([, pop]) => {
        for (let k = 0; k < pop.length; k++) if (typeof read(pop[k], 0) === 'number') sink++;
      });
    }
    return sink >= 0 ? ms : ms;
  };
  const floorMs = best(floor(a.cellAt), 1);
  const indexedMs = best(floor((row, c) => row[c]), 1);
  results.push({ name: 'ABC_CLASS fill-down, 10,000 cells over $B$2:$B$10001 (fresh copy per call)', ms: fillMs, target: 1000, note: `builds ${stats.builds}, hits ${stats.hits}` });
  results.push({ name: 'floor: one read of the 10,000-cell population per call, 10,000 calls (Array.prototype.at)', ms: floorMs });
  results.push({ name: 'same floor read by plain indexing (row[c]), for comparison', ms: indexedMs });

  // LTV: CDNOW (2,357 clients), the fit inside a filled-down P_ALIVE: the fit is made once.
  const [x, tx, T, zbar] = cdnowColumns();
  const fitMessage = JSON.stringify([x, tx, T]);
  results.push({ name: 'BGNBD_FIT on CDNOW, 2,357 clients', ms: best(() => { a.ltvFits.clear(); return timedCall(fitMessage, ([xs, txs, Ts]) => a.bgnbdFitGrid(xs, txs, Ts)); }, 2), target: 2000 });
  results.push({ name: 'GG_FIT on CDNOW (946 repeat buyers)', ms: best(() => { a.ltvFits.clear(); return timedCall(JSON.stringify([x, zbar]), ([xs, zs]) => a.ggFitGrid(xs, zs)); }, 2), target: 2000 });
  const pAliveMessages = x.map((_, i) => JSON.stringify([[x[i]], [tx[i]], [T[i]], x, tx, T]));
  const pAliveFill = () => {
    a.ltvFits.clear();
    let ms = 0;
    for (const m of pAliveMessages) ms += timedCall(m, ([xi, txi, Ti, xs, txs, Ts]) => a.prepareResult(a.pAliveGrid(xi, txi, Ti, a.bgnbdFitGrid(xs, txs, Ts))));
    return ms;
  };
  results.push({ name: 'P_ALIVE(Bn, Cn, Dn, BGNBD_FIT($B$2:$D$2358...)) filled down 2,357 rows: one fit', ms: best(pAliveFill, 1), target: 2000, note: `fits ${a.ltvFits.stats.builds}` });
  const params = a.bgnbdFitGrid(x, tx, T);
  const gg = a.ggFitGrid(x, zbar);
  const clvMessage = JSON.stringify([x, tx, T, zbar, params, gg]);
  results.push({ name: 'CLV spill, 2,357 clients', ms: best(() => timedCall(clvMessage, (args) => a.prepareResult(a.clvGrid(...args)))), target: 300 });

  // Payloads as the runtime sends them (bytes), and what the budget does.
  const bad = Array.from({ length: 100_000 }, (_, i) => [`n/a ${i}`]);
  let whole = '';
  try {
    a.prepareResult(a.abcClassGrid(bad, null));
  } catch (e) {
    whole = e.message;
  }
  const wholeBytes = Buffer.byteLength(JSON.stringify([1, false, whole, 7, [0]]), 'utf8');
  const fiveThousand = Array.from({ length: 100_000 }, (_, i) => [i % 20 === 3 ? `bad ${i}` : 1 + (i % 977)]);
  const mixedBytes = payloadBytes(a, a.prepareResult(a.abcClassGrid(fiveThousand, null)));
  const unprepared = a.abcClassGrid(bad, null);
  results.push({ name: 'payload: 100,000 error cells, each with its full message (before this rule)', bytes: payloadBytes(a, unprepared) });
  results.push({ name: 'payload: the same spill as sent now (one error)', bytes: wholeBytes, target: 5 * 1024 * 1024 });
  results.push({ name: 'payload: 100,000 classes with 5,000 bad cells (short repeated messages)', bytes: mixedBytes, target: a.RESULT_BUDGET });

  return results.map((x) =>
    x.bytes !== undefined ? { ...x, value: x.bytes, unit: 'bytes' } : { ...x, value: Math.round(x.ms * 10) / 10, unit: 'ms' },
  );
}

function print(results) {
  for (const { name, value, unit, target, note } of results) {
    const mark = target === undefined ? '    ' : value <= target ? 'ok  ' : 'SLOW';
    console.log(`${mark} ${name}: ${unit === 'ms' ? value.toFixed(1) : value.toLocaleString('en-US')} ${unit}${target !== undefined ? ` (target <= ${target.toLocaleString('en-US')})` : ''}${note ? `; ${note}` : ''}`);
  }
}

module.exports = { run, print };

if (require.main === module) {
  run()
    .then((results) => {
      print(results);
      if (results.some((x) => x.target !== undefined && x.value > x.target)) process.exitCode = 1;
    })
    .catch((e) => {
      console.error(e.message);
      process.exitCode = 1;
    });
}
