#!/usr/bin/env node
/**
 * Writes the add-in icons assets/icon-{16,32,64,80,128}.png: a teal rounded square with "KC" in white.
 * Uses only Node's zlib (PNG = signature + IHDR + IDAT + IEND, 8-bit RGBA). Deterministic output.
 * Usage: node scripts/make-icons.js
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [0x0f, 0x6c, 0xbd, 0xff]; // Office blue
const FOREGROUND = [0xff, 0xff, 0xff, 0xff];
const TRANSPARENT = [0, 0, 0, 0];

// 5x7 glyphs, '#' = ink.
const GLYPHS = {
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
};
const TEXT = 'KC';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** The colour of pixel (x, y) of an icon of the given size. */
function pixel(size, x, y) {
  const radius = Math.max(2, Math.round(size / 6));
  const cx = x < radius ? radius : x >= size - radius ? size - radius - 1 : x;
  const cy = y < radius ? radius : y >= size - radius ? size - radius - 1 : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return TRANSPARENT;

  // Text block: 2 glyphs of 5 columns with a 1-column gap = 11 columns, 7 rows.
  const scale = Math.max(1, Math.floor((size * 0.8) / 11));
  const textWidth = 11 * scale;
  const textHeight = 7 * scale;
  const left = Math.floor((size - textWidth) / 2);
  const top = Math.floor((size - textHeight) / 2);
  const col = Math.floor((x - left) / scale);
  const row = Math.floor((y - top) / scale);
  if (x >= left && y >= top && col < 11 && row < 7) {
    const glyph = GLYPHS[TEXT[Math.floor(col / 6)]];
    const glyphCol = col % 6;
    if (glyphCol < 5 && glyph[row][glyphCol] === '#') return FOREGROUND;
  }
  return BACKGROUND;
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (None)
    for (let x = 0; x < size; x++) Buffer.from(pixel(size, x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = path.join(__dirname, '..', 'assets');
for (const size of SIZES) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, png(size));
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}
