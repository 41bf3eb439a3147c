export { OutsideOffice } from './OutsideOffice';
export type { OutsideOfficeProps } from './OutsideOffice';
