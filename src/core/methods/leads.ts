import { isKcError } from '../errors';
import type { Cell } from '../types';
import { isBlank } from '../parse/numbers';
import { dayToSerial, detectSlashOrder, parseDate } from '../parse/dates';
import { recontactDates, renewIndex } from './renew';

/** Where the leads range keeps its columns (zero-based); criteria are every other numeric column. */
export interface LeadsLayout {
  lead: number;
  criteria: number[];
  deadline?: number;
  launch?: number;
}

/** One refused lead of {@link rankLeads}: its renew index (or the error that stops it) and recontact dates. */
export interface RankedLead {
  lead: string;
  /** Sheet row of the lead. */
  row: number;
  renew: number | null;
  /** Why the lead has no index (in English), or null. */
  error: string | null;
  /** The same error with its message key and values, for `errorText` in another language. */
  problem: { key?: string; params: Record<string, string | number>; message: string } | null;
  /** Excel serial dates, or null. */
  beforeDeadline: number | null;
  afterLaunch: number | null;
}

const DEADLINE = /deadline|срок|дедлайн|termin/i;
const LAUNCH = /launch|запуск|старт|uruchom|wdroż|start/i;

/**
 * Guesses the layout of a leads range from its header: the first column is the lead, columns named
 * like a deadline or a launch date are dates, every other column is a criterion.
 * @param header the header row of the leads range.
 * @returns zero-based columns of the lead, the criteria and the dates.
 * @example guessLeadsLayout(['Lead', 'Brand', 'Order', 'Refusal', 'Deadline']) // { lead: 0, criteria: [1, 2, 3], deadline: 4 }
 */
export function guessLeadsLayout(header: readonly Cell[]): LeadsLayout {
  const layout: LeadsLayout = { lead: 0, criteria: [] };
  header.forEach((h, i) => {
    if (i === 0) return;
    const s = String(h ?? '');
    if (layout.deadline === undefined && DEADLINE.test(s)) layout.deadline = i;
    else if (layout.launch === undefined && LAUNCH.test(s)) layout.launch = i;
    else if (!isBlank(h)) layout.criteria.push(i);
  });
  return layout;
}

/**
 * Ranks refused leads by the renew index (METHODS.md section 6), highest first (ties by sheet order),
 * with recontact dates (deadline - 14 days, launch + 60 days). Leads with an error are listed last
 * with the reason; leads with every criterion blank are left out.
 * @param cells the leads range with its header row first; not mutated.
 * @param firstRow sheet row of the header row (for each lead's `row`).
 * @param layout the columns, e.g. from {@link guessLeadsLayout}.
 * @param weights one weight per criterion (default: all 1).
 * @param max highest allowed score (5).
 * @returns the leads in rank order; a lead's error is its message, not a throw.
 * @example rankLeads([['Lead', 'Brand', 'Order'], ['Bolt', 2, 2], ['Acme', 5, 4]], 1, { lead: 0, criteria: [1, 2] }).map((l) => l.lead) // ['Acme', 'Bolt']
 */
export function rankLeads(cells: readonly (readonly Cell[])[], firstRow: number, layout: LeadsLayout, weights?: readonly number[], max = 5): RankedLead[] {
  const header = cells[0] ?? [];
  const names = layout.criteria.map((i) => String(header[i] ?? `criterion ${i + 1}`));
  const dateCols = [layout.deadline, layout.launch].filter((i): i is number => i !== undefined);
  const dateCells: Cell[] = [];
  for (let r = 1; r < cells.length; r++) for (const i of dateCols) dateCells.push(cells[r][i]);
  const order = detectSlashOrder(dateCells, 'dmy');
  const day = (c: Cell) => {
    if (isBlank(c)) return null;
    const d = parseDate(c, order);
    return d === null || Number.isNaN(d) ? null : d;
  };
  const out: RankedLead[] = [];
  for (let r = 1; r < cells.length; r++) {
    const line = cells[r];
    if (line.every(isBlank)) continue;
    const lead = String(line[layout.lead] ?? '').trim();
    let renew: number | null = null;
    let problem: RankedLead['problem'] = null;
    try {
      renew = renewIndex(layout.criteria.map((i) => line[i]), { weights, max, names });
      if (renew === null) continue;
    } catch (e) {
      if (!isKcError(e)) throw e;
      problem = { key: e.key, params: e.params, message: e.message };
    }
    const rc = recontactDates(layout.deadline !== undefined ? day(line[layout.deadline]) : null, layout.launch !== undefined ? day(line[layout.launch]) : null);
    out.push({
      lead,
      row: firstRow + r,
      renew,
      error: problem ? problem.message : null,
      problem,
      beforeDeadline: rc.beforeDeadline === null ? null : dayToSerial(rc.beforeDeadline),
      afterLaunch: rc.afterLaunch === null ? null : dayToSerial(rc.afterLaunch),
    });
  }
  out.sort((a, b) => (a.renew === null ? 1 : 0) - (b.renew === null ? 1 : 0) || (b.renew ?? 0) - (a.renew ?? 0) || a.row - b.row);
  return out;
}

