/**
 * The deployment scripts: scripts/deploy-config.js (ADDIN_URL, OFFICE_JS, the manifest version and
 * rewriting), `npm run package` (scripts/package.js) and `npm run serve` (scripts/serve.js).
 * The package and serve tests use dist/ from `npm run build` and a hand-made production folder; the
 * zip is read back with Python's zipfile and the server is called over real TLS with a certificate
 * made here by openssl, so neither check relies on the code under test to read its own output.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

interface DeployOptions {
  baseUrl: string;
  origin: string;
  production: boolean;
  officeJs: 'cdn' | 'local';
  officeJsSrc: string;
}
const config = require('../scripts/deploy-config.js') as {
  DEV_URL: string;
  CDN_OFFICE_JS: string;
  deployOptions(env: Record<string, string | undefined>): DeployOptions;
  manifestVersion(version: string): string;
  deployedManifest(xml: string, options: { baseUrl: string; version: string }): string;
  cacheControlFor(relativePath: string): string;
};

describe('deployOptions(env) (scripts/deploy-config.js)', () => {
  it('gives the development/test build on https://localhost:3000 with the local office.js when ADDIN_URL is unset', () => {
    expect(config.deployOptions({})).toEqual({
      baseUrl: 'https://localhost:3000',
      origin: 'https://localhost:3000',
      production: false,
      officeJs: 'local',
      officeJsSrc: 'office-js/office.js',
    });
  });

  it("gives a production build with Microsoft's CDN office.js when ADDIN_URL is set", () => {
    expect(config.deployOptions({ ADDIN_URL: 'https://addins.example.com/tools/key-clients' })).toEqual({
      baseUrl: 'https://addins.example.com/tools/key-clients',
      origin: 'https://addins.example.com',
      production: true,
      officeJs: 'cdn',
      officeJsSrc: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    });
  });

  it('drops trailing slashes and keeps a port', () => {
    expect(config.deployOptions({ ADDIN_URL: 'https://intranet.local:8443/kc//' }).baseUrl).toBe('https://intranet.local:8443/kc');
    expect(config.deployOptions({ ADDIN_URL: 'https://addins.example.com/' }).baseUrl).toBe('https://addins.example.com');
  });

  it('keeps the bundled office.js for a production build with OFFICE_JS=local', () => {
    const d = config.deployOptions({ ADDIN_URL: 'https://intranet.local/kc', OFFICE_JS: 'local' });
    expect([d.production, d.officeJs, d.officeJsSrc]).toEqual([true, 'local', 'office-js/office.js']);
  });

  it('refuses an http ADDIN_URL with a message naming https and an example', () => {
    expect(() => config.deployOptions({ ADDIN_URL: 'http://addins.example.com/kc' })).toThrow(/ADDIN_URL must start with https:\/\/.*got "http:\/\/addins\.example\.com\/kc"/);
  });

  it('refuses an ADDIN_URL that is not an absolute URL', () => {
    expect(() => config.deployOptions({ ADDIN_URL: 'addins.example.com/kc' })).toThrow(/absolute https address/);
  });

  it('refuses an ADDIN_URL with a query, a fragment or credentials', () => {
    for (const url of ['https://a.example.com/kc?x=1', 'https://a.example.com/kc#top', 'https://user:pw@a.example.com/kc']) {
      expect(() => config.deployOptions({ ADDIN_URL: url })).toThrow(/plain folder address/);
    }
  });

  it('refuses an OFFICE_JS other than cdn or local', () => {
    expect(() => config.deployOptions({ OFFICE_JS: 'unpkg' })).toThrow(/OFFICE_JS must be "cdn".*or "local".*got "unpkg"/);
  });
});

describe('manifestVersion(version)', () => {
  it('adds a fourth part 0 to x.y.z', () => {
    expect(config.manifestVersion('1.20.3')).toBe('1.20.3.0');
  });

  it('refuses a pre-release suffix and parts over 5 digits, which a manifest Version cannot hold', () => {
    expect(() => config.manifestVersion('1.0.0-beta.1')).toThrow(/x\.y\.z/);
    expect(() => config.manifestVersion('1.0.123456')).toThrow(/at most 5 digits/);
  });
});

describe('deployedManifest(xml, { baseUrl, version })', () => {
  const xml = [
    '<OfficeApp><Version>0.0.1.0</Version>',
    '<!-- https://localhost:3000/ comment -->',
    '<AppDomains><AppDomain>https://localhost:3000</AppDomain></AppDomains>',
    '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
    '<bt:Url id="U" DefaultValue="https://localhost:3000/functions.json"><bt:Override Locale="ru-RU" Value="https://localhost:3000/functions-ru.json"/></bt:Url>',
    '</OfficeApp>',
  ].join('\n');

  it('moves every URL under the base, sets the app domain to its origin and sets the version', () => {
    const out = config.deployedManifest(xml, { baseUrl: 'https://addins.example.com/kc', version: '2.3.4.0' });
    expect(out).toBe(
      [
        '<OfficeApp><Version>2.3.4.0</Version>',
        '<!-- https://addins.example.com/kc/ comment -->',
        '<AppDomains><AppDomain>https://addins.example.com</AppDomain></AppDomains>',
        '<SourceLocation DefaultValue="https://addins.example.com/kc/taskpane.html"/>',
        '<bt:Url id="U" DefaultValue="https://addins.example.com/kc/functions.json"><bt:Override Locale="ru-RU" Value="https://addins.example.com/kc/functions-ru.json"/></bt:Url>',
        '</OfficeApp>',
      ].join('\n'),
    );
  });

  it('escapes an ampersand of the base URL for XML', () => {
    const out = config.deployedManifest(xml, { baseUrl: 'https://a.example.com/r&d', version: '1.0.0.0' });
    expect(out).toContain('DefaultValue="https://a.example.com/r&amp;d/taskpane.html"');
  });

  it('refuses a development URL it cannot rewrite', () => {
    const odd = xml.replace('https://localhost:3000/taskpane.html', 'https://localhost:3000?page=taskpane');
    expect(() => config.deployedManifest(odd, { baseUrl: 'https://a.example.com', version: '1.0.0.0' })).toThrow(/localhost:3000/);
  });
});

describe('cacheControlFor(file)', () => {
  it('lets hosts keep the content-hashed static/ files for a year and revalidate every fixed name', () => {
    expect(config.cacheControlFor('static/taskpane.0123456789abcdef0123.js')).toBe('public, max-age=31536000, immutable');
    for (const file of ['taskpane.html', 'functions.js', 'functions.json', 'manifest.xml', 'assets/icon-32.png', 'office-js/office.js']) {
      expect({ file, cache: config.cacheControlFor(file) }).toEqual({ file, cache: 'no-cache' });
    }
  });
});

/** A copy of dist/ whose manifest points at a production host, as `ADDIN_URL=... npm run build` writes it. */
function fakeProductionDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-dist-'));
  fs.cpSync(DIST, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}office-js`) });
  const xml = fs.readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'manifest.xml'), config.deployedManifest(xml, { baseUrl: 'https://addins.example.com/kc', version: '0.1.0.0' }));
  return dir;
}

function runPackage(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run package', () => {
  let dist: string;
  let out: string;

  beforeAll(() => {
    dist = fakeProductionDist();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-package-'));
  });

  afterAll(() => {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes a zip of every file of the build at its root, and the manifest beside it', () => {
    const r = runPackage(['--dist', dist, '--out', out]);
    expect(r.status).toBe(0);
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const zipFile = path.join(out, `key-clients-${version}.zip`);
    const listing = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(n for n in z.namelist() if not n.endswith("/")))', zipFile], { encoding: 'utf8' });
    const inZip = listing.trim().split('\n').sort();
    const built = execFileSync('find', ['.', '-type', 'f'], { cwd: dist, encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^\.\//, '')).sort();
    expect(inZip).toEqual(built);
    expect(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toBe(fs.readFileSync(path.join(dist, 'manifest.xml'), 'utf8'));
    expect(r.stdout).toContain('https://addins.example.com/kc/');
  });

  it('stores each file unchanged', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const zipFile = path.join(out, `key-clients-${version}.zip`);
    const html = execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("taskpane.html"))', zipFile], { encoding: 'utf8' });
    expect(html).toBe(fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8'));
  });

  it('refuses the development build, whose manifest points at localhost, and says how to build', () => {
    const r = runPackage(['--dist', DIST, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a development build');
    expect(r.stderr).toContain('ADDIN_URL=https://');
  });

  it('refuses a build that lacks a file its manifest names', () => {
    const broken = fakeProductionDist();
    fs.rmSync(path.join(broken, 'functions-pl.json'));
    const r = runPackage(['--dist', broken, '--out', out]);
    fs.rmSync(broken, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('functions-pl.json');
  });
});

/** Starts scripts/serve.js with HOME=home on a free port; resolves with the child and its address. */
function startServer(home: string, dir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.js'), '--port', '0', '--dir', dir], {
      cwd: ROOT,
      env: { ...process.env, HOME: home, USERPROFILE: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /on (https:\/\/localhost:\d+)\//.exec(output);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => reject(new Error(`serve.js exited with ${code}: ${output}`)));
  });
}

function get(url: string, ca: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('npm run serve', () => {
  let home: string;
  let ca: Buffer;
  let server: { child: ChildProcess; url: string };

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-home-'));
    const certs = path.join(home, '.office-addin-dev-certs');
    fs.mkdirSync(certs);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
      '-keyout', path.join(certs, 'localhost.key'), '-out', path.join(certs, 'localhost.crt')], { stdio: 'ignore' });
    ca = fs.readFileSync(path.join(certs, 'localhost.crt'));
    server = await startServer(home, DIST);
  });

  afterAll(() => {
    server?.child.kill('SIGTERM');
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('serves the built page over HTTPS with the development certificate, to be revalidated on every use', async () => {
    const r = await get(`${server.url}/taskpane.html`, ca);
    expect(r.status).toBe(200);
    expect(r.body).toBe(fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8'));
    expect([r.headers['content-type'], r.headers['cache-control']]).toEqual(['text/html; charset=utf-8', 'no-cache']);
  });

  it('lets clients keep the content-hashed pane bundle for a year', async () => {
    const bundle = fs.readdirSync(path.join(DIST, 'static')).find((f) => f.endsWith('.js'));
    const r = await get(`${server.url}/static/${bundle}`, ca);
    expect([r.status, r.headers['content-type'], r.headers['cache-control']]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
  });

  it('serves the functions metadata as JSON to other origins (Excel on the web)', async () => {
    const r = await get(`${server.url}/functions-ru.json`, ca);
    expect([r.status, r.headers['content-type'], r.headers['access-control-allow-origin']]).toEqual([200, 'application/json; charset=utf-8', '*']);
  });

  it('answers 304 to a request that has the current ETag', async () => {
    const first = await get(`${server.url}/manifest.xml`, ca);
    const again = await get(`${server.url}/manifest.xml`, ca, { 'If-None-Match': String(first.headers.etag) });
    expect([first.status, again.status, again.body]).toEqual([200, 304, '']);
  });

  it('serves nothing outside the build folder', async () => {
    const r = await get(`${server.url}/..%2fpackage.json`, ca);
    expect(r.status).toBe(404);
  });

  it('stops with exit code 2 and the office-addin-dev-certs command when there is no certificate', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-nocert-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'serve.js'), '--port', '0'], { cwd: ROOT, env: { ...process.env, HOME: empty, USERPROFILE: empty }, encoding: 'utf8' });
    fs.rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('No development certificate');
    expect(r.stderr).toContain('npx office-addin-dev-certs install');
  });
});
