import type { DataSource } from 'typeorm';
import type { Logger } from '@nestjs/common';

// Any fixed 64-bit number; every process of this emulator takes the same lock.
const MIGRATION_LOCK_KEY = 7_144_135_716_251;

/**
 * Runs pending migrations while holding a session-level advisory lock, so several processes
 * starting together apply them once: the others wait, then find nothing pending.
 */
export async function runMigrationsLocked(dataSource: DataSource, logger?: Logger): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger?.log(`Applied migrations: ${names.join(', ')}`);
    return names;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
