/**
 * The worker thread of src/cli/ltv-thread.ts: the LTV's summary and fits (the core's `ltvAhead`) on
 * the rows it is given, answered on its port, then the flag the main thread waits on is raised.
 * Every failure is an answer too, so the main thread never waits in vain.
 */
import { workerData } from 'worker_threads';
import { ltvAhead } from '../core';
import type { LtvThreadAnswer, LtvThreadInput } from './ltv-thread';

const input = workerData as LtvThreadInput;
let answer: LtvThreadAnswer;
try {
  answer = { ahead: ltvAhead(input.rows, input.asOf, input.clients) };
} catch (e) {
  answer = { error: e instanceof Error ? e.message : String(e) };
}
try {
  input.port.postMessage(answer);
} finally {
  Atomics.store(input.flag, 0, 1);
  Atomics.notify(input.flag, 0);
}
