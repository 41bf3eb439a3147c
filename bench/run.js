'use strict';
/**
 * `npm run bench`: runs every bench/*.bench.js module (each exports `async run()` returning
 * `[{ name, value, unit, target }]`) and prints one table. A numeric target is an upper bound;
 * a string target may say "< N", "<= N", "> N" or ">= N". Exits 0; missed targets are marked MISS.
 */
const fs = require('fs');
const path = require('path');

function check(value, target) {
  if (target === undefined || target === null || target === '') return '';
  let op = '<=';
  let limit = target;
  if (typeof target === 'string') {
    const m = /^\s*(<=|>=|<|>)?\s*(-?[\d.]+)/.exec(target);
    if (!m) return '';
    op = m[1] ?? '<=';
    limit = Number(m[2]);
  }
  const ok = op === '<' ? value < limit : op === '<=' ? value <= limit : op === '>' ? value > limit : value >= limit;
  return ok ? 'ok' : 'MISS';
}

function fmtTarget(target) {
  if (target === undefined || target === null || target === '') return '';
  return typeof target === 'number' ? `<= ${target}` : String(target);
}

async function main() {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => !only.length || only.some((o) => f.includes(o)))
    .sort();
  const rows = [];
  let failed = 0;
  for (const f of files) {
    process.stderr.write(`bench: ${f}...\n`);
    try {
      const figures = await require(path.join(__dirname, f)).run();
      for (const x of figures) rows.push([f.replace(/\.bench\.js$/, ''), x.name, String(x.value), x.unit ?? '', fmtTarget(x.target), check(x.value, x.target)]);
    } catch (e) {
      failed++;
      rows.push([f.replace(/\.bench\.js$/, ''), `FAILED: ${String(e && e.message ? e.message : e).split('\n')[0]}`, '', '', '', 'MISS']);
    }
  }
  const head = ['module', 'figure', 'value', 'unit', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  const missed = rows.filter((r) => r[5] === 'MISS').length;
  console.log(`\n${rows.length} figures, ${missed} missed target(s)${failed ? `, ${failed} module(s) failed` : ''} (node ${process.version}, ${require('os').cpus().length} cores)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
