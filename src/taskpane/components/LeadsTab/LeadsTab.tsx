import { useState } from 'react';
import {
  Button, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
  createTableColumn, type TableColumnDefinition,
} from '@fluentui/react-components';
import type { Lang } from '../../../core';
import { guessLeadsLayout, rankLeads, type RankedLead } from '../../../excel';
import { errorText, type PaneActions } from '../../actions';
import { fill, type Strings } from '../../strings';
import { useLeadsTabStyles } from './LeadsTab.styles';

export interface LeadsTabProps {
  actions: PaneActions;
  s: Strings;
  lang: Lang;
}

/** Serial date as yyyy-mm-dd. */
function isoOf(serial: number | null): string {
  if (serial === null) return '';
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

type Key = 'rank' | 'lead' | 'renew' | 'beforeDeadline' | 'afterLaunch' | 'row';
const COLUMNS: ReadonlyArray<TableColumnDefinition<RankedLead & { rank: number | null }>> = (
  ['rank', 'lead', 'renew', 'beforeDeadline', 'afterLaunch', 'row'] as Key[]
).map((k) => createTableColumn({ columnId: k }));

/** Tab 2: refused leads ranked by the renew index, with the dates to get back in touch. */
export function LeadsTab({ actions, s, lang }: LeadsTabProps) {
  const styles = useLeadsTabStyles();
  const [ranked, setRanked] = useState<RankedLead[] | null>(null);
  const [criteria, setCriteria] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rank = async () => {
    setBusy(true);
    setError(null);
    setInfo(null);
    try {
      const src = await actions.readSelection();
      const layout = guessLeadsLayout(src.values[0] ?? []);
      setCriteria(layout.criteria.map((i) => String(src.values[0][i])));
      setRanked(rankLeads(src.values, src.firstRow, layout));
    } catch (e) {
      setRanked(null);
      setError(errorText(e, s));
    } finally {
      setBusy(false);
    }
  };

  const write = async () => {
    if (!ranked) return;
    setBusy(true);
    setError(null);
    try {
      const res = await actions.writeLeads(
        ranked,
        { sheet: s.leadsSheet, title: s.leadsTable, rank: s.rank, lead: s.lead, renew: s.renew, beforeDeadline: s.beforeDeadline, afterLaunch: s.afterLaunch, row: s.row, error: s.error },
        lang,
      );
      setInfo(fill(s.leadsWritten, { sheet: res.sheets[0]?.name ?? s.leadsSheet }));
    } catch (e) {
      setError(errorText(e, s));
    } finally {
      setBusy(false);
    }
  };

  let n = 0;
  const items = (ranked ?? []).map((l) => ({ ...l, rank: l.renew === null ? null : ++n }));
  const header: Record<Key, string> = { rank: s.rank, lead: s.lead, renew: s.renew, beforeDeadline: s.beforeDeadline, afterLaunch: s.afterLaunch, row: s.row };

  return (
    <div className={styles.root}>
      <Text className={styles.intro}>{s.leadsIntro}</Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void rank()} disabled={busy}>
          {s.leadsRank}
        </Button>
        <Button onClick={() => void write()} disabled={busy || !ranked || ranked.length === 0}>
          {s.leadsWrite}
        </Button>
      </div>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {info ? (
        <MessageBar intent="success">
          <MessageBarBody>{info}</MessageBarBody>
        </MessageBar>
      ) : null}
      {ranked ? (
        <>
          <Text className={styles.intro}>{fill(s.leadsCriteria, { names: criteria.join(', ') })}</Text>
          <div className={styles.wrap}>
            <Table size="extra-small" aria-label={s.leadsTable} className={styles.table}>
              <TableHeader>
                <TableRow>
                  {COLUMNS.map((c) => (
                    <TableHeaderCell key={c.columnId}>{header[c.columnId as Key]}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((l) => (
                  <TableRow key={l.row}>
                    <TableCell className={styles.cell}>{l.rank ?? ''}</TableCell>
                    <TableCell className={styles.cell}>{l.lead}</TableCell>
                    <TableCell className={l.error ? styles.bad : styles.cell}>{l.error ?? l.renew}</TableCell>
                    <TableCell className={styles.cell}>{isoOf(l.beforeDeadline)}</TableCell>
                    <TableCell className={styles.cell}>{isoOf(l.afterLaunch)}</TableCell>
                    <TableCell className={styles.cell}>{l.row}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      ) : null}
    </div>
  );
}
