'use strict';
/**
 * The command line on real files (issue 7, "Speed and memory at Excel's scale"): each figure is a run
 * of `bin/key-clients.js segment` as a child process, timed from spawn to exit, with the child's peak
 * resident memory (GNU time's %M, or VmHWM from /proc while it runs) and its CPU time (user + system:
 * less disturbed than the wall time when others share the machine).
 *
 * Files, made once by the seeded generator of bench/synthetic.js into a temporary folder (kept between
 * runs: $KC_BENCH_DIR or <tmp>/kc-bench-files-<version>):
 *   sales-1048575.csv / .xlsx   1,048,575 rows (a full sheet), 50,000 clients, 24 months
 *   unique-1048575.csv          1,048,575 rows, every row a different client
 *   grow-<rows>.csv             10k / 100k / 1M rows, one client per 21 rows (the 1M file's ratio)
 * and bench/pandas_segment.py, the same work as our JSON in pandas and scipy (JSON only), on the 1M CSV, and
 * its --sections-0-5 form (the per-client work only, the yardstick before the dynamics and the LTV).
 *
 * $KC_BENCH_RUNS sets the runs per figure (default 3; the median is shown). $KC_BENCH_CASES runs only
 * the cases named (comma-separated: csv, pandas, xlsx, unique, grow, sample; default all; pandas
 * compares with the csv case's figure, so it runs that too). Needs dist-cli/.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { salesCells } = require('./synthetic');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'key-clients.js');
const PYTHON = '/usr/bin/python3';
const GNU_TIME = '/usr/bin/time';
const FULL = 1_048_576; // a full sheet: the header and 1,048,575 rows
const FILES_VERSION = 1; // bump when the generator changes
const RUNS = Math.max(1, Number(process.env.KC_BENCH_RUNS) || 3);
const CASES = (process.env.KC_BENCH_CASES || 'csv,pandas,xlsx,unique,grow,sample').split(',').map((c) => c.trim());
/** Whether a case is to run ($KC_BENCH_CASES). */
const runs = (name) => CASES.includes(name) || (name === 'csv' && CASES.includes('pandas'));

const filesDir = () => process.env.KC_BENCH_DIR || path.join(os.tmpdir(), `kc-bench-files-${FILES_VERSION}`);

/** Excel serial (1900 system) to yyyy-mm-dd. */
const isoOf = (serial) => new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);

/** Writes the synthetic cells as a CSV (dates as yyyy-mm-dd), through a temporary name. */
function writeCsv(file, cells) {
  const lines = new Array(cells.length);
  lines[0] = cells[0].join(',');
  for (let i = 1; i < cells.length; i++) {
    const r = cells[i];
    lines[i] = `${r[0]},${isoOf(r[1])},${r[2]},${r[3]},${r[4]}`;
  }
  fs.writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** Writes the synthetic cells as an .xlsx (one sheet "Sales", dates as dates), with the writer of dist-cli. */
async function writeXlsxFile(file, cells) {
  const { StyleSheet, writeXlsx } = require(path.join(ROOT, 'dist-cli', 'cli', 'xlsx-write', 'workbook.js'));
  const styles = new StyleSheet();
  const date = styles.id({ numFmt: 'yyyy-mm-dd' });
  const money = styles.id({ numFmt: '#,##0.00' });
  const formats = [{ value: 0, text: 0 }, { value: date, text: 0 }, { value: 0, text: 0 }, { value: money, text: 0 }, { value: money, text: 0 }];
  const sheet = {
    name: 'Sales',
    widths: [12, 12, 16, 12, 12],
    tables: [],
    async write(rows) {
      for (let i = 0; i < cells.length; i++) {
        rows.row(i + 1, cells[i], i ? formats : { value: 0, text: 0 });
        if (rows.full) await rows.flush();
      }
    },
  };
  await writeXlsx(file, { creator: 'bench', title: 'Sales', subject: 'synthetic sales', created: new Date(Date.UTC(2025, 0, 1)) }, styles, [sheet], 6);
}

/** The bench's input files, made when missing. */
async function inputFiles() {
  const dir = filesDir();
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    csv: path.join(dir, `sales-${FULL - 1}.csv`),
    xlsx: path.join(dir, `sales-${FULL - 1}.xlsx`),
    unique: path.join(dir, `unique-${FULL - 1}.csv`),
    grow: [10_000, 100_000, FULL - 1].map((rows) => ({ rows, file: path.join(dir, `grow-${rows}.csv`) })),
  };
  if (!fs.existsSync(files.csv) || !fs.existsSync(files.xlsx)) {
    process.stderr.write(`bench: making ${files.csv} and .xlsx...\n`);
    const cells = salesCells(FULL);
    if (!fs.existsSync(files.csv)) writeCsv(files.csv, cells);
    if (!fs.existsSync(files.xlsx)) await writeXlsxFile(files.xlsx, cells);
  }
  if (!fs.existsSync(files.unique)) {
    process.stderr.write(`bench: making ${files.unique}...\n`);
    writeCsv(files.unique, salesCells(FULL, { clients: FULL - 1, lines: 1 }));
  }
  for (const g of files.grow) {
    if (!fs.existsSync(g.file)) writeCsv(g.file, salesCells(g.rows + 1, { clients: Math.max(1, Math.round(g.rows / 21)) }));
  }
  return files;
}

/** Peak resident memory of a running process from /proc (kB), or 0 where there is no /proc. */
function vmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a command to its end: wall seconds, the child's peak RSS (MB) and CPU seconds.
 * With GNU time its own figures (%e %M %U %S); otherwise the wall clock, VmHWM polled every 20 ms, and no CPU time.
 */
function measure(cmd, args) {
  const gnu = fs.existsSync(GNU_TIME);
  const report = path.join(os.tmpdir(), `kc-bench-time-${process.pid}.txt`);
  const argv = gnu ? [GNU_TIME, '-o', report, '-f', '%e %M %U %S', cmd, ...args] : [cmd, ...args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KEY_CLIENTS_TIMES: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let peak = 0;
    const poll = gnu ? null : setInterval(() => (peak = Math.max(peak, vmHwm(child.pid))), 20);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} exited ${code}: ${err.trim().split('\n').pop()}`));
      if (!gnu) return resolve({ wall, peakMB: peak / 1024, cpu: NaN, stdout: out, stages: stagesOf(err) });
      const [e, m, u, s] = fs.readFileSync(report, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
      fs.rmSync(report, { force: true });
      resolve({ wall: e, peakMB: m / 1024, cpu: u + s, stdout: out, stages: stagesOf(err) });
    });
  });
}

/** The CLI's stage times (KEY_CLIENTS_TIMES): { read: { wall, cpu }, segment: ..., ... }. */
function stagesOf(stderr) {
  const line = /times: (.*)/.exec(stderr);
  const stages = {};
  if (line) for (const m of line[1].matchAll(/([\w ]+?) ([\d.]+) s \(CPU ([\d.]+) s\)/g)) stages[m[1].trim()] = { wall: Number(m[2]), cpu: Number(m[3]) };
  return stages;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `runs` runs of a command: the median wall time, the highest peak, the median CPU time. */
async function repeat(cmd, args, runs = RUNS) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measure(cmd, args));
  const mid = [...all].sort((a, b) => a.wall - b.wall)[Math.floor(all.length / 2)];
  return { wall: mid.wall, peakMB: Math.max(...all.map((r) => r.peakMB)), cpu: median(all.map((r) => r.cpu)), stdout: mid.stdout, stages: mid.stages };
}

const cli = (input, out, json) => [BIN, 'segment', input, ...(out ? ['--out', out] : []), ...(json ? ['--json', json] : []), '--quiet'];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function run() {
  if (!fs.existsSync(path.join(ROOT, 'dist-cli', 'cli', 'main.js'))) throw new Error('run "npm run build:cli" first');
  const files = await inputFiles();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
  const out = path.join(work, 'result.xlsx');
  const json = path.join(work, 'result.json');
  const figures = [];
  const add = (name, value, unit, target) => figures.push({ name, value, unit, target });
  const load = () => os.loadavg()[0].toFixed(1);
  /** The stages of a run, CPU seconds each (the run with the median wall time). */
  const stages = (label, m) => {
    for (const [stage, t] of Object.entries(m.stages)) add(`${label}: of which ${stage}, CPU`, round(t.cpu), 's', undefined);
  };
  add(`load average (1 min) at the start: figures are noisy above ${os.cpus().length}`, Number(load()), '', undefined);
  try {
    // 1. the full sheet as CSV, workbook + JSON
    const main = runs('csv') ? await repeat(process.execPath, cli(files.csv, out, json)) : null;
    let jsonOnly = null;
    if (main) {
      add('CSV 1,048,575 rows, 50,000 clients, workbook + JSON: wall', round(main.wall), 's', 6);
      add('CSV 1,048,575 rows, 50,000 clients, workbook + JSON: peak RSS', Math.round(main.peakMB), 'MB', 1024);
      add('CSV 1,048,575 rows, 50,000 clients, workbook + JSON: CPU', round(main.cpu), 's', undefined);
      stages('CSV 1,048,575 rows, 50,000 clients', main);
      jsonOnly = await repeat(process.execPath, cli(files.csv, undefined, json));
      add('CSV 1,048,575 rows, 50,000 clients, JSON only: wall', round(jsonOnly.wall), 's', undefined);
    }

    // 2. the same work in pandas (JSON only), in this run: the honest yardstick does what our JSON
    // holds (sections 0-5, the dynamics, the LTV fits and predictions: test/independent/pandas-yardstick.test.ts
    // checks that it agrees); the old sections-0-5-only script is kept as a second, labelled figure
    const hasPandas = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
    const hasScipy = hasPandas && spawnSync(PYTHON, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;
    if (main && runs('pandas') && hasPandas) {
      const script = path.join(__dirname, 'pandas_segment.py');
      if (!hasScipy) add(`pandas yardstick WITHOUT the LTV: no scipy for ${PYTHON} (apt-get install python3-scipy); the comparison below is not the same work`, 0, '', undefined);
      const pandas = await repeat(PYTHON, [script, files.csv, path.join(work, 'pandas.json')]);
      add(`pandas_segment.py, same CSV, the same work as our JSON (sections 0-5, dynamics${hasScipy ? ', LTV fits and predictions' : ', no LTV'}): wall`, round(pandas.wall), 's', undefined);
      add('pandas_segment.py: peak RSS', Math.round(pandas.peakMB), 'MB', undefined);
      add('key-clients JSON only / pandas JSON only (the same work), wall', round(jsonOnly.wall / pandas.wall), 'x', '< 1');
      add('key-clients (workbook + JSON) / pandas (JSON only: less work, no workbook), wall', round(main.wall / pandas.wall), 'x', undefined);
      // the workbook too, as a pandas user writes one: only the Clients table (DataFrame.to_excel with
      // openpyxl), a part of our workbook's sheets; one run (it is slow)
      const hasOpenpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
      if (hasOpenpyxl) {
        const withXlsx = await repeat(PYTHON, [script, '--xlsx', path.join(work, 'pandas.xlsx'), files.csv, path.join(work, 'pandas.json')], 1);
        add('pandas_segment.py --xlsx (JSON + the Clients table by DataFrame.to_excel, openpyxl): wall', round(withXlsx.wall), 's', undefined);
        add('key-clients (workbook + JSON) / pandas (JSON + the Clients table only), wall', round(main.wall / withXlsx.wall), 'x', '< 1');
      } else add(`pandas --xlsx skipped: no openpyxl for ${PYTHON} (apt-get install python3-openpyxl)`, 0, '', undefined);
      const old = await repeat(PYTHON, [script, '--sections-0-5', files.csv, path.join(work, 'pandas05.json')]);
      add('pandas_segment.py --sections-0-5 (the old yardstick: per-client sections 0-5 only, no dynamics, no LTV): wall', round(old.wall), 's', undefined);
    } else if (main && runs('pandas')) {
      add(`pandas figures skipped: no pandas for ${PYTHON}`, 0, '', undefined);
    }

    // 3. the same rows as .xlsx (the reader of this branch)
    if (runs('xlsx')) {
      const xlsx = await repeat(process.execPath, cli(files.xlsx, out, json));
      add('XLSX 1,048,575 rows, 50,000 clients, workbook + JSON: wall', round(xlsx.wall), 's', 10);
      add('XLSX 1,048,575 rows: peak RSS', Math.round(xlsx.peakMB), 'MB', undefined);
      stages('XLSX 1,048,575 rows', xlsx);
    }

    // 4. every row a different client
    if (runs('unique')) {
      const unique = await repeat(process.execPath, cli(files.unique, out, json), Math.min(RUNS, 2));
      add('CSV 1,048,575 rows, every row a different client, workbook + JSON: wall', round(unique.wall), 's', 30);
      add('CSV 1,048,575 rows, every row a different client: peak RSS', Math.round(unique.peakMB), 'MB', 2048);
      add('CSV 1,048,575 rows, every row a different client: CPU', round(unique.cpu), 's', undefined);
      stages('CSV, every row a different client', unique);
    }

    // 5. growth, the clients growing with the rows
    if (runs('grow')) {
      const grow = [];
      for (const g of files.grow) {
        const m = await repeat(process.execPath, cli(g.file, out, json));
        grow.push({ ...g, ...m });
        const label = g.rows >= 1e6 ? '1,048,575' : `${g.rows / 1000}k`;
        add(`growth: ${label} rows, ${Math.round(g.rows / 21)} clients, workbook + JSON: wall`, round(m.wall), 's', undefined);
        add(`growth: ${label} rows: peak RSS`, Math.round(m.peakMB), 'MB', undefined);
      }
      const [, g100k, g1m] = grow;
      // time per row, 1M over 100k: about 1 for linear work (process start-up weighs on the small file)
      add('growth: time per row 1M / 100k (1 = linear)', round(g1m.wall / g1m.rows / (g100k.wall / g100k.rows)), 'x', 1.5);
    }

    // 6. the bundled sample, start to written workbook
    if (runs('sample')) {
      const sample = await repeat(process.execPath, cli(path.join(ROOT, 'assets', 'sample-sales.xlsx'), out));
      add('CLI on assets/sample-sales.xlsx, start to written workbook', Math.round(sample.wall * 1000), 'ms', 3000);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  add('load average (1 min) at the end', Number(load()), '', undefined);
  return figures;
}

module.exports = { run, inputFiles };

if (require.main === module) {
  run().then(
    (figures) => {
      for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.target !== undefined ? ` (target ${f.target})` : ''}`);
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
