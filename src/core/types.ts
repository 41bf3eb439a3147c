/**
 * Shared types of the Key Clients engine. Pure data: no Office, React or Node.
 * The rules behind every field are in ../shared/METHODS.md and docs/methods.md.
 */

/** A cell as Excel hands it to an add-in: a number, a string, a boolean, "" for a blank. */
export type Cell = string | number | boolean | null | undefined;

/** UI and report language. */
export type Lang = 'en' | 'ru' | 'pl';

/** Fields of a sales range (METHODS.md section 0). */
export type Field =
  | 'client'
  | 'amount'
  | 'date'
  | 'order'
  | 'profit'
  | 'manager'
  | 'region'
  | 'industry'
  | 'segment';

/** Zero-based column index of each recognised field within the range. */
export type ColumnMapping = Partial<Record<Field, number>>;

/** ABC class: A, B, C by the basis value; D for a negative value or (with profit) a loss. */
export type AbcClass = 'A' | 'B' | 'C' | 'D';
/** XYZ class: X stable, Y variable, Z irregular. */
export type XyzClass = 'X' | 'Y' | 'Z';
/** Lifecycle stage of METHODS.md section 5. */
export type Lifecycle = 'new' | 'active' | 'at_risk' | 'lost';
/** Loyalty x profitability quadrant: I low/low, II loyal/low profit, III loyal/profitable, IV indifferent/profitable. */
export type Quadrant = 'I' | 'II' | 'III' | 'IV';
/** Key of an RFM segment (METHODS.md section 4); "others" only as a guard. */
export type RfmSegmentKey =
  | 'low_value_regulars'
  | 'champions'
  | 'cant_lose'
  | 'at_risk'
  | 'loyal'
  | 'new'
  | 'promising'
  | 'potential_loyalists'
  | 'need_attention'
  | 'about_to_sleep'
  | 'hibernating'
  | 'others';

/** Excel error codes the adapters turn engine errors into (METHODS.md section 8). */
export type ErrorCode = '#VALUE!' | '#NUM!' | '#DIV/0!' | '#N/A';

/** A row of the source range that was skipped, with its sheet row number and reason. */
export interface SkippedRow {
  /** 1-based row number on the sheet (range's first row + offset). */
  row: number;
  /** The reason in English, e.g. "row 17: amount 'n/a' is not a number". */
  reason: string;
  /**
   * What was wrong, for the reason in another language (`skippedText`): a blank or bad value; a
   * totals row (a totals word in the client cell, or a SUM/SUBTOTAL formula as the amount); a text
   * file's line with more fields than the header (a comma in a number, or a delimiter in a value,
   * without quotes); a slashed date that fits only the other day/month order (set, or of the data).
   */
  problem:
    | 'blank' | 'notNumber' | 'notDate' | 'notClient'
    | 'totals' | 'totalsFormula'
    | 'extraFieldsComma' | 'extraFields'
    | 'dateOrderSet' | 'dateOrderData';
  field: 'client' | 'amount' | 'date' | 'profit';
  /** The bad value as shown (cut to 40 characters); "" for a blank. */
  value: string;
  /** Further values of the reason: `fields` and `columns` (extra fields), `order` "dmy" | "mdy" (date order). */
  params?: Record<string, string | number>;
}

/** A warning shown in the summary (and in the pane): a stable code and the values its text needs. */
export interface Warning {
  code: string;
  params: Record<string, string | number>;
}
