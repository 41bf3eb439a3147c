import { makeStyles, tokens } from '@fluentui/react-components';

export const useDateInputStyles = makeStyles({
  input: { minWidth: '120px' },
  // the day picker alone (the month picker opens over it): it fits a 350 px pane
  surface: { padding: tokens.spacingVerticalXS },
  icon: { width: '16px', height: '16px', fill: 'currentColor' },
});
