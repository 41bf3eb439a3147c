import { Subtitle2 } from '@fluentui/react-components';
import { dateText, dayToIso, plural, type DynamicsKpis as Kpis, type DynamicsResult } from '../../../core';
import { fill, type Strings } from '../../strings';
import { useDynamicsKpisStyles } from './DynamicsKpis.styles';

export interface DynamicsKpisProps {
  /** The run's KPIs over time; null when the data has no dates. */
  dynamics: DynamicsResult | null;
  s: Strings;
}

/** The KPIs the panel shows, in the order of the Summary's KPI table, and how each is written. */
const SHOWN: ReadonlyArray<[key: keyof Kpis & keyof Strings['dynamics']['kpi'], kind: 'percent' | 'growth' | 'money']> = [
  ['retentionRate', 'percent'],
  ['churnRate', 'percent'],
  ['keyClientRetention', 'percent'],
  ['keyClientGrowth', 'growth'],
  ['nrr', 'percent'],
  ['grr', 'percent'],
  ['lostKeyRevenue', 'money'],
];

/** A KPI as the panel writes it in a language: "75 %" / "75%", "+12.5%", "1,234"; a dash for a blank one. */
function shown(value: number | null, kind: 'percent' | 'growth' | 'money', lang: Strings['lang']): string {
  if (value === null) return '—';
  if (kind === 'money') return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value);
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1, ...(kind === 'growth' ? { signDisplay: 'exceptZero' as const } : {}) }).format(value);
}

/**
 * The KPIs over time of a run (METHODS.md section 9): the two periods, then retention, churn,
 * key-client retention and growth, NRR, GRR and the revenue lost with churned key clients, named as
 * on the Summary sheet; a blank KPI is a dash with the reason for screen readers and on hover.
 */
export function DynamicsKpis({ dynamics, s }: DynamicsKpisProps) {
  const styles = useDynamicsKpisStyles();
  if (!dynamics) {
    return (
      <section className={styles.root} aria-label={s.kpiTitle}>
        <Subtitle2>{s.kpiTitle}</Subtitle2>
        <span className={styles.label}>{s.kpiNone}</span>
      </section>
    );
  }
  const k = dynamics.kpis;
  const range = (r: { from: number; to: number }) => `${dateText(dayToIso(r.from), s.lang)} – ${dateText(dayToIso(r.to), s.lang)}`;
  return (
    <section className={styles.root} aria-label={s.kpiTitle}>
      <Subtitle2>{s.kpiTitle}</Subtitle2>
      <span className={styles.label}>
        {fill(s.kpiPeriods, { months: plural(s.dynamics.months, k.windowMonths, s.lang), current: range(k.current), previous: range(k.previous) })}
      </span>
      <dl className={styles.figures}>
        {SHOWN.map(([key, kind]) => {
          const value = k[key] as number | null;
          const name = s.dynamics.kpi[key][0];
          return (
            <div className={styles.figure} key={key}>
              <dt className={styles.label}>{name}</dt>
              <dd className={styles.value} title={value === null ? s.kpiBlank : undefined} aria-label={value === null ? s.kpiBlank : undefined}>
                {shown(value, kind, s.lang)}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
