import { KcError } from './errors';
import type { Lang } from './types';

// The allowed values of each choice setting, in the order messages list them: resolveSettings, the
// command line's flags and the custom functions' `method` arguments all check against these lists.

/** The ABC methods, default first. */
export const ABC_METHODS = ['share', 'average'] as const;
/** The ABC bases, default first. */
export const ABC_BASES = ['revenue', 'profit', 'orders'] as const;
/** The XYZ methods, default first. */
export const XYZ_METHODS = ['cv', 'frequency'] as const;
/** The XYZ period kinds, default first. */
export const PERIOD_KINDS = ['month', 'quarter', 'week'] as const;
/** The date orders, default first. */
export const DATE_ORDERS = ['auto', 'dmy', 'mdy'] as const;
/** The segment-sheet dimensions, default first. */
export const SEGMENT_DIMENSIONS = ['abc', 'abcXyz', 'rfm', 'lifecycle'] as const;
/** The cohort periods of the dynamics (METHODS.md section 9), default first. */
export const COHORT_PERIODS = ['quarter', 'month', 'year'] as const;
/** The longest comparison window of the dynamics, in months (METHODS.md section 9). */
export const MAX_WINDOW_MONTHS = 60;
/** The longest LTV horizon, in months (docs/methods.md, "LTV"). */
export const MAX_LTV_MONTHS = 120;
/** The report and UI languages, default first. */
export const LANGUAGES: readonly Lang[] = ['en', 'ru', 'pl'];

/** ABC method: cumulative share (default) or multiple of the average (METHODS.md section 2). */
export type AbcMethod = (typeof ABC_METHODS)[number];
/** The value ABC classifies on: revenue (default), profit or orders. */
export type AbcBasis = (typeof ABC_BASES)[number];
/** XYZ method: stability by CV (default) or regularity by frequency (METHODS.md section 3). */
export type XyzMethod = (typeof XYZ_METHODS)[number];
/** XYZ periods: calendar months (default), quarters or ISO weeks. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** How slashed text dates are read: from the data and the locale (auto), day first, or month first. */
export type DateOrder = (typeof DATE_ORDERS)[number];
/** The period of a cohort: the calendar quarter (default), month or year of the first purchase. */
export type CohortPeriod = (typeof COHORT_PERIODS)[number];
/** The dimension that gets one report sheet per segment. */
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** Every setting of METHODS.md in one typed object. */
export interface Settings {
  abc: {
    method: AbcMethod;
    /** "share": cumulative share limit of A (0.75); "average": multiple of the average for A (6). */
    limitA: number;
    /** "share": cumulative share limit of B (0.95); "average": divisor of the average for C (2). */
    limitB: number;
    basis: AbcBasis;
  };
  xyz: {
    method: XyzMethod;
    period: PeriodKind;
    /** "cv": X if CV <= limitX (0.10); "frequency": X if coverage >= limitX (0.75). */
    limitX: number;
    /** "cv": Y if CV <= limitY (0.25); "frequency": Y if coverage >= limitY (0.25). */
    limitY: number;
  };
  rfm: { bins: number };
  lifecycle: { lostDays: number; atRiskDays: number; newDays: number };
  /** KPIs over time (METHODS.md section 9): the length W of each window, and the cohort period. */
  dynamics: { windowMonths: number; cohort: CohortPeriod };
  /**
   * LTV (METHODS.md section 10): the horizon of the expected purchases and the CLV in whole months
   * (12), and the yearly discount rate of the CLV and the simple LTV as a fraction (0.10).
   */
  ltv: { months: number; discount: number };
  /** Analysis date as ISO yyyy-mm-dd, or null for the latest date in the range. */
  asOf: string | null;
  /** How to read dd/mm/yyyy vs mm/dd/yyyy text dates when the data does not decide. */
  dateOrder: DateOrder;
  /** The dimension that gets one sheet per segment. */
  segmentBy: SegmentDimension;
  /**
   * Live formulas (issue 8): the Clients table's derived columns written as Excel formulas over its own
   * columns, with the settings in named cells on the Summary (docs/methods.md "Live formulas"); false:
   * values only.
   */
  formulas: boolean;
  language: Lang;
}

/** Default limits of each ABC method. */
export const ABC_DEFAULT_LIMITS: Readonly<Record<AbcMethod, readonly [number, number]>> = {
  share: [0.75, 0.95],
  average: [6, 2],
};

/** Default limits of each XYZ method. */
export const XYZ_DEFAULT_LIMITS: Readonly<Record<XyzMethod, readonly [number, number]>> = {
  cv: [0.1, 0.25],
  frequency: [0.75, 0.25],
};

/** A deep-partial settings object as users, the CLI and stored workbook settings give it. */
export interface SettingsInput {
  abc?: Partial<Settings['abc']>;
  xyz?: Partial<Settings['xyz']>;
  rfm?: Partial<Settings['rfm']>;
  lifecycle?: Partial<Settings['lifecycle']>;
  dynamics?: Partial<Settings['dynamics']>;
  ltv?: Partial<Settings['ltv']>;
  asOf?: string | null;
  dateOrder?: DateOrder;
  segmentBy?: SegmentDimension;
  formulas?: boolean;
  language?: Lang;
}

/**
 * The defaults of METHODS.md, as a new object each call.
 * @returns complete settings: ABC share 0.75/0.95 on revenue, XYZ by CV 0.10/0.25 per month, 5 RFM bins,
 *   lost after 365 days, at risk after 180, new for 90, windows of 12 months and cohorts by quarter,
 *   an LTV horizon of 12 months discounted at 10 % a year, latest date as analysis date, values
 *   rather than live formulas, English.
 * @example defaultSettings().lifecycle // { lostDays: 365, atRiskDays: 180, newDays: 90 }
 */
export function defaultSettings(): Settings {
  return {
    abc: { method: 'share', limitA: 0.75, limitB: 0.95, basis: 'revenue' },
    xyz: { method: 'cv', period: 'month', limitX: 0.1, limitY: 0.25 },
    rfm: { bins: 5 },
    lifecycle: { lostDays: 365, atRiskDays: 180, newDays: 90 },
    dynamics: { windowMonths: 12, cohort: 'quarter' },
    ltv: { months: 12, discount: 0.1 },
    asOf: null,
    dateOrder: 'auto',
    segmentBy: 'abc',
    formulas: false,
    language: 'en',
  };
}

/**
 * A bad setting: a {@link KcError} that names the settings it is about, as dotted paths into
 * {@link SettingsInput} ("abc.limitB", "asOf"), so that a form can show its message next to the
 * field (the first path) and mark the others (limit A and limit B out of order name both).
 */
export class SettingError extends KcError {
  readonly settings: readonly string[];
  constructor(settings: readonly string[], code: KcError['code'], message: string, key?: string, params: Record<string, string | number> = {}) {
    super(code, message, key, params);
    this.name = 'SettingError';
    this.settings = settings;
  }
}

/**
 * Whether a caught value is a {@link SettingError}.
 * @example isSettingError(kcErrorOf(() => resolveSettings({ rfm: { bins: 1 } }))) // true
 */
export function isSettingError(e: unknown): e is SettingError {
  return e instanceof SettingError;
}

/** Runs a check and names the settings its {@link KcError} is about. */
function about<T>(settings: readonly string[], check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof KcError && !(e instanceof SettingError)) throw new SettingError(settings, e.code, e.message, e.key, e.params);
    throw e;
  }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, setting: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new SettingError([setting], '#VALUE!', `${name} must be one of ${allowed.join(', ')}, not '${String(value)}'`, 'settingNotOneOf', { value: String(value), allowed: allowed.join(', ') });
}

function onOff(value: unknown, name: string, setting: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new SettingError([setting], '#VALUE!', `${name} must be true or false, not '${String(value)}'`, 'settingNotOneOf', { value: String(value), allowed: 'true, false' });
}

function finite(value: unknown, name: string, setting: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new SettingError([setting], '#VALUE!', `${name} must be a number, not '${String(value)}'`, 'settingNotNumber', { value: String(value) });
}

function wholeDays(value: unknown, name: string, setting: string): number {
  const n = finite(value, name, setting);
  if (n < 0 || !Number.isInteger(n)) throw new SettingError([setting], '#NUM!', `${name} must be a whole number of days >= 0, not ${n}`, 'settingWholeDays', { value: n });
  return n;
}

/**
 * Reads share limits as METHODS.md says: values above 1 are percents (80 -> 0.80); limitA must be
 * below limitB, both in (0, 1].
 * @param limitA cumulative share limit of A (fraction or percent).
 * @param limitB cumulative share limit of B (fraction or percent).
 * @returns `[limitA, limitB]` as fractions.
 * @throws KcError `#NUM!` when the limits are out of range or out of order.
 * @example shareLimits(80, 95) // [0.8, 0.95]; shareLimits(0.95, 0.75) // throws KcError #NUM! "limit A (0.95) must be below limit B (0.75)"
 */
export function shareLimits(limitA: number, limitB: number): [number, number] {
  const a = limitA > 1 ? limitA / 100 : limitA;
  const b = limitB > 1 ? limitB / 100 : limitB;
  if (!(a > 0 && a <= 1) || !(b > 0 && b <= 1)) {
    throw new KcError('#NUM!', `ABC limits must be in (0, 1] or percents up to 100, not ${limitA} and ${limitB}`, 'shareLimitsRange', { limitA, limitB });
  }
  if (!(a < b)) throw new KcError('#NUM!', `limit A (${a}) must be below limit B (${b})`, 'shareLimitsOrder', { limitA: a, limitB: b });
  return [a, b];
}

/**
 * Multiples of the average method: A from limitA x P, C up to P / limitB. Both must be > 0 and
 * limitA x limitB > 1 so that the B band is not empty.
 * @param limitA multiple of the average P from which a value is A (6).
 * @param limitB divisor of P up to which a value is C (2).
 * @returns `[limitA, limitB]` unchanged.
 * @throws KcError `#NUM!` when a limit is <= 0 or limitA x limitB <= 1.
 * @example averageLimits(6, 2) // [6, 2]; averageLimits(1, 1) // throws KcError #NUM! (no room for B)
 */
export function averageLimits(limitA: number, limitB: number): [number, number] {
  if (!(limitA > 0) || !(limitB > 0)) {
    throw new KcError('#NUM!', `average-method limits must be above 0, not ${limitA} and ${limitB}`, 'averageLimitsPositive', { limitA, limitB });
  }
  if (!(1 / limitB < limitA)) {
    throw new KcError('#NUM!', `average-method limits leave no room for B: A from ${limitA}x, C up to 1/${limitB} of the average`, 'averageLimitsNoB', { limitA, limitB });
  }
  return [limitA, limitB];
}

/**
 * XYZ limits: "cv" needs 0 <= limitX < limitY (percents above 1 accepted);
 * "frequency" needs 0 < limitY < limitX <= 1 (percents above 1 accepted).
 * @param method "cv" or "frequency".
 * @param limitX limit of X (fraction or percent).
 * @param limitY limit of Y (fraction or percent).
 * @returns `[limitX, limitY]` as fractions.
 * @throws KcError `#NUM!` when the limits are out of range or out of order for the method.
 * @example xyzLimits('cv', 10, 25) // [0.1, 0.25]; xyzLimits('cv', 0.25, 0.1) // throws KcError #NUM!
 */
export function xyzLimits(method: XyzMethod, limitX: number, limitY: number): [number, number] {
  const x = limitX > 1 ? limitX / 100 : limitX;
  const y = limitY > 1 ? limitY / 100 : limitY;
  if (method === 'cv') {
    if (!(x >= 0 && x < y)) throw new KcError('#NUM!', `CV limits need 0 <= limit X < limit Y, not ${limitX} and ${limitY}`, 'cvLimits', { limitX, limitY });
  } else if (!(y > 0 && y < x && x <= 1)) {
    throw new KcError('#NUM!', `frequency limits need 0 < limit Y < limit X <= 1, not ${limitX} and ${limitY}`, 'frequencyLimits', { limitX, limitY });
  }
  return [x, y];
}

/**
 * Checks the number of RFM bins: a whole number 2..9.
 * @param bins the number of scores.
 * @returns `bins` unchanged.
 * @throws KcError `#NUM!` when bins is not a whole number from 2 to 9.
 * @example checkBins(5) // 5; checkBins(10) // throws KcError #NUM! "RFM bins must be a whole number from 2 to 9, not 10"
 */
export function checkBins(bins: number): number {
  if (!Number.isInteger(bins) || bins < 2 || bins > 9) {
    throw new KcError('#NUM!', `RFM bins must be a whole number from 2 to 9, not ${bins}`, 'rfmBins', { bins });
  }
  return bins;
}

/**
 * Checks the length of the dynamics' windows: a whole number of months from 1 to 60.
 * @param months the window W in months.
 * @returns `months` unchanged.
 * @throws KcError `#NUM!` (key `windowMonths`) when it is not a whole number from 1 to 60.
 * @example checkWindowMonths(12) // 12; checkWindowMonths(0) // throws KcError #NUM! "the window must be a whole number of months from 1 to 60, not 0"
 */
export function checkWindowMonths(months: unknown): number {
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_WINDOW_MONTHS) {
    const value = String(months);
    throw new KcError('#NUM!', `the window must be a whole number of months from 1 to ${MAX_WINDOW_MONTHS}, not ${value}`, 'windowMonths', { value, max: MAX_WINDOW_MONTHS });
  }
  return months;
}

/**
 * Checks the cohort period of the dynamics: month, quarter or year.
 * @param period the period as given.
 * @returns the period.
 * @throws KcError `#VALUE!` (key `cohortPeriod`) for anything else.
 * @example checkCohortPeriod('year') // 'year'; checkCohortPeriod('week') // throws KcError #VALUE! "the cohort period must be month, quarter or year, not 'week'"
 */
export function checkCohortPeriod(period: unknown): CohortPeriod {
  if (typeof period === 'string' && (COHORT_PERIODS as readonly string[]).includes(period)) return period as CohortPeriod;
  const value = String(period);
  throw new KcError('#VALUE!', `the cohort period must be month, quarter or year, not '${value}'`, 'cohortPeriod', { value });
}

/**
 * Checks the LTV horizon: a whole number of months from 1 to 120.
 * @param months the horizon in months.
 * @returns `months` unchanged.
 * @throws KcError `#NUM!` (key `ltvMonths`) when it is not a whole number from 1 to 120.
 * @example checkLtvMonths(24) // 24; checkLtvMonths(0) // throws KcError #NUM! "the LTV horizon must be a whole number of months from 1 to 120, not 0"
 */
export function checkLtvMonths(months: unknown): number {
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_LTV_MONTHS) {
    const value = String(months);
    throw new KcError('#NUM!', `the LTV horizon must be a whole number of months from 1 to ${MAX_LTV_MONTHS}, not ${value}`, 'ltvMonths', { value, max: MAX_LTV_MONTHS });
  }
  return months;
}

/**
 * Reads the yearly discount rate as the limits are read: a value above 1 is a percent (10 -> 0.10);
 * the rate must be from 0 to 1 (0 % to 100 %).
 * @param rate the rate as given (fraction or percent).
 * @returns the rate as a fraction.
 * @throws KcError `#NUM!` (key `ltvDiscount`) for a value that is not a number from 0 to 100 %.
 * @example checkDiscount(10) // 0.1; checkDiscount(0.08) // 0.08; checkDiscount(-0.1) // throws KcError #NUM!
 */
export function checkDiscount(rate: unknown): number {
  const d = typeof rate === 'number' && rate > 1 ? rate / 100 : rate;
  if (typeof d !== 'number' || !(d >= 0 && d <= 1)) {
    const value = String(rate);
    throw new KcError('#NUM!', `the yearly discount rate must be from 0 to 1 (or a percent up to 100: 10 is 10 %), not ${value}`, 'ltvDiscount', { value });
  }
  return d;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Merges user input over the defaults and validates every value. Limits omitted while the method
 * changes take that method's defaults. Limits are returned normalised (percents read as fractions).
 * @param input the settings given (deep-partial); not mutated.
 * @returns complete, checked settings.
 * @throws SettingError (a KcError) with a message naming the setting, its text key and the paths of
 *   the settings it is about (`error.settings`, e.g. ["abc.limitA", "abc.limitB"]).
 * @example resolveSettings({ abc: { limitA: 80 } }).abc.limitA // 0.8
 */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const d = defaultSettings();
  const abcMethod = oneOf(input.abc?.method ?? d.abc.method, ABC_METHODS, 'ABC method', 'abc.method');
  const [abcA, abcB] = ABC_DEFAULT_LIMITS[abcMethod];
  const limitA = finite(input.abc?.limitA ?? abcA, 'ABC limit A', 'abc.limitA');
  const limitB = finite(input.abc?.limitB ?? abcB, 'ABC limit B', 'abc.limitB');
  const [la, lb] = about(['abc.limitA', 'abc.limitB'], () => (abcMethod === 'share' ? shareLimits(limitA, limitB) : averageLimits(limitA, limitB)));
  const xyzMethod = oneOf(input.xyz?.method ?? d.xyz.method, XYZ_METHODS, 'XYZ method', 'xyz.method');
  const [xx, xy] = XYZ_DEFAULT_LIMITS[xyzMethod];
  const [lx, ly] = about(['xyz.limitX', 'xyz.limitY'], () =>
    xyzLimits(
      xyzMethod,
      finite(input.xyz?.limitX ?? xx, 'XYZ limit X', 'xyz.limitX'),
      finite(input.xyz?.limitY ?? xy, 'XYZ limit Y', 'xyz.limitY'),
    ),
  );
  const lifecycle = {
    lostDays: wholeDays(input.lifecycle?.lostDays ?? d.lifecycle.lostDays, 'lost after days', 'lifecycle.lostDays'),
    atRiskDays: wholeDays(input.lifecycle?.atRiskDays ?? d.lifecycle.atRiskDays, 'at risk after days', 'lifecycle.atRiskDays'),
    newDays: wholeDays(input.lifecycle?.newDays ?? d.lifecycle.newDays, 'new for days', 'lifecycle.newDays'),
  };
  if (!(lifecycle.atRiskDays < lifecycle.lostDays)) {
    const params = { atRisk: lifecycle.atRiskDays, lost: lifecycle.lostDays };
    throw new SettingError(['lifecycle.atRiskDays', 'lifecycle.lostDays'], '#NUM!', `"at risk" days (${lifecycle.atRiskDays}) must be below "lost" days (${lifecycle.lostDays})`, 'settingAtRiskBelowLost', params);
  }
  const asOf = input.asOf ?? null;
  if (asOf !== null) {
    const m = ISO_DATE.exec(asOf);
    const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
    if (!m || new Date(t).toISOString().slice(0, 10) !== asOf) {
      throw new SettingError(['asOf'], '#VALUE!', `analysis date must be yyyy-mm-dd, not '${asOf}'`, 'settingNotDate', { value: asOf, example: 'yyyy-mm-dd' });
    }
  }
  return {
    abc: { method: abcMethod, limitA: la, limitB: lb, basis: oneOf(input.abc?.basis ?? d.abc.basis, ABC_BASES, 'ABC basis', 'abc.basis') },
    xyz: { method: xyzMethod, period: oneOf(input.xyz?.period ?? d.xyz.period, PERIOD_KINDS, 'XYZ period', 'xyz.period'), limitX: lx, limitY: ly },
    rfm: { bins: about(['rfm.bins'], () => checkBins(finite(input.rfm?.bins ?? d.rfm.bins, 'RFM bins', 'rfm.bins'))) },
    lifecycle,
    dynamics: {
      windowMonths: about(['dynamics.windowMonths'], () => checkWindowMonths(input.dynamics?.windowMonths ?? d.dynamics.windowMonths)),
      cohort: about(['dynamics.cohort'], () => checkCohortPeriod(input.dynamics?.cohort ?? d.dynamics.cohort)),
    },
    ltv: {
      months: about(['ltv.months'], () => checkLtvMonths(input.ltv?.months ?? d.ltv.months)),
      discount: about(['ltv.discount'], () => checkDiscount(input.ltv?.discount ?? d.ltv.discount)),
    },
    asOf,
    dateOrder: oneOf(input.dateOrder ?? d.dateOrder, DATE_ORDERS, 'date order', 'dateOrder'),
    segmentBy: oneOf(input.segmentBy ?? d.segmentBy, SEGMENT_DIMENSIONS, 'segment sheets by', 'segmentBy'),
    formulas: onOff(input.formulas ?? d.formulas, 'live formulas', 'formulas'),
    language: oneOf(input.language ?? d.language, LANGUAGES, 'language', 'language'),
  };
}
