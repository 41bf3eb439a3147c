/**
 * The engine (src/core) as one script for a page, so a browser test can run the very code the task
 * pane runs without building dist/: every module the entry reaches by relative imports, transpiled by
 * TypeScript (ts.transpileModule: types dropped, CommonJS out) and wrapped in a small module table. The
 * core imports nothing but itself (docs/architecture: no Office, React or Node), so that is all of it.
 * Not a test file.
 *
 * @example
 * await page.addScriptTag({ content: coreBundle() }); // then window.__kcCore is src/core/index.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const CORE = path.resolve(__dirname, '..', '..', 'src', 'core');

/** The module's id (a path under src/core without .ts) a relative import from `from` names. */
function resolve(from: string, request: string): string {
  const id = path.posix.normalize(path.posix.join(path.posix.dirname(from), request));
  if (fs.existsSync(path.join(CORE, `${id}.ts`))) return id;
  if (fs.existsSync(path.join(CORE, id, 'index.ts'))) return `${id}/index`;
  throw new Error(`core-bundle: cannot find ${request} from ${from}`);
}

/**
 * The script: defines `window[name]` as the exports of `entry` (default src/core/index.ts).
 * @param entry a module id under src/core, e.g. 'index' or 'methods/bgnbd'.
 * @param name the global it defines (default `__kcCore`).
 */
export function coreBundle(entry = 'index', name = '__kcCore'): string {
  const modules = new Map<string, { code: string; deps: Record<string, string> }>();
  const todo = [entry];
  while (todo.length) {
    const id = todo.pop()!;
    if (modules.has(id)) continue;
    const source = fs.readFileSync(path.join(CORE, `${id}.ts`), 'utf8');
    const code = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 }, fileName: `${id}.ts` }).outputText;
    const deps: Record<string, string> = {};
    for (const m of code.matchAll(/require\("(\.[^"]+)"\)/g)) {
      deps[m[1]] = resolve(id, m[1]);
      todo.push(deps[m[1]]);
    }
    modules.set(id, { code, deps });
  }
  const table = [...modules].map(([id, m]) => `${JSON.stringify(id)}: [function (exports, require) {\n${m.code}\n}, ${JSON.stringify(m.deps)}]`).join(',\n');
  return `window.${name} = (function () {
  var table = {${table}};
  var cache = {};
  function load(id) {
    if (cache[id]) return cache[id].exports;
    var module = (cache[id] = { exports: {} });
    table[id][0].call(module.exports, module.exports, function (request) { return load(table[id][1][request]); });
    return module.exports;
  }
  return load(${JSON.stringify(entry)});
})();`;
}
