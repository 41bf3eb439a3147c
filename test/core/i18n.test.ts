/**
 * Report texts in English, Russian and Polish.
 */
import { errorText, KcError, langOf, texts, warningText } from '../../src/core';
import type { Lang } from '../../src/core';

const LANGS: Lang[] = ['en', 'ru', 'pl'];
const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('warningText(warning, lang)', () => {
  it('warningText(rowsAfterAsOf, "en") fills the placeholders', () => {
    expect(warningText({ code: 'rowsAfterAsOf', params: { rows: 2, asOf: '2024-05-31' } }, 'en')).toBe(
      '2 rows dated after the analysis date 2024-05-31 were left out',
    );
  });

  it('warningText(unknown code, "en") falls back to the code', () => {
    expect(warningText({ code: 'noSuchWarning', params: {} }, 'en')).toBe('noSuchWarning');
  });

  it.each(LANGS)('warningText(xyzOneClass, %s) names the period in the language, leaving no placeholder', (lang) => {
    const s = warningText({ code: 'xyzOneClass', params: { cls: 'Z', share: 100, period: 'month', method: 'cv' } }, lang);
    expect(s).not.toMatch(/\{\w+\}/);
    expect(s).toContain(texts(lang).period.month);
  });

  it.each(LANGS)('warningText(ltvTooFewRepeatBuyers, %s) names how many repeat buyers there are and how many are needed', (lang) => {
    const s = warningText({ code: 'ltvTooFewRepeatBuyers', params: { buyers: 12, needed: 20 } }, lang);
    expect([s.includes('12'), s.includes('20'), /\{\w+\}/.test(s)]).toEqual([true, true, false]);
  });

  it('warningText(ltvTooFewRepeatBuyers, "en") says it in plain words', () => {
    expect(warningText({ code: 'ltvTooFewRepeatBuyers', params: { buyers: 12, needed: 20 } }, 'en')).toMatch(/^LTV model not fitted: too few repeat buyers \(12 of the 20 needed\)/);
  });

  it.each(LANGS)('warningText(ltvInfiniteMeanValue, %s) writes q with the language\'s decimal separator', (lang) => {
    expect(warningText({ code: 'ltvInfiniteMeanValue', params: { q: 0.701 } }, lang)).toContain(lang === 'en' ? 'q = 0.701' : 'q = 0,701');
  });

  it.each(['ru', 'pl'] as Lang[])('texts(%s).warning uses the same placeholders as English for every code', (lang) => {
    const en = texts('en').warning as Record<string, string>;
    const other = texts(lang).warning as Record<string, string>;
    for (const code of Object.keys(en)) expect([code, placeholders(other[code])]).toEqual([code, placeholders(en[code])]);
  });
});

describe('texts(lang)', () => {
  it.each(LANGS)('texts(%s).rfm has a name and an action for every segment key', (lang) => {
    const rfm: Record<string, string[]> = texts(lang).rfm;
    expect(Object.keys(rfm).sort()).toEqual(Object.keys(texts('en').rfm).sort());
    for (const [name, action] of Object.values(rfm)) {
      expect(name.length).toBeGreaterThan(0);
      expect(action.length).toBeGreaterThan(0);
    }
  });
});

describe('langOf(tag)', () => {
  it.each<[string | null | undefined, Lang]>([
    ['ru-RU', 'ru'],
    ['pl-PL', 'pl'],
    ['PL', 'pl'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ])('langOf(%j) is %s', (tag, lang) => {
    expect(langOf(tag)).toBe(lang);
  });
});

describe('errorText(kcError, lang)', () => {
  it('errorText gives the header-only error in Russian and Polish', () => {
    const e = new KcError('#N/A', 'the range has a header but no rows of data', 'headerOnly');
    expect(errorText(e, 'ru')).toBe('В диапазоне есть заголовок, но нет строк данных.');
    expect(errorText(e, 'pl')).toBe('Zakres ma nagłówek, ale nie ma wierszy danych.');
  });
  it('errorText fills the parameters of the every-row-bad error', () => {
    const e = new KcError('#VALUE!', 'x', 'everyRowBad', { rows: 2, examples: "row 2: amount 'n/a' is not a number" });
    expect(errorText(e, 'en')).toBe("Every row is bad (2 skipped), for example row 2: amount 'n/a' is not a number");
  });
  it('errorText falls back to the message for an error without a key', () => {
    expect(errorText(new KcError('#NUM!', 'bins must be 2..9'), 'ru')).toBe('bins must be 2..9');
  });
  it('every language has a text for every error key', () => {
    for (const lang of ['ru', 'pl'] as const) expect(Object.keys(texts(lang).error).sort()).toEqual(Object.keys(texts('en').error).sort());
  });
});
