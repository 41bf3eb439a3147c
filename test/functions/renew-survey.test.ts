import { csiIndex, npsScore, renewIndex } from '../../src/functions/functions';
import { column, installCustomFunctions, messageAt, sheet, thrown } from './excel';

beforeAll(installCustomFunctions);

describe('=KC.RENEW_INDEX(scores, [weights], [max_score])', () => {
  it('RENEW_INDEX of one lead 5, 4, 3 is 12', () => {
    expect(sheet(renewIndex([[5, 4, 3]]))).toEqual([[12]]);
  });

  it('RENEW_INDEX spills one index per lead, blank for a blank lead, an error for a bad one', () => {
    const out = renewIndex([
      [5, 4, 3], // 12
      [1, 1, 1], // 3
      ['', '', ''], // blank lead: blank
      [5, '', 3], // partly scored: #N/A naming criterion 2
      [6, 1, 1], // 6 > 5: #VALUE! (out of range, with its message)
      ['x', 1, 1], // not a score: #VALUE!
      [true, false, true], // good/bad scale: 1 + 0 + 1 = 2
      ['#N/A', 1, 1], // an Excel error passes through
    ]);
    expect(sheet(out)).toEqual(column(12, 3, '', '#N/A', '#VALUE!', '#VALUE!', 2, '#N/A'));
    expect(messageAt(out, 3)).toMatch(/criterion 2 is blank/);
    expect(messageAt(out, 4)).toMatch(/criterion 1: 6 is outside 0..5/);
  });

  it('RENEW_INDEX(scores, weights) multiplies each score by its weight: 5 x 2 + 4 x 1 + 3 x 0.5 = 15.5', () => {
    expect(sheet(renewIndex([[5, 4, 3]], [[2, 1, 0.5]]))).toEqual([[15.5]]);
  });

  it('RENEW_INDEX(scores, , 10) accepts scores up to 10: 10 + 6 + 0 = 16', () => {
    expect(sheet(renewIndex([[10, 6, 0]], undefined, 10))).toEqual([[16]]);
  });

  it('RENEW_INDEX with blank weights uses weight 1 for every criterion', () => {
    expect(sheet(renewIndex([[5, 4, 3]], [['', '', '']]))).toEqual([[12]]);
  });

  it('RENEW_INDEX with weights not one per criterion, or negative, or max_score below 0 is one #VALUE! error', () => {
    expect(thrown(() => renewIndex([[5, 4, 3]], [[1, 1]])).code).toBe('#VALUE!');
    expect(thrown(() => renewIndex([[5, 4, 3]], [[1, -1, 1]])).code).toBe('#VALUE!');
    const e = thrown(() => renewIndex([[5, 4, 3]], undefined, -1));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/max_score must be above 0/);
  });

  it('RENEW_INDEX(scores, , 0) takes max_score 0 as the default 5 (older Excel desktop passes an empty cell as 0)', () => {
    expect(sheet(renewIndex([[5, 4, 3]], undefined, 0))).toEqual([[12]]);
    expect(sheet(renewIndex([[6, 4, 3]], undefined, 0))).toEqual([['#VALUE!']]);
  });
});

describe('=KC.CSI(scores, [attract_min], [detract_max])', () => {
  it('CSI of 9, 10, 8, 2, 5 is 3: three answers 8-10 over one answer 1-3', () => {
    expect(csiIndex(column(9, 10, 8, 2, 5))).toBe(3);
  });

  it('CSI ignores blank answers', () => {
    expect(csiIndex([[9, '', 10], ['', 8, 2]])).toBe(3);
  });

  it('CSI(scores, 8, 5) counts answers 1-5 as low: 3 / 2 = 1.5', () => {
    expect(csiIndex(column(9, 10, 8, 2, 5), 8, 5)).toBe(1.5);
  });

  it('CSI with no answer from 1 to 3 is #N/A saying how many high answers there are (Excel drops the message of #DIV/0!)', () => {
    const e = thrown(() => csiIndex(column(9, 10, 8, 5)));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/CSI is undefined: no answer from 1 to 3/);
    expect(e.message).toMatch(/3 answers from 8 to 10/);
  });

  it('CSI with an answer that is no number or outside 0..10 is an error naming it', () => {
    const bad = thrown(() => csiIndex(column(9, 'ten', 2)));
    expect(bad.code).toBe('#VALUE!');
    expect(bad.message).toMatch(/answer 2/);
    const out = thrown(() => csiIndex(column(9, 11, 2)));
    expect(out.code).toBe('#VALUE!');
    expect(out.message).toMatch(/answer 2 \(11\) is outside 0..10/);
    expect(thrown(() => csiIndex(column(9, '#N/A', 2))).code).toBe('#N/A');
  });
});

describe('=KC.NPS(scores)', () => {
  it('NPS of 10, 9, 8, 6 is 25: 100 x (2 promoters - 1 detractor) / 4', () => {
    expect(npsScore(column(10, 9, 8, 6))).toBe(25);
  });

  it('NPS counts 0 as a detractor and ignores blanks: 0, 10, "" -> 100 x (1 - 1) / 2 = 0', () => {
    expect(npsScore(column(0, 10, ''))).toBe(0);
  });

  it('NPS with no answers is #N/A with its message, with a bad answer #VALUE!', () => {
    const e = thrown(() => npsScore(column('', '')));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/at least one answer/);
    expect(thrown(() => npsScore(column(9, 'yes'))).code).toBe('#VALUE!');
  });
});
