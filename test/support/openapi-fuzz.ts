import { randomUUID } from 'node:crypto';

/**
 * Malformed requests derived from an OpenAPI document: every operation it lists gets wrong types,
 * missing and extra fields, huge and deep bodies, NUL and lone surrogates, bad UUIDs, dates and
 * numbers, wrong content types and bodies where none is taken. Each case is malformed by
 * construction, so the only right answer is a 4xx; a new route is fuzzed without editing anything.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: unknown[];
  anyOf?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: unknown }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzCase {
  /** What is wrong, for the failure report. */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const HUGE = Buffer.from(JSON.stringify({ pad: 'x'.repeat(1_500_000) }));
const DEEP = Buffer.from('{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
/** JSON text with a lone surrogate: JSON.stringify would escape it as \ud800 too, written out to be sure. */
const LONE_SURROGATE_TEXT = '"\\ud800"';

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.split('/').pop()!];
}

/** A plausible value from the document (example, default, enum), for the fields a case leaves intact. */
function plausible(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s) return 'x';
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'integer' || s.type === 'number') return 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'array') return [];
  if (s.format === 'uuid') return randomUUID();
  if (s.type === 'object' || s.properties) return depth > 2 ? {} : baseBody(doc, s, depth + 1);
  return 'x';
}

function baseBody(doc: OpenApiDocument, schema: Schema, depth = 0): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of schema.required ?? []) body[name] = plausible(doc, schema.properties?.[name], depth);
  return body;
}

/** Values of the wrong type (or out of their set) for a field: never a value the schema admits. */
function wrongValues(doc: OpenApiDocument, schema: Schema | undefined): unknown[] {
  const always = ['nul\u0000inside', 'lone \ud800 surrogate'];
  const s = resolve(doc, schema);
  if (!s || s.oneOf || s.anyOf) return always;
  const containers: unknown[] = [[], { nested: 1 }];
  switch (s.type) {
    case 'string':
      return [...always, 123, 1.5, true, ...containers, s.enum ? 'not-one-of-the-values' : 'x'.repeat(20_000)].concat(
        s.format === 'uuid' ? ['not-a-uuid'] : s.format === 'date-time' ? ['2021-02-29', '0000-01-01T00:00:00Z'] : [],
      );
    case 'number':
    case 'integer':
      return [...always, '12', 'abc', '', 'NaN', true, ...containers, ...(s.type === 'integer' ? [1.5] : [])];
    case 'boolean':
      return [...always, 'true', 1, ...containers];
    case 'array': {
      const item = resolve(doc, s.items);
      const wrongItem = item?.type === 'string' ? 123 : item?.type === 'number' || item?.type === 'boolean' ? 'x' : 'x';
      return [...always, 'x', 7, { nested: 1 }, [[]], [wrongItem]];
    }
    default:
      if (s.type === 'object' || s.properties) return [...always, 'x', 7, true, [], [{}]];
      return always;
  }
}

function isUuidParam(p: Parameter): boolean {
  return p.schema?.format === 'uuid' || /(^id$|Id$)/.test(p.name);
}

function fillPath(path: string, params: Parameter[], override: Record<string, string> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name in override) return override[name];
    const p = params.find((x) => x.name === name);
    return p && isUuidParam(p) ? randomUUID() : 'fuzz-user@example.test';
  });
}

function bodyCases(doc: OpenApiDocument, method: string, path: string, schema: Schema): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add = (label: string, body: Buffer, headers: Record<string, string> = JSON_TYPE) => cases.push({ label, method, path, headers, body });
  const base = baseBody(doc, schema);
  add('body is an array', json([base]));
  add('body is a string', json('text'));
  add('body is a number', json(42));
  add('body is null', Buffer.from('null'));
  add('body is truncated JSON', Buffer.from('{"a":'));
  add('body nests 5000 levels', DEEP);
  add('body of 1.5 MB', HUGE);
  add('body as a form post', Buffer.from('Name=evil&EventType=x'), { 'content-type': 'application/x-www-form-urlencoded' });
  add('JSON sent as text/plain', json(base), { 'content-type': 'text/plain' });
  add('JSON without a content type', json(base), {});
  add('JSON in latin1', json(base), { 'content-type': 'application/json; charset=latin1' });
  add('body is not UTF-8', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
  add('NUL in a property name', json({ ...base, 'bad\u0000name': 1 }));
  add('lone surrogate in a value', Buffer.from(`{"${Object.keys(base)[0] ?? 'x'}":${LONE_SURROGATE_TEXT}}`));
  add('an unknown extra field', json({ ...base, NotAFieldOfThisRoute: 1 }));
  for (const name of schema.required ?? []) {
    const rest = { ...base };
    delete rest[name];
    add(`required ${name} missing`, json(rest));
  }
  if (schema.required?.length) add('no body although fields are required', Buffer.alloc(0));
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const type = resolve(doc, prop)?.type;
    // 1e400 parses to Infinity: a number no field admits.
    if (type === 'number' || type === 'integer')
      add(`${name} = 1e400`, Buffer.from(JSON.stringify({ ...base, [name]: 0 }).replace(`"${name}":0`, `"${name}":1e400`)));
    for (const value of wrongValues(doc, prop)) add(`${name} = ${JSON.stringify(value).slice(0, 40)}`, json({ ...base, [name]: value }));
    // One level down: a nested object's fields, and the fields of an array's object items.
    const own = resolve(doc, prop);
    const item = own?.type === 'array' ? resolve(doc, own.items) : undefined;
    const nested = own?.properties ? own : item?.properties ? item : undefined;
    if (nested?.properties) {
      const inner = baseBody(doc, nested);
      const wrap = (v: Record<string, unknown>) => (nested === item ? [v] : v);
      for (const [innerName, innerProp] of Object.entries(nested.properties)) {
        for (const value of wrongValues(doc, innerProp)) {
          add(`${name}.${innerName} = ${JSON.stringify(value).slice(0, 40)}`, json({ ...base, [name]: wrap({ ...inner, [innerName]: value }) }));
        }
      }
      add(`${name} with an unknown field`, json({ ...base, [name]: wrap({ ...inner, NotAField: 1 }) }));
    }
  }
  return cases;
}

function queryCases(method: string, path: string, params: Parameter[]): FuzzCase[] {
  const query = params.filter((p) => p.in === 'query');
  const cases: FuzzCase[] = [];
  const add = (label: string, qs: string) => cases.push({ label, method, path: `${path}?${qs}`, headers: {} });
  // An admin route that reads no query refuses one too (it would otherwise look as if it paged).
  if (path.startsWith('/api/')) add('an unknown query parameter', 'notAParameter=1');
  if (!query.length) return cases;
  add('a __proto__ query parameter', '__proto__=1');
  add('a bracketed (object) query key', `${encodeURIComponent(query[0].name)}[a]=1`);
  for (const p of query) {
    const values: string[] = ['%00', '%ED%A0%80x%00'];
    const s = p.schema ?? {};
    if (s.type === 'integer' || s.type === 'number') values.push('abc', '-1', '1e20', '1.5', '99999999999999999999', '0x10');
    if (s.enum) values.push('not-one-of-the-values');
    if (s.format === 'uuid') values.push('x', '1e20', 'not-a-uuid');
    if (s.format === 'date-time') values.push('2021-02-29', '0000-01-01', 'yesterday', '2026-13-01');
    if (s.type === 'string' && !s.enum && !s.format) values.push('x'.repeat(300));
    for (const v of values) add(`${p.name}=${v.slice(0, 30)}`, `${p.name}=${v}`);
    add(`${p.name} given twice`, `${p.name}=1&${p.name}=2`);
  }
  return cases;
}

/** Every case for every operation of the document. */
export function fuzzCases(doc: OpenApiDocument): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase();
      const params = op.parameters ?? [];
      const path = fillPath(template, params);
      const schema = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      const takesBody = !!op.requestBody;
      for (const p of params.filter((x) => x.in === 'path')) {
        const bad = isUuidParam(p)
          ? ['not-a-uuid', '%00', '1e20', '-1', 'null', '00000000-0000-0000-0000-00000000000g', `{${randomUUID()}}`, '%ZZ', 'x'.repeat(3000)]
          : ['%00', '%ED%A0%80', '%ZZ', 'x'.repeat(3000)];
        for (const v of bad) cases.push({ label: `path ${p.name}=${v.slice(0, 20)}`, method, path: fillPath(template, params, { [p.name]: v }), headers: {} });
      }
      cases.push(...queryCases(method, path, params));
      cases.push({ label: 'NUL in an extra path segment', method, path: `${path}/%00`, headers: {} });
      if (m === Object.keys(item)[0]) {
        const other = ['PUT', 'PATCH', 'POST', 'DELETE'].find((x) => !(x.toLowerCase() in item));
        if (other) cases.push({ label: `${other}, which this path does not have`, method: other, path, headers: {} });
      }
      if (method === 'GET' || method === 'DELETE' || method === 'HEAD') {
        cases.push({ label: `${method} with a JSON body`, method, path, headers: JSON_TYPE, body: json({ a: 1 }) });
        cases.push({ label: `${method} with a 1.5 MB body`, method, path, headers: JSON_TYPE, body: HUGE });
      } else if (!takesBody) {
        cases.push({ label: 'a body where none is taken', method, path, headers: JSON_TYPE, body: json({ Unexpected: 1 }) });
        cases.push({
          label: 'a form post where no body is taken',
          method,
          path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: Buffer.from('a=1'),
        });
        cases.push({ label: 'a 1.5 MB body where none is taken', method, path, headers: JSON_TYPE, body: HUGE });
      } else {
        cases.push(...bodyCases(doc, method, path, schema ?? { type: 'object' }));
      }
    }
  }
  return cases;
}
