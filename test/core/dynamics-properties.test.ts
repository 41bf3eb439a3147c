/**
 * Properties of the dynamics on random tables, against an independent brute-force calculation
 * written here from METHODS.md section 9 (calendar arithmetic with Date, sets of orders and days,
 * COUNTIF-style scores): statuses partition the clients, the revenues, the KPIs, the bridge adds up
 * exactly (whole amounts), the RFM snapshot before, the cohorts; and row order does not matter.
 */
import { abcClasses, computeDynamics, readSales, resolveSettings, rfmSegment, segmentSales, type Cell, type CohortPeriod, type DynamicsResult } from '../../src/core';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };

const MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** asOf - n months with Date: day of month kept, clamped to the end of the target month. */
function monthsBack(asOf: string, n: number): string {
  const [y, m, d] = asOf.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

interface Row {
  order: string;
  date: string;
  client: string;
  amount: number;
}

/** A random table: `clients` clients, whole amounts (a tenth of them returns), dates over three years. */
function table(seed: number, rows: number, clients: number, withOrders: boolean): Row[] {
  const rnd = prng(seed);
  const start = Date.UTC(2021, 0, 1);
  const out: Row[] = [];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(clients * rnd() * rnd());
    const amount = rnd() < 0.1 ? -Math.floor(1 + rnd() * 200) : Math.floor(1 + rnd() * 1000);
    // orders: usually one per row pair; some blank (the day counts), some shared by two clients
    const o = !withOrders || rnd() < 0.15 ? '' : rnd() < 0.05 ? 'SHARED' : `O${Math.floor(i / 2)}`;
    out.push({ order: o, date: iso(start + Math.floor(rnd() * 1100) * MS), client: `C${c}`, amount });
  }
  return out;
}

const cellsOf = (rows: Row[], withOrders: boolean): Cell[][] =>
  withOrders
    ? [['Order', 'Date', 'Client', 'Amount'], ...rows.map((r) => [r.order, r.date, r.client, r.amount])]
    : [['Date', 'Client', 'Amount'], ...rows.map((r) => [r.date, r.client, r.amount])];

type Status = 'retained' | 'churned' | 'new' | 'returned' | 'inactive';

/** The brute-force reference, client by client, on ISO date strings. */
function reference(rows: Row[], asOf: string, months: number, bins: number) {
  const cutEnd = monthsBack(asOf, months); // end of P, start (exclusive) of C
  const pStart = monthsBack(asOf, 2 * months); // exclusive start of P
  const inP = (d: string) => d > pStart && d <= cutEnd;
  const inC = (d: string) => d > cutEnd && d <= asOf;
  const byClient = new Map<string, Row[]>();
  for (const r of rows) if (r.date <= asOf) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
  const purchases = (rs: Row[]) => new Set(rs.map((r) => (r.order ? `o:${r.order}` : `d:${r.date}`))).size;
  const out = new Map<string, { status: Status; revP: number; revC: number; first: string | null }>();
  const before: Array<{ client: string; last: string; f: number; m: number }> = [];
  for (const [client, rs] of byClient) {
    const sum = (f: (r: Row) => boolean) => rs.filter(f).reduce((s, r) => s + r.amount, 0);
    const revP = sum((r) => inP(r.date));
    const revC = sum((r) => inC(r.date));
    const boughtP = rs.some((r) => inP(r.date) && r.amount > 0);
    const boughtC = rs.some((r) => inC(r.date) && r.amount > 0);
    const positives = rs.filter((r) => r.amount > 0).map((r) => r.date).sort();
    const first = positives[0] ?? null;
    let status: Status = 'inactive';
    if (boughtP) status = boughtC ? 'retained' : 'churned';
    else if (boughtC) status = first! > cutEnd ? 'new' : 'returned';
    out.set(client, { status, revP, revC, first });
    if (first !== null && first <= cutEnd) {
      const upTo = rs.filter((r) => r.date <= cutEnd);
      before.push({ client, last: upTo.map((r) => r.date).sort().pop()!, f: purchases(upTo), m: upTo.reduce((s, r) => s + r.amount, 0) });
    }
  }
  // segments before: score = min(bins, 1 + floor(bins * COUNTIF(column, "<" & value) / (n - 1)))
  const n = before.length;
  const score = <T>(v: T, all: T[]) => (n === 1 ? bins : Math.min(bins, 1 + Math.floor((bins * all.filter((x) => x < v).length) / (n - 1))));
  const segBefore = new Map<string, string>();
  for (const b of before) {
    const r = score(b.last, before.map((x) => x.last));
    const f = score(b.f, before.map((x) => x.f));
    const m = score(b.m, before.map((x) => x.m));
    segBefore.set(b.client, rfmSegment(r, f, m, bins));
  }
  return { clients: out, segBefore, cutEnd };
}

/** Brute-force cohorts: period label of a date. */
function periodOf(date: string, kind: CohortPeriod): string {
  const [y, m] = date.split('-').map(Number);
  return kind === 'year' ? `${y}` : kind === 'quarter' ? `${y}-Q${Math.floor((m - 1) / 3) + 1}` : `${y}-${String(m).padStart(2, '0')}`;
}

const CASES = Array.from({ length: 12 }, (_, i) => ({
  seed: 1000 + i,
  withOrders: i % 3 !== 0,
  months: [1, 3, 6, 12, 7, 18][i % 6],
  asOf: ['2023-12-31', '2023-03-31', '2022-09-30', '2023-08-15'][i % 4],
  cohort: (['quarter', 'month', 'year'] as const)[i % 3],
}));

describe.each(CASES)('random table: seed $seed, W $months, asOf $asOf, cohorts by $cohort', ({ seed, withOrders, months, asOf, cohort }) => {
  const rows = table(seed, 400, 40, withOrders);
  const sales = readSales(cellsOf(rows, withOrders));
  const settings = resolveSettings({ dynamics: { windowMonths: months, cohort } });
  const [y, m, d] = asOf.split('-').map(Number);
  const asOfDay = Date.UTC(y, m - 1, d) / MS;
  const dyn = computeDynamics(sales, settings, asOfDay);
  const ref = reference(rows, asOf, months, settings.rfm.bins);
  const idx = (client: string) => sales.clientKeys.indexOf(client.toLowerCase());

  it('each client has the status, revenues and first purchase of the brute-force calculation', () => {
    for (const [client, r] of ref.clients) {
      const i = idx(client);
      expect([client, dyn.clients.status[i], dyn.clients.revenuePrevious[i], dyn.clients.revenueCurrent[i]]).toEqual([client, r.status, r.revP, r.revC]);
      const first = dyn.clients.firstPurchase[i];
      expect([client, Number.isNaN(first) ? null : iso(first * MS)]).toEqual([client, r.first]);
    }
  });

  it('the classes of each window are section 2\'s (abcClasses) over the window\'s buyers, both methods', () => {
    for (const method of ['share', 'average'] as const) {
      const st = resolveSettings({ dynamics: { windowMonths: months, cohort }, abc: { method } });
      const t = computeDynamics(sales, st, asOfDay);
      for (const [window, bought, revenue] of [
        ['previous', (s: string) => s === 'retained' || s === 'churned', 'revP'],
        ['current', (s: string) => s === 'retained' || s === 'new' || s === 'returned', 'revC'],
      ] as const) {
        const buyers = [...ref.clients].filter(([, r]) => bought(r.status));
        if (!buyers.length) continue;
        const values = buyers.map(([, r]) => r[revenue]);
        if (method === 'average' && !(values.reduce((a, v) => a + v, 0) > 0)) continue;
        const want = abcClasses(values, { method, limitA: st.abc.limitA, limitB: st.abc.limitB });
        const got = buyers.map(([c]) => (window === 'previous' ? t.clients.abcPrevious : t.clients.abcCurrent)[idx(c)]);
        expect([method, window, got]).toEqual([method, window, want]);
      }
    }
  });

  it('the statuses partition the clients in the analysis', () => {
    const k = dyn.kpis;
    expect(k.retained + k.churned + k.new + k.returned + k.inactive).toBe(ref.clients.size);
    expect(dyn.clients.status.filter((s) => s !== null)).toHaveLength(ref.clients.size);
    expect(k.clientsPrevious).toBe(k.retained + k.churned);
  });

  it('the bridge adds up exactly: previous + the five steps = current', () => {
    const [previous, ...rest] = dyn.bridge;
    const current = rest.pop()!;
    expect(previous.amount + rest.reduce((s, l) => s + l.amount, 0)).toBe(current.amount);
    const all = [...ref.clients.values()];
    expect(previous.amount).toBe(all.reduce((s, c) => s + c.revP, 0));
    expect(current.amount).toBe(all.reduce((s, c) => s + c.revC, 0));
  });

  it('nrr and grr are the brute-force sums over the clients that bought in P, or null', () => {
    const p = [...ref.clients.values()].filter((c) => c.status === 'retained' || c.status === 'churned');
    const den = p.reduce((s, c) => s + c.revP, 0);
    const nrr = den > 0 ? p.reduce((s, c) => s + c.revC, 0) / den : null;
    const grr = den > 0 ? p.reduce((s, c) => s + Math.max(0, Math.min(c.revC, c.revP)), 0) / den : null;
    expect([dyn.kpis.nrr, dyn.kpis.grr]).toEqual([nrr, grr]);
  });

  it('the RFM segment before is the COUNTIF scoring on the rows up to asOf - W, "-" for clients who had not bought', () => {
    for (const [client] of ref.clients) {
      expect([client, dyn.clients.rfmPrevious[idx(client)]]).toEqual([client, ref.segBefore.get(client) ?? '-']);
    }
  });

  it('the cohorts count distinct buyers and sum revenue per period, as sets do', () => {
    const firstOf = new Map([...ref.clients].map(([c, r]) => [c, r.first]));
    const cells = new Map<string, { buyers: Set<string>; revenue: number }>();
    for (const r of rows) {
      const f = firstOf.get(r.client);
      if (r.date > asOf || !f || periodOf(r.date, cohort) < periodOf(f, cohort)) continue;
      const key = `${periodOf(f, cohort)} ${periodOf(r.date, cohort)}`;
      const cell = cells.get(key) ?? { buyers: new Set<string>(), revenue: 0 };
      if (r.amount > 0) cell.buyers.add(r.client);
      cell.revenue += r.amount;
      cells.set(key, cell);
    }
    for (const c of dyn.cohorts) {
      const want = cells.get(`${c.cohort} ${c.period}`);
      expect([c.cohort, c.period, c.clients, c.revenue]).toEqual([c.cohort, c.period, want?.buyers.size ?? 0, want?.revenue ?? 0]);
    }
    const sizes = new Map<string, number>();
    for (const f of firstOf.values()) if (f) sizes.set(periodOf(f, cohort), (sizes.get(periodOf(f, cohort)) ?? 0) + 1);
    expect(new Map(dyn.cohorts.filter((c) => c.k === 0).map((c) => [c.cohort, c.size]))).toEqual(sizes);
  });

  it('grouping the rows by client (the path for large bitsets) gives the same result as the bitsets', () => {
    const grouped = computeDynamics(sales, settings, asOfDay, { maxBitsetWords: 0 });
    expect(grouped).toEqual(dyn);
  });

  it('the main run\'s RFM segments handed over give the same result as scoring again', () => {
    const main = segmentSales(sales, resolveSettings({ dynamics: { windowMonths: months, cohort }, asOf }));
    expect(main.asOf).toBe(asOfDay);
    const byKey = new Map(main.clients.map((c) => [c.key, c.rfmSegment]));
    const given = computeDynamics(sales, settings, asOfDay, { rfmCurrent: sales.clientKeys.map((key) => byKey.get(key)) });
    expect(given).toEqual(dyn);
  });

  it('order ids numbered otherwise (above the number of rows) give the same result', () => {
    const order = sales.order.map((o) => (o < 0 ? o : o * 3 + 1000));
    expect(computeDynamics({ ...sales, order }, settings, asOfDay)).toEqual(dyn);
  });

  it('shuffling the rows changes nothing', () => {
    const rnd = prng(seed + 7);
    const shuffled = rows.map((r) => [rnd(), r] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    const other = readSales(cellsOf(shuffled, withOrders));
    const again: DynamicsResult = computeDynamics(other, settings, asOfDay);
    expect(again.kpis).toEqual(dyn.kpis);
    expect(again.bridge).toEqual(dyn.bridge);
    expect(again.cohorts).toEqual(dyn.cohorts);
    expect(again.migration).toEqual(dyn.migration);
    for (const [client] of ref.clients) {
      const a = idx(client);
      const b = other.clientKeys.indexOf(client.toLowerCase());
      expect([dyn.clients.abcPrevious[a], dyn.clients.abcCurrent[a], dyn.clients.rfmPrevious[a], dyn.clients.rfmCurrent[a]]).toEqual([
        again.clients.abcPrevious[b], again.clients.abcCurrent[b], again.clients.rfmPrevious[b], again.clients.rfmCurrent[b],
      ]);
    }
  });
});
