/**
 * Lifecycle stages and loyalty x profitability quadrants: METHODS.md section 5.
 */
import { lifecycleOf, middleScore, quadrantOf } from '../../src/core';

const LIMITS = Object.freeze({ lostDays: 365, atRiskDays: 180, newDays: 90 });

describe('lifecycleOf(recencyDays, daysSinceFirst, limits)', () => {
  it('lifecycleOf(365, 1000) is at_risk: 365 is not above the lost limit', () => {
    expect(lifecycleOf(365, 1000, LIMITS)).toBe('at_risk');
  });

  it('lifecycleOf(366, 1000) is lost', () => {
    expect(lifecycleOf(366, 1000, LIMITS)).toBe('lost');
  });

  it('lifecycleOf(180, 1000) is active: 180 is not above the at-risk limit', () => {
    expect(lifecycleOf(180, 1000, LIMITS)).toBe('active');
  });

  it('lifecycleOf(181, 1000) is at_risk', () => {
    expect(lifecycleOf(181, 1000, LIMITS)).toBe('at_risk');
  });

  it('lifecycleOf(0, 90) is new: the first purchase exactly 90 days ago', () => {
    expect(lifecycleOf(0, 90, LIMITS)).toBe('new');
  });

  it('lifecycleOf(0, 91) is active', () => {
    expect(lifecycleOf(0, 91, LIMITS)).toBe('active');
  });

  it('lifecycleOf(90, 90) is new: recent first purchase, bought once', () => {
    expect(lifecycleOf(90, 90, LIMITS)).toBe('new');
  });

  it('lifecycleOf(200, 60, limits) is at_risk: recency is checked before newness', () => {
    // cannot happen with real data (recency <= days since first), but the order of rules is METHODS.md's
    expect(lifecycleOf(200, 60, LIMITS)).toBe('at_risk');
  });

  it('lifecycleOf(31, 100, { lostDays: 60, atRiskDays: 30, newDays: 10 }) follows the given limits', () => {
    expect(lifecycleOf(31, 100, { lostDays: 60, atRiskDays: 30, newDays: 10 })).toBe('at_risk');
  });
});

describe('middleScore(bins)', () => {
  it.each([[5, 3], [2, 2], [3, 2], [4, 3], [9, 5]])('middleScore(%d) is ceil((bins + 1) / 2) = %d', (bins, mid) => {
    expect(middleScore(bins)).toBe(mid);
  });
});

describe('quadrantOf(r, f, value, median, bins)', () => {
  it('quadrantOf(3, 3, 100, 100, 5) is III: middle scores are loyal, the median is high profit', () => {
    expect(quadrantOf(3, 3, 100, 100, 5)).toBe('III');
  });

  it('quadrantOf(5, 5, 99, 100, 5) is II: loyal, below the median', () => {
    expect(quadrantOf(5, 5, 99, 100, 5)).toBe('II');
  });

  it('quadrantOf(5, 2, 500, 100, 5) is IV: F below the middle score is low loyalty', () => {
    expect(quadrantOf(5, 2, 500, 100, 5)).toBe('IV');
  });

  it('quadrantOf(2, 5, 100, 100, 5) is IV: R below the middle score is low loyalty', () => {
    expect(quadrantOf(2, 5, 100, 100, 5)).toBe('IV');
  });

  it('quadrantOf(1, 1, 50, 100, 5) is I', () => {
    expect(quadrantOf(1, 1, 50, 100, 5)).toBe('I');
  });

  it('quadrantOf(2, 2, 100, 100, 3) is III: the middle score with bins 3 is 2', () => {
    expect(quadrantOf(2, 2, 100, 100, 3)).toBe('III');
  });

  it('quadrantOf(2, 2, -10, -5, 5) is I: a negative profit below a negative median is low', () => {
    expect(quadrantOf(2, 2, -10, -5, 5)).toBe('I');
  });
});
