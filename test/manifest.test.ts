/**
 * Offline checks of manifest.xml (the Office validation service needs the network; see docs/notes-infra.md).
 * Needs dist/ from `npm run build` (`npm test` builds before jest): every URL must name a built file.
 */
import { EXCEL_API } from '../src/excel/requirements';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseStringPromise } from 'xml2js';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const DIST = path.join(ROOT, 'dist');
const BASE_URL = 'https://localhost:3000/';
const LOCALES = ['ru-RU', 'pl-PL'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

let root: Element;
/** Resource id -> its element (bt:Image, bt:Url or bt:String) inside <Resources>. */
let resources: Map<string, Element>;

beforeAll(async () => {
  const xml = fs.readFileSync(MANIFEST, 'utf8');
  const parsed = (await parseStringPromise(xml, { strict: true })) as Record<string, unknown>;
  root = toElement('OfficeApp', parsed.OfficeApp);
  resources = new Map();
  for (const element of [...descendants(one(root, 'Resources'))]) {
    if (element.attrs.id !== undefined) {
      if (resources.has(element.attrs.id)) {
        throw new Error(`resource id ${element.attrs.id} is defined twice`);
      }
      resources.set(element.attrs.id, element);
    }
  }
});

/** Every URL the manifest names: DefaultValue / Value attributes and AppDomain texts. */
function urls(): string[] {
  const values = [...descendants(root)].flatMap((e) => [e.attrs.DefaultValue, e.attrs.Value, e.name === 'AppDomain' ? e.text : undefined]);
  return values.filter((v): v is string => v !== undefined && /^[a-z]+:\/\//i.test(v));
}

describe('manifest.xml', () => {
  it('is well-formed XML with an OfficeApp TaskPaneApp root', () => {
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(child(root, 'Hosts'), 'Host').attrs.Name).toBe('Workbook');
  });

  it('has a GUID as its Id', () => {
    expect(child(root, 'Id').text).toMatch(GUID);
  });

  // office-addin-manifest has no offline schema check (`validate` posts to an online service), but its
  // `info` command parses the manifest as Office tooling does. It runs in a child process because its
  // main module loads ESM-only dependencies that jest's CommonJS runtime cannot.
  it('is read by office-addin-manifest info with the same id, name and host', () => {
    const cli = require.resolve('office-addin-manifest/cli.js');
    const info = execFileSync(process.execPath, [cli, 'info', MANIFEST], { encoding: 'utf8' });
    expect(info).toContain(`Id: ${child(root, 'Id').text}`);
    expect(info).toContain('Name: Key Clients');
    expect(info).toContain('Hosts: Workbook');
    expect(info).toContain(`Source Location: ${BASE_URL}taskpane.html`);
  });

  it('defines every resid it references in Resources, in at most 32 characters', () => {
    const referenced = [...descendants(root)].map((e) => e.attrs.resid).filter((r): r is string => r !== undefined);
    expect(referenced.length).toBeGreaterThan(0);
    for (const resid of referenced) {
      expect({ resid, defined: resources.has(resid) }).toEqual({ resid, defined: true });
      expect(resid.length).toBeLessThanOrEqual(32);
    }
  });

  it('uses every resource it defines', () => {
    const referenced = new Set([...descendants(root)].map((e) => e.attrs.resid));
    expect([...resources.keys()].filter((id) => !referenced.has(id))).toEqual([]);
  });

  it('names only https://localhost:3000/ URLs, each a file that npm run build puts in dist/', () => {
    const found = urls();
    expect(found.length).toBeGreaterThan(5);
    for (const url of found) {
      expect(url.startsWith(BASE_URL) || url === BASE_URL.replace(/\/$/, '')).toBe(true);
      if (url.startsWith(BASE_URL)) {
        const file = path.join(DIST, ...url.slice(BASE_URL.length).split('/'));
        expect({ url, built: fs.existsSync(file) }).toEqual({ url, built: true });
      }
    }
  });

  it('points every icon at a file in assets/', () => {
    const icons = urls().filter((u) => u.endsWith('.png'));
    expect(icons.length).toBeGreaterThan(0);
    for (const url of icons) {
      const relative = url.slice(BASE_URL.length);
      expect(relative.startsWith('assets/')).toBe(true);
      expect({ url, exists: fs.existsSync(path.join(ROOT, relative)) }).toEqual({ url, exists: true });
    }
  });

  it('declares the custom functions in namespace KC with script, page and metadata', () => {
    const point = all(root, 'ExtensionPoint').find((e) => e.attrs['xsi:type'] === 'CustomFunctions');
    expect(point).toBeDefined();
    const resid = (name: string): string => one(one(point as Element, name), 'SourceLocation').attrs.resid;
    expect(resources.get(resid('Script'))?.attrs.DefaultValue).toBe(`${BASE_URL}functions.js`);
    expect(resources.get(resid('Metadata'))?.attrs.DefaultValue).toBe(`${BASE_URL}functions.json`);
    expect(resid('Page')).toBe('Taskpane.Url');
    const namespace = resources.get(one(point as Element, 'Namespace').attrs.resid);
    expect(namespace?.attrs.DefaultValue).toBe('KC');
  });

  it('runs the task pane, the ribbon and the functions in one long-lived shared runtime', () => {
    const sets = all(one(root, 'Requirements'), 'Set').map((s) => s.attrs);
    expect(sets).toContainEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
    // the ExcelApi every host with SharedRuntime 1.1 has, the floor the pane's code assumes
    expect(sets).toContainEqual({ Name: 'ExcelApi', MinVersion: EXCEL_API.floor });
    expect(one(root, 'Runtime').attrs).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
    expect(one(root, 'FunctionFile').attrs.resid).toBe('Taskpane.Url');
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
      const overrides = child(root, name).children.filter((c) => c.name === 'Override').map((c) => c.attrs.Locale);
      expect(overrides.sort()).toEqual([...LOCALES].sort());
    }
  });

  it('localises every visible ribbon and Get Started string to ru-RU and pl-PL', () => {
    const strings = [...resources.values()].filter((e) => e.name === 'bt:String' && e.attrs.id !== 'Functions.Namespace');
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      const locales = s.children.filter((c) => c.name === 'bt:Override').map((c) => c.attrs.Locale);
      expect({ id: s.attrs.id, locales: locales.sort() }).toEqual({ id: s.attrs.id, locales: [...LOCALES].sort() });
    }
  });
});
