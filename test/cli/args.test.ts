import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, parseMap, parseRange, USAGE } from '../../src/cli/args';
import { CliError, ExitCode } from '../../src/cli/exit';

function usage(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(ExitCode.USAGE);
    expect((e as CliError).message).not.toContain('\n');
    return (e as CliError).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseArgs(argv)', () => {
  it('parseArgs(["segment", file]) gives a segment command with no settings', () => {
    expect(parseArgs(['segment', 'sales.xlsx'])).toEqual({ kind: 'segment', input: 'sales.xlsx', settings: {}, quiet: false });
  });

  it('parseArgs(["--help"]) and ["--version"] give those commands', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
  });

  it('parseArgs reads every input and output option', () => {
    const cmd = parseArgs(['segment', 'in.csv', '--out', 'r.xlsx', '--json', 'r.json', '--sheet', 'Sales', '--range', 'B2:F100', '--map', 'client=Customer Name,amount=F', '--quiet']);
    expect(cmd).toEqual({
      kind: 'segment', input: 'in.csv', out: 'r.xlsx', json: 'r.json', sheet: 'Sales',
      range: { firstRow: 2, lastRow: 100, firstColumn: 1, lastColumn: 5 },
      map: { client: 'Customer Name', amount: 'F' }, settings: {}, quiet: true,
    });
  });

  it('parseArgs turns settings flags into a SettingsInput', () => {
    const cmd = parseArgs([
      'segment', 'in.xlsx', '--abc-method', 'average', '--limit-a', '5', '--limit-b', '3', '--basis', 'orders',
      '--xyz-method', 'frequency', '--period', 'quarter', '--limit-x', '0.8', '--limit-y', '0.3', '--bins', '3',
      '--as-of', '2024-06-30', '--lost-days', '400', '--at-risk-days', '200', '--new-days', '60',
      '--date-order', 'mdy', '--segment-by', 'rfm', '--lang', 'ru',
    ]);
    expect(cmd.kind === 'segment' && cmd.settings).toEqual({
      abc: { method: 'average', limitA: 5, limitB: 3, basis: 'orders' },
      xyz: { method: 'frequency', period: 'quarter', limitX: 0.8, limitY: 0.3 },
      rfm: { bins: 3 },
      lifecycle: { lostDays: 400, atRiskDays: 200, newDays: 60 },
      asOf: '2024-06-30', dateOrder: 'mdy', segmentBy: 'rfm', language: 'ru',
    });
  });

  it('parseArgs accepts --flag=value', () => {
    const cmd = parseArgs(['segment', 'in.xlsx', '--period=week', '--limit-a=80', '--limit-b=95']);
    expect(cmd.kind === 'segment' && cmd.settings).toEqual({ abc: { limitA: 80, limitB: 95 }, xyz: { period: 'week' } });
  });

  it('parseArgs with --no-header needs --map client and amount', () => {
    expect(usage(['segment', 'in.csv', '--no-header'])).toMatch(/--no-header needs --map/);
    const cmd = parseArgs(['segment', 'in.csv', '--no-header', '--map', 'client=A,amount=D']);
    expect(cmd.kind === 'segment' && cmd.hasHeader).toBe(false);
  });

  it('an unknown flag is a one-line usage error naming it', () => {
    expect(usage(['segment', 'in.xlsx', '--colour', 'red'])).toBe('unknown option --colour (see --help)');
    expect(usage(['segment', 'in.xlsx', '-x'])).toBe('unknown option -x (see --help)');
  });

  it('bad values are one-line usage errors naming the flag', () => {
    expect(usage(['segment', 'in.xlsx', '--period', 'year'])).toBe("--period must be one of month, quarter, week, not 'year'");
    expect(usage(['segment', 'in.xlsx', '--bins', 'five'])).toBe("--bins must be a number, not 'five'");
    expect(usage(['segment', 'in.xlsx', '--bins', '12'])).toMatch(/RFM bins must be a whole number from 2 to 9/);
    expect(usage(['segment', 'in.xlsx', '--limit-a', '0.9', '--limit-b', '0.8'])).toMatch(/limit A \(0.9\) must be below limit B/);
    expect(usage(['segment', 'in.xlsx', '--as-of', '2024-02-30'])).toMatch(/analysis date must be yyyy-mm-dd/);
    expect(usage(['segment', 'in.xlsx', '--lang', 'de'])).toMatch(/--lang must be one of en, ru, pl/);
    expect(usage(['segment', 'in.xlsx', '--out'])).toBe('--out needs a value');
    expect(usage(['segment', 'in.xlsx', '--quiet=yes'])).toBe('--quiet takes no value');
    expect(usage(['segment', 'in.xlsx', '--range', 'everything'])).toMatch(/--range must look like A1:K9999/);
  });

  it('a missing command, an unknown command, a missing or extra file are usage errors', () => {
    expect(usage([])).toMatch(/no command/);
    expect(usage(['classify', 'x.xlsx'])).toMatch(/unknown command 'classify'/);
    expect(usage(['segment'])).toMatch(/needs an input file/);
    expect(usage(['segment', 'a.xlsx', 'b.xlsx'])).toMatch(/one input file only/);
  });
});

describe('parseRange(text)', () => {
  it('parseRange("A1:K9999") gives 1-based rows and 0-based columns', () => {
    expect(parseRange('A1:K9999')).toEqual({ firstRow: 1, lastRow: 9999, firstColumn: 0, lastColumn: 10 });
  });
  it('parseRange accepts $ signs, reversed corners and a sheet name', () => {
    expect(parseRange("'My Sales'!$C$10:$AA$2")).toEqual({ sheet: 'My Sales', firstRow: 2, lastRow: 10, firstColumn: 2, lastColumn: 26 });
  });
  it('parseRange refuses a range outside a sheet', () => {
    expect(() => parseRange('A1:A1048577')).toThrow(/outside a sheet/);
  });
});

describe('parseMap(text)', () => {
  it('parseMap reads field=column pairs, fields case-insensitively', () => {
    expect(parseMap('Client=Customer Name, amount = Sales ,date=B')).toEqual({ client: 'Customer Name', amount: 'Sales', date: 'B' });
  });
  it('parseMap refuses an unknown field, a pair without =, a repeated field', () => {
    expect(() => parseMap('customer=A')).toThrow(/unknown field 'customer'/);
    expect(() => parseMap('client')).toThrow(/field=column/);
    expect(() => parseMap('client=A,client=B')).toThrow(/given twice/);
  });
});

describe('USAGE, README and parseArgs agree', () => {
  const flags = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])];
  const usageFlags = flags(USAGE);

  it.each(usageFlags)('parseArgs accepts %s of the --help text', (flag) => {
    let message = '';
    try {
      parseArgs(['segment', 'sales.csv', flag, 'x']);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/unknown option/);
  });

  it('every option of the README is in the --help text', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const cli = readme.slice(readme.indexOf('## The command line'), readme.indexOf('## The Excel add-in'));
    for (const f of flags(cli)) expect([f, usageFlags.includes(f)]).toEqual([f, true]);
  });

  it('the --help text names the exit codes of ExitCode', () => {
    expect(USAGE).toContain(`${ExitCode.OK} done, ${ExitCode.USAGE} bad arguments, ${ExitCode.INPUT} unusable input, ${ExitCode.OUTPUT} cannot write the output, ${ExitCode.INTERNAL} internal error`);
  });
});
