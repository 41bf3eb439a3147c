import type { ErrorCode } from './types';

/**
 * The one error the engine throws for degenerate or bad input. It carries the Excel error code the
 * adapters show (`#VALUE!`, `#NUM!`, `#DIV/0!`, `#N/A`) and a message a person can act on.
 * Only the adapter layer (custom functions, task pane, CLI) turns it into an Excel error or an exit.
 */
export class KcError extends Error {
  readonly code: ErrorCode;
  /** Key of the message in the report texts (`error.<key>`), so a pane can show it in its language. */
  readonly key?: string;
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, message: string, key?: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = 'KcError';
    this.code = code;
    this.key = key;
    this.params = params;
  }
}

/**
 * Whether a caught value is the engine's error.
 * @param e any caught value.
 * @returns true when `e` is a {@link KcError}.
 * @example isKcError(new KcError('#NUM!', 'x')) // true; isKcError(new Error('x')) // false
 */
export function isKcError(e: unknown): e is KcError {
  return e instanceof KcError;
}
