'use strict';
/**
 * Task pane figures (issue 4, "Performance"):
 * - 100,000 sales rows against the in-memory workbook, from the click to the last write: reading the
 *   selection, the engine (segmentClients + buildReport, also reported alone), writing the sheets;
 *   with the number of context.sync() calls and the largest request and response;
 * - the size of the task pane's production bundle (dist/static/taskpane.<hash>.js) and of functions.js.
 * Compiles src/excel (and the core under it) and the in-memory workbook (test/excel/fake) with
 * tsconfig.bench.json into dist-bench/ first.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ROWS = 100_000;

/** The pane bundle, named by its content hash (webpack.config.js). */
function paneBundle() {
  const dir = path.join(ROOT, 'dist', 'static');
  const name = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => /^taskpane\.[0-9a-f]+\.js$/.test(f)) : undefined;
  return path.join(dir, name || 'taskpane.js');
}

function compile() {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, stdio: 'inherit' });
}

function fileSize(file) {
  return fs.existsSync(file) ? fs.statSync(file).size : NaN;
}

async function once(excel, fake, cells) {
  const wb = new fake.FakeWorkbook();
  wb.addSheet('Sales', cells);
  wb.select('Sales', 'A1');
  const host = wb.host();
  const t0 = performance.now();
  const source = await excel.readSelection(host);
  const t1 = performance.now();
  const run = await excel.segmentAndWrite(host, source);
  const t2 = performance.now();
  return { total: t2 - t0, read: t1 - t0, engine: run.engineMs, write: run.writeMs, stats: wb.stats(), clients: run.result.summary.clients };
}

async function run() {
  compile();
  const excel = require(path.join(ROOT, 'dist-bench', 'src', 'excel', 'index.js'));
  const fake = require(path.join(ROOT, 'dist-bench', 'test', 'excel', 'fake', 'fake-excel.js'));
  const { salesCells } = require('./synthetic');
  const cells = salesCells(ROWS);
  await once(excel, fake, cells); // warm-up
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await once(excel, fake, cells));
  runs.sort((a, b) => a.total - b.total);
  const m = runs[1];
  const r = (x) => Math.round(x);
  return [
    { name: `taskpane: ${ROWS.toLocaleString('en')} rows, click to last write (in-memory workbook)`, value: r(m.total), unit: 'ms', target: '< 3000' },
    { name: 'taskpane: of which the engine (segmentClients + buildReport)', value: r(m.engine), unit: 'ms' },
    { name: 'taskpane: of which reading the selection', value: r(m.read), unit: 'ms' },
    { name: 'taskpane: of which writing the sheets', value: r(m.write), unit: 'ms' },
    { name: `taskpane: context.sync() calls (${m.clients} clients)`, value: m.stats.syncs, unit: 'syncs' },
    { name: 'taskpane: largest request', value: m.stats.maxRequestBytes, unit: 'bytes', target: '< 5242880' },
    { name: 'taskpane: largest response', value: m.stats.maxResponseBytes, unit: 'bytes', target: '< 5242880' },
    { name: 'taskpane: production bundle dist/static/taskpane.<hash>.js', value: fileSize(paneBundle()), unit: 'bytes' },
    { name: 'functions: production bundle dist/functions.js', value: fileSize(path.join(ROOT, 'dist', 'functions.js')), unit: 'bytes', target: '< 153600' },
  ];
}

module.exports = { run };

if (require.main === module) {
  run().then((rows) => console.table(rows), (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
