/**
 * The segmentation was rebuilt for speed (docs/notes-infra.md, "Segmenting"): the steps fill columns
 * by client index and the client objects are made once, last, instead of one object per client changed
 * by every step. It must give the same result as before on any data and settings:
 * test/reference/segment-v1.ts is the segmentation before it, unchanged, and both segment the same
 * random sales (returns, losses, ties, blank and shared order ids, clients that bought only after the
 * analysis date, with and without dates, orders and profit) with random settings, and the whole
 * results are compared.
 */
import { readSales } from '../../src/core/parse/sales';
import { resolveSettings, type SettingsInput } from '../../src/core/settings';
import { segmentSales, PERIOD_REVENUE_CELLS } from '../../src/core/segment';
import { PERIOD_CELL_BUDGET } from '../../src/core/report/build';
import type { Cell } from '../../src/core/types';
import { segmentSalesV1 } from '../reference/segment-v1';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };

interface Shape {
  clients: number;
  rows: number;
  dates: boolean;
  orders: boolean;
  profit: boolean;
  months: number;
}

/** Random sales cells of a shape: skewed clients, some returns and losses, whole amounts (ties), blank order ids. */
function sales(seed: number, shape: Shape): Cell[][] {
  const rnd = prng(seed);
  const header: Cell[] = ['Client', 'Amount'];
  if (shape.dates) header.push('Date');
  if (shape.orders) header.push('Order');
  if (shape.profit) header.push('Profit');
  const cells: Cell[][] = [header];
  const first = Date.UTC(2021, 0, 1) / 86_400_000 + 25_569;
  for (let i = 0; i < shape.rows; i++) {
    const c = Math.floor(shape.clients * rnd() * rnd());
    const amount = rnd() < 0.1 ? Math.round(rnd() * 50) * 10 : Math.round((rnd() < 0.06 ? -1 : 1) * rnd() * 3000 * 100) / 100;
    const row: Cell[] = [`Client ${c}`, amount];
    if (shape.dates) row.push(first + Math.floor(rnd() * shape.months * 30.4));
    if (shape.orders) row.push(rnd() < 0.08 ? '' : `O-${Math.floor(rnd() * shape.rows * 0.6)}`);
    if (shape.profit) row.push(Math.round(amount * (rnd() - 0.25) * 100) / 100);
    cells.push(row);
  }
  return cells;
}

const SHAPES: Array<[string, Shape, SettingsInput]> = [
  ['the defaults, 2 years', { clients: 300, rows: 4000, dates: true, orders: true, profit: true, months: 24 }, {}],
  ['every row a client', { clients: 100_000, rows: 3000, dates: true, orders: true, profit: true, months: 24 }, {}],
  ['no profit, quarters, 3 bins, window of 6 months', { clients: 200, rows: 3000, dates: true, orders: true, profit: false, months: 30 }, { xyz: { period: 'quarter' }, rfm: { bins: 3 }, dynamics: { windowMonths: 6, cohort: 'month' } }],
  ['no order ids, the average method on profit', { clients: 150, rows: 2500, dates: true, orders: false, profit: true, months: 20 }, { abc: { method: 'average', basis: 'profit' } }],
  ['orders as the basis, frequency XYZ, weeks', { clients: 120, rows: 2000, dates: true, orders: true, profit: true, months: 14 }, { abc: { basis: 'orders' }, xyz: { method: 'frequency', period: 'week' } }],
  ['an analysis date before the last sale', { clients: 250, rows: 3000, dates: true, orders: true, profit: true, months: 36 }, { asOf: '2022-12-31', lifecycle: { lostDays: 200, atRiskDays: 90, newDays: 30 } }],
  ['no dates', { clients: 200, rows: 2000, dates: false, orders: true, profit: true, months: 0 }, {}],
  ['no dates, no orders, no profit', { clients: 80, rows: 1000, dates: false, orders: false, profit: false, months: 0 }, { abc: { limitA: 0.6, limitB: 0.9 } }],
  ['one month of data', { clients: 50, rows: 500, dates: true, orders: true, profit: true, months: 1 }, {}],
];

describe('the segmentation gives the result it gave before', () => {
  it.each(SHAPES)('%s', (_, shape, input) => {
    for (const seed of [1, 2, 3]) {
      const rows = readSales(sales(seed * 7 + shape.rows, shape));
      const settings = resolveSettings(input);
      const context = { today: 20_000 };
      expect(segmentSales(rows, settings, undefined, context)).toEqual(segmentSalesV1(rows, settings, undefined, context));
    }
  });

  it('keeps the revenue per period only within the report\'s budget of cells', () => {
    expect(PERIOD_REVENUE_CELLS).toBe(PERIOD_CELL_BUDGET);
    const shape = { clients: 40_000, rows: 30_000, dates: true, orders: true, profit: true, months: 24 };
    const weeks = resolveSettings({ xyz: { period: 'week' } });
    const r = segmentSales(readSales(sales(5, shape)), weeks);
    expect(r.clients.length * r.periods!.count).toBeGreaterThan(PERIOD_REVENUE_CELLS);
    expect(r.clients.every((c) => c.periodRevenue === null)).toBe(true);
    // the rest as before
    const before = segmentSalesV1(readSales(sales(5, shape)), weeks);
    expect(r.clients.map((c) => ({ ...c, periodRevenue: null }))).toEqual(before.clients.map((c) => ({ ...c, periodRevenue: null })));
  });
});
