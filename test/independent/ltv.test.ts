/**
 * The LTV tests' independent values (test/data/ltv/expected.json) are what test/independent/ltv_check.py
 * prints, and those of the edges of the parameter space and the portable ln / exp (edges.json) what
 * ltv_edges_check.py prints: mpmath and scipy evaluating the published formulas, with no code of the engine. This test
 * runs the script again and compares, so the stored file cannot drift from its source. It needs
 * Debian's python3-mpmath and python3-scipy under /usr/bin/python3; where they are missing the test is
 * skipped (and says so in its title), while the core tests still check the engine against the file.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'independent', 'ltv_check.py');
const STORED = path.join(ROOT, 'test', 'data', 'ltv', 'expected.json');
const EDGES_SCRIPT = path.join(ROOT, 'test', 'independent', 'ltv_edges_check.py');
const EDGES_STORED = path.join(ROOT, 'test', 'data', 'ltv', 'edges.json');
const PYTHON = '/usr/bin/python3';

const available = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import mpmath, scipy'], { stdio: 'ignore' }).status === 0;

/** Paths where two JSON values differ: numbers by more than 1e-9 relative (scipy's last digits may move between versions). */
function differences(a: unknown, b: unknown, at = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${at}: ${a} vs ${b}`];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return a === b ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

describe('ltv_check.py', () => {
  (available ? it : it.skip)(`test/data/ltv/expected.json is what ltv_check.py prints now${available ? '' : ' (skipped: /usr/bin/python3 lacks mpmath or scipy)'}`, () => {
    const fresh = JSON.parse(execFileSync(PYTHON, [SCRIPT], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20, timeout: 120_000 }));
    const stored = JSON.parse(fs.readFileSync(STORED, 'utf8'));
    expect(differences(fresh, stored)).toEqual([]);
  });

  (available ? it : it.skip)(`test/data/ltv/edges.json is what ltv_edges_check.py prints now${available ? '' : ' (skipped: /usr/bin/python3 lacks mpmath or scipy)'}`, () => {
    const fresh = JSON.parse(execFileSync(PYTHON, [EDGES_SCRIPT], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20, timeout: 120_000 }));
    const stored = JSON.parse(fs.readFileSync(EDGES_STORED, 'utf8'));
    expect(differences(fresh, stored)).toEqual([]);
  });
});
