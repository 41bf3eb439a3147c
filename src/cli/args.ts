import { parseArgs as nodeParseArgs } from 'util';
import {
  ABC_BASES, ABC_METHODS, DATE_ORDERS, FIELDS, KcError, LANGUAGES, PERIOD_KINDS, SEGMENT_DIMENSIONS, XYZ_METHODS,
  columnIndex, resolveSettings, type Field, type SettingsInput,
} from '../core';
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
  out?: string;
  json?: string;
  sheet?: string;
  range?: RangeRef;
  /** Columns named by the user: field -> header name or column letter. */
  map?: Partial<Record<Field, string>>;
  /** false with --no-header; undefined: detected. */
  hasHeader?: false;
  /** Settings given on the command line (validated). */
  settings: SettingsInput;
  quiet: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | SegmentCommand;

export const USAGE = `Usage: key-clients segment <input.xlsx|input.csv> [options]

Finds the key clients in a sales table and segments the clients (ABC, XYZ, ABC-XYZ, RFM, lifecycle).
Writes a workbook (Clients, Summary, one sheet per segment, Skipped rows) and optionally a JSON file.

Input and output:
  --out, -o FILE        result workbook (default: <input>-segmented.xlsx in the current folder)
  --json FILE           also write the result as JSON
  --sheet NAME          sheet to read (default: the first sheet with data)
  --range A1:K9999      cells to read (default: the used range of the sheet)
  --map F=COL,...       columns by header or letter: client, amount, date, order, profit,
                        manager, region, industry, segment (e.g. client=Customer Name,amount=F)
  --no-header           the first row is data, not headers (then --map client and amount)

Settings (METHODS.md):
  --abc-method share|average   --limit-a N   --limit-b N   --basis revenue|profit|orders
  --xyz-method cv|frequency    --period month|quarter|week  --limit-x N   --limit-y N
  --bins N (RFM, 2-9)          --as-of yyyy-mm-dd           --lost-days N --at-risk-days N --new-days N
  --date-order auto|dmy|mdy    --segment-by abc|abcXyz|rfm|lifecycle      --lang en|ru|pl
  Defaults: share 0.75/0.95 on revenue, cv 0.10/0.25 by month, 5 bins, as of the latest date,
  lost 365 / at risk 180 / new 90 days, segment sheets by abc, texts in en. Limits above 1 are percents.

  --quiet, -q           no progress or warnings on stderr (skipped rows are still listed)
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
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
}

function num(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw usageError(`--${flag} must be a number, not '${value}'`);
  return n;
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
  if (!pos.length) throw usageError('no command: try key-clients segment <input.xlsx|input.csv> (or --help)');
  if (pos[0] !== 'segment') throw usageError(`unknown command '${pos[0]}': the command is segment`);
  if (pos.length < 2) throw usageError('segment needs an input file: key-clients segment <input.xlsx|input.csv>');
  if (pos.length > 2) throw usageError(`one input file only; also got '${pos[2]}'`);

  const settings: SettingsInput = {};
  const abc: NonNullable<SettingsInput['abc']> = {};
  const xyz: NonNullable<SettingsInput['xyz']> = {};
  const lifecycle: NonNullable<SettingsInput['lifecycle']> = {};
  const set = <T extends object, K extends keyof T>(o: T, k: K, value: T[K] | undefined) => {
    if (value !== undefined) o[k] = value;
  };
  set(abc, 'method', choice('abc-method', v['abc-method'], ABC_METHODS));
  set(abc, 'limitA', num('limit-a', v['limit-a']));
  set(abc, 'limitB', num('limit-b', v['limit-b']));
  set(abc, 'basis', choice('basis', v.basis, ABC_BASES));
  set(xyz, 'method', choice('xyz-method', v['xyz-method'], XYZ_METHODS));
  set(xyz, 'period', choice('period', v.period, PERIOD_KINDS));
  set(xyz, 'limitX', num('limit-x', v['limit-x']));
  set(xyz, 'limitY', num('limit-y', v['limit-y']));
  const bins = num('bins', v.bins);
  set(lifecycle, 'lostDays', num('lost-days', v['lost-days']));
  set(lifecycle, 'atRiskDays', num('at-risk-days', v['at-risk-days']));
  set(lifecycle, 'newDays', num('new-days', v['new-days']));
  if (Object.keys(abc).length) settings.abc = abc;
  if (Object.keys(xyz).length) settings.xyz = xyz;
  if (Object.keys(lifecycle).length) settings.lifecycle = lifecycle;
  if (bins !== undefined) settings.rfm = { bins };
  set(settings, 'asOf', v['as-of']);
  set(settings, 'dateOrder', choice('date-order', v['date-order'], DATE_ORDERS));
  set(settings, 'segmentBy', choice('segment-by', v['segment-by'], SEGMENT_DIMENSIONS));
  set(settings, 'language', choice('lang', v.lang, LANGUAGES));
  try {
    resolveSettings(settings);
  } catch (e) {
    if (e instanceof KcError) throw usageError(e.message);
    throw e;
  }

  const nonEmpty = (flag: string, value: string | undefined) => {
    if (value !== undefined && !value.trim()) throw usageError(`--${flag} needs a value`);
    return value;
  };
  const cmd: SegmentCommand = { kind: 'segment', input: pos[1], settings, quiet: v.quiet ?? false };
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
  if (v.map !== undefined) cmd.map = parseMap(v.map);
  if (v['no-header']) {
    cmd.hasHeader = false;
    if (!cmd.map?.client || !cmd.map?.amount) throw usageError('--no-header needs --map with client and amount columns (e.g. --map client=A,amount=D)');
  }
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
