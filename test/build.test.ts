/**
 * Checks of the webpack output: dist/ (the development/test build, from `npm run build` without
 * ADDIN_URL; `npm test` builds it before jest) and a production build made here with ADDIN_URL.
 *
 * The network rule: the development/test build loads nothing from the network (office.js is the local
 * copy); only the production page may reference Microsoft's CDN, and only
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js, in its head.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { productionBuild, ROOT, TEST_ADDIN_URL } from './production-build';

const DIST = path.join(ROOT, 'dist');
// 150 KB: functions.js carries the engine's methods but not the report texts (the sales reader takes its
// English reasons from the English texts alone: 160,673 -> 90,533 B when it stopped pulling in ru and pl)
const FUNCTIONS_BUDGET_BYTES = 150 * 1024;
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const CDN_NAMES = /appsforoffice\.microsoft\.com|unpkg\.com|jsdelivr|cdnjs|googleapis/;

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

interface FunctionsMetadata {
  functions: { id: string; name: string }[];
}

/** The script and link URLs of a page, in document order. */
function pageUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\s(?:src|href)="?([^"\s>]+)"?/g)].map((m) => m[1]);
}

/** The scripts of the page's <head>, in order. */
function headScripts(html: string): string[] {
  const head = /<head>([\s\S]*)<\/head>/.exec(html);
  if (!head) throw new Error('the page has no <head>');
  return [...head[1].matchAll(/<script\b[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
}

/** Files of `dir` (relative, "/"), outside office-js/: the files this project writes. */
function ownFiles(dir: string): string[] {
  const walk = (prefix: string): string[] =>
    fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
      const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
      if (e.isDirectory()) return rel === 'office-js' ? [] : walk(rel);
      return [rel];
    });
  return walk('').sort();
}

function sha256Prefix(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 20);
}

/** The one static/taskpane.<hash>.js of a build. */
function paneBundle(dir: string): string {
  const found = fs.readdirSync(path.join(dir, 'static')).filter((f) => f.endsWith('.js'));
  if (found.length !== 1) throw new Error(`expected one pane bundle in ${dir}/static, found ${found.join(', ')}`);
  return `static/${found[0]}`;
}

describe('npm run build (development/test build in dist/)', () => {
  it('generates functions.json with at least one function', () => {
    const metadata = JSON.parse(read(DIST, 'functions.json')) as FunctionsMetadata;
    expect(metadata.functions.length).toBeGreaterThan(0);
  });

  it('associates every function of functions.json in functions.js', () => {
    const metadata = JSON.parse(read(DIST, 'functions.json')) as FunctionsMetadata;
    const bundle = read(DIST, 'functions.js');
    for (const { id } of metadata.functions) {
      expect({ id, associated: bundle.includes(`CustomFunctions.associate("${id}",`) }).toEqual({ id, associated: true });
    }
  });

  it(`keeps functions.js under ${FUNCTIONS_BUDGET_BYTES / 1024} KB and free of React and Fluent`, () => {
    const bundle = read(DIST, 'functions.js');
    expect(Buffer.byteLength(bundle)).toBeLessThan(FUNCTIONS_BUDGET_BYTES);
    expect(bundle).not.toMatch(/react\.production|__SECRET_INTERNALS|fluentui|makeStyles/);
  });

  it('writes one shared-runtime page loading local office.js, then functions.js, then the pane bundle', () => {
    const html = read(DIST, 'taskpane.html');
    expect(headScripts(html)).toEqual(['office-js/office.js', `functions.js?v=${sha256Prefix(path.join(DIST, 'functions.js'))}`, paneBundle(DIST)]);
  });

  it('names the pane bundle by a 20-digit content hash under static/, and no other file', () => {
    expect(paneBundle(DIST)).toMatch(/^static\/taskpane\.[0-9a-f]{20}\.js$/);
    const others = ownFiles(DIST).filter((f) => !f.startsWith('static/'));
    expect(others.filter((f) => /[.-][0-9a-f]{8,}\./.test(f))).toEqual([]);
    expect(others).toEqual(expect.arrayContaining(['taskpane.html', 'functions.js', 'functions.json', 'manifest.xml']));
  });

  it('serves office.js and the Excel host files from dist/office-js', () => {
    for (const file of ['office.js', 'custom-functions-runtime.js', 'excel-web-16.00.js', 'en-us/office_strings.js']) {
      expect({ file, exists: fs.existsSync(path.join(DIST, 'office-js', file)) }).toEqual({ file, exists: true });
    }
  });

  it('loads nothing from the network: the page names only relative URLs', () => {
    const urls = pageUrls(read(DIST, 'taskpane.html'));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => /^[a-z]+:|^\/\//i.test(u))).toEqual([]);
  });

  it('names no CDN in any page, bundle, metadata or manifest it writes', () => {
    for (const file of ownFiles(DIST).filter((f) => /\.(html|js|json|xml)$/.test(f))) {
      expect({ file, cdn: CDN_NAMES.test(read(DIST, file)) }).toEqual({ file, cdn: false });
    }
  });
});

describe(`ADDIN_URL=${TEST_ADDIN_URL} npm run build (production)`, () => {
  let prod: string;

  beforeAll(async () => {
    prod = await productionBuild('build-production', { ADDIN_URL: TEST_ADDIN_URL });
  });

  it("references Microsoft's CDN office.js first in the page's head, then functions.js and the pane", () => {
    expect(headScripts(read(prod, 'taskpane.html'))).toEqual([CDN_OFFICE_JS, `functions.js?v=${sha256Prefix(path.join(prod, 'functions.js'))}`, paneBundle(prod)]);
  });

  it('names no URL outside its own folder but the CDN office.js', () => {
    const external = pageUrls(read(prod, 'taskpane.html')).filter((u) => /^[a-z]+:|^\/\//i.test(u));
    expect(external).toEqual([CDN_OFFICE_JS]);
  });

  it('names the CDN in the page only, not in the bundles, metadata or manifest', () => {
    const naming = ownFiles(prod).filter((f) => /\.(html|js|json|xml)$/.test(f) && CDN_NAMES.test(read(prod, f)));
    expect(naming).toEqual(['taskpane.html']);
  });

  it('leaves out the local office.js copy', () => {
    expect(fs.existsSync(path.join(prod, 'office-js'))).toBe(false);
  });

  it('builds the same bundles as the development/test build, under the same content-hashed name', () => {
    expect(paneBundle(prod)).toBe(paneBundle(DIST));
    expect(read(prod, paneBundle(prod))).toBe(read(DIST, paneBundle(DIST)));
    expect(read(prod, 'functions.js')).toBe(read(DIST, 'functions.js'));
  });
});
