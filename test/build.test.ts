/**
 * Checks of the webpack output in dist/ (`npm test` runs `npm run build` before jest).
 */
import * as fs from 'fs';
import * as path from 'path';

const DIST = path.resolve(__dirname, '..', 'dist');
const FUNCTIONS_BUDGET_BYTES = 150 * 1024;

function read(file: string): string {
  return fs.readFileSync(path.join(DIST, file), 'utf8');
}

interface FunctionsMetadata {
  functions: { id: string; name: string }[];
}

describe('npm run build', () => {
  it('generates functions.json with at least one function', () => {
    const metadata = JSON.parse(read('functions.json')) as FunctionsMetadata;
    expect(metadata.functions.length).toBeGreaterThan(0);
  });

  it('associates every function of functions.json in functions.js', () => {
    const metadata = JSON.parse(read('functions.json')) as FunctionsMetadata;
    const bundle = read('functions.js');
    for (const { id } of metadata.functions) {
      expect({ id, associated: bundle.includes(`CustomFunctions.associate("${id}",`) }).toEqual({ id, associated: true });
    }
  });

  it(`keeps functions.js under ${FUNCTIONS_BUDGET_BYTES / 1024} KB and free of React and Fluent`, () => {
    const bundle = read('functions.js');
    expect(Buffer.byteLength(bundle)).toBeLessThan(FUNCTIONS_BUDGET_BYTES);
    expect(bundle).not.toMatch(/react\.production|__SECRET_INTERNALS|fluentui|makeStyles/);
  });

  it('writes one shared-runtime page loading local office.js, then functions.js, then taskpane.js', () => {
    const html = read('taskpane.html');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
    expect(scripts).toEqual(['office-js/office.js', 'functions.js', 'taskpane.js']);
  });

  it('serves office.js and the Excel host files from dist/office-js', () => {
    for (const file of ['office.js', 'custom-functions-runtime.js', 'excel-web-16.00.js', 'en-us/office_strings.js']) {
      expect({ file, exists: fs.existsSync(path.join(DIST, 'office-js', file)) }).toEqual({ file, exists: true });
    }
  });

  it('names no CDN in the pages and bundles it writes', () => {
    for (const file of ['taskpane.html', 'taskpane.js', 'functions.js']) {
      expect({ file, cdn: /appsforoffice\.microsoft\.com|unpkg\.com|jsdelivr/.test(read(file)) }).toEqual({ file, cdn: false });
    }
  });
});
