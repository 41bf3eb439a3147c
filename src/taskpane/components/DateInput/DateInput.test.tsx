/** @jest-environment jsdom */
import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { Field, FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Lang, SlashOrder } from '../../../core';
import { strings } from '../../strings';
import { DateInput, calendarStrings } from './DateInput';

// jsdom has no ResizeObserver; Fluent's positioning of the popover watches sizes with one
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

function Harness({ lang, order, initial }: { lang: Lang; order: SlashOrder; initial: string }) {
  const [text, setText] = useState(initial);
  const s = strings(lang);
  return (
    <FluentProvider theme={webLightTheme}>
      <Field label={{ children: s.asOf, htmlFor: 'd' }}>
        <DateInput id="d" value={text} onChange={setText} dateOrder={order} s={s} />
      </Field>
    </FluentProvider>
  );
}

function renderDate(lang: Lang, order: SlashOrder, initial = '') {
  render(<Harness lang={lang} order={order} initial={initial} />);
  return strings(lang);
}

const input = () => document.getElementById('d') as HTMLInputElement;

/** Opens the calendar and picks a day of the month shown (the day's button is named by its number). */
function pick(s: ReturnType<typeof strings>, day: number) {
  fireEvent.click(screen.getByRole('button', { name: s.calendar.open }));
  const grid = screen.getByRole('grid');
  const cell = within(grid).getAllByRole('gridcell').find((c) => c.textContent === String(day) && !c.className.includes('OutOfMonth'));
  fireEvent.click(cell!.querySelector('button') ?? cell!);
}

describe('DateInput', () => {
  it.each<[Lang, string]>([
    ['en', 'dd.mm.yyyy'],
    ['ru', 'дд.мм.гггг'],
    ['pl', 'dd.mm.rrrr'],
  ])('DateInput (%s) shows the day-first pattern as its placeholder', (lang, pattern) => {
    renderDate(lang, 'dmy');
    expect(input().placeholder).toBe(pattern);
  });

  it('DateInput keeps the text as typed, even when it is no date (the form says why)', () => {
    renderDate('en', 'dmy');
    fireEvent.change(input(), { target: { value: '31.13.2017' } });
    fireEvent.blur(input());
    expect(input().value).toBe('31.13.2017');
  });

  it.each(['en', 'ru', 'pl'] as const)('DateInput (%s) names its calendar button in that language', (lang) => {
    const s = renderDate(lang, 'dmy');
    expect(screen.getByRole('button', { name: s.calendar.open })).toBeTruthy();
  });

  it('DateInput opens the calendar at the date typed, its month named in Russian', () => {
    const s = renderDate('ru', 'dmy', '15.12.2017');
    fireEvent.click(screen.getByRole('button', { name: s.calendar.open }));
    expect(screen.getByText('Декабрь 2017')).toBeTruthy();
  });

  it('DateInput writes a day picked in the calendar day first in a day-first region: 20.12.2017', () => {
    const s = renderDate('pl', 'dmy', '15.12.2017');
    pick(s, 20);
    expect(input().value).toBe('20.12.2017');
  });

  it('DateInput writes a day picked month first in a month-first region: 12/20/2017', () => {
    const s = renderDate('en', 'mdy', '12/15/2017');
    pick(s, 20);
    expect(input().value).toBe('12/20/2017');
  });
});

describe('calendarStrings(s)', () => {
  it('names the months and days in Polish, January and Sunday first', () => {
    const c = calendarStrings(strings('pl'));
    expect([c.months[0], c.months[11], c.days[0], c.days[1]]).toEqual(['Styczeń', 'Grudzień', 'niedziela', 'poniedziałek']);
  });

  it('names the months in Russian in the nominative, as a calendar heading does', () => {
    expect(calendarStrings(strings('ru')).months.slice(0, 3)).toEqual(['Январь', 'Февраль', 'Март']);
  });

  it('takes its button labels from the pane strings', () => {
    const s = strings('ru');
    expect(calendarStrings(s)).toMatchObject({ prevMonthAriaLabel: s.calendar.prevMonth, nextMonthAriaLabel: s.calendar.nextMonth, goToToday: s.calendar.goToToday });
  });
});
