export { SegmentTab } from './SegmentTab';
export type { SegmentTabProps } from './SegmentTab';
