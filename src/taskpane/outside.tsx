import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { langOf } from '../core/i18n';
import { OutsideOffice } from './components/OutsideOffice';
import { strings } from './strings';

/**
 * Shows the "open this inside Excel" page in #root, in the browser's language (English, Russian or
 * Polish): taskpane.html opened in a plain browser tab, where office.js reports no Office host
 * (`officeLoaded` true) or did not load at all (false).
 */
export function showOutsideOffice(officeLoaded: boolean): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('taskpane.html has no #root element');
  const lang = langOf(navigator.languages?.[0] ?? navigator.language);
  const s = strings(lang);
  document.documentElement.lang = lang;
  document.title = s.title;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <OutsideOffice s={s} officeLoaded={officeLoaded} />
    </FluentProvider>,
  );
}
