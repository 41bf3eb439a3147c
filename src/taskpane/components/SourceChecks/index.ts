export { SourceChecks } from './SourceChecks';
export type { SourceChecksProps } from './SourceChecks';
