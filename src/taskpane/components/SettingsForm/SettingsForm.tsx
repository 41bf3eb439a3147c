import { Dropdown, Field, Input, Option } from '@fluentui/react-components';
import type { Strings } from '../../strings';
import { withMethodDefaults, type SettingsFormValue } from './form';
import { useSettingsFormStyles } from './SettingsForm.styles';

export interface SettingsFormProps {
  value: SettingsFormValue;
  onChange(value: SettingsFormValue): void;
  s: Strings;
  disabled?: boolean;
}

type Choice<K extends keyof SettingsFormValue> = { field: K; label: string; options: ReadonlyArray<[SettingsFormValue[K], string]> };

/** Every setting of METHODS.md with its default. */
export function SettingsForm({ value, onChange, s, disabled }: SettingsFormProps) {
  const styles = useSettingsFormStyles();
  const set = <K extends keyof SettingsFormValue>(k: K, v: SettingsFormValue[K]) => {
    const next = { ...value, [k]: v };
    onChange(k === 'abcMethod' || k === 'xyzMethod' ? withMethodDefaults(next) : next);
  };
  const choice = <K extends keyof SettingsFormValue>(c: Choice<K>) => (
    <Field label={c.label} size="small" key={c.field}>
      <Dropdown
        className={styles.control}
        size="small"
        disabled={disabled}
        value={c.options.find(([v]) => v === value[c.field])?.[1] ?? ''}
        selectedOptions={[String(value[c.field])]}
        onOptionSelect={(_, d) => set(c.field, d.optionValue as SettingsFormValue[K])}
      >
        {c.options.map(([v, text]) => (
          <Option key={String(v)} value={String(v)}>
            {text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
  const text = (field: keyof SettingsFormValue, label: string, hint?: string) => (
    <Field label={label} size="small" hint={hint} key={field}>
      <Input className={styles.control} size="small" disabled={disabled} value={value[field]} onChange={(_, d) => set(field, d.value as never)} />
    </Field>
  );
  return (
    <div className={styles.grid}>
      {choice({ field: 'abcMethod', label: s.abcMethod, options: [['share', s.abcShare], ['average', s.abcAverage]] })}
      {choice({ field: 'basis', label: s.basis, options: [['revenue', s.basisRevenue], ['profit', s.basisProfit], ['orders', s.basisOrders]] })}
      {text('limitA', s.limitA)}
      {text('limitB', s.limitB)}
      {choice({ field: 'xyzMethod', label: s.xyzMethod, options: [['cv', s.xyzCv], ['frequency', s.xyzFrequency]] })}
      {choice({ field: 'period', label: s.xyzPeriod, options: [['month', s.month], ['quarter', s.quarter], ['week', s.week]] })}
      {text('limitX', s.limitX)}
      {text('limitY', s.limitY)}
      {text('bins', s.rfmBins)}
      {text('asOf', s.asOf, s.asOfHint)}
      {text('lostDays', s.lostDays)}
      {text('atRiskDays', s.atRiskDays)}
      {text('newDays', s.newDays)}
      {text('windowMonths', s.windowMonths, s.windowHint)}
      {choice({ field: 'cohort', label: s.cohortPeriod, options: [['month', s.cohortMonth], ['quarter', s.cohortQuarter], ['year', s.cohortYear]] })}
      {choice({ field: 'segmentBy', label: s.segmentBy, options: [['abc', s.dimAbc], ['abcXyz', s.dimAbcXyz], ['rfm', s.dimRfm], ['lifecycle', s.dimLifecycle]] })}
    </div>
  );
}
