/**
 * Excel serial dates and text dates: METHODS.md section 0 "Dates", docs/methods.md "Dates".
 * Day numbers are computed independently with Date.UTC (helpers.day); serials checked in Excel:
 * =DATE(2024,1,1) is 45292, =DATE(2024,6,30) is 45473, =DATE(1900,3,1) is 61.
 */
import {
  slashOrderOfLocale,
  dayFromYmd, dayToIso, dayToSerial, detectSlashOrder, isoToDay, MAX_SERIAL, parseDate, serialToDay, ymd,
} from '../../src/core';
import { day } from './helpers';

describe('serialToDay(serial): the 1900 date system', () => {
  it('serialToDay(1) is 1900-01-01', () => {
    expect(serialToDay(1)).toBe(day(1900, 1, 1));
  });

  it('serialToDay(59) is 1900-02-28', () => {
    expect(serialToDay(59)).toBe(day(1900, 2, 28));
  });

  it("serialToDay(60) is bad: Excel's phantom 1900-02-29 never existed", () => {
    expect(serialToDay(60)).toBeNaN();
  });

  it('serialToDay(61) is 1900-03-01', () => {
    expect(serialToDay(61)).toBe(day(1900, 3, 1));
  });

  it('serialToDay(45292) is 2024-01-01', () => {
    expect(serialToDay(45292)).toBe(day(2024, 1, 1));
  });

  it('serialToDay(45473) is 2024-06-30', () => {
    expect(serialToDay(45473)).toBe(day(2024, 6, 30));
  });

  it('serialToDay(45292.99) drops the time of day', () => {
    expect(serialToDay(45292.99)).toBe(day(2024, 1, 1));
  });

  it('serialToDay(0) is bad (below serial 1)', () => {
    expect(serialToDay(0)).toBeNaN();
  });

  it('serialToDay(-1) is bad', () => {
    expect(serialToDay(-1)).toBeNaN();
  });

  it('serialToDay(2958465) is 9999-12-31, the last date Excel shows', () => {
    expect(MAX_SERIAL).toBe(2958465);
    expect(serialToDay(2958465)).toBe(day(9999, 12, 31));
  });

  it('serialToDay(2958466) is bad (after 9999-12-31)', () => {
    expect(serialToDay(2958466)).toBeNaN();
  });
});

describe('dayToSerial(day)', () => {
  it('dayToSerial(2024-01-01) is 45292', () => {
    expect(dayToSerial(day(2024, 1, 1))).toBe(45292);
  });

  it('dayToSerial(1900-03-01) is 61', () => {
    expect(dayToSerial(day(1900, 3, 1))).toBe(61);
  });

  it('dayToSerial(1900-02-28) is 59', () => {
    expect(dayToSerial(day(1900, 2, 28))).toBe(59);
  });

  it('dayToSerial(1900-01-01) is 1', () => {
    expect(dayToSerial(day(1900, 1, 1))).toBe(1);
  });
});

describe('calendar helpers', () => {
  it('dayFromYmd(2024, 2, 29) is a leap day', () => {
    expect(dayFromYmd(2024, 2, 29)).toBe(day(2024, 2, 29));
  });

  it('dayFromYmd(2023, 2, 29) is NaN: the date does not exist', () => {
    expect(dayFromYmd(2023, 2, 29)).toBeNaN();
  });

  it('dayFromYmd(2024, 13, 1) is NaN', () => {
    expect(dayFromYmd(2024, 13, 1)).toBeNaN();
  });

  it('dayToIso(2024-06-30) is "2024-06-30"', () => {
    expect(dayToIso(day(2024, 6, 30))).toBe('2024-06-30');
  });

  it('isoToDay("2024-06-30") is the day of 2024-06-30', () => {
    expect(isoToDay('2024-06-30')).toBe(day(2024, 6, 30));
  });

  it('isoToDay("2024-02-30") is NaN', () => {
    expect(isoToDay('2024-02-30')).toBeNaN();
  });

  it('ymd(2024-02-29) is [2024, 2, 29]', () => {
    expect(ymd(day(2024, 2, 29))).toEqual([2024, 2, 29]);
  });

  it('ymd(1900-03-01) is [1900, 3, 1]', () => {
    expect(ymd(day(1900, 3, 1))).toEqual([1900, 3, 1]);
  });
});

describe('parseDate(cell, order) on numbers', () => {
  it('parseDate(45292, "dmy") reads an Excel serial: 2024-01-01', () => {
    expect(parseDate(45292, 'dmy')).toBe(day(2024, 1, 1));
  });

  it('parseDate(60, "dmy") is bad (phantom 1900-02-29)', () => {
    expect(parseDate(60, 'dmy')).toBeNaN();
  });

  it('parseDate(45292.5, "dmy") drops the fraction', () => {
    expect(parseDate(45292.5, 'dmy')).toBe(day(2024, 1, 1));
  });
});

describe('parseDate(text, order)', () => {
  it('parseDate("2024-03-05", "mdy") reads ISO whatever the order', () => {
    expect(parseDate('2024-03-05', 'mdy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("2024-03-05T13:45:00", "dmy") ignores the time part', () => {
    expect(parseDate('2024-03-05T13:45:00', 'dmy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("2024-03-05 23:59", "dmy") ignores a time after a space', () => {
    expect(parseDate('2024-03-05 23:59', 'dmy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("05.03.2024", "mdy") reads dd.mm.yyyy as day first whatever the order', () => {
    expect(parseDate('05.03.2024', 'mdy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("5.3.24", "dmy") reads a two-digit year as 2000+yy', () => {
    expect(parseDate('5.3.24', 'dmy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("31.12.99", "dmy") reads 99 as 2099 (METHODS.md: two-digit years are 2000+yy)', () => {
    expect(parseDate('31.12.99', 'dmy')).toBe(day(2099, 12, 31));
  });

  it('parseDate("05/03/2024", "dmy") is 5 March 2024', () => {
    expect(parseDate('05/03/2024', 'dmy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("05/03/2024", "mdy") is 3 May 2024', () => {
    expect(parseDate('05/03/2024', 'mdy')).toBe(day(2024, 5, 3));
  });

  it('parseDate("03/05/24", "mdy") reads a two-digit year: 5 March 2024', () => {
    expect(parseDate('03/05/24', 'mdy')).toBe(day(2024, 3, 5));
  });

  it('parseDate("31.02.2024", "dmy") is bad: 31 February does not exist', () => {
    expect(parseDate('31.02.2024', 'dmy')).toBeNaN();
  });

  it('parseDate("29.02.2023", "dmy") is bad: 2023 is not a leap year', () => {
    expect(parseDate('29.02.2023', 'dmy')).toBeNaN();
  });

  it('parseDate("13/01/2024", "mdy") is bad: there is no month 13', () => {
    expect(parseDate('13/01/2024', 'mdy')).toBeNaN();
  });

  it('parseDate("2024-13-01", "dmy") is bad', () => {
    expect(parseDate('2024-13-01', 'dmy')).toBeNaN();
  });

  it.each([['soon'], ['n/a'], ['#N/A'], ['05-03-2024']])('parseDate(%j, "dmy") is bad', (text) => {
    expect(parseDate(text, 'dmy')).toBeNaN();
  });

  it('parseDate(true, "dmy") is bad', () => {
    expect(parseDate(true, 'dmy')).toBeNaN();
  });

  it.each([[''], [null], [undefined], ['   ']])('parseDate(%j, "dmy") is null (blank)', (cell) => {
    expect(parseDate(cell, 'dmy')).toBeNull();
  });
});

describe('detectSlashOrder(cells, fallback)', () => {
  it('detectSlashOrder(["13/01/2024", "01/02/2024"]) is day-first: a first part is above 12', () => {
    expect(detectSlashOrder(['13/01/2024', '01/02/2024'])).toBe('dmy');
  });

  it('detectSlashOrder(["01/13/2024", "02/01/2024"]) is month-first: a second part is above 12', () => {
    expect(detectSlashOrder(['01/13/2024', '02/01/2024'])).toBe('mdy');
  });

  it('detectSlashOrder(["01/13/2024"], "dmy") is month-first even when the locale says day-first', () => {
    expect(detectSlashOrder(['01/13/2024'], 'dmy')).toBe('mdy');
  });

  it('detectSlashOrder(["01/02/2024", "03/04/2024"], "mdy") falls back to the locale', () => {
    expect(detectSlashOrder(['01/02/2024', '03/04/2024'], 'mdy')).toBe('mdy');
  });

  it('detectSlashOrder(["01/02/2024"]) is day-first when the locale is unknown', () => {
    expect(detectSlashOrder(['01/02/2024'])).toBe('dmy');
  });

  it('detectSlashOrder(["01/13/2024", "13/01/2024"]) is day-first when the column is mixed (docs/methods.md)', () => {
    expect(detectSlashOrder(['01/13/2024', '13/01/2024'])).toBe('dmy');
  });

  it('detectSlashOrder([45292, "", "2024-01-13", "05.03.2024"], "mdy") ignores cells that are not slashed dates', () => {
    expect(detectSlashOrder([45292, '', '2024-01-13', '05.03.2024'], 'mdy')).toBe('mdy');
  });
});

describe('slashOrderOfLocale(tag)', () => {
  it('slashOrderOfLocale("en-US") is month-first (Excel US shows 3/14/2024)', () => {
    expect(slashOrderOfLocale('en-US')).toBe('mdy');
  });
  it('slashOrderOfLocale("ru-RU"), ("pl-PL") and ("en-GB") are day-first', () => {
    expect(slashOrderOfLocale('ru-RU')).toBe('dmy');
    expect(slashOrderOfLocale('pl-PL')).toBe('dmy');
    expect(slashOrderOfLocale('en-GB')).toBe('dmy');
  });
  it('slashOrderOfLocale of an unknown or regionless tag is day-first', () => {
    expect(slashOrderOfLocale('en')).toBe('dmy');
    expect(slashOrderOfLocale(undefined)).toBe('dmy');
  });
});
