import { MessageBar, MessageBarBody, MessageBarTitle, Subtitle2 } from '@fluentui/react-components';
import { skippedText } from '../../../core';
import type { SegmentRunResult } from '../../../excel';
import { fill, type Strings } from '../../strings';
import { useResultPanelStyles } from './ResultPanel.styles';
import { DynamicsKpis } from '../DynamicsKpis';

export interface ResultPanelProps {
  run: SegmentRunResult;
  s: Strings;
}

const LISTED = 20;

/** "124 ms" / "124 мс", "1.2 s" / "1,2 с": the unit and the decimal mark of the language. */
function duration(ms: number, lang: Strings['lang']): string {
  const unit = (u: 'millisecond' | 'second', digits: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits, minimumFractionDigits: digits });
  return ms < 1000 ? unit('millisecond', 0).format(Math.round(ms)) : unit('second', 1).format(ms / 1000);
}

/** What the run produced: counts, the sheets written, warnings and skipped rows by sheet row. */
export function ResultPanel({ run, s }: ResultPanelProps) {
  const styles = useResultPanelStyles();
  const { result, model, written } = run;
  const figure = (label: string, value: string | number) => (
    <div className={styles.figure} key={label}>
      <span className={styles.value}>{value}</span>
      <span className={styles.label}>{label}</span>
    </div>
  );
  const ms = run.engineMs + run.writeMs;
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
      {model.warnings.length > 0 || written.notes.length > 0 ? (
        <>
          <Subtitle2>{s.warnings}</Subtitle2>
          <ul className={styles.list}>
            {[...model.warnings, ...written.notes].map((w) => (
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
