import type { ErrorCode } from './types';

/**
 * The one error the engine throws for degenerate or bad input. It carries the Excel error code the
 * adapters show (`#VALUE!`, `#NUM!`, `#DIV/0!`, `#N/A`) and a message a person can act on.
 * Only the adapter layer (custom functions, task pane, CLI) turns it into an Excel error or an exit.
 */
export class KcError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KcError';
    this.code = code;
  }
}

/** True when `e` is a {@link KcError}. */
export function isKcError(e: unknown): e is KcError {
  return e instanceof KcError;
}
