/**
 * The LTV model gives the same answer in the command line (Node) and in the task pane (Chromium,
 * whose V8 rounds Math.log and Math.exp differently: LLVM's libc against Node 20's fdlibm), on the
 * bundled sample (assets/sample-sales.xlsx, read as the command line reads it). Before the fits had
 * engine-independent logarithms (src/core/methods/portable-math.ts) the sample's BG/NBD fit converged
 * in Node and not in Chromium (docs/methods.md section 10, "The same fit on every engine").
 *
 * The page runs the engine's own source (test/browser/core-bundle.ts: src/core transpiled, no dist/
 * needed) on the same cells and the same per-client summary as Node.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  fitBgNbd,
  fitGammaGamma,
  ltvModel,
  ltvSummary,
  readSales,
  resolveSettings,
  segmentReadOptions,
  segmentSales,
  type BgNbdFit,
  type GammaGammaFit,
  type LtvSummary,
} from '../../src/core';
import { exp, ln } from '../../src/core/methods/portable-math';
import { readInput } from '../../src/cli/read';
import { coreBundle } from './core-bundle';
import { openHarness, type Harness } from './harness';

const SAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'sample-sales.xlsx');

/** Numbers as JSON can carry them both ways (Infinity and NaN as text). */
type Plain = number | string | boolean | null | Plain[] | { [k: string]: Plain };

/** What both engines compute, as plain data. */
interface Run {
  bg: Record<string, Plain>;
  gg: Record<string, Plain>;
  model: { pAlive: (number | null)[]; expectedPurchases: (number | null)[]; expectedValue: (number | null)[]; clv: (number | null)[]; warnings: string[] };
  segment: { bg: Record<string, Plain>; gg: Record<string, Plain>; warnings: string[]; pAlive: (number | null)[]; clv: (number | null)[] };
  ln: number[];
  exp: number[];
}

/**
 * The computation, written once and run in both engines: `core` is src/core's exports. Infinity is
 * turned into text so the result survives the trip out of the page.
 */
function compute(core: typeof import('../../src/core') & { ln(x: number): number; exp(x: number): number }, input: { summary: Record<keyof LtvSummary, number[]>; cells: unknown[][]; args: number[] }): Run {
  const plain = (o: object): Record<string, Plain> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? String(v) : (v as Plain)]));
  const s = input.summary;
  const summary = { x: Float64Array.from(s.x), tx: Float64Array.from(s.tx), T: Float64Array.from(s.T), zbar: Float64Array.from(s.zbar) };
  const bg: BgNbdFit = core.fitBgNbd(summary);
  const gg: GammaGammaFit = core.fitGammaGamma(summary);
  const m = core.ltvModel(summary, null);
  const settings = core.resolveSettings();
  const sales = core.readSales(input.cells as never, core.segmentReadOptions({}, settings));
  const result = core.segmentSales(sales, settings);
  return {
    bg: plain(bg),
    gg: plain(gg),
    model: { pAlive: m.pAlive, expectedPurchases: m.expectedPurchases, expectedValue: m.expectedValue, clv: m.clv, warnings: m.warnings.map((w) => w.code) },
    segment: {
      bg: plain(result.ltv!.bgnbd ?? {}),
      gg: plain(result.ltv!.gammaGamma ?? {}),
      warnings: result.ltv!.warnings.map((w) => w.code),
      pAlive: result.clients.map((c) => c.pAlive),
      clv: result.clients.map((c) => c.clv),
    },
    ln: input.args.map((v) => core.ln(Math.abs(v) + 1e-300)),
    exp: input.args.map((v) => core.exp(v)),
  };
}

/** The largest relative difference between two lists of numbers (null only against null). */
function worst(a: (number | null)[], b: (number | null)[]): number {
  if (a.length !== b.length) return Infinity;
  let w = 0;
  a.forEach((v, i) => {
    const u = b[i];
    if (v === null || u === null) w = Math.max(w, v === u ? 0 : Infinity);
    else w = Math.max(w, v === u ? 0 : Math.abs(v - u) / Math.max(Math.abs(v), Math.abs(u)));
  });
  return w;
}

/** The largest relative difference of the numeric parameters of two fits (texts must match). */
function worstParam(a: Record<string, Plain>, b: Record<string, Plain>, keys: string[]): number {
  return Math.max(...keys.map((k) => (typeof a[k] === 'number' && typeof b[k] === 'number' ? worst([a[k] as number], [b[k] as number]) : a[k] === b[k] ? 0 : Infinity)));
}

describe('the LTV model of the bundled sample in Node (the command line) and in Chromium (the task pane)', () => {
  let harness: Harness;
  let root: string;
  let node: Run;
  let chromium: Run;

  beforeAll(async () => {
    // the sample as the command line reads it, and its per-client summary as segmentValue makes it
    const table = await readInput(SAMPLE);
    const settings = resolveSettings();
    const sales = readSales(table.cells, segmentReadOptions({ firstRow: table.firstRow, firstColumn: table.firstColumn }, settings));
    const asOf = segmentSales(sales, settings).asOf!;
    const s = ltvSummary({ client: sales.client, amount: sales.amount, day: sales.day, order: sales.mapping.order !== undefined ? sales.order : null }, asOf);
    // arguments for ln and exp: every log-likelihood term's range and then some
    const args = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) / 5000 - 0.5).map((u, i) => u * (i % 2 ? 1400 : 60));
    const input = { summary: { x: [...s.x], tx: [...s.tx], T: [...s.T], zbar: [...s.zbar] }, cells: table.cells, args };

    node = compute({ ...(await import('../../src/core')), ln, exp }, input);

    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-ltv-engines-'));
    fs.writeFileSync(path.join(root, 'taskpane.html'), '<!doctype html><meta charset="utf-8"><title>engine</title>');
    harness = await openHarness({ root });
    await harness.page.goto(`${harness.baseUrl}/taskpane.html`);
    await harness.page.addScriptTag({ content: coreBundle('index') });
    await harness.page.addScriptTag({ content: coreBundle('methods/portable-math', '__kcMath') });
    chromium = (await harness.page.evaluate(
      ([source, data]) => {
        const w = window as unknown as { __kcCore: object; __kcMath: object };
        // eslint-disable-next-line no-new-func
        const run = new Function('core', 'input', `return (${source})(core, input);`);
        return run({ ...w.__kcCore, ...w.__kcMath }, data);
      },
      [compute.toString(), input] as const,
    )) as Run;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('the sample gives the same BG/NBD verdict in both: the no-drop-out limit, converged', () => {
    expect([chromium.bg.converged, chromium.bg.boundary, chromium.bg.a, chromium.bg.b]).toEqual([true, 'noDropout', 0, 'Infinity']);
    expect([node.bg.converged, node.bg.boundary]).toEqual([chromium.bg.converged, chromium.bg.boundary]);
  });

  it('the BG/NBD parameters and log-likelihood agree within 1e-6 relative', () => {
    expect(worstParam(node.bg, chromium.bg, ['r', 'alpha', 'a', 'b', 'logLikelihood'])).toBeLessThan(1e-6);
  });

  it('the Gamma-Gamma verdict and parameters agree (an ordinary fit), within 1e-6 relative', () => {
    expect([node.gg.converged, node.gg.boundary, chromium.gg.converged, chromium.gg.boundary]).toEqual([true, null, true, null]);
    expect(worstParam(node.gg, chromium.gg, ['p', 'q', 'gamma', 'meanValue', 'logLikelihood'])).toBeLessThan(1e-6);
  });

  it('both fits are the same bit for bit (every logarithm of the search is portable-math\'s)', () => {
    expect([chromium.bg, chromium.gg]).toEqual([node.bg, node.gg]);
  });

  it('P(alive), expected purchases, expected value and CLV of all 793 clients agree within 1e-12 relative, with the same warnings', () => {
    const m = [node.model, chromium.model];
    expect([m[0].pAlive.length, m[0].warnings, m[1].warnings]).toEqual([793, ['ltvNoDropout'], ['ltvNoDropout']]);
    const keys = ['pAlive', 'expectedPurchases', 'expectedValue', 'clv'] as const;
    expect(Math.max(...keys.map((k) => worst(m[0][k], m[1][k])))).toBeLessThan(1e-12);
  });

  it('the whole segmentation of the sample\'s cells gives the same LTV in both: fits, warnings, P(alive) and CLV of every client', () => {
    const [a, b] = [node.segment, chromium.segment];
    expect([b.warnings, b.bg.boundary, b.bg.converged]).toEqual([a.warnings, 'noDropout', true]);
    expect(worstParam(a.bg, b.bg, ['r', 'alpha', 'a', 'b']) + worstParam(a.gg, b.gg, ['p', 'q', 'gamma'])).toBeLessThan(1e-6);
    expect([worst(a.pAlive, b.pAlive) < 1e-12, worst(a.clv, b.clv) < 1e-12]).toEqual([true, true]);
  });

  it('portable-math\'s ln and exp give the same bits in Chromium as in Node on 5,000 arguments', () => {
    expect([chromium.ln, chromium.exp]).toEqual([node.ln, node.exp]);
  });
});
