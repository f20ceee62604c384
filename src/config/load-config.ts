import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parseSchedule } from '../common/retry-schedule';
import { AppConfig } from './app-config';
import { Environment } from './environment';

export class ConfigError extends Error {}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

const TYPE_CHECKS = ['isInt', 'isNumber', 'isBoolean'];

function describe(errors: ValidationError[], env: Record<string, string | undefined>): string {
  return errors
    .map((e) => {
      const shown = e.property.includes('KEY') ? '(hidden)' : JSON.stringify(env[e.property]);
      const constraints = e.constraints ?? {};
      // A value of the wrong kind fails its range checks too: say only what kind it must be.
      const kind = TYPE_CHECKS.find((k) => k in constraints);
      return `${e.property}=${shown}: ${kind ? constraints[kind] : Object.values(constraints).join('; ')}`;
    })
    .join('\n  ');
}

/** `host:port,host:port` of REDIS_CLUSTER_NODES (its format is checked by Environment). */
function parseClusterNodes(value: string): { host: string; port: number }[] {
  return list(value).map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
  });
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new Environment());
  const raw: Record<string, string> = {};
  for (const name of [...known, 'DATABASE_URL', 'REDIS_URL', 'REDIS_CLUSTER_NODES', 'ADMIN_API_KEY', 'ADMIN_ALLOWED_HOSTS', 'ALLOWED_ENDPOINT_HOSTS']) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const parsed = plainToInstance(Environment, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${describe(errors, env)}`);
  }
  const adminApiKey = parsed.ADMIN_API_KEY ?? null;
  if (!adminApiKey && !LOOPBACK.test(parsed.HOST) && !parsed.ALLOW_UNAUTHENTICATED_ADMIN) {
    throw new ConfigError(
      `Invalid configuration:\n  HOST=${JSON.stringify(parsed.HOST)}: without ADMIN_API_KEY the admin API ` +
        'binds to loopback only; set ADMIN_API_KEY, or ALLOW_UNAUTHENTICATED_ADMIN=true to accept an open admin API',
    );
  }
  return Object.assign(new AppConfig(), {
    http: {
      port: parsed.PORT,
      host: parsed.HOST,
      adminApiKey,
      allowUnauthenticatedAdmin: parsed.ALLOW_UNAUTHENTICATED_ADMIN,
      allowedHosts: [parsed.HOST, ...list(parsed.ADMIN_ALLOWED_HOSTS)],
    },
    metricsPort: parsed.METRICS_PORT,
    database: { url: parsed.DATABASE_URL ?? null, embeddedDir: parsed.EMBEDDED_PG_DIR },
    redis: {
      url: parsed.REDIS_URL ?? null,
      clusterNodes: parsed.REDIS_CLUSTER_NODES ? parseClusterNodes(parsed.REDIS_CLUSTER_NODES) : [],
      prefix: parsed.REDIS_PREFIX,
    },
    role: parsed.ROLE,
    logLevel: parsed.LOG_LEVEL,
    webhooks: { allowAnyEndpointPort: parsed.ALLOW_ANY_ENDPOINT_PORT, allowedEndpointHosts: list(parsed.ALLOWED_ENDPOINT_HOSTS) },
    delivery: {
      timeoutMs: parsed.DELIVERY_TIMEOUT_MS,
      retryScheduleMs: parseSchedule(parsed.RETRY_SCHEDULE),
      retryJitter: parsed.RETRY_JITTER,
      concurrency: parsed.WORKER_CONCURRENCY,
      maxInFlightPerWebhook: parsed.WEBHOOK_MAX_IN_FLIGHT,
      reconcileIntervalMs: parsed.RECONCILE_INTERVAL_MS,
      jobLockMs: parsed.JOB_LOCK_MS,
    },
    timeScale: parsed.TIME_SCALE,
    demoOrganization: parsed.DEMO_ORGANIZATION,
    simulationSeed: parsed.SIMULATION_SEED,
    retentionDays: parsed.RETENTION_DAYS,
  });
}
