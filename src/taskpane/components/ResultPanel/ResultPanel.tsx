import { MessageBar, MessageBarBody, MessageBarTitle, Subtitle2 } from '@fluentui/react-components';
import { skippedText, type SegmentLtv, type XyzSuggestion } from '../../../core';
import type { SegmentRunResult } from '../../../excel';
import { fill, type Strings } from '../../strings';
import { XyzAdvice, isOtherXyz } from '../XyzAdvice';
import { useResultPanelStyles } from './ResultPanel.styles';
import { DynamicsKpis } from '../DynamicsKpis';

export interface ResultPanelProps {
  run: SegmentRunResult;
  s: Strings;
  /** Applies the engine's XYZ suggestion and runs again; without it the advice stays a warning. */
  onApplyXyz?(suggestion: XyzSuggestion): void;
  /** A run is going on: the advice's button waits. */
  busy?: boolean;
}

const LISTED = 20;

/** "124 ms" / "124 мс", "1.2 s" / "1,2 с": the unit and the decimal mark of the language. */
function duration(ms: number, lang: Strings['lang']): string {
  const unit = (u: 'millisecond' | 'second', digits: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits, minimumFractionDigits: digits });
  return ms < 1000 ? unit('millisecond', 0).format(Math.round(ms)) : unit('second', 1).format(ms / 1000);
}

/** A number of the Value figures in the language's format: whole money, one decimal, or a percent; "–" for blank. */
function valueNumber(n: number | null, lang: Strings['lang'], style: 'money' | 'decimal' | 'percent'): string {
  if (n === null) return '–';
  const digits = style === 'money' ? 0 : 1;
  return new Intl.NumberFormat(lang, { style: style === 'percent' ? 'percent' : 'decimal', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

/** The fitted models in one line each: parameters to 4 significant digits, or "not fitted". */
function modelLines(ltv: SegmentLtv, s: Strings): string[] {
  // a limit's infinite parameters (b at a = 0, q and gamma at one mean value for all) show as blank, as on the Summary
  const sig = (n: number) => (Number.isFinite(n) ? new Intl.NumberFormat(s.lang, { maximumSignificantDigits: 4 }).format(n) : '–');
  const bg = ltv.bgnbd;
  const gg = ltv.gammaGamma;
  return [
    bg ? fill(s.resultBgNbd, { r: sig(bg.r), alpha: sig(bg.alpha), a: sig(bg.a), b: sig(bg.b) }) : fill(s.resultNotFitted, { model: 'BG/NBD' }),
    gg ? fill(s.resultGammaGamma, { p: sig(gg.p), q: sig(gg.q), gamma: sig(gg.gamma) }) : fill(s.resultNotFitted, { model: 'Gamma-Gamma' }),
  ];
}

/** The LTV of the run (METHODS.md section 10): its totals, the key clients probably gone, the models. */
function ValueFigures({ ltv, s }: { ltv: SegmentLtv; s: Strings }) {
  const styles = useResultPanelStyles();
  const figure = (label: string, value: string | number) => (
    <div className={styles.figure} key={label}>
      <span className={styles.value}>{value}</span>
      <span className={styles.label}>{label}</span>
    </div>
  );
  const months = { months: ltv.months };
  return (
    <>
      <Subtitle2>{s.resultValue}</Subtitle2>
      <div className={styles.figures}>
        {figure(fill(s.resultClv, months), valueNumber(ltv.totalClv, s.lang, 'money'))}
        {figure(fill(s.resultExpected, months), valueNumber(ltv.totalExpectedPurchases, s.lang, 'decimal'))}
        {figure(s.resultLowPAlive, ltv.keyClientsLowPAlive)}
        {figure(s.resultRetention, valueNumber(ltv.retention.retentionRate, s.lang, 'percent'))}
      </div>
      {modelLines(ltv, s).map((line) => (
        <span className={styles.label} key={line}>
          {line}
        </span>
      ))}
      <span className={styles.label}>{s.resultModelWhere}</span>
    </>
  );
}

/** What the run produced: counts, the sheets written, the LTV, the XYZ advice, warnings and skipped rows by sheet row. */
export function ResultPanel({ run, s, onApplyXyz, busy }: ResultPanelProps) {
  const styles = useResultPanelStyles();
  const { result, model, written } = run;
  const figure = (label: string, value: string | number) => (
    <div className={styles.figure} key={label}>
      <span className={styles.value}>{value}</span>
      <span className={styles.label}>{label}</span>
    </div>
  );
  const ms = run.engineMs + run.writeMs;
  // the XYZ advice as a card with its button, in place of its line among the warnings
  const suggestion = result.xyzSuggestion;
  const adviceAt = suggestion && onApplyXyz && isOtherXyz(suggestion, result.settings.xyz) ? result.warnings.findIndex((w) => w.code === 'xyzOneClass') : -1;
  const warnings = [...model.warnings.filter((_, i) => i !== adviceAt), ...written.notes];
  const time = duration(ms, s.lang);
  return (
    <section className={styles.root} aria-label={s.done}>
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{s.done}</MessageBarTitle>
          {written.sheets.map((w) => w.name).join(', ')}
        </MessageBarBody>
      </MessageBar>
      <span className={styles.label}>{fill(s.resultSource, { address: run.source })}</span>
      {run.leftOut.hidden > 0 ? <span className={styles.label}>{fill(s.resultHidden, { n: run.leftOut.hidden })}</span> : null}
      {run.leftOut.totals > 0 ? <span className={styles.label}>{fill(s.resultTotals, { n: run.leftOut.totals })}</span> : null}
      <div className={styles.figures}>
        {figure(s.resultClients, result.summary.clients)}
        {figure(s.resultKey, result.summary.keyClients)}
        {figure(s.resultSheets, written.sheets.length)}
        {figure(s.resultTime, time)}
      </div>
      <DynamicsKpis dynamics={result.dynamics} s={s} />
      {result.ltv ? <ValueFigures ltv={result.ltv} s={s} /> : null}
      {suggestion && onApplyXyz && adviceAt >= 0 ? (
        <XyzAdvice suggestion={suggestion} current={result.settings.xyz} text={model.warnings[adviceAt]} s={s} onApply={onApplyXyz} disabled={busy} />
      ) : null}
      {warnings.length > 0 ? (
        <>
          <Subtitle2>{s.warnings}</Subtitle2>
          <ul className={styles.list}>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
      {result.skippedCount > 0 ? (
        <>
          <Subtitle2>
            {s.skippedRows}: {result.skippedCount}
          </Subtitle2>
          <ul className={styles.list}>
            {result.skipped.slice(0, LISTED).map((r) => (
              <li key={r.row}>{skippedText(r, s.lang)}</li>
            ))}
          </ul>
          {result.skippedCount > LISTED ? <span className={styles.label}>{fill(s.skippedMore, { n: result.skippedCount - LISTED })}</span> : null}
        </>
      ) : null}
    </section>
  );
}
