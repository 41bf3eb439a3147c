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
 * @param recencyDays days from the last purchase to the analysis date.
 * @param daysSinceFirst days from the first purchase to the analysis date.
 * @param limits the lost, at-risk and new limits in days.
 * @returns the stage.
 * @example lifecycleOf(200, 800, { lostDays: 365, atRiskDays: 180, newDays: 90 }) // "at_risk"
 * lifecycleOf(10, 60, { lostDays: 365, atRiskDays: 180, newDays: 90 }) // "new"
 * lifecycleOf(10, 400, { lostDays: 365, atRiskDays: 180, newDays: 90 }) // "active"
 */
export function lifecycleOf(recencyDays: number, daysSinceFirst: number, limits: LifecycleLimits): Lifecycle {
  if (recencyDays > limits.lostDays) return 'lost';
  if (recencyDays > limits.atRiskDays) return 'at_risk';
  if (daysSinceFirst <= limits.newDays) return 'new';
  return 'active';
}

/**
 * The middle score of `bins`: ceil((bins + 1) / 2).
 * @param bins the number of RFM scores.
 * @returns the middle score (the upper middle for an even `bins`).
 * @example middleScore(5) // 3; middleScore(4) // 3
 */
export function middleScore(bins: number): number {
  return Math.ceil((bins + 1) / 2);
}

/**
 * Loyalty x profitability quadrant: loyalty is high when both R and F are at least the middle
 * score; profitability is high when the value is at or above the median over clients.
 * I low/low, II high loyalty/low profit, III high/high, IV low loyalty/high profit.
 * @param r the client's R score.
 * @param f the client's F score.
 * @param value the client's profitability value (profit, or revenue without a profit column).
 * @param medianValue the median of that value over clients.
 * @param bins the number of RFM scores.
 * @returns the quadrant.
 * @example quadrantOf(4, 3, 1200, 1000, 5) // "III"; quadrantOf(4, 2, 1200, 1000, 5) // "IV"; quadrantOf(4, 3, 800, 1000, 5) // "II"
 */
export function quadrantOf(r: number, f: number, value: number, medianValue: number, bins: number): Quadrant {
  const mid = middleScore(bins);
  const loyal = r >= mid && f >= mid;
  const profitable = value >= medianValue;
  if (loyal) return profitable ? 'III' : 'II';
  return profitable ? 'IV' : 'I';
}
