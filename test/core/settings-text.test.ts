/**
 * Settings as a person types them (issue 9 item 2, docs/methods.md "Settings as typed"): percents,
 * decimal commas, spaces and dates in the user's own order, read by one rule for the pane and the
 * command line; every problem named with the settings it is about and worded in en/ru/pl.
 */
import {
  errorText, formatSettingDate, formatSettingNumber, isSettingError, parseSettingDate, parseSettingNumber, resolveSettings, settingsFromText,
  type SettingText,
} from '../../src/core';
import { day, deepFreeze, kcError } from './helpers';

const limitB = (text: string): SettingText => ({ setting: 'abc.limitB', kind: 'limit', text });

describe('parseSettingNumber(text, kind)', () => {
  it.each([
    ['95%', 0.95],
    ['95 %', 0.95],
    [' 95\u00a0% ', 0.95],
    ['0,95', 0.95],
    ['0.95', 0.95],
    ['95', 95],
    ['7,5 %', 0.075],
    ['100%', 1],
  ])('parseSettingNumber(%p, "limit") is %p', (text, expected) => {
    expect(parseSettingNumber(text, 'limit')).toBe(expected);
  });

  it('parseSettingNumber("1 000", "whole") reads a space between thousands: 1000', () => {
    expect(parseSettingNumber('1 000', 'whole')).toBe(1000);
  });

  it('parseSettingNumber("  ", "limit") is null: a blank text holds no number', () => {
    expect(parseSettingNumber('  ', 'limit')).toBeNull();
  });

  it.each(['abc', '%', '95%%', '0,9,5', '12 34'])('parseSettingNumber(%p, "limit") is a #VALUE! error with the key settingNotNumber and the text', (text) => {
    const e = kcError(() => parseSettingNumber(text, 'limit', 'abc.limitB'));
    expect([e.code, e.key, e.params.value]).toEqual(['#VALUE!', 'settingNotNumber', text]);
  });

  it('parseSettingNumber("50%", "whole") is an error with the key settingNoPercent: days take no percent', () => {
    const e = kcError(() => parseSettingNumber('50%', 'whole', 'lifecycle.lostDays'));
    expect(e.key).toBe('settingNoPercent');
    expect(isSettingError(e) && e.settings).toEqual(['lifecycle.lostDays']);
  });
});

describe('parseSettingNumber(text, "rate"): the yearly discount rate', () => {
  it.each([
    ['10%', 0.1],
    ['0,1', 0.1],
    ['0.1', 0.1],
    ['0,5 %', 0.005],
    ['100%', 1],
    ['0%', 0],
    ['10', 10],
  ])('parseSettingNumber(%p, "rate") is %p', (text, expected) => {
    expect(parseSettingNumber(text, 'rate')).toBe(expected);
  });

  it.each(['150%', '-5%'])('parseSettingNumber(%p, "rate") is a #NUM! error with the key settingPercentRange, not a rate read again as a percent', (text) => {
    const e = kcError(() => parseSettingNumber(text, 'rate', 'ltv.discount'));
    expect([e.code, e.key, e.params.value]).toEqual(['#NUM!', 'settingPercentRange', text]);
    expect(isSettingError(e) && e.settings).toEqual(['ltv.discount']);
  });

  it.each(['10%', '10', '0,1', '0.1'])('settingsFromText(discount %p) resolves to 0.10 with no problem', (text) => {
    const { input, problems } = settingsFromText([{ setting: 'ltv.discount', kind: 'rate', text }], { dateOrder: 'dmy' });
    expect(problems).toEqual([]);
    expect(resolveSettings(input).ltv.discount).toBe(0.1);
  });

  it('settingsFromText(horizon "0") names the setting ltv.months with the key ltvMonths', () => {
    const { problems } = settingsFromText([{ setting: 'ltv.months', kind: 'whole', text: '0' }], { dateOrder: 'dmy' });
    expect(problems.map((p) => [p.settings, p.key])).toEqual([[['ltv.months'], 'ltvMonths']]);
  });
});

describe('"95%", "95", "0,95" and "0.95" as limit B', () => {
  it.each(['95%', '95', '0,95', '0.95', '95 %'])('settingsFromText(limit B %p) resolves to 0.95 with no problem', (text) => {
    const { input, problems } = settingsFromText([limitB(text)], { dateOrder: 'dmy' });
    expect(problems).toEqual([]);
    expect(resolveSettings(input).abc.limitB).toBe(0.95);
  });
});

describe('parseSettingDate(text, order)', () => {
  it.each<[string, 'dmy' | 'mdy' | null]>([
    ['31.12.2017', 'dmy'],
    ['31.12.2017', 'mdy'], // dots are always day first
    ['31/12/2017', 'dmy'],
    ['12/31/2017', 'mdy'],
    ['2017-12-31', 'mdy'],
    ['2017-12-31', null],
    ['31.12.17', 'dmy'],
    [' 31.12.2017 ', 'dmy'],
    ['31/12/2017', null], // 31 cannot be a month
    ['12/31/2017', null],
  ])('parseSettingDate(%p, %p) is 2017-12-31', (text, order) => {
    expect(parseSettingDate(text, order)).toBe('2017-12-31');
  });

  it('parseSettingDate("04/05/2017", "dmy") is 4 May and with "mdy" 5 April', () => {
    expect([parseSettingDate('04/05/2017', 'dmy'), parseSettingDate('04/05/2017', 'mdy')]).toEqual(['2017-05-04', '2017-04-05']);
  });

  it('parseSettingDate("") is null: no date set, the latest date of the data is used', () => {
    expect(parseSettingDate('', 'dmy')).toBeNull();
  });

  it('parseSettingDate("31.13.2017", "dmy") is a #VALUE! error with an example in the day-first format', () => {
    const e = kcError(() => parseSettingDate('31.13.2017', 'dmy'));
    expect([e.code, e.key, e.params]).toEqual(['#VALUE!', 'settingNotDate', { value: '31.13.2017', example: '31.12.2017' }]);
  });

  it('parseSettingDate("soon", "mdy") gives its example month first', () => {
    expect(kcError(() => parseSettingDate('soon', 'mdy')).params.example).toBe('12/31/2017');
  });

  it('parseSettingDate("29.02.2023", "dmy") is an error: that day does not exist', () => {
    expect(kcError(() => parseSettingDate('29.02.2023', 'dmy')).key).toBe('settingNotDate');
  });

  it('parseSettingDate("04/05/2017", null) is an error with both readings when no order is known', () => {
    const e = kcError(() => parseSettingDate('04/05/2017', null));
    expect([e.key, e.params.dmy, e.params.mdy]).toEqual(['settingDateAmbiguous', '2017-05-04', '2017-04-05']);
  });

  it('parseSettingDate("05/05/2017", null) is 5 May: both readings agree', () => {
    expect(parseSettingDate('05/05/2017', null)).toBe('2017-05-05');
  });
});

describe('formatSettingDate(day, order) and formatSettingNumber(n, lang)', () => {
  it('formatSettingDate(2017-12-31) is 31.12.2017 day first, 12/31/2017 month first, 2017-12-31 without an order', () => {
    const d = day(2017, 12, 31);
    expect([formatSettingDate(d, 'dmy'), formatSettingDate(d, 'mdy'), formatSettingDate(d, null)]).toEqual(['31.12.2017', '12/31/2017', '2017-12-31']);
  });

  it('formatSettingDate(2024-03-05, "dmy") pads the day and the month: 05.03.2024', () => {
    expect(formatSettingDate(day(2024, 3, 5), 'dmy')).toBe('05.03.2024');
  });

  it.each<['dmy' | 'mdy']>([['dmy'], ['mdy']])('parseSettingDate reads back what formatSettingDate wrote (%s)', (order) => {
    for (const d of [day(2024, 1, 2), day(2024, 12, 1), day(1999, 7, 31)]) {
      expect(parseSettingDate(formatSettingDate(d, order), order)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('formatSettingNumber(0.75) is "0,75" in Russian and Polish, "0.75" in English', () => {
    expect([formatSettingNumber(0.75, 'ru'), formatSettingNumber(0.75, 'pl'), formatSettingNumber(0.75, 'en')]).toEqual(['0,75', '0,75', '0.75']);
  });
});

describe('settingsFromText(texts, options)', () => {
  const texts = (over: Record<string, string> = {}): SettingText[] => [
    { setting: 'abc.method', kind: 'choice', text: over.method ?? 'share' },
    { setting: 'abc.limitA', kind: 'limit', text: over.limitA ?? '75%' },
    { setting: 'abc.limitB', kind: 'limit', text: over.limitB ?? '0,95' },
    { setting: 'lifecycle.lostDays', kind: 'whole', text: over.lostDays ?? '365' },
    { setting: 'lifecycle.atRiskDays', kind: 'whole', text: over.atRiskDays ?? '180' },
    { setting: 'asOf', kind: 'date', text: over.asOf ?? '31.12.2017' },
  ];

  it('reads every text into the settings input', () => {
    const { input, problems } = settingsFromText(texts(), { dateOrder: 'dmy' });
    expect(problems).toEqual([]);
    expect(input).toEqual({ abc: { method: 'share', limitA: 0.75, limitB: 0.95 }, lifecycle: { lostDays: 365, atRiskDays: 180 }, asOf: '2017-12-31' });
  });

  it('a blank date is "not set": asOf null', () => {
    expect(settingsFromText(texts({ asOf: ' ' }), { dateOrder: 'dmy' }).input.asOf).toBeNull();
  });

  it('a blank number is a problem with the key settingBlank', () => {
    const { problems } = settingsFromText(texts({ limitA: '' }), { dateOrder: 'dmy' });
    expect(problems.map((p) => [p.settings, p.key])).toEqual([[['abc.limitA'], 'settingBlank']]);
  });

  it('limits out of order are one problem about both limits, limit A first', () => {
    const { problems } = settingsFromText(texts({ limitA: '0,95', limitB: '90%' }), { dateOrder: 'dmy' });
    expect(problems).toHaveLength(1);
    expect([problems[0].settings, problems[0].code, problems[0].key, problems[0].params]).toEqual([['abc.limitA', 'abc.limitB'], '#NUM!', 'shareLimitsOrder', { limitA: 0.95, limitB: 0.9 }]);
  });

  it('finds every problem at once, listed in the order of the fields', () => {
    const { problems } = settingsFromText(texts({ limitA: '0,95', limitB: '90%', atRiskDays: 'soon', asOf: '32.12.2017' }), { dateOrder: 'dmy' });
    expect(problems.map((p) => `${p.settings[0]}:${p.key}`)).toEqual(['abc.limitA:shareLimitsOrder', 'lifecycle.atRiskDays:settingNotNumber', 'asOf:settingNotDate']);
  });

  it('finds a problem of the resolved settings behind another one: at-risk days not below lost days after limits out of order', () => {
    const { problems } = settingsFromText(texts({ limitA: '0,95', limitB: '0,9', atRiskDays: '400' }), { dateOrder: 'dmy' });
    expect(problems.map((p) => p.key)).toEqual(['shareLimitsOrder', 'settingAtRiskBelowLost']);
    expect(problems[1].settings).toEqual(['lifecycle.atRiskDays', 'lifecycle.lostDays']);
  });

  it('does not mutate the base settings it reads over', () => {
    const base = deepFreeze({ rfm: { bins: 3 }, abc: { basis: 'profit' as const } });
    const { input } = settingsFromText([limitB('95')], { dateOrder: 'dmy', base });
    expect(input).toEqual({ rfm: { bins: 3 }, abc: { basis: 'profit', limitB: 95 } });
  });

  it('an average-method limit takes a % sign too: "600%" is 6 times the average', () => {
    const { input, problems } = settingsFromText([{ setting: 'abc.method', kind: 'choice', text: 'average' }, { setting: 'abc.limitA', kind: 'limit', text: '600%' }], { dateOrder: 'dmy' });
    expect(problems).toEqual([]);
    expect(resolveSettings(input).abc.limitA).toBe(6);
  });
});

describe('the problems in three languages', () => {
  const first = (t: SettingText[]) => settingsFromText(t, { dateOrder: 'dmy' }).problems[0];

  it('limits out of order read with the language decimal mark', () => {
    const p = first([{ setting: 'abc.limitA', kind: 'limit', text: '0,95' }, limitB('90%')]);
    expect(errorText(p, 'en')).toBe('Limit A (0.95) must be below limit B (0.9).');
    expect(errorText(p, 'ru')).toBe('Граница A (0,95) должна быть меньше границы B (0,9).');
    expect(errorText(p, 'pl')).toBe('Próg A (0,95) musi być niższy niż próg B (0,9).');
  });

  it('a text that is no number is quoted back', () => {
    const p = first([limitB('девяносто')]);
    expect(errorText(p, 'ru')).toBe('«девяносто» — не число: введите цифры, дробную часть — через запятую или точку.');
    expect(errorText(p, 'pl')).toMatch(/^„девяносто” nie jest liczbą/);
    expect(errorText(p, 'en')).toMatch(/^'девяносто' is not a number/);
  });

  it('a date that is no date gives the format to type', () => {
    const p = first([{ setting: 'asOf', kind: 'date', text: '31-12' }]);
    expect(errorText(p, 'ru')).toBe('«31-12» — не дата: введите её как 31.12.2017 (или гггг-мм-дд).');
    expect(errorText(p, 'pl')).toBe('„31-12” nie jest datą: wpisz ją jako 31.12.2017 (albo rrrr-mm-dd).');
    expect(errorText(p, 'en')).toBe("'31-12' is not a date: type it as 31.12.2017 (or yyyy-mm-dd).");
  });
});

describe('resolveSettings names the settings of its errors', () => {
  it.each<[string, Parameters<typeof resolveSettings>[0], string[], string]>([
    ['bins 10', { rfm: { bins: 10 } }, ['rfm.bins'], 'rfmBins'],
    ['CV limit X above limit Y', { xyz: { limitX: 0.3, limitY: 0.2 } }, ['xyz.limitX', 'xyz.limitY'], 'cvLimits'],
    ['frequency limits out of order', { xyz: { method: 'frequency', limitX: 0.2, limitY: 0.3 } }, ['xyz.limitX', 'xyz.limitY'], 'frequencyLimits'],
    ['a share limit of 150', { abc: { limitA: 150 } }, ['abc.limitA', 'abc.limitB'], 'shareLimitsRange'],
    ['average limits with no room for B', { abc: { method: 'average', limitA: 1, limitB: 1 } }, ['abc.limitA', 'abc.limitB'], 'averageLimitsNoB'],
    ['negative new days', { lifecycle: { newDays: -1 } }, ['lifecycle.newDays'], 'settingWholeDays'],
    ['an analysis date not in yyyy-mm-dd', { asOf: '30.06.2024' }, ['asOf'], 'settingNotDate'],
    ['a window of 0 months', { dynamics: { windowMonths: 0 } }, ['dynamics.windowMonths'], 'windowMonths'],
    ['an unknown XYZ period', { xyz: { period: 'year' as 'month' } }, ['xyz.period'], 'settingNotOneOf'],
  ])('resolveSettings(%s) is a SettingError about %p with the key %s', (_what, input, settings, key) => {
    const e = kcError(() => resolveSettings(input));
    expect(isSettingError(e) ? [e.settings, e.key] : null).toEqual([settings, key]);
  });
});
