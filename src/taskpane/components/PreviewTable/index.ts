export { PreviewTable } from './PreviewTable';
export type { PreviewTableProps } from './PreviewTable';
