import type { ReportTable, ReportValue } from './model';

/** The rows of a table, one at a time: how many, and row i (a new array each call for a computed table). */
export interface RowSource {
  readonly length: number;
  row(i: number): ReportValue[];
}

/** Tables whose rows are computed from a source until someone reads `rows`. */
const SOURCES = new WeakMap<ReportTable, { source: RowSource; rows: ReportValue[][] | null }>();

/**
 * A table whose `rows` are computed from `source` the first time they are read (and kept from then
 * on), so a writer that streams can take them one at a time through {@link tableRows} without a million
 * row arrays ever being in memory together. Both ways give the same rows.
 * @param table the table without its rows.
 * @param source the rows; row(i) must give equal values on every call.
 */
export function computedTable(table: Omit<ReportTable, 'rows'>, source: RowSource): ReportTable {
  const state: { source: RowSource; rows: ReportValue[][] | null } = { source, rows: null };
  const out = {
    ...table,
    get rows(): ReportValue[][] {
      if (!state.rows) {
        const rows: ReportValue[][] = new Array(state.source.length);
        for (let i = 0; i < rows.length; i++) rows[i] = state.source.row(i);
        state.rows = rows;
      }
      return state.rows;
    },
    set rows(rows: ReportValue[][]) {
      state.rows = rows;
    },
  } as ReportTable;
  SOURCES.set(out, state);
  return out;
}

/**
 * The rows of a table one at a time: those of `table.rows` once read or set, else computed without
 * keeping them (for tables made by {@link computedTable}).
 * @example tableRows(table).row(0) // the first row, as table.rows[0]
 */
export function tableRows(table: ReportTable): RowSource {
  const state = SOURCES.get(table);
  if (state && !state.rows) return state.source;
  const rows = table.rows;
  return { length: rows.length, row: (i) => rows[i] };
}

/**
 * Keeps the first `count` rows of a table (computed or not) without computing the others.
 * @param count at most the table's number of rows.
 */
export function keepRows(table: ReportTable, count: number): void {
  const state = SOURCES.get(table);
  if (state && !state.rows) {
    const { row } = state.source;
    state.source = { length: Math.min(count, state.source.length), row };
  } else if (table.rows.length > count) {
    table.rows.length = count;
  }
}

/**
 * Passes every value of a computed table's rows through `map` as they are computed (and the rows already
 * read, in place); for a table with plain rows, maps them in place.
 */
export function mapValues(table: ReportTable, map: (v: ReportValue) => ReportValue): void {
  const state = SOURCES.get(table);
  if (state && !state.rows) {
    const { length, row } = state.source;
    state.source = {
      length,
      row: (i) => {
        const r = row(i);
        for (let j = 0; j < r.length; j++) r[j] = map(r[j]);
        return r;
      },
    };
    return;
  }
  for (const r of table.rows) for (let j = 0; j < r.length; j++) r[j] = map(r[j]);
}
