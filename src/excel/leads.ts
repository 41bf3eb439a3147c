/** The leads ranking of the pane: the core's ranking and its report model (src/core/report/leads.ts). */
export { guessLeadsLayout, leadsModel, rankLeads, type LeadsLayout, type RankedLead } from '../core';
