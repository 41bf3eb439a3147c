/**
 * Runs the real production build (`npm run build` with ADDIN_URL and OFFICE_JS in the environment) into
 * a folder of test/output/, for the tests of what an administrator deploys. Each test file that needs
 * one builds its own variant in beforeAll (about 10-20 s), so files never share an output folder.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..');

/** The address the test builds are made for: a folder below the host's root, as most hosts are. */
export const TEST_ADDIN_URL = 'https://addins.example.com/key-clients';

/**
 * Builds dist for `env` into test/output/<name> the way `npm run build` does (the env check, then
 * webpack in production mode) and returns the folder.
 * @throws Error with the build's output when it fails
 */
export async function productionBuild(name: string, env: Record<string, string>): Promise<string> {
  const out = path.join(ROOT, 'test', 'output', name);
  fs.rmSync(out, { recursive: true, force: true });
  const childEnv = { ...process.env, ADDIN_URL: '', OFFICE_JS: '', ...env };
  await run(process.execPath, [path.join(ROOT, 'scripts', 'deploy-config.js')], childEnv);
  const webpack = require.resolve('webpack-cli/bin/cli.js');
  await run(process.execPath, [webpack, '--mode', 'production', '--output-path', out], childEnv);
  return out;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} exited with ${code}:\n${output}`))));
  });
}
