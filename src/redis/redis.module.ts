import { BullModule } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const REDIS = Symbol('REDIS');

/** A shared command connection (health, index change notices); BullMQ opens its own. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function redisUrl(config: AppConfig): string {
  return config.redis.url ?? DEFAULT_REDIS_URL;
}

/** Imported by what injects REDIS; BullModule's root (its own library's global) configures every queue. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // The API's queues fail a command at once while Redis is away (a 503, or for the outbox a
        // job the reconciler queues later) instead of holding it until Redis returns.
        connection: { url: redisUrl(config), maxRetriesPerRequest: null, enableOfflineQueue: false },
        prefix: config.redis.prefix,
      }),
    }),
  ],
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      // Fails at once while disconnected, so /health reports Redis down instead of hanging.
      useFactory: (config: AppConfig) => new Redis(redisUrl(config), { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 3000 }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
