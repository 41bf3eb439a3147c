/**
 * The --json document written in pieces: byte for byte what JSON.stringify(toJson(result), null, 2)
 * gives (the reference is JSON.stringify itself over the core's toJson), whatever the data and across
 * the batches the clients are written in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { segmentClients, toJson, type Cell, type SegmentationResult } from '../../src/core';
import { clientsText, jsonChunks, segmentationJson, writeTextFile } from '../../src/cli/json';
import { cleanup, tmpDir } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

const reference = (r: SegmentationResult) => JSON.stringify(toJson(r), null, 2);
const streamed = (r: SegmentationResult) => [...segmentationJson(r)].join('');

describe('segmentationJson(result)', () => {
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

  it('gives the same text for 12,345 clients, written in several batches', () => {
    const cells: Cell[][] = [['Client', 'Amount', 'Date']];
    for (let i = 0; i < 12_345; i++) cells.push([`Client ${i}`, 1 + ((i * 7919) % 1000) / 7, `2024-${String(1 + (i % 12)).padStart(2, '0')}-15`]);
    const r = segmentClients(cells);
    expect(r.clients).toHaveLength(12_345);
    expect(streamed(r)).toBe(reference(r));
  });
});

describe('clientsText(clients)', () => {
  it("writes the clients as toJson's records indented inside the document (so runs take this fast way, not toJson's)", () => {
    const r = segmentClients([
      ['Client', 'Amount', 'Date', 'Profit'],
      ['Quote " and \\ backslash', 100, '2024-01-05', 10],
      ['Zoë ☃ 😀', 50, '2024-02-05', -5],
      ['Plain', 7, '2024-03-06', 0.1 + 0.2],
    ]);
    const t = JSON.stringify({ k: toJson(r).clients }, null, 2);
    expect(clientsText(r.clients)).toBe(t.slice('{\n  "k": [\n'.length, t.length - '\n  ]\n}'.length));
  });
});

describe('jsonChunks(head, lists)', () => {
  it('writes the members of head as JSON.stringify does, the listed ones from their batches of text', () => {
    const items = [{ a: 1, b: 'x' }, { a: 2, b: null }, { a: 3, b: [1, 2] }];
    const head = { first: 'text', items: [] as unknown[], nested: { deep: [1, { two: 2 }] }, gone: undefined, empty: [] as unknown[] };
    const text = (list: unknown[]) => {
      const t = JSON.stringify({ k: list }, null, 2);
      return t.slice('{\n  "k": [\n'.length, t.length - '\n  ]\n}'.length);
    };
    const out = [...jsonChunks(head as Record<string, unknown>, { items: [text(items.slice(0, 2)), '', text(items.slice(2))], empty: [] })].join('');
    expect(out).toBe(JSON.stringify({ ...head, items }, null, 2));
  });
});

describe('writeTextFile(file, chunks)', () => {
  it('writes the pieces and a final newline in UTF-8, a piece larger than its buffer included', () => {
    const big = '😀 Łódź '.repeat(700_000); // about 8.4 MB in UTF-8, more than the encoder's buffer
    const file = path.join(dir, 'big.txt');
    writeTextFile(file, ['{', big, 'ż', '}']);
    expect(fs.readFileSync(file, 'utf8')).toBe(`{${big}ż}\n`);
  });
});
