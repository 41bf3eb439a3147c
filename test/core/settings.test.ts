/**
 * Settings: the defaults of METHODS.md and validation of user input.
 */
import { averageLimits, checkBins, defaultSettings, errorText, resolveSettings, shareLimits, xyzLimits } from '../../src/core';
import type { SettingsInput } from '../../src/core';
import { deepFreeze, kcError } from './helpers';

describe('defaultSettings()', () => {
  const d = defaultSettings();

  it('defaultSettings().abc is share 0.75 / 0.95 on revenue', () => {
    expect(d.abc).toEqual({ method: 'share', limitA: 0.75, limitB: 0.95, basis: 'revenue' });
  });

  it('defaultSettings().xyz is cv 0.10 / 0.25 by month', () => {
    expect(d.xyz).toEqual({ method: 'cv', period: 'month', limitX: 0.1, limitY: 0.25 });
  });

  it('defaultSettings().rfm.bins is 5', () => {
    expect(d.rfm.bins).toBe(5);
  });

  it('defaultSettings().lifecycle is 365 / 180 / 90 days', () => {
    expect(d.lifecycle).toEqual({ lostDays: 365, atRiskDays: 180, newDays: 90 });
  });

  it('defaultSettings().asOf is null: the latest date of the range, never today', () => {
    expect(d.asOf).toBeNull();
  });
});

describe('resolveSettings(input)', () => {
  it('resolveSettings({}) is the defaults', () => {
    expect(resolveSettings({})).toEqual(defaultSettings());
  });

  it('resolveSettings({ abc: { method: "average" } }) takes the average defaults 6 and 2', () => {
    expect(resolveSettings({ abc: { method: 'average' } }).abc).toMatchObject({ limitA: 6, limitB: 2 });
  });

  it('resolveSettings({ xyz: { method: "frequency" } }) takes the frequency defaults 0.75 and 0.25', () => {
    expect(resolveSettings({ xyz: { method: 'frequency' } }).xyz).toMatchObject({ limitX: 0.75, limitY: 0.25 });
  });

  it('resolveSettings({ abc: { limitA: 80, limitB: 95 } }) reads percents: 0.8 and 0.95', () => {
    expect(resolveSettings({ abc: { limitA: 80, limitB: 95 } }).abc).toMatchObject({ limitA: 0.8, limitB: 0.95 });
  });

  it('resolveSettings(input) does not mutate its input', () => {
    const input: SettingsInput = deepFreeze({ abc: { limitA: 80 }, rfm: { bins: 3 }, asOf: '2024-06-30' });
    expect(resolveSettings(input).rfm.bins).toBe(3);
  });

  it.each<[string, SettingsInput, string, RegExp]>([
    ['an unknown ABC method', { abc: { method: 'pareto' as 'share' } }, '#VALUE!', /ABC method/],
    ['limit A not below limit B', { abc: { limitA: 0.95, limitB: 0.9 } }, '#NUM!', /limit/i],
    ['a limit that is text', { abc: { limitA: 'x' as unknown as number } }, '#VALUE!', /ABC limit A/],
    ['an unknown ABC basis', { abc: { basis: 'margin' as 'revenue' } }, '#VALUE!', /ABC basis/],
    ['CV limit X above limit Y', { xyz: { limitX: 0.3, limitY: 0.2 } }, '#NUM!', /CV limits/],
    ['an unknown XYZ period', { xyz: { period: 'year' as 'month' } }, '#VALUE!', /XYZ period/],
    ['bins 1', { rfm: { bins: 1 } }, '#NUM!', /bins/],
    ['bins 10', { rfm: { bins: 10 } }, '#NUM!', /bins/],
    ['bins 4.5', { rfm: { bins: 4.5 } }, '#NUM!', /bins/],
    ['at-risk days not below lost days', { lifecycle: { atRiskDays: 365, lostDays: 365 } }, '#NUM!', /at risk/],
    ['negative days', { lifecycle: { newDays: -1 } }, '#NUM!', /new for days/],
    ['an impossible analysis date', { asOf: '2024-02-30' }, '#VALUE!', /analysis date/],
    ['an analysis date not in yyyy-mm-dd', { asOf: '30.06.2024' }, '#VALUE!', /analysis date/],
    ['an unknown language', { language: 'de' as 'en' }, '#VALUE!', /language/],
    ['an unknown date order', { dateOrder: 'ymd' as 'auto' }, '#VALUE!', /date order/],
  ])('resolveSettings(%s) is a %s error naming the setting', (_what, input, code, message) => {
    const e = kcError(() => resolveSettings(input));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('limit helpers', () => {
  it('shareLimits(50, 100) is [0.5, 1]', () => {
    expect(shareLimits(50, 100)).toEqual([0.5, 1]);
  });

  it('shareLimits(0, 0.5) is a #NUM! error: limits are in (0, 1]', () => {
    expect(kcError(() => shareLimits(0, 0.5)).code).toBe('#NUM!');
  });

  it('averageLimits(6, 2) is [6, 2]', () => {
    expect(averageLimits(6, 2)).toEqual([6, 2]);
  });

  it('averageLimits(0, 2) is a #NUM! error', () => {
    expect(kcError(() => averageLimits(0, 2)).code).toBe('#NUM!');
  });

  it('xyzLimits("cv", 10, 25) reads percents: [0.1, 0.25]', () => {
    expect(xyzLimits('cv', 10, 25)).toEqual([0.1, 0.25]);
  });

  it('checkBins(9) is 9', () => {
    expect(checkBins(9)).toBe(9);
  });
});

describe('settings.dynamics: the window and the cohort period (METHODS.md section 9)', () => {
  it('defaultSettings().dynamics is 12-month windows and cohorts by quarter', () => {
    expect(defaultSettings().dynamics).toEqual({ windowMonths: 12, cohort: 'quarter' });
  });

  it('resolveSettings({ dynamics: { windowMonths: 60, cohort: "year" } }) keeps both', () => {
    expect(resolveSettings({ dynamics: { windowMonths: 60, cohort: 'year' } }).dynamics).toEqual({ windowMonths: 60, cohort: 'year' });
  });

  it('resolveSettings({ dynamics: { windowMonths: 1 } }) keeps the default cohort period', () => {
    expect(resolveSettings({ dynamics: { windowMonths: 1 } }).dynamics).toEqual({ windowMonths: 1, cohort: 'quarter' });
  });

  it.each([0, 61, 2.5, -12, NaN, '12' as unknown as number])('a window of %p months is a #NUM! error with the key windowMonths', (windowMonths) => {
    const e = kcError(() => resolveSettings({ dynamics: { windowMonths } }));
    expect([e.code, e.key, e.params.max]).toEqual(['#NUM!', 'windowMonths', 60]);
  });

  it('a window of 0 months reads in English, Russian and Polish', () => {
    const e = kcError(() => resolveSettings({ dynamics: { windowMonths: 0 } }));
    expect(e.message).toBe('the window must be a whole number of months from 1 to 60, not 0');
    expect(errorText(e, 'en')).toBe('The window must be a whole number of months from 1 to 60, not 0.');
    expect(errorText(e, 'ru')).toBe('Период показателей должен быть целым числом месяцев от 1 до 60, а не 0.');
    expect(errorText(e, 'pl')).toBe('Okres wskaźników musi być liczbą całkowitą miesięcy od 1 do 60, a nie 0.');
  });

  it('the cohort period "week" is a #VALUE! error with the key cohortPeriod, in three languages', () => {
    const e = kcError(() => resolveSettings({ dynamics: { cohort: 'week' as 'month' } }));
    expect([e.code, e.key]).toEqual(['#VALUE!', 'cohortPeriod']);
    expect(errorText(e, 'en')).toBe("The cohort period must be month, quarter or year, not 'week'.");
    expect(errorText(e, 'ru')).toBe('Период когорт должен быть month (месяц), quarter (квартал) или year (год), а не «week».');
    expect(errorText(e, 'pl')).toBe('Okres kohort musi być month (miesiąc), quarter (kwartał) lub year (rok), a nie „week”.');
  });
});
