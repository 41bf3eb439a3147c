'use strict';
/**
 * Dynamics figures (issue 10, "Performance"): what the KPIs over time add to the engine's time as the
 * command line runs it on 1,048,576 rows and 50,000 clients (bench/synthetic.js: 24 months, order ids,
 * profit; the default window of 12 months and cohorts by quarter). The engine time is what the pane
 * calls engineMs: segmentSales (which runs the dynamics as a step, after RFM, with the main run's
 * segments) and buildReport (the report model). The dynamics' part is the step itself (timed by its
 * progress stage, 'dynamics' 0 to 1) plus what they add to the report model (buildReport of the result
 * less buildReport of the same result without its dynamics); the engine without them is the rest. The
 * target: the dynamics add at most 30 % to the engine without them. Both read the rows already parsed
 * by readSales (reading the file is the same with or without). computeDynamics alone, with and without
 * the main run's segments, is printed for information. Runs in a fresh `node --expose-gc` process;
 * times are medians of the runs after a cold one. Needs dist-cli/ (npm run build:cli).
 */
const { execFileSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ROWS = 1_048_576;

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Runs in the child: `node dynamics.bench.js --child` prints one JSON line. */
async function child() {
  const core = require(path.join(ROOT, 'dist-cli', 'core', 'index.js'));
  const { salesCells } = require('./synthetic');
  const settings = core.resolveSettings();
  const sales = core.readSales(salesCells(ROWS));
  const runs = 7;
  const f = { segment: [], step: [], report: [], reportWithout: [], alone: [], scoring: [] };
  let clients = 0;
  let cohorts = 0;
  for (let i = 0; i < runs; i++) {
    global.gc();
    let stepStart = 0n;
    let stepMs = 0;
    const onProgress = (fraction, stage) => {
      if (stage !== 'dynamics') return;
      if (fraction === 0) stepStart = process.hrtime.bigint();
      else stepMs = ms(stepStart);
    };
    let t0 = process.hrtime.bigint();
    const result = core.segmentSales(sales, settings, onProgress);
    f.segment.push(ms(t0));
    f.step.push(stepMs);
    clients = result.summary.clients;
    cohorts = result.dynamics.cohorts.length;
    global.gc();
    t0 = process.hrtime.bigint();
    core.buildReport(result);
    f.report.push(ms(t0));
    global.gc();
    t0 = process.hrtime.bigint();
    core.buildReport({ ...result, dynamics: null });
    f.reportWithout.push(ms(t0));
    // computeDynamics alone, given the main run's segments (as the step does) and scoring them itself
    const rfmCurrent = new Array(sales.clientNames.length).fill(null);
    for (const c of result.clients) rfmCurrent[c.index] = c.rfmSegment;
    global.gc();
    t0 = process.hrtime.bigint();
    core.computeDynamics(sales, settings, result.asOf, { rfmCurrent });
    f.alone.push(ms(t0));
    global.gc();
    t0 = process.hrtime.bigint();
    core.computeDynamics(sales, settings, result.asOf);
    f.scoring.push(ms(t0));
  }
  const median = (xs) => xs.slice(1).sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const m = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, median(v)]));
  // per run, so that the ratio pairs times measured together
  const ratios = f.segment.map((seg, i) => {
    const added = f.step[i] + (f.report[i] - f.reportWithout[i]);
    return added / (seg - f.step[i] + f.reportWithout[i]);
  });
  const cold = f.step[0] + f.report[0] - f.reportWithout[0];
  process.stdout.write(JSON.stringify({ clients, cohorts, ...m, ratio: median(ratios), coldRatio: cold / (f.segment[0] - f.step[0] + f.reportWithout[0]) }) + '\n');
}

async function run() {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, '--child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = JSON.parse(out.trim().split('\n').pop());
  const round = (x) => Math.round(x * 1000) / 1000;
  return [
    { name: `engine with the dynamics: segmentSales + buildReport, 1,048,576 rows (${m.clients} clients), median`, value: Math.round(m.segment + m.report), unit: 'ms' },
    { name: 'engine without them: segmentSales less the dynamics step + buildReport without the dynamics', value: Math.round(m.segment - m.step + m.reportWithout), unit: 'ms' },
    { name: `the dynamics step in segmentSales (12-month windows, ${m.cohorts} cohort cells, the main run's RFM)`, value: Math.round(m.step), unit: 'ms' },
    { name: 'the dynamics in buildReport (Clients columns, KPI table, Churned key clients, Dynamics, Cohorts)', value: Math.round(m.report - m.reportWithout), unit: 'ms' },
    { name: 'computeDynamics alone, given the main run\'s RFM segments, median', value: Math.round(m.alone), unit: 'ms' },
    { name: 'computeDynamics alone, scoring RFM at asOf itself, median', value: Math.round(m.scoring), unit: 'ms' },
    { name: 'first (cold) run: dynamics / engine without them (no target; a single command-line run is cold)', value: round(m.coldRatio), unit: 'x' },
    { name: 'dynamics time / engine time without them (median of the runs)', value: round(m.ratio), unit: 'x', target: 0.3 },
  ];
}

module.exports = { run };

if (require.main === module && process.argv[2] === '--child') {
  child().catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  });
}
