import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, MessageBar, MessageBarBody,
  ProgressBar, Spinner, Text,
} from '@fluentui/react-components';
import {
  FIELDS, analysisDatePreview, dayOfDate, isBlank, readSales, resolveLayout, type ColumnMapping as Mapping, type Lang, type SalesData, type XyzSuggestion,
} from '../../../core';
import type { RowChoice, SegmentRunResult, SourceRange, Stage } from '../../../excel';
import { mappingForHeaders, prepareCells, serialsTo1900 } from '../../../excel';
import { errorText, type PaneActions } from '../../actions';
import { fill, type Strings } from '../../strings';
import { Outcome } from '../Outcome';
import { AnalysisDate } from '../AnalysisDate';
import { ColumnMapping } from '../ColumnMapping';
import { PreviewTable } from '../PreviewTable';
import { ResultPanel } from '../ResultPanel';
import {
  SETTINGS_FIELDS, SettingsForm, applyXyzSuggestion, defaultForm, fromSettingsInput, readForm, visibleProblems, type FieldId, type SettingsFormValue,
} from '../SettingsForm';
import { SourceChecks } from '../SourceChecks';
import { useWhenShown } from '../../visibility';
import { useSegmentTabStyles } from './SegmentTab.styles';

export interface SegmentTabProps {
  actions: PaneActions;
  s: Strings;
  lang: Lang;
}

const PREVIEW_ROWS = 5;

interface Layout {
  headers: string[];
  mapping: Mapping;
  hasHeader: boolean;
  /** Index (into the range's rows) of the header row: a title block may stand above it. */
  headerRow: number;
}

/** "4" or "1–3": the sheet rows from `from` to `to`. */
const rowSpan = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

/** Tab 1: read the selection, check the columns and settings, segment and write the sheets. */
export function SegmentTab({ actions, s, lang }: SegmentTabProps) {
  const styles = useSegmentTabStyles();
  const [source, setSource] = useState<SourceRange | null>(null);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [form, setForm] = useState<SettingsFormValue>(() => defaultForm(lang));
  // fields the user has left (their problems show), the field to focus, the open sections
  const [left, setLeft] = useState<ReadonlySet<FieldId>>(new Set());
  const [focus, setFocus] = useState<{ field: FieldId; n: number } | null>(null);
  const [openItems, setOpenItems] = useState<string[]>(['columns', 'preview']);
  const [settingsBlocked, setSettingsBlocked] = useState(false);
  const [reading, setReading] = useState(false);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ fraction: number; stage: Stage } | null>(null);
  const [run, setRun] = useState<SegmentRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<RowChoice | null>(null);
  const [dateSystem, setDateSystem] = useState<1900 | 1904 | null>(null);
  const abort = useRef<AbortController | null>(null);
  const stored = useMemo(() => actions.loadStored(), [actions]);

  /** Shows a range just read: its columns detected (or the stored mapping), its questions unanswered. */
  const show = useCallback(
    (src: SourceRange) => {
      setSource(src);
      setRows(null);
      let detected: Layout;
      try {
        const l = resolveLayout(src.values, { firstColumn: src.firstColumn });
        detected = { headers: l.headers, mapping: l.mapping, hasHeader: l.hasHeader, headerRow: l.headerRow };
      } catch (e) {
        // no client or amount column recognised: say so, and let the user map them by hand
        const header = src.values[0] ?? [];
        detected = { headers: header.map((h, i) => (isBlank(h) ? `#${i + 1}` : String(h))), mapping: {}, hasHeader: true, headerRow: 0 };
        setError(errorText(e, s));
      }
      if (stored) detected = { ...detected, mapping: { ...detected.mapping, ...mappingForHeaders(stored, src.values[detected.headerRow] ?? []) } };
      setLayout(detected);
    },
    [s, stored],
  );

  /**
   * Reads the selection. `again`: the pane was shown again; when the same range is selected, its cells
   * are refreshed and the columns, answers and last result stay.
   */
  const current = useRef<SourceRange | null>(null);
  current.current = source;
  const useSelection = useCallback(
    async (again = false) => {
      setReading(true);
      setError(null);
      try {
        const src = await actions.readSelection();
        if (again && current.current?.address === src.address) {
          setSource(src);
        } else {
          setRun(null);
          show(src);
        }
      } catch (e) {
        setRun(null);
        setSource(null);
        setLayout(null);
        setError(errorText(e, s));
      } finally {
        setReading(false);
      }
    },
    [actions, s, show],
  );

  // the regional order of day and month: the workbook's, else Office's display language's
  const dateOrder = source?.dateOrder ?? actions.localeDateOrder();
  const formRead = useMemo(() => readForm(form, { lang, dateOrder }), [form, lang, dateOrder]);

  useEffect(() => {
    if (stored) setForm(fromSettingsInput(stored.settings, lang, null)); // a stored date as yyyy-mm-dd: it reads the same in any order
  }, [stored, lang]);

  // read the selection when the pane is on screen, and again whenever it is shown: never while the
  // shared runtime runs the page hidden for the =KC.* functions
  const busy = useRef(false);
  busy.current = running || reading;
  const seen = useRef(false);
  useWhenShown(() => {
    if (busy.current) return;
    void useSelection(seen.current);
    seen.current = true;
  });

  const date1904 = source?.dateSystem === 1904 || (source?.dateSystem === null && dateSystem === 1904);

  /** The rows as the run will read them (same columns, rows and order of day and month), or why they cannot be. */
  const read = useMemo((): { sales: SalesData; counts: { valid: number; skipped: number; empty: number } } | { error: string } | null => {
    if (!source || !layout || layout.mapping.client === undefined || layout.mapping.amount === undefined) return null;
    try {
      const { cells, leftOut } = prepareCells(source, { rows: rows ?? 'all', date1904, mapping: layout.mapping, hasHeader: layout.hasHeader });
      const d = readSales(cells, { mapping: layout.mapping, hasHeader: layout.hasHeader, firstRow: source.firstRow, firstColumn: source.firstColumn, slashOrder: dateOrder });
      // rows left out on purpose (hidden, totals) are said apart, not counted as empty
      return { sales: d, counts: { valid: d.client.length, skipped: d.skippedCount, empty: d.emptyRows - leftOut.hidden - leftOut.totals } };
    } catch (e) {
      return { error: errorText(e, s) };
    }
  }, [source, layout, s, rows, date1904, dateOrder]);
  const counts = read && 'counts' in read ? read.counts : null;

  // the analysis date the run will use, and its warning, before the run (the core's rule)
  const asOfSet = formRead.problems.asOf ? null : (formRead.input.asOf ?? null);
  const asOfPreview = useMemo(() => {
    if (!read || !('sales' in read) || read.sales.mapping.date === undefined) return null;
    return analysisDatePreview(read.sales, asOfSet, dayOfDate(new Date()));
  }, [read, asOfSet]);

  /** Opens the settings and puts the cursor in a field. */
  const goToField = (field: FieldId) => {
    setOpenItems((items) => (items.includes('settings') ? items : [...items, 'settings']));
    setFocus((f) => ({ field, n: (f?.n ?? 0) + 1 }));
  };

  const segment = async (value: SettingsFormValue = form) => {
    if (!source || !layout) return;
    const settings = value === form ? formRead : readForm(value, { lang, dateOrder });
    if (settings.first !== null || settings.other.length > 0) {
      // the settings cannot be used as typed: every message shows next to its field, the first is focused
      setLeft(new Set(SETTINGS_FIELDS.map((f) => f.id)));
      setSettingsBlocked(true);
      if (settings.first !== null) goToField(settings.first);
      else setError(settings.other.join(' '));
      return;
    }
    setSettingsBlocked(false);
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    setRun(null);
    setProgress({ fraction: 0, stage: 'segment' });
    try {
      // let the progress bar paint before the engine takes the thread
      await new Promise((r) => setTimeout(r, 0));
      const result = await actions.segment(source, {
        mapping: layout.mapping,
        hasHeader: layout.hasHeader,
        settings: { ...settings.input, language: lang },
        rows: rows ?? 'all',
        date1904,
        signal: controller.signal,
        onProgress: (fraction, stage) => setProgress({ fraction, stage }),
        labels: s.chart,
      });
      setRun(result);
    } catch (e) {
      setError(errorText(e, s));
    } finally {
      setRunning(false);
      setProgress(null);
      abort.current = null;
    }
  };

  /** Applies the engine's XYZ suggestion to the settings and runs again (the sheets written are replaced, as on every run). */
  const applyXyz = (suggestion: XyzSuggestion) => {
    const next = applyXyzSuggestion(form, suggestion, lang);
    setForm(next);
    void segment(next);
  };

  // the first rows under the header row (the rows above it are a title, not data)
  const preview = useMemo(() => {
    if (!source || !layout) return [];
    const start = layout.hasHeader ? layout.headerRow + 1 : 0;
    const slice = source.values.slice(start, start + PREVIEW_ROWS);
    // the dates of a 1904 workbook shown as the calendar days they are
    const values = date1904 ? serialsTo1900(slice, [layout.mapping.date], false) : slice;
    return values.map((cells, i) => ({ sheetRow: source.firstRow + start + i, cells }));
  }, [source, layout, date1904]);
  const previewFields = layout ? FIELDS.filter((f) => layout.mapping[f] !== undefined).map((f) => [layout.mapping[f]!, s.fields[f]] as const) : [];
  const headerCaption = !source || !layout ? '' : !layout.hasHeader ? s.noHeaderRow
    : layout.headerRow > 0 ? fill(s.headerBelowTitle, { row: source.firstRow + layout.headerRow, rows: rowSpan(source.firstRow, source.firstRow + layout.headerRow - 1) })
    : fill(s.headerAt, { row: source.firstRow });

  const stageText = progress ? { read: s.stageRead, segment: s.stageSegment, write: s.stageWrite }[progress.stage] : '';
  const answered = !!source && (source.hiddenRows.length === 0 || rows !== null) && (source.dateSystem !== null || dateSystem !== null);
  const canRun = !!source && !!layout && layout.mapping.client !== undefined && layout.mapping.amount !== undefined && answered && !running && !reading;

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        {/* disabledFocusable: focus stays on the button while it is busy, and Tab still finds it */}
        <Button onClick={() => void useSelection(false)} disabledFocusable={reading || running}>
          {s.useSelection}
        </Button>
        <span role="status" aria-live="polite">
          {reading ? <Spinner size="tiny" labelPosition="after" label={s.reading} /> : null}
          {source && !reading ? <Text className={styles.source}>{fill(s.source, { address: source.address, rows: source.rowCount })}</Text> : null}
        </span>
      </div>
      <Outcome error={error} errorTitle={s.errorTitle} />
      {source && !reading ? <SourceChecks source={source} rows={rows} onRows={setRows} dateSystem={dateSystem} onDateSystem={setDateSystem} s={s} disabled={running} /> : null}
      {source && layout ? (
        <Accordion multiple collapsible openItems={openItems} onToggle={(_, d) => setOpenItems(d.openItems as string[])}>
          <AccordionItem value="columns">
            <AccordionHeader size="small">{s.columns}</AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <ColumnMapping headers={layout.headers} mapping={layout.mapping} onChange={(mapping) => setLayout({ ...layout, mapping })} s={s} />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="preview">
            <AccordionHeader size="small">{s.preview}</AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <PreviewTable
                headers={layout.headers}
                rows={preview}
                label={s.previewLabel}
                rowHeader={s.row}
                dateColumn={layout.mapping.date}
                fields={previewFields}
                clientColumn={layout.mapping.client}
                caption={headerCaption}
                lang={lang}
              />
              {counts ? <Text className={styles.source}>{fill(s.rowsValid, { valid: counts.valid, skipped: counts.skipped, empty: counts.empty })}</Text> : null}
              {read && 'error' in read ? (
                <MessageBar intent="warning" role="alert">
                  <MessageBarBody>{read.error}</MessageBarBody>
                </MessageBar>
              ) : null}
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="settings">
            <AccordionHeader size="small">{s.settings}</AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <SettingsForm
                value={form}
                onChange={(next) => {
                  setForm(next);
                  setSettingsBlocked(false);
                }}
                s={s}
                disabled={running}
                problems={visibleProblems(formRead, left)}
                onLeave={(field) => setLeft((l) => (l.has(field) ? l : new Set([...l, field])))}
                focus={focus}
                dateOrder={dateOrder}
              />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : null}
      {source && layout ? <AnalysisDate preview={asOfPreview} dateOrder={dateOrder} s={s} onChange={() => goToField('asOf')} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={!canRun} onClick={() => void segment()}>
          {s.run}
        </Button>
        {running ? <Button onClick={() => abort.current?.abort()}>{s.cancel}</Button> : null}
        {/* the stage in words, read out when it changes (every step of the bar would be too chatty) */}
        <span role="status" aria-live="polite">
          {progress ? <Text className={styles.source}>{stageText}…</Text> : null}
          {settingsBlocked && formRead.first !== null ? <Text className={styles.problem}>{s.settingsProblems}</Text> : null}
        </span>
      </div>
      {progress ? <ProgressBar value={progress.fraction} max={1} aria-label={s.progress} aria-valuetext={`${stageText} ${Math.round(progress.fraction * 100)} %`} /> : null}
      {run ? <ResultPanel run={run} s={s} onApplyXyz={applyXyz} busy={running || reading} /> : null}
    </div>
  );
}
