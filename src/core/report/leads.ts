import type { Lang } from '../types';
import { errorText, texts } from '../i18n';
import { dayToIso, serialToDay } from '../parse/dates';
import type { RankedLead } from '../methods/leads';
import type { ReportModel, ReportValue } from './model';

/**
 * The ranking of refused leads (from {@link rankLeads}) as a report model of one sheet, for either
 * writer: rank (blank for a lead with an error), lead, renew index, the two recontact dates (serial
 * dates), the sheet row and the problem, with the sheet name, title and headers of `language`.
 * @param ranked the leads in rank order, errors last, as {@link rankLeads} gives them.
 * @param language the language of the sheet's texts and of the problems.
 * @returns a model with one sheet holding the table `KC_Leads`.
 * @example leadsModel(rankLeads([['Lead', 'Brand'], ['Acme', 5]], 1, { lead: 0, criteria: [1] }), 'en').sheets[0].name // 'Refused leads'
 */
export function leadsModel(ranked: readonly RankedLead[], language: Lang): ReportModel {
  const t = texts(language).leads;
  let rank = 0;
  const rows: ReportValue[][] = ranked.map((l) => [l.renew === null ? null : ++rank, l.lead, l.renew, l.beforeDeadline, l.afterLaunch, l.row, l.problem ? errorText(l.problem, language) : null]);
  return {
    asOf: null,
    language,
    warnings: [],
    skippedCount: 0,
    sheets: [
      {
        id: 'leads',
        name: t.sheet,
        role: 'about',
        blocks: [
          {
            kind: 'table',
            id: 'leads',
            title: t.title,
            tableName: 'KC_Leads',
            columns: [
              { key: 'rank', header: t.rank, type: 'integer', numFmt: '0', width: 6 },
              { key: 'lead', header: t.lead, type: 'text', numFmt: '@', width: 28 },
              { key: 'renew', header: t.renew, type: 'number', numFmt: '0.##', width: 10 },
              { key: 'beforeDeadline', header: t.beforeDeadline, type: 'date', numFmt: 'yyyy-mm-dd', width: 14 },
              { key: 'afterLaunch', header: t.afterLaunch, type: 'date', numFmt: 'yyyy-mm-dd', width: 14 },
              { key: 'row', header: t.row, type: 'integer', numFmt: '0', width: 6 },
              { key: 'error', header: t.error, type: 'text', numFmt: '@', width: 40 },
            ],
            rows,
          },
        ],
      },
    ],
  };
}

/** One lead of {@link leadsJson}: dates as ISO yyyy-mm-dd, the error in English. */
export interface LeadJson {
  lead: string;
  row: number;
  renew: number | null;
  beforeDeadline: string | null;
  afterLaunch: string | null;
  error: string | null;
}

/**
 * The ranking as plain JSON data: `{ leads: [{ lead, row, renew, beforeDeadline, afterLaunch, error }] }`
 * in rank order, dates as ISO yyyy-mm-dd, an error as its (English) message.
 * @example leadsJson(rankLeads([['Lead', 'Brand', 'Deadline'], ['Acme', 5, 45474]], 1, { lead: 0, criteria: [1], deadline: 2 })).leads[0].beforeDeadline // '2024-06-17'
 */
export function leadsJson(ranked: readonly RankedLead[]): { leads: LeadJson[] } {
  const iso = (serial: number | null) => (serial === null ? null : dayToIso(serialToDay(serial)));
  return {
    leads: ranked.map((l) => ({ lead: l.lead, row: l.row, renew: l.renew, beforeDeadline: iso(l.beforeDeadline), afterLaunch: iso(l.afterLaunch), error: l.error })),
  };
}
