/**
 * Workbooks written part by part, as other tools write them (openpyxl, pandas through openpyxl),
 * and broken ones: a tiny zip writer (stored or deflated entries, CRC-32 from its table) and the XML
 * of the parts. Not a test file.
 */
import * as zlib from 'zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as zip uses it). */
export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: string | Buffer;
  /** Overrides the CRC-32 written in the headers (to make a bad entry). */
  crc?: number;
}

/** A zip archive of the entries in order, deflated (or stored), with a central directory. */
export function zip(entries: readonly ZipEntry[], store = false): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const data = store ? raw : zlib.deflateRawSync(raw);
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.crc ?? crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(store ? 0 : 8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A cell of {@link book}: text (a shared string), a number, a boolean, or one of these. */
export type FixtureCell =
  | string
  | number
  | boolean
  | null
  | { date: number } // a serial with a date style (numFmtId 14)
  | { f: string; v?: number | string; shared?: number; ref?: string } // a formula, its cached result
  | { e: string } // an error value, t="e"
  | { inline: string } // an inline string, t="inlineStr"
  | { raw: string }; // the <c> element as written here (no r: the reader counts columns)

export interface FixtureSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  rows: FixtureCell[][];
  /** Sheet row of rows[0] (default 1). */
  firstRow?: number;
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The parts of a workbook as openpyxl 3 writes it: relationship targets absolute from the package
 * root ("/xl/worksheets/sheet1.xml"), `state` on every sheet, formulas with an empty cached value
 * unless one is given, shared strings written after the sheets.
 */
export function bookParts(sheets: readonly FixtureSheet[], options: { date1904?: boolean } = {}): ZipEntry[] {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const cellXml = (ref: string, v: FixtureCell): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    if ('date' in v) return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
    if ('e' in v) return `<c r="${ref}" t="e"><v>${xmlEscape(v.e)}</v></c>`;
    if ('inline' in v) return `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v.inline)}</t></is></c>`;
    if ('raw' in v) return v.raw;
    const shared = v.shared !== undefined ? ` t="shared" si="${v.shared}"${v.ref ? ` ref="${v.ref}"` : ''}` : '';
    const type = typeof v.v === 'string' ? ' t="str"' : '';
    const f = v.f ? `<f${shared}>${xmlEscape(v.f)}</f>` : `<f${shared}/>`;
    return `<c r="${ref}"${type}>${f}<v>${v.v === undefined ? '' : xmlEscape(String(v.v))}</v></c>`;
  };
  const sheetParts: ZipEntry[] = sheets.map((sheet, k) => {
    const first = sheet.firstRow ?? 1;
    const rows = sheet.rows
      .map((row, r) => `<row r="${first + r}">${row.map((v, c) => cellXml(`${columnName(c)}${first + r}`, v)).join('')}</row>`)
      .join('');
    return {
      name: `xl/worksheets/sheet${k + 1}.xml`,
      data:
        `<worksheet xmlns="${MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>` +
        `<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>` +
        `<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>${rows}</sheetData>` +
        `<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>`,
    };
  });
  const sheetList = sheets
    .map((s, k) => `<sheet xmlns:r="${REL}" name="${xmlEscape(s.name)}" sheetId="${k + 1}" state="${s.state ?? 'visible'}" r:id="rId${k + 1}"/>`)
    .join('');
  const n = sheets.length;
  return [
    {
      name: '[Content_Types].xml',
      data:
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets.map((_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data:
        `<workbook xmlns="${MAIN}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><workbookProtection/>` +
        `<bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews>` +
        `<sheets>${sheetList}</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<Relationships xmlns="${PKG}">` +
        sheets.map((_, k) => `<Relationship Type="${REL}/worksheet" Target="/xl/worksheets/sheet${k + 1}.xml" Id="rId${k + 1}"/>`).join('') +
        `<Relationship Type="${REL}/styles" Target="styles.xml" Id="rId${n + 1}"/>` +
        `<Relationship Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml" Id="rId${n + 2}"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      data:
        `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;d&quot;"/></numFmts>` +
        `<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0"/>` +
        `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0"/></cellXfs></styleSheet>`,
    },
    ...sheetParts,
    {
      name: 'xl/sharedStrings.xml',
      data: `<sst xmlns="${MAIN}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${xmlEscape(s)}</t></si>`).join('')}</sst>`,
    },
  ];
}

/** A workbook file's bytes, openpyxl style. */
export function book(sheets: readonly FixtureSheet[], options: { date1904?: boolean } = {}): Buffer {
  return zip(bookParts(sheets, options));
}

/**
 * An OLE compound file (MS-CFB, version 3, 512-byte sectors): the header, one directory sector
 * with a root entry and the named streams, and a sector of filler for the streams' data.
 */
export function compoundFile(streams: readonly string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory at sector 1
  header.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: the FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: the directory, end of chain
  fat.writeUInt32LE(0xfffffffe, 8); // sector 2: data
  const dir = Buffer.alloc(512);
  const entry = (k: number, name: string, type: number) => {
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, k * 128);
    dir.writeUInt16LE(n.length, k * 128 + 64);
    dir[k * 128 + 66] = type;
    dir.writeUInt32LE(0xffffffff, k * 128 + 68);
    dir.writeUInt32LE(0xffffffff, k * 128 + 72);
    dir.writeUInt32LE(0xffffffff, k * 128 + 76);
  };
  entry(0, 'Root Entry', 5);
  streams.slice(0, 3).forEach((s, i) => entry(i + 1, s, 2));
  return Buffer.concat([header, fat, dir, Buffer.alloc(512, 0x5a)]);
}
