import type { ModuleMetadata } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/app-config.module';
import { DatabaseModule } from '../database/database.module';
import { RedisModule } from '../redis/redis.module';

/** What every role's root imports first: the configuration, PostgreSQL, Redis with BullMQ, timers. */
export function infrastructure(config: AppConfig): NonNullable<ModuleMetadata['imports']> {
  return [AppConfigModule.forRoot(config), ScheduleModule.forRoot(), DatabaseModule, RedisModule];
}
