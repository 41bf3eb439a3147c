/**
 * CSI and NPS: METHODS.md section 7, docs/methods.md "Renew index, CSI, NPS".
 */
import { csi, errorText, findAnswerColumn, nps, surveyAnswers, surveyByGroup } from '../../src/core';
import { KcError } from '../../src/core';
import { deepFreeze, kcError } from './helpers';

describe('csi(answers)', () => {
  it('csi([9, 10, 8, 2, 5]) is 3 / 1 = 3', () => {
    expect(csi([9, 10, 8, 2, 5])).toEqual({ csi: 3, high: 3, low: 1, count: 5 });
  });

  it('csi([10, 9, 8, 8, 1, 3, 5, 7]) is 4 / 2 = 2', () => {
    expect(csi([10, 9, 8, 8, 1, 3, 5, 7]).csi).toBe(2);
  });

  it('csi([8, 1, 2, 3, 0]) is 1 / 3: an answer of 0 is in neither group', () => {
    const r = csi([8, 1, 2, 3, 0]);
    expect(r.high).toBe(1);
    expect(r.low).toBe(3);
    expect(r.csi).toBeCloseTo(1 / 3, 15);
  });

  it('csi([9, 10, 5]) is a #DIV/0! error that gives the count of high answers (2)', () => {
    const e = kcError(() => csi([9, 10, 5]));
    expect(e.code).toBe('#DIV/0!');
    expect(e.message).toMatch(/\b2\b/);
  });

  it('csi([10, 9, 7, 4, 2], 9, 4) uses the given limits: 2 / 2 = 1', () => {
    expect(csi([10, 9, 7, 4, 2], 9, 4).csi).toBe(1);
  });

  it('csi(answers, 3, 3) is a #NUM! error: the groups overlap', () => {
    expect(kcError(() => csi([1, 9], 3, 3)).code).toBe('#NUM!');
  });

  it('csi(answers) does not mutate its input', () => {
    const answers = deepFreeze([9, 10, 8, 2, 5]);
    csi(answers);
    expect(answers).toEqual([9, 10, 8, 2, 5]);
  });
});

describe('nps(answers)', () => {
  it('nps([10, 9, 8, 6]) is 100 x (2 - 1) / 4 = 25', () => {
    expect(nps([10, 9, 8, 6])).toEqual({ nps: 25, promoters: 2, detractors: 1, count: 4 });
  });

  it('nps([10, 10, 9, 8, 7, 6, 5, 0, 3, 10]) is 100 x (4 - 4) / 10 = 0', () => {
    expect(nps([10, 10, 9, 8, 7, 6, 5, 0, 3, 10]).nps).toBe(0);
  });

  it('nps([9, 9, 9, 1]) is 100 x (3 - 1) / 4 = 50', () => {
    expect(nps([9, 9, 9, 1]).nps).toBe(50);
  });

  it('nps([0, 1, 6]) is -100', () => {
    expect(nps([0, 1, 6]).nps).toBe(-100);
  });

  it('nps([7, 8]) is 0: passives only', () => {
    expect(nps([7, 8]).nps).toBe(0);
  });

  it('nps([]) is a #DIV/0! error', () => {
    expect(kcError(() => nps([])).code).toBe('#DIV/0!');
  });
});

describe('surveyAnswers(cells)', () => {
  it('surveyAnswers(["", 9, null, "10", " "]) ignores blanks: [9, 10]', () => {
    expect(surveyAnswers(['', 9, null, '10', ' '])).toEqual([9, 10]);
  });

  it('surveyAnswers([9, "good"]) is a #VALUE! error naming the answer', () => {
    const e = kcError(() => surveyAnswers([9, 'good']));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/good/);
  });

  it('surveyAnswers([11]) is a #NUM! error naming 11', () => {
    const e = kcError(() => surveyAnswers([11]));
    expect(e.code).toBe('#NUM!');
    expect(e.message).toMatch(/11/);
  });

  it('surveyAnswers([-1]) is a #NUM! error', () => {
    expect(kcError(() => surveyAnswers([-1])).code).toBe('#NUM!');
  });

  it('surveyAnswers([true]) is a #VALUE! error', () => {
    expect(kcError(() => surveyAnswers([true])).code).toBe('#VALUE!');
  });
});

describe('surveyByGroup(groups, answers)', () => {
  // Ann: 10, 9, 1 -> CSI 2 / 1 = 2, NPS 100 x (2 - 1) / 3 = 33.33
  // Bob: 2, 9, 7 -> CSI 1 / 1 = 1, NPS 100 x (1 - 1) / 3 = 0
  // Cat: 10, 8 (and a blank) -> CSI undefined (#DIV/0!), NPS 100 x (1 - 0) / 2 = 50
  const groups = deepFreeze(['Ann', 'Bob', 'Ann', 'Ann', 'Bob', 'Bob', 'Cat', 'Cat', 'Cat']);
  const answers = deepFreeze([10, 2, 9, 1, 9, 7, 10, '', 8]);
  const result = surveyByGroup(groups, answers);

  it('surveyByGroup(groups, answers) lists groups in order of first appearance', () => {
    expect(result.map((g) => g.group)).toEqual(['Ann', 'Bob', 'Cat']);
  });

  it('surveyByGroup(groups, answers) computes CSI within each group', () => {
    expect(result[0].csi).toBe(2);
    expect(result[1].csi).toBe(1);
  });

  it('surveyByGroup(groups, answers) computes NPS within each group', () => {
    expect(result[0].nps).toBeCloseTo(100 / 3, 12);
    expect(result[1].nps).toBe(0);
    expect(result[2].nps).toBe(50);
  });

  it('surveyByGroup(groups, answers) ignores blank answers in the count', () => {
    expect(result[2].count).toBe(2);
  });

  it('surveyByGroup(groups, answers) gives a group without detractors a #DIV/0! CSI, not a number', () => {
    expect(result[2].csi).toBeInstanceOf(KcError);
    expect((result[2].csi as KcError).code).toBe('#DIV/0!');
  });

  it('surveyByGroup(["A", "B"], [9, 12]) is a #NUM! error naming row 2', () => {
    const e = kcError(() => surveyByGroup(['A', 'B'], [9, 12]));
    expect(e.code).toBe('#NUM!');
    expect(e.message).toMatch(/row 2/);
  });
});

describe('the survey as a reader sees it: rows, the undefined CSI in three languages, the answer column', () => {
  it('surveyByGroup(groups, answers, 8, 3, firstRow) names the sheet row of a bad answer', () => {
    // answers start on sheet row 2 (under the header): the third answer, 'n/a', is on row 4
    const e = kcError(() => surveyByGroup(['', '', ''], [9, 2, 'n/a'], 8, 3, 2));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe("row 4: answer ('n/a') is not a number");
  });

  it('an undefined CSI carries its key: errorText gives the reason with the count of high answers in en, ru, pl', () => {
    // 10, 9, 5: no answer from 1 to 3, two from 8 to 10
    const e = kcError(() => csi([10, 9, 5]));
    expect(e.message).toBe('CSI is undefined: no answer from 1 to 3 (2 answers from 8 to 10)');
    expect(errorText(e, 'en')).toBe(e.message);
    expect(errorText(e, 'ru')).toBe('CSI не определён: нет ответов от 1 до 3 (ответов от 8 до 10: 2)');
    expect(errorText(e, 'pl')).toBe('CSI jest nieokreślony: brak odpowiedzi od 1 do 3 (odpowiedzi od 8 do 10: 2)');
    expect(errorText(kcError(() => csi([9])), 'en')).toBe('CSI is undefined: no answer from 1 to 3 (1 answer from 8 to 10)');
  });

  it('findAnswerColumn(header) finds Answer / Score / Оценка / Ocena, a unit allowed, else a question about recommending', () => {
    expect(findAnswerColumn(['Client', 'Manager', 'Score'])).toBe(2);
    expect(findAnswerColumn(['Клиент', 'Оценка'])).toBe(1);
    expect(findAnswerColumn(['Klient', 'Ocena (1-10)'])).toBe(1);
    expect(findAnswerColumn(['Client', 'Answer, points'])).toBe(1);
    expect(findAnswerColumn(['Client', 'How likely are you to recommend us?'])).toBe(1);
    expect(findAnswerColumn(['Client', 'Amount'])).toBe(-1);
  });
});
