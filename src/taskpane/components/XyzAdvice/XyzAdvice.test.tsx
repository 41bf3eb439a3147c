/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { defaultSettings, type Lang, type XyzSuggestion } from '../../../core';
import { strings } from '../../strings';
import { XyzAdvice, isOtherXyz } from './XyzAdvice';

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

const SUGGESTION: XyzSuggestion = { period: 'quarter', method: 'frequency', limitX: 0.75, limitY: 0.25, counts: { X: 1, Y: 642, Z: 150 } };

function renderAdvice(lang: Lang, suggestion = SUGGESTION, onApply = jest.fn(), disabled = false) {
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <XyzAdvice suggestion={suggestion} current={defaultSettings().xyz} text="the advice in words" s={s} onApply={onApply} disabled={disabled} />
    </FluentProvider>,
  );
  return { s, onApply };
}

describe('XyzAdvice', () => {
  it.each(['en', 'ru', 'pl'] as const)('XyzAdvice (%s) shows the advice in words under its title, with the button in that language', (lang) => {
    const { s } = renderAdvice(lang);
    expect(screen.getByText(s.xyzAdviceTitle)).toBeTruthy();
    expect(screen.getByText('the advice in words')).toBeTruthy();
    expect(screen.getByRole('button', { name: s.xyzApply })).toBeTruthy();
  });

  it('XyzAdvice applies the suggestion in one click', () => {
    const { s, onApply } = renderAdvice('ru');
    fireEvent.click(screen.getByRole('button', { name: s.xyzApply }));
    expect(onApply).toHaveBeenCalledWith(SUGGESTION);
  });

  it('XyzAdvice does not apply while a run is going on', () => {
    const { s, onApply } = renderAdvice('en', SUGGESTION, jest.fn(), true);
    fireEvent.click(screen.getByRole('button', { name: s.xyzApply }));
    expect(onApply).not.toHaveBeenCalled();
  });

  it('XyzAdvice never advises the settings in use', () => {
    const d = defaultSettings().xyz;
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <XyzAdvice suggestion={{ ...d, counts: { X: 1, Y: 1, Z: 1 } }} current={d} text="x" s={strings('en')} onApply={jest.fn()} />
      </FluentProvider>,
    );
    expect(container.textContent).toBe('');
    expect(isOtherXyz({ ...d }, d)).toBe(false);
    expect(isOtherXyz({ ...d, period: 'quarter' }, d)).toBe(true);
  });
});
