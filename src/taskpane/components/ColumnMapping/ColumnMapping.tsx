import { Dropdown, Field, Option } from '@fluentui/react-components';
import { FIELDS, type ColumnMapping as Mapping, type Field as FieldName } from '../../../core';
import type { Strings } from '../../strings';
import { useColumnMappingStyles } from './ColumnMapping.styles';

export interface ColumnMappingProps {
  headers: readonly string[];
  mapping: Mapping;
  onChange(mapping: Mapping): void;
  s: Strings;
}

const REQUIRED: ReadonlySet<FieldName> = new Set(['client', 'amount']);
const NONE = '-1';

/** One dropdown per field: the detected column, which the user may correct. */
export function ColumnMapping({ headers, mapping, onChange, s }: ColumnMappingProps) {
  const styles = useColumnMappingStyles();
  const label = (i: number | undefined) => (i === undefined ? s.notMapped : headers[i] ?? s.notMapped);
  return (
    <div className={styles.grid}>
      {FIELDS.map((f) => (
        <Field key={f} label={s.fields[f]} required={REQUIRED.has(f)} size="small">
          <Dropdown
            className={styles.dropdown}
            size="small"
            aria-label={s.fields[f]}
            value={label(mapping[f])}
            selectedOptions={[String(mapping[f] ?? NONE)]}
            onOptionSelect={(_, d) => {
              const next: Mapping = { ...mapping };
              const i = Number(d.optionValue);
              if (i < 0) delete next[f];
              else next[f] = i;
              onChange(next);
            }}
          >
            <Option value={NONE}>{s.notMapped}</Option>
            {headers.map((h, i) => (
              <Option key={`${i}:${h}`} value={String(i)}>
                {h}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ))}
    </div>
  );
}
