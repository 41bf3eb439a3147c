/**
 * Webpack step after custom-functions-metadata-plugin: localised custom-functions metadata.
 *
 * Office localises custom functions through one metadata file per language, chosen by the manifest
 * (`<bt:Url id="Functions.Metadata.Url">` with a `<bt:Override Locale="ru-RU" Value=".../functions-ru.json"/>`);
 * the metadata plugin writes only the English file, so this step copies dist/functions.json into
 * functions-ru.json and functions-pl.json with the descriptions of src/functions/strings.ts.
 * It also sets the two top-level switches of every file (the plugin cannot; Microsoft's "Manually
 * create JSON metadata for custom functions" documents both):
 * - `allowErrorForDataTypeAny: true`: Excel calls the functions even when an `any` argument holds an
 *   error (CustomFunctionsRuntime 1.3 hosts), so one bad cell gives an error in its own output cell
 *   instead of the whole spill;
 * - `allowCustomDataForDataTypeAny: false` (the plugin writes true): the functions read plain values,
 *   so a data-type cell (a formatted number, an entity) arrives as its basic value, not as an object.
 *
 * The build fails when strings.ts and the functions disagree (a function or parameter without a text).
 */
/* eslint-env node */
'use strict';

const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { Compilation, WebpackError, sources } = require('webpack');

const PLUGIN = 'FunctionsLocalesPlugin';

/** The top-level metadata switches every file gets (see above). */
const SWITCHES = { allowCustomDataForDataTypeAny: false, allowErrorForDataTypeAny: true };

/** Loads a data-only TypeScript module (no imports) by transpiling it in memory. */
function loadTsModule(file) {
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  const module = { exports: {} };
  new Function('exports', 'require', 'module', outputText)(module.exports, require, module);
  return module.exports;
}

/**
 * The metadata of `metadata` with descriptions in one language.
 * @returns {{ json: object, problems: string[] }} problems name every missing or unused text.
 */
function localize(metadata, texts, lang) {
  const problems = [];
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(texts)) if (!ids.has(id)) problems.push(`${lang}: text for ${id}, which is not a function`);
  const functions = metadata.functions.map((f) => {
    const t = texts[f.id];
    if (!t) {
      problems.push(`${lang}: no text for ${f.id}`);
      return f;
    }
    const params = new Set(f.parameters.map((p) => p.name));
    for (const name of Object.keys(t.parameters)) if (!params.has(name)) problems.push(`${lang}: text for ${f.id}(${name}), which is not a parameter`);
    return {
      ...f,
      description: t.description,
      parameters: f.parameters.map((p) => {
        if (!t.parameters[p.name]) problems.push(`${lang}: no text for ${f.id}(${p.name})`);
        return { ...p, description: t.parameters[p.name] || p.description };
      }),
    };
  });
  return { json: { ...metadata, ...SWITCHES, functions }, problems };
}

class FunctionsLocalesPlugin {
  /** @param {{ input?: string, strings: string, languages?: string[] }} options */
  constructor(options) {
    this.input = options.input || 'functions.json';
    this.strings = path.resolve(options.strings);
    this.languages = options.languages || ['ru', 'pl'];
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.fileDependencies.add(this.strings);
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(this.input);
        if (!asset) return; // the metadata plugin already reported why
        const metadata = JSON.parse(asset.source.source().toString());
        const strings = loadTsModule(this.strings).FUNCTION_STRINGS;
        const english = { ...metadata, ...SWITCHES };
        compilation.updateAsset(this.input, new sources.RawSource(JSON.stringify(english, null, 4)));
        for (const lang of this.languages) {
          const { json, problems } = localize(metadata, strings[lang] || {}, lang);
          for (const p of problems) compilation.errors.push(new WebpackError(`${PLUGIN}: ${path.relative(process.cwd(), this.strings)}: ${p}`));
          const name = this.input.replace(/\.json$/, `-${lang}.json`);
          compilation.emitAsset(name, new sources.RawSource(JSON.stringify(json, null, 4)));
        }
      });
    });
  }
}

module.exports = FunctionsLocalesPlugin;
module.exports.localize = localize;
