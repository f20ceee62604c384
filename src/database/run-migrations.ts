import { MigrationExecutor, type DataSource } from 'typeorm';
import type { Logger } from '@nestjs/common';

// Any fixed 64-bit number; every process of this emulator takes the same lock.
const MIGRATION_LOCK_KEY = 7_144_135_716_251;

/**
 * Runs pending migrations while holding a session-level advisory lock, so several processes
 * starting together apply them once: the others wait, then find nothing pending. They run on the
 * lock's own connection with no lock_timeout: waiting for another process's migrations, or for a
 * table a migration alters, is not an outage (API_LOCK_TIMEOUT_MS is for requests).
 */
export async function runMigrationsLocked(dataSource: DataSource, logger?: Logger): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET lock_timeout = 0');
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger?.log(`Applied migrations: ${names.join(', ')}`);
    return names;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    // Back to the pool with the pool's lock_timeout.
    await runner.query('RESET lock_timeout').catch(() => undefined);
    await runner.release();
  }
}
