import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv, { type ValidateFunction } from 'ajv';
import ts from 'typescript';

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
    if (!schema) return body === undefined || body === '' || (typeof body === 'object' && body !== null && Object.keys(body).length === 0) ? [] : [`${method} ${path} ${status}: a body where none is documented`];
    const key = `${method} ${path} ${status}`;
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(rebase(schema) as object)));
    return validate(body) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${key}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

export interface TypeCheckResult {
  diagnostics: string[];
}

/**
 * Generates TypeScript types from the document with openapi-typescript into a temp folder, puts
 * `files` beside them, and type-checks them with `tsc --strict`. The folder is removed afterwards.
 */
export function typeCheckAgainstDocument(doc: Doc, files: Record<string, string>): TypeCheckResult {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-client-'));
  try {
    // Its command line, as the README tells users to run it (the package is ESM inside, which jest
    // cannot load). Defaults stay optional: openapi-typescript otherwise makes every property with
    // a default required, in request bodies too.
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    const cli = join(dirname(require.resolve('openapi-typescript')), '..', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, join(dir, 'openapi.json'), '--default-non-nullable', 'false', '--output', join(dir, 'emulator-api.ts')], { stdio: 'pipe' });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts'],
      types: [],
      noUnusedLocals: false,
    };
    const program = ts.createProgram(Object.keys(files).map((name) => join(dir, name)), options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    return { diagnostics };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The README tour's emulator requests: `curl ... localhost:3000/api/... -d '<json>'`, in order. */
export function readmeTourRequests(readmePath: string): { method: string; path: string; body: unknown }[] {
  const readme = readFileSync(readmePath, 'utf8');
  const tour = readme.slice(readme.indexOf('## Quick tour'));
  const section = tour.slice(0, tour.indexOf('\n## ', 5));
  const requests: { method: string; path: string; body: unknown }[] = [];
  const curl = /curl -s (?:-X (\w+) )?'?localhost:3000(\/api\/[^\s'?]*)[^\n]*?(?:-d '([^']*)')?\s*$/gm;
  for (const m of section.matchAll(curl)) {
    const body = m[3] === undefined ? undefined : JSON.parse(m[3]);
    requests.push({ method: (m[1] ?? (body === undefined ? 'GET' : 'POST')).toLowerCase(), path: m[2], body });
  }
  return requests;
}
