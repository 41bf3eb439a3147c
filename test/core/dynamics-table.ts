/**
 * The sales table of the KPIs-over-time tests (issue 10), one table for all of them so that their
 * hand calculations speak of the same rows: test/core/dynamics.test.ts (each client's rows, windows
 * and status, worked out by hand), segment-dynamics.test.ts, report-dynamics.test.ts,
 * test/excel/dynamics.test.ts and test/browser/kpis.test.ts. With the analysis date 2024-12-31 and
 * 6-month windows: previous P = 2024-01-01..2024-06-30, current C = 2024-07-01..2024-12-31.
 */
import { deepFreeze } from './helpers';

export const DYNAMICS_TABLE: (string | number)[][] = deepFreeze([
  ['Order', 'Date', 'Client', 'Amount'],
  ['O1', '2024-02-10', 'Ret', 1000],
  ['O2', '2024-08-05', 'Ret', 1500],
  ['O3', '2024-03-01', 'Churn', 600],
  ['O4', '2024-04-01', 'Ret2', 200],
  ['O5', '2024-05-01', 'Ret2', 100],
  ['O6', '2024-11-11', 'Ret2', 250],
  ['O7', '2024-06-30', 'Small', 100],
  ['O8', '2024-07-01', 'Small', 50],
  ['O9', '2024-09-15', 'Newc', 300],
  ['O10', '2023-12-31', 'Back', 400],
  ['O11', '2024-10-01', 'Back', 200],
  ['O12', '2023-03-01', 'Sleep', 100],
  ['O13', '2024-08-01', 'Refund', -50],
]);
