/**
 * leadsModel / leadsJson: the ranking of refused leads as the report model both writers take (the
 * pane and the command line) and as JSON. The texts are the core's, the same as the pane shows.
 */
import { dayToSerial, isoToDay, leadsJson, leadsModel, rankLeads, texts, type Cell, type Lang, type ReportTable } from '../../src/core';
import { strings } from '../../src/taskpane/strings';
import { deepFreeze } from './helpers';

const serial = (iso: string) => dayToSerial(isoToDay(iso));

const LEADS: Cell[][] = deepFreeze([
  ['Lead', 'Brand', 'Order', 'Deadline', 'Launch'],
  ['Orion', 5, 4, serial('2025-03-31'), ''], // 9; deadline - 14 = 2025-03-17
  ['Vega', 2, '', '', serial('2025-01-15')], // an error (Order is blank); launch + 60 = 2025-03-16
  ['Lyra', 5, 5, '', ''], // 10
]) as Cell[][];
const ranked = rankLeads(LEADS, 1, { lead: 0, criteria: [1, 2], deadline: 3, launch: 4 });

describe('leadsModel(ranked, language)', () => {
  it('leadsModel(ranked, "en") is one sheet with the table KC_Leads: rank, lead, renew, dates as serials, row, problem', () => {
    const model = leadsModel(ranked, 'en');
    expect(model.sheets.map((s) => s.name)).toEqual(['Refused leads']);
    const table = model.sheets[0].blocks[0] as ReportTable;
    expect(table.tableName).toBe('KC_Leads');
    expect(table.title).toBe('Refused leads ranked by the renew index');
    expect(table.columns.map((c) => c.header)).toEqual(['Rank', 'Lead', 'Renew index', 'Call before deadline', 'Call after launch', 'Row', 'Problem']);
    expect(table.columns.filter((c) => c.type === 'date').map((c) => c.key)).toEqual(['beforeDeadline', 'afterLaunch']);
    expect(table.rows).toEqual([
      [1, 'Lyra', 10, null, null, 4, null],
      [2, 'Orion', 9, serial('2025-03-17'), null, 2, null],
      [null, 'Vega', null, null, serial('2025-03-16'), 3, 'Order is blank: score every criterion or none'],
    ]);
  });

  it('leadsModel(ranked, "ru") writes the problem and every text in Russian', () => {
    const table = leadsModel(ranked, 'ru').sheets[0].blocks[0] as ReportTable;
    expect(table.rows[2][6]).toBe(texts('ru').error.renewBlank.replace('{criterion}', 'Order'));
    expect(table.columns[0].header).toBe('Место');
  });

  it.each<Lang>(['en', 'ru', 'pl'])('the sheet in %s has the names the pane shows for the ranking', (lang) => {
    const model = leadsModel(ranked, lang);
    const table = model.sheets[0].blocks[0] as ReportTable;
    const s = strings(lang);
    expect([model.sheets[0].name, table.title, ...table.columns.map((c) => c.header)]).toEqual([
      s.leadsSheet, s.leadsTable, s.rank, s.lead, s.renew, s.beforeDeadline, s.afterLaunch, s.row, s.error,
    ]);
  });
});

describe('leadsJson(ranked)', () => {
  it('leadsJson gives { leads } in rank order, dates as ISO, the error in English', () => {
    expect(leadsJson(ranked)).toEqual({
      leads: [
        { lead: 'Lyra', row: 4, renew: 10, beforeDeadline: null, afterLaunch: null, error: null },
        { lead: 'Orion', row: 2, renew: 9, beforeDeadline: '2025-03-17', afterLaunch: null, error: null },
        { lead: 'Vega', row: 3, renew: null, beforeDeadline: null, afterLaunch: '2025-03-16', error: 'Order is blank: score every criterion or none' },
      ],
    });
  });
});
