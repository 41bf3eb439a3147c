/**
 * 1,048,576 rows (a full Excel sheet: a header and 1,048,575 sales) with 50,000 clients over 24
 * months, in memory: a correctness test (it completes with the right client count), not a timing
 * test — the timings are in `npm run bench`.
 */
import { buildReport, segmentClients } from '../../src/core';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { salesCells } = require('../../bench/synthetic') as { salesCells: (rows: number, o?: { clients?: number }) => (string | number)[][] };

describe('segmentClients on 1,048,576 rows', () => {
  it('segments a full sheet of 50,000 clients and builds the report', () => {
    const cells = salesCells(1_048_576);
    const result = segmentClients(cells);
    expect(result.validRows).toBe(1_048_575);
    expect(result.skippedCount).toBe(0);
    expect(result.summary.clients).toBe(50_000);
    expect(result.asOf).not.toBeNull();
    const model = buildReport(result);
    expect(model.sheets[0].blocks[0].kind === 'table' && model.sheets[0].blocks[0].rows.length).toBe(50_000);
  }, 60_000);
});
