'use strict';
/**
 * CSV reading figures (issue 7, "the CSV part of the speed target"): a real file written here,
 * 1,048,575 sales rows of a Russian export (Контрагент;Дата;Сумма, руб.;Номер заказа, 50,000 clients,
 * decimal commas and thousands spaces, one name in five quoted with doubled quotes, CRLF, about 68 MB),
 * read in a fresh process each time:
 * - readCsv (bytes -> UTF-8 check -> text -> delimiter -> Papa Parse -> rows of strings);
 * - readSales on those rows (text amounts and dates parsed, clients grouped);
 * - the process's peak RSS.
 * Median of 3 processes. Needs dist-cli/ (npm run build:cli). `writeRussianCsv` is exported for
 * other benches that want the same file.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { prng } = require('./synthetic');

const ROOT = path.resolve(__dirname, '..');
const ROWS = 1_048_575;

/**
 * Writes the export: a header and `rows` sales lines; returns the file's size in bytes.
 * @param {string} file
 * @param {number} [rows]
 * @param {number} [clients]
 */
function writeRussianCsv(file, rows = ROWS, clients = 50_000) {
  const rnd = prng(7);
  const forms = ['ООО', 'ИП', 'АО', 'ЗАО'];
  const words = ['Ромашка', 'Вектор', 'Северный ветер', 'Техностиль', 'Альфа-Строй', 'Гранит', 'Меридиан', 'Сибирь-Опт'];
  const names = [];
  for (let c = 0; c < clients; c++) {
    const f = forms[c % 4];
    const w = words[(c * 7) % 8];
    const n = String(c).padStart(5, '0');
    names.push(c % 5 === 0 ? `"${f} ""${w}"" ${n}"` : `${f} ${w} ${n}`);
  }
  const fd = fs.openSync(file, 'w');
  let lines = ['Контрагент;Дата;Сумма, руб.;Номер заказа'];
  let order = 0;
  let next = 0;
  for (let r = 0; r < rows; ) {
    const c = next < clients ? next++ : Math.floor(clients * rnd() * rnd());
    const d = new Date(Date.UTC(2023, 0, 1 + Math.floor(rnd() * 730)));
    const date = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
    const id = `ЗК-${String(++order).padStart(6, '0')}`;
    const n = 1 + Math.floor(rnd() * 3);
    for (let l = 0; l < n && r < rows; l++, r++) {
      const amount = Math.round((10 + rnd() * rnd() * 50_000) * 100) / 100;
      let text = amount.toFixed(2).replace('.', ',');
      if (amount >= 1000) text = text.replace(/^(\d+)(\d{3}),/, '$1 $2,');
      lines.push(`${names[c]};${date};${text};${id}`);
      if (lines.length >= 10_000) {
        fs.writeSync(fd, `${lines.join('\r\n')}\r\n`);
        lines = [];
      }
    }
  }
  fs.writeSync(fd, `${lines.join('\r\n')}\r\n`);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

/** Runs in the child: `node csv.bench.js --child <file>` prints one JSON line. */
function child(file) {
  const { readCsv } = require(path.join(ROOT, 'dist-cli', 'cli', 'csv.js'));
  const core = require(path.join(ROOT, 'dist-cli', 'core', 'index.js'));
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const t0 = process.hrtime.bigint();
  const c0 = cpu();
  const table = readCsv(file);
  const t1 = process.hrtime.bigint();
  const c1 = cpu();
  const sales = core.readSales(table.cells, { delimiter: table.csv.delimiter, firstRow: table.firstRow, rowNumbers: table.rowNumbers });
  const t2 = process.hrtime.bigint();
  const c2 = cpu();
  process.stdout.write(
    JSON.stringify({
      readMs: Number(t1 - t0) / 1e6,
      readCpuMs: c1 - c0,
      salesMs: Number(t2 - t1) / 1e6,
      salesCpuMs: c2 - c1,
      rows: sales.client.length,
      clients: sales.clientNames.length,
      peakRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    }) + '\n',
  );
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-csv-bench-'));
  try {
    const file = path.join(dir, 'sales-1m.csv');
    const size = writeRussianCsv(file);
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const out = execFileSync(process.execPath, [__filename, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      runs.push(JSON.parse(out.trim().split('\n').pop()));
    }
    const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[1];
    if (runs[0].rows !== ROWS || runs[0].clients !== 50_000) throw new Error(`read ${runs[0].rows} rows of ${runs[0].clients} clients, not ${ROWS} of 50000`);
    const mb = Math.round(size / 2 ** 20);
    return [
      { name: `CSV ${mb} MB, 1,048,575 rows: readCsv (decode, delimiter, Papa Parse)`, value: Math.round(median('readMs')), unit: 'ms', target: 1500 },
      { name: 'CSV 1,048,575 rows: readCsv CPU time', value: Math.round(median('readCpuMs')), unit: 'ms', target: undefined },
      { name: 'CSV 1,048,575 rows: readSales on its text cells', value: Math.round(median('salesMs')), unit: 'ms', target: 1500 },
      { name: 'CSV 1,048,575 rows: readSales CPU time', value: Math.round(median('salesCpuMs')), unit: 'ms', target: undefined },
      { name: 'CSV 1,048,575 rows: readCsv + readSales peak RSS', value: Math.round(median('peakRssMB')), unit: 'MB', target: 1024 },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run, writeRussianCsv };

if (require.main === module && process.argv[2] === '--child') child(process.argv[3]);
