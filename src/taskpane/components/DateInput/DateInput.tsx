import { useMemo, useState, type FocusEvent } from 'react';
import { Button, Input, Popover, PopoverSurface, PopoverTrigger } from '@fluentui/react-components';
import { Calendar, DayOfWeek, type CalendarStrings } from '@fluentui/react-calendar-compat';
import { dayFromYmd, dayOfDate, formatSettingDate, parseSettingDate, ymd, type Day, type Lang, type SlashOrder } from '../../../core';
import type { Strings } from '../../strings';
import { useDateInputStyles } from './DateInput.styles';

export interface DateInputProps {
  /** The input's id (the Field's label points at it). */
  id: string;
  /** The text as typed. */
  value: string;
  onChange(text: string): void;
  onBlur?(event: FocusEvent<HTMLElement>): void;
  /** The regional order of day and month: how a date picked is written, and how a typed one is read. */
  dateOrder: SlashOrder | null;
  s: Strings;
  disabled?: boolean;
}

const cache = new Map<Lang, Pick<CalendarStrings, 'months' | 'shortMonths' | 'days' | 'shortDays'>>();

/** Month and day names of a language from Intl (the calendar's own are English). */
function names(lang: Lang): Pick<CalendarStrings, 'months' | 'shortMonths' | 'days' | 'shortDays'> {
  let out = cache.get(lang);
  if (!out) {
    const format = (options: Intl.DateTimeFormatOptions) => (d: Date) => new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(d);
    const upper = (t: string) => t.charAt(0).toLocaleUpperCase(lang) + t.slice(1);
    const month = (m: number) => new Date(Date.UTC(2017, m, 1));
    const weekday = (d: number) => new Date(Date.UTC(2017, 0, 1 + d)); // 2017-01-01 was a Sunday
    const twelve = [...Array(12).keys()];
    const seven = [...Array(7).keys()];
    out = {
      months: twelve.map((m) => upper(format({ month: 'long' })(month(m)))),
      shortMonths: twelve.map((m) => upper(format({ month: 'short' })(month(m)))),
      days: seven.map((d) => format({ weekday: 'long' })(weekday(d))),
      shortDays: seven.map((d) => upper(format({ weekday: lang === 'en' ? 'narrow' : 'short' })(weekday(d)))),
    };
    cache.set(lang, out);
  }
  return out;
}

/** The calendar's texts in the pane's language: names from Intl, the rest from the pane's strings. */
export function calendarStrings(s: Strings): CalendarStrings {
  const c = s.calendar;
  return {
    ...names(s.lang),
    goToToday: c.goToToday,
    prevMonthAriaLabel: c.prevMonth,
    nextMonthAriaLabel: c.nextMonth,
    prevYearAriaLabel: c.prevYear,
    nextYearAriaLabel: c.nextYear,
    prevYearRangeAriaLabel: c.prevYears,
    nextYearRangeAriaLabel: c.nextYears,
    closeButtonAriaLabel: c.close,
    selectedDateFormatString: c.selected,
    todayDateFormatString: c.today,
    monthPickerHeaderAriaLabel: c.monthHeader,
    yearPickerHeaderAriaLabel: c.yearHeader,
  };
}

/** The local Date of a day number (the calendar works in local dates). */
function localDate(day: Day): Date {
  const [y, m, d] = ymd(day);
  return new Date(y, m - 1, d);
}

/** The date a text reads as, or undefined when it reads as none. */
function dayOfText(text: string, order: SlashOrder | null): Day | undefined {
  try {
    const iso = parseSettingDate(text, order);
    return iso === null ? undefined : dayFromYmd(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
  } catch {
    return undefined;
  }
}

/**
 * A date typed in the user's own format (read by the core's rule, so "31.12.2017" and "12/31/2017"
 * by the regional order are dates), with a calendar to pick it from. The text stays as typed: a date
 * that cannot be read is said next to the field by the form, never replaced by another one. The
 * calendar is Fluent's Calendar (@fluentui/react-calendar-compat) in a Popover, its month picker shown
 * over the days so it fits a 350 px pane.
 */
export function DateInput({ id, value, onChange, onBlur, dateOrder, s, disabled }: DateInputProps) {
  const styles = useDateInputStyles();
  const [open, setOpen] = useState(false);
  const strings = useMemo(() => calendarStrings(s), [s]);
  const typed = dayOfText(value, dateOrder);
  const pattern = s.datePattern[dateOrder ?? 'iso'];
  const pick = (date: Date) => {
    onChange(formatSettingDate(dayOfDate(date), dateOrder));
    setOpen(false);
    document.getElementById(id)?.focus();
  };
  return (
    <Input
      id={id}
      className={styles.input}
      size="small"
      disabled={disabled}
      value={value}
      placeholder={pattern}
      onChange={(_, d) => onChange(d.value)}
      onBlur={onBlur}
      contentAfter={
        <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} positioning="below-end" trapFocus>
          <PopoverTrigger disableButtonEnhancement>
            <Button appearance="transparent" size="small" disabled={disabled} aria-label={s.calendar.open} title={s.calendar.open} icon={<CalendarIcon className={styles.icon} />} />
          </PopoverTrigger>
          <PopoverSurface className={styles.surface} aria-label={s.calendar.label}>
            <Calendar
              strings={strings}
              value={typed === undefined ? undefined : localDate(typed)}
              onSelectDate={pick}
              firstDayOfWeek={dateOrder === 'mdy' ? DayOfWeek.Sunday : DayOfWeek.Monday}
              showMonthPickerAsOverlay
              highlightSelectedMonth
              showGoToToday={false}
            />
          </PopoverSurface>
        </Popover>
      }
    />
  );
}

/** A calendar icon (Fluent's calendar glyph drawn as an inline SVG: no icon package for one icon). */
function CalendarIcon({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M7 11a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm1 2a1 1 0 1 1-2 0 1 1 0 0 1 2 0Zm2-2a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm1 2a1 1 0 1 1-2 0 1 1 0 0 1 2 0Zm2-2a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm4-5.5A2.5 2.5 0 0 0 14.5 3h-9A2.5 2.5 0 0 0 3 5.5v9A2.5 2.5 0 0 0 5.5 17h9a2.5 2.5 0 0 0 2.5-2.5v-9ZM4 7h12v7.5c0 .83-.67 1.5-1.5 1.5h-9A1.5 1.5 0 0 1 4 14.5V7Zm1.5-3h9c.83 0 1.5.67 1.5 1.5V6H4v-.5C4 4.67 4.67 4 5.5 4Z" />
    </svg>
  );
}
