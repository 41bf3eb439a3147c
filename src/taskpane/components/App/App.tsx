import { useState } from 'react';
import { Tab, TabList, Title2 } from '@fluentui/react-components';
import type { Lang } from '../../../core';
import type { PaneActions } from '../../actions';
import { strings } from '../../strings';
import { SegmentTab } from '../SegmentTab';
import { LeadsTab } from '../LeadsTab';
import { FormulasTab } from '../FormulasTab';
import { useAppStyles } from './App.styles';

export interface AppProps {
  actions: PaneActions;
  lang: Lang;
}

type TabId = 'segment' | 'leads' | 'formulas';

/** The task pane: three tabs, "Segment", "Refused leads" and "Formulas". */
export function App({ actions, lang }: AppProps) {
  const styles = useAppStyles();
  const s = strings(lang);
  const [tab, setTab] = useState<TabId>('segment');
  return (
    <main className={styles.root}>
      <div className={styles.header}>
        <Title2 as="h1">{s.title}</Title2>
      </div>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)}>
        <Tab value="segment">{s.tabSegment}</Tab>
        <Tab value="leads">{s.tabLeads}</Tab>
        <Tab value="formulas">{s.tabFormulas}</Tab>
      </TabList>
      {tab === 'segment' ? <SegmentTab actions={actions} s={s} lang={lang} /> : null}
      {tab === 'leads' ? <LeadsTab actions={actions} s={s} lang={lang} /> : null}
      {tab === 'formulas' ? <FormulasTab actions={actions} s={s} /> : null}
    </main>
  );
}
