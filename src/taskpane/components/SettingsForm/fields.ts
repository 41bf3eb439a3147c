import { ABC_DEFAULT_LIMITS, XYZ_DEFAULT_LIMITS, formatSettingNumber, type AbcMethod, type Lang, type SettingTextKind, type XyzMethod } from '../../../core';
import type { Strings } from '../../strings';

/** A key of the pane's strings whose value is a text (a label, a hint, an option). */
export type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];

/**
 * One setting of the form. The form is built from these lists alone: a field is one entry here and
 * its label in src/taskpane/strings/{en,ru,pl}.ts; its text is read by the core
 * (settingsFromText: "95%", "0,95" and "31.12.2017" read as the command line reads them), its default
 * comes from the core's defaultSettings(), and a problem found by the core is shown under it.
 */
export interface FieldSpec {
  /** The field's key in the form's value, and its input's id (`kc-setting-<id>`). */
  id: string;
  /** The setting's dotted path in SettingsInput ("abc.limitA"). */
  setting: string;
  /** How its text reads: "limit" (a % sign allowed), "rate" (a % sign up to 100 %), "whole", "date", "choice" or "switch" ("true" / "false"). */
  kind: SettingTextKind;
  label: TextKey;
  hint?: TextKey;
  /** The values of a "choice", each with the key of its label. */
  options?: ReadonlyArray<readonly [string, TextKey]>;
  /** A "choice" whose change resets other fields: the texts those fields take for the value chosen. */
  resets?: (value: string, lang: Lang) => Record<string, string>;
}

const limits = (ids: readonly [string, string], pair: readonly [number, number], lang: Lang) => ({
  [ids[0]]: formatSettingNumber(pair[0], lang),
  [ids[1]]: formatSettingNumber(pair[1], lang),
});

// The sections of the form, in the order shown. A new setting goes into its section's list; a new
// section is a new list added to SETTINGS_FIELDS (each in its own place, so that additions merge).

/** ABC (METHODS.md section 2): a change of method gives the limits that method's defaults. */
export const ABC_FIELDS = [
  {
    id: 'abcMethod', setting: 'abc.method', kind: 'choice', label: 'abcMethod', options: [['share', 'abcShare'], ['average', 'abcAverage']],
    resets: (method, lang) => limits(['limitA', 'limitB'], ABC_DEFAULT_LIMITS[method as AbcMethod], lang),
  },
  { id: 'basis', setting: 'abc.basis', kind: 'choice', label: 'basis', options: [['revenue', 'basisRevenue'], ['profit', 'basisProfit'], ['orders', 'basisOrders']] },
  { id: 'limitA', setting: 'abc.limitA', kind: 'limit', label: 'limitA' },
  { id: 'limitB', setting: 'abc.limitB', kind: 'limit', label: 'limitB' },
] as const satisfies readonly FieldSpec[];

/** XYZ (METHODS.md section 3): a change of method gives the limits that method's defaults. */
export const XYZ_FIELDS = [
  {
    id: 'xyzMethod', setting: 'xyz.method', kind: 'choice', label: 'xyzMethod', options: [['cv', 'xyzCv'], ['frequency', 'xyzFrequency']],
    resets: (method, lang) => limits(['limitX', 'limitY'], XYZ_DEFAULT_LIMITS[method as XyzMethod], lang),
  },
  { id: 'period', setting: 'xyz.period', kind: 'choice', label: 'xyzPeriod', options: [['month', 'month'], ['quarter', 'quarter'], ['week', 'week']] },
  { id: 'limitX', setting: 'xyz.limitX', kind: 'limit', label: 'limitX' },
  { id: 'limitY', setting: 'xyz.limitY', kind: 'limit', label: 'limitY' },
] as const satisfies readonly FieldSpec[];

/** RFM (METHODS.md section 4). */
export const RFM_FIELDS = [{ id: 'bins', setting: 'rfm.bins', kind: 'whole', label: 'rfmBins' }] as const satisfies readonly FieldSpec[];

/** The analysis date and the lifecycle (METHODS.md sections 1 and 5). */
export const LIFECYCLE_FIELDS = [
  { id: 'asOf', setting: 'asOf', kind: 'date', label: 'asOf', hint: 'asOfHint' },
  { id: 'lostDays', setting: 'lifecycle.lostDays', kind: 'whole', label: 'lostDays' },
  { id: 'atRiskDays', setting: 'lifecycle.atRiskDays', kind: 'whole', label: 'atRiskDays' },
  { id: 'newDays', setting: 'lifecycle.newDays', kind: 'whole', label: 'newDays' },
] as const satisfies readonly FieldSpec[];

/**
 * The KPIs over time (METHODS.md section 9): the period of the two windows in whole months (1-60, no %
 * sign, as the command line's --window reads it) and the period of the cohort tables.
 */
export const DYNAMICS_FIELDS = [
  { id: 'windowMonths', setting: 'dynamics.windowMonths', kind: 'whole', label: 'windowMonths', hint: 'windowHint' },
  { id: 'cohort', setting: 'dynamics.cohort', kind: 'choice', label: 'cohortPeriod', options: [['month', 'cohortMonth'], ['quarter', 'cohortQuarter'], ['year', 'cohortYear']] },
] as const satisfies readonly FieldSpec[];

/**
 * LTV (docs/methods.md section 10): the horizon in whole months (1-120, no % sign) and the yearly
 * discount rate ("10%", "10", "0,1" and "0.1" are 0.10, as the command line's --discount reads it).
 */
export const LTV_FIELDS = [
  { id: 'ltvMonths', setting: 'ltv.months', kind: 'whole', label: 'ltvMonths' },
  { id: 'discount', setting: 'ltv.discount', kind: 'rate', label: 'discount', hint: 'discountHint' },
] as const satisfies readonly FieldSpec[];

/**
 * The report's segment sheets, and live formulas (docs/methods.md "Live formulas"): a switch, stored
 * in the workbook with the other settings, that writes the Clients table's derived columns as Excel
 * formulas over its own columns with the settings in named cells on the Summary.
 */
export const SHEET_FIELDS = [
  { id: 'segmentBy', setting: 'segmentBy', kind: 'choice', label: 'segmentBy', options: [['abc', 'dimAbc'], ['abcXyz', 'dimAbcXyz'], ['rfm', 'dimRfm'], ['lifecycle', 'dimLifecycle']] },
  { id: 'formulas', setting: 'formulas', kind: 'switch', label: 'liveFormulas', hint: 'liveFormulasHint' },
] as const satisfies readonly FieldSpec[];

/** Every field of the settings form, in the order shown. */
export const SETTINGS_FIELDS = [
  ...ABC_FIELDS,
  ...XYZ_FIELDS,
  ...RFM_FIELDS,

  ...LIFECYCLE_FIELDS,
  ...DYNAMICS_FIELDS,
  ...LTV_FIELDS,

  ...SHEET_FIELDS,
] as const satisfies readonly FieldSpec[];

/** The key of a field of the settings form. */
export type FieldId = (typeof SETTINGS_FIELDS)[number]['id'];

/** The field of a setting path, if the form has one. */
export function fieldOfSetting(setting: string): FieldSpec | undefined {
  return (SETTINGS_FIELDS as readonly FieldSpec[]).find((f) => f.setting === setting);
}

/** The id of the input of a field, for labels and for focus. */
export function inputId(field: string): string {
  return `kc-setting-${field}`;
}
