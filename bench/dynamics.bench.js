'use strict';
/**
 * Dynamics figures (issue 10, "Performance"): computeDynamics (windows, statuses, ABC per window,
 * KPIs, ABC and RFM migration, bridge, cohorts) against the engine's segmentSales on the same
 * 1,048,576 rows and 50,000 clients (bench/synthetic.js: 24 months, order ids, profit), with the
 * default window (12 months) and cohorts (quarters). Both read the rows already parsed by readSales,
 * so the ratio compares the work after reading. The target is on the dynamics as the engine will call
 * them, given the main run's RFM segments (options.rfmCurrent: the segments at asOf are the main
 * run's); the time when they score every client again is printed too. Runs in a fresh
 * `node --expose-gc` process; times are medians of the runs after a cold one. Needs dist-cli/
 * (npm run build:cli).
 */
const { execFileSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ROWS = 1_048_576;

/** Runs in the child: `node dynamics.bench.js --child` prints one JSON line. */
async function child() {
  const core = require(path.join(ROOT, 'dist-cli', 'core', 'index.js'));
  const { salesCells } = require('./synthetic');
  const settings = core.resolveSettings();
  const sales = core.readSales(salesCells(ROWS));
  const runs = 7;
  const engine = [];
  const dynamics = [];
  const alone = [];
  let asOf = 0;
  let clients = 0;
  let cohorts = 0;
  for (let i = 0; i < runs; i++) {
    global.gc();
    let t0 = process.hrtime.bigint();
    const result = core.segmentSales(sales, settings);
    engine.push(Number(process.hrtime.bigint() - t0) / 1e6);
    asOf = result.asOf;
    clients = result.summary.clients;
    // the main run's segments by client index (the engine will hand them over as they are)
    const byKey = new Map(result.clients.map((c) => [c.key, c.rfmSegment]));
    const rfmCurrent = sales.clientKeys.map((key) => byKey.get(key));
    global.gc();
    t0 = process.hrtime.bigint();
    const d = core.computeDynamics(sales, settings, asOf, { rfmCurrent });
    dynamics.push(Number(process.hrtime.bigint() - t0) / 1e6);
    global.gc();
    t0 = process.hrtime.bigint();
    core.computeDynamics(sales, settings, asOf);
    alone.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cohorts = d.cohorts.length;
    if (d.kpis.clientsPrevious + d.kpis.new + d.kpis.returned + d.kpis.inactive !== clients) throw new Error('statuses do not cover the clients');
  }
  const median = (xs) => xs.slice(1).sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  process.stdout.write(JSON.stringify({ clients, cohorts, engine: median(engine), dynamics: median(dynamics), alone: median(alone), engineCold: engine[0], dynamicsCold: dynamics[0] }) + '\n');
}

async function run() {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, '--child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = JSON.parse(out.trim().split('\n').pop());
  return [
    { name: `segmentSales 1,048,576 rows (${m.clients} clients), median`, value: Math.round(m.engine), unit: 'ms' },
    { name: `computeDynamics same rows (12-month windows, ${m.cohorts} cohort cells), main run's RFM, median`, value: Math.round(m.dynamics), unit: 'ms' },
    { name: 'computeDynamics scoring RFM at asOf itself, median', value: Math.round(m.alone), unit: 'ms' },
    { name: 'segmentSales first (cold) run', value: Math.round(m.engineCold), unit: 'ms' },
    { name: 'computeDynamics first (cold) run', value: Math.round(m.dynamicsCold), unit: 'ms' },
    { name: 'first runs: dynamics / engine (no target; a single command-line run is cold)', value: Math.round((m.dynamicsCold / m.engineCold) * 1000) / 1000, unit: 'x' },
    { name: 'dynamics time / engine time', value: Math.round((m.dynamics / m.engine) * 1000) / 1000, unit: 'x', target: 0.3 },
  ];
}

module.exports = { run };

if (require.main === module && process.argv[2] === '--child') {
  child().catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  });
}
