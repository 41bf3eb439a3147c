import { xyzClass } from '../../src/functions/functions';
import { column, installCustomFunctions, messageAt, sheet, thrown } from './excel';

beforeAll(installCustomFunctions);

describe('=KC.XYZ_CLASS(period_values)', () => {
  it('XYZ_CLASS of one client row 100, 100, 100, 130 is Y: CV = 12.99 / 107.5 = 0.121', () => {
    // mean 107.5; squared deviations 3 x 56.25 + 506.25 = 675; STDEV.P = sqrt(675 / 4) = 12.99
    expect(sheet(xyzClass([[100, 100, 100, 130]]))).toEqual([['Y']]);
  });

  it('XYZ_CLASS spills one class per client row of a block', () => {
    const block = [
      [100, 100, 100, 100], // CV 0 -> X
      [90, 110, 90, 110], // mean 100, STDEV.P 10 -> CV 0.10, on the line -> X
      [100, 100, 100, 130], // CV 0.121 -> Y
      [100, '', 100, ''], // blanks are 0: mean 50, STDEV.P 50 -> CV 1 -> Z
      ['', '', '', ''], // no purchases at all: blank
      [0, 0, 0, 0], // mean 0 -> Z with no CV
    ];
    expect(sheet(xyzClass(block))).toEqual(column('X', 'X', 'Y', 'Z', '', 'Z'));
  });

  it('XYZ_CLASS gives #VALUE! in the row of a bad cell only, naming the period', () => {
    const out = xyzClass([
      [100, 100, 100, 100],
      [100, 'abc', 100, 100],
      [100, '#N/A', 100, 100],
    ]);
    expect(sheet(out)).toEqual(column('X', '#VALUE!', '#N/A'));
    expect(messageAt(out, 1)).toMatch(/period 2 'abc' is not a number/);
  });

  it('XYZ_CLASS(..., , , "frequency") classifies by the share of periods with purchases (0.75 / 0.25)', () => {
    const block = [
      [100, '', 100, 100], // 3 / 4 = 0.75 -> X
      [100, '', '', 100], // 2 / 4 = 0.50 -> Y
      [100, '', '', ''], // 1 / 4 = 0.25 -> Y
      [0, '', 100, ''], // a 0 is no purchase: 1 / 4 -> Y
    ];
    expect(sheet(xyzClass(block, undefined, undefined, 'frequency'))).toEqual(column('X', 'Y', 'Y', 'Y'));
    // 1 of 5 periods = 0.20 < 0.25 -> Z
    expect(sheet(xyzClass([[100, '', '', '', '']], '', '', 'frequency'))).toEqual([['Z']]);
  });

  it('XYZ_CLASS reads limits above 1 as percents: 5 / 15 turns CV 0.121 into Y and CV 0.20 into Z', () => {
    // 80, 120: mean 100, STDEV.P 20 -> CV 0.20
    expect(sheet(xyzClass([[100, 100, 100, 130], [80, 120, 80, 120]], 5, 15))).toEqual(column('Y', 'Z'));
  });

  it('XYZ_CLASS of a single column is one #N/A for the whole result: XYZ needs at least two periods', () => {
    const e = thrown(() => xyzClass(column(100, 200)));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/at least two periods; period_values has one column/);
  });

  it('XYZ_CLASS with an unknown method or limits out of order is one #VALUE! error', () => {
    expect(thrown(() => xyzClass([[1, 2]], undefined, undefined, 'stdev')).code).toBe('#VALUE!');
    const e = thrown(() => xyzClass([[1, 2]], 0.3, 0.2));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/CV limits need 0 <= limit X < limit Y/);
  });
});
