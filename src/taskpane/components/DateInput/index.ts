export { DateInput, calendarStrings } from './DateInput';
export type { DateInputProps } from './DateInput';
