import { makeStyles, tokens } from '@fluentui/react-components';

export const useSettingsFormStyles = makeStyles({
  grid: {
    display: 'grid',
    // two columns where they fit, one in a narrow pane (a dropdown under 160 px wraps its text)
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    // a field with a hint must not stretch the input of the field beside it
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  wide: { gridColumn: '1 / -1' },
  control: { minWidth: '120px' },
});
