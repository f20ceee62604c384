import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions } from '../../src/database/data-source-options';

/** A connection to the database migrated up to, not including, `migration`: to seed what the migration must cope with. */
export async function migratedBefore(databaseUrl: string, migration: (typeof MIGRATIONS)[number]): Promise<DataSource> {
  const index = MIGRATIONS.indexOf(migration);
  if (index <= 0) throw new Error(`${migration.name} is not a later migration of MIGRATIONS`);
  const before = new DataSource({ ...dataSourceOptions(databaseUrl), migrations: MIGRATIONS.slice(0, index) });
  await before.initialize();
  await before.runMigrations();
  return before;
}
