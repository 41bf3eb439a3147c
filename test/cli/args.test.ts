import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS, parseArgs, parseMap, parseRange, parseWeights, USAGE } from '../../src/cli/args';
import { CliError, ExitCode } from '../../src/cli/exit';
import { resolveSettings } from '../../src/core';

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

  it('parseArgs reads --formulas (live formulas) as settings.formulas, a flag with no value; without it the setting is left out', () => {
    const cmd = parseArgs(['segment', 'in.xlsx', '--formulas']);
    expect(cmd.kind === 'segment' && cmd.settings).toEqual({ formulas: true });
    expect(usage(['segment', 'in.xlsx', '--formulas=yes'])).toBe('--formulas takes no value');
    const plain = parseArgs(['segment', 'in.xlsx']);
    expect(plain.kind === 'segment' && resolveSettings(plain.settings).formulas).toBe(false);
  });

  it('parseArgs reads --encoding for every command, in any case', () => {
    expect(parseArgs(['segment', 's.csv', '--encoding', 'Windows-1251'])).toMatchObject({ kind: 'segment', encoding: 'windows-1251' });
    expect(parseArgs(['leads', 'l.csv', '--encoding', 'utf-16le'])).toMatchObject({ kind: 'leads', encoding: 'utf-16le' });
    expect(parseArgs(['survey', 'a.csv', '--encoding=utf-8'])).toMatchObject({ kind: 'survey', encoding: 'utf-8' });
    expect(usage(['segment', 's.csv', '--encoding', 'cp866'])).toBe("--encoding must be one of utf-8, utf-16le, utf-16be, windows-1251, windows-1250, not 'cp866'");
  });

  it('parseArgs accepts --flag=value', () => {
    const cmd = parseArgs(['segment', 'in.xlsx', '--period=week', '--limit-a=80', '--limit-b=95']);
    expect(cmd.kind === 'segment' && cmd.settings).toEqual({ abc: { limitA: 80, limitB: 95 }, xyz: { period: 'week' } });
  });

  it.each(['95%', '95', '0,95', '0.95'])('parseArgs(--limit-b %s) means 0.95, as the pane reads it', (text) => {
    const cmd = parseArgs(['segment', 'in.xlsx', '--limit-b', text]);
    expect(cmd.kind === 'segment' && resolveSettings(cmd.settings).abc.limitB).toBe(0.95);
  });

  it('parseArgs reads "1 000" days and refuses a % sign on days', () => {
    const cmd = parseArgs(['segment', 'in.xlsx', '--lost-days', '1 000']);
    expect(cmd.kind === 'segment' && cmd.settings.lifecycle).toEqual({ lostDays: 1000 });
    expect(usage(['segment', 'in.xlsx', '--lost-days', '50%'])).toBe("--lost-days takes no % sign, not '50%'");
  });

  it('parseArgs reads --as-of 31.12.2017, and a slashed date by --date-order', () => {
    const asOf = (...args: string[]) => {
      const cmd = parseArgs(['segment', 'in.xlsx', ...args]);
      return cmd.kind === 'segment' ? cmd.settings.asOf : undefined;
    };
    expect(asOf('--as-of', '31.12.2017')).toBe('2017-12-31');
    expect(asOf('--as-of', '12/31/2017')).toBe('2017-12-31');
    expect(asOf('--as-of', '04/05/2017', '--date-order', 'mdy')).toBe('2017-04-05');
    expect(usage(['segment', 'in.xlsx', '--as-of', '04/05/2017'])).toBe("--as-of: '04/05/2017' reads as 2017-05-04 or 2017-04-05: write the date as yyyy-mm-dd or set the date order");
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
    expect(usage(['segment', 'in.xlsx', '--as-of', '2024-02-30'])).toBe("--as-of: '2024-02-30' is not a date: write it as yyyy-mm-dd");
    expect(usage(['segment', 'in.xlsx', '--lang', 'de'])).toMatch(/--lang must be one of en, ru, pl/);
    expect(usage(['segment', 'in.xlsx', '--out'])).toBe('--out needs a value');
    expect(usage(['segment', 'in.xlsx', '--quiet=yes'])).toBe('--quiet takes no value');
    expect(usage(['segment', 'in.xlsx', '--range', 'everything'])).toMatch(/--range must look like A1:K9999/);
  });

  it('a missing command, an unknown command, a missing or extra file are usage errors', () => {
    expect(usage([])).toMatch(/no command/);
    expect(usage(['classify', 'x.xlsx'])).toBe("unknown command 'classify': the commands are segment, leads, survey");
    expect(usage(['segment'])).toMatch(/needs an input file/);
    expect(usage(['segment', 'a.xlsx', 'b.xlsx'])).toMatch(/one input file only/);
  });
});

describe('parseArgs(argv) for leads and survey', () => {
  it('parseArgs(["leads", file]) gives a leads command in English with no weights', () => {
    expect(parseArgs(['leads', 'leads.xlsx'])).toEqual({ kind: 'leads', input: 'leads.xlsx', language: 'en', quiet: false });
  });

  it('parseArgs reads every leads option', () => {
    expect(parseArgs(['leads', 'l.csv', '-o', 'r.xlsx', '--json', 'r.json', '--sheet', 'Lost', '--range', 'A1:F20', '--weights', '2, 1;0.5', '--max', '10', '--lang', 'pl'])).toEqual({
      kind: 'leads', input: 'l.csv', out: 'r.xlsx', json: 'r.json', sheet: 'Lost',
      range: { firstRow: 1, lastRow: 20, firstColumn: 0, lastColumn: 5 }, weights: [2, 1, 0.5], max: 10, language: 'pl', quiet: false,
    });
  });

  it('parseArgs(["survey", file]) takes the CSI limits 8 and 3 by default', () => {
    expect(parseArgs(['survey', 'answers.csv'])).toEqual({ kind: 'survey', input: 'answers.csv', attractMin: 8, detractMax: 3, language: 'en', quiet: false });
  });

  it('parseArgs reads every survey option', () => {
    expect(parseArgs(['survey', 'a.xlsx', '--group', 'Manager', '--answer', 'D', '--attract-min', '9', '--detract-max', '4', '--json', 'a.json', '--lang', 'ru', '--sheet', 'NPS'])).toEqual({
      kind: 'survey', input: 'a.xlsx', group: 'Manager', answer: 'D', attractMin: 9, detractMax: 4, json: 'a.json', sheet: 'NPS', language: 'ru', quiet: false,
    });
  });

  it('bad leads and survey values are one-line usage errors naming the flag', () => {
    expect(usage(['leads', 'l.csv', '--weights', '2,x,1'])).toBe("--weights: 'x' is not a number >= 0 (e.g. --weights 2,1,0.5)");
    expect(usage(['leads', 'l.csv', '--weights', '2,-1'])).toMatch(/^--weights: '-1' is not a number >= 0/);
    expect(usage(['leads', 'l.csv', '--max', '0'])).toBe('--max must be above 0, not 0');
    expect(usage(['leads', 'l.csv', '--max', 'five'])).toBe("--max must be a number, not 'five'");
    expect(usage(['survey', 'a.csv', '--attract-min', '3'])).toBe('CSI limits need 1 <= --detract-max < --attract-min <= 10, not 3 and 3');
    expect(usage(['survey', 'a.csv', '--detract-max', '0'])).toMatch(/^CSI limits need/);
    expect(usage(['survey', 'a.csv', '--attract-min', '11'])).toMatch(/^CSI limits need/);
    expect(usage(['survey', 'a.csv', '--group', ' '])).toBe('--group needs a value');
    expect(usage(['survey', 'a.csv', '--lang', 'de'])).toMatch(/--lang must be one of en, ru, pl/);
  });

  it('an option of another command is a usage error naming the command it belongs to', () => {
    expect(usage(['segment', 's.csv', '--weights', '2,1'])).toBe('--weights is not an option of segment (it is one of leads); see --help');
    expect(usage(['survey', 'a.csv', '--out', 'a.xlsx'])).toBe('--out is not an option of survey (it is one of segment, leads); see --help');
    expect(usage(['leads', 'l.csv', '--period', 'month'])).toBe('--period is not an option of leads (it is one of segment); see --help');
  });

  it('leads and survey need one input file', () => {
    expect(usage(['leads'])).toBe('leads needs an input file: key-clients leads <input.xlsx|input.csv>');
    expect(usage(['survey'])).toBe('survey needs an input file: key-clients survey <input.xlsx|input.csv>');
    expect(usage(['survey', 'a.csv', 'b.csv'])).toMatch(/one input file only/);
  });
});

describe('parseWeights(text)', () => {
  it('parseWeights("2,1,1") is [2, 1, 1]; commas, semicolons or spaces separate, a dot is the decimal point', () => {
    expect(parseWeights('2,1,1')).toEqual([2, 1, 1]);
    expect(parseWeights('1.5; 0 2')).toEqual([1.5, 0, 2]);
    expect(() => parseWeights(' , ')).toThrow(/one number per criterion/);
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

  it.each(usageFlags)('parseArgs accepts %s of the --help text in some command', (flag) => {
    const owners = (Object.keys(COMMANDS) as Array<keyof typeof COMMANDS>).filter((c) => (COMMANDS[c] as readonly string[]).includes(flag.slice(2)));
    if (flag === '--help' || flag === '--version') owners.push('segment');
    expect([flag, owners.length > 0]).toEqual([flag, true]);
    for (const command of owners) {
      let message = '';
      try {
        parseArgs([command, 'sales.csv', flag, 'x']);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toMatch(/unknown option|is not an option/);
    }
  });

  it('every option of a command is in the --help text', () => {
    for (const options of Object.values(COMMANDS)) for (const o of options) expect([o, usageFlags.includes(`--${o}`)]).toEqual([o, true]);
  });

  it('the --help text and the README name the three commands', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const c of Object.keys(COMMANDS)) {
      expect(USAGE).toContain(`key-clients ${c} <`);
      expect(readme).toContain(`npx key-clients ${c} `);
    }
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
