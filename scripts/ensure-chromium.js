#!/usr/bin/env node
// Makes sure Debian's Chromium is there for the browser tests (playwright-core never downloads a
// browser). If it is missing and we are root on a Debian-like system, installs the `chromium`
// package with apt-get; otherwise says how to, and fails.
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');

const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (fs.existsSync(browser)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt || process.env.CHROMIUM_PATH) {
  console.error(`key-clients: ${browser} is missing; install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}
console.error('key-clients: installing Debian chromium for the browser tests (apt-get install chromium)...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`key-clients: apt-get ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
}
process.exit(fs.existsSync(browser) ? 0 : 1);
