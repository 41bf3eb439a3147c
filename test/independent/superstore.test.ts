/**
 * Independent check of the engine on the sample (assets/sample-sales.xlsx, Tableau Superstore).
 *
 * test/independent/superstore_check.py recomputes every per-client result of METHODS.md sections 1-5
 * from assets/sample-sales.csv with its own algorithm (exact integer money in SQLite, window functions);
 * this test runs it, runs the command line on the .xlsx, and compares client by client:
 * strings, booleans and integers exactly, money within 1e-6, revenueShare and cv within 1e-9.
 *
 * The command line must exist (`npm test` builds dist-cli before jest): when it is missing the
 * comparison fails, it is not skipped.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'independent', 'superstore_check.py');
const SAMPLE_CSV = path.join(ROOT, 'assets', 'sample-sales.csv');
const SAMPLE_XLSX = path.join(ROOT, 'assets', 'sample-sales.xlsx');
const CLI = path.join(ROOT, 'bin', 'key-clients.js');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type ClientRow = Record<string, Json>;
interface Result {
  asOf: string | null;
  clients: ClientRow[];
}

type Comparison = 'exact' | 'money' | 'fraction';
/** Every per-client key of the engine's JSON, and how it is compared. */
const KEYS: ReadonlyArray<readonly [string, Comparison]> = [
  ['client', 'exact'],
  ['revenue', 'money'],
  ['profit', 'money'],
  ['orders', 'exact'],
  ['firstPurchase', 'exact'],
  ['lastPurchase', 'exact'],
  ['recencyDays', 'exact'],
  ['revenueShare', 'fraction'],
  ['abc', 'exact'],
  ['abcProfit', 'exact'],
  ['xyz', 'exact'],
  ['cv', 'fraction'],
  ['abcXyz', 'exact'],
  ['r', 'exact'],
  ['f', 'exact'],
  ['m', 'exact'],
  ['rfm', 'exact'],
  ['rfmSegment', 'exact'],
  ['lifecycle', 'exact'],
  ['quadrant', 'exact'],
  ['keyClient', 'exact'],
];
const TOLERANCE: Record<Comparison, number> = { exact: 0, money: 1e-6, fraction: 1e-9 };

/** Client key of METHODS.md section 0: trimmed, inner white space folded, case-insensitive. */
function clientKey(name: Json): string {
  return String(name).trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

function same(a: Json | undefined, b: Json | undefined, how: Comparison): boolean {
  if (how !== 'exact' && typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= TOLERANCE[how];
  }
  return a === b;
}

/** Lines describing every difference between the engine's clients and the expected ones. */
function diffClients(expected: readonly ClientRow[], actual: readonly ClientRow[]): string[] {
  const diffs: string[] = [];
  const byKey = new Map<string, ClientRow>();
  for (const row of actual) {
    const key = clientKey(row.client);
    if (byKey.has(key)) diffs.push(`engine: client '${String(row.client)}' appears twice`);
    byKey.set(key, row);
  }
  const expectedKeys = new Set(expected.map((row) => clientKey(row.client)));
  for (const row of actual) {
    if (!expectedKeys.has(clientKey(row.client))) diffs.push(`engine: unexpected client '${String(row.client)}'`);
  }
  for (const want of expected) {
    const got = byKey.get(clientKey(want.client));
    if (!got) {
      diffs.push(`engine: client '${String(want.client)}' is missing`);
      continue;
    }
    for (const [key, how] of KEYS) {
      if (!(key in got)) diffs.push(`${String(want.client)}: key '${key}' is missing`);
      else if (!same(got[key], want[key], how)) {
        diffs.push(`${String(want.client)}: ${key} = ${JSON.stringify(got[key])}, expected ${JSON.stringify(want[key])}`);
      }
    }
  }
  return diffs;
}

function report(diffs: readonly string[], shown = 15): string {
  if (diffs.length === 0) return '';
  const more = diffs.length > shown ? `\n  ... and ${diffs.length - shown} more` : '';
  return `${diffs.length} difference(s) between the engine and superstore_check.py:\n  ${diffs
    .slice(0, shown)
    .join('\n  ')}${more}`;
}

function runPython(): Result & { rows: number; periods: number } {
  const out = execFileSync('python3', [SCRIPT, SAMPLE_CSV], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

function runCli(): Result {
  if (!fs.existsSync(CLI)) {
    throw new Error(`the command line ${path.relative(ROOT, CLI)} does not exist: build it (npm run build:cli) first`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-superstore-'));
  try {
    const jsonPath = path.join(dir, 'result.json');
    const args = [CLI, 'segment', SAMPLE_XLSX, '--json', jsonPath, '--out', path.join(dir, 'result.xlsx')];
    try {
      execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
    } catch (err) {
      const e = err as { status?: number; stderr?: string; message: string };
      throw new Error(`node ${args.map((a) => path.relative(ROOT, a) || a).join(' ')} failed (exit ${e.status}): ${e.stderr || e.message}`);
    }
    const parsed = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
    if (!parsed || !Array.isArray(parsed.clients)) {
      throw new Error(`the CLI's JSON has no "clients" array; top-level keys: ${Object.keys(parsed ?? {}).join(', ')}`);
    }
    return parsed as Result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('superstore_check.py on the sample (facts counted by hand)', () => {
  let expected: ReturnType<typeof runPython>;
  beforeAll(() => {
    expected = runPython();
  });

  // Rows, clients and dates:
  //   python3 -c "import csv; r=list(csv.reader(open('assets/sample-sales.csv', encoding='utf-8')))[1:];
  //     print(len(r), len({x[2] for x in r}), min(x[1] for x in r), max(x[1] for x in r))"
  //   -> 9994 793 2014-01-03 2017-12-30
  it('reads 9,994 rows of 793 clients', () => {
    expect(expected.rows).toBe(9994);
    expect(expected.clients).toHaveLength(793);
  });

  it('takes asOf as the latest date, 2017-12-30, over 48 months from 2014-01', () => {
    expect(expected.asOf).toBe('2017-12-30');
    expect(expected.periods).toBe(48);
    expect(expected.clients.map((c) => c.firstPurchase).sort()[0]).toBe('2014-01-03');
  });

  // Top client, its revenue, profit and orders:
  //   awk -F'"?,"?' 'NR>1{s[$3]+=$(NF-1)} END{for(k in s) printf "%.4f %s\n", s[k], k}' assets/sample-sales.csv | sort -rn | head -1
  //   -> 25043.0500 Sean Miller
  //   awk -F'"?,"?' 'NR>1 && $3=="Sean Miller"{s+=$(NF-1); p+=$NF; o[$1]=1} END{printf "%.4f %.4f %d\n", s, p, length(o)}' assets/sample-sales.csv
  //   -> 25043.0500 -1980.7393 5
  // (Sales is the last field but one and Profit the last: product names with commas do not shift them.)
  it('finds Sean Miller as the top client by revenue, 25,043.05, with a loss of 1,980.7393 over 5 orders', () => {
    const top = expected.clients.reduce((a, b) => ((b.revenue as number) > (a.revenue as number) ? b : a));
    expect(top.client).toBe('Sean Miller');
    expect(top.revenue).toBeCloseTo(25043.05, 6);
    expect(top.profit).toBeCloseTo(-1980.7393, 6);
    expect(top.orders).toBe(5);
  });

  it('puts the top client in D because its profit is negative', () => {
    const top = expected.clients.find((c) => c.client === 'Sean Miller');
    expect(top?.abc).toBe('D');
    expect(top?.keyClient).toBe(false);
  });

  // Clients with a negative total profit:
  //   awk -F'"?,"?' 'NR>1{p[$3]+=$NF} END{n=0; for(k in p) if (p[k]<0) n++; print n, length(p)}' assets/sample-sales.csv
  //   -> 155 793
  it('gives D to the 155 clients with a negative profit (all revenue is positive)', () => {
    expect(expected.clients.filter((c) => c.abc === 'D')).toHaveLength(155);
    expect(expected.clients.filter((c) => (c.profit as number) < 0)).toHaveLength(155);
  });

  it('has revenue shares that sum to 1', () => {
    const sum = expected.clients.reduce((s, c) => s + (c.revenueShare as number), 0);
    expect(sum).toBeCloseTo(1, 9);
  });
});

describe('engine on assets/sample-sales.xlsx agrees with superstore_check.py', () => {
  let expected: Result;
  let actual: Result;
  beforeAll(() => {
    expected = runPython();
    actual = runCli();
  }, 180_000);

  it('has the same asOf', () => {
    expect(actual.asOf).toBe(expected.asOf);
  });

  it('has the same 793 clients', () => {
    expect(actual.clients).toHaveLength(793);
  });

  it('gives every client the same value of every key', () => {
    const diffs = diffClients(expected.clients, actual.clients);
    if (diffs.length > 0) throw new Error(report(diffs));
  });
});

/** Self-test of the comparison, so that a passing comparison means something. */
describe('diffClients', () => {
  const base: ClientRow = {
    client: 'Acme', revenue: 100, profit: 10, orders: 2, firstPurchase: '2017-01-01', lastPurchase: '2017-02-01',
    recencyDays: 3, revenueShare: 1, abc: 'A', abcProfit: 'A', xyz: 'Z', cv: null, abcXyz: 'AZ', r: 5, f: 5, m: 5,
    rfm: 555, rfmSegment: 'champions', lifecycle: 'active', quadrant: 'III', keyClient: true,
  };

  it('diffClients(rows, rows) finds no difference, matching names case- and space-insensitively', () => {
    expect(diffClients([base], [{ ...base, client: 'Acme' }])).toEqual([]);
    expect(clientKey('  ACME   corp ')).toBe(clientKey('acme corp'));
  });

  it('diffClients(expected, actual) reports a wrong class, a money error above 1e-6 and a missing key', () => {
    const noQuadrant: ClientRow = { ...base };
    delete noQuadrant.quadrant;
    const diffs = diffClients([base], [{ ...noQuadrant, abc: 'B', revenue: 100.00001 }]);
    expect(diffs).toEqual([
      "Acme: revenue = 100.00001, expected 100",
      'Acme: abc = "B", expected "A"',
      "Acme: key 'quadrant' is missing",
    ]);
  });

  it('diffClients(expected, actual) accepts money within 1e-6 and tells null from 0', () => {
    expect(diffClients([base], [{ ...base, revenue: 100 + 5e-7 }])).toEqual([]);
    expect(diffClients([base], [{ ...base, cv: 0 }])).toEqual(['Acme: cv = 0, expected null']);
  });

  it('diffClients(expected, actual) reports missing and unexpected clients', () => {
    expect(diffClients([base], [{ ...base, client: 'Other' }])).toEqual([
      "engine: unexpected client 'Other'",
      "engine: client 'Acme' is missing",
    ]);
  });
});
