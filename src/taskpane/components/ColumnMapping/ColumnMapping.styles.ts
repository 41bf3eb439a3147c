import { makeStyles, tokens } from '@fluentui/react-components';

export const useColumnMappingStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  dropdown: { minWidth: '140px' },
});
