#!/usr/bin/env node
/**
 * `npm run serve [-- --port 3000 --dir dist]`: serves the built add-in (dist/) over HTTPS on localhost,
 * with the office-addin-dev-certs certificate, so a production build can be tried without webpack:
 *
 *   ADDIN_URL=https://localhost:3000 npm run build   # production page (office.js from Microsoft's CDN)
 *   npm run serve                                    # https://localhost:3000/, then sideload dist/manifest.xml
 *
 * Node's own https module, no dependency. It sends the headers docs/deploy.md asks of a real host:
 * the MIME type, Cache-Control (static/ for a year, every other file revalidated: no-cache), an ETag
 * answered with 304, and Access-Control-Allow-Origin: * (Excel on the web fetches functions*.json from
 * its own origin). Only GET and HEAD; nothing outside the folder is served.
 *
 * Exit codes: 0 stopped (Ctrl+C), 2 cannot start (no certificate, no build, port taken, bad argument).
 */
/* eslint-env node */
'use strict';

const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { cacheControlFor } = require('./deploy-config');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_PORT = Number(require('../package.json').config.dev_server_port) || 3000;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Thrown when the server cannot start; the message says how to fix it. */
class StartError extends Error {}

/** The certificate files of office-addin-dev-certs, or a StartError saying how to make them. */
function readCertificates() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  const missing = [cert, key].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    throw new StartError(
      [
        `No development certificate: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
        'Make one and trust it on this computer (once; it asks to add a certificate authority):',
        '  npx office-addin-dev-certs install',
        'then run npm run serve again.',
      ].join('\n'),
    );
  }
  return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

/** The origin and path the built manifest points at (its SourceLocation), or undefined. */
function manifestBase(dir) {
  const file = path.join(dir, 'manifest.xml');
  if (!fs.existsSync(file)) return undefined;
  const m = /<SourceLocation DefaultValue="([^"]+)\/taskpane\.html"/.exec(fs.readFileSync(file, 'utf8'));
  return m ? m[1] : undefined;
}

/** Request handler serving the files under `dir`. */
function staticHandler(dir) {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('GET or HEAD only\n');
      return;
    }
    let relative;
    try {
      relative = decodeURIComponent(new URL(request.url || '/', 'https://localhost').pathname).replace(/^\/+/, '');
    } catch {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad path\n');
      return;
    }
    if (relative === '') relative = 'taskpane.html';
    const file = path.resolve(dir, relative);
    const stat = file.startsWith(dir + path.sep) && fs.existsSync(file) ? fs.statSync(file) : undefined;
    if (!stat || !stat.isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Cache-Control': cacheControlFor(path.relative(dir, file).split(path.sep).join('/')),
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
      ETag: etag,
      'Last-Modified': stat.mtime.toUTCString(),
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': stat.size });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  };
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`--port must be a port number, got "${values.port}"`);
  return { port, dir: path.resolve(ROOT, values.dir || 'dist'), help: values.help === true };
}

async function main(argv) {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    throw error instanceof StartError ? error : new StartError(`${error.message}\nUsage: npm run serve [-- --port 3000 --dir dist]`);
  }
  if (options.help) {
    console.log('Usage: npm run serve [-- --port 3000 --dir dist]\nServes the built add-in over HTTPS on localhost (see docs/deploy.md).');
    return;
  }
  const { port, dir } = options;
  if (!fs.existsSync(path.join(dir, 'taskpane.html'))) {
    throw new StartError(
      `${path.join(dir, 'taskpane.html')} is missing: build first, for example\n  ADDIN_URL=https://localhost:${port} npm run build   (the production page, office.js from Microsoft's CDN)\n  npm run build                                   (the development/test build, bundled office.js)`,
    );
  }
  const tls = readCertificates();
  const server = https.createServer(tls, staticHandler(dir));
  await new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(error.code === 'EADDRINUSE' ? new StartError(`Port ${port} is in use (is npm run dev-server running?). Stop it, or use another port: npm run serve -- --port 3443 (and build with ADDIN_URL=https://localhost:3443).`) : error),
    );
    server.listen(port, 'localhost', resolve);
  });
  const url = `https://localhost:${server.address().port}`;
  console.log(`Serving ${dir} on ${url}/ (manifest: ${url}/manifest.xml). Ctrl+C stops it.`);
  const base = manifestBase(dir);
  if (base !== undefined && base !== url) {
    console.warn(`Note: ${path.join(dir, 'manifest.xml')} points at ${base}/, not at this server; a sideloaded copy of it would load the add-in from there. To try this build here, build it with ADDIN_URL=${url}.`);
  }
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    if (error instanceof StartError) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 70;
    }
  });
}

module.exports = { staticHandler };
