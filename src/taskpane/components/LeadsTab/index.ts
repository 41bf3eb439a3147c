export { LeadsTab } from './LeadsTab';
export type { LeadsTabProps } from './LeadsTab';
