/**
 * The LTV's fits in a worker thread (src/cli/ltv-thread.ts): the built command line (dist-cli, which
 * `npm test` builds before jest) hands them to a thread from $KEY_CLIENTS_LTV_THREAD_ROWS rows (200,000
 * by default), and the files it writes are the same, byte for byte, as when the main thread fits.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanup, tmpDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'key-clients.js');

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => cleanup(dir));

/** The CDNOW sample as a CSV (client, date, amount): 2,357 clients, an interior BG/NBD fit. */
function cdnowCsv(): string {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const out = ['Client,Date,Amount'];
  for (const line of lines) {
    const [, id, d, , value] = line.trim().split(/\s+/);
    out.push(`${Number(id)},${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)},${value}`);
  }
  const file = path.join(dir, 'cdnow.csv');
  fs.writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

/** Runs the built command line with the thread threshold given; stderr (with the times line) and the JSON's bytes. */
function segment(input: string, name: string, threadRows: string): { stderr: string; json: Buffer } {
  const json = path.join(dir, `${name}.json`);
  const r = spawnSync(process.execPath, [CLI, 'segment', input, '--as-of', '1997-09-30', '--json', json], {
    env: { ...process.env, KEY_CLIENTS_LTV_THREAD_ROWS: threadRows, KEY_CLIENTS_TIMES: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status).toBe(0);
  return { stderr: r.stderr, json: fs.readFileSync(json) };
}

describe('segment with the LTV fits in a worker thread', () => {
  let threaded: { stderr: string; json: Buffer };
  let alone: { stderr: string; json: Buffer };
  beforeAll(() => {
    const input = cdnowCsv();
    threaded = segment(input, 'threaded', '0');
    alone = segment(input, 'alone', '1000000000');
  });

  it('fits in the thread when the rows reach the threshold, and in the main thread below it', () => {
    expect(threaded.stderr).toContain('LTV fits in a worker thread');
    expect(alone.stderr).not.toContain('worker thread');
  });

  it('writes the same JSON, byte for byte, with the published fit in it', () => {
    expect(threaded.json.equals(alone.json)).toBe(true);
    expect(JSON.parse(threaded.json.toString('utf8')).ltvModel.bgnbd.r).toBeCloseTo(0.2426, 4);
  });
});
