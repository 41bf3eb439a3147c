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

/** Fills "{name}" placeholders (the core's formatter). */
export { format as fill } from '../../core';
