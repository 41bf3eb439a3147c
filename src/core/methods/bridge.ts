/** A client's status between the previous and the current window (METHODS.md section 9). */
export type ClientStatus = 'retained' | 'churned' | 'new' | 'returned' | 'inactive';

/** The statuses in report order. */
export const CLIENT_STATUSES: readonly ClientStatus[] = ['retained', 'churned', 'new', 'returned', 'inactive'];

/** The lines of the revenue bridge, in order. */
export type BridgeKey = 'previous' | 'churned' | 'contraction' | 'expansion' | 'returned' | 'new' | 'current';

/** The bridge's keys in order: previous, the five steps, current. */
export const BRIDGE_KEYS: readonly BridgeKey[] = ['previous', 'churned', 'contraction', 'expansion', 'returned', 'new', 'current'];

/** One line of the revenue bridge. */
export interface BridgeLine {
  key: BridgeKey;
  /**
   * previous / current: the revenue of the window (every row dated in it). A step: the signed amount
   * it adds (churned and contraction are at most 0 in ordinary data), so that previous + the five
   * steps = current.
   */
  amount: number;
  /**
   * previous / current: the clients that bought in the window. A step: the clients it sums over
   * (contraction and expansion: those whose revenue went down / up; unchanged ones are in neither).
   */
  clients: number;
}

/**
 * The revenue bridge from the previous window to the current one: every client's change
 * d = revenueCurrent - revenuePrevious goes to exactly one step, so previous + steps = current holds
 * by construction (up to the rounding of binary sums):
 * - churned: -(revenuePrevious - revenueCurrent) of churned clients (a return they make in the
 *   current window adds to the loss);
 * - contraction / expansion: d of retained clients, and of inactive ones (they bought in neither
 *   window but returned goods in one), by its sign: below 0 is contraction, above 0 expansion;
 * - returned, new: d of returned and of new clients (their previous revenue is 0, or a return).
 * @param status each client's status, null for a client outside the analysis (left out); not mutated.
 * @param revenuePrevious each client's revenue in the previous window; not mutated.
 * @param revenueCurrent each client's revenue in the current window; not mutated.
 * @returns the seven lines in {@link BRIDGE_KEYS} order.
 * @example revenueBridge(['retained', 'churned', 'new'], [100, 50, 0], [120, 0, 30])
 * // previous 150, churned -50, contraction 0, expansion +20, returned 0, new +30, current 150
 */
export function revenueBridge(
  status: ArrayLike<ClientStatus | null>,
  revenuePrevious: ArrayLike<number>,
  revenueCurrent: ArrayLike<number>,
): BridgeLine[] {
  const amount: Record<BridgeKey, number> = { previous: 0, churned: 0, contraction: 0, expansion: 0, returned: 0, new: 0, current: 0 };
  const clients: Record<BridgeKey, number> = { previous: 0, churned: 0, contraction: 0, expansion: 0, returned: 0, new: 0, current: 0 };
  for (let i = 0; i < status.length; i++) {
    const s = status[i];
    if (s === null) continue;
    const p = revenuePrevious[i];
    const c = revenueCurrent[i];
    amount.previous += p;
    amount.current += c;
    if (s === 'retained' || s === 'churned') clients.previous++;
    if (s === 'retained' || s === 'new' || s === 'returned') clients.current++;
    const d = c - p;
    const step: BridgeKey = s === 'churned' || s === 'new' || s === 'returned' ? s : d < 0 ? 'contraction' : d > 0 ? 'expansion' : 'previous';
    if (step === 'previous') continue; // unchanged: no step
    amount[step] += d;
    clients[step]++;
  }
  return BRIDGE_KEYS.map((key) => ({ key, amount: amount[key], clients: clients[key] }));
}
