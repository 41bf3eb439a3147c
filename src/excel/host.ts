/**
 * The one door to the workbook. Real Excel and the in-memory workbook (test/excel/fake) both
 * implement it, so every function of src/excel runs on either.
 */

/** Document settings (stored inside the workbook file, shared with whoever opens it). */
export interface DocumentSettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** Persists the settings into the document. */
  save(): Promise<void>;
}

export interface ExcelHost {
  /** Runs a batch of Excel API calls (Excel.run). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  settings: DocumentSettingsStore;
  /** Office's display language tag, e.g. "ru-RU". */
  displayLanguage(): string;
  isSetSupported(name: string, version: string): boolean;
}

/** The host of real Excel: Excel.run and Office.context. Call after Office.onReady. */
export function officeHost(): ExcelHost {
  // Office.context.document is missing when the page is opened outside a document (a browser
  // preview, a host without document settings): then nothing is stored, and saving says why.
  const store = (): Office.Settings | null => Office.context.document?.settings ?? null;
  const doc = (): Office.Settings => {
    const s = store();
    if (!s) throw new Error('this host has no document settings: open the add-in inside an Excel workbook');
    return s;
  };
  return {
    run: (batch) => Excel.run(batch),
    settings: {
      get: (key) => store()?.get(key) ?? null,
      set: (key, value) => doc().set(key, value),
      remove: (key) => store()?.remove(key),
      save: () =>
        new Promise<void>((resolve, reject) => {
          const s = store();
          if (!s) {
            reject(new Error('this host has no document settings: open the add-in inside an Excel workbook'));
            return;
          }
          s.saveAsync((res) => {
            if (res.status === Office.AsyncResultStatus.Succeeded) resolve();
            else reject(new Error(res.error?.message ?? 'the settings could not be saved in the workbook'));
          });
        }),
    },
    displayLanguage: () => Office.context.displayLanguage ?? 'en-US',
    isSetSupported: (name, version) => Boolean(Office.context.requirements?.isSetSupported(name, version)),
  };
}
