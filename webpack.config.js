/**
 * Builds the Excel add-in into dist/:
 *   taskpane.html          the shared-runtime page: office.js in the head, then functions.js, then the pane
 *   functions.js           custom functions (entry src/functions/functions.ts); no React, no Fluent
 *   functions.json         custom functions metadata, generated from the JSDoc by custom-functions-metadata-plugin
 *   functions-ru/pl.json   the same in Russian and Polish (scripts/functions-locales.js)
 *   static/taskpane.<hash>.js  task pane UI (entry src/taskpane/index.tsx)
 *   assets/icon-*.png, manifest.xml (its URLs and version set for the deployment)
 *   office-js/             office.js and its Excel host files from the npm package @microsoft/office-js
 *                          (only when the page loads the local copy, see below)
 *
 * Where it is deployed comes from the environment (scripts/deploy-config.js):
 *   ADDIN_URL=https://host/path  a production build for that address: every manifest URL under it, and
 *                                office.js from Microsoft's CDN in the page's head; http:// is refused.
 *   OFFICE_JS=local              keep the bundled office.js (an intranet that cannot reach the CDN).
 *   (neither)                    the development and test build on https://localhost:3000, local office.js,
 *                                nothing loaded from the network.
 *
 * File names and caching. The manifest names taskpane.html, functions.js, functions*.json, the icons and
 * (for the admin) manifest.xml: those names stay fixed, so an update needs no new manifest, and the
 * host must make clients revalidate them (Cache-Control: no-cache; docs/deploy.md). Only the page names
 * the pane bundle, so it carries a content hash (static/taskpane.<hash>.js) and may be cached for good.
 * functions.js keeps its name because the manifest's <Script> names it (a hashed name would change the
 * manifest, and so need a new upload, on every release); the page loads it as functions.js?v=<hash of
 * its content>, so the page and the functions it loads always come from the same build even where a
 * host caches functions.js. custom-functions-metadata-plugin adds the CustomFunctions.associate calls
 * to the module (by its source path), whatever the output file is named.
 *
 * `webpack --mode production|development`; `webpack serve` serves https://localhost:3000 with the
 * office-addin-dev-certs certificates when they are installed, plain http otherwise.
 */
/* eslint-env node */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const crypto = require('crypto');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const FunctionsLocalesPlugin = require('./scripts/functions-locales');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { HASHED_DIR, deployOptions, deployedManifest, manifestVersion } = require('./scripts/deploy-config');
const { version: PACKAGE_VERSION } = require('./package.json');

const DEV_SERVER_PORT = 3000;
const FUNCTIONS_ENTRY = './src/functions/functions.ts';
const FUNCTIONS_FILE = 'functions.js';
const OFFICE_JS_DIR = path.dirname(require.resolve('@microsoft/office-js/package.json'));

/** Host files of other Office applications: office.js only loads the Excel ones for this add-in. */
const OTHER_HOSTS = /^(access|onenote|outlook|outlookwebapp|powerpoint|powerpointios|project|visio|word|wordios)[-._]/;

/** copy-webpack-plugin pattern for the local office.js: Excel's files only; .debug.js in development only. */
function officeJsPattern(dev) {
  return {
    from: path.join(OFFICE_JS_DIR, 'dist'),
    to: 'office-js',
    filter: (file) => {
      const relative = path.relative(path.join(OFFICE_JS_DIR, 'dist'), file);
      const name = path.basename(relative);
      if (OTHER_HOSTS.test(name) || name.endsWith('.d.ts') || name.endsWith('-vsdoc.js')) {
        return false;
      }
      return dev || !name.endsWith('.debug.js');
    },
    info: { minimized: true },
  };
}

/**
 * The office-addin-dev-certs certificates (installed by `npx office-addin-dev-certs install`), or
 * undefined when they are missing: tests and CI run the dev server without them, over http.
 */
function devCertificates() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)]));
  if (!Object.values(paths).every((p) => fs.existsSync(p))) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fs.readFileSync(p)]));
}

/**
 * Appends ?v=<first 20 hex digits of the SHA-256 of its content> to the page's functions.js, which
 * keeps its fixed name for the manifest (see the header).
 */
class VersionFunctionsScriptPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap('VersionFunctionsScriptPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTags.tap('VersionFunctionsScriptPlugin', (data) => {
        for (const tag of data.assetTags.scripts) {
          const src = tag.attributes.src;
          if (src !== FUNCTIONS_FILE) continue;
          const asset = compilation.getAsset(FUNCTIONS_FILE);
          if (!asset) throw new Error(`${FUNCTIONS_FILE} was not built`);
          const digest = crypto.createHash('sha256').update(asset.source.buffer()).digest('hex').slice(0, 20);
          tag.attributes.src = `${src}?v=${digest}`;
        }
        return data;
      });
    });
  }
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const certs = env && env.WEBPACK_SERVE ? devCertificates() : undefined;
  // Throws a DeployConfigError with the fix in its message for a bad ADDIN_URL or OFFICE_JS.
  const deploy = deployOptions(process.env);
  const version = manifestVersion(PACKAGE_VERSION);

  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    // Order matters: HtmlWebpackPlugin injects the chunks in entry order, functions before taskpane.
    entry: {
      functions: FUNCTIONS_ENTRY,
      taskpane: './src/taskpane/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      // functions.js keeps the name the manifest gives it; the pane bundle is named by its content.
      filename: (pathData) => (pathData.chunk.name === 'functions' ? FUNCTIONS_FILE : `${HASHED_DIR}/[name].[contenthash].js`),
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Types are checked once by `npm run typecheck`; the bundle build only transpiles.
            options: { transpileOnly: true, configFile: path.resolve(__dirname, 'tsconfig.json') },
          },
        },
      ],
    },
    // The two bundles must not share chunks: functions.js stays free of React and Fluent.
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: {
      hints: dev ? false : 'warning',
      maxAssetSize: 2 * 1024 * 1024,
      maxEntrypointSize: 2 * 1024 * 1024,
      assetFilter: (file) => file.endsWith('.js') && !file.startsWith('office-js/'),
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_ENTRY, output: 'functions.json' }),
      // functions-ru.json, functions-pl.json from src/functions/strings.ts (+ allowErrorForDataTypeAny)
      new FunctionsLocalesPlugin({ input: 'functions.json', strings: './src/functions/strings.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        templateParameters: { officeJsSrc: deploy.officeJsSrc },
        chunks: ['functions', 'taskpane'],
        chunksSortMode: 'manual',
      }),
      new VersionFunctionsScriptPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => deployedManifest(content.toString('utf8'), { baseUrl: deploy.baseUrl, version }),
          },
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          ...(deploy.officeJs === 'local' ? [officeJsPattern(dev)] : []),
        ],
      }),
    ],
    devServer: {
      port: DEV_SERVER_PORT,
      host: 'localhost',
      static: { directory: path.resolve(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: certs ? { type: 'https', options: certs } : { type: 'http' },
      client: { overlay: { warnings: false } },
      hot: false,
    },
  };
};
