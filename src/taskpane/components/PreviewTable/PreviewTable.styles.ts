import { makeStyles, tokens } from '@fluentui/react-components';

/** The row-number column: narrow and fixed, so the client column can stick right after it. */
const ROW_NUMBER_WIDTH = '56px';

export const usePreviewTableStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // the table scrolls sideways inside this box; the pane itself never does
  wrap: {
    overflowX: 'auto',
    maxWidth: '100%',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  table: { width: 'max-content', tableLayout: 'auto' },
  head: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap', verticalAlign: 'bottom' },
  headText: { display: 'flex', flexDirection: 'column' },
  field: { fontWeight: tokens.fontWeightSemibold },
  cell: { whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  number: { textAlign: 'right', justifyContent: 'flex-end', fontVariantNumeric: 'tabular-nums' },
  // long texts are cut with "…"; the whole text is in the title
  truncate: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  wide: { maxWidth: '140px', minWidth: '72px' },
  narrow: { maxWidth: '104px' },
  rowNumber: {
    width: ROW_NUMBER_WIDTH,
    minWidth: ROW_NUMBER_WIDTH,
    maxWidth: ROW_NUMBER_WIDTH,
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground3,
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // the client column stays in view beside the row numbers while the rest scrolls
  sticky: {
    position: 'sticky',
    left: ROW_NUMBER_WIDTH,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});
