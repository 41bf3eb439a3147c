import type { Lang, SkippedRow, Warning } from '../types';
import { en, type Plural, type Texts } from './en';
import { ru } from './ru';
import { pl } from './pl';

export type { Plural, Texts };

const TEXTS: Readonly<Record<Lang, Texts>> = { en, ru, pl };

/** The report texts of a language. */
export function texts(lang: Lang): Texts {
  return TEXTS[lang];
}

/** Fills "{name}" placeholders. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * A number as written in the texts of a language: the decimal separator is a comma in Russian and
 * Polish ("36,6"), a dot in English. Presentation only: the digits are the number's own.
 * @example decimal(36.6, 'ru') // "36,6"
 */
export function decimal(n: number, lang: Lang): string {
  const s = String(n);
  return lang === 'en' ? s : s.replace('.', ',');
}

/**
 * A date as people of the language write it in a sentence: 2017-12-30 in English, 30.12.2017 in
 * Russian and Polish. Cells keep dates as dates; this is for texts only.
 * @param iso a yyyy-mm-dd date.
 * @example dateText('2017-12-30', 'ru') // "30.12.2017"; dateText('2017-12-30', 'en') // "2017-12-30"
 */
export function dateText(iso: string, lang: Lang): string {
  return lang === 'en' ? iso : `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Parameters of warnings that hold a date (yyyy-mm-dd), written as the language writes dates. */
const DATE_PARAMS = new Set(['first', 'from', 'to', 'asOf', 'date', 'today', 'previous', 'cut', 'pFrom', 'pTo', 'latest']);

/** A warning in words, in the given language. */
export function warningText(w: Warning, lang: Lang): string {
  const t = texts(lang);
  const template = (t.warning as Record<string, string>)[w.code];
  if (!template) return w.code;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(w.params)) {
    params[k] = typeof v === 'number' ? decimal(v, lang) : DATE_PARAMS.has(k) && ISO_DATE.test(v) ? dateText(v, lang) : v;
  }
  for (const k of ['period', 'suggestPeriod']) if (typeof params[k] === 'string') params[k] = (t.period as Record<string, string>)[params[k] as string] ?? params[k];
  for (const k of ['method', 'suggestMethod']) if (typeof params[k] === 'string') params[k] = (t.method as Record<string, string>)[params[k] as string] ?? params[k];
  return format(template, params);
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * A counted phrase in the right grammatical form: the form Intl.PluralRules of the language picks
 * for `n` (Russian and Polish: one, few, many; English: one, other), "{n}" filled with `n`.
 * @param forms the phrase's forms, `other` at least.
 * @param n the count.
 * @param lang the language whose plural rules apply.
 * @example plural({ one: '{n} клиент', few: '{n} клиента', many: '{n} клиентов', other: '{n} клиента' }, 22, 'ru') // "22 клиента"
 * plural({ one: '{n} key client', other: '{n} key clients' }, 1, 'en') // "1 key client"
 */
export function plural(forms: Plural, n: number, lang: Lang): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return format(forms[rules.select(n)] ?? forms.other, { n: decimal(n, lang) });
}

/**
 * A whole number with the language's digit grouping ("1,000,000"; "1 000 000" in Russian and Polish),
 * for numbers inside sentences; the cells of a workbook keep plain numbers.
 * @example grouped(1000000, 'en') // "1,000,000"
 */
export function grouped(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0, useGrouping: true }).format(n);
}

/** A skipped row's reason in the given language ("строка 17: сумма 'n/a' не число"). */
export function skippedText(s: SkippedRow, lang: Lang): string {
  return skippedTextIn(s, texts(lang));
}

/**
 * A skipped row's reason in the texts given: for the reader's English reasons, which import the
 * English texts alone (so that the custom functions' bundle, which reads sales rows, does not carry
 * the Russian and Polish report texts).
 */
export function skippedTextIn(s: SkippedRow, t: Texts): string {
  const params: Record<string, string | number> = { ...s.params, row: s.row, field: t.field[s.field], value: s.value };
  if (params.order === 'dmy' || params.order === 'mdy') params.order = t.dateOrder[params.order];
  return format(t.skip[s.problem], params);
}

/**
 * An engine error in words of the given language: its translated text when the error has a key,
 * else its (English) message. Numbers among its values take the language's decimal mark ("0,95").
 */
export function errorText(e: { key?: string; params?: Record<string, string | number>; message: string }, lang: Lang): string {
  const template = e.key ? (texts(lang).error as Record<string, string>)[e.key] : undefined;
  if (!template) return e.message;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params ?? {})) params[k] = typeof v === 'number' ? decimal(v, lang) : v;
  return format(template, params);
}

/** The language of an Office display language tag ("ru-RU" -> "ru"); English for anything else. */
export function langOf(tag: string | undefined | null): Lang {
  const p = (tag ?? '').slice(0, 2).toLowerCase();
  return p === 'ru' || p === 'pl' ? p : 'en';
}
