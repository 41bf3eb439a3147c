/**
 * guessLeadsLayout / rankLeads: METHODS.md section 6 (renew index, ranking, recontact dates).
 * Expected values by hand: renew = sum of scores (times weights); deadline - 14 days; launch + 60 days.
 */
import { dayToSerial, errorText, guessLeadsLayout, isoToDay, rankLeads, type Cell } from '../../src/core';
import { deepFreeze } from './helpers';

const serial = (iso: string) => dayToSerial(isoToDay(iso));

const LEADS: Cell[][] = deepFreeze([
  ['Lead', 'Brand', 'Order', 'Refusal', 'Deadline', 'Launch'],
  ['Orion', 5, 4, 3, '2025-03-31', ''], // 12; deadline - 14 = 2025-03-17
  ['Vega', 2, 2, 2, '', '15.01.2025'], // 6; launch + 60 = 2025-03-16
  ['Lyra', 5, 5, 5, '', ''], // 15
  ['Draco', '', '', '', '', ''], // all blank: left out
  ['Cygnus', 4, '', 3, '', ''], // some blank: an error, listed last
  ['Pavo', 4, 4, 4, '', ''], // 12, tied with Orion: sheet order
]) as Cell[][];

describe('guessLeadsLayout(header)', () => {
  it('guessLeadsLayout takes the first column as the lead, deadline and launch by name, the rest as criteria', () => {
    expect(guessLeadsLayout(LEADS[0])).toEqual({ lead: 0, criteria: [1, 2, 3], deadline: 4, launch: 5 });
  });
  it('guessLeadsLayout knows Russian and Polish date headers', () => {
    expect(guessLeadsLayout(['Лид', 'Бренд', 'Срок проекта', 'Запуск'])).toEqual({ lead: 0, criteria: [1], deadline: 2, launch: 3 });
    expect(guessLeadsLayout(['Lead', 'Marka', 'Termin', 'Uruchomienie'])).toEqual({ lead: 0, criteria: [1], deadline: 2, launch: 3 });
  });
});

describe('rankLeads(cells, firstRow, layout)', () => {
  const ranked = rankLeads(LEADS, 1, guessLeadsLayout(LEADS[0]));

  it('rankLeads ranks by renew index, highest first, ties in sheet order, errors last, all-blank leads left out', () => {
    expect(ranked.map((l) => [l.lead, l.renew])).toEqual([['Lyra', 15], ['Orion', 12], ['Pavo', 12], ['Vega', 6], ['Cygnus', null]]);
  });

  it('rankLeads gives the sheet row of each lead', () => {
    expect(ranked.map((l) => l.row)).toEqual([4, 2, 7, 3, 6]);
  });

  it('rankLeads names the blank criterion of a partly scored lead', () => {
    expect(ranked[4].error).toBe('Order is blank: score every criterion or none');
  });

  it('rankLeads gives the recontact dates: 14 days before the deadline, 60 days after the launch', () => {
    expect(ranked[1].beforeDeadline).toBe(serial('2025-03-17'));
    expect(ranked[1].afterLaunch).toBeNull();
    expect(ranked[3].afterLaunch).toBe(serial('2025-03-16'));
  });

  it('rankLeads applies weights: 2 x brand + 1 x order + 1 x refusal', () => {
    const w = rankLeads(LEADS, 1, guessLeadsLayout(LEADS[0]), [2, 1, 1]);
    // Lyra 10+5+5 = 20, Orion 10+4+3 = 17, Pavo 8+4+4 = 16, Vega 4+2+2 = 8
    expect(w.map((l) => l.renew)).toEqual([20, 17, 16, 8, null]);
  });

  it('rankLeads takes a good/bad scale (TRUE/FALSE) with max 1', () => {
    const r = rankLeads([['Lead', 'Big name', 'Good order'], ['A', true, false], ['B', true, true]], 1, { lead: 0, criteria: [1, 2] }, undefined, 1);
    expect(r.map((l) => [l.lead, l.renew])).toEqual([['B', 2], ['A', 1]]);
  });
});

describe('rankLeads problems in other languages', () => {
  it('a partly scored lead carries its problem with a key, so errorText gives it in Russian', () => {
    const ranked = rankLeads(LEADS, 1, guessLeadsLayout(LEADS[0]));
    expect(errorText(ranked[4].problem!, 'ru')).toBe('не заполнен критерий «Order»: оцените все критерии или ни одного');
    expect(errorText(ranked[4].problem!, 'pl')).toBe('kryterium „Order” jest puste: oceń wszystkie kryteria albo żadne');
  });
  it('a score out of range is named in Polish with the max', () => {
    const r = rankLeads([['Lead', 'Brand'], ['A', 7]], 1, { lead: 0, criteria: [1] });
    expect(errorText(r[0].problem!, 'pl')).toBe('kryterium „Brand”: 7 jest poza zakresem 0..5');
  });
});
