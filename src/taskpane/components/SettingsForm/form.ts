import { ABC_DEFAULT_LIMITS, XYZ_DEFAULT_LIMITS, defaultSettings, type SettingsInput } from '../../../core';
import type { AbcBasis, AbcMethod, CohortPeriod, PeriodKind, SegmentDimension, XyzMethod } from '../../../core';

/** The settings as the form holds them: numbers as typed text. */
export interface SettingsFormValue {
  abcMethod: AbcMethod;
  limitA: string;
  limitB: string;
  basis: AbcBasis;
  xyzMethod: XyzMethod;
  period: PeriodKind;
  limitX: string;
  limitY: string;
  bins: string;
  asOf: string;
  lostDays: string;
  atRiskDays: string;
  newDays: string;
  /** The period of the KPIs over time, in months (METHODS.md section 9). */
  windowMonths: string;
  cohort: CohortPeriod;
  segmentBy: SegmentDimension;
}

/** The defaults of METHODS.md, as form text. */
export function defaultForm(): SettingsFormValue {
  const d = defaultSettings();
  return {
    abcMethod: d.abc.method,
    limitA: String(d.abc.limitA),
    limitB: String(d.abc.limitB),
    basis: d.abc.basis,
    xyzMethod: d.xyz.method,
    period: d.xyz.period,
    limitX: String(d.xyz.limitX),
    limitY: String(d.xyz.limitY),
    bins: String(d.rfm.bins),
    asOf: '',
    lostDays: String(d.lifecycle.lostDays),
    atRiskDays: String(d.lifecycle.atRiskDays),
    newDays: String(d.lifecycle.newDays),
    windowMonths: String(d.dynamics.windowMonths),
    cohort: d.dynamics.cohort,
    segmentBy: d.segmentBy,
  };
}

/** The form after a change of ABC method or XYZ method: limits take that method's defaults. */
export function withMethodDefaults(v: SettingsFormValue): SettingsFormValue {
  const [a, b] = ABC_DEFAULT_LIMITS[v.abcMethod];
  const [x, y] = XYZ_DEFAULT_LIMITS[v.xyzMethod];
  return { ...v, limitA: String(a), limitB: String(b), limitX: String(x), limitY: String(y) };
}

const num = (s: string) => Number(s.trim().replace(',', '.'));

/** Settings input of the form (the engine validates it and names a bad value). */
export function toSettingsInput(v: SettingsFormValue): SettingsInput {
  return {
    abc: { method: v.abcMethod, limitA: num(v.limitA), limitB: num(v.limitB), basis: v.basis },
    xyz: { method: v.xyzMethod, period: v.period, limitX: num(v.limitX), limitY: num(v.limitY) },
    rfm: { bins: num(v.bins) },
    lifecycle: { lostDays: num(v.lostDays), atRiskDays: num(v.atRiskDays), newDays: num(v.newDays) },
    asOf: v.asOf.trim() === '' ? null : v.asOf.trim(),
    dynamics: { windowMonths: num(v.windowMonths), cohort: v.cohort },
    segmentBy: v.segmentBy,
  };
}

/** The form of stored settings (missing values take the defaults). */
export function fromSettingsInput(input: SettingsInput): SettingsFormValue {
  const d = defaultForm();
  const str = (n: number | undefined, fallback: string) => (n === undefined ? fallback : String(n));
  return {
    abcMethod: input.abc?.method ?? d.abcMethod,
    limitA: str(input.abc?.limitA, d.limitA),
    limitB: str(input.abc?.limitB, d.limitB),
    basis: input.abc?.basis ?? d.basis,
    xyzMethod: input.xyz?.method ?? d.xyzMethod,
    period: input.xyz?.period ?? d.period,
    limitX: str(input.xyz?.limitX, d.limitX),
    limitY: str(input.xyz?.limitY, d.limitY),
    bins: str(input.rfm?.bins, d.bins),
    asOf: input.asOf ?? '',
    lostDays: str(input.lifecycle?.lostDays, d.lostDays),
    atRiskDays: str(input.lifecycle?.atRiskDays, d.atRiskDays),
    newDays: str(input.lifecycle?.newDays, d.newDays),
    windowMonths: str(input.dynamics?.windowMonths, d.windowMonths),
    cohort: input.dynamics?.cohort ?? d.cohort,
    segmentBy: input.segmentBy ?? d.segmentBy,
  };
}
