/**
 * parseNumber / isBlank: METHODS.md section 0 "Numbers", docs/methods.md "Numbers".
 * Expected values are the numbers an analyst reads in the text.
 */
import { excelErrorText, isBlank, parseNumber } from '../../src/core';

describe('parseNumber(cell) on number cells', () => {
  it('parseNumber(1234.56) returns the number as is', () => {
    expect(parseNumber(1234.56)).toBe(1234.56);
  });

  it('parseNumber(-5) keeps a negative number', () => {
    expect(parseNumber(-5)).toBe(-5);
  });

  it('parseNumber(1e300) keeps a huge finite number', () => {
    expect(parseNumber(1e300)).toBe(1e300);
  });

  it('parseNumber(Infinity) is a bad value (NaN)', () => {
    expect(parseNumber(Infinity)).toBeNaN();
  });

  it('parseNumber(-Infinity) is a bad value (NaN)', () => {
    expect(parseNumber(-Infinity)).toBeNaN();
  });

  it('parseNumber(NaN) is a bad value (NaN)', () => {
    expect(parseNumber(NaN)).toBeNaN();
  });
});

describe('parseNumber(text) with decimal and thousands separators', () => {
  it('parseNumber("1 234,56") reads a single comma as the decimal separator: 1234.56', () => {
    expect(parseNumber('1 234,56')).toBe(1234.56);
  });

  it('parseNumber("1,234.56") takes the last separator (dot) as decimal: 1234.56', () => {
    expect(parseNumber('1,234.56')).toBe(1234.56);
  });

  it('parseNumber("1.234,56") takes the last separator (comma) as decimal: 1234.56', () => {
    expect(parseNumber('1.234,56')).toBe(1234.56);
  });

  it('parseNumber("1.234.567,89") removes every thousands dot: 1234567.89', () => {
    expect(parseNumber('1.234.567,89')).toBe(1234567.89);
  });

  it('parseNumber("1,234,567.89") removes every thousands comma: 1234567.89', () => {
    expect(parseNumber('1,234,567.89')).toBe(1234567.89);
  });

  it('parseNumber("1,234") reads a single comma with no dot as decimal, as METHODS.md says: 1.234', () => {
    expect(parseNumber('1,234')).toBe(1.234);
  });

  it('parseNumber("0,5") reads 0.5', () => {
    expect(parseNumber('0,5')).toBe(0.5);
  });

  it('parseNumber("12.5") reads a plain decimal dot: 12.5', () => {
    expect(parseNumber('12.5')).toBe(12.5);
  });

  it('parseNumber("1\\u00a0234,56") ignores a no-break space as thousands separator', () => {
    expect(parseNumber('1\u00a0234,56')).toBe(1234.56);
  });

  it('parseNumber("1\\u2009234,56") ignores a thin space as thousands separator', () => {
    expect(parseNumber('1\u2009234,56')).toBe(1234.56);
  });

  it('parseNumber("1\\u202f234\\u202f567") ignores narrow no-break spaces: 1234567', () => {
    expect(parseNumber('1\u202f234\u202f567')).toBe(1234567);
  });

  it('parseNumber("12 345 678,9") reads several space groups: 12345678.9', () => {
    expect(parseNumber('12 345 678,9')).toBe(12345678.9);
  });

  it('parseNumber("  42  ") ignores surrounding spaces', () => {
    expect(parseNumber('  42  ')).toBe(42);
  });

  it('parseNumber("1,234,567") reads repeated commas in three-digit groups as thousands (docs/methods.md)', () => {
    expect(parseNumber('1,234,567')).toBe(1234567);
  });

  it('parseNumber("1,2,3") is bad: repeated commas that are not three-digit groups', () => {
    expect(parseNumber('1,2,3')).toBeNaN();
  });

  it('parseNumber("−120") reads U+2212 MINUS SIGN as a minus (docs/methods.md)', () => {
    expect(parseNumber('\u2212120')).toBe(-120);
  });

  it('parseNumber("-120") reads a hyphen-minus', () => {
    expect(parseNumber('-120')).toBe(-120);
  });
});

describe('parseNumber(text) with currency signs and words', () => {
  it.each([
    ['1 200 ₽', 1200],
    ['₽1200', 1200],
    ['1 200 руб', 1200],
    ['1 200 руб.', 1200],
    ['1 200 р.', 1200],
    ['$1,200.50', 1200.5],
    ['€ 99,90', 99.9],
    ['99,90 zł', 99.9],
    ['100 PLN', 100],
    ['USD 100', 100],
    ['100 EUR', 100],
    ['100 RUB', 100],
    ['100 usd', 100],
  ])('parseNumber(%j) drops the currency: %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it('parseNumber("-$5") keeps the sign before a currency sign: -5', () => {
    expect(parseNumber('-$5')).toBe(-5);
  });
});

describe('parseNumber(text) with parentheses', () => {
  it('parseNumber("(120)") is -120', () => {
    expect(parseNumber('(120)')).toBe(-120);
  });

  it('parseNumber("(1 234,50 руб.)") is -1234.5', () => {
    expect(parseNumber('(1 234,50 руб.)')).toBe(-1234.5);
  });

  it('parseNumber("($1,200.00)") is -1200', () => {
    expect(parseNumber('($1,200.00)')).toBe(-1200);
  });
});

describe('parseNumber(cell) on bad values', () => {
  it.each([['n/a'], ['#N/A'], ['#VALUE!'], ['12abc'], ['abc'], ['1.2.3'], ['12-'], ['--5'], ['$']])(
    'parseNumber(%j) is a bad value (NaN)',
    (text) => {
      expect(parseNumber(text)).toBeNaN();
    },
  );

  it('parseNumber(true) is a bad value (NaN)', () => {
    expect(parseNumber(true)).toBeNaN();
  });

  it('parseNumber(false) is a bad value (NaN)', () => {
    expect(parseNumber(false)).toBeNaN();
  });

  it('parseNumber("1e400") is a bad value: it overflows to Infinity', () => {
    expect(parseNumber('1e400')).toBeNaN();
  });
});

describe('parseNumber(cell) on blanks', () => {
  it.each([[''], [null], [undefined], ['   '], ['\u00a0']])('parseNumber(%j) is null (blank)', (cell) => {
    expect(parseNumber(cell)).toBeNull();
  });
});

describe('isBlank(cell)', () => {
  it.each([[''], [null], [undefined], ['  ']])('isBlank(%j) is true', (cell) => {
    expect(isBlank(cell)).toBe(true);
  });

  it.each([[0], ['0'], [false], ['x']])('isBlank(%j) is false', (cell) => {
    expect(isBlank(cell)).toBe(false);
  });
});

describe('parseNumber(text) keeps separators and signs strict (docs/methods.md)', () => {
  it('parseNumber("12 34") is bad: a space is a thousands separator only before three digits', () => {
    expect(parseNumber('12 34')).toBeNaN();
  });
  it('parseNumber("1 2 3") is bad', () => {
    expect(parseNumber('1 2 3')).toBeNaN();
  });
  it('parseNumber("12eur34") is bad: a currency word only before or after the number', () => {
    expect(parseNumber('12eur34')).toBeNaN();
  });
  it('parseNumber("1$2") is bad', () => {
    expect(parseNumber('1$2')).toBeNaN();
  });
  it('parseNumber("(-5)") is bad: parentheses and a minus together', () => {
    expect(parseNumber('(-5)')).toBeNaN();
  });
  it('parseNumber("($120.00)") reads accounting format as -120', () => {
    expect(parseNumber('($120.00)')).toBe(-120);
  });
  it('parseNumber("-$5") and parseNumber("$-5") both read -5', () => {
    expect(parseNumber('-$5')).toBe(-5);
    expect(parseNumber('$-5')).toBe(-5);
  });
  it('parseNumber("PLN 1 000") reads a currency code before the number: 1000', () => {
    expect(parseNumber('PLN 1 000')).toBe(1000);
  });
});

describe('excelErrorText(cell)', () => {
  it('excelErrorText("#N/A") and excelErrorText(" #value! ") give the error, upper-cased', () => {
    expect(excelErrorText('#N/A')).toBe('#N/A');
    expect(excelErrorText(' #value! ')).toBe('#VALUE!');
    expect(excelErrorText('#PYTHON!')).toBe('#PYTHON!');
  });
  it('excelErrorText of a name that starts with # but is no error is null', () => {
    expect(excelErrorText('#1 Shop')).toBeNull();
    expect(excelErrorText('#N/A and more')).toBeNull();
    expect(excelErrorText(5)).toBeNull();
  });
});

describe('parseNumber(text): the quick reading of common forms agrees with the full rules', () => {
  // A leading space sends a text through the full rules (which trim it); without it, "-1234",
  // "34 154,32", "1234.5" take the quick path. Both must give the same value.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { prng } = require('../../bench/synthetic') as { prng: (seed: number) => () => number };
  const rnd = prng(7);
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
  const texts: string[] = ['0', '-0', '5.', '5,', '007', '12 34', '1 2345', '1234 567', '1 234', '-1 234 567,5', '999999999999999', '9999999999999999', '0,1', '1.000', ' 1'];
  for (let k = 0; k < 2000; k++) {
    const sign = rnd() < 0.2 ? '-' : '';
    const spaced = rnd() < 0.5;
    const int = spaced ? [digits(1 + Math.floor(rnd() * 3)), ...Array.from({ length: Math.floor(rnd() * 4) }, () => digits(rnd() < 0.9 ? 3 : 2))].join(rnd() < 0.8 ? ' ' : '\u00a0') : digits(1 + Math.floor(rnd() * 12));
    const frac = rnd() < 0.7 ? `${rnd() < 0.5 ? ',' : '.'}${digits(Math.floor(rnd() * 5))}` : '';
    texts.push(sign + int + frac);
  }

  it('parseNumber(text) equals parseNumber(" " + text) for 2,000 generated amounts and the edge cases', () => {
    const differ = texts.filter((t) => !Object.is(parseNumber(t), parseNumber(` ${t}`)));
    expect(differ).toEqual([]);
  });

  it('parseNumber("34 154,32") and parseNumber("-1234.5") read as an analyst does', () => {
    expect([parseNumber('34 154,32'), parseNumber('-1234.5'), parseNumber('1\u00a0234,5')]).toEqual([34154.32, -1234.5, 1234.5]);
  });
});
