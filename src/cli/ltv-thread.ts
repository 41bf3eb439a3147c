import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import type { Day, LtvAhead, LtvSource, SalesData } from '../core';

/**
 * The LTV's summary and fits made in a worker thread while the main thread runs the rest of the
 * segmentation (docs/notes-infra.md, "The LTV in a worker thread"): on two cores the fits (about a
 * third of the segmentation of a large file) then cost no wall time. The core stays synchronous and
 * knows nothing of threads: it asks an {@link LtvSource} at its LTV step, and this one waits there
 * (Atomics.wait) for the worker's answer and takes it with receiveMessageOnPort. The numbers are
 * the same either way: the worker runs the core's own `ltvAhead` on the same rows.
 */

/** Rows from which the fits go to a worker thread (below, starting a thread costs more than it saves). */
export const LTV_THREAD_ROWS = 200_000;
/** The longest the LTV step waits for the worker before it makes the fits itself. */
const WAIT_LIMIT_MS = 10 * 60_000;

/** What the worker is given (structured-cloned: the typed arrays are copied). */
export interface LtvThreadInput {
  rows: Pick<SalesData, 'client' | 'amount' | 'day' | 'order'> & { mapping: { order?: number } };
  asOf: Day;
  clients: number;
  port: MessagePort;
  flag: Int32Array;
}

/** What the worker answers: the summary and fits, or why it could not. */
export interface LtvThreadAnswer {
  ahead?: LtvAhead;
  error?: string;
}

/**
 * Starts the LTV's summary and fits for `asOf` in a worker thread, when the rows are many, the machine
 * has a second core and the worker's script is built (dist-cli; not when the sources run under jest).
 * @param rowsAtLeast the row count from which a thread is used ($KEY_CLIENTS_LTV_THREAD_ROWS overrides).
 * @returns the source to hand to segmentSales (context.ltv), or null: the LTV step then fits itself.
 */
export function ltvInThread(sales: SalesData, asOf: Day | null, rowsAtLeast = threadRows()): LtvSource | null {
  if (asOf === null || sales.client.length < rowsAtLeast || os.cpus().length < 2) return null;
  const script = path.join(__dirname, 'ltv-thread-worker.js');
  if (!fs.existsSync(script)) return null;
  const clients = sales.clientNames.length;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const rows = { client: sales.client, amount: sales.amount, day: sales.day, order: sales.order, mapping: { order: sales.mapping.order } };
    const input: LtvThreadInput = { rows, asOf, clients, port: port2, flag };
    worker = new Worker(script, { workerData: input, transferList: [port2] });
  } catch {
    port1.close();
    return null;
  }
  // the main thread may end before the LTV step asks (an error in an earlier step): no waiting for it
  worker.unref();
  worker.on('error', () => undefined); // reported as no answer: the LTV step fits itself
  return (runAsOf, runClients) => {
    try {
      if (runAsOf !== asOf || runClients !== clients) return null;
      const deadline = Date.now() + WAIT_LIMIT_MS;
      while (Atomics.load(flag, 0) === 0) {
        if (Date.now() > deadline) return null;
        Atomics.wait(flag, 0, 0, 1000);
      }
      const answer = receiveMessageOnPort(port1)?.message as LtvThreadAnswer | undefined;
      return answer?.ahead ?? null;
    } finally {
      port1.close();
      void worker.terminate();
    }
  };
}

function threadRows(): number {
  const set = Number(process.env.KEY_CLIENTS_LTV_THREAD_ROWS);
  return process.env.KEY_CLIENTS_LTV_THREAD_ROWS !== undefined && Number.isFinite(set) ? set : LTV_THREAD_ROWS;
}
