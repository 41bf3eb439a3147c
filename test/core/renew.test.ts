/**
 * Renew index of refused leads and the recontact dates: METHODS.md section 6.
 */
import { recontactDates, renewIndex } from '../../src/core';
import { day, deepFreeze, kcError } from './helpers';

describe('renewIndex(scores, options)', () => {
  it('renewIndex([5, 4, 3]) is the sum 12', () => {
    expect(renewIndex([5, 4, 3])).toBe(12);
  });

  it('renewIndex([5, 4, 3], { weights: [2, 1, 0.5] }) is 5x2 + 4x1 + 3x0.5 = 15.5', () => {
    expect(renewIndex([5, 4, 3], { weights: [2, 1, 0.5] })).toBe(15.5);
  });

  it('renewIndex([1, 2, 3, 4, 5, 5, 5]) takes any number of criteria: 25', () => {
    expect(renewIndex([1, 2, 3, 4, 5, 5, 5])).toBe(25);
  });

  it('renewIndex([true, false, true]) reads a good/bad scale as 1/0: 2', () => {
    expect(renewIndex([true, false, true])).toBe(2);
  });

  it('renewIndex([true, false, true], { weights: [3, 2, 1] }) is 3 + 0 + 1 = 4', () => {
    expect(renewIndex([true, false, true], { weights: [3, 2, 1] })).toBe(4);
  });

  it('renewIndex([1, 0, 1], { max: 1 }) reads a 1/0 scale: 2', () => {
    expect(renewIndex([1, 0, 1], { max: 1 })).toBe(2);
  });

  it('renewIndex(["4", "5", "3"]) reads scores written as text: 12', () => {
    expect(renewIndex(['4', '5', '3'])).toBe(12);
  });

  it('renewIndex([0, 0, 0]) is 0: zero is inside 0..max', () => {
    expect(renewIndex([0, 0, 0])).toBe(0);
  });

  it('renewIndex(["", "", ""]) is null: the lead is skipped', () => {
    expect(renewIndex(['', null, undefined])).toBeNull();
  });

  it('renewIndex([5, "", 3]) is an error naming the blank criterion', () => {
    const e = kcError(() => renewIndex([5, '', 3], { names: ['brand', 'order', 'refusal'] }));
    expect(e.message).toMatch(/order/);
  });

  it('renewIndex([6, 1, 1]) is a #NUM! error naming the criterion out of 0..5', () => {
    const e = kcError(() => renewIndex([6, 1, 1], { names: ['brand', 'order', 'refusal'] }));
    expect(e.code).toBe('#NUM!');
    expect(e.message).toMatch(/brand/);
  });

  it('renewIndex([1, -1, 1]) is a #NUM! error naming criterion 2', () => {
    const e = kcError(() => renewIndex([1, -1, 1]));
    expect(e.code).toBe('#NUM!');
    expect(e.message).toMatch(/criterion 2/);
  });

  it('renewIndex([1, 1, 2], { max: 1 }) is a #NUM! error: 2 is above the max', () => {
    expect(kcError(() => renewIndex([1, 1, 2], { max: 1 })).code).toBe('#NUM!');
  });

  it('renewIndex([1, "high", 1]) is a #VALUE! error naming the criterion', () => {
    const e = kcError(() => renewIndex([1, 'high', 1], { names: ['brand', 'order', 'refusal'] }));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/order/);
  });

  it('renewIndex([1, 2], { weights: [1] }) is a #VALUE! error: one weight per criterion', () => {
    expect(kcError(() => renewIndex([1, 2], { weights: [1] })).code).toBe('#VALUE!');
  });

  it('renewIndex(scores) does not mutate its input', () => {
    const scores = deepFreeze([5, '4', true]);
    expect(renewIndex(scores)).toBe(10);
    expect(scores).toEqual([5, '4', true]);
  });
});

describe('recontactDates(deadline, launch)', () => {
  it('recontactDates(2024-06-30, ...) is 14 days before the deadline: 2024-06-16', () => {
    expect(recontactDates(day(2024, 6, 30), null).beforeDeadline).toBe(day(2024, 6, 16));
  });

  it('recontactDates(..., 2024-03-01) is 60 days after the launch: 2024-04-30', () => {
    expect(recontactDates(null, day(2024, 3, 1)).afterLaunch).toBe(day(2024, 4, 30));
  });

  it('recontactDates(null, null) gives null for both', () => {
    expect(recontactDates(null, null)).toEqual({ beforeDeadline: null, afterLaunch: null });
  });

  it('recontactDates(d, l, { beforeDeadline: 7, afterLaunch: 30 }) uses the given offsets', () => {
    expect(recontactDates(day(2024, 6, 30), day(2024, 3, 1), { beforeDeadline: 7, afterLaunch: 30 })).toEqual({
      beforeDeadline: day(2024, 6, 23),
      afterLaunch: day(2024, 3, 31),
    });
  });
});
