import { makeStyles, tokens } from '@fluentui/react-components';

export const useAppStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: '280px',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
});
