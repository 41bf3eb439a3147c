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

  it.each(LANGS)('warningText(xyzOneClass, %s) names both periods and methods in the language, leaving no placeholder', (lang) => {
    const params = { cls: 'Z', share: 100, period: 'month', method: 'cv', suggestPeriod: 'quarter', suggestMethod: 'frequency', x: 1, y: 642, z: 150 };
    const s = warningText({ code: 'xyzOneClass', params }, lang);
    expect(s).not.toMatch(/\{\w+\}/);
    for (const part of [texts(lang).period.month, texts(lang).method.cv, `${texts(lang).period.quarter} + ${texts(lang).method.frequency}`, 'X 1, Y 642, Z 150']) expect(s).toContain(part);
  });

  it('warningText(xyzOneClass, "en") names the settings in use and the ones that split the clients', () => {
    const params = { cls: 'Z', share: 100, period: 'month', method: 'cv', suggestPeriod: 'quarter', suggestMethod: 'frequency', x: 1, y: 642, z: 150 };
    expect(warningText({ code: 'xyzOneClass', params }, 'en')).toBe(
      '100 % of clients are in Z (months, CV), so XYZ does not tell them apart; quarters + frequency split them: X 1, Y 642, Z 150',
    );
  });

  it('warningText(xyzOneClassNoSplit, "en") says plainly that no other setting splits the clients', () => {
    expect(warningText({ code: 'xyzOneClassNoSplit', params: { cls: 'Z', share: 95.5, period: 'quarter', method: 'frequency' } }, 'en')).toBe(
      '95.5 % of clients are in Z (quarters, frequency), and no other period or method splits them (months, quarters or weeks; CV or frequency): XYZ cannot tell these clients apart',
    );
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
  /** Every string of a texts object with its path, e.g. ["rules.abcShare", "ABC on {basis}: ..."]. */
  const leaves = (o: unknown, at = ''): Array<[string, string]> =>
    typeof o === 'string' ? [[at, o]] : Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));

  it.each(['ru', 'pl'] as Lang[])('texts(%s) fills the same placeholders as English in every text', (lang) => {
    const other = new Map(leaves(texts(lang)));
    for (const [at, en] of leaves(texts('en'))) {
      // a plural form has only {n}; English has fewer forms than Russian and Polish. The CSI error's
      // {answers} is the English "answer(s)": Russian and Polish write the count after a colon instead
      if (/^run\.(clients|keyClients|rows)\./.test(at)) continue;
      if (at === 'error.csiUndefined') continue;
      const unique = (x: string) => [...new Set(placeholders(x))];
      expect([at, unique(other.get(at) ?? '')]).toEqual([at, unique(en)]);
    }
  });

  it.each(['ru', 'pl'] as Lang[])('texts(%s).run has the one, few, many and other forms of every counted phrase', (lang) => {
    for (const k of ['clients', 'keyClients', 'rows'] as const) expect(Object.keys(texts(lang).run[k]).sort()).toEqual(['few', 'many', 'one', 'other']);
  });

  it('texts("pl") names the frequent buyers of low value by their frequent purchases, not as "Zajęci" (busy)', () => {
    expect(texts('pl').rfm.low_value_regulars[0]).toBe('Częste zakupy, niska wartość');
  });

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
