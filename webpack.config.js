/**
 * Builds the Excel add-in into dist/:
 *   taskpane.html  the shared-runtime page: loads office-js/office.js, then functions.js, then taskpane.js
 *   functions.js   custom functions (entry src/functions/functions.ts); no React, no Fluent
 *   functions.json custom functions metadata, generated from the JSDoc by custom-functions-metadata-plugin
 *   taskpane.js    task pane UI (entry src/taskpane/index.tsx)
 *   office-js/     office.js and its Excel host files, copied from the npm package @microsoft/office-js
 *   assets/        the icons (assets/icon-*.png); manifest.xml
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
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const FunctionsLocalesPlugin = require('./scripts/functions-locales');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const DEV_SERVER_PORT = 3000;
const FUNCTIONS_ENTRY = './src/functions/functions.ts';
const OFFICE_JS_DIR = path.dirname(require.resolve('@microsoft/office-js/package.json'));

/** Host files of other Office applications: office.js only loads the Excel ones for this add-in. */
const OTHER_HOSTS = /^(access|onenote|outlook|outlookwebapp|powerpoint|powerpointios|project|visio|word|wordios)[-._]/;

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

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const certs = env && env.WEBPACK_SERVE ? devCertificates() : undefined;

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
      filename: '[name].js',
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
        chunks: ['functions', 'taskpane'],
        chunksSortMode: 'manual',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'manifest.xml', to: 'manifest.xml' },
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          {
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
          },
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
