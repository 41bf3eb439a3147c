/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { Outcome, type OutcomeProps } from './Outcome';

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

function renderOutcome(props: OutcomeProps) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <Outcome {...props} />
    </FluentProvider>,
  );
}

describe('Outcome', () => {
  it('Outcome({ error }) shows the error as an alert, and no status', () => {
    renderOutcome({ error: 'Excel is busy' });
    expect(screen.getByRole('alert').textContent).toBe('Excel is busy');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('Outcome({ error, errorTitle }) puts the title above the error', () => {
    renderOutcome({ error: 'Excel is busy', errorTitle: 'Could not segment' });
    expect(screen.getByRole('alert').textContent).toBe('Could not segmentExcel is busy');
  });

  it('Outcome({ info }) shows the success as a status, and no alert', () => {
    renderOutcome({ error: null, info: '3 formulas converted' });
    expect(screen.getByRole('status').textContent).toBe('3 formulas converted');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Outcome with neither shows nothing', () => {
    const { container } = renderOutcome({ error: null, info: null });
    expect(container.textContent).toBe('');
  });
});
