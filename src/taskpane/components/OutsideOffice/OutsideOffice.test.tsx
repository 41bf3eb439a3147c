/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { strings } from '../../strings';
import { OutsideOffice } from './OutsideOffice';

function renderPage(lang: 'en' | 'ru' | 'pl', officeLoaded: boolean) {
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <OutsideOffice s={s} officeLoaded={officeLoaded} />
    </FluentProvider>,
  );
  return s;
}

describe('OutsideOffice', () => {
  it.each(['en', 'ru', 'pl'] as const)('tells a %s reader to open the add-in in Excel and links the manifest', (lang) => {
    const s = renderPage(lang, true);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(s.outside.heading);
    expect(screen.getByText(s.outside.where)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'manifest.xml' }).getAttribute('href')).toBe('manifest.xml');
  });

  it('fills the manifest link into the administrators sentence without leaving the placeholder', () => {
    renderPage('ru', true);
    const sentence = screen.getByRole('link', { name: 'manifest.xml' }).parentElement?.textContent;
    expect(sentence).toBe('Для администраторов: манифест надстройки — файл manifest.xml рядом с этой страницей.');
  });

  it('says that office.js did not load when it did not', () => {
    const s = renderPage('en', false);
    expect(screen.getByText(s.outside.noOffice)).toBeTruthy();
  });

  it('does not mention office.js when it loaded', () => {
    const s = renderPage('pl', true);
    expect(screen.queryByText(s.outside.noOffice)).toBeNull();
  });
});
