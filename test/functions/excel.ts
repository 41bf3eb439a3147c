/**
 * Helpers of the custom-function tests (not a test file): a stand-in for the `CustomFunctions` global
 * of Excel's runtime (the Error class and the ErrorCode values, which are the Excel error texts), and
 * a way to read a result the way a person reads the sheet.
 */

/** What `new CustomFunctions.Error(code, message)` makes in the stand-in. */
export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** Installs the stand-in `CustomFunctions` global; functions.ts reads it only when a function runs. */
export function installCustomFunctions(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: FakeExcelError,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
    },
  };
}

/** A result as the sheet shows it: values as they are, errors as their code ("#VALUE!"). */
export function sheet(result: unknown): unknown {
  if (Array.isArray(result)) return result.map(sheet);
  return result instanceof FakeExcelError ? result.code : result;
}

/** The error a function threw (a whole-result error), or fails. */
export function thrown(f: () => unknown): FakeExcelError {
  try {
    f();
  } catch (e) {
    if (e instanceof FakeExcelError) return e;
    throw new Error(`expected a CustomFunctions.Error, got ${String(e)}`);
  }
  throw new Error('expected a CustomFunctions.Error, nothing was thrown');
}

/** The message of the error in one cell of a result. */
export function messageAt(result: unknown[][], r: number, c = 0): string {
  const v = result[r][c];
  if (!(v instanceof FakeExcelError)) throw new Error(`cell ${r},${c} is no error: ${String(v)}`);
  return v.message ?? '';
}

/** A column as Excel hands it: [[a], [b], ...]. */
export function column(...cells: unknown[]): unknown[][] {
  return cells.map((c) => [c]);
}
