import { Button, MessageBar, MessageBarActions, MessageBarBody, Text } from '@fluentui/react-components';
import { formatSettingDate, warningText, type AnalysisDatePreview, type SlashOrder } from '../../../core';
import { fill, type Strings } from '../../strings';
import { useAnalysisDateStyles } from './AnalysisDate.styles';

export interface AnalysisDateProps {
  /** The analysis date the run will use and its warning (the core's analysisDatePreview), or null without dates. */
  preview: AnalysisDatePreview | null;
  /** The regional order the date is written in ("31.12.2017" or "12/31/2017"). */
  dateOrder: SlashOrder | null;
  s: Strings;
  /** Takes the user to the analysis date setting; no button without it. */
  onChange?(): void;
}

/**
 * The analysis date before the run: the latest date of the selection (with its sheet row) or the date
 * set, and the engine's warning when that latest date is after today or far from the rest.
 */
export function AnalysisDate({ preview, dateOrder, s, onChange }: AnalysisDateProps) {
  const styles = useAnalysisDateStyles();
  if (!preview) return null;
  const date = formatSettingDate(preview.asOf, dateOrder);
  const line = preview.set ? fill(s.asOfSet, { date }) : fill(s.asOfLatest, { date, row: preview.latest?.row ?? '' });
  return (
    <div className={styles.root}>
      <Text className={styles.line}>{line}</Text>
      {preview.warning ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{warningText(preview.warning, s.lang)}</MessageBarBody>
          {onChange ? (
            <MessageBarActions>
              <Button size="small" onClick={onChange}>
                {s.asOfChange}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
    </div>
  );
}
