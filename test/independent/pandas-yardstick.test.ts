/**
 * The bench's yardstick (bench/pandas_segment.py, issue 7: "faster than a pandas script doing the same
 * work") agrees with the command line's --json on every field it computes, so that the bench compares
 * the times of the same work. It is written in pandas and scipy from METHODS.md (sections 0-5, the
 * dynamics of section 9, the LTV fits and predictions of section 10), not from the engine.
 *
 * Two files, made here: the bench's own synthetic sales (bench/synthetic.js, 20,000 rows, 1,000
 * clients, 24 months: no drop-out in the data and one mean purchase value for everyone, so both LTV
 * fits are at their limits: BG/NBD's a = 0, Gamma-Gamma's q = infinity, docs/methods.md "Edges of the
 * parameter space"), and purchases drawn from the LTV models (bench/ltv-synthetic.js, 3,000 clients:
 * both fits well posed). Texts, booleans and counts must be equal; sums and ratios of sections 0-9
 * within 1e-9 (relative); the fitted parameters, likelihoods and predictions within 1e-5 (two BFGS
 * runs stop at slightly different points).
 *
 * Needs /usr/bin/python3 with Debian's python3-pandas and python3-scipy, and dist-cli (npm test builds
 * it first); without them the test fails, it is not skipped.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'bench', 'pandas_segment.py');
const CLI = path.join(ROOT, 'bin', 'key-clients.js');
const PYTHON = '/usr/bin/python3';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { salesCells } = require('../../bench/synthetic') as { salesCells: (rows: number, o?: { clients?: number }) => Array<Array<string | number>> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ltvClients } = require('../../bench/ltv-synthetic') as {
  ltvClients: (n: number, o?: Record<string, number>) => { rows: { client: Int32Array; day: Float64Array; amount: Float64Array; order: Int32Array } };
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const isoOfSerial = (serial: number) => isoOfDay(serial - 25_569);

/** The bench's synthetic sales as the bench writes them (bench/cli.bench.js). */
function benchCsv(file: string): void {
  const cells = salesCells(20_001, { clients: 1_000 });
  const lines = [cells[0].join(',')];
  for (const r of cells.slice(1)) lines.push(`${r[0]},${isoOfSerial(r[1] as number)},${r[2]},${r[3]},${r[4]}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Purchases drawn from the BG/NBD and Gamma-Gamma models, one order per purchase, profit a quarter of it. */
function modelCsv(file: string): void {
  const { rows } = ltvClients(3_000, { r: 2, alpha: 3.13, a: 0.8, b: 24, seed: 11 });
  const lines = ['Order ID,Order Date,Customer Name,Sales,Profit'];
  for (let i = 0; i < rows.client.length; i++) {
    const a = rows.amount[i];
    lines.push(`O-${rows.order[i]},${isoOfDay(rows.day[i])},Client ${String(rows.client[i]).padStart(5, '0')},${a},${Math.round(a * 25) / 100}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The relative tolerance of a field by its path, or null when it is not compared. */
type Tolerance = (path: string) => number | null;

/** Every difference between two JSON values beyond the tolerance of its path. */
function diff(a: Json | undefined, b: Json | undefined, where: string, tol: Tolerance, out: string[]): void {
  const t = tol(where);
  if (t === null) return;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(Math.abs(a - b) <= t * Math.max(1, Math.abs(a), Math.abs(b)))) out.push(`${where}: engine ${a}, pandas ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${where}: engine ${a.length} entries, pandas ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], `${where}[${i}]`, tol, out);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of Object.keys(b)) diff(a[k], b[k], `${where}.${k}`, tol, out);
    return;
  }
  if (a !== b) out.push(`${where}: engine ${JSON.stringify(a)}, pandas ${JSON.stringify(b)}`);
}

const LTV_CLIENT_KEYS = /\.(pAlive|expectedPurchases12m|expectedValue|clv12m|ltvSimple)$/;
/** Integers that must be equal (the rest of the numbers are sums or ratios). */
const EXACT = [
  /^\.clients\[\d+\]\.(orders|recencyDays|r|f|m|rfm)$/,
  /\.(clients|size|k|windowMonths|clientsPrevious|clientsCurrent|retained|churned|new|returned|inactive|keyClientsPrevious|repeatBuyers|keyClientsLowPAlive|months)$/,
];

/** Sections 0-9 to 1e-9, counts exactly, the LTV to `ltv`; `skip` names LTV fields not compared. */
function tolerance(ltv: number, skip: RegExp | null): Tolerance {
  return (p) => {
    if (skip && skip.test(p)) return null;
    if (EXACT.some((e) => e.test(p))) return 0;
    if (p.startsWith('.ltvModel') || LTV_CLIENT_KEYS.test(p)) return /retentionRate|discount/.test(p) ? 1e-9 : ltv;
    return 1e-9;
  };
}

function compare(csv: string, dir: string, tol: Tolerance): { diffs: string[]; engine: Record<string, Json>; pandas: Record<string, Json> } {
  const ours = path.join(dir, `${path.basename(csv)}.engine.json`);
  const theirs = path.join(dir, `${path.basename(csv)}.pandas.json`);
  execFileSync(process.execPath, [CLI, 'segment', csv, '--json', ours, '--quiet']);
  execFileSync(PYTHON, [SCRIPT, csv, theirs]);
  const engine = JSON.parse(fs.readFileSync(ours, 'utf8')) as Record<string, Json>;
  const pandas = JSON.parse(fs.readFileSync(theirs, 'utf8')) as Record<string, Json>;
  const diffs: string[] = [];
  diff(engine, pandas, '', tol, diffs);
  return { diffs, engine, pandas };
}

describe('the bench\'s pandas yardstick does the command line\'s work', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-yardstick-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has pandas and scipy to run with', () => {
    expect(() => execFileSync(PYTHON, ['-c', 'import pandas, scipy'], { stdio: 'pipe' })).not.toThrow();
  });

  it('agrees with the JSON on the bench\'s synthetic sales (both LTV fits at their limits: no drop-out, one mean value)', () => {
    const csv = path.join(dir, 'bench.csv');
    benchCsv(csv);
    const { diffs, engine, pandas } = compare(csv, dir, tolerance(1e-5, null));
    expect(diffs.slice(0, 20)).toEqual([]);
    // what was compared: every key of the JSON the yardstick writes, and the LTV columns filled in
    expect(Object.keys(pandas)).toEqual(['asOf', 'kpis', 'migration', 'cohorts', 'bridge', 'ltvModel', 'clients']);
    expect((pandas.clients as Json[]).length).toBe((engine.clients as Json[]).length);
    expect(((engine.ltvModel as Record<string, Json>).warnings as Array<{ code: string }>).map((w) => w.code)).toEqual(['ltvNoDropout', 'ltvSameMeanValue']);
  });

  it('agrees with the JSON on purchases drawn from the LTV models (both fits converge)', () => {
    const csv = path.join(dir, 'model.csv');
    modelCsv(csv);
    const { diffs, engine } = compare(csv, dir, tolerance(1e-5, null));
    expect(diffs.slice(0, 20)).toEqual([]);
    const model = engine.ltvModel as Record<string, Json>;
    expect(model.gammaGamma).not.toBeNull();
    expect((engine.clients as Array<Record<string, Json>>).every((c) => typeof c.clv12m === 'number')).toBe(true);
  });
});
