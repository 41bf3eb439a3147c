/**
 * Where the add-in is deployed, read from the environment by webpack.config.js, and the rewriting of
 * manifest.xml for that place. Used by the build (webpack.config.js), `npm run package`, `npm run serve`
 * and the tests.
 *
 * - `ADDIN_URL=https://host/path`: a production build for that address. Every URL of the manifest is
 *   rewritten under it; it must be https (Office on the web and Microsoft Marketplace require an
 *   SSL-secured add-in: "Sideload Office Add-ins on Windows from a network share", HTTPS guidance,
 *   https://learn.microsoft.com/office/dev/add-ins/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins).
 *   Without it the build is the development/test build on https://localhost:3000.
 * - `OFFICE_JS=cdn|local`: where the page loads office.js from. Default: `cdn` for a production build
 *   (Microsoft: published add-ins reference https://appsforoffice.microsoft.com/lib/1/hosted/office.js
 *   in the page's head; "Referencing the Office JavaScript API library",
 *   https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn),
 *   `local` for the development/test build (the copy of the npm package @microsoft/office-js served
 *   from office-js/, so tests and development stay offline). `OFFICE_JS=local` with ADDIN_URL is for an
 *   intranet whose Office clients cannot reach Microsoft's CDN.
 */
/* eslint-env node */
'use strict';

/** The development server's address; manifest.xml in the repository names only this origin. */
const DEV_URL = 'https://localhost:3000';

/** Microsoft's CDN copy of office.js: the only URL outside ADDIN_URL that a production page names. */
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The local copy of office.js, relative to the page. */
const LOCAL_OFFICE_JS = 'office-js/office.js';

/**
 * Folder of dist/ whose file names carry a content hash: the only files a host may cache for good.
 * Every other file keeps its name from one version to the next and must be revalidated (see CACHE).
 */
const HASHED_DIR = 'static';

/** Cache-Control for the two kinds of files (docs/deploy.md gives them for IIS, nginx, Azure...). */
const CACHE = {
  hashed: 'public, max-age=31536000, immutable',
  stable: 'no-cache',
};

/** Thrown for a bad ADDIN_URL or OFFICE_JS; the message says what to write instead. */
class DeployConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = 'DeployConfigError';
  }
}

/**
 * The deployment named by the environment.
 * @param {Record<string, string | undefined>} env process.env or a test's object
 * @returns {{ baseUrl: string, origin: string, production: boolean, officeJs: 'cdn' | 'local', officeJsSrc: string }}
 *   baseUrl without a trailing slash; production is true when ADDIN_URL is set
 * @throws {DeployConfigError} when ADDIN_URL is not an https URL or OFFICE_JS is neither cdn nor local
 * @example deployOptions({ ADDIN_URL: 'https://addins.example.com/key-clients/' }).baseUrl
 *   // 'https://addins.example.com/key-clients'
 */
function deployOptions(env) {
  const raw = (env.ADDIN_URL || '').trim();
  const production = raw !== '';
  const baseUrl = production ? parseAddinUrl(raw) : DEV_URL;
  const officeJsRaw = (env.OFFICE_JS || '').trim().toLowerCase();
  if (officeJsRaw !== '' && officeJsRaw !== 'cdn' && officeJsRaw !== 'local') {
    throw new DeployConfigError(
      `OFFICE_JS must be "cdn" (Microsoft's CDN, the default of a production build) or "local" (the copy in office-js/, for a network that cannot reach the CDN); got "${env.OFFICE_JS}".`,
    );
  }
  const officeJs = officeJsRaw === '' ? (production ? 'cdn' : 'local') : officeJsRaw;
  return {
    baseUrl,
    origin: new URL(baseUrl).origin,
    production,
    officeJs,
    officeJsSrc: officeJs === 'cdn' ? CDN_OFFICE_JS : LOCAL_OFFICE_JS,
  };
}

/** ADDIN_URL checked and normalised: https, no query, fragment or credentials, no trailing slash. */
function parseAddinUrl(raw) {
  const example = 'for example ADDIN_URL=https://addins.example.com/key-clients';
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new DeployConfigError(`ADDIN_URL must be the absolute https address the add-in's files will be served from (${example}); got "${raw}".`);
  }
  if (url.protocol !== 'https:') {
    throw new DeployConfigError(
      `ADDIN_URL must start with https:// (Excel on the web loads add-ins only over HTTPS, and desktop Excel warns about any other; ${example}); got "${raw}". Put the files on an HTTPS host or behind an HTTPS proxy.`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new DeployConfigError(`ADDIN_URL must be a plain folder address without ?query, #fragment or user:password@ (${example}); got "${raw}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The manifest version for a package.json version: "x.y.z" becomes "x.y.z.0".
 * @param {string} packageVersion package.json "version"
 * @returns {string} four numeric parts, each at most 5 digits (the manifest's Version element)
 * @throws {DeployConfigError} for a pre-release or build suffix ("1.0.0-beta.1") or a part over 5 digits
 * @example manifestVersion('1.2.3') // '1.2.3.0'
 */
function manifestVersion(packageVersion) {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(packageVersion);
  if (!m) {
    throw new DeployConfigError(
      `package.json version "${packageVersion}" cannot be an Office manifest version: use x.y.z with numbers of at most 5 digits and no suffix such as -beta (the manifest's <Version> is n.n.n.n).`,
    );
  }
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}.0`;
}

function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * manifest.xml for a deployment: every https://localhost:3000/... URL moved under `baseUrl`, the
 * AppDomain set to baseUrl's origin, and <Version> set. Text, comments and layout stay as they are.
 * @param {string} xml manifest.xml of the repository (URLs on https://localhost:3000)
 * @param {{ baseUrl: string, version: string }} options baseUrl from deployOptions, version from manifestVersion
 * @returns {string} the manifest to deploy
 * @throws {DeployConfigError} when the manifest has no <Version> or a development URL would remain
 */
function deployedManifest(xml, { baseUrl, version }) {
  const origin = new URL(baseUrl).origin;
  if (!/<Version>[^<]*<\/Version>/.test(xml)) throw new DeployConfigError('manifest.xml has no <Version> element');
  let out = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
  out = out.replace(/<AppDomain>\s*https:\/\/localhost:3000\/?\s*<\/AppDomain>/g, `<AppDomain>${xmlEscape(origin)}</AppDomain>`);
  out = out.replace(/https:\/\/localhost:3000\//g, `${xmlEscape(baseUrl)}/`);
  if (baseUrl !== DEV_URL && out.includes('localhost:3000')) {
    throw new DeployConfigError('manifest.xml names https://localhost:3000 in a form the build does not rewrite (a URL must be https://localhost:3000/file)');
  }
  return out;
}

/**
 * Cache-Control for a file of dist/ (path relative to dist/, with "/"): hashed files for a year,
 * everything else revalidated on every use (the manifest names those files by fixed names).
 * @param {string} relativePath for example "static/taskpane.3f2a….js" or "taskpane.html"
 * @returns {string}
 */
function cacheControlFor(relativePath) {
  return relativePath.startsWith(`${HASHED_DIR}/`) ? CACHE.hashed : CACHE.stable;
}

module.exports = {
  DEV_URL,
  CDN_OFFICE_JS,
  LOCAL_OFFICE_JS,
  HASHED_DIR,
  CACHE,
  DeployConfigError,
  deployOptions,
  manifestVersion,
  deployedManifest,
  cacheControlFor,
};

// `node scripts/deploy-config.js` (run by `npm run build` before webpack): checks ADDIN_URL, OFFICE_JS
// and the package version, and says in one line what the build will be; a bad value stops it with the
// fix (exit code 2) instead of a webpack stack trace.
if (require.main === module) {
  try {
    const d = deployOptions(process.env);
    const version = manifestVersion(require('../package.json').version);
    const officeJs = d.officeJs === 'cdn' ? `office.js from ${CDN_OFFICE_JS}` : 'office.js bundled in office-js/';
    const kind = d.production ? 'Production build' : 'Development/test build (set ADDIN_URL=https://host/path for a production build)';
    console.log(`${kind}: manifest ${version} on ${d.baseUrl}/, ${officeJs}.`);
  } catch (error) {
    if (!(error instanceof DeployConfigError)) throw error;
    console.error(`Cannot build: ${error.message}`);
    process.exitCode = 2;
  }
}
