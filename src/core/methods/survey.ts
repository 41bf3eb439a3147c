import { KcError } from '../errors';
import type { Cell } from '../types';
import { isBlank, parseNumber } from '../parse/numbers';
import { normaliseHeader } from '../parse/headers';

/**
 * Reads survey answers (METHODS.md section 7): blanks are ignored; a non-number or a value outside
 * 0..10 is an error naming it.
 * @throws KcError `#VALUE!` for a non-number, `#NUM!` for a value outside 0..10.
 */
export function surveyAnswers(cells: Iterable<Cell>): number[] {
  const out: number[] = [];
  let i = 0;
  for (const c of cells) {
    const n = surveyAnswer(c, `answer ${++i}`);
    if (n !== null) out.push(n);
  }
  return out;
}

/**
 * One survey answer, or null for a blank; `label` names it in the error ("answer 3", "row 7: answer").
 * @throws KcError `#VALUE!` for a non-number, `#NUM!` for a value outside 0..10.
 */
function surveyAnswer(c: Cell, label: string): number | null {
  if (typeof c === 'boolean') throw new KcError('#VALUE!', `${label} (${String(c).toUpperCase()}) is not a number`);
  const n = parseNumber(c);
  if (n === null) return null;
  if (Number.isNaN(n)) throw new KcError('#VALUE!', `${label} ('${String(c)}') is not a number`);
  if (n < 0 || n > 10) throw new KcError('#NUM!', `${label} (${n}) is outside 0..10`);
  return n;
}

/** The CSI with the counts it is made of: answers from attractMin to 10, from 1 to detractMax, and all. */
export interface CsiResult {
  csi: number;
  high: number;
  low: number;
  count: number;
}

/**
 * CSI = number of answers from attractMin to 10 over the number from 1 to detractMax (8 and 3).
 * @throws KcError `#DIV/0!` when no answer is from 1 to detractMax (CSI is undefined), naming the
 *   count of high answers; `#NUM!` for limits outside 1..10 or attractMin <= detractMax.
 * @example csi([9, 10, 8, 2, 5]).csi // 3
 */
export function csi(answers: readonly number[], attractMin = 8, detractMax = 3): CsiResult {
  if (!(attractMin >= 1 && attractMin <= 10 && detractMax >= 1 && detractMax <= 10 && detractMax < attractMin)) {
    throw new KcError('#NUM!', `CSI limits need 1 <= detractors' max < attractors' min <= 10, not ${detractMax} and ${attractMin}`);
  }
  let high = 0;
  let low = 0;
  for (const a of answers) {
    if (a >= attractMin && a <= 10) high++;
    else if (a >= 1 && a <= detractMax) low++;
  }
  if (low === 0) {
    const answers = high === 1 ? 'answer' : 'answers';
    throw new KcError('#DIV/0!', `CSI is undefined: no answer from 1 to ${detractMax} (${high} ${answers} from ${attractMin} to 10)`, 'csiUndefined', {
      detractMax, attractMin, high, answers,
    });
  }
  return { csi: high / low, high, low, count: answers.length };
}

/** The NPS with the counts it is made of: promoters (9-10), detractors (0-6), all answers. */
export interface NpsResult {
  nps: number;
  promoters: number;
  detractors: number;
  count: number;
}

/**
 * NPS = 100 * (answers 9-10 minus answers 0-6) / all answers, on a 0..10 scale.
 * @throws KcError `#DIV/0!` when there are no answers.
 * @example nps([10, 9, 8, 6]).nps // 25
 */
export function nps(answers: readonly number[]): NpsResult {
  if (!answers.length) throw new KcError('#DIV/0!', 'NPS needs at least one answer');
  let promoters = 0;
  let detractors = 0;
  for (const a of answers) {
    if (a >= 9) promoters++;
    else if (a <= 6) detractors++;
  }
  return { nps: (100 * (promoters - detractors)) / answers.length, promoters, detractors, count: answers.length };
}

/** CSI and NPS of one group of {@link surveyByGroup}. */
export interface SurveyGroup {
  group: string;
  count: number;
  /** CSI, or the error that makes it undefined for this group. */
  csi: number | KcError;
  nps: number | KcError;
}

/**
 * CSI and NPS within each group (per manager, client, quarter...), groups in order of first
 * appearance. Rows with a blank answer are ignored; a bad answer is an error naming its row.
 * @param groups the group of each answer (blank: the group "").
 * @param answers the answers, row by row with `groups`.
 * @param attractMin lowest answer of a satisfied client for CSI (8).
 * @param detractMax highest answer of a dissatisfied client for CSI (3).
 * @param firstRow the row number of the first answer in error messages (1; a sheet row for a reader).
 * @returns one entry per group; an undefined CSI or NPS is its KcError, not a number.
 * @throws KcError as {@link surveyAnswers}, naming the row (`firstRow` for the first answer).
 * @example surveyByGroup(['A', 'A', 'B'], [9, 2, 10]).map((g) => g.csi) // [1, KcError #DIV/0!]
 */
export function surveyByGroup(groups: readonly Cell[], answers: readonly Cell[], attractMin = 8, detractMax = 3, firstRow = 1): SurveyGroup[] {
  const by = new Map<string, number[]>();
  answers.forEach((cell, i) => {
    const a = surveyAnswer(cell, `row ${firstRow + i}: answer`);
    if (a === null) return;
    const g = isBlank(groups[i]) ? '' : String(groups[i]).trim();
    const list = by.get(g) ?? [];
    list.push(a);
    by.set(g, list);
  });
  return [...by].map(([group, list]) => ({
    group,
    count: list.length,
    csi: attempt(() => csi(list, attractMin, detractMax).csi),
    nps: attempt(() => nps(list).nps),
  }));
}

function attempt(f: () => number): number | KcError {
  try {
    return f();
  } catch (e) {
    if (e instanceof KcError) return e;
    throw e;
  }
}

/** Headers of a survey's answer column in English, Russian and Polish, normalised (lower case, no spaces). */
export const ANSWER_HEADERS: readonly string[] = [
  'answer', 'score', 'rating', 'grade', 'mark', 'nps', 'npsscore', 'csi',
  'ответ', 'оценка', 'балл', 'баллы', 'оценкаклиента',
  'odpowiedź', 'odpowiedz', 'ocena', 'punkty', 'wynik',
];

/** Words of a question about recommending (a header like "How likely are you to recommend us?"). */
const RECOMMEND = /recommend|рекоменд|polec/i;

/**
 * The column of a survey's answers: the left-most header that is exactly an answer header
 * ({@link ANSWER_HEADERS}, a unit in parentheses or after a comma allowed: "Score (1-10)"), else
 * the left-most header asking about recommending.
 * @returns the zero-based column, or -1 when no header reads like an answer.
 * @example findAnswerColumn(['Client', 'Manager', 'Оценка']) // 2
 */
export function findAnswerColumn(header: readonly Cell[]): number {
  const names = header.map((h) => normaliseHeader(h));
  const exact = names.findIndex((n) => ANSWER_HEADERS.includes(n) || ANSWER_HEADERS.includes(n.replace(/\(.*\)$/, '').replace(/,.*$/, '')));
  if (exact >= 0) return exact;
  return header.findIndex((h) => typeof h === 'string' && RECOMMEND.test(h));
}
