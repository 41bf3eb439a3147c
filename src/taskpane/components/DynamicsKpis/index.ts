export { DynamicsKpis } from './DynamicsKpis';
export type { DynamicsKpisProps } from './DynamicsKpis';
