import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Settings, XyzSuggestion } from '../../../core';
import type { Strings } from '../../strings';
import { useXyzAdviceStyles } from './XyzAdvice.styles';

export interface XyzAdviceProps {
  /** The engine's suggestion (result.xyzSuggestion). */
  suggestion: XyzSuggestion;
  /** The XYZ settings of the run it was made for: a suggestion equal to them is not shown. */
  current: Settings['xyz'];
  /** The suggestion in words with its counts: the engine's warning, in the pane's language. */
  text: string;
  s: Strings;
  /** Applies the suggestion to the settings and runs again. */
  onApply(suggestion: XyzSuggestion): void;
  disabled?: boolean;
}

/** Whether a suggestion is other XYZ settings than those of the run (the engine never suggests those in use). */
export function isOtherXyz(a: Pick<Settings['xyz'], 'period' | 'method' | 'limitX' | 'limitY'>, b: Settings['xyz']): boolean {
  return !same(a, b);
}

/** Whether two XYZ settings are the same period, method and limits. */
function same(a: Pick<Settings['xyz'], 'period' | 'method' | 'limitX' | 'limitY'>, b: Settings['xyz']): boolean {
  return a.period === b.period && a.method === b.method && a.limitX === b.limitX && a.limitY === b.limitY;
}

/**
 * XYZ advice as one click: when one XYZ class held nearly every client, the other period and method
 * that split them (in words, with the counts of each class) and a button that applies them to the
 * settings and runs again, replacing the sheets just written as any run does. Never the settings in use.
 */
export function XyzAdvice({ suggestion, current, text, s, onApply, disabled }: XyzAdviceProps) {
  const styles = useXyzAdviceStyles();
  if (same(suggestion, current)) return null;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.xyzAdviceTitle}</MessageBarTitle>
        <span className={styles.text}>{text}</span>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" disabledFocusable={disabled} onClick={() => onApply(suggestion)}>
          {s.xyzApply}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
