import type { Lang } from '../../core';
import { en, type Strings } from './en';
import { ru } from './ru';
import { pl } from './pl';

export type { Strings };

const ALL: Readonly<Record<Lang, Strings>> = { en, ru, pl };

/** The pane's strings in a language. */
export function strings(lang: Lang): Strings {
  return ALL[lang];
}

/** Fills "{name}" placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
