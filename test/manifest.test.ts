/**
 * Offline checks of the manifest an administrator gets, for the two builds: dist/ (the
 * development/test build on https://localhost:3000, from `npm run build`) and a production build made
 * here with ADDIN_URL and OFFICE_JS=local (the intranet variant; the CDN variant's manifest is the same).
 *
 * `office-addin-manifest validate` is not run: it posts the manifest to Microsoft's online validation
 * service (validationgateway.omex.office.net), which cannot be reached here (docs/notes-infra.md), and
 * office-addin-manifest 3.x has no offline schema check for XML manifests. These tests check instead:
 * well-formed XML, every URL https under one origin and folder, each a file of the build, resource ids
 * defined and used, the same locales for every localised string, icon files at the sizes the manifest
 * names, the version of package.json, and the shared-runtime wiring.
 */
import { EXCEL_API } from '../src/excel/requirements';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseStringPromise } from 'xml2js';
import { productionBuild, ROOT, TEST_ADDIN_URL } from './production-build';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALES = ['pl-PL', 'ru-RU'];

/** One element of the parsed manifest, with its attributes, text and children in a uniform shape. */
interface Element {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Element[];
}

type Xml2jsNode = { $?: Record<string, string>; _?: string; [child: string]: unknown };

function toElement(name: string, node: unknown): Element {
  if (typeof node === 'string') {
    return { name, attrs: {}, text: node, children: [] };
  }
  const { $: attrs = {}, _: text = '', ...rest } = node as Xml2jsNode;
  const children = Object.entries(rest).flatMap(([childName, list]) =>
    (list as unknown[]).map((child) => toElement(childName, child)),
  );
  return { name, attrs, text: text.trim(), children };
}

function* descendants(element: Element): Generator<Element> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

function all(root: Element, name: string): Element[] {
  return [...descendants(root)].filter((e) => e.name === name);
}

function one(root: Element, name: string): Element {
  const found = all(root, name);
  if (found.length !== 1) {
    throw new Error(`expected one <${name}>, found ${found.length}`);
  }
  return found[0];
}

/** The only direct child of `parent` named `name`. */
function child(parent: Element, name: string): Element {
  const found = parent.children.filter((e) => e.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one <${name}> in <${parent.name}>, found ${found.length}`);
  }
  return found[0];
}

/** Width and height of a PNG file, from its IHDR chunk (bytes 16-23, big-endian). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('latin1', 1, 4) !== 'PNG' || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The parsed manifest and its resources (id -> bt:Image, bt:Url or bt:String). */
async function loadManifest(file: string): Promise<{ root: Element; resources: Map<string, Element> }> {
  const parsed = (await parseStringPromise(fs.readFileSync(file, 'utf8'), { strict: true })) as Record<string, unknown>;
  const root = toElement('OfficeApp', parsed.OfficeApp);
  const resources = new Map<string, Element>();
  for (const element of descendants(one(root, 'Resources'))) {
    if (element.attrs.id !== undefined) {
      if (resources.has(element.attrs.id)) throw new Error(`resource id ${element.attrs.id} is defined twice`);
      resources.set(element.attrs.id, element);
    }
  }
  return { root, resources };
}

/** Every URL the manifest names: DefaultValue / Value attributes and AppDomain texts. */
function urls(root: Element): string[] {
  const values = [...descendants(root)].flatMap((e) => [e.attrs.DefaultValue, e.attrs.Value, e.name === 'AppDomain' ? e.text : undefined]);
  return values.filter((v): v is string => v !== undefined && /^[a-z]+:\/\//i.test(v));
}

/** The locales of the Override children of an element (Override or bt:Override), sorted. */
function overrideLocales(element: Element): string[] {
  return element.children.filter((c) => c.name === 'Override' || c.name === 'bt:Override').map((c) => c.attrs.Locale).sort();
}

/** package.json's x.y.z as a four-part manifest version, computed here (not by the build's code). */
function expectedVersion(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return `${version}.0`;
}

interface Build {
  label: string;
  /** The folder whose manifest.xml is checked and whose files its URLs must name. */
  dir: () => string;
  /** The ADDIN_URL of the build (no trailing slash). */
  base: string;
}

const builds: Build[] = [
  { label: 'dist/manifest.xml (npm run build, development/test)', dir: () => path.join(ROOT, 'dist'), base: 'https://localhost:3000' },
  {
    label: `the production manifest (ADDIN_URL=${TEST_ADDIN_URL}/ OFFICE_JS=local npm run build)`,
    dir: () => productionDir,
    base: TEST_ADDIN_URL,
  },
];

let productionDir: string;

beforeAll(async () => {
  // A trailing slash, as people often type it: the build must not produce "key-clients//taskpane.html".
  productionDir = await productionBuild('manifest-production', { ADDIN_URL: `${TEST_ADDIN_URL}/`, OFFICE_JS: 'local' });
});

describe.each(builds)('$label', ({ dir, base }) => {
  let root: Element;
  let resources: Map<string, Element>;
  let manifestFile: string;

  beforeAll(async () => {
    manifestFile = path.join(dir(), 'manifest.xml');
    ({ root, resources } = await loadManifest(manifestFile));
  });

  it('is well-formed XML with an OfficeApp TaskPaneApp root for Excel workbooks', () => {
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(child(root, 'Hosts'), 'Host').attrs.Name).toBe('Workbook');
  });

  it('has a GUID as its Id', () => {
    expect(child(root, 'Id').text).toMatch(GUID);
  });

  it("carries package.json's version as x.y.z.0", () => {
    expect(child(root, 'Version').text).toBe(expectedVersion());
  });

  // office-addin-manifest has no offline schema check (`validate` posts to an online service), but its
  // `info` command parses the manifest as Office tooling does. It runs in a child process because its
  // main module loads ESM-only dependencies that jest's CommonJS runtime cannot.
  it('is read by office-addin-manifest info with the same id, name, host and source location', () => {
    const cli = require.resolve('office-addin-manifest/cli.js');
    const info = execFileSync(process.execPath, [cli, 'info', manifestFile], { encoding: 'utf8' });
    expect(info).toContain(`Id: ${child(root, 'Id').text}`);
    expect(info).toContain('Name: Key Clients');
    expect(info).toContain('Hosts: Workbook');
    expect(info).toContain(`Source Location: ${base}/taskpane.html`);
  });

  it('defines every resid it references in Resources, in at most 32 characters', () => {
    const referenced = [...descendants(root)].map((e) => e.attrs.resid).filter((r): r is string => r !== undefined);
    expect(referenced.length).toBeGreaterThan(0);
    for (const resid of referenced) {
      expect({ resid, defined: resources.has(resid), short: resid.length <= 32 }).toEqual({ resid, defined: true, short: true });
    }
  });

  it('uses every resource it defines', () => {
    const referenced = new Set([...descendants(root)].map((e) => e.attrs.resid));
    expect([...resources.keys()].filter((id) => !referenced.has(id))).toEqual([]);
  });

  it(`names only https URLs under ${base}/, and its origin as the app domain`, () => {
    const found = urls(root);
    expect(found.length).toBeGreaterThan(10);
    const origin = new URL(base).origin;
    for (const url of found) {
      const u = new URL(url);
      expect({ url, https: u.protocol === 'https:', origin: u.origin }).toEqual({ url, https: true, origin });
    }
    expect(all(root, 'AppDomain').map((e) => e.text)).toEqual([origin]);
    const files = found.filter((u) => !all(root, 'AppDomain').some((d) => d.text === u));
    expect(files.filter((u) => !u.startsWith(`${base}/`) || u.slice(base.length + 1).startsWith('/'))).toEqual([]);
  });

  it('names, with every URL, a file the build put in the folder', () => {
    const files = urls(root).filter((u) => u.startsWith(`${base}/`));
    for (const url of files) {
      const file = path.join(dir(), ...decodeURIComponent(url.slice(base.length + 1)).split('/'));
      expect({ url, built: fs.existsSync(file) && fs.statSync(file).isFile() }).toEqual({ url, built: true });
    }
  });

  it('points every icon at a PNG of the size it names (IconUrl 32, HighResolutionIconUrl 64, each bt:Image its size)', () => {
    const fileOf = (url: string) => path.join(dir(), ...url.slice(base.length + 1).split('/'));
    const expected: [string, number][] = [
      [child(root, 'IconUrl').attrs.DefaultValue, 32],
      [child(root, 'HighResolutionIconUrl').attrs.DefaultValue, 64],
    ];
    for (const image of all(root, 'bt:Image').filter((e) => e.attrs.size !== undefined)) {
      const resource = resources.get(image.attrs.resid);
      if (resource === undefined) throw new Error(`no resource ${image.attrs.resid}`);
      expect(image.attrs.resid).toBe(`Icon.${image.attrs.size}x${image.attrs.size}`);
      expected.push([resource.attrs.DefaultValue, Number(image.attrs.size)]);
    }
    expect(expected.length).toBeGreaterThan(5);
    for (const [url, size] of expected) {
      expect({ url, ...pngSize(fileOf(url)) }).toEqual({ url, width: size, height: size });
    }
  });

  it('declares the custom functions in namespace KC with script, page and metadata at the built files', () => {
    const point = all(root, 'ExtensionPoint').find((e) => e.attrs['xsi:type'] === 'CustomFunctions');
    if (point === undefined) throw new Error('no CustomFunctions extension point');
    const resid = (name: string): string => one(one(point, name), 'SourceLocation').attrs.resid;
    expect(resources.get(resid('Script'))?.attrs.DefaultValue).toBe(`${base}/functions.js`);
    expect(resources.get(resid('Metadata'))?.attrs.DefaultValue).toBe(`${base}/functions.json`);
    expect(resid('Page')).toBe('Taskpane.Url');
    expect(resources.get(one(point, 'Namespace').attrs.resid)?.attrs.DefaultValue).toBe('KC');
  });

  it('points at metadata (English, Russian, Polish) that lists every function the script registers, and only those', () => {
    const fileOf = (url: string) => path.join(dir(), ...url.slice(base.length + 1).split('/'));
    const script = fs.readFileSync(fileOf(`${base}/functions.js`), 'utf8');
    const registered = [...script.matchAll(/CustomFunctions\.associate\(\s*["']([A-Z_]+)["']/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(expect.arrayContaining(['ABC_CLASS', 'RETENTION', 'CHURN_RATE', 'BGNBD_FIT', 'GG_FIT', 'P_ALIVE', 'CLV']));
    const metadata = resources.get('Functions.Metadata.Url');
    const urls = [metadata?.attrs.DefaultValue, ...(metadata?.children ?? []).map((c) => c.attrs.Value)] as string[];
    for (const url of urls) {
      const ids = (JSON.parse(fs.readFileSync(fileOf(url), 'utf8')) as { functions: { id: string }[] }).functions.map((f) => f.id).sort();
      expect({ url, ids }).toEqual({ url, ids: registered });
    }
  });

  it('gives Russian and Polish Excel their own functions metadata', () => {
    const metadata = resources.get('Functions.Metadata.Url');
    const overrides = Object.fromEntries((metadata?.children ?? []).map((c) => [c.attrs.Locale, c.attrs.Value]));
    expect(overrides).toEqual({ 'ru-RU': `${base}/functions-ru.json`, 'pl-PL': `${base}/functions-pl.json` });
  });

  it('runs the task pane, the ribbon and the functions in one long-lived shared runtime', () => {
    const sets = all(one(root, 'Requirements'), 'Set').map((s) => s.attrs);
    expect(sets).toContainEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
    // the ExcelApi every host with SharedRuntime 1.1 has, the floor the pane's code assumes
    expect(sets).toContainEqual({ Name: 'ExcelApi', MinVersion: EXCEL_API.floor });
    expect(one(root, 'Runtime').attrs).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
    expect(one(root, 'FunctionFile').attrs.resid).toBe('Taskpane.Url');
    expect(resources.get('Taskpane.Url')?.attrs.DefaultValue).toBe(`${base}/taskpane.html`);
    expect(one(child(root, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue).toBe(`${base}/taskpane.html`);
    const action = one(root, 'Action');
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(one(action, 'SourceLocation').attrs.resid).toBe('Taskpane.Url');
    expect(one(action, 'TaskpaneId').text).not.toBe('');
  });

  it('puts a "Segment clients" button in a "Key Clients" group on the Home tab', () => {
    const tab = one(root, 'OfficeTab');
    expect(tab.attrs.id).toBe('TabHome');
    const group = one(tab, 'Group');
    expect(resources.get(child(group, 'Label').attrs.resid)?.attrs.DefaultValue).toBe('Key Clients');
    const button = child(group, 'Control');
    expect(button.attrs['xsi:type']).toBe('Button');
    expect(resources.get(child(button, 'Label').attrs.resid)?.attrs.DefaultValue).toBe('Segment clients');
  });

  it('is in en-US by default and localises its name and description to ru-RU and pl-PL', () => {
    expect(child(root, 'DefaultLocale').text).toBe('en-US');
    for (const name of ['DisplayName', 'Description']) {
      expect({ name, locales: overrideLocales(child(root, name)) }).toEqual({ name, locales: LOCALES });
    }
  });

  it('overrides the same locales wherever it overrides any, and every visible string', () => {
    const localised = [...descendants(root)].filter((e) => overrideLocales(e).length > 0);
    expect(localised.length).toBeGreaterThan(5);
    for (const e of localised) {
      const id = e.attrs.id ?? e.name;
      expect({ id, locales: overrideLocales(e) }).toEqual({ id, locales: LOCALES });
    }
    const strings = [...resources.values()].filter((e) => e.name === 'bt:String' && e.attrs.id !== 'Functions.Namespace');
    expect(strings.filter((s) => overrideLocales(s).length === 0).map((s) => s.attrs.id)).toEqual([]);
  });

  it('writes no override without a value', () => {
    const overrides = [...descendants(root)].filter((e) => e.name === 'Override' || e.name === 'bt:Override');
    expect(overrides.filter((o) => (o.attrs.Value ?? '').trim() === '').map((o) => o.attrs.Locale)).toEqual([]);
  });
});

describe('the production build for an intranet (OFFICE_JS=local)', () => {
  it('loads the bundled office.js from its own folder and ships it', () => {
    const html = fs.readFileSync(path.join(productionDir, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<script src="?office-js\/office\.js"?/);
    expect(html).not.toContain('appsforoffice');
    expect(fs.existsSync(path.join(productionDir, 'office-js', 'office.js'))).toBe(true);
  });
});
