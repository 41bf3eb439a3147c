import { makeStyles } from '@fluentui/react-components';

export const useXyzAdviceStyles = makeStyles({
  text: { display: 'block' },
});
