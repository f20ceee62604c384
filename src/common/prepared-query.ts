import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a hot statement as a named prepared statement on TypeORM's own pg pool: each connection
 * parses and plans it once instead of on every call (DataSource.query() sends it unnamed).
 * `name` must stand for one `text` only.
 */
export async function preparedQuery<Row = unknown>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query({ name, text, values })).rows as Row[];
}
