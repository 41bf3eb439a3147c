import type { Lang, SkippedRow, Warning } from '../types';
import { en, type Texts } from './en';
import { ru } from './ru';
import { pl } from './pl';

export type { Texts };

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

/** A warning in words, in the given language. */
export function warningText(w: Warning, lang: Lang): string {
  const t = texts(lang);
  const template = (t.warning as Record<string, string>)[w.code];
  if (!template) return w.code;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(w.params)) params[k] = typeof v === 'number' ? decimal(v, lang) : v;
  if (typeof params.period === 'string') params.period = (t.period as Record<string, string>)[params.period] ?? params.period;
  if (typeof params.method === 'string') params.method = (t.method as Record<string, string>)[params.method] ?? params.method;
  return format(template, params);
}

/** A skipped row's reason in the given language ("строка 17: сумма 'n/a' не число"). */
export function skippedText(s: SkippedRow, lang: Lang): string {
  const t = texts(lang);
  const params: Record<string, string | number> = { ...s.params, row: s.row, field: t.field[s.field], value: s.value };
  if (params.order === 'dmy' || params.order === 'mdy') params.order = t.dateOrder[params.order];
  return format(t.skip[s.problem], params);
}

/**
 * An engine error in words of the given language: its translated text when the error has a key,
 * else its (English) message.
 */
export function errorText(e: { key?: string; params?: Record<string, string | number>; message: string }, lang: Lang): string {
  const template = e.key ? (texts(lang).error as Record<string, string>)[e.key] : undefined;
  return template ? format(template, e.params ?? {}) : e.message;
}

/** The language of an Office display language tag ("ru-RU" -> "ru"); English for anything else. */
export function langOf(tag: string | undefined | null): Lang {
  const p = (tag ?? '').slice(0, 2).toLowerCase();
  return p === 'ru' || p === 'pl' ? p : 'en';
}
