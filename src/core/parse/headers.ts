import type { Cell, ColumnMapping, Field } from '../types';

/**
 * Header names of each field in English, Russian and Polish (METHODS.md section 0), written
 * normalised by {@link normaliseHeader}: lower case, no spaces or underscores, ё as е.
 */
export const HEADER_SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  client: [
    'client', 'customer', 'customername', 'clientname', 'account', 'buyer',
    'клиент', 'контрагент', 'покупатель', 'заказчик', 'наименованиеклиента', 'наименованиеконтрагента',
    'klient', 'kontrahent', 'nabywca', 'odbiorca', 'nazwaklienta', 'nazwakontrahenta',
  ],
  amount: [
    'amount', 'sales', 'revenue', 'sum', 'salesamount', 'netsales', 'total',
    'сумма', 'выручка', 'продажи', 'суммапродажи', 'суммапродаж', 'стоимость',
    'kwota', 'sprzedaż', 'sprzedaz', 'przychód', 'przychod', 'wartość', 'wartosc', 'kwotanetto',
  ],
  date: [
    'date', 'orderdate', 'invoicedate', 'saledate', 'salesdate',
    'дата', 'датапродажи', 'датазаказа', 'датадокумента', 'датаотгрузки',
    'data', 'datasprzedaży', 'datasprzedazy', 'datazamówienia', 'datazamowienia', 'datawystawienia',
  ],
  order: [
    'order', 'orderid', 'ordernumber', 'orderno', 'invoice', 'invoiceid', 'invoiceno', 'invoicenumber',
    'заказ', 'номерзаказа', 'счёт', 'счет', 'номерсчета', 'номерсчёта', 'документ', 'номердокумента',
    'zamówienie', 'zamowienie', 'numerzamówienia', 'numerzamowienia', 'faktura', 'nrfaktury', 'numerfaktury',
  ],
  profit: [
    'profit', 'margin', 'grossprofit', 'grossmargin',
    'прибыль', 'маржа', 'валоваяприбыль', 'маржинальность',
    'zysk', 'marża', 'marza', 'zyskbrutto',
  ],
  manager: [
    'manager', 'salesmanager', 'accountmanager', 'salesrep', 'salesperson',
    'менеджер', 'ответственный', 'менеджерпопродажам',
    'menedżer', 'menedzer', 'handlowiec', 'opiekun', 'opiekunklienta',
  ],
  region: ['region', 'регион', 'область', 'województwo', 'wojewodztwo'],
  industry: ['industry', 'sector', 'отрасль', 'сфера', 'branża', 'branza'],
  segment: ['segment', 'сегмент', 'customersegment'],
};

/** Fields in the order they are looked for. */
export const FIELDS: readonly Field[] = ['client', 'amount', 'date', 'order', 'profit', 'manager', 'region', 'industry', 'segment'];

/** Lower case, no white space or underscores, ё as е, a trailing colon dropped. */
export function normaliseHeader(cell: Cell): string {
  if (typeof cell !== 'string' && typeof cell !== 'number') return '';
  return String(cell).toLowerCase().replace(/ё/g, 'е').replace(/[\s_\u00a0]+/g, '').replace(/:$/, '');
}

/** The header without a unit in parentheses or after a comma: "Сумма, руб." -> "сумма". */
function stripUnit(normalised: string): string {
  return normalised.replace(/\(.*\)$/, '').replace(/,.*$/, '');
}

const LOOKUP: ReadonlyMap<string, Field> = new Map(
  FIELDS.flatMap((f) => HEADER_SYNONYMS[f].map((name) => [name, f] as [string, Field])),
);

/** The field a header names, or undefined. */
export function fieldOfHeader(cell: Cell): Field | undefined {
  const n = normaliseHeader(cell);
  return LOOKUP.get(n) ?? LOOKUP.get(stripUnit(n));
}

/**
 * Finds the columns of a sales range from its header row. Each field takes the left-most column
 * whose header names it exactly; a header with a unit ("Amount (USD)", "Сумма, руб.") counts when no
 * column names the field exactly.
 * @example detectColumns(["Order ID", "Customer Name", "Sales"]) // { order: 0, client: 1, amount: 2 }
 */
export function detectColumns(headers: readonly Cell[]): ColumnMapping {
  const exact: ColumnMapping = {};
  const loose: ColumnMapping = {};
  headers.forEach((cell, i) => {
    const n = normaliseHeader(cell);
    if (!n) return;
    const e = LOOKUP.get(n);
    if (e !== undefined) {
      if (exact[e] === undefined) exact[e] = i;
      return;
    }
    const l = LOOKUP.get(stripUnit(n));
    if (l !== undefined && loose[l] === undefined) loose[l] = i;
  });
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const f of FIELDS) {
    const i = exact[f] ?? loose[f];
    if (i !== undefined && !used.has(i)) {
      mapping[f] = i;
      used.add(i);
    }
  }
  return mapping;
}

/** Column letters of a zero-based index: 0 -> "A", 27 -> "AB". */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Zero-based index of column letters ("AB" -> 27), or -1. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Resolves a user's mapping given by header names or column letters ("client=Customer Name",
 * "amount=F") against a header row. Header names are matched like detection (case and spaces
 * ignored); a value that matches no header but is a column letter inside the range is that column.
 * @returns the mapping, or the name that matched nothing in `unknown`.
 */
export function resolveNamedMapping(
  headers: readonly Cell[],
  named: Partial<Record<Field, string>>,
): { mapping: ColumnMapping; unknown: Array<[Field, string]> } {
  const mapping: ColumnMapping = {};
  const unknown: Array<[Field, string]> = [];
  for (const f of FIELDS) {
    const name = named[f];
    if (name === undefined) continue;
    const n = normaliseHeader(name);
    let i = headers.findIndex((h) => normaliseHeader(h) === n);
    if (i < 0) {
      const li = columnIndex(name.trim());
      if (li >= 0 && li < headers.length) i = li;
    }
    if (i < 0) unknown.push([f, name]);
    else mapping[f] = i;
  }
  return { mapping, unknown };
}
