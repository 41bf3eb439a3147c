import type { Lifecycle, Quadrant } from '../types';

/** Days after which a client is lost or at risk, and for which a first purchase makes it new. */
export interface LifecycleLimits {
  lostDays: number;
  atRiskDays: number;
  newDays: number;
}

/**
 * Lifecycle stage (METHODS.md section 5): "lost" if recencyDays > lostDays; else "at_risk" if
 * recencyDays > atRiskDays; else "new" if the first purchase is at most newDays before asOf; else "active".
 */
export function lifecycleOf(recencyDays: number, daysSinceFirst: number, limits: LifecycleLimits): Lifecycle {
  if (recencyDays > limits.lostDays) return 'lost';
  if (recencyDays > limits.atRiskDays) return 'at_risk';
  if (daysSinceFirst <= limits.newDays) return 'new';
  return 'active';
}

/** The middle score of `bins`: ceil((bins + 1) / 2), 3 with bins 5. */
export function middleScore(bins: number): number {
  return Math.ceil((bins + 1) / 2);
}

/**
 * Loyalty x profitability quadrant: loyalty is high when both R and F are at least the middle
 * score; profitability is high when the value is at or above the median over clients.
 * I low/low, II high loyalty/low profit, III high/high, IV low loyalty/high profit.
 */
export function quadrantOf(r: number, f: number, value: number, medianValue: number, bins: number): Quadrant {
  const mid = middleScore(bins);
  const loyal = r >= mid && f >= mid;
  const profitable = value >= medianValue;
  if (loyal) return profitable ? 'III' : 'II';
  return profitable ? 'IV' : 'I';
}
