/**
 * Browser test harness: serves dist/ on a free loopback port with Node's http module and opens it in
 * Debian's Chromium (/usr/bin/chromium) through playwright-core, which never downloads a browser.
 *
 * Every request that leaves the loopback server is aborted, so a page can reach nothing else; a test
 * that wants to answer such a request (for example office-js/office.js with a stub) adds its own
 * `page.route` before navigating (routes added later take precedence).
 *
 * @example
 * const h = await openHarness();
 * await h.page.route('**\/office-js/**', (route) => route.fulfill({ contentType: 'text/javascript', body: STUB }));
 * await h.page.goto(`${h.baseUrl}/taskpane.html`);
 * await h.close();
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST_DIR = path.resolve(__dirname, '..', '..', 'dist');
export const OUTPUT_DIR = path.resolve(__dirname, '..', 'output');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface Harness {
  page: Page;
  context: BrowserContext;
  /** http://127.0.0.1:PORT, serving dist/ (no trailing slash). */
  baseUrl: string;
  /** Messages the page wrote with console.error and uncaught page errors, in order. */
  errors: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Directory to serve; dist/ by default. */
  root?: string;
  viewport?: { width: number; height: number };
  /** BCP 47 locale of the browser (navigator.language); en-US by default. */
  locale?: string;
}

/** A static file server over `root` on 127.0.0.1 and a free port. */
function serve(root: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.join(root, path.normalize(urlPath === '/' ? '/taskpane.html' : urlPath));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Starts the server and Chromium with a fresh profile; `close()` stops both and removes the profile. */
export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  const root = path.resolve(options.root ?? DIST_DIR);
  if (!fs.existsSync(path.join(root, 'taskpane.html'))) {
    throw new Error(`${root}/taskpane.html is missing: run \`npm run build\` first`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (see .ci/run)`);
  }
  const server = await serve(root);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'key-clients-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 420, height: 800 },
      locale: options.locale ?? 'en-US',
      serviceWorkers: 'block',
    });
  } catch (error) {
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const openContext = context;
  // Nothing leaves the machine: only the loopback server answers (tests may route more themselves).
  await openContext.route(
    (url) => !url.href.startsWith(`${baseUrl}/`) && !url.protocol.startsWith('data') && !url.protocol.startsWith('blob'),
    (route) => route.abort('blockedbyclient'),
  );
  const page = openContext.pages()[0] ?? (await openContext.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));

  return {
    page,
    context: openContext,
    baseUrl,
    errors,
    async close() {
      await openContext.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Path for a screenshot or other artefact in test/output/ (gitignored), creating the folder. */
export function outputPath(file: string): string {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return path.join(OUTPUT_DIR, file);
}
