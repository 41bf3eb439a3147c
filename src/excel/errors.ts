/** Errors of the workbook layer, each with a stable code the pane turns into plain words. */
export type PaneErrorCode =
  | 'noSelection'
  | 'multipleAreas'
  | 'notCells'
  | 'emptySelection'
  | 'headerOnly'
  | 'sheetProtected'
  | 'workbookProtected'
  | 'cancelled'
  | 'tooLarge'
  | 'convertUnsupported'
  | 'excel';

export class PaneError extends Error {
  readonly code: PaneErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: PaneErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = 'PaneError';
    this.code = code;
    this.params = params;
  }
}

export function isPaneError(e: unknown): e is PaneError {
  return e instanceof PaneError;
}

/** Throws the cancellation error when the signal is aborted. */
export function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new PaneError('cancelled', 'cancelled: nothing more was written');
}
