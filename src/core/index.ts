/** The Key Clients engine: pure functions, no Office, React or Node. Everything else calls it. */
export * from './types';
export * from './errors';
export * from './settings';
export * from './parse/numbers';
export * from './parse/dates';
export * from './parse/headers';
export * from './methods/stats';
export * from './methods/abc';
export * from './methods/xyz';
export * from './methods/rfm';
export * from './methods/lifecycle';
export * from './methods/renew';
export * from './methods/survey';
export * from './parse/sales';
export * from './segment';
