'use strict';
/**
 * Deterministic synthetic sales: `rows` cells as Excel hands them (header + data rows), orders of 1-3
 * lines, each client "Client 00042" (every one of `clients` appears once the rows allow it), amounts
 * as numbers, dates as Excel serials over `months` months from 2023-01-01, order ids as text.
 * Shared by bench/cli.bench.js and test/cli/million.test.ts; `prng` also by bench/functions.bench.js
 * and test/functions/properties.test.ts.
 */

/** mulberry32: a small, fast, deterministic PRNG giving floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERIAL_2023_01_01 = 44927;

/**
 * @param {number} rows total rows including the header (1,048,576 = a full Excel sheet)
 * @param {{clients?: number, months?: number, seed?: number, lines?: number}} [options] `lines`: most
 *   lines per order (default 3); with `lines: 1` and `clients` = rows - 1 every row is a different client
 * @returns {Array<Array<string|number>>}
 */
function salesCells(rows, options = {}) {
  const clients = options.clients ?? 50_000;
  const days = Math.round((options.months ?? 24) * 30.44);
  const rnd = prng(options.seed ?? 42);
  const maxLines = options.lines ?? 3;
  const names = new Array(clients);
  for (let c = 0; c < clients; c++) names[c] = `Client ${String(c).padStart(5, '0')}`;
  const cells = new Array(rows);
  cells[0] = ['Order ID', 'Order Date', 'Customer Name', 'Sales', 'Profit'];
  let r = 1;
  let order = 0;
  let next = 0; // the first `clients` orders go to each client once
  while (r < rows) {
    // skewed client choice: a few large clients, a long tail
    const c = next < clients ? next++ : Math.floor(clients * rnd() * rnd());
    const date = SERIAL_2023_01_01 + Math.floor(rnd() * days);
    const id = `SO-${++order}`;
    const lines = 1 + Math.floor(rnd() * maxLines);
    for (let l = 0; l < lines && r < rows; l++) {
      const amount = Math.round((10 + rnd() * rnd() * 5000) * 100) / 100;
      const profit = Math.round(amount * (rnd() * 0.5 - 0.1) * 100) / 100;
      cells[r++] = [id, date, names[c], amount, profit];
    }
  }
  return cells;
}

module.exports = { salesCells, prng };
