'use strict';
/**
 * The command line's .xlsx reader at Excel's scale (issue 7): a real workbook of 1,048,576 rows (a
 * header and 1,048,575 sales of bench/synthetic.js: order id and client as shared strings, the
 * date as a date-formatted serial, amount and profit as numbers), written once by exceljs's
 * streaming writer and cached in the temp folder, then read by `readInput` (dist-cli) in a fresh
 * process per run: wall and CPU seconds (median of 3) and that process's peak RSS. exceljs's
 * streaming WorkbookReader, which the CLI used before, is timed once on the same file for reference.
 * Needs dist-cli/ (npm run build:cli).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ROWS = 1_048_576;
/** Bump when the file's content changes, so an old cached file is not timed. */
const VERSION = 1;
const CACHE = path.join(os.tmpdir(), 'kc-bench-xlsx', `sales-${ROWS}-v${VERSION}.xlsx`);

/** Writes the workbook (about 15 s and 40 MB), or returns the cached one. */
async function workbook() {
  if (fs.existsSync(CACHE)) return CACHE;
  const ExcelJS = require('exceljs');
  const { salesCells } = require('./synthetic');
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  const tmp = `${CACHE}.${process.pid}.tmp`;
  const cells = salesCells(ROWS);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Sales');
  ws.columns = [{ width: 12 }, { width: 12, style: { numFmt: 'yyyy-mm-dd' } }, { width: 16 }, { width: 12 }, { width: 12 }];
  for (let r = 0; r < cells.length; r++) {
    const c = cells[r];
    // a JS Date at UTC midnight of the serial: exceljs writes it back as that serial with the date format
    ws.addRow(r === 0 ? c : [c[0], new Date(Math.round((c[1] - 25569) * 86_400_000)), c[2], c[3], c[4]]).commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, CACHE);
  return CACHE;
}

/** In the child: `node xlsx-read.bench.js --child ours|exceljs <file>` prints one JSON line. */
async function child(which, file) {
  const t0 = process.hrtime.bigint();
  let rows = 0;
  if (which === 'ours') {
    const { readInput } = require(path.join(ROOT, 'dist-cli', 'cli', 'read.js'));
    const table = await readInput(file);
    rows = table.cells.length;
  } else {
    const ExcelJS = require('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file, { flags: 'r' }), {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
    });
    const kept = [];
    for await (const ws of reader) for await (const row of ws) kept.push(row.values), rows++;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(); // all threads: the inflating happens on libuv's pool
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(`${JSON.stringify({ rows, seconds, cpuSeconds, peakRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20 })}\n`);
}

function measure(which, file) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', __filename, '--child', which, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

async function run() {
  const file = await workbook();
  const runs = [1, 2, 3].map(() => measure('ours', file));
  for (const r of runs) if (r.rows !== ROWS) throw new Error(`read ${r.rows} rows instead of ${ROWS}`);
  const median = runs.map((r) => r.seconds).sort((a, b) => a - b)[1];
  const cpu = runs.map((r) => r.cpuSeconds).sort((a, b) => a - b)[1];
  const peak = Math.max(...runs.map((r) => r.peakRssMB));
  const old = measure('exceljs', file);
  const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return [
    { name: `.xlsx of 1,048,576 rows x 5 columns: file size`, value: round(fs.statSync(file).size / 2 ** 20, 1), unit: 'MB' },
    { name: 'readInput(.xlsx 1,048,576 rows): read to cells (median of 3)', value: round(median), unit: 's', target: 4 },
    { name: 'readInput(.xlsx 1,048,576 rows): CPU time, user + system (median of 3; less hurt by a busy machine)', value: round(cpu), unit: 's' },
    { name: 'readInput(.xlsx 1,048,576 rows): process peak RSS', value: Math.round(peak), unit: 'MB', target: 1024 },
    { name: 'for reference: exceljs streaming WorkbookReader, same file (1 run)', value: round(old.seconds), unit: 's' },
    { name: 'for reference: exceljs streaming WorkbookReader, CPU time', value: round(old.cpuSeconds), unit: 's' },
    { name: 'for reference: exceljs streaming WorkbookReader, peak RSS', value: Math.round(old.peakRssMB), unit: 'MB' },
  ];
}

module.exports = { run };

if (require.main === module && process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  });
}
