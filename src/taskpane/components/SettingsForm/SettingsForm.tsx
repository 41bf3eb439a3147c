import { useEffect, type FocusEvent } from 'react';
import { Dropdown, Field, Input, Option, Switch } from '@fluentui/react-components';
import type { SlashOrder } from '../../../core';
import type { Strings } from '../../strings';
import { DateInput } from '../DateInput';
import { SETTINGS_FIELDS, inputId, type FieldId, type FieldSpec } from './fields';
import { withField, type FieldProblem, type SettingsFormValue } from './form';
import { useSettingsFormStyles } from './SettingsForm.styles';

export interface SettingsFormProps {
  value: SettingsFormValue;
  onChange(value: SettingsFormValue): void;
  s: Strings;
  disabled?: boolean;
  /** The problems to show, by field (from readForm): a message under the field, or the field marked. */
  problems?: Partial<Record<FieldId, FieldProblem>>;
  /** The user left a field (its problem may now be shown). */
  onLeave?(field: FieldId): void;
  /** A field to focus: focused whenever `n` changes (e.g. the first one with a problem, on Run). */
  focus?: { field: FieldId; n: number } | null;
  /** The regional order of day and month, for dates typed and picked. */
  dateOrder?: SlashOrder | null;
}

/** Every setting of METHODS.md with its default, built from the field lists of fields.ts. */
export function SettingsForm({ value, onChange, s, disabled, problems = {}, onLeave, focus, dateOrder = null }: SettingsFormProps) {
  const styles = useSettingsFormStyles();
  useEffect(() => {
    if (focus) document.getElementById(inputId(focus.field))?.focus();
  }, [focus]);
  const set = (id: FieldId, text: string) => onChange(withField(value, id, text, s.lang));

  const control = (f: FieldSpec, id: FieldId) => {
    // leaving a field for a button (Run, the calendar's) does not flag it yet: a message that moved the
    // button between the press and the release would swallow the click; Run shows every message anyway
    const onBlur = (e: FocusEvent<HTMLElement>) => {
      if (!(e.relatedTarget instanceof HTMLButtonElement)) onLeave?.(id);
    };
    const common = { id: inputId(id), disabled, onBlur };
    if (f.kind === 'choice') {
      const options = f.options ?? [];
      const chosen = options.find(([v]) => v === value[id]);
      return (
        <Dropdown
          {...common}
          className={styles.control}
          size="small"
          value={chosen ? (s[chosen[1]] as string) : value[id]}
          selectedOptions={[value[id]]}
          onOptionSelect={(_, d) => set(id, d.optionValue ?? '')}
        >
          {options.map(([v, text]) => (
            <Option key={v} value={v}>
              {s[text] as string}
            </Option>
          ))}
        </Dropdown>
      );
    }
    // a switch is on or off: its text is "true" or "false" (Fluent's Switch, a checkbox with role="switch")
    if (f.kind === 'switch') return <Switch {...common} checked={value[id] === 'true'} onChange={(_, d) => set(id, d.checked ? 'true' : 'false')} />;
    if (f.kind === 'date') return <DateInput {...common} value={value[id]} onChange={(t) => set(id, t)} dateOrder={dateOrder} s={s} />;
    // "decimal" brings up a keyboard with a decimal separator on touch screens; the % sign is typed as text
    return <Input {...common} className={styles.control} size="small" inputMode={f.kind === 'whole' ? 'numeric' : 'decimal'} value={value[id]} onChange={(_, d) => set(id, d.value)} />;
  };

  return (
    <div className={styles.grid}>
      {(SETTINGS_FIELDS as readonly FieldSpec[]).map((f) => {
        const id = f.id as FieldId;
        const problem = problems[id];
        return (
          <Field
            key={id}
            label={{ children: s[f.label] as string, htmlFor: inputId(id) }}
            size="small"
            hint={f.hint ? (s[f.hint] as string) : undefined}
            validationState={problem ? 'error' : 'none'}
            validationMessage={problem?.message}
          >
            {control(f, id)}
          </Field>
        );
      })}
    </div>
  );
}
