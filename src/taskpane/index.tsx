// TODO(task-pane engineer): placeholder so the build has an entry; replace this file with the real task pane.
import { createRoot } from 'react-dom/client';
import { FluentProvider, Title1, webLightTheme } from '@fluentui/react-components';

Office.onReady(() => {
  const container = document.getElementById('root');
  if (container === null) {
    throw new Error('taskpane.html has no #root element');
  }
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Title1 as="h1">Key Clients</Title1>
    </FluentProvider>,
  );
});
