import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/enreach_emulator';

/** The one DataSource configuration, shared by the app and the migration CLI. */
export function dataSourceOptions(url: string): DataSourceOptions {
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
    extra: { max: 10, connectionTimeoutMillis: 5000, keepAlive: true },
  };
}
