import { useState } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field,
  Radio, RadioGroup, Spinner, Text,
} from '@fluentui/react-components';
import type { ConvertScope, ConvertSummary } from '../../../excel';
import { errorText, type PaneActions } from '../../actions';
import { fill, type Strings } from '../../strings';
import { Outcome } from '../Outcome';
import { useFormulasTabStyles } from './FormulasTab.styles';

export interface FormulasTabProps {
  actions: PaneActions;
  s: Strings;
}

/**
 * Tab 3: replaces the =KC.* formulas of the selection, the active sheet or the workbook by their
 * current values, for a colleague without the add-in. It counts them first and asks for a confirmation
 * in a dialog that says how many, where, and that Undo may not bring them back.
 */
export function FormulasTab({ actions, s }: FormulasTabProps) {
  const styles = useFormulasTabStyles();
  const [scope, setScope] = useState<ConvertScope>('selection');
  const [busy, setBusy] = useState<'count' | 'convert' | null>(null);
  const [found, setFound] = useState<ConvertSummary | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const count = async () => {
    setBusy('count');
    setError(null);
    setInfo(null);
    try {
      const f = await actions.countFormulas(scope);
      if (f.formulas === 0) setInfo(s.convertNone);
      else setFound(f);
    } catch (e) {
      setError(errorText(e, s));
    } finally {
      setBusy(null);
    }
  };

  const convert = async () => {
    setFound(null);
    setBusy('convert');
    try {
      const done = await actions.convertFormulas(scope);
      const text = fill(s.convertDone, { formulas: done.formulas, cells: done.cells, sheets: done.sheets.join(', ') });
      setInfo(done.busy > 0 ? `${text} ${fill(s.convertBusy, { busy: done.busy })}` : text);
    } catch (e) {
      setError(errorText(e, s));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={styles.root}>
      <Text className={styles.intro}>{s.formulasIntro}</Text>
      <Field label={s.scopeLabel} size="small">
        <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as ConvertScope)} disabled={busy !== null}>
          <Radio value="selection" label={s.scopeSelection} />
          <Radio value="sheet" label={s.scopeSheet} />
          <Radio value="workbook" label={s.scopeWorkbook} />
        </RadioGroup>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void count()} disabledFocusable={busy !== null}>
          {s.convert}
        </Button>
        <span role="status" aria-live="polite">
          {busy ? <Spinner size="tiny" labelPosition="after" label={busy === 'count' ? s.counting : s.converting} /> : null}
        </span>
      </div>
      <Outcome error={error} info={info} />
      <Dialog open={found !== null} onOpenChange={(_, d) => !d.open && setFound(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{s.convertTitle}</DialogTitle>
            <DialogContent>{found ? fill(s.convertBody, { formulas: found.formulas, cells: found.cells, sheets: found.sheets.join(', ') }) : null}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void convert()}>
                {s.convertYes}
              </Button>
              <Button onClick={() => setFound(null)}>{s.convertNo}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
