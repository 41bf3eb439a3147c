import { KcError } from '../errors';
import type { Cell } from '../types';
import { isBlank, parseNumber } from '../parse/numbers';
import type { Day } from '../parse/dates';

/** Options of {@link renewIndex}. */
export interface RenewOptions {
  /** One weight per criterion (default: all 1). */
  weights?: readonly number[];
  /** Highest allowed score (default 5). TRUE/FALSE scores count as 1/0 whatever the max. */
  max?: number;
  /** Names of the criteria, used in error messages (default "criterion 1", ...). */
  names?: readonly string[];
}

/**
 * Renew index of one refused lead (METHODS.md section 6): the sum of its criteria scores, each
 * multiplied by its weight when weights are given. Scores are numbers 0..max, or TRUE/FALSE (1/0).
 * @param scores one score cell per criterion; not mutated.
 * @param options weights, the highest allowed score and the criteria's names.
 * @returns the index, or null when every score is blank (the lead is skipped).
 * @throws KcError `#N/A` when some scores are blank, `#VALUE!` for a non-number or bad weights,
 *   `#NUM!` for a score outside 0..max — each naming the criterion.
 * @example renewIndex([5, 4, 3]) // 12; renewIndex([5, 4, 3], { weights: [2, 1, 1] }) // 17; renewIndex(['', '']) // null
 * renewIndex([6, 4]) // throws KcError #NUM! "criterion 1: 6 is outside 0..5"
 */
export function renewIndex(scores: readonly Cell[], options: RenewOptions = {}): number | null {
  const max = options.max ?? 5;
  if (!(Number.isFinite(max) && max > 0)) throw new KcError('#NUM!', `max score must be above 0, not ${max}`);
  const weights = options.weights;
  if (weights && weights.length !== scores.length) {
    throw new KcError('#VALUE!', `${weights.length} weights for ${scores.length} criteria: give one weight per criterion`);
  }
  const name = (i: number) => options.names?.[i] ?? `criterion ${i + 1}`;
  let blanks = 0;
  for (const s of scores) if (isBlank(s)) blanks++;
  if (blanks === scores.length) return null;
  if (blanks > 0) {
    const i = scores.findIndex(isBlank);
    throw new KcError('#N/A', `${name(i)} is blank: score every criterion or none`, 'renewBlank', { criterion: name(i) });
  }
  let total = 0;
  scores.forEach((s, i) => {
    let v: number;
    if (typeof s === 'boolean') v = s ? 1 : 0;
    else {
      const n = parseNumber(s);
      if (n === null || Number.isNaN(n)) throw new KcError('#VALUE!', `${name(i)}: '${String(s)}' is not a score`, 'renewNotScore', { criterion: name(i), value: String(s) });
      v = n;
      if (v < 0 || v > max) throw new KcError('#NUM!', `${name(i)}: ${v} is outside 0..${max}`, 'renewOutOfRange', { criterion: name(i), value: v, max });
    }
    const w = weights ? weights[i] : 1;
    if (!Number.isFinite(w) || w < 0) throw new KcError('#VALUE!', `weight of ${name(i)} must be a number >= 0, not ${String(w)}`);
    total += v * w;
  });
  return total;
}

/** Days before a project's deadline and after its launch to get back in touch (defaults 14 and 60). */
export interface RecontactOffsets {
  beforeDeadline: number;
  afterLaunch: number;
}

/** The default offsets of METHODS.md section 6: 14 days before the deadline, 60 days after the launch. */
export const DEFAULT_RECONTACT: RecontactOffsets = { beforeDeadline: 14, afterLaunch: 60 };

/**
 * When to get back in touch with a refused lead: `deadline - 14 days` (one to two weeks before the
 * deadline of the project they chose another supplier for), and `launch + 60 days` (about two
 * months after it launched). A missing date gives null.
 * @param deadline day number of the project's deadline, or null (NaN counts as missing).
 * @param launch day number of the project's launch, or null.
 * @param offsets days before the deadline and after the launch (14 and 60).
 * @returns the two day numbers, each null when its date is missing.
 * @example recontactDates(dayFromYmd(2024, 6, 30), null) // { beforeDeadline: 19890 (2024-06-16), afterLaunch: null }
 */
export function recontactDates(
  deadline: Day | null,
  launch: Day | null,
  offsets: RecontactOffsets = DEFAULT_RECONTACT,
): { beforeDeadline: Day | null; afterLaunch: Day | null } {
  return {
    beforeDeadline: deadline === null || Number.isNaN(deadline) ? null : deadline - offsets.beforeDeadline,
    afterLaunch: launch === null || Number.isNaN(launch) ? null : launch + offsets.afterLaunch,
  };
}
