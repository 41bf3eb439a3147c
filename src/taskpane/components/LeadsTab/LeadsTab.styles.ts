import { makeStyles, tokens } from '@fluentui/react-components';

export const useLeadsTabStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  intro: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  wrap: { overflowX: 'auto' },
  table: { minWidth: '360px' },
  cell: { fontSize: tokens.fontSizeBase200 },
  bad: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});
