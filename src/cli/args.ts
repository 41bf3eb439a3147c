import { parseArgs as nodeParseArgs } from 'util';
import {
  ABC_BASES, ABC_METHODS, COHORT_PERIODS, DATE_ORDERS, FIELDS, KcError, LANGUAGES, PERIOD_KINDS, SEGMENT_DIMENSIONS, XYZ_METHODS,
  columnIndex, isSettingError, parseSettingDate, parseSettingNumber, resolveSettings, type DateOrder, type Field, type Lang, type SettingsInput,
} from '../core';
import { ENCODINGS, type Encoding } from './csv';
import { usageError } from './exit';

/** A cell range on a sheet: 1-based rows, 0-based columns, both ends included. */
export interface RangeRef {
  /** Sheet named in the range ("Sales!A1:K99"), if any. */
  sheet?: string;
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** `key-clients segment <input> [options]`. */
export interface SegmentCommand {
  kind: 'segment';
  input: string;
  /** Result workbook; when neither out nor json is given, `<input>-segmented.xlsx`. */
  out?: string;
  json?: string;
  sheet?: string;
  range?: RangeRef;
  /** Encoding of a CSV input (--encoding); detected when omitted. */
  encoding?: Encoding;
  /** Columns named by the user: field -> header name or column letter. */
  map?: Partial<Record<Field, string>>;
  /** false with --no-header; undefined: detected. */
  hasHeader?: false;
  /** Settings given on the command line (validated). */
  settings: SettingsInput;
  quiet: boolean;
}

/** `key-clients leads <input> [options]`: refused leads ranked by the renew index. */
export interface LeadsCommand {
  kind: 'leads';
  input: string;
  /** Ranking workbook; when neither out nor json is given, `<input>-leads.xlsx`. */
  out?: string;
  json?: string;
  sheet?: string;
  range?: RangeRef;
  /** Encoding of a CSV input (--encoding). */
  encoding?: Encoding;
  /** One weight per criterion (each a number >= 0). */
  weights?: number[];
  /** Highest allowed score (above 0; default 5). */
  max?: number;
  language: Lang;
  quiet: boolean;
}

/** `key-clients survey <input> [options]`: CSI and NPS overall and per group. */
export interface SurveyCommand {
  kind: 'survey';
  input: string;
  json?: string;
  sheet?: string;
  range?: RangeRef;
  /** Encoding of a CSV input (--encoding). */
  encoding?: Encoding;
  /** Column of the answers (header or letter); default: found by its header. */
  answer?: string;
  /** Column of the groups (manager, client, quarter...): header or letter. */
  group?: string;
  attractMin: number;
  detractMax: number;
  language: Lang;
  quiet: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | SegmentCommand | LeadsCommand | SurveyCommand;

/** The commands and the options each takes (besides --help and --version). */
export const COMMANDS = {
  segment: [
    'out', 'json', 'sheet', 'range', 'encoding', 'map', 'no-header', 'quiet', 'abc-method', 'limit-a', 'limit-b', 'basis', 'xyz-method', 'period',
    'limit-x', 'limit-y', 'bins', 'as-of', 'lost-days', 'at-risk-days', 'new-days', 'date-order', 'segment-by', 'lang',
    'window', 'cohort', 'horizon', 'discount', 'formulas',
  ],
  leads: ['out', 'json', 'sheet', 'range', 'encoding', 'weights', 'max', 'lang', 'quiet'],
  survey: ['json', 'sheet', 'range', 'encoding', 'answer', 'group', 'attract-min', 'detract-max', 'lang', 'quiet'],
} as const;
type CommandName = keyof typeof COMMANDS;
const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export const USAGE = `Usage: key-clients segment <sales.xlsx|sales.csv> [options]
       key-clients leads <leads.xlsx|leads.csv> [options]
       key-clients survey <answers.xlsx|answers.csv> [options]

Input files: .xlsx/.xlsm (the first visible sheet with a recognisable table, or --sheet and --range)
or .csv/.tsv/.txt (UTF-8, UTF-16 with a BOM, or Windows-1251 when not UTF-8; delimiter , ; tab or |
found from the first lines, or Excel's sep= line; a CSV's row numbers are its file lines).

key-clients segment: finds the key clients in a sales table and segments the clients (ABC, XYZ,
ABC-XYZ, RFM, lifecycle), and with dates compares two windows (retention, churn, growth, migration,
cohorts, revenue bridge). Writes a workbook (Clients, Summary, Key clients, Churned key clients,
Dynamics, Cohorts, one sheet per segment, Revenue by period, Skipped rows) and/or a JSON file.

Input and output:
  --out, -o FILE        result workbook (default, when no --json: <input>-segmented.xlsx in the current folder)
  --json FILE           the result as JSON; with --json alone no workbook is written (for pipelines)
  --sheet NAME          sheet to read, hidden ones too (default: the first visible sheet with a sales table)
  --range A1:K9999      cells to read (default: the used range of the sheet; the header is looked
                        for in the first 20 non-empty rows)
  --encoding NAME       encoding of a CSV: utf-8, utf-16le, utf-16be, windows-1251, windows-1250
                        (default: detected)
  --map F=COL,...       columns by header or letter: client, amount, date, order, profit,
                        manager, region, industry, segment (e.g. client=Customer Name,amount=F)
  --no-header           the first row is data, not headers (then --map client and amount)

Settings (METHODS.md):
  --abc-method share|average   --limit-a N   --limit-b N   --basis revenue|profit|orders
  --xyz-method cv|frequency    --period month|quarter|week  --limit-x N   --limit-y N
  --bins N (RFM, 2-9)          --as-of DATE                 --lost-days N --at-risk-days N --new-days N
  --date-order auto|dmy|mdy    --segment-by abc|abcXyz|rfm|lifecycle      --lang en|ru|pl
  --window N (months, 1-60: the current and the previous window of the KPIs over time)
  --cohort month|quarter|year (the period of the cohort tables)
  Defaults: share 0.75/0.95 on revenue, cv 0.10/0.25 by month, 5 bins, as of the latest date,
  lost 365 / at risk 180 / new 90 days, segment sheets by abc, texts in en, windows of 12 months,
  cohorts by quarter. Limits above 1 are percents; 0.95, 0,95, 95 and 95% are the same limit.
  DATE: yyyy-mm-dd, dd.mm.yyyy, or dd/mm/yyyy or mm/dd/yyyy by --date-order (a slashed date that
  reads two ways needs it).
  LTV (METHODS.md section 10; needs a date column; works on client, date and amount alone):
  --horizon N           months of expected purchases and CLV, 1-120 (default 12; the JSON keys
                        expectedPurchases12m and clv12m hold this horizon, ltvModel.months says it)
  --discount N          yearly discount rate of the CLV and the simple LTV (default 0.10; 0.1, 0,1,
                        10 and 10% are 10 %)

  --formulas            live formulas: the Clients table's classes, scores and shares as Excel formulas
                        over its own columns, the settings in named cells on the Summary, so the
                        workbook recomputes without the add-in (Excel 2016 or later, LibreOffice) when
                        a revenue or a limit is edited; the other sheets stay values (a snapshot)
  --quiet, -q           no progress or warnings on stderr (skipped rows are still listed)

key-clients leads: ranks refused leads by the renew index (METHODS.md section 6). The table: the lead
in the first column, one column per criterion (scores 0..max, or TRUE/FALSE), optional columns named
like Deadline and Launch. Writes the ranking (one sheet, recontact dates: deadline - 14 days and
launch + 60 days) and/or JSON { leads: [{ lead, row, renew, beforeDeadline, afterLaunch, error }] }.
  --out, -o FILE        ranking workbook (default, when no --json: <input>-ranked.xlsx in the current folder)
  --json FILE           the ranking as JSON (dates yyyy-mm-dd)
  --sheet NAME  --range A1:F99  --encoding NAME  --lang en|ru|pl (texts of the sheet)
  --weights 2,1,1       one weight per criterion, in column order (default: all 1)
  --max 5               highest allowed score
  --quiet, -q           no notes about the reading on stderr (the leads not ranked are still listed)

key-clients survey: CSI and NPS of survey answers (0..10; METHODS.md section 7), overall and per group.
  --answer COLUMN       the answers: header or column letter (default: the column headed Answer, Score,
                        Rating, Ответ, Оценка, Ocena, Odpowiedź... or asking about recommending)
  --group COLUMN        also per value of this column (manager, client, quarter...): header or letter
  --attract-min 8       CSI = answers from attract-min to 10 / answers from 1 to detract-max
  --detract-max 3       (1 <= detract-max < attract-min <= 10)
  --json FILE           also write { answerColumn, groupColumn, attractMin, detractMax, overall, groups }
  --sheet NAME  --range A1:C999  --encoding NAME  --lang en|ru|pl (texts of the printed table)
  --quiet, -q           no notes about the reading on stderr

  --help, -h            this text
  --version, -v         the version

Exit codes: 0 done, 2 bad arguments, 3 unusable input, 4 cannot write the output, 70 internal error.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  out: { type: 'string', short: 'o' },
  json: { type: 'string' },
  sheet: { type: 'string' },
  range: { type: 'string' },
  encoding: { type: 'string' },
  map: { type: 'string' },
  'no-header': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'abc-method': { type: 'string' },
  'limit-a': { type: 'string' },
  'limit-b': { type: 'string' },
  basis: { type: 'string' },
  'xyz-method': { type: 'string' },
  period: { type: 'string' },
  'limit-x': { type: 'string' },
  'limit-y': { type: 'string' },
  bins: { type: 'string' },
  'as-of': { type: 'string' },
  'lost-days': { type: 'string' },
  'at-risk-days': { type: 'string' },
  'new-days': { type: 'string' },
  'date-order': { type: 'string' },
  'segment-by': { type: 'string' },
  lang: { type: 'string' },
  window: { type: 'string' },
  cohort: { type: 'string' },
  horizon: { type: 'string' },
  discount: { type: 'string' },
  formulas: { type: 'boolean' },
  weights: { type: 'string' },
  max: { type: 'string' },
  answer: { type: 'string' },
  group: { type: 'string' },
  'attract-min': { type: 'string' },
  'detract-max': { type: 'string' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
}

/**
 * A number flag, read as the pane reads its fields (docs/methods.md "Settings as typed"): a decimal
 * comma or point, spaces between thousands, and for a "limit" or a "rate" a % sign ("95%" = 0.95; a
 * rate's percent from 0% to 100%).
 */
function num(flag: string, value: string | undefined, kind: 'limit' | 'rate' | 'whole' = 'whole'): number | undefined {
  if (value === undefined) return undefined;
  try {
    const n = parseSettingNumber(value, kind, flag);
    if (n !== null) return n;
  } catch (e) {
    if (!isSettingError(e)) throw e;
    if (e.key === 'settingNoPercent') throw usageError(`--${flag} takes no % sign, not '${value}'`);
    if (e.key === 'settingPercentRange') throw usageError(`--${flag} must be from 0% to 100%, not '${value}'`);
  }
  throw usageError(`--${flag} must be a number, not '${value}'`);
}

/** --as-of in the user's format (yyyy-mm-dd, dd.mm.yyyy, or slashed in the --date-order set), as yyyy-mm-dd. */
function asOfFlag(value: string | undefined, order: DateOrder | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const iso = parseSettingDate(value, order === 'dmy' || order === 'mdy' ? order : null, 'as-of');
    if (iso !== null) return iso;
  } catch (e) {
    if (isSettingError(e)) throw usageError(`--as-of: ${e.message}`);
    throw e;
  }
  throw usageError('--as-of needs a value');
}

/**
 * Parses "A1:K9999" (optionally "Sheet!A1:K9999", "$A$1:$K$9999") into a {@link RangeRef}.
 * @throws CliError (usage) for anything else.
 */
export function parseRange(text: string): RangeRef {
  let sheet: string | undefined;
  let ref = text.trim();
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheet = ref.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref);
  if (!m) throw usageError(`--range must look like A1:K9999, not '${text}'`);
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  const firstColumn = Math.min(c1, c2);
  const lastColumn = Math.max(c1, c2);
  const firstRow = Math.min(r1, r2);
  const lastRow = Math.max(r1, r2);
  if (firstRow < 1 || lastRow > 1_048_576 || lastColumn > 16_383) throw usageError(`--range '${text}' is outside a sheet (A1:XFD1048576)`);
  return sheet ? { sheet, firstRow, lastRow, firstColumn, lastColumn } : { firstRow, lastRow, firstColumn, lastColumn };
}

/**
 * Parses "client=Customer Name,amount=Sales" into field -> column name or letter.
 * @throws CliError (usage) for an unknown field, a missing '=', a field given twice.
 */
export function parseMap(text: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw usageError(`--map needs field=column pairs, not '${part.trim()}'`);
    const field = part.slice(0, eq).trim().toLowerCase() as Field;
    const column = part.slice(eq + 1).trim();
    if (!FIELDS.includes(field)) throw usageError(`--map: unknown field '${part.slice(0, eq).trim()}' (fields: ${FIELDS.join(', ')})`);
    if (!column) throw usageError(`--map: no column given for ${field}`);
    if (out[field] !== undefined) throw usageError(`--map: ${field} is given twice`);
    out[field] = column;
  }
  if (!Object.keys(out).length) throw usageError('--map is empty');
  return out;
}

/**
 * Parses the command line (without `node` and the script): a typed command, or a usage error.
 * Settings are validated here, so a bad limit is a usage error before any file is read.
 * @throws CliError with exit code USAGE and a one-line message.
 * @example parseArgs(['segment', 'sales.xlsx', '--period', 'quarter'])
 */
export function parseArgs(argv: readonly string[]): Command {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = nodeParseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
  } catch (e) {
    throw usageError(argumentMessage(e));
  }
  const v = parsed.values;
  const pos = parsed.positionals;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  if (!pos.length) throw usageError('no command: try key-clients segment|leads|survey <input.xlsx|input.csv> (or --help)');
  const name = pos[0] as CommandName;
  if (!COMMAND_NAMES.includes(name)) throw usageError(`unknown command '${pos[0]}': the commands are ${COMMAND_NAMES.join(', ')}`);
  if (pos.length < 2) throw usageError(`${name} needs an input file: key-clients ${name} <input.xlsx|input.csv>`);
  if (pos.length > 2) throw usageError(`one input file only; also got '${pos[2]}'`);
  const allowed: readonly string[] = COMMANDS[name];
  for (const flag of Object.keys(v)) {
    if (!allowed.includes(flag)) {
      const owners = COMMAND_NAMES.filter((c) => (COMMANDS[c] as readonly string[]).includes(flag));
      throw usageError(`--${flag} is not an option of ${name}${owners.length ? ` (it is one of ${owners.join(', ')})` : ''}; see --help`);
    }
  }
  if (name === 'leads') return leadsCommand(pos[1], v);
  if (name === 'survey') return surveyCommand(pos[1], v);

  const settings: SettingsInput = {};
  const abc: NonNullable<SettingsInput['abc']> = {};
  const xyz: NonNullable<SettingsInput['xyz']> = {};
  const lifecycle: NonNullable<SettingsInput['lifecycle']> = {};
  const set = <T extends object, K extends keyof T>(o: T, k: K, value: T[K] | undefined) => {
    if (value !== undefined) o[k] = value;
  };
  set(abc, 'method', choice('abc-method', v['abc-method'], ABC_METHODS));
  set(abc, 'limitA', num('limit-a', v['limit-a'], 'limit'));
  set(abc, 'limitB', num('limit-b', v['limit-b'], 'limit'));
  set(abc, 'basis', choice('basis', v.basis, ABC_BASES));
  set(xyz, 'method', choice('xyz-method', v['xyz-method'], XYZ_METHODS));
  set(xyz, 'period', choice('period', v.period, PERIOD_KINDS));
  set(xyz, 'limitX', num('limit-x', v['limit-x'], 'limit'));
  set(xyz, 'limitY', num('limit-y', v['limit-y'], 'limit'));
  const bins = num('bins', v.bins);
  set(lifecycle, 'lostDays', num('lost-days', v['lost-days']));
  set(lifecycle, 'atRiskDays', num('at-risk-days', v['at-risk-days']));
  set(lifecycle, 'newDays', num('new-days', v['new-days']));
  if (Object.keys(abc).length) settings.abc = abc;
  if (Object.keys(xyz).length) settings.xyz = xyz;
  if (Object.keys(lifecycle).length) settings.lifecycle = lifecycle;
  if (bins !== undefined) settings.rfm = { bins };
  const dynamics: NonNullable<SettingsInput['dynamics']> = {};
  set(dynamics, 'windowMonths', num('window', v.window));
  set(dynamics, 'cohort', choice('cohort', v.cohort, COHORT_PERIODS));
  if (Object.keys(dynamics).length) settings.dynamics = dynamics;
  const ltv: NonNullable<SettingsInput['ltv']> = {};
  set(ltv, 'months', num('horizon', v.horizon));
  set(ltv, 'discount', num('discount', v.discount, 'rate'));
  if (Object.keys(ltv).length) settings.ltv = ltv;
  const dateOrder = choice('date-order', v['date-order'], DATE_ORDERS);
  set(settings, 'asOf', asOfFlag(v['as-of'], dateOrder));
  set(settings, 'dateOrder', dateOrder);
  set(settings, 'segmentBy', choice('segment-by', v['segment-by'], SEGMENT_DIMENSIONS));
  set(settings, 'language', choice('lang', v.lang, LANGUAGES));
  if (v.formulas) settings.formulas = true;
  try {
    resolveSettings(settings);
  } catch (e) {
    if (e instanceof KcError) throw usageError(e.message);
    throw e;
  }

  const cmd: SegmentCommand = { kind: 'segment', input: pos[1], settings, quiet: v.quiet ?? false };
  setInputOutput(cmd, v);
  if (v.map !== undefined) cmd.map = parseMap(v.map);
  if (v['no-header']) {
    cmd.hasHeader = false;
    if (!cmd.map?.client || !cmd.map?.amount) throw usageError('--no-header needs --map with client and amount columns (e.g. --map client=A,amount=D)');
  }
  return cmd;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !value.trim()) throw usageError(`--${flag} needs a value`);
  return value;
}

/** --out, --json, --sheet, --range and --encoding of a command (a sheet named in --range must agree with --sheet). */
function setInputOutput(cmd: { out?: string; json?: string; sheet?: string; range?: RangeRef; encoding?: Encoding }, v: Values): void {
  const out = nonEmpty('out', v.out);
  const json = nonEmpty('json', v.json);
  const sheet = nonEmpty('sheet', v.sheet);
  if (out !== undefined) cmd.out = out;
  if (json !== undefined) cmd.json = json;
  if (v.range !== undefined) {
    cmd.range = parseRange(v.range);
    if (cmd.range.sheet !== undefined) {
      if (sheet !== undefined && sheet !== cmd.range.sheet) throw usageError(`--sheet '${sheet}' and --range '${v.range}' name different sheets`);
      cmd.sheet = cmd.range.sheet;
    }
  }
  if (sheet !== undefined) cmd.sheet = sheet;
  const encoding = choice('encoding', v.encoding?.toLowerCase(), ENCODINGS);
  if (encoding !== undefined) cmd.encoding = encoding;
}

/**
 * Parses "2,1,1" (commas, semicolons or spaces between; decimals with a dot) into weights >= 0.
 * @throws CliError (usage) for an empty list or a weight that is no number >= 0.
 * @example parseWeights('2, 1, 0.5') // [2, 1, 0.5]
 */
export function parseWeights(text: string): number[] {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (!parts.length) throw usageError('--weights needs one number per criterion, e.g. --weights 2,1,1');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n) || n < 0) throw usageError(`--weights: '${p}' is not a number >= 0 (e.g. --weights 2,1,0.5)`);
    return n;
  });
}

function leadsCommand(input: string, v: Values): LeadsCommand {
  const cmd: LeadsCommand = { kind: 'leads', input, language: choice('lang', v.lang, LANGUAGES) ?? 'en', quiet: v.quiet ?? false };
  setInputOutput(cmd, v);
  if (v.weights !== undefined) cmd.weights = parseWeights(v.weights);
  const max = num('max', v.max);
  if (max !== undefined) {
    if (!(max > 0)) throw usageError(`--max must be above 0, not ${max}`);
    cmd.max = max;
  }
  return cmd;
}

function surveyCommand(input: string, v: Values): SurveyCommand {
  const attractMin = num('attract-min', v['attract-min']) ?? 8;
  const detractMax = num('detract-max', v['detract-max']) ?? 3;
  if (!(attractMin >= 1 && attractMin <= 10 && detractMax >= 1 && detractMax <= 10 && detractMax < attractMin)) {
    throw usageError(`CSI limits need 1 <= --detract-max < --attract-min <= 10, not ${detractMax} and ${attractMin}`);
  }
  const cmd: SurveyCommand = { kind: 'survey', input, attractMin, detractMax, language: choice('lang', v.lang, LANGUAGES) ?? 'en', quiet: v.quiet ?? false };
  setInputOutput(cmd, v);
  const answer = nonEmpty('answer', v.answer);
  const group = nonEmpty('group', v.group);
  if (answer !== undefined) cmd.answer = answer.trim();
  if (group !== undefined) cmd.group = group.trim();
  return cmd;
}

/** One line for an error of node's util.parseArgs. */
function argumentMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = String(err.message ?? e);
  const flag = /--[A-Za-z][\w-]*/.exec(msg)?.[0] ?? /'(-[^']*)'/.exec(msg)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag ?? msg} (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(msg) ? `${flag ?? 'an option'} needs a value` : `${flag ?? 'an option'} takes no value`;
    default:
      return msg.split('\n')[0];
  }
}
