import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/enreach_emulator';

/**
 * A statement of a process that answers API requests gives up after waiting this long for a lock
 * (a long transaction holding one): the request answers 503 instead of hanging as long as the lock.
 */
export const API_LOCK_TIMEOUT_MS = 5000;

/**
 * The one DataSource configuration, shared by the app and the migration CLI. `lockTimeoutMs`
 * bounds every statement's wait for a lock (none when absent: a worker's log write may wait).
 */
export function dataSourceOptions(url: string, lockTimeoutMs?: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Bursts of deliveries write in batches; a few connections per process are enough. A server
    // that does not answer fails a request after 5 s (a 503) rather than holding it.
    extra: { max: 10, connectionTimeoutMillis: 5000, keepAlive: true, ...(lockTimeoutMs ? { lock_timeout: lockTimeoutMs } : {}) },
  };
}
