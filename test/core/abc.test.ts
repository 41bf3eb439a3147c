/**
 * ABC analysis and the Pareto check: METHODS.md section 2, docs/methods.md "ABC".
 * Cumulative shares are worked by hand in the comments.
 */
import { abcClasses, AbcPopulation, paretoCheck } from '../../src/core';
import type { AbcClass, AbcOptions } from '../../src/core';
import { deepFreeze, kcError } from './helpers';

const SHARE: AbcOptions = { method: 'share', limitA: 0.75, limitB: 0.95 };
const AVERAGE: AbcOptions = { method: 'average', limitA: 6, limitB: 2 };

describe('abcClasses(values, share)', () => {
  it('abcClasses([50, 30, 10, 5.5, 4.5], share) gives A A B B C: before = 0, 50, 80, 90, 95.5 %', () => {
    // the METHODS.md example with the last two shares made unequal so that the tie rule does not apply
    expect(abcClasses([50, 30, 10, 5.5, 4.5], SHARE)).toEqual(['A', 'A', 'B', 'B', 'C']);
  });

  it('abcClasses([50, 30, 10, 5, 5], share) gives the tied 5 % clients the class of the first of them (B)', () => {
    // before = 0, 50, 80, 90 for the first 5 -> B; the second 5 ties with it -> B.
    // METHODS.md's worked example lists this case as A A B B C, which contradicts its own tie rule.
    expect(abcClasses([50, 30, 10, 5, 5], SHARE)).toEqual(['A', 'A', 'B', 'B', 'B']);
  });

  it('abcClasses([5, 50, 10, 30, 5.5], share) classes clients in input order, not in sorted order', () => {
    expect(abcClasses([5, 50, 10, 30, 5.5], SHARE)).toEqual(['C', 'A', 'B', 'A', 'B']);
  });

  it('abcClasses([75, 25], share) puts the client exactly on the 75 % line in B (A while before < limitA)', () => {
    expect(abcClasses([75, 25], SHARE)).toEqual(['A', 'B']);
  });

  it('abcClasses([60, 20, 15, 5], share) puts the client exactly on the 95 % line in C', () => {
    // before = 0, 60, 80, 95 -> A A B C
    expect(abcClasses([60, 20, 15, 5], SHARE)).toEqual(['A', 'A', 'B', 'C']);
  });

  it('abcClasses([99, 1], { limitA: 0.01 }) keeps the largest client in A', () => {
    expect(abcClasses([99, 1], { method: 'share', limitA: 0.01, limitB: 0.5 })[0]).toBe('A');
  });

  it('abcClasses([100], share) puts a single client in A', () => {
    expect(abcClasses([100], SHARE)).toEqual(['A']);
  });

  it('abcClasses([100, 0, -5], share) gives zero C and a negative value D', () => {
    expect(abcClasses([100, 0, -5], SHARE)).toEqual(['A', 'C', 'D']);
  });

  it('abcClasses([40, 40, 20], share) gives equal largest values both A', () => {
    expect(abcClasses([40, 40, 20], SHARE)).toEqual(['A', 'A', 'B']);
  });

  it('abcClasses([50, 29, 11, 6, 4], { limitA: 80, limitB: 95 }) reads limits above 1 as percents', () => {
    // before = 0, 50, 79, 90, 96 -> with 0.80: A A A B C
    expect(abcClasses([50, 29, 11, 6, 4], { method: 'share', limitA: 80, limitB: 95 })).toEqual(['A', 'A', 'A', 'B', 'C']);
  });

  it('abcClasses(values, { limitA: 0.95, limitB: 0.95 }) is a #NUM! error', () => {
    expect(kcError(() => abcClasses([1, 2], { method: 'share', limitA: 0.95, limitB: 0.95 })).code).toBe('#NUM!');
  });

  it('abcClasses(values, { limitA: 0.9, limitB: 0.8 }) is a #NUM! error', () => {
    expect(kcError(() => abcClasses([1, 2], { method: 'share', limitA: 0.9, limitB: 0.8 })).code).toBe('#NUM!');
  });

  it('abcClasses(values, { limitA: 0, limitB: 0.8 }) is a #NUM! error: limits are in (0, 1]', () => {
    expect(kcError(() => abcClasses([1, 2], { method: 'share', limitA: 0, limitB: 0.8 })).code).toBe('#NUM!');
  });

  it('abcClasses(values, share) does not mutate its input', () => {
    const values = deepFreeze([5, 50, 10, 30, 5.5]);
    abcClasses(values, SHARE);
    expect(values).toEqual([5, 50, 10, 30, 5.5]);
  });
});

describe('abcClasses(values, average)', () => {
  // 250 clients, total 100,000,000: P = 400,000; A from 6P = 2,400,000; C up to P/2 = 200,000.
  // 2,400,000 + 2,399,999 + 200,000 + 200,001 + 1,700,000 + 245 x 380,000 = 100,000,000.
  const values = deepFreeze([2_400_000, 2_399_999, 200_000, 200_001, 1_700_000, ...new Array(245).fill(380_000)]);

  it('the hand-made population has 250 clients and 100,000,000 in total', () => {
    expect(values.length).toBe(250);
    expect(values.reduce((a, b) => a + b, 0)).toBe(100_000_000);
  });

  it('new AbcPopulation(values, average).averageValue is P = 400,000', () => {
    expect(new AbcPopulation(values, AVERAGE).averageValue).toBe(400_000);
  });

  it('abcClasses(values, average) gives exactly 2,400,000 = 6P class A', () => {
    expect(abcClasses(values, AVERAGE)[0]).toBe('A');
  });

  it('abcClasses(values, average) gives 2,399,999 class B', () => {
    expect(abcClasses(values, AVERAGE)[1]).toBe('B');
  });

  it('abcClasses(values, average) gives exactly 200,000 = P/2 class C', () => {
    expect(abcClasses(values, AVERAGE)[2]).toBe('C');
  });

  it('abcClasses(values, average) gives 200,001 class B', () => {
    expect(abcClasses(values, AVERAGE)[3]).toBe('B');
  });

  it('abcClasses([10, -20], average) is a #NUM! error: P = -5 <= 0', () => {
    expect(kcError(() => abcClasses([10, -20], AVERAGE)).code).toBe('#NUM!');
  });

  it('abcClasses([0, 0], average) is a #NUM! error: P = 0', () => {
    expect(kcError(() => abcClasses([0, 0], AVERAGE)).code).toBe('#NUM!');
  });

  it('abcClasses([], average) is a #NUM! error: no values', () => {
    expect(kcError(() => abcClasses([], AVERAGE)).code).toBe('#NUM!');
  });

  it('abcClasses([1000, 100, 50, -10], average) counts negative values in P and gives them D', () => {
    // P = 1140 / 4 = 285; A from 1710, C up to 142.5 -> 1000 B, 100 C, 50 C, -10 D
    expect(abcClasses([1000, 100, 50, -10], AVERAGE)).toEqual(['B', 'C', 'C', 'D']);
  });
});

describe('AbcPopulation.classify(value) for values outside the population (fill-down use)', () => {
  const pop = new AbcPopulation(deepFreeze([50, 30, 10, 5, 5]), SHARE);

  it.each<[number, AbcClass]>([
    [1000, 'A'], // nothing is greater: before = 0
    [40, 'A'], // before = 50 %
    [20, 'B'], // before = 80 %
    [7, 'B'], // before = 90 %
    [1, 'C'], // before = 100 %
    [0, 'C'],
    [-1, 'D'],
  ])('pop.classify(%d) is %s', (value, cls) => {
    expect(pop.classify(value)).toBe(cls);
  });

  it('pop.shareBefore(20) is 0.8', () => {
    expect(pop.shareBefore(20)).toBeCloseTo(0.8, 12);
  });

  it('new AbcPopulation([100, 300], average).classify(1200) is A, (100) C, (101) B', () => {
    // P = 200: A from 1200, C up to 100
    const avg = new AbcPopulation([100, 300], AVERAGE);
    expect([avg.classify(1200), avg.classify(100), avg.classify(101)]).toEqual(['A', 'C', 'B']);
  });
});

describe('AbcPopulation.classBounds(): the lowest A and the lowest A-or-B value', () => {
  it('new AbcPopulation([50, 30, 10, 6, 4], share).classBounds() is [30, 6]', () => {
    // classes A, A, B, B, C: the lowest A is 30, the lowest A or B is 6
    expect(new AbcPopulation([50, 30, 10, 6, 4], SHARE).classBounds()).toEqual([30, 6]);
  });

  it('with no B the second bound is the first: [50, 30, 10, 5, 5] with limits 0.5 / 0.55 gives A, B, C, C, C', () => {
    // before = 0, .5, .8, .9, .9: A while < .5 (50), B while < .55 (30), the rest C
    expect(new AbcPopulation([50, 30, 10, 5, 5], { method: 'share', limitA: 0.5, limitB: 0.55 }).classBounds()).toEqual([50, 30]);
  });

  it('a population without positive values has no bounds: [Infinity, Infinity]', () => {
    expect(new AbcPopulation([0, -5], SHARE).classBounds()).toEqual([Infinity, Infinity]);
  });

  it('on random populations with ties, the bounds class every positive value as classify does, both methods', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 60; round++) {
      const values = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 30) - 3);
      const options = round % 2 ? AVERAGE : SHARE;
      if (options === AVERAGE && !(values.reduce((a, v) => a + v, 0) > 0)) continue;
      const pop = new AbcPopulation(values, options);
      const [fromA, fromB] = pop.classBounds();
      for (const v of values.filter((x) => x > 0)) expect([v, v >= fromA ? 'A' : v >= fromB ? 'B' : 'C']).toEqual([v, pop.classify(v)]);
    }
  });
});

describe('paretoCheck(revenue, classes)', () => {
  it('paretoCheck([50, 30, 10, 5, 5], A A B B B) gives 40 % of clients in A holding 80 % of revenue', () => {
    const p = paretoCheck([50, 30, 10, 5, 5], ['A', 'A', 'B', 'B', 'B']);
    expect(p.aClientShare).toBeCloseTo(0.4, 12);
    expect(p.aRevenueShare).toBeCloseTo(0.8, 12);
  });

  it('paretoCheck([50, 30, 10, 5, 5], ...) gives the top 20 % (1 client) 50 % of revenue', () => {
    const p = paretoCheck([5, 30, 10, 50, 5], ['B', 'A', 'B', 'A', 'B']);
    expect(p.topCount).toBe(1);
    expect(p.topRevenueShare).toBeCloseTo(0.5, 12);
  });

  it('paretoCheck(7 clients) counts ceil(0.2 x 7) = 2 clients in the top 20 %', () => {
    // total 100; top two = 40 + 20 = 60 %
    const p = paretoCheck([10, 40, 5, 20, 10, 10, 5], ['B', 'A', 'C', 'A', 'B', 'B', 'C']);
    expect(p.topCount).toBe(2);
    expect(p.topRevenueShare).toBeCloseTo(0.6, 12);
  });

  it('paretoCheck(revenue with a negative) takes shares of the positive revenue only', () => {
    // positive total = 100: A share 80/100; top 20 % of 3 clients = 1 client = 80 %
    const p = paretoCheck([80, 20, -30], ['A', 'B', 'D']);
    expect(p.aRevenueShare).toBeCloseTo(0.8, 12);
    expect(p.topRevenueShare).toBeCloseTo(0.8, 12);
  });

  const classesWithA = (a: number): AbcClass[] => Array.from({ length: 10 }, (_, i) => (i < a ? 'A' : 'B'));
  const ten = Array.from({ length: 10 }, (_, i) => 100 - i);

  it('paretoCheck(10 clients, 1 in A).verdict is "dependence" (10 % < 20 %)', () => {
    expect(paretoCheck(ten, classesWithA(1)).verdict).toBe('dependence');
  });

  it('paretoCheck(10 clients, 2 in A).verdict is "healthy" (exactly 20 %)', () => {
    expect(paretoCheck(ten, classesWithA(2)).verdict).toBe('healthy');
  });

  it('paretoCheck(10 clients, 3 in A).verdict is "healthy" (exactly 30 %)', () => {
    expect(paretoCheck(ten, classesWithA(3)).verdict).toBe('healthy');
  });

  it('paretoCheck(10 clients, 4 in A).verdict is "flat" (40 % > 30 %)', () => {
    expect(paretoCheck(ten, classesWithA(4)).verdict).toBe('flat');
  });
});
