import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { langOf } from '../core/i18n';
import { officeHost, type ExcelHost } from '../excel';
import { createActions } from './actions';
import { App } from './components/App';
import { showOutsideOffice } from './outside';

/** A host put on the page before it loads (the browser test's in-memory workbook), else real Excel. */
function pickHost(): ExcelHost {
  const injected = (window as unknown as { __keyClientsHost?: ExcelHost }).__keyClientsHost;
  return injected ?? officeHost();
}

function startPane(info: { host: Office.HostType | null }): void {
  if (!info.host) {
    showOutsideOffice(true); // a plain browser tab: office.js loaded but there is no Office around it
    return;
  }
  const container = document.getElementById('root');
  if (container === null) throw new Error('taskpane.html has no #root element');
  const host = pickHost();
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App actions={createActions(host)} lang={langOf(host.displayLanguage())} />
    </FluentProvider>,
  );
}

if (typeof Office === 'undefined') showOutsideOffice(false); // office.js did not load (no network to its CDN)
else Office.onReady(startPane);
