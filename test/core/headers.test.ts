/**
 * Column detection and manual mapping: METHODS.md section 0 (the table of headers).
 */
import { columnIndex, columnLetter, detectColumns, fieldOfHeader, resolveNamedMapping } from '../../src/core';
import type { Field } from '../../src/core';
import { deepFreeze } from './helpers';

describe('fieldOfHeader(header) in Russian, English and Polish', () => {
  it.each<[string, Field]>([
    ['  КЛИЕНТ ', 'client'],
    ['Клиент', 'client'],
    ['Контрагент', 'client'],
    ['Покупатель', 'client'],
    ['Client', 'client'],
    ['Customer', 'client'],
    ['Customer Name', 'client'],
    ['CUSTOMER NAME', 'client'],
    ['Klient', 'client'],
    ['Kontrahent', 'client'],
    ['Amount', 'amount'],
    ['Sales', 'amount'],
    ['Revenue', 'amount'],
    ['Sum', 'amount'],
    ['Сумма', 'amount'],
    ['Выручка', 'amount'],
    ['Продажи', 'amount'],
    ['Kwota', 'amount'],
    ['Sprzedaż', 'amount'],
    ['Przychód', 'amount'],
    ['Date', 'date'],
    ['Order Date', 'date'],
    ['Дата', 'date'],
    ['Дата продажи', 'date'],
    ['Data', 'date'],
    ['Data sprzedaży', 'date'],
    ['Order', 'order'],
    ['Order ID', 'order'],
    ['Invoice', 'order'],
    ['Заказ', 'order'],
    ['Номер заказа', 'order'],
    ['Счёт', 'order'],
    ['Zamówienie', 'order'],
    ['Faktura', 'order'],
    ['Profit', 'profit'],
    ['Margin', 'profit'],
    ['Gross profit', 'profit'],
    ['Прибыль', 'profit'],
    ['Маржа', 'profit'],
    ['Валовая прибыль', 'profit'],
    ['Zysk', 'profit'],
    ['Marża', 'profit'],
    ['Manager', 'manager'],
    ['Менеджер', 'manager'],
    ['Region', 'region'],
    ['Регион', 'region'],
    ['Отрасль', 'industry'],
    ['Branża', 'industry'],
    ['Segment', 'segment'],
  ])('fieldOfHeader(%j) is %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('fieldOfHeader("Ship Date") is not a field', () => {
    expect(fieldOfHeader('Ship Date')).toBeUndefined();
  });

  it('fieldOfHeader("Customer ID") is not the client (the name is)', () => {
    expect(fieldOfHeader('Customer ID')).toBeUndefined();
  });

  it('fieldOfHeader("customer_name") ignores underscores', () => {
    expect(fieldOfHeader('customer_name')).toBe('client');
  });
});

describe('detectColumns(headers)', () => {
  it('detectColumns(["  КЛИЕНТ ", "Дата продажи", "Сумма"]) finds a Russian table', () => {
    expect(detectColumns(['  КЛИЕНТ ', 'Дата продажи', 'Сумма'])).toEqual({ client: 0, date: 1, amount: 2 });
  });

  it('detectColumns(["Data sprzedaży", "Klient", "Przychód", "Marża"]) finds a Polish table', () => {
    expect(detectColumns(['Data sprzedaży', 'Klient', 'Przychód', 'Marża'])).toEqual({ date: 0, client: 1, amount: 2, profit: 3 });
  });

  it('detectColumns(["Order ID", "Customer Name", "Sales", "Gross profit"]) finds an English table', () => {
    expect(detectColumns(['Order ID', 'Customer Name', 'Sales', 'Gross profit'])).toEqual({ order: 0, client: 1, amount: 2, profit: 3 });
  });

  it('detectColumns(Superstore headers) takes Order Date, not Ship Date, and Customer Name, not Customer ID', () => {
    const superstore = [
      'Row ID', 'Order ID', 'Order Date', 'Ship Date', 'Ship Mode', 'Customer ID', 'Customer Name', 'Segment',
      'Country', 'City', 'State', 'Postal Code', 'Region', 'Product ID', 'Category', 'Sub-Category',
      'Product Name', 'Sales', 'Quantity', 'Discount', 'Profit',
    ];
    expect(detectColumns(superstore)).toEqual({ order: 1, date: 2, client: 6, segment: 7, region: 12, amount: 17, profit: 20 });
  });

  it('detectColumns(["Date", "Дата", "Client", "Amount"]) takes the left-most exact match', () => {
    expect(detectColumns(['Date', 'Дата', 'Client', 'Amount']).date).toBe(0);
  });

  it('detectColumns(["Amount (USD)", "Sales", "Client"]) prefers an exact header over one with a unit', () => {
    expect(detectColumns(['Amount (USD)', 'Sales', 'Client']).amount).toBe(1);
  });

  it('detectColumns(["Сумма, руб.", "Клиент"]) takes a header with a unit when none is exact', () => {
    expect(detectColumns(['Сумма, руб.', 'Клиент'])).toEqual({ amount: 0, client: 1 });
  });

  it('detectColumns(["Foo", 12, "", null]) finds nothing', () => {
    expect(detectColumns(['Foo', 12, '', null])).toEqual({});
  });

  it('detectColumns(headers) does not mutate its input', () => {
    const headers = deepFreeze(['Client', 'Amount']);
    expect(detectColumns(headers)).toEqual({ client: 0, amount: 1 });
  });
});

describe('columnLetter(index) and columnIndex(letters)', () => {
  it.each([[0, 'A'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [701, 'ZZ'], [702, 'AAA']])('columnLetter(%d) is %s', (i, s) => {
    expect(columnLetter(i)).toBe(s);
  });

  it.each([['A', 0], ['z', 25], ['AB', 27], ['ab', 27], ['AAA', 702]])('columnIndex(%j) is %d', (s, i) => {
    expect(columnIndex(s)).toBe(i);
  });

  it.each([['1'], [''], ['A1'], ['ABCD']])('columnIndex(%j) is -1', (s) => {
    expect(columnIndex(s)).toBe(-1);
  });
});

describe('resolveNamedMapping(headers, named)', () => {
  const headers = deepFreeze(['Order ID', 'Customer Name', 'Order Date', 'Ship Date', 'Sales', 'Profit']);

  it('resolveNamedMapping(headers, { client: "customer  NAME" }) matches a header name ignoring case and spaces', () => {
    expect(resolveNamedMapping(headers, { client: 'customer  NAME' })).toEqual({ mapping: { client: 1 }, unknown: [] });
  });

  it('resolveNamedMapping(headers, { date: "Ship Date" }) lets the user pick Ship Date as the date', () => {
    expect(resolveNamedMapping(headers, { date: 'Ship Date' }).mapping).toEqual({ date: 3 });
  });

  it('resolveNamedMapping(headers, { amount: "E", client: "b" }) maps by column letters', () => {
    expect(resolveNamedMapping(headers, { amount: 'E', client: 'b' })).toEqual({ mapping: { client: 1, amount: 4 }, unknown: [] });
  });

  it('resolveNamedMapping(headers, { amount: "Z" }) reports a letter outside the range as unknown', () => {
    expect(resolveNamedMapping(headers, { amount: 'Z' })).toEqual({ mapping: {}, unknown: [['amount', 'Z']] });
  });

  it('resolveNamedMapping(headers, { client: "Buyer name" }) reports a name that matches nothing', () => {
    expect(resolveNamedMapping(headers, { client: 'Buyer name' }).unknown).toEqual([['client', 'Buyer name']]);
  });
});
