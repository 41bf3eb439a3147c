'use strict';
/**
 * Engine and command-line figures (issue 2, "Performance"):
 * - segmentClients + buildReport from a 2-D cell array to the report model at 10k, 100k and
 *   1,048,576 rows (50,000 clients, 24 months), each size in a fresh `node --expose-gc` process:
 *   time (median of the runs after a cold one), heap and RSS growth, the process's peak RSS;
 * - the n log n check: time per row at 1M over time per row at 100k, against log(1M)/log(100k);
 * - the CLI on assets/sample-sales.xlsx, start to written workbook.
 * Needs dist-cli/ (npm run build:cli).
 */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SIZES = [10_000, 100_000, 1_048_576];

/** Runs in the child: `node engine.bench.js --child <rows>` prints one JSON line. */
async function child(rows) {
  const core = require(path.join(ROOT, 'dist-cli', 'core', 'index.js'));
  const { salesCells } = require('./synthetic');
  const cells = salesCells(rows);
  const runs = rows > 200_000 ? 3 : 7;
  const times = [];
  let clients = 0;
  let heapGrowth = 0;
  let rssGrowth = 0;
  for (let i = 0; i < runs; i++) {
    global.gc();
    const before = process.memoryUsage();
    const t0 = process.hrtime.bigint();
    const result = core.segmentClients(cells);
    const model = core.buildReport(result);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const after = process.memoryUsage();
    times.push(ms);
    clients = result.summary.clients;
    heapGrowth = Math.max(heapGrowth, after.heapUsed - before.heapUsed);
    rssGrowth = Math.max(rssGrowth, process.resourceUsage().maxRSS * 1024 - before.rss);
    if (!model.sheets.length) throw new Error('empty model');
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({
      rows,
      clients,
      cold: times[0],
      ms: warm[Math.floor(warm.length / 2)],
      heapGrowthMB: heapGrowth / 2 ** 20,
      rssGrowthMB: Math.max(0, rssGrowth) / 2 ** 20,
      peakRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    }) + '\n',
  );
}

function measureSize(rows) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, '--child', String(rows)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

function measureCli() {
  const bin = path.join(ROOT, 'bin', 'key-clients.js');
  const sample = path.join(ROOT, 'assets', 'sample-sales.xlsx');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
  const times = [];
  try {
    for (let i = 0; i < 3; i++) {
      const out = path.join(dir, `sample-${i}.xlsx`);
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, 'segment', sample, '--out', out, '--quiet'], { encoding: 'utf8' });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`the CLI failed (exit ${r.status}): ${r.stderr}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return times.sort((a, b) => a - b)[1];
}

async function run() {
  const figures = [];
  const bySize = {};
  for (const rows of SIZES) {
    const m = measureSize(rows);
    bySize[rows] = m;
    const label = rows === 1_048_576 ? '1,048,576' : rows >= 1000 ? `${rows / 1000}k` : String(rows);
    const big = rows === 1_048_576;
    figures.push({ name: `engine ${label} rows (${m.clients} clients): segment + report`, value: Math.round(m.ms), unit: 'ms', target: big ? 2000 : undefined });
    figures.push({ name: `engine ${label} rows: first (cold) run`, value: Math.round(m.cold), unit: 'ms', target: undefined });
    figures.push({ name: `engine ${label} rows: heap growth`, value: Math.round(m.heapGrowthMB), unit: 'MB', target: undefined });
    figures.push({ name: `engine ${label} rows: process peak RSS (input array included)`, value: Math.round(m.peakRssMB), unit: 'MB', target: big ? 1024 : undefined });
  }
  const a = bySize[100_000];
  const b = bySize[1_048_576];
  const ratio = b.ms / b.rows / (a.ms / a.rows);
  const nlogn = Math.log(b.rows) / Math.log(a.rows);
  figures.push({ name: `time per row 1M / 100k (n log n gives ${nlogn.toFixed(2)})`, value: Math.round(ratio * 100) / 100, unit: 'x', target: Math.round(nlogn * 1.5 * 100) / 100 });
  figures.push({ name: 'CLI on assets/sample-sales.xlsx, start to written workbook (median of 3)', value: Math.round(measureCli()), unit: 'ms', target: 3000 });
  return figures;
}

module.exports = { run };

if (require.main === module && process.argv[2] === '--child') {
  child(Number(process.argv[3])).catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  });
}
