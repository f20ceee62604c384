import Redis from 'ioredis';
import { Client } from 'pg';
import type { StartedService } from '../../src/common/started-service';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { startLocalRedis } from '../../src/redis/local-redis';
import { adminDatabaseUrl, testRedisUrl } from './test-infra';

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/**
 * Uses the PostgreSQL and Redis on 127.0.0.1 when they run (CI, developer machines); otherwise
 * starts an embedded PostgreSQL and a redis-server from PATH and points DATABASE_ADMIN_URL and
 * TEST_REDIS_URL at them, so tests and benchmarks work on a machine that has only Node and Redis.
 */
export async function ensureServices(log: (m: string) => void = console.log): Promise<StartedService[]> {
  const started: StartedService[] = [];
  // TEST_EMBEDDED_PG=true skips the local server (to test the path a machine without one takes).
  const pgUp =
    process.env.TEST_EMBEDDED_PG !== 'true' &&
    (await reachable(async () => {
      const client = new Client({ connectionString: adminDatabaseUrl(), connectionTimeoutMillis: 2000 });
      await client.connect();
      await client.end();
    }));
  if (!pgUp) {
    if (process.env.DATABASE_ADMIN_URL) throw new Error(`DATABASE_ADMIN_URL=${process.env.DATABASE_ADMIN_URL} is not reachable`);
    const pg = await startEmbeddedPostgres('.data/test-postgres', log);
    started.push(pg);
    const url = new URL(pg.url);
    url.pathname = '/postgres';
    process.env.DATABASE_ADMIN_URL = url.toString();
  }
  const redisUp = await reachable(async () => {
    const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });
  if (!redisUp) {
    if (process.env.TEST_REDIS_URL) throw new Error(`TEST_REDIS_URL=${process.env.TEST_REDIS_URL} is not reachable`);
    const redis = await startLocalRedis(log);
    started.push(redis);
    process.env.TEST_REDIS_URL = redis.url;
  }
  return started;
}
