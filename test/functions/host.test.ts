/**
 * The test host of ./excel.ts against Excel's runtime itself: the CustomFunctionError class of
 * node_modules/@microsoft/office-js/dist/custom-functions-runtime.debug.js (the code that sends a
 * function's result to Excel), loaded on its own, must serialise errors exactly as the stand-in does,
 * or the payload sizes measured by the tests would not be what Excel receives.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ERROR_BYTES } from '../../src/functions/adapters';
import { deliver, FakeExcelError } from './excel';

type RuntimeError = new (code: string, message?: string) => { toJSON(): unknown };

/** The runtime's ErrorCode enum and CustomFunctionError class, cut out of the runtime's source. */
function runtimeClasses(): { CustomFunctionError: RuntimeError; ErrorCode: Record<string, string> } {
  const file = path.resolve(__dirname, '..', '..', 'node_modules', '@microsoft', 'office-js', 'dist', 'custom-functions-runtime.debug.js');
  const source = fs.readFileSync(file, 'utf8');
  const from = source.indexOf('!function(ErrorCode) {');
  const to = source.indexOf('exports.CustomFunctionError = CustomFunctionError;', from);
  if (from < 0 || to < 0) throw new Error('the runtime no longer defines CustomFunctionError where this test looks for it');
  // TypeScript's __extends, as the runtime's bundle defines it
  const extend = (d: { prototype: object }, b: { prototype: object }) => {
    Object.setPrototypeOf(d, b);
    d.prototype = Object.create(b.prototype, { constructor: { value: d, writable: true, configurable: true } });
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('__extends', 'exports', `var ErrorCode;${source.slice(from, to)}; return { ErrorCode: ErrorCode, CustomFunctionError: CustomFunctionError };`);
  return make(extend, {}) as { CustomFunctionError: RuntimeError; ErrorCode: Record<string, string> };
}

describe('the test host of ./excel.ts', () => {
  const { CustomFunctionError, ErrorCode } = runtimeClasses();

  it('uses the runtime\'s error codes', () => {
    expect(ErrorCode).toMatchObject({ invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!' });
  });

  it.each(['#VALUE!', '#N/A', '#DIV/0!', '#NUM!', '#NULL!'])('serialises a %s error as the runtime does, with a message and without', (code) => {
    for (const message of ['value \'x\' is not a number', '', undefined]) {
      expect(JSON.stringify(new FakeExcelError(code, message))).toBe(JSON.stringify(new CustomFunctionError(code, message)));
    }
  });

  it('costs what the functions count for an error cell without its message (./cells.ts ERROR_BYTES)', () => {
    for (const code of Object.keys(ERROR_BYTES)) {
      expect({ code, bytes: JSON.stringify(new CustomFunctionError(code)).length }).toEqual({ code, bytes: ERROR_BYTES[code] });
    }
  });

  it('keeps the message of #VALUE! and #N/A only, as Excel shows it', () => {
    expect(JSON.stringify(new CustomFunctionError('#N/A', 'why'))).toContain('"message":"why"');
    expect(JSON.stringify(new CustomFunctionError('#DIV/0!', 'why'))).not.toContain('why');
  });

  it('hands every call its own copy of each argument, one value per declared parameter and the context after them', () => {
    const range = [[1], [2]];
    const first = deliver([range], 3);
    const second = deliver([range], 3);
    expect(first[0]).toEqual(range);
    expect(first[0]).not.toBe(range);
    expect(first[0]).not.toBe(second[0]);
    expect(first.slice(1, 3)).toEqual([null, null]);
    expect(first).toHaveLength(4);
  });

  it('hands an error cell over as a CustomFunctions.Error with its code', () => {
    const [cells] = deliver([[['#N/A'], [{ code: '#DIV/0!' }]]]) as unknown[][][];
    expect(cells.map(([c]) => (c as FakeExcelError).code)).toEqual(['#N/A', '#DIV/0!']);
  });
});
