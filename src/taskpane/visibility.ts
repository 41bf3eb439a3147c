import { useEffect, useRef } from 'react';
import { SHARED_RUNTIME } from '../excel';

/**
 * Whether the pane is on screen. With the long-lived shared runtime (manifest.xml: `lifetime="long"`,
 * the =KC.* functions on the pane's page), Office loads this page whenever the functions calculate, with
 * no pane shown; the page is then hidden (Page Visibility API). The add-in reads nothing from the
 * workbook until the pane is shown.
 */
export function paneVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/**
 * Calls `onShown` whenever the pane is shown again: Office.addin.onVisibilityModeChanged with
 * "Taskpane" (SharedRuntime 1.1; "Show or hide the task pane of your Office Add-in": the handler runs
 * whenever the task pane is made visible), and the page becoming visible. Two signals of one showing
 * within a second call it once. Returns a function that stops listening.
 */
export function onPaneShown(onShown: () => void): () => void {
  let last = 0;
  const shown = () => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    onShown();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') shown();
  };
  document.addEventListener('visibilitychange', onVisibility);
  let stopped = false;
  let deregister: (() => Promise<void>) | null = null;
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (office?.addin?.onVisibilityModeChanged && office.context?.requirements?.isSetSupported('SharedRuntime', SHARED_RUNTIME)) {
    office.addin
      .onVisibilityModeChanged((args) => {
        if (args.visibilityMode === ('Taskpane' as Office.VisibilityMode)) shown();
      })
      .then((remove) => {
        if (stopped) void remove();
        else deregister = remove;
      })
      .catch(() => undefined);
  }
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void deregister?.();
  };
}

/** Runs `read` once when the pane is first on screen, and again each time it is shown. */
export function useWhenShown(read: () => void): void {
  const latest = useRef(read);
  latest.current = read;
  useEffect(() => {
    if (paneVisible()) latest.current();
    return onPaneShown(() => latest.current());
  }, []);
}
