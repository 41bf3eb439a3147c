export { FormulasTab } from './FormulasTab';
export type { FormulasTabProps } from './FormulasTab';
