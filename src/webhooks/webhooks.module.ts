import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { WebhookRegistry } from './webhook-registry.service';

/** The registry runs in every process: matching in the API, lookups in the worker. */
@Module({ imports: [RedisModule], providers: [WebhookRegistry], exports: [WebhookRegistry] })
export class WebhooksModule {}
