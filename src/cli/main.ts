import * as fs from 'fs';
import * as path from 'path';
import {
  analysisDateOf, buildReport, columnIndex, columnLetter, dayOfDate, findHeaderRow, format, isBlank, isKcError, normaliseHeader, readSales,
  resolveNamedMapping, resolveSettings, segmentReadOptions, segmentSales, skippedText, sourceOf, summaryLine, texts,
  type Cell, type ColumnMapping, type Field, type SegmentationResult, type SegmentOptions, type SegmentStage,
} from '../core';
import { parseArgs, USAGE, type SegmentCommand } from './args';
import { besideCwd, makeFolders, NAME, samePath, shownPath, SKIPPED_SHOWN, type Io } from './common';
import { CliError, ExitCode, inputError, usageError } from './exit';
import { writeBytesFile, writeSegmentationJson } from './json';
import { leads } from './leads';
import { ltvInThread } from './ltv-thread';
import { headerRowIndex, readInput, type InputTable } from './read';
import { survey } from './survey';
import { writeReportXlsx } from './write-xlsx';

export type { Io };

/** Inputs at least this large show progress even when stderr is not a terminal. */
export const LARGE_INPUT_BYTES = 8 * 1024 * 1024;
export { SKIPPED_SHOWN };

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs the command line. Resolves to the exit code; never throws and never calls process.exit.
 * Errors the user can act on are one line `key-clients: <reason>` on stderr (stack traces only
 * when DEBUG is set).
 */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    if (cmd.kind === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return ExitCode.OK;
    }
    if (cmd.kind === 'version') {
      io.stdout.write(`${version()}\n`);
      return ExitCode.OK;
    }
    if (cmd.kind === 'leads') return await leads(cmd, io);
    if (cmd.kind === 'survey') return await survey(cmd, io);
    return await segment(cmd, io);
  } catch (e) {
    return report(e, io);
  }
}

/**
 * Guards a run against ending without a word: when Node's event loop empties while `run` is still
 * pending (a stream that never ended, a promise never settled), nothing was written, yet the process
 * would exit 0. Then this says so on stderr and sets exit code 70. `bin/key-clients.js` uses it.
 * @param proc the process (a test passes a stand-in).
 */
export function exitWhenDone(
  run: Promise<number>,
  proc: { once(event: 'beforeExit', listener: () => void): unknown; exitCode?: number | string | undefined; stderr: { write(text: string): unknown } } = process,
): void {
  let settled = false;
  proc.once('beforeExit', () => {
    if (settled) return;
    proc.stderr.write(`${NAME}: internal error: the run stopped before it finished, and nothing was written (run with DEBUG=1 for details)\n`);
    proc.exitCode = ExitCode.INTERNAL;
  });
  void run.then(
    (code) => {
      settled = true;
      proc.exitCode = code;
    },
    () => {
      settled = true;
      proc.exitCode = ExitCode.INTERNAL;
    },
  );
}

/** The one top-level error handler: the exit code and one line on stderr. */
function report(e: unknown, io: Io): number {
  let code: ExitCode;
  let message: string;
  if (e instanceof CliError) {
    code = e.exitCode;
    message = e.message;
  } else if (isKcError(e)) {
    code = ExitCode.INPUT;
    // the engine says "map it by hand": on the command line that is --map
    const field = e.key === 'noClientColumn' ? 'client' : e.key === 'noAmountColumn' ? 'amount' : undefined;
    message = field
      ? e.message.replace(/; map it by hand$/, `; if the table starts lower down or on another sheet, give --range (e.g. --range A5:F9999) or --sheet, or name the column with --map ${field}=<header or column letter>`)
      : e.message;
  } else {
    code = ExitCode.INTERNAL;
    message = `internal error: ${e instanceof Error ? e.message : String(e)} (run with DEBUG=1 for details)`;
  }
  io.stderr.write(`${NAME}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (process.env.DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
  return code;
}

/** Shows progress per stage on stderr: rewritten in place on a terminal, a line per quarter otherwise. */
class Progress {
  private last = '';
  private lastPct = -1;
  constructor(private readonly io: Io, private readonly on: boolean) {}
  update(stage: string, fraction: number): void {
    if (!this.on) return;
    const tty = !!this.io.stderr.isTTY;
    const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (stage === this.last && (tty ? pct === this.lastPct : Math.floor(pct / 25) === Math.floor(this.lastPct / 25))) return;
    if (tty) this.io.stderr.write(`\r${NAME}: ${stage} ${String(pct).padStart(3)}%\x1b[K`);
    else this.io.stderr.write(`${NAME}: ${stage} ${pct}%\n`);
    this.last = stage;
    this.lastPct = pct;
  }
  done(): void {
    if (this.on && this.io.stderr.isTTY && this.last) this.io.stderr.write('\r\x1b[K');
    this.last = '';
  }
}

/**
 * Wall and CPU time of each stage of a run, printed on stderr when KEY_CLIENTS_TIMES is set (for the
 * bench and for profiling; docs/notes-infra.md).
 */
class StageTimes {
  private readonly stages: string[] = [];
  private readonly notes: string[] = [];
  /** A note for the times line ($KEY_CLIENTS_TIMES). */
  note(text: string): void {
    this.notes.push(text);
  }
  private wall = process.hrtime.bigint();
  private cpu = process.cpuUsage();
  lap(stage: string): void {
    const now = process.hrtime.bigint();
    const cpu = process.cpuUsage(this.cpu);
    this.stages.push(`${stage} ${(Number(now - this.wall) / 1e9).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
    this.wall = now;
    this.cpu = process.cpuUsage();
  }
  print(io: Io): void {
    if (process.env.KEY_CLIENTS_TIMES) io.stderr.write(`${NAME}: times: ${[...this.stages, ...this.notes].join(', ')}\n`);
  }
}

const STAGES: Record<SegmentStage, string> = { read: 'checking rows', clients: 'per-client facts', methods: 'segmenting', dynamics: 'KPIs over time' };

/** The default result path: `<input base name>-segmented.xlsx` in the current folder. */
export function defaultOutPath(input: string): string {
  return besideCwd(input, '-segmented.xlsx');
}

/**
 * The column mapping of --map (header names first, then column letters of the sheet), and the
 * header row: the first of the first rows holding a header name given (a title block may stand above
 * it); undefined when only letters are given (the engine then finds the header itself).
 */
function mappingOf(cmd: SegmentCommand, table: InputTable): { mapping?: ColumnMapping; headerRow?: number } {
  if (!cmd.map) return {};
  const cells = table.cells;
  const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
  const letters: Cell[] = Array.from({ length: width }, (_, i) => columnLetter(table.firstColumn + i));
  let headerRow: number | undefined;
  let headers: readonly Cell[] = letters;
  if (cmd.hasHeader !== false) {
    const names = new Set(Object.values(cmd.map).map(normaliseHeader));
    const found = headerRowIndex(cells, (row) => row.some((c) => !isBlank(c) && names.has(normaliseHeader(c))));
    if (found >= 0) headerRow = found;
    const shown = headerRow ?? Math.max(0, findHeaderRow(cells));
    headers = Array.from({ length: width }, (_, i) => cells[shown]?.[i] ?? '');
  }
  const named: Partial<Record<Field, string>> = {};
  for (const [f, name] of Object.entries(cmd.map) as Array<[Field, string]>) {
    const isHeader = cmd.hasHeader !== false && headers.some((h) => normaliseHeader(h) === normaliseHeader(name));
    // a column letter names the sheet's column: shift it to the range
    const li = columnIndex(name.trim());
    named[f] = !isHeader && li >= 0 && table.firstColumn > 0 && li >= table.firstColumn ? columnLetter(li - table.firstColumn) : name;
  }
  const { mapping, unknown } = resolveNamedMapping(headers, named);
  if (unknown.length) {
    const [f, name] = unknown[0];
    const seen = headers.filter((h) => String(h ?? '').trim()).slice(0, 8).join(', ');
    throw inputError(`--map: no column '${name}' for ${f} in ${table.sheet} (columns: ${seen})`);
  }
  return headerRow === undefined ? { mapping } : { mapping, headerRow };
}

/**
 * Reads the input and segments it. Only the result and where it came from leave this function: the
 * input's cells (the largest thing in memory, hundreds of megabytes for a full sheet) can be freed
 * before the writing.
 */
async function readAndSegment(
  cmd: SegmentCommand, input: string, io: Io, progress: Progress, times: StageTimes,
): Promise<{ result: SegmentationResult; source: string }> {
  const table = await readInput(input, { sheet: cmd.sheet, range: cmd.range, encoding: cmd.encoding, onProgress: (f) => progress.update('reading file', f) });
  times.lap('read');
  progress.update('reading file', 1);
  for (const note of table.notes) io.stderr.write(`${NAME}: note: ${note}\n`);

  const settings = resolveSettings(cmd.settings);
  const { mapping, headerRow } = mappingOf(cmd, table);
  const options: SegmentOptions = {
    mapping,
    hasHeader: cmd.hasHeader,
    firstRow: table.firstRow,
    firstColumn: table.firstColumn,
    // the reader's findings: SUM formulas, a CSV's delimiter and file lines, the header row --map named
    read: { headerRow, sumFormulaCells: table.sumFormulaCells, delimiter: table.csv?.delimiter, rowNumbers: table.rowNumbers },
    // for the warning on sales dated after today (docs/methods.md "Analysis date")
    today: dayOfDate(new Date()),
    onProgress: (f, stage) => progress.update(STAGES[stage], f),
  };
  // segmentClients in its two steps, so that the cells (most of the memory of a large file) can go
  // once the rows live in typed arrays
  const sales = readSales(table.cells, segmentReadOptions(options, settings));
  // where the data was read from, for the report and the summary line (before the cells go)
  const source = sourceOf(path.basename(input), table);
  table.cells = [];
  // the LTV's fits in a worker thread while the other steps run (large files, two cores)
  const thread = ltvInThread(sales, analysisDateOf(sales, settings));
  const ltv = thread && ((asOf: number, clients: number) => {
    const ahead = thread(asOf, clients);
    times.note(ahead ? 'LTV fits in a worker thread' : 'LTV fits in the main thread (the worker had no answer)');
    return ahead;
  });
  const result = segmentSales(sales, settings, options.onProgress, { today: options.today, ltv });
  times.lap('segment');
  return { result, source };
}

async function segment(cmd: SegmentCommand, io: Io): Promise<number> {
  const started = Date.now();
  const input = path.resolve(cmd.input);
  const json = cmd.json ? path.resolve(cmd.json) : undefined;
  // --json alone writes only the JSON (for pipelines)
  const out = cmd.out ? path.resolve(cmd.out) : json ? undefined : defaultOutPath(cmd.input);
  if (out && samePath(out, input)) throw usageError(`--out ${cmd.out ?? out} is the input file; the input is never overwritten: choose another name`);
  if (json && samePath(json, input)) throw usageError(`--json ${cmd.json} is the input file; the input is never overwritten: choose another name`);
  if (out && json && samePath(json, out)) throw usageError('--json and --out name the same file');
  if (out && path.extname(out).toLowerCase() !== '.xlsx') throw usageError(`--out must end in .xlsx, not '${path.basename(out)}'`);

  let size = 0;
  try {
    size = fs.statSync(input).size;
  } catch {
    /* readInput reports it */
  }
  const progress = new Progress(io, !cmd.quiet && (!!io.stderr.isTTY || size >= LARGE_INPUT_BYTES));
  const times = new StageTimes();
  const { result, source } = await readAndSegment(cmd, input, io, progress, times);
  const model = buildReport(result, { source });
  times.lap('report model');
  makeFolders([out, json]);
  if (out) {
    progress.update('writing workbook', 0);
    try {
      await writeReportXlsx(model, out);
    } catch (e) {
      throw new CliError(ExitCode.OUTPUT, `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (is it open in Excel?)`);
    }
    progress.update('writing workbook', 1);
    times.lap('workbook');
  }
  if (json) {
    progress.update('writing JSON', 0);
    writeBytesFile(json, (sink) => writeSegmentationJson(result, sink));
    progress.update('writing JSON', 1);
    times.lap('JSON');
  }
  progress.done();
  times.print(io);

  if (result.skippedCount) {
    const sheet = model.sheets.find((s) => s.role === 'skipped');
    const listed = sheet?.blocks[0]?.kind === 'table' ? sheet.blocks[0].rows.length : 0;
    // in the report language, as the workbook lists them
    const lang = model.language;
    const run = texts(lang).run;
    const sheetName = sheet?.name ?? texts(lang).sheet.skipped;
    const where = [
      out ? format(listed < result.skippedCount ? run.skippedFirst : run.skippedAll, { n: listed, sheet: sheetName }) : '',
      json ? format(run.skippedJson, { file: shownPath(json) }) : '',
    ].filter(Boolean).join(', ');
    io.stderr.write(`${NAME}: ${format(run.skipped, { n: result.skippedCount, where })}\n`);
    for (const s of result.skipped.slice(0, SKIPPED_SHOWN)) io.stderr.write(`  ${skippedText(s, lang)}\n`);
    if (result.skippedCount > SKIPPED_SHOWN) io.stderr.write(`  ${format(run.skippedMore, { n: result.skippedCount - SKIPPED_SHOWN })}\n`);
  }
  if (!cmd.quiet) {
    // "warning" in the report language, as the warnings themselves
    const warning = texts(model.language).run.warning;
    result.warnings.forEach((w, i) => {
      if (w.code !== 'skippedRows' && model.warnings[i]) io.stderr.write(`${NAME}: ${warning}: ${model.warnings[i]}\n`);
    });
    // what the workbook had to leave out or cut to fit Excel's limits
    if (out) for (const text of model.warnings.slice(result.warnings.length)) io.stderr.write(`${NAME}: ${warning}: ${text}\n`);
  }
  io.stdout.write(`${summaryLine(result, [out, json].filter((p): p is string => !!p).map(shownPath), source, (Date.now() - started) / 1000)}\n`);
  return ExitCode.OK;
}
