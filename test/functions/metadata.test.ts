/**
 * The built custom-functions metadata and bundle (`npm test` runs `npm run build` before jest):
 * dist/functions.json from the JSDoc, dist/functions-ru.json and -pl.json from src/functions/strings.ts,
 * the CustomFunctions.associate call of each function in dist/functions.js, and the manifest's
 * per-locale metadata URLs.
 */
import * as fs from 'fs';
import * as path from 'path';

const DIST = path.resolve(__dirname, '..', '..', 'dist');

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
}
interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: Fn[];
}

function metadata(file: string): Metadata {
  return JSON.parse(fs.readFileSync(path.join(DIST, file), 'utf8')) as Metadata;
}

/** The signatures of issues 3, 9, 10 and 11: [name, range (matrix) or scalar, optional]. Ranges take any cell type. */
const SIGNATURES: Record<string, { params: [string, 'matrix' | 'scalar', boolean][]; result: 'matrix' | 'scalar' }> = {
  ABC_CLASS: {
    // profit last (issue 9 item 3), so formulas written before it keep their meaning
    params: [['values', 'matrix', false], ['population', 'matrix', true], ['limit_a', 'scalar', true], ['limit_b', 'scalar', true], ['method', 'scalar', true], ['profit', 'matrix', true]],
    result: 'matrix',
  },
  XYZ_CLASS: {
    params: [['period_values', 'matrix', false], ['limit_x', 'scalar', true], ['limit_y', 'scalar', true], ['method', 'scalar', true]],
    result: 'matrix',
  },
  RFM_SCORE: {
    params: [['last_purchase', 'matrix', false], ['frequency', 'matrix', false], ['monetary', 'matrix', false], ['bins', 'scalar', true], ['recency_in_days', 'scalar', true]],
    result: 'matrix',
  },
  RENEW_INDEX: { params: [['scores', 'matrix', false], ['weights', 'matrix', true], ['max_score', 'scalar', true]], result: 'matrix' },
  CSI: { params: [['scores', 'matrix', false], ['attract_min', 'scalar', true], ['detract_max', 'scalar', true]], result: 'scalar' },
  NPS: { params: [['scores', 'matrix', false]], result: 'scalar' },
  // issue 10
  RETENTION: { params: [['previous_clients', 'matrix', false], ['current_clients', 'matrix', false]], result: 'scalar' },
  CHURN_RATE: { params: [['previous_clients', 'matrix', false], ['current_clients', 'matrix', false]], result: 'scalar' },
  // issue 11
  LTV_SUMMARY: {
    params: [['clients', 'matrix', false], ['dates', 'matrix', false], ['amounts', 'matrix', false], ['as_of', 'scalar', true], ['orders', 'matrix', true]],
    result: 'matrix',
  },
  BGNBD_FIT: { params: [['x', 'matrix', false], ['t_x', 'matrix', false], ['T', 'matrix', false]], result: 'matrix' },
  GG_FIT: { params: [['x', 'matrix', false], ['zbar', 'matrix', false]], result: 'matrix' },
  P_ALIVE: { params: [['x', 'matrix', false], ['t_x', 'matrix', false], ['T', 'matrix', false], ['bgnbd_params', 'matrix', false]], result: 'matrix' },
  EXPECTED_PURCHASES: {
    params: [['x', 'matrix', false], ['t_x', 'matrix', false], ['T', 'matrix', false], ['bgnbd_params', 'matrix', false], ['months', 'scalar', true]],
    result: 'matrix',
  },
  EXPECTED_VALUE: { params: [['x', 'matrix', false], ['zbar', 'matrix', false], ['gg_params', 'matrix', false]], result: 'matrix' },
  CLV: {
    params: [
      ['x', 'matrix', false], ['t_x', 'matrix', false], ['T', 'matrix', false], ['zbar', 'matrix', false], ['bgnbd_params', 'matrix', false],
      ['gg_params', 'matrix', false], ['margin', 'matrix', true], ['months', 'scalar', true], ['discount', 'scalar', true],
    ],
    result: 'matrix',
  },
};
const IDS = Object.keys(SIGNATURES);

/** The shape of a function as Excel reads it from the metadata (absent dimensionality = scalar). */
function signature(f: Fn) {
  return {
    params: f.parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', p.optional === true]),
    result: f.result.dimensionality ?? 'scalar',
  };
}

describe('dist/functions.json', () => {
  const meta = metadata('functions.json');

  it('holds exactly the fifteen functions (issues 3, 10 and 11), each named as its id', () => {
    expect(meta.functions.map((f) => f.id).sort()).toEqual([...IDS].sort());
    for (const f of meta.functions) expect(f.name).toBe(f.id);
  });

  it.each(IDS)('gives %s its parameters, dimensionality and optional flags', (id) => {
    const f = meta.functions.find((x) => x.id === id) as Fn;
    expect(signature(f)).toEqual(SIGNATURES[id]);
  });

  it('types every parameter "any" (errors reach only "any" parameters; the adapters read blanks, 0 and text themselves) and none as repeating', () => {
    for (const f of meta.functions) {
      for (const p of f.parameters) {
        expect({ f: f.id, p: p.name, type: p.type }).toEqual({ f: f.id, p: p.name, type: 'any' });
        expect(p.repeating).toBeUndefined();
      }
    }
  });

  it('types the CSI, NPS, RETENTION and CHURN_RATE results "number"', () => {
    for (const id of ['CSI', 'NPS', 'RETENTION', 'CHURN_RATE']) expect(meta.functions.find((f) => f.id === id)?.result.type).toBe('number');
  });

  it('names no two parameters of a function alike when Excel compares them case-insensitively', () => {
    for (const f of meta.functions) {
      const names = f.parameters.map((p) => p.name.toLowerCase());
      expect({ f: f.id, names: [...new Set(names)] }).toEqual({ f: f.id, names });
    }
  });

  it('marks no function volatile, streaming or cancelable (each depends only on its arguments)', () => {
    for (const f of meta.functions as (Fn & { options?: Record<string, unknown> })[]) {
      const o = f.options ?? {};
      expect({ f: f.id, volatile: o.volatile ?? false, stream: o.stream ?? false, cancelable: o.cancelable ?? false }).toEqual({ f: f.id, volatile: false, stream: false, cancelable: false });
    }
  });

  it('describes every function and every parameter', () => {
    for (const f of meta.functions) {
      expect(f.description).toBeTruthy();
      for (const p of f.parameters) expect({ f: f.id, p: p.name, has: Boolean(p.description) }).toEqual({ f: f.id, p: p.name, has: true });
    }
  });

  it('lets ranges holding Excel errors reach the functions (allowErrorForDataTypeAny)', () => {
    expect(meta.allowErrorForDataTypeAny).toBe(true);
  });

  it('asks for plain cell values, not data-type objects (allowCustomDataForDataTypeAny false)', () => {
    expect(meta.allowCustomDataForDataTypeAny).toBe(false);
  });
});

describe.each(['ru', 'pl'])('dist/functions-%s.json', (lang) => {
  const english = metadata('functions.json');
  const local = metadata(`functions-${lang}.json`);

  it('has the same functions, names, parameters and types as the English metadata', () => {
    const strip = (m: Metadata) => m.functions.map((f) => ({ ...f, description: undefined, parameters: f.parameters.map((p) => ({ ...p, description: undefined })) }));
    expect(strip(local)).toEqual(strip(english));
    expect(local.allowErrorForDataTypeAny).toBe(true);
    expect(local.allowCustomDataForDataTypeAny).toBe(false);
  });

  it('has its own description for every function and parameter', () => {
    local.functions.forEach((f, i) => {
      const en = english.functions[i];
      expect(f.description).toBeTruthy();
      expect(f.description).not.toBe(en.description);
      f.parameters.forEach((p, j) => {
        expect(p.description).toBeTruthy();
        expect({ f: f.id, p: p.name, same: p.description === en.parameters[j].description }).toEqual({ f: f.id, p: p.name, same: false });
      });
    });
  });

  it(lang === 'ru' ? 'is written in Cyrillic' : 'is written with Polish letters', () => {
    const text = local.functions.map((f) => f.description).join(' ');
    expect(text).toMatch(lang === 'ru' ? /[а-яё]{4}/ : /[ąćęłńóśźż]/);
  });
});

describe('dist/functions.js', () => {
  const bundle = fs.readFileSync(path.join(DIST, 'functions.js'), 'utf8');

  it.each(IDS)('registers a handler for %s with CustomFunctions.associate', (id) => {
    expect(bundle).toMatch(new RegExp(`CustomFunctions\\.associate\\(\\s*["']${id}["']\\s*,`));
  });
});

describe('manifest.xml', () => {
  const manifest = fs.readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
  const metadataUrl = /<bt:Url id="Functions\.Metadata\.Url"[^>]*>([\s\S]*?)<\/bt:Url>/.exec(manifest);

  it.each([
    ['ru-RU', 'ru'],
    ['pl-PL', 'pl'],
  ])('points Excel in %s to functions-%s.json, which the build writes', (locale, lang) => {
    expect(metadataUrl).not.toBeNull();
    const override = new RegExp(`<bt:Override Locale="${locale}" Value="[^"]*/functions-${lang}\\.json"\\s*/>`);
    expect((metadataUrl as RegExpExecArray)[1]).toMatch(override);
    expect(fs.existsSync(path.join(DIST, `functions-${lang}.json`))).toBe(true);
  });
});

describe('scripts/functions-locales.js', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { localize } = require('../../scripts/functions-locales.js') as {
    localize: (m: Metadata, t: Record<string, { description: string; parameters: Record<string, string> }>, lang: string) => { json: Metadata; problems: string[] };
  };
  const meta: Metadata = {
    functions: [{ id: 'NPS', name: 'NPS', description: 'Net promoter score', parameters: [{ name: 'scores', description: 'Answers' }], result: {} }],
  };

  it('reports a function or parameter without a text, and a text without a function', () => {
    expect(localize(meta, {}, 'ru').problems).toEqual(['ru: no text for NPS']);
    expect(localize(meta, { NPS: { description: 'NPS', parameters: {} } }, 'ru').problems).toEqual(['ru: no text for NPS(scores)']);
    expect(localize(meta, { NPS: { description: 'x', parameters: { scores: 'y' } }, CSI: { description: 'z', parameters: {} } }, 'pl').problems).toEqual([
      'pl: text for CSI, which is not a function',
    ]);
  });
});
