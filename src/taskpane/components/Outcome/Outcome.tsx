import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface OutcomeProps {
  /** What went wrong, in the pane's language: an alert (read out at once); nothing when null. */
  error: string | null;
  /** A title above the error, when the tab gives one. */
  errorTitle?: string;
  /** What was done: a polite status; nothing when null or omitted. */
  info?: string | null;
}

/**
 * How a tab's last action ended, under its buttons: the error as an alert, the success as a status
 * (the same two bars on every tab, so a screen reader hears them alike).
 * @example <Outcome error={error} info={info} />
 */
export function Outcome({ error, errorTitle, info = null }: OutcomeProps) {
  return (
    <>
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {errorTitle ? <MessageBarTitle>{errorTitle}</MessageBarTitle> : null}
            {error}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {info ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{info}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
