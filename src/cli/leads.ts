import * as path from 'path';
import { decimal, errorText, format, guessLeadsLayout, isBlank, leadsJson, leadsModel, parseNumber, plural, rankLeads, secondsText, texts, type Cell } from '../core';
import type { LeadsCommand } from './args';
import { besideCwd, makeFolders, NAME, samePath, shownPath, SKIPPED_SHOWN, writeJsonFile, type Io } from './common';
import { CliError, ExitCode, inputError, usageError } from './exit';
import { fromHeaderRow, readInput } from './read';
import { writeReportXlsx } from './write-xlsx';

const isNumber = (c: Cell | undefined) => Number.isFinite(parseNumber(c ?? ''));

/**
 * A row that reads as a leads header: a lead and at least one criterion column, every cell text (not
 * a number).
 * @example readsAsLeadsHeader(['Lead', 'Brand']) // true; readsAsLeadsHeader(['Acme', 4]) // false
 */
export function readsAsLeadsHeader(row: readonly Cell[]): boolean {
  return guessLeadsLayout(row).criteria.length > 0 && row.every((c) => isBlank(c) || (typeof c === 'string' && !isNumber(c)));
}

/**
 * A leads header under a title block: a row that {@link readsAsLeadsHeader} and whose next non-empty
 * row holds a score (a number or TRUE/FALSE) under one of its criteria.
 * @example isLeadsHeader(['Lead', 'Brand'], ['Acme', '4']) // true; isLeadsHeader(['Report', 'Q3'], ['Lead', 'Brand']) // false
 */
export function isLeadsHeader(row: readonly Cell[], next: readonly Cell[] | undefined): boolean {
  if (!next || !readsAsLeadsHeader(row)) return false;
  return guessLeadsLayout(row).criteria.some((i) => typeof next[i] === 'boolean' || isNumber(next[i]));
}

/**
 * `key-clients leads`: ranks the refused leads of a table by the renew index (METHODS.md section 6)
 * and writes the ranking workbook and/or JSON; one summary line on stdout, the leads not ranked on
 * stderr with their sheet rows.
 * @returns the exit code (OK); a problem the user can fix is thrown as a CliError or KcError.
 */
export async function leads(cmd: LeadsCommand, io: Io): Promise<number> {
  const started = Date.now();
  const input = path.resolve(cmd.input);
  const json = cmd.json ? path.resolve(cmd.json) : undefined;
  const out = cmd.out ? path.resolve(cmd.out) : json ? undefined : besideCwd(cmd.input, '-ranked.xlsx');
  if (out && samePath(out, input)) throw usageError(`--out ${cmd.out ?? out} is the input file; the input is never overwritten: choose another name`);
  if (json && samePath(json, input)) throw usageError(`--json ${cmd.json} is the input file; the input is never overwritten: choose another name`);
  if (out && json && samePath(json, out)) throw usageError('--json and --out name the same file');
  if (out && path.extname(out).toLowerCase() !== '.xlsx') throw usageError(`--out must end in .xlsx, not '${path.basename(out)}'`);

  // without --sheet: the first visible sheet with a leads header (a lead column, then criteria)
  const read = await readInput(input, {
    sheet: cmd.sheet,
    range: cmd.range,
    encoding: cmd.encoding,
    tableHeader: (row) => guessLeadsLayout(row).criteria.length > 0,
  });
  // the header may sit under a title block: the first row when it reads as a header (a lead and
  // criteria, all text), else the first row of text whose next row scores a criterion
  const table = readsAsLeadsHeader(read.cells[0] ?? []) ? read : fromHeaderRow(read, isLeadsHeader);
  if (!cmd.quiet) for (const note of table.notes) io.stderr.write(`${NAME}: note: ${note}\n`);
  const header = table.cells[0] ?? [];
  const layout = guessLeadsLayout(header);
  const names = layout.criteria.map((i) => String(header[i]));
  if (!layout.criteria.length) {
    throw inputError(`no criteria columns in ${table.sheet}: the lead comes first, then one column per criterion (header: ${header.join(', ')})`);
  }
  if (cmd.weights && cmd.weights.length !== names.length) {
    throw usageError(`--weights gives ${cmd.weights.length} weight(s) for ${names.length} criteria (${names.join(', ')}): give one per criterion, in column order`);
  }
  const dataRows = table.cells.slice(1).filter((r) => !r.every(isBlank)).length;
  if (!dataRows) throw inputError(`the range has a header but no leads (${table.sheet})`);

  const ranked = rankLeads(table.cells, table.firstRow, layout, cmd.weights, cmd.max);
  const bad = ranked.filter((l) => l.renew === null);
  const good = ranked.length - bad.length;
  const line = (l: (typeof ranked)[number]) => `row ${l.row}${l.lead ? ` (${l.lead})` : ''}: ${l.error}`;
  if (!ranked.length) throw inputError(`no lead has a score: every lead's criteria (${names.join(', ')}) are blank`);
  if (!good) throw inputError(`every lead has an error (${bad.length}), for example ${bad.slice(0, 2).map(line).join('; ')}`);

  makeFolders([out, json]);
  if (out) {
    try {
      await writeReportXlsx(leadsModel(ranked, cmd.language), out);
    } catch (e) {
      throw new CliError(ExitCode.OUTPUT, `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (is it open in Excel?)`);
    }
  }
  if (json) writeJsonFile(json, leadsJson(ranked));

  // in the language of --lang, as the ranking sheet
  const lang = cmd.language;
  const t = texts(lang);
  const shown = (l: (typeof ranked)[number]) => `${format(t.leads.rowOf, { row: l.row })}${l.lead ? ` (${l.lead})` : ''}: ${l.problem ? errorText(l.problem, lang) : ''}`;
  if (bad.length) {
    io.stderr.write(`${NAME}: ${plural(t.leads.notRankedHead, bad.length, lang)}\n`);
    for (const l of bad.slice(0, SKIPPED_SHOWN)) io.stderr.write(`  ${shown(l)}\n`);
    if (bad.length > SKIPPED_SHOWN) io.stderr.write(`  ${format(t.run.skippedMore, { n: bad.length - SKIPPED_SHOWN })}\n`);
  }
  const top = ranked[0];
  const leftOut = dataRows - ranked.length;
  const files = [out, json].filter((p): p is string => !!p).map(shownPath).join(t.run.and);
  io.stdout.write(`${format(t.leads.line, {
    ranked: plural(t.leads.ranked, good, lang),
    top: top.lead || format(t.leads.rowOf, { row: top.row }),
    renew: decimal(top.renew ?? 0, lang),
    notRanked: bad.length,
    leftOut,
    criteria: names.join(', '),
    files,
    seconds: secondsText((Date.now() - started) / 1000, lang),
  })}\n`);
  return ExitCode.OK;
}
