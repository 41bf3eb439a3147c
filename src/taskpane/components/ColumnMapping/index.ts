export { ColumnMapping } from './ColumnMapping';
export type { ColumnMappingProps } from './ColumnMapping';
