import { Fragment, useState } from 'react';
import {
  Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
  createTableColumn, mergeClasses, type TableColumnDefinition,
} from '@fluentui/react-components';
import { errorText as engineErrorText, type Lang } from '../../../core';
import { guessLeadsLayout, rankLeads, serialsTo1900, type RankedLead } from '../../../excel';
import { errorText, type PaneActions } from '../../actions';
import { fill, type Strings } from '../../strings';
import { Outcome } from '../Outcome';
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
  const [busy, setBusy] = useState<'rank' | 'write' | null>(null);
  const [date1904, setDate1904] = useState(false);

  const rank = async () => {
    setBusy('rank');
    setError(null);
    setInfo(null);
    try {
      const src = await actions.readSelection();
      const layout = guessLeadsLayout(src.values[0] ?? []);
      setCriteria(layout.criteria.map((i) => String(src.values[0][i])));
      // deadline and launch dates of a 1904-system workbook, in the 1900 system the ranking counts in
      const is1904 = src.dateSystem === 1904;
      setDate1904(is1904);
      setRanked(rankLeads(is1904 ? serialsTo1900(src.values, [layout.deadline, layout.launch], true) : src.values, src.firstRow, layout));
    } catch (e) {
      setRanked(null);
      setError(errorText(e, s));
    } finally {
      setBusy(null);
    }
  };

  const write = async () => {
    if (!ranked) return;
    setBusy('write');
    setError(null);
    try {
      const res = await actions.writeLeads(ranked, lang, date1904);
      setInfo(fill(s.leadsWritten, { sheet: res.sheets[0]?.name ?? s.leadsSheet }));
    } catch (e) {
      setError(errorText(e, s));
    } finally {
      setBusy(null);
    }
  };

  let n = 0;
  const items = (ranked ?? []).map((l) => ({ ...l, rank: l.renew === null ? null : ++n }));
  const header: Record<Key, string> = { rank: s.rank, lead: s.lead, renew: s.renew, beforeDeadline: s.beforeDeadline, afterLaunch: s.afterLaunch, row: s.row };

  const wide = (k: Key) => (k === 'lead' ? styles.cell : mergeClasses(styles.cell, k === 'rank' || k === 'renew' || k === 'row' ? styles.number : styles.nowrap));

  return (
    <div className={styles.root}>
      <Text className={styles.intro}>{s.leadsIntro}</Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void rank()} disabledFocusable={busy !== null}>
          {s.leadsRank}
        </Button>
        <Button onClick={() => void write()} disabledFocusable={busy !== null || !ranked || ranked.length === 0}>
          {s.leadsWrite}
        </Button>
        {/* what the pane is doing, read out by screen readers as it changes */}
        <span role="status" aria-live="polite">
          {busy ? <Spinner size="tiny" labelPosition="after" label={busy === 'rank' ? s.leadsRanking : s.leadsWriting} /> : null}
        </span>
      </div>
      <Outcome error={error} info={info} />
      {ranked ? (
        <>
          <Text className={styles.intro}>{fill(s.leadsCriteria, { names: criteria.join(', ') })}</Text>
          <div className={styles.wrap}>
            <Table size="extra-small" aria-label={s.leadsTable} className={styles.table}>
              <TableHeader>
                <TableRow>
                  {COLUMNS.map((c) => (
                    <TableHeaderCell key={c.columnId} className={styles.head}>
                      {header[c.columnId as Key]}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((l) => (
                  <Fragment key={l.row}>
                    <TableRow className={l.error ? styles.joined : undefined}>
                      <TableCell className={wide('rank')}>{l.rank ?? ''}</TableCell>
                      <TableCell className={wide('lead')}>{l.lead}</TableCell>
                      <TableCell className={wide('renew')}>{l.renew === null ? '' : l.renew}</TableCell>
                      <TableCell className={wide('beforeDeadline')}>{isoOf(l.beforeDeadline)}</TableCell>
                      <TableCell className={wide('afterLaunch')}>{isoOf(l.afterLaunch)}</TableCell>
                      <TableCell className={wide('row')}>{l.row}</TableCell>
                    </TableRow>
                    {l.error ? (
                      <TableRow>
                        <TableCell className={styles.bad} colSpan={COLUMNS.length}>
                          {fill(s.leadsProblem, { lead: l.lead, problem: l.problem ? engineErrorText(l.problem, s.lang) : l.error })}
                        </TableCell>
                      </TableRow>
                    ) : null}
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      ) : null}
    </div>
  );
}
