import { errorText, type RankedLead } from '../core';
export { guessLeadsLayout, rankLeads, type LeadsLayout, type RankedLead } from '../core';
import type { ReportModel, ReportValue } from '../core/report/model';

export interface LeadsLabels {
  sheet: string;
  title: string;
  rank: string;
  lead: string;
  renew: string;
  beforeDeadline: string;
  afterLaunch: string;
  row: string;
  error: string;
}

/** The ranking as a report model of one sheet, for the writer. */
export function leadsModel(ranked: readonly RankedLead[], labels: LeadsLabels, language: 'en' | 'ru' | 'pl'): ReportModel {
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
        name: labels.sheet,
        role: 'about',
        blocks: [
          {
            kind: 'table',
            id: 'leads',
            title: labels.title,
            tableName: 'KC_Leads',
            columns: [
              { key: 'rank', header: labels.rank, type: 'integer', numFmt: '0', width: 6 },
              { key: 'lead', header: labels.lead, type: 'text', numFmt: '@', width: 28 },
              { key: 'renew', header: labels.renew, type: 'number', numFmt: '0.##', width: 10 },
              { key: 'beforeDeadline', header: labels.beforeDeadline, type: 'date', numFmt: 'yyyy-mm-dd', width: 14 },
              { key: 'afterLaunch', header: labels.afterLaunch, type: 'date', numFmt: 'yyyy-mm-dd', width: 14 },
              { key: 'row', header: labels.row, type: 'integer', numFmt: '0', width: 6 },
              { key: 'error', header: labels.error, type: 'text', numFmt: '@', width: 40 },
            ],
            rows,
          },
        ],
      },
    ],
  };
}
