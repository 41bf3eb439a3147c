import { makeStyles, tokens } from '@fluentui/react-components';

export const useAnalysisDateStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  line: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});
