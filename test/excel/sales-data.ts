/** Deterministic synthetic sales ranges for the workbook tests and the bench. */
export type Row = (string | number)[];

/** A small linear congruential generator: the same seed gives the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `rows` sales rows under a header (Order ID, Order Date, Customer Name, Region, Sales, Profit), over
 * `clients` clients and two years of dates (Excel serial numbers), client sizes skewed like real ones.
 */
export function salesRows(rows: number, clients = Math.max(10, Math.round(rows / 30)), seed = 7): Row[] {
  const rnd = lcg(seed);
  const regions = ['North', 'South', 'East', 'West'];
  const out: Row[] = [['Order ID', 'Order Date', 'Customer Name', 'Region', 'Sales', 'Profit']];
  const start = 45292; // 2024-01-01
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(clients * rnd() ** 2.2);
    const amount = Math.round((50 + 5000 * rnd() ** 3) * 100) / 100;
    out.push([`SO-${100000 + Math.floor(i / 3)}`, start + Math.floor(rnd() * 730), `Client ${String(c).padStart(5, '0')}`, regions[c % 4], amount, Math.round(amount * (rnd() * 0.5 - 0.1) * 100) / 100]);
  }
  return out;
}
