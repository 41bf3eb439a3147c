/**
 * Bundles the in-memory workbook (test/excel/fake/browser-entry.ts) for a browser page with
 * webpack's Node API, into test/output/fake-excel-<worker>.js. Returns the script text.
 */
import * as fs from 'fs';
import * as path from 'path';
import webpack from 'webpack';
import { outputPath } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

export async function bundleFakeExcel(): Promise<string> {
  // one file per Jest worker: browser suites run two at a time and must not read each other's half-written bundle
  const file = outputPath(`fake-excel-${process.env.JEST_WORKER_ID ?? process.pid}.js`);
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    target: 'web',
    entry: path.join(ROOT, 'test/excel/fake/browser-entry.ts'),
    output: { path: path.dirname(file), filename: path.basename(file) },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.json') } } }],
    },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else compiler.close(() => resolve());
    }),
  );
  return fs.readFileSync(file, 'utf8');
}
