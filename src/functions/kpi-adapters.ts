/**
 * The pure side of the KPI custom functions (METHODS.md section 9): RETENTION and CHURN_RATE over two
 * lists of clients. Clients are compared by the engine's client key (src/core/parse/clients.ts:
 * trimmed, inner spaces folded, case-insensitive), so "ACME  Ltd" in one list is "Acme Ltd" in the other.
 */
import { clientKey, KcError } from '../core';
import { blank, cellAt, errorTextOf, passCode, PassedError, positionOf, shape, show, type Grid } from './cells';

/**
 * The distinct client keys of a range (any shape, read row by row). Blank cells are ignored; a
 * number is a client id (1001 and "1001" are one client).
 * @throws PassedError for an Excel error in a cell; KcError `#VALUE!` for TRUE/FALSE, naming the cell.
 */
export function clientSet(grid: Grid, name: string): Set<string> {
  const [rows, cols] = shape(grid);
  const keys = new Set<string>();
  for (let r = 0, k = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++, k++) {
      const cell = cellAt(row, c);
      if (blank(cell)) continue;
      if (typeof cell === 'string' || typeof cell === 'number') {
        const err = typeof cell === 'string' ? errorTextOf(cell) : null;
        if (err) throw new PassedError(passCode(err), `${name} ${positionOf(k, rows, cols)} is ${err}`);
        keys.add(clientKey(cell));
        continue;
      }
      const err = errorTextOf(cell);
      if (err) throw new PassedError(passCode(err), `${name} ${positionOf(k, rows, cols)} is ${err}`);
      throw new KcError('#VALUE!', `${name} ${positionOf(k, rows, cols)}: ${show(cell)} is not a client name`);
    }
  }
  return keys;
}

/** The distinct clients of the first list, and how many of them are in the second. */
function compare(previous: Grid, current: Grid): { previous: number; retained: number } {
  const before = clientSet(previous ?? [], 'previous_clients');
  const now = clientSet(current ?? [], 'current_clients');
  if (before.size === 0) {
    throw new KcError('#N/A', 'previous_clients has no client, so there is no one to retain: the rate is undefined, not 0 (blank cells are ignored)');
  }
  let retained = 0;
  for (const key of before) if (now.has(key)) retained++;
  return { previous: before.size, retained };
}

/**
 * RETENTION(previous_clients, current_clients): the share of the first list's distinct clients that
 * are in the second (METHODS.md section 9: retentionRate = retained / clientsPrevious).
 * @returns a share 0..1.
 * @throws KcError `#N/A` when the first list has no client; `#VALUE!` for TRUE/FALSE in a list; an
 *   Excel error in a list passes through.
 * @example retentionValue([['Acme'], ['Bolt'], ['Core']], [['ACME '], ['Dune']]) // 1 / 3
 */
export function retentionValue(previous: Grid, current: Grid): number {
  const { previous: n, retained } = compare(previous, current);
  return retained / n;
}

/**
 * CHURN_RATE(previous_clients, current_clients): the share of the first list's distinct clients that
 * are not in the second (METHODS.md section 9: churnRate = churned / clientsPrevious = 1 - retention).
 * @returns a share 0..1.
 * @throws KcError as {@link retentionValue}.
 * @example churnRateValue([['Acme'], ['Bolt'], ['Core']], [['ACME '], ['Dune']]) // 2 / 3
 */
export function churnRateValue(previous: Grid, current: Grid): number {
  const { previous: n, retained } = compare(previous, current);
  return (n - retained) / n;
}
