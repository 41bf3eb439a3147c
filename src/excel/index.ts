/** Everything that talks to Excel. The task pane imports from here only. */
export * from './host';
export * from './requirements';
export * from './errors';
export * from './selection';
export * from './writer';
export * from './store';
export * from './segment';
export * from './leads';
export * from './convert';
