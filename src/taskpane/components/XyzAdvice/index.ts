export { XyzAdvice, isOtherXyz } from './XyzAdvice';
export type { XyzAdviceProps } from './XyzAdvice';
