#!/usr/bin/env node
// Makes sure the programs the tests run are there: Debian's Chromium for the browser tests
// (playwright-core never downloads a browser), LibreOffice Calc for the independent recalculation of
// the live formulas (test/independent/live-formulas.test.ts), python3 for the independent checks
// (test/independent/*.py) with pandas and scipy (the bench's pandas yardstick, checked against our
// JSON) and openssl for the certificate of the `npm run serve` test. If some are missing and we are
// root on a Debian-like system, installs their packages with apt-get; otherwise says how to, and
// fails. python3-mpmath is optional (without it the LTV re-derivation in
// test/independent/ltv.test.ts is skipped); .ci/run installs it too.
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');

const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const runs = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const tools = [
  { name: browser, pkg: 'chromium', present: () => fs.existsSync(browser) },
  { name: '/usr/bin/soffice', pkg: 'libreoffice-calc', present: () => fs.existsSync('/usr/bin/soffice') },
  { name: '/usr/bin/python3', pkg: 'python3', present: () => fs.existsSync('/usr/bin/python3') },
  // the bench's pandas yardstick is checked against our JSON (test/independent/pandas-yardstick.test.ts)
  { name: 'pandas and scipy for /usr/bin/python3', pkg: 'python3-pandas python3-scipy', present: () => runs('/usr/bin/python3', ['-c', 'import pandas, scipy']) },
  { name: 'openssl', pkg: 'openssl', present: () => runs('openssl', ['version']) },
];
const missing = tools.filter((t) => !t.present());
if (missing.length === 0) process.exit(0);

const pkgs = missing.flatMap((t) => t.pkg.split(' '));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt || (process.env.CHROMIUM_PATH && pkgs.includes('chromium'))) {
  const hint = pkgs.includes('chromium') ? ' (or set CHROMIUM_PATH to a Chromium)' : '';
  console.error(`key-clients: the tests need ${missing.map((t) => t.name).join(', ')}; install Debian's ${pkgs.join(' ')} (sudo apt-get install -y ${pkgs.join(' ')})${hint}`);
  process.exit(1);
}
console.error(`key-clients: installing Debian ${pkgs.join(', ')} for the tests (apt-get install ${pkgs.join(' ')})...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', ...pkgs]]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`key-clients: apt-get ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
}
process.exit(missing.every((t) => t.present()) ? 0 : 1);
