import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { RedisClient } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const check = this.indicator.check(key);
    try {
      const started = performance.now();
      await this.redis.ping();
      return check.up({ latencyMs: Math.round((performance.now() - started) * 100) / 100 });
    } catch (e) {
      return check.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }
}
