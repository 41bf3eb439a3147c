/**
 * The LTV in the report model (src/core/report/value.ts): the columns of the client tables, the marker
 * of key clients with a low P(alive), and the Summary's Value blocks, on the CDNOW benchmark (fitted),
 * a small hand table (too few repeat buyers) and a table without dates.
 */
import { buildReport, LOW_P_ALIVE_FILL, NUMBER_FORMATS, segmentClients, texts, warningText } from '../../src/core';
import type { Cell, ReportBlock, ReportModel, ReportNotes, ReportTable, SegmentationResult } from '../../src/core';
import { cdnowTransactions } from './ltv-data';

const tx = cdnowTransactions();
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
const CDNOW: Cell[][] = [['Client', 'Date', 'Amount'], ...Array.from(tx.client, (c, i) => [String(c + 1), iso(tx.day[i]), tx.amount[i]])];
const cdnow = segmentClients(CDNOW, { settings: { asOf: '1997-09-30' } });

/** HAND of test/core/value.test.ts: 6 clients, 4 repeat buyers, r = 0.5 over 12 months. */
const HAND: Cell[][] = [
  ['Order', 'Date', 'Client', 'Amount', 'Profit'],
  ['O1', '2023-03-01', 'Keep', 100, 10], ['O2', '2024-05-01', 'Keep', 200, 50], ['O4', '2023-06-01', 'Lost', 300, 30],
  ['O5', '2023-02-01', 'Refund', 100, 20], ['O6', '2024-02-01', 'Refund', -40, -8], ['O7', '2024-07-01', 'Newc', 500, 100],
  ['O8', '2023-12-31', 'Edge', 50, 5], ['O9', '2024-01-01', 'Edge', 60, 6], ['O10', '2022-12-31', 'Old', 100, 10], ['O11', '2024-03-03', 'Old', 70, 7],
];
const hand = segmentClients(HAND, { settings: { asOf: '2024-12-31' } });

const sheet = (m: ReportModel, id: string) => m.sheets.find((s) => s.id === id)!;
const table = (m: ReportModel, sheetId: string, blockId?: string) =>
  sheet(m, sheetId).blocks.find((b): b is ReportTable => b.kind === 'table' && (blockId === undefined || b.id === blockId))!;
const notes = (m: ReportModel, id: string) => sheet(m, 'summary').blocks.find((b): b is ReportNotes => b.kind === 'notes' && b.id === id)!;
const column = (t: ReportTable, key: string) => t.columns.findIndex((c) => c.key === key);
const cells = (t: ReportTable, key: string) => t.rows.map((row) => row[column(t, key)]);
const byClient = (r: SegmentationResult) => new Map(r.clients.map((c) => [c.client, c]));

describe('buildReport(r): the LTV columns of the client tables', () => {
  const m = buildReport(cdnow);
  const clients = table(m, 'clients');

  // after the key-client column come the six columns of the KPIs over time (issue 10), then these, as in the JSON
  it('buildReport(CDNOW) puts pAlive, expectedPurchases12m, expectedValue, clv12m and ltvSimple on the Clients sheet after the key-client and dynamics columns', () => {
    const keys = clients.columns.map((c) => c.key);
    const at = keys.indexOf('keyClient');
    expect(keys.slice(at + 1, at + 12)).toEqual([
      'status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent',
      'pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple',
    ]);
  });

  it('buildReport(CDNOW) shows P(alive) as a percent and CLV, expected value and simple LTV as money', () => {
    const fmt = (key: string) => clients.columns[column(clients, key)].numFmt;
    expect([fmt('pAlive'), fmt('expectedPurchases12m'), fmt('expectedValue'), fmt('clv12m'), fmt('ltvSimple')]).toEqual([
      NUMBER_FORMATS.percent, NUMBER_FORMATS.number, NUMBER_FORMATS.money, NUMBER_FORMATS.money, NUMBER_FORMATS.money,
    ]);
  });

  it('buildReport(CDNOW) writes each client\'s own P(alive) and CLV in its row', () => {
    const by = byClient(cdnow);
    const names = cells(clients, 'client') as string[];
    expect(cells(clients, 'pAlive')).toEqual(names.map((n) => by.get(n)!.pAlive));
    expect(cells(clients, 'clv12m')).toEqual(names.map((n) => by.get(n)!.clv));
  });

  it.each([
    ['en', 'P(alive)', 'Expected purchases, 12 mo', 'CLV, 12 mo', 'Simple LTV'],
    ['ru', 'P(alive)', 'Ожидаемые покупки, 12 мес.', 'CLV, 12 мес.', 'Простой LTV'],
    ['pl', 'P(alive)', 'Oczekiwane zakupy, 12 mies.', 'CLV, 12 mies.', 'Prosty LTV'],
  ] as const)('buildReport(CDNOW, { language: %s }) heads the columns in that language', (language, pAlive, expectedPurchases, clv, simple) => {
    const t = table(buildReport(cdnow, { language }), 'clients');
    const header = (key: string) => t.columns[column(t, key)].header;
    expect([header('pAlive'), header('expectedPurchases12m'), header('clv12m'), header('ltvSimple')]).toEqual([pAlive, expectedPurchases, clv, simple]);
  });

  it('buildReport(r with a 24-month horizon) says 24 months in the headers', () => {
    const r = segmentClients(HAND, { settings: { asOf: '2024-12-31', ltv: { months: 24 } } });
    const t = table(buildReport(r), 'clients');
    expect(t.columns[column(t, 'clv12m')].header).toBe('CLV, 24 mo');
  });

  it('buildReport(CDNOW) shows the CLV, not the other LTV columns, on the segment sheets', () => {
    const seg = table(m, 'segment:A');
    expect(['pAlive', 'expectedPurchases12m', 'clv12m', 'ltvSimple', 'lowPAlive'].map((k) => column(seg, k) >= 0)).toEqual([false, false, true, false, false]);
  });

  it('buildReport(a table without dates) has no LTV column', () => {
    const keys = table(buildReport(segmentClients([['Client', 'Amount'], ['A', 10], ['B', 5]])), 'clients').columns.map((c) => c.key);
    expect(keys.filter((k) => ['pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple'].includes(k))).toEqual([]);
  });
});

describe('buildReport(r): the key clients with a low P(alive)', () => {
  const m = buildReport(cdnow);
  const key = table(m, 'keyClients');

  it('buildReport(CDNOW) shows P(alive), CLV and the marker on the Key clients sheet', () => {
    expect(['pAlive', 'clv12m', 'lowPAlive'].map((k) => column(key, k) >= 0)).toEqual([true, true, true]);
  });

  it('buildReport(CDNOW) marks "probably gone" exactly the key clients whose P(alive) is below 0.5', () => {
    const alive = cells(key, 'pAlive') as number[];
    expect(cells(key, 'lowPAlive')).toEqual(alive.map((p) => (p < 0.5 ? 'probably gone' : null)));
    expect(alive.some((p) => p < 0.5)).toBe(true);
  });

  it('buildReport(CDNOW) fills the marker red, as group D and lost clients', () => {
    expect(key.columns[column(key, 'lowPAlive')].fills).toEqual({ 'probably gone': LOW_P_ALIVE_FILL });
    expect(LOW_P_ALIVE_FILL).toBe('FFC7CE');
  });

  it.each([['ru', 'вероятно, ушёл'], ['pl', 'prawdopodobnie odszedł']] as const)('buildReport(CDNOW, { language: %s }) writes the marker in that language', (language, marker) => {
    const k = table(buildReport(cdnow, { language }), 'keyClients');
    expect(cells(k, 'lowPAlive')).toContain(marker);
  });
});

describe('buildReport(r): the Value blocks of the Summary', () => {
  const m = buildReport(cdnow);
  const ids = sheet(m, 'summary').blocks.map((b: ReportBlock) => b.id);
  const value = table(m, 'summary', 'value');
  const model = table(m, 'summary', 'valueModel');
  const ltv = cdnow.ltv!;

  it('buildReport(CDNOW) puts the Value table, the fitted models and their notes just before the warnings', () => {
    const at = ids.indexOf('warnings');
    expect(ids.slice(at - 3, at + 1)).toEqual(['value', 'valueModel', 'valueNotes', 'warnings']);
  });

  it('buildReport(CDNOW) titles the Value table with the horizon and the discount in three languages', () => {
    expect(value.title).toBe('Value (LTV): the next 12 months, discounted at 10 % a year');
    expect(table(buildReport(cdnow, { language: 'ru' }), 'summary', 'value').title).toBe('Ценность клиентов (LTV): следующие 12 мес., дисконт 10 % в год');
    expect(table(buildReport(cdnow, { language: 'pl' }), 'summary', 'value').title).toBe('Wartość klientów (LTV): kolejne 12 mies., dyskonto 10 % rocznie');
  });

  it('buildReport(CDNOW) lists the horizon, discount, clients, repeat buyers, totals, retention and the key clients with a low P(alive)', () => {
    expect(value.rows).toEqual([
      ['Horizon (months)', 12],
      ['Yearly discount rate', 0.1],
      ['Clients with a purchase', 2357],
      ['Repeat buyers (2 purchases or more)', ltv.repeatBuyers],
      ['Expected purchases of all clients, next 12 months', ltv.totalExpectedPurchases],
      ['CLV of all clients, next 12 months', ltv.totalClv],
      ['Retention over 12 months (r of the simple LTV)', null],
      ['Key clients with P(alive) below 50 %', ltv.keyClientsLowPAlive],
    ]);
  });

  it('buildReport(CDNOW) writes the discount and the retention as percents and the CLV as money', () => {
    expect(value.cellTypes!.map((c) => [c.row, c.type])).toEqual([[1, 'percent'], [4, 'number'], [5, 'money'], [6, 'percent']]);
  });

  it('buildReport(CDNOW) gives the fitted parameters, log-likelihoods, clients fitted of both models and the mean purchase value p gamma / (q - 1)', () => {
    const gg = ltv.gammaGamma!;
    const bg = ltv.bgnbd!;
    expect(model.rows).toEqual([
      ['BG/NBD', 'r', bg.r], ['BG/NBD', 'alpha', bg.alpha], ['BG/NBD', 'a', bg.a], ['BG/NBD', 'b', bg.b],
      ['BG/NBD', 'log-likelihood', bg.logLikelihood], ['BG/NBD', 'clients fitted', 2357],
      ['Gamma-Gamma', 'p', gg.p], ['Gamma-Gamma', 'q', gg.q], ['Gamma-Gamma', 'gamma', gg.gamma],
      ['Gamma-Gamma', 'log-likelihood', gg.logLikelihood], ['Gamma-Gamma', 'clients fitted', gg.clients],
      ['Gamma-Gamma', 'mean purchase value', (gg.p * gg.gamma) / (gg.q - 1)],
    ]);
    expect(model.columns[2].numFmt).toBe('General');
  });

  it('buildReport(CDNOW) says under the parameters how to reproduce them in R (BTYD, CLVTools) or Python (lifetimes, PyMC-Marketing)', () => {
    for (const word of ['BTYD::bgnbd.EstimateParameters', 'BTYD::spend.EstimateParameters', 'CLVTools', 'lifetimes', 'PyMC-Marketing']) expect(model.note).toContain(word);
  });

  it('buildReport(CDNOW) explains the columns and points at the marker on the Key clients sheet', () => {
    const lines = notes(m, 'valueNotes').lines;
    expect(lines).toContain('Per client: x = purchases - 1 (a purchase is a distinct order, or a distinct day for rows without an order number), t_x = weeks from the first to the last purchase, T = weeks from the first purchase to 1997-09-30, zbar = the mean value of the purchases after the first.');
    expect(lines).toContain('Expected purchases: E[Y(t)] of BG/NBD over the next 12 months (t = 52.18 weeks). Expected purchase value: (gamma + x * zbar) * p / (p * x + q - 1) of Gamma-Gamma.');
    expect(lines).toContain('CLV: the sum over months k = 1..12 of the purchases expected in month k * the expected purchase value * the margin / (1 + 0.1)^(k / 12); no profit column, so the margin is 1 and the CLV is revenue.');
    expect(lines[lines.length - 1]).toBe("A key client with P(alive) below 50 % is marked 'probably gone' on the sheet 'Key clients': the model thinks it has probably stopped buying; call it before it is lost.");
  });

  it('buildReport(CDNOW) repeats the LTV warnings in the Value notes (no retention: the data start in 1997)', () => {
    const lines = notes(m, 'valueNotes').lines;
    expect(lines[0]).toBe(warningText(ltv.warnings[0], 'en'));
    expect(lines[0]).toMatch(/^the simple LTV is blank: no client bought from 1995-10-01 to 1996-09-30/);
    expect(notes(m, 'warnings').lines).toContain(warningText(ltv.warnings[0], 'en'));
  });

  it('buildReport(HAND) writes the simple LTV rule with its r and counts by hand: 2 of 4 retained', () => {
    const lines = notes(buildReport(hand), 'valueNotes').lines;
    expect(lines).toContain("Simple LTV = m * r / (1 + d - r): m = the client's profit from 2024-01-01 to 2024-12-31, r = 0.5 (clients who bought from 2023-01-01 to 2023-12-31: 4; of them, bought again from 2024-01-01 to 2024-12-31: 2), d = 0.1.");
    expect(lines).toContain("CLV: the sum over months k = 1..12 of the purchases expected in month k * the expected purchase value * the margin / (1 + 0.1)^(k / 12); margin = the client's profit / revenue over its history, from 0 to 1.");
  });

  it('buildReport(HAND, { language: "ru" }) writes the rules with decimal commas', () => {
    const lines = notes(buildReport(hand, { language: 'ru' }), 'valueNotes').lines;
    expect(lines).toContain('Простой LTV = m * r / (1 + d - r): m = прибыль клиента с 01.01.2024 по 31.12.2024, r = 0,5 (клиентов, покупавших с 01.01.2023 по 31.12.2023: 4; из них снова купивших с 01.01.2024 по 31.12.2024: 2), d = 0,1.');
  });

  it('buildReport(a table without dates) has no Value block', () => {
    const m2 = buildReport(segmentClients([['Client', 'Amount'], ['A', 10], ['B', 5]]));
    expect(sheet(m2, 'summary').blocks.map((b) => b.id).filter((id) => id.startsWith('value'))).toEqual([]);
  });
});

describe('buildReport(r) with too little data for the model', () => {
  const m = buildReport(hand);

  it('buildReport(HAND: 4 repeat buyers) leaves the model columns empty and keeps the simple LTV', () => {
    const t = table(m, 'clients');
    for (const key of ['pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m']) expect(cells(t, key).every((v) => v === null)).toBe(true);
    expect(cells(t, 'ltvSimple').every((v) => typeof v === 'number')).toBe(true);
  });

  it('buildReport(HAND) leaves every fitted parameter empty', () => {
    expect(table(m, 'summary', 'valueModel').rows.map((row) => row[2])).toEqual(new Array(12).fill(null));
  });

  it('buildReport(HAND) says why in plain words first in the Value notes, in three languages', () => {
    expect(notes(m, 'valueNotes').lines[0]).toBe('LTV model not fitted: too few repeat buyers (4 of the 20 needed); P(alive), expected purchases, expected value and CLV are blank');
    expect(notes(buildReport(hand, { language: 'ru' }), 'valueNotes').lines[0]).toBe('Модель LTV не построена: слишком мало повторных покупателей (4 из 20 необходимых); P(alive), ожидаемые покупки, ожидаемая сумма покупки и CLV не заполнены');
    expect(notes(buildReport(hand, { language: 'pl' }), 'valueNotes').lines[0]).toBe('Nie zbudowano modelu LTV: za mało klientów z ponownymi zakupami (4 z 20 wymaganych); P(alive), oczekiwane zakupy, oczekiwana wartość zakupu i CLV są puste');
  });

  it('buildReport(HAND) has no NaN or infinity in any cell', () => {
    for (const s of m.sheets) {
      for (const b of s.blocks) if (b.kind === 'table') for (const row of b.rows) for (const v of row) expect(typeof v === 'number' && !Number.isFinite(v)).toBe(false);
    }
  });

  it('buildReport(HAND) marks no key client: P(alive) is blank', () => {
    expect(cells(table(m, 'keyClients'), 'lowPAlive').every((v) => v === null)).toBe(true);
    expect(texts('en').value.flag).toBe('probably gone');
  });
});
