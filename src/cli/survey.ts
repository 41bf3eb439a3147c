import * as path from 'path';
import {
  decimal, errorText, findAnswerColumn, format, normaliseHeader, surveyByGroup, texts, type Cell, type KcError, type Lang, type SurveyGroup,
} from '../core';
import type { SurveyCommand } from './args';
import { columnOf, headersShown, makeFolders, NAME, samePath, shownPath, writeJsonFile, type Io } from './common';
import { ExitCode, inputError, usageError } from './exit';
import { fromHeaderRow, readInput } from './read';

/** One line of the survey's JSON: an undefined CSI or NPS is null with its reason (English). */
export interface SurveyLineJson {
  group?: string;
  answers: number;
  csi: number | null;
  csiError: string | null;
  nps: number | null;
  npsError: string | null;
}

function lineJson(g: SurveyGroup, withGroup: boolean): SurveyLineJson {
  const value = (v: number | KcError) => (typeof v === 'number' ? v : null);
  const reason = (v: number | KcError) => (typeof v === 'number' ? null : v.message);
  return {
    ...(withGroup ? { group: g.group } : {}),
    answers: g.count,
    csi: value(g.csi),
    csiError: reason(g.csi),
    nps: value(g.nps),
    npsError: reason(g.nps),
  };
}

/** A number as printed: at most `digits` decimals, the language's decimal separator. */
function shown(v: number | KcError, digits: number, lang: Lang): string {
  if (typeof v !== 'number') return errorText(v, lang);
  const r = Number(v.toFixed(digits));
  return decimal(Object.is(r, -0) ? 0 : r, lang);
}

/** Rows of text in columns padded to their widest cell (numbers right-aligned). */
function columns(rows: string[][], right: readonly boolean[]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => [...r[j]].length)));
  const pad = (c: string, j: number) => ' '.repeat(widths[j] - [...c].length);
  return rows.map((r) => r.map((c, j) => (right[j] ? pad(c, j) + c : c + pad(c, j))).join('  ').trimEnd()).join('\n');
}

/**
 * `key-clients survey`: CSI and NPS of a table of survey answers (METHODS.md section 7), overall and
 * per value of the --group column, printed as a table in the --lang language; an undefined CSI shows
 * its reason. A bad answer stops it with the sheet row (exit 3).
 * @returns the exit code (OK); a problem the user can fix is thrown as a CliError or KcError.
 */
export async function survey(cmd: SurveyCommand, io: Io): Promise<number> {
  const input = path.resolve(cmd.input);
  const json = cmd.json ? path.resolve(cmd.json) : undefined;
  if (json && samePath(json, input)) throw usageError(`--json ${cmd.json} is the input file; the input is never overwritten: choose another name`);

  // without --sheet: the first visible sheet with an answer column (any sheet with data when --answer names it)
  const tableHeader = cmd.answer !== undefined ? () => true : (row: readonly Cell[]) => findAnswerColumn(row) >= 0;
  const read = await readInput(input, { sheet: cmd.sheet, range: cmd.range, encoding: cmd.encoding, tableHeader });
  // the header may sit under a title block: the first row with the answer column's header
  const named = (row: readonly Cell[]) => row.some((h) => normaliseHeader(h) !== '' && normaliseHeader(h) === normaliseHeader(cmd.answer ?? ''));
  const table = fromHeaderRow(read, cmd.answer !== undefined ? named : (row) => findAnswerColumn(row) >= 0);
  if (!cmd.quiet) for (const note of table.notes) io.stderr.write(`${NAME}: note: ${note}\n`);
  const header = table.cells[0] ?? [];
  const answerCol = cmd.answer !== undefined ? columnOf(table, cmd.answer, 'answer') : findAnswerColumn(header);
  if (answerCol < 0) {
    throw inputError(`no answer column: no header reads like Answer / Score / Оценка / Ocena (first row: ${headersShown(table)}); name it with --answer <header or column letter>`);
  }
  const groupCol = cmd.group !== undefined ? columnOf(table, cmd.group, 'group') : undefined;
  if (groupCol === answerCol) throw usageError(`--group and the answers are the same column ('${String(header[answerCol])}')`);
  const answerName = String(header[answerCol] ?? '').trim();
  const groupName = groupCol === undefined ? null : String(header[groupCol] ?? '').trim();

  const rows = table.cells.slice(1);
  const answers = rows.map((r) => r[answerCol] ?? '');
  const firstRow = table.firstRow + 1;
  const [overall] = surveyByGroup(answers.map(() => ''), answers, cmd.attractMin, cmd.detractMax, firstRow);
  if (!overall) throw inputError(`no answers: the column '${answerName}' of ${table.sheet} has no value under its header`);
  const groups = groupCol === undefined ? [] : surveyByGroup(rows.map((r) => r[groupCol] ?? ''), answers, cmd.attractMin, cmd.detractMax, firstRow);

  const t = texts(cmd.language).survey;
  // CSI last: where it is undefined, its cell is the reason, the longest text of the line
  const line = (label: string, g: SurveyGroup) => [label, String(g.count), shown(g.nps, 1, cmd.language), shown(g.csi, 2, cmd.language)];
  const printed = [
    [groupName ?? '', t.answers, t.nps, t.csi],
    line(t.all, overall),
    ...groups.map((g) => line(g.group === '' ? t.blank : g.group, g)),
  ];
  io.stdout.write(`${columns(printed, [false, true, true, false])}\n`);
  io.stdout.write(`${format(t.rule, { attractMin: decimal(cmd.attractMin, cmd.language), detractMax: decimal(cmd.detractMax, cmd.language) })}\n`);

  if (json) {
    makeFolders([json]);
    writeJsonFile(json, {
      answerColumn: answerName,
      groupColumn: groupName,
      attractMin: cmd.attractMin,
      detractMax: cmd.detractMax,
      overall: lineJson(overall, false),
      groups: groups.map((g) => lineJson(g, true)),
    });
    io.stdout.write(`wrote ${shownPath(json)}\n`);
  }
  return ExitCode.OK;
}
