/**
 * The forms in which Excel hands arguments to the functions (Microsoft's "Custom functions parameter
 * options": an omitted optional argument is null; OfficeDev/office-js#4702: an empty cell reference
 * is null, 0 in older desktop builds; "Handle and return errors": with allowErrorForDataTypeAny an
 * error reaches `any` parameters), and what each function makes of them.
 */
import { abcClass, csiIndex, npsScore, renewIndex, rfmScore, xyzClass } from '../../src/functions/functions';
import { abcPopulations } from '../../src/functions/adapters';
import { column, installCustomFunctions, messageAt, sheet, thrown } from './excel';

beforeAll(installCustomFunctions);
beforeEach(() => abcPopulations.clear());

const AMOUNTS = column(50, 30, 10, 5.5, 4.5);
const DEFAULT_CLASSES = column('A', 'A', 'B', 'B', 'C');

describe('empty cells and omitted arguments', () => {
  it('ABC_CLASS gives a blank for an empty cell handed as null', () => {
    expect(sheet(abcClass(column(100, null, -20)))).toEqual(column('A', '', 'D'));
  });

  it('ABC_CLASS(B2#, , 80) reads the skipped population (null) as none', () => {
    // before = 0, 50, 80, 90, 95.5 against 80 / 95 %: A A B B C
    expect(sheet(abcClass(AMOUNTS, null as never, 80))).toEqual(DEFAULT_CLASSES);
  });

  it.each([
    ['null (omitted, or an empty cell)', null],
    ['undefined', undefined],
    ['"" (an empty text)', ''],
    ['a 1 x 1 range of an empty cell', [[null]]],
    ['0 (an empty cell in older desktop Excel)', 0],
  ])('ABC_CLASS takes limit_a, limit_b and method given as %s as their defaults', (_, blank) => {
    expect(sheet(abcClass(AMOUNTS, null as never, blank, blank, blank as never))).toEqual(DEFAULT_CLASSES);
  });

  it('XYZ_CLASS(..., 0, 0.25) keeps cv limit_x 0 (X only for an even series), unlike the other limits', () => {
    // 10, 10 has CV 0 -> X; 10, 12 has CV 1 / 11 = 0.09 -> Y with limit_x 0
    expect(sheet(xyzClass([[10, 10], [10, 12]], 0, 0.25))).toEqual(column('X', 'Y'));
    // frequency with 0 limits takes 0.75 / 0.25: 1 of 2 periods = 50 % -> Y
    expect(sheet(xyzClass([[10, null]], 0, 0, 'frequency'))).toEqual(column('Y'));
  });

  it('RFM_SCORE takes bins 0 and recency_in_days null as 5 and FALSE', () => {
    expect(sheet(rfmScore([[45000]], [[3]], [[9]], 0, null as never))).toEqual([[555]]);
  });

  it('CSI and NPS ignore empty cells handed as null', () => {
    expect(csiIndex([[9, null, 10], [null, 8, 2]])).toBe(3);
    // 9 and 10 promoters, 3 a detractor: 100 x (2 - 1) / 3
    expect(npsScore(column(9, null, 10, 3))).toBeCloseTo(100 / 3, 10);
  });

  it('NPS of empty cells only is #N/A with the message that there are no answers', () => {
    const e = thrown(() => npsScore(column(null, '', null)));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/NPS needs at least one answer/);
  });
});

describe('Excel errors as arguments', () => {
  it('an error given as an optional argument is the whole result, with its code', () => {
    expect(thrown(() => abcClass(AMOUNTS, null as never, '#N/A')).code).toBe('#N/A');
    expect(thrown(() => abcClass(AMOUNTS, null as never, null, null, { code: '#DIV/0!' } as never)).code).toBe('#DIV/0!');
    const e = thrown(() => rfmScore([[45000]], [[3]], [[9]], null, { type: 'Error', errorType: 'Ref' } as never));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/recency_in_days is #REF!/);
  });

  it('an error in the population stops the fill-down form with its code and the cell', () => {
    const e = thrown(() => abcClass([[5]], column('Sales', 50, { code: '#N/A' }, 30)));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/population row 3 is #N\/A/);
  });

  it('a population of text only is #N/A asking for the range of amounts', () => {
    const e = thrown(() => abcClass([[5]], column('Sales', 'Revenue', null)));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/no numbers/);
  });

  it('a rich value in values is #VALUE! shown by its text, not "[object Object]"', () => {
    const out = abcClass(column(10, { type: 'Entity', text: 'Contoso' }));
    expect(sheet(out)).toEqual(column('A', '#VALUE!'));
    expect(messageAt(out, 1)).toMatch(/'Contoso' is not a number/);
  });
});

describe('shapes', () => {
  it('ABC_CLASS(B2, population) of one cell returns a 1 x 1 array (a plain value in dynamic-array Excel)', () => {
    const out = abcClass([[30]], AMOUNTS);
    expect(sheet(out)).toEqual([['A']]);
  });

  it('ABC_CLASS of a row spills a row, blanks in place', () => {
    expect(sheet(abcClass([[50, null, 30, 10, 5.5, 4.5]]))).toEqual([['A', '', 'A', 'B', 'B', 'C']]);
  });

  it('RENEW_INDEX of a row of one lead gives one cell; of a column of one criterion one cell per lead', () => {
    expect(sheet(renewIndex([[5, 4, 3]]))).toEqual([[12]]);
    expect(sheet(renewIndex(column(5, null, 3)))).toEqual(column(5, '', 3));
  });
});

describe('RFM_SCORE dates', () => {
  it('reads real dates (serial numbers) and text dates in one column alike', () => {
    // 45292 = 2024-01-01, 45323 = 2024-02-01; "2024-01-15" lies between: L = 0, 2, 1 -> 1, 5, 3
    const out = rfmScore(column(45292, 45323, '2024-01-15'), column(1, 1, 1), column(5, 5, 5));
    expect(sheet(out)).toEqual(column(111, 511, 311));
  });

  it('with recency_in_days TRUE (or "TRUE", or 1) scores fewer days as better', () => {
    // days 30, 0, 15: fewest is best -> 1, 5, 3
    for (const flag of [true, 'TRUE', 1]) {
      expect(sheet(rfmScore(column(30, 0, 15), column(1, 1, 1), column(5, 5, 5), null, flag as never))).toEqual(column(111, 511, 311));
    }
  });

  it('with recency_in_days TRUE a date text is #VALUE! saying it is no number of days', () => {
    const out = rfmScore(column(30, '2024-01-15'), column(1, 1), column(5, 5), null, true as never);
    expect(sheet(out)).toEqual(column(555, '#VALUE!'));
    expect(messageAt(out, 1)).toMatch(/last_purchase \(days\) '2024-01-15' is not a number/);
  });

  it('a client with an empty cell (null) in one column is #N/A in its row only', () => {
    const out = rfmScore(column(45292, 45323, null), column(1, null, 1), column(5, 5, 5));
    expect(sheet(out)).toEqual(column(555, '#N/A', '#N/A'));
    expect(messageAt(out, 1)).toMatch(/frequency is blank: give all three values of a client, or none/);
    expect(messageAt(out, 2)).toMatch(/last_purchase is blank/);
  });
});
