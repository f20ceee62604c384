import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv, { type ValidateFunction } from 'ajv';

/** What CI checks on /docs/json: Redocly's lint, answers against their schemas, and a typed client. */

export type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
export interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown; example?: unknown; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

export interface LintProblem {
  severity: string;
  rule: string;
  message: string;
  at: string;
}

/** Redocly's `recommended` rules, as `redocly lint` runs them without a config file. */
export async function lintOpenApi(doc: Doc): Promise<LintProblem[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
  return problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location[0]?.pointer ?? '' }));
}

/** Validates answers against the document's response schemas (OpenAPI 3.0: nullable, refs to components). */
export function responseValidator(doc: Doc): (method: string, path: string, status: number, body: unknown) => string[] {
  // strict off: OpenAPI's `example` and `discriminator` are not JSON Schema keywords; formats are documentation.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const rebase = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
  const compiled = new Map<string, ValidateFunction>();
  return (method, path, status, body) => {
    const answer = doc.paths[path]?.[method]?.responses[String(status)];
    if (!answer) return [`${method.toUpperCase()} ${path} answered ${status}, which the document does not list`];
    const schema = answer.content?.['application/json']?.schema;
    if (!schema)
      return body === undefined || body === '' || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)
        ? []
        : [`${method} ${path} ${status}: a body where none is documented`];
    const key = `${method} ${path} ${status}`;
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(rebase(schema) as object)));
    return validate(body) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${key}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

export interface TypeCheckResult {
  /** tsc's errors, one line each: `file(line,col): error TSnnnn: message`. */
  diagnostics: string[];
}

const run = promisify(execFile);

/**
 * Generates TypeScript types from the document with openapi-typescript into a temp folder, puts
 * `files` beside them, and type-checks them with `tsc --strict`; both run as child processes, so
 * the app under test in this process keeps serving. The folder is removed afterwards.
 */
export async function typeCheckAgainstDocument(doc: Doc, files: Record<string, string>): Promise<TypeCheckResult> {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-client-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    // Its command line, as the README tells users to run it. Defaults stay optional: openapi-typescript
    // otherwise makes every property with a default required, in request bodies too.
    const generator = join(dirname(require.resolve('openapi-typescript')), '..', 'bin', 'cli.js');
    await run(process.execPath, [generator, join(dir, 'openapi.json'), '--default-non-nullable', 'false', '--output', join(dir, 'emulator-api.ts')]);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', lib: ['ES2022'], types: [] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
    const tsc = join(dirname(require.resolve('typescript')), '..', 'bin', 'tsc');
    const output = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false']).then(
      (r) => r.stdout,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    return { diagnostics: output.split('\n').filter((line) => /\(\d+,\d+\): error TS\d+/.test(line)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReadmeRequest {
  method: string;
  /** The path as the README writes it, e.g. /api/queues/6cb31d7d-.../smart-routing. */
  path: string;
  body: unknown;
}

/** The admin API requests a README text shows: `curl ... localhost:3000/api/...` (or `$EMULATOR_URL`), in order. */
export function readmeApiRequests(text: string): ReadmeRequest[] {
  const joined = text.replace(/\\\n\s*/g, ' '); // shell line continuations
  const curl = /curl -\w+ (?:-X (\w+) )?['"]?(?:localhost:3000|\$EMULATOR_URL)(\/api\/[^\s'"?]*)[^\n]*?(?:-d '([^']*)')?[ \t]*$/gm;
  return [...joined.matchAll(curl)].map((m) => {
    const body = m[3] === undefined ? undefined : (JSON.parse(m[3]) as unknown);
    return { method: (m[1] ?? (body === undefined ? 'GET' : 'POST')).toLowerCase(), path: m[2], body };
  });
}

/** The document's path template a concrete path belongs to (literal segments win over parameters). */
export function pathTemplate(doc: Doc, method: string, path: string): string | undefined {
  const candidates = Object.keys(doc.paths).filter(
    (template) => doc.paths[template][method] && new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

/** The Quick tour section of the README. */
export function readmeTour(readmePath: string): string {
  const readme = readFileSync(readmePath, 'utf8');
  const tour = readme.slice(readme.indexOf('## Quick tour'));
  return tour.slice(0, tour.indexOf('\n## ', 5));
}
