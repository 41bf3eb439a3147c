import { abcClass } from '../../src/functions/functions';
import { abcPopulations, PopulationCache } from '../../src/functions/adapters';
import { column, installCustomFunctions, messageAt, sheet, thrown } from './excel';

beforeAll(installCustomFunctions);
beforeEach(() => abcPopulations.clear());

describe('=KC.ABC_CLASS(values) spill form', () => {
  it('ABC_CLASS(50;30;10;5.5;4.5) gives A A B B C: before = 0, 50, 80, 90, 95.5 % against 75 / 95 %', () => {
    expect(sheet(abcClass(column(50, 30, 10, 5.5, 4.5)))).toEqual(column('A', 'A', 'B', 'B', 'C'));
  });

  it('ABC_CLASS(50;30;10;5;5) gives the tied 5 % clients the class of the first of them: A A B B B', () => {
    // the first 5 has before = 90 % < 95 % -> B; its equal gets the same class (METHODS.md section 2, ties)
    expect(sheet(abcClass(column(50, 30, 10, 5, 5)))).toEqual(column('A', 'A', 'B', 'B', 'B'));
  });

  it('ABC_CLASS of a row spills a row, and of a 2 x 2 block a 2 x 2 block', () => {
    expect(sheet(abcClass([[50, 30, 10, 5.5, 4.5]]))).toEqual([['A', 'A', 'B', 'B', 'C']]);
    // 60, 25, 10, 5: before = 0, 60, 85, 95 -> A A B C, in place
    expect(sheet(abcClass([[10, 60], [5, 25]]))).toEqual([['B', 'A'], ['C', 'A']]);
  });

  it('ABC_CLASS gives a blank for a blank cell, D for a negative value and C for zero', () => {
    // positive total 100: 100 has before 0 -> A
    expect(sheet(abcClass(column(100, '', -20, 0, '   ')))).toEqual(column('A', '', 'D', 'C', ''));
  });

  it('ABC_CLASS of a range of blanks is a range of blanks', () => {
    expect(sheet(abcClass(column('', '')))).toEqual(column('', ''));
  });

  it('ABC_CLASS gives #VALUE! in the cell of a text that is no number and classifies the rest without it', () => {
    // population 100 and 50, total 150: 50 has before = 100 / 150 = 66.7 % < 75 % -> A
    const out = abcClass(column(100, 'n/a', 50, true));
    expect(sheet(out)).toEqual(column('A', '#VALUE!', 'A', '#VALUE!'));
    expect(messageAt(out, 1)).toMatch(/value 'n\/a' is not a number/);
    // a later error of the same kind says it short (the cell's own value is beside it)
    expect(messageAt(out, 3)).toBe('not a number');
  });

  it('ABC_CLASS reads numbers written as text by METHODS.md section 0 ("1 234,56", "(120)")', () => {
    // 1234.56 and 600: before(600) = 1234.56 / 1834.56 = 67.3 % -> A; (120) = -120 -> D
    expect(sheet(abcClass(column('1 234,56', '600', '(120)')))).toEqual(column('A', 'A', 'D'));
  });

  it('ABC_CLASS passes #N/A, #DIV/0! and #NUM! through and shows any other Excel error as #VALUE!', () => {
    const out = abcClass(column(10, '#N/A', { code: '#DIV/0!' }, { type: 'Error', errorType: 'Num' }, '#REF!'));
    expect(sheet(out)).toEqual(column('A', '#N/A', '#DIV/0!', '#NUM!', '#VALUE!'));
    expect(messageAt(out, 4)).toMatch(/#REF!/);
  });

  it('ABC_CLASS(values, , 80, 90) reads limits above 1 as percents: 50;30;10;5.5;4.5 -> A A B C C', () => {
    // before = 0, 50, 80, 90, 95.5 against 80 / 90 %: 80 is not below 80 -> B; 90 is not below 90 -> C
    expect(sheet(abcClass(column(50, 30, 10, 5.5, 4.5), undefined, 80, 90))).toEqual(column('A', 'A', 'B', 'C', 'C'));
    expect(sheet(abcClass(column(50, 30, 10, 5.5, 4.5), null as never, '80%', '90%'))).toEqual(column('A', 'A', 'B', 'C', 'C'));
  });

  it('ABC_CLASS takes blank optional arguments (blank cells, "") as their defaults', () => {
    expect(sheet(abcClass(column(50, 30, 10, 5.5, 4.5), [['']], '', null, ''))).toEqual(column('A', 'A', 'B', 'B', 'C'));
  });

  it('ABC_CLASS with limit_a not below limit_b is one #VALUE! error saying so', () => {
    const e = thrown(() => abcClass(column(1, 2), undefined, 0.95, 0.75));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/limit A \(0.95\) must be below limit B \(0.75\)/);
  });

  it('ABC_CLASS with an unknown method is one #VALUE! error naming the choices', () => {
    const e = thrown(() => abcClass(column(1, 2), undefined, undefined, undefined, 'pareto'));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/"share" or "average"/);
  });

  it('ABC_CLASS(values, , , , "average") gives A from 6 P and C up to P / 2', () => {
    // 12 clients: 60, then 10 x 5, then 0 -> sum 110, P = 110 / 12 = 9.17; 6 P = 55 -> 60 is A;
    // P / 2 = 4.58 -> 5 is B; 0 is C
    const values = column(60, ...Array(10).fill(5), 0);
    const expected = column('A', ...Array(10).fill('B'), 'C');
    expect(sheet(abcClass(values, undefined, undefined, undefined, 'average'))).toEqual(expected);
  });

  it('ABC_CLASS with the average method and an average <= 0 is one #VALUE! error saying so', () => {
    const e = thrown(() => abcClass(column(-5, 2), undefined, undefined, undefined, 'AVERAGE'));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/needs a positive average value; here it is -1.5/);
  });
});

describe('=KC.ABC_CLASS(B2, $B$2:$B$N) fill-down form', () => {
  // METHODS.md: yearly sales 100,000,000 over 250 clients -> P = 400,000; A from 2,400,000; C up to 200,000.
  // 2,400,000 + 2,399,999 + 200,000 + 200,001 + 245 x 385,000 + 475,000 = 100,000,000 over 250 clients.
  const population = column(2_400_000, 2_399_999, 200_000, 200_001, ...Array(245).fill(385_000), 475_000);

  it('has a 250-client population summing to 100,000,000', () => {
    expect(population.length).toBe(250);
    expect(population.reduce((s, [v]) => s + (v as number), 0)).toBe(100_000_000);
  });

  it.each([
    [2_400_000, 'A'],
    [2_399_999, 'B'],
    [200_001, 'B'],
    [200_000, 'C'],
    [3_000_000, 'A'],
    [0, 'C'],
    [-1, 'D'],
  ])('ABC_CLASS(%d, population, , , "average") is %s (P = 400,000)', (value, cls) => {
    expect(sheet(abcClass([[value]], population, undefined, undefined, 'average'))).toEqual([[cls]]);
  });

  it('ABC_CLASS(B2, $B$2:$B$6) filled down gives each row the class of the spill form', () => {
    const pop = column(50, 30, 10, 5.5, 4.5);
    const classes = pop.map((row) => sheet(abcClass([row], pop)));
    expect(classes).toEqual([[['A']], [['A']], [['B']], [['B']], [['C']]]);
  });

  it('ABC_CLASS(B2, population) gives a blank for a blank B2 and #VALUE! for a text B2', () => {
    const pop = column(50, 30, 20);
    expect(sheet(abcClass([['']], pop))).toEqual([['']]);
    expect(sheet(abcClass([['abc']], pop))).toEqual([['#VALUE!']]);
  });

  it('ABC_CLASS ignores blank cells of the population', () => {
    // 50 and 50 of 100: before(50) = 0 -> A for both; the blanks do not count
    expect(sheet(abcClass(column(50, 50), column(50, '', 50, '')))).toEqual(column('A', 'A'));
  });

  it('ABC_CLASS ignores the header and other text or TRUE/FALSE in the population, as RANK.EQ does', () => {
    // population 50, 30, 20 (total 100): before(30) = 50 % -> A; before(20) = 80 % -> B
    expect(sheet(abcClass(column(30, 20), column('Sales', 50, 'n/a', 30, true, 20)))).toEqual(column('A', 'B'));
  });

  it('ABC_CLASS reads a number written as text in the population ("1 234,56") as a number', () => {
    // population 1234.56 and 100: before(100) = 1234.56 / 1334.56 = 92.5 % -> B
    expect(sheet(abcClass([[100]], column('1 234,56', 100)))).toEqual([['B']]);
  });

  it('ABC_CLASS with #N/A in the population is one #N/A error naming the cell', () => {
    const e = thrown(() => abcClass([[5]], [[50, 30], [20, '#N/A']]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/population row 2, column 2 is #N\/A/);
  });

  it('ABC_CLASS with a population of blanks only is #N/A', () => {
    expect(thrown(() => abcClass([[5]], column('', ''))).code).toBe('#N/A');
  });
});

describe('the prepared-population cache of the fill-down form', () => {
  // 10,000 clients: 1, 2, ..., 10,000. Excel hands every call a new array of the same content.
  const N = 10_000;
  const content = () => Array.from({ length: N }, (_, i) => [i + 1]);
  const copies = [content(), content(), content()];

  it('builds the population once for 10,000 fill-down calls in one recalculation', () => {
    for (let i = 0; i < N; i++) abcClass([[i + 1]], copies[i % copies.length]);
    expect(abcPopulations.stats).toEqual({ builds: 1, hits: N - 1 });
  });

  it('gives the fill-down classes of the spill form', () => {
    const spill = sheet(abcClass(content())) as string[][];
    const filled = content().map((row, i) => (sheet(abcClass([row], copies[i % copies.length])) as string[][])[0]);
    expect(filled).toEqual(spill);
  });

  it('builds again when one cell of the population changes, and when an option changes', () => {
    abcClass([[1]], copies[0]);
    const changed = content();
    changed[5000] = [5000.5];
    abcClass([[1]], changed);
    abcClass([[1]], copies[1], 80);
    expect(abcPopulations.stats.builds).toBe(3);
    abcClass([[1]], copies[2]);
    expect(abcPopulations.stats).toEqual({ builds: 3, hits: 1 });
  });

  it('never answers from a stale population: a changed population changes the class', () => {
    // 10 in 50, 30, 10, 5.5, 4.5: before(10) = 80 / 100 = 80 % -> B;
    // 10 in 50, 30, 10, 400: before(10) = 480 / 490 = 98 % -> C
    const pop = column(50, 30, 10, 5.5, 4.5);
    expect(sheet(abcClass([[10]], pop))).toEqual([['B']]);
    expect(sheet(abcClass([[10]], column(50, 30, 10, 400)))).toEqual([['C']]);
  });

  it('keeps the last few populations (LRU): the least recently used one is rebuilt', () => {
    const cache = new PopulationCache(2);
    const opts = { method: 'share' as const, limitA: 0.75, limitB: 0.95 };
    cache.get(column(1, 2), opts);
    cache.get(column(3, 4), opts);
    cache.get(column(1, 2), opts); // hit, now most recent
    cache.get(column(5, 6), opts); // evicts 3, 4
    cache.get(column(1, 2), opts); // hit
    cache.get(column(3, 4), opts); // rebuilt
    expect(cache.stats).toEqual({ builds: 4, hits: 2 });
  });

  it('remembers a bad population too, so 10,000 calls do not scan it 10,000 times', () => {
    const bad = column('#REF!', 1, 2);
    for (let i = 0; i < 100; i++) thrown(() => abcClass([[1]], bad));
    expect(abcPopulations.stats).toEqual({ builds: 1, hits: 99 });
  });
});

describe('=KC.ABC_CLASS(values, ..., profit): the pane class with group D for a loss', () => {
  // 50, 30, 10, 5.5, 4.5 are A A B B C by revenue (before = 0, 50, 80, 90, 95.5 %)
  const revenue = column(50, 30, 10, 5.5, 4.5);

  it('gives D where the profit is below zero and the revenue class elsewhere: A D B B D', () => {
    expect(sheet(abcClass(revenue, null as never, null, null, null, column(12, -0.01, 0, 3, -7)))).toEqual(column('A', 'D', 'B', 'B', 'D'));
  });

  it('keeps a loss-making client in the population of the others, as the pane does', () => {
    // the 50 client is D by profit; 30 still has 50 before it: before = 50 % -> A
    expect(sheet(abcClass(revenue, null as never, null, null, null, column(-1, 1, 1, 1, 1)))).toEqual(column('D', 'A', 'B', 'B', 'C'));
  });

  it('leaves the class of a value with a blank profit as it is, and gives a blank for a blank value', () => {
    expect(sheet(abcClass(column(50, '', 30), null as never, null, null, null, column('', -5, null)))).toEqual(column('A', '', 'A'));
  });

  it('gives #VALUE! in the cell of a profit that is no number, and passes an error in a profit cell through', () => {
    // 20 of 50, 30, 20: before = 80 % -> B
    const out = abcClass(column(50, 30, 20), null as never, null, null, null, column('loss', '#N/A', 2));
    expect(sheet(out)).toEqual(column('#VALUE!', '#N/A', 'B'));
    expect(messageAt(out, 0)).toMatch(/profit 'loss' is not a number/);
  });

  it('works in the fill-down form: ABC_CLASS(B2, $B$2:$B$6, , , , C2)', () => {
    expect(sheet(abcClass([[10]], revenue, null, null, null, [[-2]]))).toEqual([['D']]);
    expect(sheet(abcClass([[10]], revenue, null, null, null, [[2]]))).toEqual([['B']]);
  });

  it('is one #VALUE! error when profit has another number of cells than values', () => {
    const e = thrown(() => abcClass(revenue, null as never, null, null, null, column(1, 2)));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/2 profit cells for 5 values/);
  });

  it('takes an omitted or blank profit as no profit rule', () => {
    expect(sheet(abcClass(revenue, null as never, null, null, null, [[null]]))).toEqual(column('A', 'A', 'B', 'B', 'C'));
  });
});
