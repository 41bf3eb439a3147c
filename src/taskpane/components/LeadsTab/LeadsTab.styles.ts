import { makeStyles, tokens } from '@fluentui/react-components';

export const useLeadsTabStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  intro: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, flexWrap: 'wrap', alignItems: 'center' },
  wrap: { overflowX: 'auto' },
  // auto layout: the dates and numbers take what they need, the lead's name wraps in the rest
  table: { width: '100%', minWidth: '300px', tableLayout: 'auto' },
  head: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS, verticalAlign: 'bottom' },
  cell: { fontSize: tokens.fontSizeBase200, paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS },
  nowrap: { whiteSpace: 'nowrap' },
  number: { whiteSpace: 'nowrap', textAlign: 'end' },
  // a lead with a problem: its row and the problem under it read as one
  joined: { borderBottomColor: 'transparent' },
  bad: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS, paddingBottom: tokens.spacingVerticalXS },
});
