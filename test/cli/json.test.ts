/**
 * The --json document written in pieces: byte for byte what JSON.stringify(toJson(result), null, 2)
 * gives (the reference is JSON.stringify itself over the core's toJson), whatever the data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { segmentClients, toJson, type Cell, type SegmentationResult } from '../../src/core';
import { ByteSink, segmentationJsonText, writeBytesFile, writeClients } from '../../src/cli/json';
import { cleanup, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

const reference = (r: SegmentationResult) => `${JSON.stringify(toJson(r), null, 2)}\n`;
const streamed = (r: SegmentationResult) => segmentationJsonText(r);

/**
 * test/data/cdnow/CDNOW_sample.txt (2,357 clients, 1997-1998) as cells: client, date, amount, and a
 * profit of a third of the amount; segmented with 6-month windows, so that the KPIs over time, the
 * cohorts, the bridge, the LTV model and every client key of issues 10 and 11 carry values.
 */
function cdnow(): SegmentationResult {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const cells: Cell[][] = [['Client', 'Date', 'Amount', 'Profit']];
  for (const line of lines) {
    const [, id, d, , value] = line.trim().split(/\s+/);
    cells.push([`C${id}`, `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, Number(value), Number(value) / 3]);
  }
  return segmentClients(cells, { settings: { dynamics: { windowMonths: 6 } } });
}

describe('writeSegmentationJson(result, sink)', () => {
  it('gives the text of JSON.stringify(toJson(result), null, 2) with dates, profit, skipped rows and awkward names', () => {
    const r = segmentClients([
      ['Client', 'Amount', 'Date', 'Profit'],
      ['Quote " and \\ backslash', 100, '2024-01-05', 10],
      ['Zoë ☃ 😀 \u2028 line', 50, '2024-02-05', -5],
      ['ctrl\u0001char', 'n/a', '2024-03-05', 1],
      ['Plain', 1e21, '2024-03-06', 0.1 + 0.2],
      ['', 5, '2024-03-07', 1],
    ]);
    expect(r.skippedCount).toBe(2);
    expect(streamed(r)).toBe(reference(r));
  });

  it('gives the same text without dates or profit (nulls) and without skipped rows (an empty list)', () => {
    const r = segmentClients([['Client', 'Amount'], ['Acme', 100], ['Bolt', 50]]);
    expect(r.skipped).toEqual([]);
    expect(streamed(r)).toBe(reference(r));
  });

  it('gives the same text with the KPIs over time, migration, cohorts, bridge, LTV model and the dynamics and LTV keys of every client', () => {
    const r = cdnow();
    const doc = JSON.parse(streamed(r)) as Record<string, unknown> & { clients: Array<Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['asOf', 'dateOrder', 'settings', 'skipped', 'kpis', 'migration', 'cohorts', 'bridge', 'ltvModel', 'clients']);
    // values, not nulls, in the new parts and keys (else the comparison would prove little)
    for (const k of ['kpis', 'migration', 'cohorts', 'bridge', 'ltvModel']) expect([k, doc[k]]).not.toEqual([k, null]);
    for (const k of ['status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent', 'pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple']) {
      expect([k, doc.clients.some((c) => c[k] !== null)]).toEqual([k, true]);
    }
    expect(streamed(r)).toBe(reference(r));
  });

  it('gives the same text for 12,345 clients and 7,000 skipped rows (more than a batch and a buffer)', () => {
    const cells: Cell[][] = [['Client', 'Amount', 'Date']];
    for (let i = 0; i < 12_345; i++) cells.push([`Client ${i}`, 1 + ((i * 7919) % 1000) / 7, `2024-${String(1 + (i % 12)).padStart(2, '0')}-15`]);
    for (let i = 0; i < 7_000; i++) cells.push([`Bad ${i}`, 'n/a', '2024-01-01']);
    const r = segmentClients(cells);
    expect([r.clients.length, r.skipped.length]).toEqual([12_345, 7_000]);
    expect(streamed(r)).toBe(reference(r));
  });
});

const textOf = (write: (sink: ByteSink) => void): string => {
  const parts: Buffer[] = [];
  const sink = new ByteSink((b) => parts.push(Buffer.from(b)));
  write(sink);
  sink.flush();
  return Buffer.concat(parts).toString('utf8');
};

describe('writeClients(sink, clients)', () => {
  it("writes the clients as toJson's records indented inside the document (so runs take this direct way, not toJson's)", () => {
    const r = segmentClients([
      ['Client', 'Amount', 'Date', 'Profit'],
      ['Quote " and \\ backslash', 100, '2024-01-05', 10],
      ['Zoë ☃ 😀', 50, '2024-02-05', -5],
      ['Plain', 7, '2024-03-06', 0.1 + 0.2],
      ['Zero', -0, '2024-03-07', 0],
    ]);
    const t = JSON.stringify({ k: toJson(r).clients }, null, 2);
    expect(textOf((sink) => writeClients(sink, r.clients))).toBe(t.slice('{\n  "k": [\n'.length, t.length - '\n  ]\n}'.length));
  });

  it("writes names with escapes, lone surrogates, Cyrillic and a name longer than the sink's buffer as toJson's records", () => {
    const r = segmentClients([
      ['Client', 'Amount', 'Date'],
      ['Tab\there \u0001 ctrl', 10, '2024-01-05'],
      ['lone \ud800 high', 20, '2024-01-06'],
      ['lone \udc00 low', 30, '2024-01-07'],
      ['ООО «Ромашка» — Łódź', 40, '2024-01-08'],
      [`Long ${'Ж'.repeat(400_000)}`, 50, '2024-01-09'],
      [`Escapes ${'\u0002'.repeat(200_000)}`, 60, '2024-01-10'],
    ]);
    const t = JSON.stringify({ k: toJson(r).clients }, null, 2);
    expect(textOf((sink) => writeClients(sink, r.clients))).toBe(t.slice('{\n  "k": [\n'.length, t.length - '\n  ]\n}'.length));
  });

  it("writes toJson's records with the dynamics and LTV keys filled in (the CDNOW sample, 6-month windows)", () => {
    const r = cdnow();
    const t = JSON.stringify({ k: toJson(r).clients }, null, 2);
    expect(textOf((sink) => writeClients(sink, r.clients))).toBe(t.slice('{\n  "k": [\n'.length, t.length - '\n  ]\n}'.length));
  });
});

describe('ByteSink', () => {
  it('writes a text larger than its buffer whole, in UTF-8', () => {
    const big = '😀 Łódź '.repeat(300_000); // about 3.6 MB in UTF-8, more than the buffer
    expect(textOf((sink) => (sink.ascii('{'), sink.text(big), sink.text('ż'), sink.ascii('}')))).toBe(`{${big}ż}`);
  });
});

describe('writeBytesFile(file, write)', () => {
  it('writes the bytes to the file', () => {
    const file = path.join(dir, 'out.json');
    writeBytesFile(file, (sink) => (sink.ascii('{"a": 1.5'), sink.text(', "b": "ż"}\n')));
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a": 1.5, "b": "ż"}\n');
  });
});
