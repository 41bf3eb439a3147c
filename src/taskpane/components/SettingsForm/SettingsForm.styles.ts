import { makeStyles, tokens } from '@fluentui/react-components';

export const useSettingsFormStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  wide: { gridColumn: '1 / -1' },
  control: { minWidth: '120px' },
});
