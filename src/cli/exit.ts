/** Exit codes of the command line: one enum, used only by main(). */
export enum ExitCode {
  /** Done. */
  OK = 0,
  /** Bad arguments: unknown flag, bad value, --out equal to the input. */
  USAGE = 2,
  /** The input gives no result: missing or unreadable file, no client/amount column, no rows, every row bad. */
  INPUT = 3,
  /** The result could not be written (output folder missing, no permission, file open elsewhere). */
  OUTPUT = 4,
  /** A bug: anything not foreseen. Run with DEBUG=1 for the stack trace. */
  INTERNAL = 70,
}

/** A problem the user can fix, reported as one line `key-clients: <message>` with its exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A {@link CliError} for bad arguments (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(ExitCode.USAGE, message);
}

/** A {@link CliError} for input that gives no result (exit 3). */
export function inputError(message: string): CliError {
  return new CliError(ExitCode.INPUT, message);
}
