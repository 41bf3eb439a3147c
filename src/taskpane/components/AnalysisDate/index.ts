export { AnalysisDate } from './AnalysisDate';
export type { AnalysisDateProps } from './AnalysisDate';
