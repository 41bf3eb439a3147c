import {
  defaultSettings, errorText, formatSettingDate, formatSettingNumber, isoToDay, settingsFromText,
  type Lang, type SettingProblem, type SettingsInput, type SlashOrder, type XyzSuggestion,
} from '../../../core';
import { SETTINGS_FIELDS, fieldOfSetting, type FieldId, type FieldSpec } from './fields';

/** The settings as the form holds them: each field's text as typed. */
export type SettingsFormValue = Record<FieldId, string>;

/** What is wrong with a field: the message shown under it, or none when another field carries it. */
export interface FieldProblem {
  message?: string;
  /** Every field its problems are about (limit A and limit B out of order: both), itself included. */
  group: FieldId[];
}

/** The form read: the settings to run with, and the problems by field (none: the settings are good). */
export interface FormReading {
  input: SettingsInput;
  problems: Partial<Record<FieldId, FieldProblem>>;
  /** The first field with a problem, in the order of the form, to focus; null when there is none. */
  first: FieldId | null;
  /** Problems of settings the form has no field for (e.g. stored settings), in words. */
  other: string[];
}

const FIELDS: readonly FieldSpec[] = SETTINGS_FIELDS;

function valueAt(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}

/**
 * A setting's value as the text of its field: numbers with the language's decimal mark ("0,75"),
 * dates in the regional order ("31.12.2017"), choices as they are, "not set" as blank.
 */
function textOf(field: FieldSpec, value: unknown, lang: Lang, dateOrder: SlashOrder | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatSettingNumber(value, lang);
  if (field.kind === 'date' && typeof value === 'string') {
    const day = isoToDay(value);
    return Number.isNaN(day) ? value : formatSettingDate(day, dateOrder);
  }
  return String(value);
}

/** The defaults of METHODS.md, as the form's texts in a language ("0,75" in Russian and Polish). */
export function defaultForm(lang: Lang = 'en'): SettingsFormValue {
  const d = defaultSettings();
  const out = {} as SettingsFormValue;
  for (const f of FIELDS) out[f.id as FieldId] = textOf(f, valueAt(d, f.setting), lang, null);
  return out;
}

/**
 * The form after one field changed to `text`: a choice that resets others (a method and its limits)
 * gives them their texts for the value chosen.
 */
export function withField(v: SettingsFormValue, id: FieldId, text: string, lang: Lang = 'en'): SettingsFormValue {
  const field = FIELDS.find((f) => f.id === id);
  return { ...v, [id]: text, ...(field?.resets ? field.resets(text, lang) : {}) };
}

/** The form after a change of ABC method or XYZ method: limits take that method's defaults. */
export function withMethodDefaults(v: SettingsFormValue, lang: Lang = 'en'): SettingsFormValue {
  return withField(withField(v, 'abcMethod', v.abcMethod, lang), 'xyzMethod', v.xyzMethod, lang);
}

/**
 * The form with some settings set (by their paths, e.g. a suggestion to apply), as texts of their
 * fields; a choice among them resets its dependent fields first, so the values given win.
 */
export function withSettings(v: SettingsFormValue, values: Readonly<Record<string, string | number | boolean | null>>, lang: Lang, dateOrder: SlashOrder | null): SettingsFormValue {
  let out = v;
  const entries = Object.entries(values).map(([setting, value]) => [fieldOfSetting(setting), value] as const);
  for (const [f, value] of entries) if (f?.kind === 'choice') out = withField(out, f.id as FieldId, String(value), lang);
  for (const [f, value] of entries) if (f && f.kind !== 'choice') out = { ...out, [f.id]: textOf(f, value, lang, dateOrder) };
  return out;
}

/** The form with the XYZ period, method and limits of the engine's suggestion. */
export function applyXyzSuggestion(v: SettingsFormValue, s: Pick<XyzSuggestion, 'period' | 'method' | 'limitX' | 'limitY'>, lang: Lang): SettingsFormValue {
  return withSettings(v, { 'xyz.method': s.method, 'xyz.period': s.period, 'xyz.limitX': s.limitX, 'xyz.limitY': s.limitY }, lang, null);
}

/**
 * Reads the form by the core's rules (settingsFromText): the settings input, and each problem as a
 * message in the pane's language under the field it is about (the other fields it names are marked).
 * @param v the form's texts.
 * @param options the pane's language and the regional order of dates (null when unknown).
 */
export function readForm(v: SettingsFormValue, options: { lang: Lang; dateOrder: SlashOrder | null }): FormReading {
  const texts = FIELDS.map((f) => ({ setting: f.setting, kind: f.kind, text: v[f.id as FieldId] ?? '' }));
  const { input, problems } = settingsFromText(texts, { dateOrder: options.dateOrder });
  const byField: Partial<Record<FieldId, FieldProblem>> = {};
  const other: string[] = [];
  const say = (p: SettingProblem) => errorText(p, options.lang);
  for (const p of problems) {
    const [main, ...rest] = p.settings.map(fieldOfSetting);
    if (!main) {
      other.push(say(p));
      continue;
    }
    const ids = [main, ...rest].filter((f): f is FieldSpec => f !== undefined).map((f) => f.id as FieldId);
    ids.forEach((id, i) => {
      const known = byField[id];
      const group = [...new Set([...(known?.group ?? []), ...ids])];
      byField[id] = i === 0 && !known?.message ? { message: say(p), group } : { ...known, group };
    });
  }
  const first = (FIELDS.find((f) => byField[f.id as FieldId])?.id as FieldId | undefined) ?? null;
  return { input, problems: byField, first, other };
}

/**
 * The problems of the fields the user has been through: a problem shows once the user has left any
 * field it is about (typing on in a field keeps its message up to date).
 */
export function visibleProblems(reading: FormReading, left: ReadonlySet<FieldId>): Partial<Record<FieldId, FieldProblem>> {
  const out: Partial<Record<FieldId, FieldProblem>> = {};
  for (const [id, p] of Object.entries(reading.problems) as Array<[FieldId, FieldProblem]>) if (p.group.some((g) => left.has(g))) out[id] = p;
  return out;
}

/** The form of stored settings (missing values take the defaults: a method's limits its own). */
export function fromSettingsInput(input: SettingsInput, lang: Lang = 'en', dateOrder: SlashOrder | null = null): SettingsFormValue {
  const values: Record<string, string | number | boolean | null> = {};
  for (const f of FIELDS) {
    const v = valueAt(input, f.setting);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[f.setting] = v;
  }
  return withSettings(defaultForm(lang), values, lang, dateOrder);
}
