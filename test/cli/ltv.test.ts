/**
 * LTV on the command line (issue 11): `segment --json` on a plain transaction log (client, date,
 * amount: the CDNOW layout, no order or profit column) gives the published parameters in `ltvModel`
 * and the five keys per client; --horizon and --discount; zero margin gives zero CLV; too little data
 * gives blanks and a warning in the JSON and the workbook.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { parseArgs, type SegmentCommand } from '../../src/cli/args';
import { ExitCode } from '../../src/cli/exit';
import { expected, relativeError, sig3 } from '../core/ltv-data';
import { cleanup, fails, run, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

/**
 * test/data/cdnow/CDNOW_sample.txt as a CSV: client = its column 2, date = column 3 as yyyy-mm-dd,
 * amount = column 5 (and a profit column of `profit` x amount when given).
 */
function cdnowCsv(name: string, profit?: number): string {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const out = [profit === undefined ? 'Client,Date,Amount' : 'Client,Date,Amount,Profit'];
  for (const line of lines) {
    const [, id, d, , value] = line.trim().split(/\s+/);
    const date = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    out.push(profit === undefined ? `${Number(id)},${date},${value}` : `${Number(id)},${date},${value},${Number(value) * profit}`);
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

interface Doc {
  settings: { ltv: { months: number; discount: number } };
  ltvModel: {
    bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; boundary: string | null } | null;
    gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; meanValue: number; boundary: string | null } | null;
    clients: number;
    months: number;
    discount: number;
    repeatBuyers: number;
    warnings: { code: string; params: Record<string, string | number> }[];
  } | null;
  clients: Array<Record<string, unknown> & { client: string }>;
}

/** Runs segment on `input` with the extra arguments; the JSON document and the workbook written. */
async function segment(input: string, name: string, ...extra: string[]): Promise<{ doc: Doc; wb: ExcelJS.Workbook; stderr: string }> {
  const out = path.join(dir, `${name}.xlsx`);
  const json = path.join(dir, `${name}.json`);
  const r = await run('segment', input, '--out', out, '--json', json, ...extra);
  expect([r.code, r.stderr.includes('internal error')]).toEqual([ExitCode.OK, false]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return { doc: JSON.parse(fs.readFileSync(json, 'utf8')) as Doc, wb, stderr: r.stderr };
}

/** The header cells of the first table of a sheet (row 2: the title is row 1) and the column of a header. */
function headerColumn(ws: ExcelJS.Worksheet, header: string): number {
  const values = ws.getRow(2).values as unknown[];
  return values.indexOf(header);
}

describe('key-clients segment --json on the CDNOW transaction log (client, date, amount)', () => {
  let doc: Doc;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    ({ doc, wb } = await segment(cdnowCsv('cdnow.csv'), 'cdnow', '--as-of', '1997-09-30', '--quiet'));
  }, 60_000);

  it('gives ltvModel.bgnbd the published r = 0.2426, alpha = 4.414, a = 0.7929, b = 2.426 to 3 significant digits and log-likelihood -9582.43', () => {
    const bg = doc.ltvModel!.bgnbd!;
    expect(Object.keys(bg)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood', 'boundary']);
    expect(bg.boundary).toBeNull();
    expect([bg.r, bg.alpha, bg.a, bg.b].map(sig3)).toEqual([0.2426, 4.414, 0.7929, 2.426].map(sig3));
    expect(bg.logLikelihood.toFixed(2)).toBe('-9582.43');
  });

  it('gives ltvModel.gammaGamma the published p = 6.25, q = 3.74, gamma = 15.44 to 3 significant digits', () => {
    const gg = doc.ltvModel!.gammaGamma!;
    expect(Object.keys(gg)).toEqual(['p', 'q', 'gamma', 'logLikelihood', 'meanValue', 'boundary']);
    expect(gg.boundary).toBeNull();
    expect([gg.p, gg.q, gg.gamma].map(sig3)).toEqual([6.25, 3.74, 15.44].map(sig3));
  });

  it('says ltvModel.clients = 2357 were fitted, over 12 months at 10 %, with the issue\'s keys first', () => {
    expect(Object.keys(doc.ltvModel!).slice(0, 3)).toEqual(['bgnbd', 'gammaGamma', 'clients']);
    expect([doc.ltvModel!.clients, doc.ltvModel!.months, doc.ltvModel!.discount]).toEqual([2357, 12, 0.1]);
  });

  it('gives every client pAlive, expectedPurchases12m, expectedValue, clv12m and ltvSimple after the earlier keys', () => {
    for (const c of doc.clients) expect(Object.keys(c).slice(-5)).toEqual(['pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple']);
    expect(doc.clients).toHaveLength(2357);
  });

  it('gives customer 1 the independent P(alive), expected purchases over 52.18 weeks and 12-month CLV to 0.1 %', () => {
    const ex = expected();
    const alive = ex.bgnbd.find((b) => b.x === 2 && b.tx === 30.43 && Math.abs(b.t - 52.17857) < 1e-4)!;
    const clv = ex.clv.find((c) => c.x === 2 && c.margin === 1 && c.months === 12 && c.discount === 0.1)!;
    const one = doc.clients.find((c) => c.client === '1')!;
    expect(relativeError(one.pAlive as number, alive.pAlive)).toBeLessThan(1e-3);
    expect(relativeError(one.expectedPurchases12m as number, alive.expected)).toBeLessThan(1e-3);
    expect(relativeError(one.clv12m as number, clv.clv)).toBeLessThan(1e-3);
  });

  it('writes P(alive) as a percent and the CLV as money in the Clients sheet of the workbook', () => {
    const ws = wb.getWorksheet('Clients')!;
    const pAlive = headerColumn(ws, 'P(alive)');
    const clv = headerColumn(ws, 'CLV, 12 mo');
    expect([pAlive > 0, clv > 0]).toEqual([true, true]);
    expect([ws.getCell(3, pAlive).numFmt, ws.getCell(3, clv).numFmt]).toEqual(['0.0%', '#,##0.00']);
    const client = ws.getCell(3, headerColumn(ws, 'Client')).value;
    const json = doc.clients.find((c) => c.client === String(client))!;
    expect([ws.getCell(3, pAlive).value, ws.getCell(3, clv).value]).toEqual([json.pAlive, json.clv12m]);
  });

  it('writes the fitted r of the JSON in the Summary\'s Value block', () => {
    const ws = wb.getWorksheet('Summary')!;
    let r: unknown;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'BG/NBD' && row.getCell(2).value === 'r') r = row.getCell(3).value;
    });
    expect(r).toBe(doc.ltvModel!.bgnbd!.r);
  });
});

describe('key-clients segment --horizon and --discount', () => {
  it('parseArgs(--horizon 24 --discount 8%) sets settings.ltv to 24 months at 0.08', () => {
    const cmd = parseArgs(['segment', 'x.csv', '--horizon', '24', '--discount', '8%']) as SegmentCommand;
    expect(cmd.settings.ltv).toEqual({ months: 24, discount: 0.08 });
  });

  it('parseArgs(--discount 0.5%) is half a percent, not 50 %', () => {
    expect((parseArgs(['segment', 'x.csv', '--discount', '0.5%']) as SegmentCommand).settings.ltv).toEqual({ discount: 0.005 });
  });

  it('parseArgs(--discount 12) is given as typed; the settings read 12 as 12 %', () => {
    expect((parseArgs(['segment', 'x.csv', '--discount', '12']) as SegmentCommand).settings.ltv).toEqual({ discount: 12 });
  });

  it.each(['0,1', '0.1', '10%', '10 %'])('parseArgs(--discount %p) is 0.10, as the pane reads its discount field', (text) => {
    expect((parseArgs(['segment', 'x.csv', '--discount', text]) as SegmentCommand).settings.ltv).toEqual({ discount: 0.1 });
  });

  it('parseArgs(--horizon 24,0) reads the decimal comma: 24 months', () => {
    expect((parseArgs(['segment', 'x.csv', '--horizon', '24,0']) as SegmentCommand).settings.ltv).toEqual({ months: 24 });
  });

  it('--horizon 12% is a usage error: months take no % sign', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', 'x.csv', '--horizon', '12%')).toBe("--horizon takes no % sign, not '12%'");
  });

  it('--horizon 0 is a usage error naming the range', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', 'x.csv', '--horizon', '0')).toBe('the LTV horizon must be a whole number of months from 1 to 120, not 0');
  });

  it('--discount abc and --discount 150% are usage errors', async () => {
    expect(await fails(ExitCode.USAGE, 'segment', 'x.csv', '--discount', 'abc')).toBe("--discount must be a number, not 'abc'");
    expect(await fails(ExitCode.USAGE, 'segment', 'x.csv', '--discount', '150%')).toBe("--discount must be from 0% to 100%, not '150%'");
  });

  it('segment --horizon 24 --discount 8% gives the JSON and the headers of 24 months, more purchases than over 12', async () => {
    const input = cdnowCsv('cdnow-24.csv');
    const { doc, wb } = await segment(input, 'cdnow-24', '--as-of', '1997-09-30', '--horizon', '24', '--discount', '8%', '--quiet');
    const { doc: twelve } = await segment(input, 'cdnow-12', '--as-of', '1997-09-30', '--quiet');
    expect([doc.ltvModel!.months, doc.ltvModel!.discount, doc.settings.ltv]).toEqual([24, 0.08, { months: 24, discount: 0.08 }]);
    const by = new Map(twelve.clients.map((c) => [c.client, c.expectedPurchases12m as number]));
    for (const c of doc.clients) expect(c.expectedPurchases12m as number).toBeGreaterThan(by.get(c.client)!);
    expect(headerColumn(wb.getWorksheet('Clients')!, 'CLV, 24 mo')).toBeGreaterThan(0);
  }, 60_000);
});

describe('key-clients segment: zero margin and too little data', () => {
  it('a profit column of zeros gives every client a CLV of 0 in the JSON and the workbook', async () => {
    const { doc, wb } = await segment(cdnowCsv('cdnow-zero.csv', 0), 'cdnow-zero', '--as-of', '1997-09-30', '--quiet');
    expect(doc.clients.map((c) => c.clv12m).every((v) => v === 0)).toBe(true);
    expect(doc.clients.some((c) => (c.expectedValue as number) > 0)).toBe(true);
    const ws = wb.getWorksheet('Clients')!;
    const clv = headerColumn(ws, 'CLV, 12 mo');
    for (let row = 3; row <= 2 + 2357; row++) expect(ws.getCell(row, clv).value).toBe(0);
  }, 60_000);

  it('a log with 2 repeat buyers gives null models and values, the warning on stderr, in the JSON and in the workbook', async () => {
    const input = path.join(dir, 'small.csv');
    fs.writeFileSync(input, 'Client,Date,Amount\nA,2024-01-10,100\nA,2024-03-05,50\nB,2024-02-01,80\nB,2024-06-01,20\nC,2024-05-05,70\n');
    const { doc, wb, stderr } = await segment(input, 'small');
    expect(doc.ltvModel).toMatchObject({ bgnbd: null, gammaGamma: null, clients: 0, repeatBuyers: 2 });
    expect(doc.ltvModel!.warnings[0]).toEqual({ code: 'ltvTooFewRepeatBuyers', params: { buyers: 2, needed: 20 } });
    for (const c of doc.clients) expect([c.pAlive, c.expectedPurchases12m, c.expectedValue, c.clv12m]).toEqual([null, null, null, null]);
    const text = 'LTV model not fitted: too few repeat buyers (2 of the 20 needed); P(alive), expected purchases, expected value and CLV are blank';
    expect(stderr).toContain(`key-clients: warning: ${text}`);
    const ws = wb.getWorksheet('Clients')!;
    const pAlive = headerColumn(ws, 'P(alive)');
    expect([3, 4, 5].map((row) => ws.getCell(row, pAlive).value)).toEqual([null, null, null]);
    const summary: unknown[] = [];
    wb.getWorksheet('Summary')!.eachRow((row) => summary.push(row.getCell(1).value));
    expect(summary).toContain(text);
  });
});
