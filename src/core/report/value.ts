import type { Lang } from '../types';
import { dayToIso } from '../parse/dates';
import { dateText, decimal, format, warningText, type Texts } from '../i18n';
import type { ClientResult, SegmentationResult } from '../segment';
import { WEEKS_PER_MONTH } from '../methods/ltv';
import { isKeyClientLowPAlive } from '../value';
import { col, labelWidth, NUMBER_FORMATS } from './build';
import type { ReportBlock, ReportCellType, ReportColumn, ReportValue } from './model';

/**
 * The LTV in the report (METHODS.md section 10; docs/methods.md "LTV" and "Report"): its columns in
 * the client tables and its blocks in the Summary. Called from build.ts.
 */

/** The fill of the low-P(alive) marker: the red of group D and of lost clients. */
export const LOW_P_ALIVE_FILL = 'FFC7CE';

/** A column of the client tables, with when it applies and its views (c = Clients, s = segment sheets, k = Key clients), as in build.ts. */
interface ValueColumn {
  column: ReportColumn;
  value: (c: ClientResult) => ReportValue;
  when: boolean;
  on: string;
}

/**
 * The LTV columns of the client tables, when the run has dates (`r.ltv`): P(alive) as a percent,
 * expected purchases, expected purchase value, CLV and simple LTV as money on the Clients sheet; CLV on
 * the segment sheets; P(alive), CLV and the low-P(alive) marker on the Key clients sheet. A blank
 * value (a model not fitted) is an empty cell. The keys are the --json keys.
 * @param r a segmentation.
 * @param t the report texts.
 * @returns the columns, in order, to put after the key-client column.
 */
export function valueColumns(r: SegmentationResult, t: Texts): ValueColumn[] {
  const when = r.ltv !== null;
  const months = { months: r.settings.ltv.months };
  const v = t.value;
  return [
    { column: col('pAlive', v.col.pAlive, 'percent', 10), value: (c) => c.pAlive, when, on: 'ck' },
    { column: col('expectedPurchases12m', format(v.col.expectedPurchases, months), 'number', 12), value: (c) => c.expectedPurchases, when, on: 'c' },
    { column: col('expectedValue', v.col.expectedValue, 'money', 14), value: (c) => c.expectedValue, when, on: 'c' },
    { column: col('clv12m', format(v.col.clv, months), 'money', 14), value: (c) => c.clv, when, on: 'csk' },
    { column: col('ltvSimple', v.col.ltvSimple, 'money', 14), value: (c) => c.ltvSimple, when, on: 'c' },
    {
      column: col('lowPAlive', v.col.flag, 'text', v.flag.length + 2, { [v.flag]: LOW_P_ALIVE_FILL }),
      value: (c) => (isKeyClientLowPAlive(c) ? v.flag : null),
      when,
      on: 'k',
    },
  ];
}

/** A share as a sentence writes it: "10 %", "12,5 %". */
function percentText(x: number, lang: Lang): string {
  return `${decimal(Math.round(x * 10000) / 100, lang)} %`;
}

/**
 * The Summary's Value blocks, when the run has dates: the LTV figures (horizon, discount, clients,
 * repeat buyers, totals of expected purchases and CLV, the 12-month retention of the simple LTV, the
 * key clients with P(alive) below 50 %), the fitted parameters and log-likelihoods with how to
 * reproduce them in R or Python, and the model's warnings and rules in words.
 * @param r a segmentation.
 * @param t the report texts.
 * @param lang the report language.
 * @param keySheet the name of the Key clients sheet (the rules point at its marker).
 * @returns the blocks; none without dates.
 */
export function valueBlocks(r: SegmentationResult, t: Texts, lang: Lang, keySheet: string): ReportBlock[] {
  const ltv = r.ltv;
  if (!ltv || r.asOf === null) return [];
  const v = t.value;
  const { months, discount } = ltv;
  const m = v.measure;
  const rows: ReportValue[][] = [];
  const types: ReportCellType[] = [];
  const add = (label: string, value: number | null, type?: 'percent' | 'money' | 'number') => {
    if (type) types.push({ row: rows.length, column: 1, type, numFmt: NUMBER_FORMATS[type] });
    rows.push([label, value]);
  };
  add(m.months, months);
  add(m.discount, discount, 'percent');
  add(m.clients, ltv.clients);
  add(m.repeatBuyers, ltv.repeatBuyers);
  add(format(m.expectedPurchases, { months }), ltv.totalExpectedPurchases, 'number');
  add(format(m.clv, { months }), ltv.totalClv, 'money');
  add(m.retention, ltv.retention.retentionRate, 'percent');
  add(m.keyLowPAlive, ltv.keyClientsLowPAlive);
  const labels = rows.map((row) => String(row[0]));

  const bg = ltv.bgnbd;
  const gg = ltv.gammaGamma;
  const ll = v.logLikelihood;
  const fitted = v.clientsFitted;
  // a limit's infinite parameters (b at a = 0; q and gamma where every client has the same mean
  // value) are blank, and the warnings say why (docs/methods.md "LTV", "Edges of the parameter space")
  const cell = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : null);
  const params: ReportValue[][] = [
    [v.bgnbd, 'r', cell(bg?.r)],
    [v.bgnbd, 'alpha', cell(bg?.alpha)],
    [v.bgnbd, 'a', cell(bg?.a)],
    [v.bgnbd, 'b', cell(bg?.b)],
    [v.bgnbd, ll, cell(bg?.logLikelihood)],
    [v.bgnbd, fitted, cell(bg?.clients)],
    [v.gammaGamma, 'p', cell(gg?.p)],
    [v.gammaGamma, 'q', cell(gg?.q)],
    [v.gammaGamma, 'gamma', cell(gg?.gamma)],
    [v.gammaGamma, ll, cell(gg?.logLikelihood)],
    [v.gammaGamma, fitted, cell(gg?.clients)],
    [v.gammaGamma, v.meanValue, cell(gg?.meanValue)],
  ];

  return [
    {
      kind: 'table',
      id: 'value',
      title: format(v.title, { months, discount: percentText(discount, lang) }),
      tableName: 'KC_Value',
      columns: [col('measure', t.col.measure, 'text', labelWidth(labels, 30)), col('value', t.col.value, 'integer', 14)],
      rows,
      cellTypes: types,
    },
    {
      kind: 'table',
      id: 'valueModel',
      title: v.modelTitle,
      tableName: 'KC_ValueModel',
      columns: [col('model', v.col.model, 'text', 14), col('parameter', v.col.parameter, 'text', labelWidth([ll, fitted, v.meanValue], 12)), col('value', t.col.value, 'general', 16)],
      rows: params,
      note: v.rules.reproduce,
    },
    { kind: 'notes', id: 'valueNotes', title: v.notesTitle, lines: [...ltv.warnings.map((w) => warningText(w, lang)), ...valueRules(r, t, lang, keySheet)] },
  ];
}

/** The rules of the LTV columns in words, with this run's numbers. */
function valueRules(r: SegmentationResult, t: Texts, lang: Lang, keySheet: string): string[] {
  const ltv = r.ltv!;
  const v = t.value.rules;
  const num = (n: number, digits: number) => decimal(Number(n.toFixed(digits)), lang);
  const { months, discount, retention } = ltv;
  const iso = (day: number) => dateText(dayToIso(day), lang);
  const lines = [
    format(v.summary, { asOf: iso(r.asOf!) }),
    v.pAlive,
    format(v.expected, { months, weeks: num(months * WEEKS_PER_MONTH, 2) }),
    format(v.clv, { months, discount: decimal(discount, lang), margin: r.hasProfit ? v.marginProfit : v.marginNone }),
  ];
  const window = { from: iso(retention.current.from), to: iso(retention.current.to), pFrom: iso(retention.previous.from), pTo: iso(retention.previous.to) };
  if (retention.retentionRate === null) lines.push(v.simpleNoRate);
  else {
    lines.push(
      format(v.simple, {
        ...window,
        value: r.hasProfit ? t.rules.profit : t.rules.revenue,
        r: num(retention.retentionRate, 4),
        previous: retention.clientsPrevious,
        retained: retention.retained,
        discount: decimal(discount, lang),
      }),
    );
    if (retention.partial && r.summary.clients > 0) {
      const first = r.clients.reduce((d, c) => (c.firstPurchase !== null && c.firstPurchase < d ? c.firstPurchase : d), Infinity);
      if (Number.isFinite(first)) lines.push(format(v.simplePartial, { first: iso(first), pFrom: window.pFrom }));
    }
  }
  lines.push(format(v.flag, { flag: t.value.flag, sheet: keySheet }));
  return lines;
}
