import { clientDisplay, clientKey, readSales } from '../../src/core';

describe('client names (METHODS.md section 0)', () => {
  it('clientDisplay trims and folds inner runs of white space to one space', () => {
    expect(clientDisplay('  Acme \t  Ltd\u00a0 ')).toBe('Acme Ltd');
  });

  it('clientKey is the display name in lower case, so spellings that differ in case and spaces are one key', () => {
    expect(clientKey(' ACME  Ltd')).toBe('acme ltd');
    expect(clientKey('ООО  РОМАШКА')).toBe(clientKey('ооо ромашка'));
  });

  it('clientKey of a number is the key of its text: 1001 and "1001" are one client', () => {
    expect(clientKey(1001)).toBe(clientKey('1001'));
  });

  it('gives the keys the sales reader gives', () => {
    const names = [' Acme  Ltd', 'ZAKŁAD Ósemka', 'Ромашка', 42];
    const sales = readSales([['Client', 'Amount'], ...names.map((n) => [n, 1])]);
    expect(sales.clientKeys).toEqual(names.map((n) => clientKey(n)));
  });
});
