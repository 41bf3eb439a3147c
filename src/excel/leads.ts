/** The leads ranking of the pane: the core's ranking and its report model (src/core/report/leads.ts). */
export { guessLeadsLayout, leadsModel, rankLeads, type LeadsLayout, type RankedLead } from '../core';

/** Group of the leads ranking's sheet: its marker in the document settings and its tags. */
export const LEADS_MARKER_KEY = 'KeyClients.leads';
