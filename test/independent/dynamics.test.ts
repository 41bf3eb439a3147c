/**
 * Independent check of the KPIs over time on the sample (assets/sample-sales.xlsx, Tableau Superstore;
 * issue 10): test/independent/dynamics_check.py computes the windows, every client's status, window
 * revenues, growth and window classes, the KPIs, the ABC migration, the revenue bridge and the cohorts
 * from assets/sample-sales.csv with its own algorithm (exact integer money, the calendar, definitions
 * applied client by client); this test runs the command line on the .xlsx with --window 12 and 6 and
 * compares: counts, classes and labels exactly, money within 1e-6, ratios within 1e-9.
 *
 * The command line must exist (`npm test` builds dist-cli before jest): when it is missing the
 * comparison fails, it is not skipped.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'independent', 'dynamics_check.py');
const SAMPLE_CSV = path.join(ROOT, 'assets', 'sample-sales.csv');
const SAMPLE_XLSX = path.join(ROOT, 'assets', 'sample-sales.xlsx');
const CLI = path.join(ROOT, 'bin', 'key-clients.js');

type Row = Record<string, unknown>;
interface Expected {
  asOf: string;
  previous: { from: string; to: string };
  current: { from: string; to: string };
  kpis: Row;
  clients: Row[];
  abc: Row[];
  bridge: Row[];
  cohorts: Row[];
}
interface Actual {
  asOf: string;
  kpis: Row & { previous: unknown; current: unknown };
  migration: { abc: Row[] };
  bridge: Row[];
  cohorts: Row[];
  clients: Row[];
}

function python(window: number): Expected {
  return JSON.parse(execFileSync('python3', [SCRIPT, SAMPLE_CSV, String(window)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }));
}

function cli(window: number): Actual {
  if (!fs.existsSync(CLI)) throw new Error(`the command line ${path.relative(ROOT, CLI)} does not exist: build it (npm run build:cli) first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-dynamics-'));
  try {
    const json = path.join(dir, 'result.json');
    execFileSync(process.execPath, [CLI, 'segment', SAMPLE_XLSX, '--window', String(window), '--json', json, '--out', path.join(dir, 'result.xlsx'), '--quiet'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    return JSON.parse(fs.readFileSync(json, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The differences between two records on the given keys: numbers within `tol`, the rest exactly (null is not 0). */
function diff(what: string, want: Row, got: Row, keys: readonly string[], tol: number): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const a = want[k];
    const b = got[k];
    const ok = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= tol * Math.max(1, Math.abs(a)) : a === b;
    if (!ok) out.push(`${what}: ${k} = ${JSON.stringify(b)}, expected ${JSON.stringify(a)}`);
  }
  return out;
}

const clientKey = (name: unknown) => String(name).trim().replace(/\s+/g, ' ').toLocaleLowerCase();

describe.each([12, 6])('engine on the sample with --window %i agrees with dynamics_check.py', (window) => {
  let want: Expected;
  let got: Actual;
  beforeAll(() => {
    want = python(window);
    got = cli(window);
  });

  it('has the same analysis date and windows', () => {
    expect([got.asOf, got.kpis.previous, got.kpis.current]).toEqual([want.asOf, want.previous, want.current]);
  });

  it('has the same KPIs', () => {
    const counts = ['clientsPrevious', 'clientsCurrent', 'retained', 'churned', 'new', 'returned', 'inactive', 'keyClientsPrevious'];
    const ratios = ['retentionRate', 'churnRate', 'keyClientRetention', 'keyClientGrowth', 'nrr', 'grr'];
    const money = ['lostKeyRevenue', 'revenuePrevious', 'revenueCurrent'];
    expect([...diff('kpis', want.kpis, got.kpis, counts, 0), ...diff('kpis', want.kpis, got.kpis, ratios, 1e-9), ...diff('kpis', want.kpis, got.kpis, money, 1e-9)]).toEqual([]);
  });

  it('gives every client the same status, window revenues, growth and window classes', () => {
    const byKey = new Map(got.clients.map((c) => [clientKey(c.client), c]));
    expect(got.clients).toHaveLength(want.clients.length);
    const diffs = want.clients.flatMap((c) => {
      const g = byKey.get(clientKey(c.client));
      if (!g) return [`${String(c.client)} is missing`];
      return [...diff(String(c.client), c, g, ['status', 'abcPrevious', 'abcCurrent'], 0), ...diff(String(c.client), c, g, ['revenuePrevious', 'revenueCurrent', 'growth'], 1e-9)];
    });
    expect(diffs.slice(0, 10)).toEqual([]);
  });

  it('has the same ABC migration', () => {
    expect(got.migration.abc.map((m) => `${String(m.from)}${String(m.to)}`)).toEqual(want.abc.map((m) => `${String(m.from)}${String(m.to)}`));
    expect(want.abc.flatMap((m, i) => [...diff(`abc ${String(m.from)}->${String(m.to)}`, m, got.migration.abc[i], ['clients'], 0), ...diff(`abc ${String(m.from)}->${String(m.to)}`, m, got.migration.abc[i], ['revenuePrevious', 'revenueCurrent'], 1e-9)])).toEqual([]);
  });

  it('has the same revenue bridge', () => {
    expect(got.bridge.map((b) => b.key)).toEqual(want.bridge.map((b) => b.key));
    expect(want.bridge.flatMap((b, i) => [...diff(String(b.key), b, got.bridge[i], ['clients'], 0), ...diff(String(b.key), b, got.bridge[i], ['amount'], 1e-9)])).toEqual([]);
  });

  it('has the same cohorts by quarter', () => {
    expect(got.cohorts.map((c) => `${String(c.cohort)}+${String(c.k)}`)).toEqual(want.cohorts.map((c) => `${String(c.cohort)}+${String(c.k)}`));
    expect(want.cohorts.flatMap((c, i) => {
      const what = `${String(c.cohort)}+${String(c.k)}`;
      return [...diff(what, c, got.cohorts[i], ['clients', 'size', 'partial'], 0), ...diff(what, c, got.cohorts[i], ['revenue', 'revenueRatio'], 1e-9)];
    }).slice(0, 10)).toEqual([]);
  });
});
