import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { keyPrefix } from '../../src/redis/redis-connection';
import { Client } from 'pg';

/** A superuser connection used only to create and drop each run's own database. */
// Read when used: ensureServices() may point them at services it started.
export const adminDatabaseUrl = () => process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestInfra {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  drop(): Promise<void>;
}

/** A fresh database and Redis key prefix, so test runs never see each other's data. */
export async function createTestInfra(): Promise<TestInfra> {
  const suffix = randomBytes(5).toString('hex');
  const database = `emu_test_${suffix}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${database}`;
  const redisPrefix = `emu-test-${suffix}`;
  return {
    databaseUrl: url.toString(),
    redisUrl: testRedisUrl(),
    redisPrefix,
    drop: async () => {
      const client = new Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
      await deleteRedisPrefix(testRedisUrl(), redisPrefix);
    },
  };
}

/** Deletes the keys the service wrote under REDIS_PREFIX `prefix` (hash-tagged), and a bench's own queue's under the bare prefix. */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    for (const pattern of [`${keyPrefix(prefix)}:*`, `${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
