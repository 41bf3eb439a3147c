/**
 * A minimal stand-in for office.js in the browser tests: `Office.onReady` resolves at once with Excel,
 * `Office.context.displayLanguage` is configurable, `Office.addin.onVisibilityModeChanged` keeps its
 * handler in `window.__keyClientsVisibilityHandler`, and `CustomFunctions.associate` records each
 * function in `window.__keyClientsAssociated` so a test can call it. No Excel API: the task-pane
 * tests add an in-memory `Excel.run` on top of this.
 */

export interface OfficeStubOptions {
  /** Office.context.displayLanguage; en-US by default. */
  displayLanguage?: string;
}

/** Browser-side source of the stub; idempotent, so it may run as an init script and again as office.js. */
export function officeStubScript(options: OfficeStubOptions = {}): string {
  const displayLanguage = JSON.stringify(options.displayLanguage ?? 'en-US');
  return `(() => {
  if (window.Office && window.Office.__keyClientsStub) return;
  const info = { host: 'Excel', platform: 'PC' };
  window.Office = {
    __keyClientsStub: true,
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    context: {
      displayLanguage: ${displayLanguage},
      contentLanguage: ${displayLanguage},
      requirements: { isSetSupported: () => true },
    },
    // SharedRuntime 1.1: the handler of visibility changes, kept where a test can call it
    addin: {
      onVisibilityModeChanged(handler) {
        window.__keyClientsVisibilityHandler = handler;
        return Promise.resolve(() => { window.__keyClientsVisibilityHandler = undefined; return Promise.resolve(); });
      },
    },
    onReady(callback) {
      if (typeof callback === 'function') Promise.resolve().then(() => callback(info));
      return Promise.resolve(info);
    },
  };
  window.__keyClientsAssociated = {};
  class CustomFunctionsError extends Error {
    constructor(code, message) { super(message || code); this.code = code; }
  }
  window.CustomFunctions = {
    associate(id, fn) {
      if (typeof id === 'object') Object.assign(window.__keyClientsAssociated, id);
      else window.__keyClientsAssociated[id] = fn;
    },
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
  };
})();`;
}
