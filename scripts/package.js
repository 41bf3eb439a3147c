#!/usr/bin/env node
/**
 * `npm run package`: packs a production build for the people who install it, without the network:
 *
 *   out/package/key-clients-<version>.zip  every file of dist/, at the zip's root: unzip it into the
 *                                          folder the host serves as ADDIN_URL (see docs/deploy.md)
 *   out/package/manifest.xml               the manifest for the Microsoft 365 admin center (also inside
 *                                          the zip, so it is served at ADDIN_URL/manifest.xml)
 *
 * It refuses a development build (manifest on https://localhost) and a dist/ that misses a file the
 * manifest names. Options: --dist <folder> (default dist), --out <folder> (default out/package).
 * The zip is written with jszip (already in the tree through exceljs; no zip program needed, so it runs
 * the same on Windows). File dates are kept: hosts such as nginx derive Last-Modified and ETag from them.
 *
 * Exit codes: 0 written, 2 nothing to package or a bad argument.
 */
/* eslint-env node */
'use strict';

const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const JSZip = require('jszip');

const ROOT = path.resolve(__dirname, '..');

class PackageError extends Error {}

/** Every file under `dir`, as paths relative to it with "/", sorted. */
function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      return entry.isDirectory() ? listFiles(dir, relative) : entry.isFile() ? [relative] : [];
    })
    .sort();
}

/**
 * What the built manifest says: the folder it points at, its version, and the files under that folder it
 * names (relative paths).
 */
function readManifest(xml) {
  const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(xml);
  const version = /<Version>([^<]+)<\/Version>/.exec(xml);
  if (!source || !version) throw new PackageError('dist/manifest.xml has no <SourceLocation> or <Version>: rebuild it with npm run build');
  const base = source[1].slice(0, source[1].lastIndexOf('/') + 1);
  const urls = [...xml.matchAll(/\s(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const files = [...new Set(urls.filter((u) => u.startsWith(base)).map((u) => decodeURIComponent(u.slice(base.length))))];
  return { base, version: version[1], files };
}

async function packageDist({ dist, out }) {
  const manifestFile = path.join(dist, 'manifest.xml');
  if (!fs.existsSync(manifestFile)) {
    throw new PackageError(`${manifestFile} is missing: build first, for example ADDIN_URL=https://addins.example.com/key-clients npm run build`);
  }
  const xml = fs.readFileSync(manifestFile, 'utf8');
  const manifest = readManifest(xml);
  if (/^https:\/\/(localhost|127\.0\.0\.1)[:/]/.test(manifest.base)) {
    throw new PackageError(
      `${dist} is a development build: its manifest points at ${manifest.base}. Build it for the host that will serve it, for example\n  ADDIN_URL=https://addins.example.com/key-clients npm run build\nthen run npm run package again.`,
    );
  }
  const missing = manifest.files.filter((f) => !fs.existsSync(path.join(dist, f)));
  if (missing.length > 0) throw new PackageError(`${dist} lacks files its manifest names: ${missing.join(', ')}. Rebuild with npm run build.`);

  const files = listFiles(dist);
  const zip = new JSZip();
  for (const file of files) {
    const full = path.join(dist, file);
    zip.file(file, fs.readFileSync(full), { date: fs.statSync(full).mtime, binary: true });
  }
  const packageVersion = manifest.version.replace(/\.0$/, '');
  fs.mkdirSync(out, { recursive: true });
  const zipFile = path.join(out, `key-clients-${packageVersion}.zip`);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
  fs.writeFileSync(zipFile, buffer);
  const outManifest = path.join(out, 'manifest.xml');
  fs.writeFileSync(outManifest, xml);
  return { zipFile, manifestFile: outManifest, base: manifest.base, version: manifest.version, files: files.length, bytes: buffer.length, officeJs: files.some((f) => f.startsWith('office-js/')) ? 'bundled' : 'cdn' };
}

async function main(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { dist: { type: 'string' }, out: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new PackageError(`${error.message}\nUsage: npm run package [-- --dist dist --out out/package]`);
  }
  const dist = path.resolve(ROOT, values.dist || 'dist');
  const out = path.resolve(ROOT, values.out || path.join('out', 'package'));
  const r = await packageDist({ dist, out });
  const rel = (f) => (path.relative(process.cwd(), f).startsWith('..') ? f : path.relative(process.cwd(), f));
  const officeJs = r.officeJs === 'cdn' ? "office.js from Microsoft's CDN" : 'office.js bundled (OFFICE_JS=local)';
  console.log(`Packaged the add-in for ${r.base} (manifest ${r.version}, ${officeJs}):`);
  console.log(`  ${rel(r.zipFile)}  ${r.files} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MB: unzip into the folder served as ${r.base}`);
  console.log(`  ${rel(r.manifestFile)}  for the administrator: Microsoft 365 admin center > Settings > Integrated apps > Upload custom apps`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof PackageError ? error.message : error);
    process.exitCode = error instanceof PackageError ? 2 : 70;
  });
}

module.exports = { packageDist, readManifest };
