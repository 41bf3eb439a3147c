/**
 * Helpers of the custom-function tests (not a test file): a stand-in for the `CustomFunctions` global
 * of Excel's runtime (the Error class and the ErrorCode values, which are the Excel error texts), a
 * host that calls a function as Excel's runtime does, and a way to read a result the way a person
 * reads the sheet.
 *
 * What the host copies from the runtime (node_modules/@microsoft/office-js/dist/
 * custom-functions-runtime.debug.js, CustomFunctionProxy):
 * - every invocation's arguments arrive in a message of their own, parsed by JSON.parse: each call
 *   gets its own copy of every argument (`_batchInvocationEntries`), so nothing is shared between calls;
 * - with allowErrorForDataTypeAny an error cell arrives as `new CustomFunctionError(code)`
 *   (`_transferCustomFunctionError`): an object with code, type "Error" and basicValue;
 * - every declared parameter gets a value (an omitted argument is null), and an invocation context
 *   is appended after them;
 * - a result is sent as JSON.stringify([id, true, value, outboundData])
 *   (`_convertCustomFunctionInvocationResultToArray`), each error cell by its `toJSON`, which keeps
 *   the message of #VALUE! and #N/A only (`CustomFunctionError.prototype._getMessage`);
 * - a thrown CustomFunctions.Error is sent as [id, false, message, errorCode].
 */

const ERROR_TYPES: Record<string, string> = {
  '#VALUE!': 'Value', '#DIV/0!': 'Div0', '#N/A': 'NotAvailable', '#NUM!': 'Num', '#NAME?': 'Name', '#REF!': 'Ref', '#NULL!': 'Null',
};

/** What `new CustomFunctions.Error(code, message)` makes in the stand-in; serialises as the runtime's does. */
export class FakeExcelError {
  readonly type = 'Error';
  readonly basicType = 'Error';
  readonly basicValue: string;
  readonly errorSubType: undefined = undefined;
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {
    this.basicValue = code;
  }

  toJSON(): Record<string, unknown> {
    return {
      valueType: 'CustomFunctionError',
      code: this.code,
      type: this.type,
      basicValue: this.basicValue,
      basicType: this.type,
      errorSubType: this.errorSubType,
      message: this.code === '#VALUE!' || this.code === '#N/A' ? (this.message ? this.message : undefined) : undefined,
      errorType: ERROR_TYPES[this.code],
    };
  }
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

/** A cell as Excel sends it: an error literal ("#N/A") or error object as the runtime's error-on-the-wire form. */
function onTheWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(onTheWire);
  if (typeof value === 'string' && /^#(N\/A|VALUE!|DIV\/0!|NUM!|REF!|NAME\?|NULL!)$/.test(value)) return { type: 'CustomFunctionError', code: value };
  if (value instanceof FakeExcelError) return { type: 'CustomFunctionError', code: value.code };
  if (value !== null && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string') {
    return { type: 'CustomFunctionError', code: (value as { code: string }).code };
  }
  return value;
}

/** The runtime's `_transferCustomFunctionError`: error objects of the message become CustomFunctions.Error. */
function transfer(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(transfer);
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'CustomFunctionError') {
    return new FakeExcelError((value as { code: string }).code);
  }
  return value;
}

/**
 * One invocation's arguments as the function receives them: one value per declared parameter (an
 * omitted one as null), sent as JSON, parsed anew, errors transferred, the context appended.
 */
export function deliver(args: readonly unknown[], declared = args.length): unknown[] {
  const all = [...args, ...new Array(Math.max(0, declared - args.length)).fill(null)];
  const message = JSON.stringify(all.map((a) => (a === undefined ? null : onTheWire(a))));
  const values = transfer(JSON.parse(message)) as unknown[];
  values.push({ functionName: 'KC.TEST', address: 'Sheet1!A1', parameterAddresses: null });
  return values;
}

/** What Excel receives from one invocation. */
export interface Delivered {
  /** The value as the sheet shows it (errors as their code), or the thrown error's code. */
  shown: unknown;
  /** The result itself (FakeExcelError cells included), or the thrown error. */
  result: unknown;
  /** Bytes of the JSON the runtime sends for it (UTF-8). */
  bytes: number;
}

let invocationId = 0;

/**
 * Calls `fn` as Excel's runtime does: arguments through JSON (a fresh copy for this call), the result
 * serialised as the runtime sends it.
 */
export function invoke(fn: (...args: any[]) => unknown, ...args: unknown[]): Delivered {
  const id = ++invocationId;
  const values = deliver(args, fn.length);
  try {
    const result = fn(...values);
    const json = JSON.stringify([id, true, result, [0]]);
    return { shown: sheet(result), result, bytes: Buffer.byteLength(json, 'utf8') };
  } catch (e) {
    if (!(e instanceof FakeExcelError)) throw e;
    const codes: Record<string, number> = { '#N/A': 1, '#DIV/0!': 5, '#VALUE!': 7, '#NUM!': 6, '#NULL!': 8 };
    const json = JSON.stringify([id, false, e.message ?? '', codes[e.code] ?? 7, [0]]);
    return { shown: e.code, result: e, bytes: Buffer.byteLength(json, 'utf8') };
  }
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
