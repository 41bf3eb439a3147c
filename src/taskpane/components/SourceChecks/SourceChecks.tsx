import { Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import type { RowChoice, SourceRange } from '../../../excel';
import { fill, type Strings } from '../../strings';
import { useSourceChecksStyles } from './SourceChecks.styles';

export interface SourceChecksProps {
  source: SourceRange;
  /** Which rows to use when some are hidden or filtered out; null until the user chooses. */
  rows: RowChoice | null;
  onRows(rows: RowChoice): void;
  /** The date system the user named, when Excel did not say; null until chosen. */
  dateSystem: 1900 | 1904 | null;
  onDateSystem(system: 1900 | 1904): void;
  s: Strings;
  disabled?: boolean;
}

/**
 * What the pane must say or ask about the range before a run: hidden or filtered rows (use them or
 * not: the user chooses), a table's totals row (left out), and the workbook's date system (said when
 * it is 1904, asked when Excel could not tell). Nothing is assumed silently.
 */
export function SourceChecks({ source, rows, onRows, dateSystem, onDateSystem, s, disabled }: SourceChecksProps) {
  const styles = useSourceChecksStyles();
  const hidden = source.hiddenRows.length;
  return (
    <div className={styles.root}>
      {hidden > 0 ? (
        <Field label={fill(s.hiddenRows, { n: hidden })} validationState={rows ? 'none' : 'warning'} validationMessage={rows ? undefined : s.chooseRows} size="small">
          <RadioGroup value={rows ?? ''} onChange={(_, d) => onRows(d.value as RowChoice)} disabled={disabled}>
            <Radio value="visible" label={s.rowsVisible} />
            <Radio value="all" label={s.rowsAll} />
          </RadioGroup>
        </Field>
      ) : null}
      {source.totalsRows.length > 0 ? <Text className={styles.note}>{fill(s.totalsLeftOut, { rows: source.totalsRows.join(', ') })}</Text> : null}
      {source.dateSystem === 1904 ? <Text className={styles.note}>{s.date1904}</Text> : null}
      {source.dateSystem === null ? (
        <Field label={s.dateSystemQuestion} validationState={dateSystem ? 'none' : 'warning'} validationMessage={dateSystem ? undefined : s.chooseDates} size="small">
          <RadioGroup value={dateSystem === null ? '' : String(dateSystem)} onChange={(_, d) => onDateSystem(d.value === '1904' ? 1904 : 1900)} disabled={disabled}>
            <Radio value="1900" label={s.date1900} />
            <Radio value="1904" label={s.date1904Option} />
          </RadioGroup>
        </Field>
      ) : null}
    </div>
  );
}
