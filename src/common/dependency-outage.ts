/** A backing service whose unavailability the API reports as 503. */
export type Dependency = 'postgres' | 'redis';

export interface DependencyOutage {
  dependency: Dependency;
  /** What the Retry-After header says. */
  retryAfterSeconds: number;
}

/** A restarting PostgreSQL is back within seconds; a client retrying sooner only adds load. */
export const RETRY_AFTER_SECONDS = 5;

export const DEPENDENCY_NAMES: Record<Dependency, string> = { postgres: 'PostgreSQL', redis: 'Redis' };

// SQLSTATE classes and codes that mean the server is not there (not that the statement was wrong):
// 08 connection exception, 57P01-57P03 shutdown / cannot connect now, 53300 too many connections,
// 55P03 a lock held past lock_timeout by another session (API_LOCK_TIMEOUT_MS; no statement asks NOWAIT).
const PG_UNAVAILABLE_CODE = /^(08...|57P0[123]|53300|55P03)$/;
const PG_UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout|the database system is (starting up|shutting down|in recovery mode)/i;
// With enableOfflineQueue off, a command to a disconnected Redis fails at once with one of these.
const REDIS_UNAVAILABLE_MESSAGE = /enableOfflineQueue|Connection is closed|Command timed out|Reached the max retries per request limit/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * Tells whether an error means PostgreSQL or Redis is unavailable (down, restarting, unreachable)
 * rather than a fault of the request or of the code, and which. Looks through TypeORM's
 * driverError and an error's cause. A raw network error is PostgreSQL's: the pg pool passes its
 * socket errors on, while Redis commands (enableOfflineQueue off) fail with ioredis' own errors.
 */
export function dependencyOutage(error: unknown): DependencyOutage | null {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const message = typeof e.message === 'string' ? e.message : '';
    const code = typeof e.code === 'string' ? e.code : '';
    if (e.name === 'MaxRetriesPerRequestError' || REDIS_UNAVAILABLE_MESSAGE.test(message)) return outage('redis');
    if (PG_UNAVAILABLE_CODE.test(code) || PG_UNAVAILABLE_MESSAGE.test(message) || NETWORK_CODES.has(code)) return outage('postgres');
    e = (e.driverError ?? e.cause) as ErrorLike | undefined;
  }
  return null;
}

const outage = (dependency: Dependency): DependencyOutage => ({ dependency, retryAfterSeconds: RETRY_AFTER_SECONDS });
