import { BullModule } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { createRedis, keyPrefix, redisUrl, type RedisClient } from './redis-connection';

export { DEFAULT_REDIS_URL, redisUrl } from './redis-connection';
export const REDIS = Symbol('REDIS');

/** Connections made here for BullMQ that BullMQ does not close (a cluster client handed to the queues). */
const handedToBull = new Set<RedisClient>();

const quit = (redis: RedisClient) =>
  redis.quit().then(
    () => undefined,
    () => redis.disconnect(),
  );

/** A shared command connection (health, index change notices); BullMQ opens its own. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}
  async onApplicationShutdown(): Promise<void> {
    await quit(this.redis);
    await Promise.all([...handedToBull].map(quit));
    handedToBull.clear();
  }
}

/**
 * The API's queues fail a command at once while Redis is away (a 503, or for the outbox a job the
 * reconciler queues later) instead of holding it until Redis returns. BullMQ builds a standalone
 * connection from options, so a cluster gets a client of its own.
 */
function queueConnection(config: AppConfig): ConnectionOptions {
  const options = { maxRetriesPerRequest: null, enableOfflineQueue: false };
  if (!config.redis.clusterNodes.length) return { url: redisUrl(config), ...options };
  const cluster = createRedis(config, options);
  handedToBull.add(cluster);
  return cluster;
}

/** Imported by what injects REDIS; BullModule's root (its own library's global) configures every queue. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: queueConnection(config), prefix: keyPrefix(config.redis.prefix) }),
    }),
  ],
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      // Fails at once while disconnected, so /health reports Redis down instead of hanging.
      useFactory: (config: AppConfig) => createRedis(config, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 3000 }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
