import { makeStyles, tokens } from '@fluentui/react-components';

export const useResultPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  figures: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))', columnGap: tokens.spacingHorizontalM },
  figure: { display: 'flex', flexDirection: 'column' },
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});
