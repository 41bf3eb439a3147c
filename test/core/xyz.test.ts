/**
 * XYZ analysis and periods: METHODS.md section 3, docs/methods.md "XYZ".
 * CV = STDEV.P / AVERAGE, worked by hand in the comments.
 */
import { periodLabel, periodOf, xyzOfSeries } from '../../src/core';
import type { XyzOptions } from '../../src/core';
import { day, deepFreeze, kcError } from './helpers';

const CV: XyzOptions = { method: 'cv', limitX: 0.1, limitY: 0.25 };
const FREQ: XyzOptions = { method: 'frequency', limitX: 0.75, limitY: 0.25 };

describe('xyzOfSeries(series, cv)', () => {
  it('xyzOfSeries([10, 20, 30, 40], cv) has cv 0.4472135955 (mean 25, VAR.P 125) and class Z', () => {
    const r = xyzOfSeries([10, 20, 30, 40], CV);
    expect(r.cv).toBeCloseTo(0.4472135955, 10);
    expect(r.xyz).toBe('Z');
  });

  it('xyzOfSeries([100, 100, 100, 130], cv) has cv 0.1208404 (mean 107.5, VAR.P 168.75) and class Y', () => {
    // deviations -7.5, -7.5, -7.5, 22.5: squares 3 x 56.25 + 506.25 = 675; / 4 = 168.75; sqrt = 12.9903811
    const r = xyzOfSeries([100, 100, 100, 130], CV);
    expect(r.cv).toBeCloseTo(12.99038105676658 / 107.5, 12);
    expect(r.xyz).toBe('Y');
  });

  it('xyzOfSeries([9, 11], cv) has cv exactly 0.1 (mean 10, STDEV.P 1) and class X: the limit is inclusive', () => {
    const r = xyzOfSeries([9, 11], CV);
    expect(r.cv).toBeCloseTo(0.1, 15);
    expect(r.xyz).toBe('X');
  });

  it('xyzOfSeries([3, 5], cv) has cv exactly 0.25 (mean 4, STDEV.P 1) and class Y: the limit is inclusive', () => {
    const r = xyzOfSeries([3, 5], CV);
    expect(r.cv).toBeCloseTo(0.25, 15);
    expect(r.xyz).toBe('Y');
  });

  it('xyzOfSeries([8.9, 11.1], cv) has cv 0.11 and class Y', () => {
    const r = xyzOfSeries([8.9, 11.1], CV);
    expect(r.cv).toBeCloseTo(0.11, 12);
    expect(r.xyz).toBe('Y');
  });

  it('xyzOfSeries([7, 13], cv) has cv 0.3 and class Z', () => {
    expect(xyzOfSeries([7, 13], CV).xyz).toBe('Z');
  });

  it('xyzOfSeries([100, 100, 100], cv) has cv 0 and class X', () => {
    expect(xyzOfSeries([100, 100, 100], CV)).toEqual({ xyz: 'X', cv: 0, coverage: 1 });
  });

  it('xyzOfSeries([0, 0, 0], cv) is Z with no cv (mean 0)', () => {
    const r = xyzOfSeries([0, 0, 0], CV);
    expect(r.xyz).toBe('Z');
    expect(r.cv).toBeNull();
  });

  it('xyzOfSeries([10, -10], cv) is Z with no cv (mean 0)', () => {
    expect(xyzOfSeries([10, -10], CV)).toMatchObject({ xyz: 'Z', cv: null });
  });

  it('xyzOfSeries([-5, 1], cv) is Z with no cv (mean < 0)', () => {
    expect(xyzOfSeries([-5, 1], CV)).toMatchObject({ xyz: 'Z', cv: null });
  });

  it('xyzOfSeries([9, 11], { limitX: 10, limitY: 25 }) reads limits above 1 as percents', () => {
    expect(xyzOfSeries([9, 11], { method: 'cv', limitX: 10, limitY: 25 }).xyz).toBe('X');
  });

  it('xyzOfSeries([100], cv) is an error: XYZ needs at least two periods', () => {
    const e = kcError(() => xyzOfSeries([100], CV));
    expect(e.message).toMatch(/two periods/);
  });

  it('xyzOfSeries([], cv) is an error', () => {
    expect(kcError(() => xyzOfSeries([], CV)).message).toMatch(/two periods/);
  });

  it('xyzOfSeries(series, { limitX: 0.3, limitY: 0.2 }) is a #NUM! error', () => {
    expect(kcError(() => xyzOfSeries([1, 2], { method: 'cv', limitX: 0.3, limitY: 0.2 })).code).toBe('#NUM!');
  });

  it('xyzOfSeries(series, cv) does not mutate its input', () => {
    const series = deepFreeze([10, 20, 30, 40]);
    xyzOfSeries(series, CV);
    expect(series).toEqual([10, 20, 30, 40]);
  });
});

describe('xyzOfSeries(series, frequency)', () => {
  it('xyzOfSeries([0, 10, 10, 10], frequency) has coverage 0.75 and class X: the limit is inclusive', () => {
    const r = xyzOfSeries([0, 10, 10, 10], FREQ);
    expect(r.coverage).toBe(0.75);
    expect(r.xyz).toBe('X');
  });

  it('xyzOfSeries([0, 0, 10, 10], frequency) has coverage 0.5 and class Y', () => {
    expect(xyzOfSeries([0, 0, 10, 10], FREQ)).toMatchObject({ coverage: 0.5, xyz: 'Y' });
  });

  it('xyzOfSeries([0, 0, 0, 10], frequency) has coverage 0.25 and class Y: the limit is inclusive', () => {
    expect(xyzOfSeries([0, 0, 0, 10], FREQ)).toMatchObject({ coverage: 0.25, xyz: 'Y' });
  });

  it('xyzOfSeries([0, 0, 0, 0, 0, 10], frequency) has coverage 1/6 and class Z', () => {
    expect(xyzOfSeries([0, 0, 0, 0, 0, 10], FREQ).xyz).toBe('Z');
  });

  it('xyzOfSeries([0, 5, -3, 0], frequency) does not count a period of net returns as a purchase', () => {
    expect(xyzOfSeries([0, 5, -3, 0], FREQ).coverage).toBe(0.25);
  });

  it('xyzOfSeries([10, 20, 30, 40], frequency) still reports the cv (docs/methods.md)', () => {
    const r = xyzOfSeries([10, 20, 30, 40], FREQ);
    expect(r.xyz).toBe('X');
    expect(r.cv).toBeCloseTo(0.4472135955, 10);
  });

  it('xyzOfSeries(series, { method: "frequency", limitX: 0.25, limitY: 0.75 }) is a #NUM! error', () => {
    expect(kcError(() => xyzOfSeries([1, 2], { method: 'frequency', limitX: 0.25, limitY: 0.75 })).code).toBe('#NUM!');
  });
});

describe('periodOf(day, kind) and periodLabel(index, kind)', () => {
  const label = (y: number, m: number, d: number, kind: 'month' | 'quarter' | 'week') => periodLabel(periodOf(day(y, m, d), kind), kind);

  it('periodLabel(periodOf(2024-03-15, "month")) is "2024-03"', () => {
    expect(label(2024, 3, 15, 'month')).toBe('2024-03');
  });

  it('periodOf(2024-01-01, "month") is one more than periodOf(2023-12-31, "month")', () => {
    expect(periodOf(day(2024, 1, 1), 'month') - periodOf(day(2023, 12, 31), 'month')).toBe(1);
  });

  it('periodOf(2024-01-01) and periodOf(2024-01-31) are the same month', () => {
    expect(periodOf(day(2024, 1, 1), 'month')).toBe(periodOf(day(2024, 1, 31), 'month'));
  });

  it('periodLabel(periodOf(2024-05-10, "quarter")) is "2024-Q2"', () => {
    expect(label(2024, 5, 10, 'quarter')).toBe('2024-Q2');
  });

  it('periodOf(2024-01-01, "quarter") is one more than periodOf(2023-12-31, "quarter")', () => {
    expect(periodOf(day(2024, 1, 1), 'quarter') - periodOf(day(2023, 12, 31), 'quarter')).toBe(1);
  });

  it.each<[number, number, number, string]>([
    [2024, 12, 30, '2025-W01'], // Monday
    [2024, 12, 29, '2024-W52'], // Sunday
    [2024, 1, 1, '2024-W01'], // Monday
    [2023, 1, 1, '2022-W52'], // Sunday
    [2020, 12, 31, '2020-W53'], // Thursday
    [2021, 1, 3, '2020-W53'], // Sunday
    [2021, 1, 4, '2021-W01'], // Monday
  ])('periodLabel(periodOf(%d-%d-%d, "week")) is the ISO week %s', (y, m, d, expected) => {
    expect(label(y, m, d, 'week')).toBe(expected);
  });

  it('periodOf(Monday 2024-12-30, "week") equals periodOf(Sunday 2025-01-05, "week")', () => {
    expect(periodOf(day(2024, 12, 30), 'week')).toBe(periodOf(day(2025, 1, 5), 'week'));
  });

  it('periodOf(Monday 2025-01-06, "week") is one more than periodOf(Sunday 2025-01-05, "week")', () => {
    expect(periodOf(day(2025, 1, 6), 'week') - periodOf(day(2025, 1, 5), 'week')).toBe(1);
  });
});
