/**
 * The pure side of the classic custom functions (ABC_CLASS, XYZ_CLASS, RFM_SCORE, RENEW_INDEX, CSI,
 * NPS): Excel's 2-D arrays in, grids of values and {@link CellError} descriptors out. The cell
 * reading, the error rule and the content cache are in ./cells.ts; the KPI and LTV functions in
 * ./kpi-adapters.ts and ./ltv-adapters.ts, re-exported here so that one module is the pure side of
 * every function (the CLI build and the benchmark load this file). `functions.ts` turns each
 * CellError into a `CustomFunctions.Error` and registers the functions.
 */
import {
  AbcPopulation,
  ABC_DEFAULT_LIMITS,
  ABC_METHODS,
  averageLimits,
  checkBins,
  classifySeries,
  csi,
  detectSlashOrder,
  KcError,
  nps,
  parseDate,
  rankScores,
  renewIndex,
  rfmCode,
  shareLimits,
  surveyAnswers,
  XYZ_DEFAULT_LIMITS,
  XYZ_METHODS,
  xyzLimits,
  type AbcOptions,
  type Cell,
} from '../core';
import {
  blank,
  CellError,
  cellAt,
  ContentCache,
  errorTextOf,
  flatten,
  numberOrError,
  omitted,
  optionalBoolean,
  optionalChoice,
  optionalNumber,
  passCode,
  passedCell,
  PassedError,
  position,
  shape,
  show,
  type Grid,
  type OutCell,
  type OutGrid,
} from './cells';

export * from './cells';
export * from './kpi-adapters';
export * from './ltv-adapters';

// ---------------------------------------------------------------------------------------------
// ABC_CLASS

/** ABC options from the optional arguments: method "share" (0.75 / 0.95) or "average" (6 / 2). */
export function abcOptions(limitA: unknown, limitB: unknown, method: unknown): AbcOptions {
  const m = optionalChoice(method, 'method', ABC_METHODS, 'share');
  const [da, db] = ABC_DEFAULT_LIMITS[m];
  const a = optionalNumber(limitA, 'limit_a', da);
  const b = optionalNumber(limitB, 'limit_b', db);
  if (m === 'share') shareLimits(a, b);
  else averageLimits(a, b);
  return { method: m, limitA: a, limitB: b };
}

/**
 * The prepared populations of the fill-down form ({@link ContentCache}), keyed by their content and
 * options. A recalculation of `=KC.ABC_CLASS(B2, $B$2:$B$10001)` filled down 10,000 rows hands the
 * same population to every call (a new array each time): the first call builds it (sort, prefix
 * sums), the others find it by one comparison pass over the cells, then classify their value by a
 * binary search.
 */
export class PopulationCache {
  private readonly cache: ContentCache<AbcPopulation>;
  constructor(readonly capacity = 4) {
    this.cache = new ContentCache<AbcPopulation>(capacity);
  }

  /** How many populations were built (misses) and found (hits). */
  get stats(): { builds: number; hits: number } {
    return this.cache.stats;
  }

  /** @throws KcError for a bad population or options (kept: a bad population is not re-read). */
  get(grid: Grid, options: AbcOptions): AbcPopulation {
    const key = `${options.method}|${options.limitA}|${options.limitB}`;
    return this.cache.get([grid], key, () => new AbcPopulation(populationValues(grid), options));
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * The numbers of a fill-down population, read as Excel's RANK.EQ and PERCENTRANK read their range:
 * cells that are no number are left out, so a header, a label or a TRUE in the range does not matter
 * (a text that reads as a number, "1 234,56", counts, as everywhere in the add-in). An Excel error in
 * the population is an error for the whole result, naming the cell (docs/methods.md, "Custom functions").
 * @throws KcError with the cell's own code for an Excel error, `#N/A` when there is no number at all.
 */
function populationValues(grid: Grid): number[] {
  const [rows, cols] = shape(grid);
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++) {
      const cell = cellAt(row, c);
      if (typeof cell === 'number') {
        if (Number.isFinite(cell)) out.push(cell);
        continue;
      }
      if (typeof cell !== 'string' && (cell === null || typeof cell !== 'object')) continue; // blank, TRUE/FALSE
      const err = errorTextOf(cell);
      if (err) {
        throw new PassedError(passCode(err), `population ${position(r, c, rows, cols)} is ${err}: fix or leave out that cell (text and blank cells of the population are ignored)`);
      }
      const n = typeof cell === 'string' ? parseNumberCell(cell) : NaN;
      if (!Number.isNaN(n)) out.push(n);
    }
  }
  if (!out.length) throw new KcError('#N/A', 'the population has no numbers: give the range of the amounts of all clients, for example $B$2:$B$800');
  return out;
}

/** A text cell as a number (NaN when it is none or blank). */
function parseNumberCell(cell: string): number {
  const v = numberOrError(cell, 'value');
  return typeof v === 'number' ? v : NaN;
}

/** The cache the ABC_CLASS function uses (one per runtime, shared with the task pane). */
export const abcPopulations = new PopulationCache(4);

/**
 * The profit rule of the pane and the command line (METHODS.md section 2, "D first"): where a
 * client's profit is below zero its class is D whatever its revenue. `profit` has one cell per cell of
 * `values` (paired in reading order); a blank profit leaves the class as it is.
 * @returns per cell of values in reading order: true (loss: D), false (no rule), or the CellError of a bad profit cell.
 * @throws KcError `#VALUE!` when profit and values differ in size.
 */
function lossRule(values: Grid, profit: Grid): (boolean | CellError)[] {
  const cells = flatten(profit);
  const [rows, cols] = shape(values);
  if (cells.length !== rows * cols) {
    throw new KcError('#VALUE!', `profit must have one cell per value: ${cells.length} profit cells for ${rows * cols} values`);
  }
  return cells.map((cell) => {
    if (typeof cell === 'number') return cell < 0;
    if (blank(cell)) return false;
    const v = numberOrError(cell, 'profit');
    return v instanceof CellError ? v : v < 0;
  });
}

/**
 * ABC_CLASS(values, [population], [limit_a], [limit_b], [method], [profit]).
 * Without `population` each number of `values` is classified against all numbers of `values`
 * (spill form); with it, against `population` (fill-down form). With `profit`, a value whose profit
 * is below zero is D (the pane's main class). Same shape out as `values` in.
 * @throws KcError for bad limits or method, for a bad population, a profit range of another size, or
 *   (average method) an average <= 0.
 */
export function abcClassGrid(values: Grid, population: Grid | null | undefined, limitA?: unknown, limitB?: unknown, method?: unknown, profit?: Grid | null): OutGrid {
  const options = abcOptions(limitA, limitB, method);
  const [rows, cols] = shape(values);
  const loss = profit === null || profit === undefined || omitted(profit) ? null : lossRule(values, profit);
  const out: OutGrid = new Array(rows);
  const nums = new Float64Array(rows * cols);
  const ok = new Uint8Array(rows * cols);
  let n = 0;
  for (let r = 0, k = 0; r < rows; r++) {
    const row = values[r];
    const o: OutCell[] = (out[r] = new Array(cols));
    for (let c = 0; c < cols; c++, k++) {
      const cell = cellAt(row, c);
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        nums[k] = cell;
        ok[k] = 1;
        n++;
        continue;
      }
      if (blank(cell)) {
        o[c] = '';
        continue;
      }
      const v = numberOrError(cell, 'value');
      if (v instanceof CellError) o[c] = v;
      else {
        nums[k] = v;
        ok[k] = 1;
        n++;
      }
    }
  }
  let pop: AbcPopulation;
  if (population === null || population === undefined || omitted(population)) {
    if (n === 0) return out;
    const own = new Float64Array(n);
    for (let k = 0, j = 0; k < ok.length; k++) if (ok[k]) own[j++] = nums[k];
    pop = new AbcPopulation(own, options);
  } else {
    pop = abcPopulations.get(population, options);
  }
  for (let r = 0, k = 0; r < rows; r++) {
    const o = out[r];
    for (let c = 0; c < cols; c++, k++) {
      if (!ok[k]) continue;
      const rule = loss ? loss[k] : false;
      o[c] = rule instanceof CellError ? rule : rule ? 'D' : pop.classify(nums[k]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XYZ_CLASS

/**
 * XYZ_CLASS(period_values, [limit_x], [limit_y], [method]): one class per row (a row is one client,
 * its cells the amounts per period). Blank cells in a row are 0 (no purchase); a row all blank gives
 * a blank; a bad cell is an error for its row.
 * @throws KcError for bad limits or method; `#N/A` for fewer than two periods (columns).
 */
export function xyzClassGrid(periodValues: Grid, limitX?: unknown, limitY?: unknown, method?: unknown): OutGrid {
  const m = optionalChoice(method, 'method', XYZ_METHODS, 'cv');
  const [dx, dy] = XYZ_DEFAULT_LIMITS[m];
  // cv's limit_x may be 0 (X only for a perfectly even series); every other limit must be above 0
  const [lx, ly] = xyzLimits(m, optionalNumber(limitX, 'limit_x', dx, m !== 'cv'), optionalNumber(limitY, 'limit_y', dy));
  const [rows, cols] = shape(periodValues);
  if (cols < 2) {
    // one error for the whole result, not one per row: every row would say the same
    throw new KcError('#N/A', `XYZ needs at least two periods; period_values has ${cols === 1 ? 'one column' : 'none'} (a row is one client, its columns the periods)`);
  }
  const out: OutGrid = new Array(rows);
  const series = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const row = periodValues[r];
    let blanks = 0;
    let bad: CellError | null = null;
    for (let c = 0; c < cols; c++) {
      const cell = cellAt(row, c);
      if (typeof cell === 'number' && Number.isFinite(cell)) series[c] = cell;
      else if (blank(cell)) {
        series[c] = 0;
        blanks++;
      } else {
        const v = numberOrError(cell, `period ${c + 1}`);
        if (v instanceof CellError) {
          bad ??= v;
        } else series[c] = v;
      }
    }
    if (blanks === cols) out[r] = [''];
    else if (bad) out[r] = [bad];
    else out[r] = [classifySeries(series, m, lx, ly).xyz];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RFM_SCORE

/**
 * RFM_SCORE(last_purchase, frequency, monetary, [bins], [recency_in_days]): the code R F M (e.g. 545)
 * of each client, scored by METHODS.md section 4. The three ranges hold one client per cell position
 * (normally three columns of equal length); the result has the shape of `last_purchase`.
 * A client whose three cells are blank gives a blank; a blank in one or two of them, or a bad value,
 * is an error for that client only, and that client is left out of n for the others.
 * @throws KcError `#VALUE!` when the ranges differ in size or for bad bins.
 */
export function rfmScoreGrid(lastPurchase: Grid, frequency: Grid, monetary: Grid, bins?: unknown, recencyInDays?: unknown): OutGrid {
  const b = checkBins(optionalNumber(bins, 'bins', 5));
  const inDays = optionalBoolean(recencyInDays, 'recency_in_days', false);
  const [rows, cols] = shape(lastPurchase);
  const last = flatten(lastPurchase);
  const freq = flatten(frequency);
  const mon = flatten(monetary);
  if (freq.length !== last.length || mon.length !== last.length) {
    throw new KcError('#VALUE!', `last_purchase, frequency and monetary must have one cell per client each; they have ${last.length}, ${freq.length} and ${mon.length}`);
  }
  const n = last.length;
  const rv = new Float64Array(n);
  const fv = new Float64Array(n);
  const mv = new Float64Array(n);
  const result: OutCell[] = new Array(n);
  const order = inDays ? 'dmy' : detectSlashOrder(last.filter((c): c is string => typeof c === 'string'));
  const names = ['last_purchase', 'frequency', 'monetary'];
  for (let i = 0; i < n; i++) {
    const cells = [last[i], freq[i], mon[i]];
    const blanks = (blank(cells[0]) ? 1 : 0) + (blank(cells[1]) ? 1 : 0) + (blank(cells[2]) ? 1 : 0);
    let error: CellError | null = null;
    if (blanks === 3) {
      result[i] = '';
    } else {
      // R: a date (later is better) or days since the last purchase (fewer is better)
      const r = cells[0];
      if (blank(r)) error = new CellError('#N/A', `last_purchase is blank: give all three values of a client, or none`, 'last_purchase is blank');
      else if (inDays) {
        const v = numberOrError(r, 'last_purchase (days)');
        if (v instanceof CellError) error = v;
        else if (v < 0) error = new CellError('#VALUE!', `last_purchase (days) ${v} is below 0`, 'days below 0');
        else rv[i] = v;
      } else {
        const err = errorTextOf(r);
        if (err) error = passedCell(err, 'last_purchase');
        else if (typeof r === 'boolean' || typeof r === 'object') error = new CellError('#VALUE!', `last_purchase ${show(r)} is not a date`, 'not a date');
        else {
          const d = parseDate(r as Cell, order);
          if (d === null || Number.isNaN(d)) {
            error = typeof r === 'number'
              ? new CellError('#VALUE!', `last_purchase ${r} is not an Excel date (1 = 1900-01-01 to 2958465 = 9999-12-31)`, 'not an Excel date')
              : new CellError('#VALUE!', `last_purchase ${show(r)} is not a date`, 'not a date');
          } else rv[i] = d;
        }
      }
      for (let j = 1; j < 3 && !error; j++) {
        const cell = cells[j];
        if (blank(cell)) {
          error = new CellError('#N/A', `${names[j]} is blank: give all three values of a client, or none`, `${names[j]} is blank`);
          break;
        }
        const v = numberOrError(cell, names[j]);
        if (v instanceof CellError) error = v;
        else if (j === 1 && v < 0) error = new CellError('#VALUE!', `frequency ${v} is below 0`, 'frequency below 0');
        else (j === 1 ? fv : mv)[i] = v;
      }
    }
    if (error || blanks === 3) {
      rv[i] = fv[i] = mv[i] = NaN;
      if (error) result[i] = error;
    }
  }
  const rs = rankScores(rv, b, !inDays);
  const fs = rankScores(fv, b);
  const ms = rankScores(mv, b);
  for (let i = 0; i < n; i++) if (result[i] === undefined) result[i] = rfmCode(rs[i], fs[i], ms[i]);
  const out: OutGrid = new Array(rows);
  for (let r = 0, k = 0; r < rows; r++) {
    const o: OutCell[] = (out[r] = new Array(cols));
    for (let c = 0; c < cols; c++, k++) o[c] = result[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RENEW_INDEX

/**
 * RENEW_INDEX(scores, [weights], [max_score]): the renew index of each lead (a row of criteria
 * scores), METHODS.md section 6. A lead all blank gives a blank; a bad or missing score is an error
 * for that lead, naming the criterion.
 * @throws KcError `#VALUE!` for weights that are not numbers >= 0 or not one per criterion, or
 *   for a max score <= 0.
 */
export function renewIndexGrid(scores: Grid, weights?: Grid | null, maxScore?: unknown): OutGrid {
  const max = optionalNumber(maxScore, 'max_score', 5);
  if (!(max > 0)) throw new KcError('#VALUE!', `max_score must be above 0, not ${max}`);
  const [rows, cols] = shape(scores);
  let w: number[] | undefined;
  const flat = weights ? flatten(weights) : [];
  if (!flat.every(blank)) {
    if (flat.length !== cols) {
      throw new KcError('#VALUE!', `${flat.length} weights for ${cols} criteria: give one weight per criterion (a row as wide as the scores)`);
    }
    w = flat.map((cell, i) => {
      const v = blank(cell) ? new CellError('#VALUE!', `weight ${i + 1} is blank`) : numberOrError(cell, `weight ${i + 1}`);
      if (v instanceof CellError) throw v.passed ? new PassedError(v.code, v.message) : new KcError(v.code, v.message);
      if (v < 0) throw new KcError('#VALUE!', `weight ${i + 1} must be a number >= 0, not ${v}`);
      return v;
    });
  }
  const out: OutGrid = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = scores[r];
    let cell: OutCell;
    const errAt = row.findIndex((c) => errorTextOf(c) !== null);
    if (errAt >= 0) {
      const err = errorTextOf(row[errAt]) as string;
      cell = passedCell(err, `criterion ${errAt + 1}`);
    } else {
      try {
        const v = renewIndex(row as readonly Cell[], { weights: w, max });
        cell = v === null ? '' : v;
      } catch (e) {
        if (!(e instanceof KcError)) throw e;
        cell = new CellError(e.code, e.message, e.key === 'renewBlank' ? 'criterion blank' : e.key === 'renewOutOfRange' ? 'score out of range' : e.key === 'renewNotScore' ? 'not a score' : undefined);
      }
    }
    out[r] = [cell];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSI and NPS

function surveyCells(scores: Grid): Cell[] {
  const flat = flatten(scores);
  flat.forEach((c, i) => {
    const err = errorTextOf(c);
    if (err) throw new PassedError(passCode(err), `answer ${i + 1} is ${err}`);
  });
  return flat as Cell[];
}

/**
 * CSI(scores, [attract_min], [detract_max]) = answers from attract_min (8) to 10 over answers from
 * 1 to detract_max (3), METHODS.md section 7.
 * @throws KcError `#N/A` with no answer from 1 to detract_max (CSI undefined; the message gives the
 *   count of high answers), `#VALUE!` for a bad answer or limits (the engine's #DIV/0! and #NUM!,
 *   shown as #N/A and #VALUE! by `excelCode` in ./cells.ts so that Excel shows the message).
 */
export function csiValue(scores: Grid, attractMin?: unknown, detractMax?: unknown): number {
  const hi = optionalNumber(attractMin, 'attract_min', 8);
  const lo = optionalNumber(detractMax, 'detract_max', 3);
  return csi(surveyAnswers(surveyCells(scores)), hi, lo).csi;
}

/**
 * NPS(scores) = 100 x (answers 9-10 minus answers 0-6) / all answers, METHODS.md section 7.
 * @throws KcError `#N/A` with no answers, `#VALUE!` for a bad answer.
 */
export function npsValue(scores: Grid): number {
  const answers = surveyAnswers(surveyCells(scores));
  if (!answers.length) throw new KcError('#N/A', 'NPS needs at least one answer; the range has none (blank cells are ignored)');
  return nps(answers).nps;
}
