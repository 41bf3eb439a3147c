/**
 * The parts of an .xlsx around its sheets (ECMA-376 Part 1 and Part 2, OPC): the package
 * relationships lead to the workbook part; the workbook lists its sheets in order by name with a
 * relationship id, visibility and the date system; the workbook's relationships give each sheet's
 * part, the shared strings and the styles. Targets may be relative to the part's folder
 * (`worksheets/sheet1.xml`, as Excel writes) or absolute from the package root
 * (`/xl/worksheets/sheet1.xml`, as openpyxl and pandas write).
 */
import { DamagedError, type ZipArchive } from './zip';
import { decodeCellText, XmlScanner, type XmlHandler } from './xml';

/** One sheet of the workbook, in workbook order. */
export interface SheetInfo {
  name: string;
  /** Hidden (`state="hidden"` or `"veryHidden"`): read only when named with --sheet. */
  hidden: boolean;
  /** The worksheet part, or null for a chart sheet, dialog sheet or macro sheet (no cells to read). */
  part: string | null;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  /** `<workbookPr date1904="1"/>`: serial 0 is 1904-01-01 (old Mac Excel). */
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

interface Relationship {
  type: string;
  target: string;
}

/** Collects the attributes of the tags named, in document order. */
class TagCollector implements XmlHandler {
  readonly found: Array<{ tag: number; attrs: Record<string, string | undefined> }> = [];
  constructor(private readonly want: ReadonlyArray<readonly string[]>) {}
  open(tag: number, x: XmlScanner): void {
    const attrs: Record<string, string | undefined> = {};
    for (const a of this.want[tag]) attrs[a] = x.attr(a);
    this.found.push({ tag, attrs });
  }
  close(): void {}
  text(): void {}
}

/** The tags and attributes of a small part. */
function tags(xml: Buffer, names: string[], attrs: ReadonlyArray<readonly string[]>): TagCollector['found'] {
  const collector = new TagCollector(attrs);
  const x = new XmlScanner(names, collector);
  x.feed(xml);
  x.end();
  return collector.found;
}

/** The folder of a part, with a trailing "/" ("xl/" for "xl/workbook.xml", "" at the root). */
function folderOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** A relationship target as a part name: absolute from the root, or relative to `folder`; ".." resolved. */
export function resolveTarget(folder: string, target: string): string {
  const t = target.replace(/\\/g, '/').replace(/[?#].*$/, '');
  const joined = t.startsWith('/') ? t.slice(1) : folder + t;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(decodeURIComponentSafe(seg));
  }
  return out.join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The relationships part of `part` ("xl/_rels/workbook.xml.rels"), by id. Empty when it has none. */
async function relationships(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const folder = folderOf(part);
  const relsPart = `${folder}_rels/${part.slice(folder.length)}.rels`;
  const rels = new Map<string, Relationship>();
  if (!zip.has(relsPart)) return rels;
  for (const { attrs } of tags(await zip.read(relsPart), ['Relationship'], [['Id', 'Type', 'Target', 'TargetMode']])) {
    if (!attrs.Id || !attrs.Target || attrs.TargetMode === 'External') continue;
    rels.set(attrs.Id, { type: attrs.Type ?? '', target: resolveTarget(folder, attrs.Target) });
  }
  return rels;
}

/** A relationship type's last segment ("worksheet"), the same in transitional and strict OOXML. */
function kindOf(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

const SHEETS = ['sheet', 'workbookPr'];

/**
 * The workbook's sheets and parts.
 * @throws DamagedError when the workbook part or its relationships are missing or broken.
 */
export async function readWorkbook(zip: ZipArchive): Promise<WorkbookInfo> {
  let workbookPart = 'xl/workbook.xml';
  for (const rel of (await relationships(zip, '')).values()) {
    if (kindOf(rel.type) === 'officeDocument') workbookPart = rel.target;
  }
  if (!zip.has(workbookPart)) throw new DamagedError(`the workbook part ${workbookPart} is missing`);
  const rels = await relationships(zip, workbookPart);
  let sharedStrings: string | null = null;
  let styles: string | null = null;
  for (const rel of rels.values()) {
    const kind = kindOf(rel.type);
    if (kind === 'sharedStrings') sharedStrings = rel.target;
    else if (kind === 'styles') styles = rel.target;
  }
  const sheets: SheetInfo[] = [];
  let date1904 = false;
  // r:id is in the relationships namespace, whatever its prefix: the scanner gives local names ("id")
  for (const { tag, attrs } of tags(await zip.read(workbookPart), SHEETS, [['name', 'state', 'id'], ['date1904']])) {
    if (tag === 1) {
      date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
      continue;
    }
    const rel = attrs.id !== undefined ? rels.get(attrs.id) : undefined;
    if (!rel || attrs.name === undefined) throw new DamagedError(`the sheet '${attrs.name ?? '?'}' has no part`);
    sheets.push({
      name: attrs.name,
      hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
      part: kindOf(rel.type) === 'worksheet' ? rel.target : null,
    });
  }
  if (!sheets.length) throw new DamagedError('the workbook lists no sheets');
  return { sheets, date1904, sharedStrings, styles };
}

/** Reads the shared strings table, streamed (a million distinct clients make a large part). */
class SharedStrings implements XmlHandler {
  readonly strings: string[] = [];
  /** The text of the item being read; null outside an item. */
  private item: string | null = null;
  private phonetic = false;
  open(tag: number, x: XmlScanner): void {
    if (tag === 0) this.item = '';
    else if (tag === 1) x.capture = this.item !== null && !this.phonetic;
    else this.phonetic = true;
  }
  close(tag: number, x: XmlScanner): void {
    if (tag === 0) {
      this.strings.push(this.item ?? '');
      this.item = null;
    } else if (tag === 1) x.capture = false;
    else this.phonetic = false;
  }
  text(buf: Buffer, start: number, end: number, cdata: boolean): void {
    const s = buf.toString('utf8', start, end);
    this.item += cdata ? s : decodeCellText(s);
  }
}

/** The shared strings (`<si>` items: plain `<t>` or rich-text runs, phonetic guides left out). */
export async function readSharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const handler = new SharedStrings();
  const x = new XmlScanner(['si', 't', 'rPh'], handler);
  await zip.stream(part, (chunk) => {
    x.feed(chunk);
    return true;
  });
  x.end();
  return handler.strings;
}

/** Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30; 27-36 and 50-58 are East Asian dates). */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 17) || id === 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/**
 * Whether a number format code shows a date: a day or year token outside quoted text, escaped
 * characters and [brackets] (colours, locales, elapsed [h]). A time alone ("h:mm") is not a date.
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_.|\*./g, '');
  return /[dy]/i.test(bare);
}

/** Indexes of the cell styles (`cellXfs`, the `s` of a cell) whose number format is a date. */
export async function readDateStyles(zip: ZipArchive, part: string | null): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!part || !zip.has(part)) return dates;
  const found = tags(await zip.read(part), ['numFmt', 'cellXfs', 'xf'], [['numFmtId', 'formatCode'], [], ['numFmtId']]);
  const custom = new Map<number, string>();
  for (const { tag, attrs } of found) if (tag === 0) custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
  // <xf> comes in cellStyleXfs and cellXfs; a cell's s indexes the ones after <cellXfs>
  let inCellXfs = false;
  let index = 0;
  for (const { tag, attrs } of found) {
    if (tag === 1) {
      inCellXfs = true;
      continue;
    }
    if (tag !== 2 || !inCellXfs) continue;
    const id = Number(attrs.numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : isBuiltInDate(id)) dates.add(index);
    index++;
  }
  return dates;
}
