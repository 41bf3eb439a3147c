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

/**
 * A header cell in the form {@link HEADER_SYNONYMS} are written in: lower case, no white space or
 * underscores, ё as е, a trailing colon dropped.
 * @param cell a header cell; a number is read as its text.
 * @returns the normalised header; "" for a blank, a boolean or any other non-text cell.
 * @example normaliseHeader(" Customer_Name: ") // "customername"; normaliseHeader("Счёт") // "счет"
 */
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

/**
 * The field a header names: an exact synonym, else a synonym followed by a unit ("Сумма, руб.").
 * @param cell a header cell.
 * @returns the field, or undefined when the header names none.
 * @example fieldOfHeader("Customer Name") // "client"; fieldOfHeader("Amount (USD)") // "amount"; fieldOfHeader("Notes") // undefined
 */
export function fieldOfHeader(cell: Cell): Field | undefined {
  const n = normaliseHeader(cell);
  return LOOKUP.get(n) ?? LOOKUP.get(stripUnit(n));
}

/**
 * Finds the columns of a sales range from its header row. Each field takes the left-most column
 * whose header names it exactly; a header with a unit ("Amount (USD)", "Сумма, руб.") counts when no
 * column names the field exactly.
 * @param headers the header row; not mutated.
 * @returns zero-based columns of the fields found (no column serves two fields); {} when none.
 * @example detectColumns(["Order ID", "Customer Name", "Sales"]) // { client: 1, amount: 2, order: 0 }
 * detectColumns(["Client", "Amount (USD)", "Amount"]) // { client: 0, amount: 2 }
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

/**
 * Column letters of a zero-based index: 0 -> "A", 27 -> "AB".
 * @param index a zero-based column index, a whole number >= 0.
 * @returns the column letters (a negative index gives "").
 * @example columnLetter(0) // "A"; columnLetter(27) // "AB"
 */
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

/**
 * Zero-based index of column letters, in either case.
 * @param letters one to three letters.
 * @returns the index, or -1 when `letters` is not one to three Latin letters.
 * @example columnIndex("AB") // 27; columnIndex("ab") // 27; columnIndex("A1") // -1
 */
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
 * @param headers the header row; not mutated.
 * @param named a header name or column letters per field.
 * @returns the mapping of the fields resolved, and each field whose name matched nothing in `unknown`
 *   (an unknown name is reported, not thrown).
 * @example resolveNamedMapping(["Customer Name", "Total"], { client: "customer name", amount: "B" }) // { mapping: { client: 0, amount: 1 }, unknown: [] }
 * resolveNamedMapping(["Customer", "Total"], { client: "Buyer", amount: "Total" }) // { mapping: { amount: 1 }, unknown: [["client", "Buyer"]] }
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
