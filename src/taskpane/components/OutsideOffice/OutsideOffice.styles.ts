import { makeStyles, tokens } from '@fluentui/react-components';

export const useOutsideOfficeStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '40em',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    boxSizing: 'border-box',
  },
  text: { margin: 0 },
});
