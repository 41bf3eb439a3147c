import { makeStyles, tokens } from '@fluentui/react-components';

export const usePreviewTableStyles = makeStyles({
  wrap: { overflowX: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { minWidth: '360px', width: 'max-content', tableLayout: 'auto' },
  cell: { whiteSpace: 'nowrap', minWidth: '48px', maxWidth: '160px', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: tokens.fontSizeBase200 },
  head: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap', minWidth: '48px' },
  count: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});
