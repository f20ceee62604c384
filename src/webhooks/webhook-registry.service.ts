import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { createRedis, type RedisClient } from '../redis/redis-connection';
import { SubscriptionIndex } from './subscription-index';
import type { WebhookPlatform } from '../common/webhook-platform';
import type { SubscriptionSnapshot, WebhookSnapshot } from './webhook-snapshot';

/**
 * Every process keeps the whole subscription index in memory. A change made through the API is
 * announced on a Redis channel and each process reloads at once; a periodic reload covers a
 * notice lost while Redis was unreachable.
 */
@Injectable()
export class WebhookRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookRegistry.name);
  private index = new SubscriptionIndex([], []);
  private generation = 0;
  private subscriber: RedisClient | null = null;
  private readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {
    this.channel = `${config.redis.prefix}:webhooks-changed`;
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    // The subscription waits for the connection (the shared one fails commands while disconnected).
    this.subscriber = createRedis(this.config, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.subscriber.on('message', () => {
      this.reload().catch((e) => this.logger.warn(`Reload after change notice failed: ${String(e)}`));
    });
    await this.subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  match(eventType: string, entityId: string | null | undefined, platform: WebhookPlatform = 'enreach'): WebhookSnapshot[] {
    return this.index.match(eventType, entityId, platform);
  }

  /** Switches a webhook off (Landis's optional deactivation after failures) and tells every process. */
  async deactivate(id: string): Promise<void> {
    await this.dataSource.query('UPDATE webhooks SET is_active = false, updated_at = now() WHERE id = $1', [id]);
    await this.changed();
  }

  webhook(id: string): WebhookSnapshot | undefined {
    return this.index.webhook(id);
  }

  /** Reloads here, then tells the other processes to do the same. */
  async changed(): Promise<void> {
    await this.reload();
    // The change is stored; with Redis away the other processes pick it up by their periodic reload.
    await this.redis.publish(this.channel, String(Date.now())).catch((e) => this.logger.warn(`Change notice not sent: ${String(e)}`));
  }

  @Interval(10_000)
  async periodicReload(): Promise<void> {
    await this.reload().catch((e) => this.logger.warn(`Periodic reload failed: ${String(e)}`));
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    const [webhooks, subscriptions] = await Promise.all([
      this.dataSource.query<WebhookSnapshot[]>(
        `SELECT id, platform, endpoint, insecure_ssl AS "insecureSsl", secret, is_active AS "isActive", headers,
                retry_schedule_ms AS "retryScheduleMs", deactivate_after_failures AS "deactivateAfterFailures" FROM webhooks`,
      ),
      this.dataSource.query<SubscriptionSnapshot[]>(
        `SELECT webhook_id AS "webhookId", event_type AS "eventType", entity_id AS "entityId",
                all_entities AS "allEntities" FROM subscriptions`,
      ),
    ]);
    // A slower, older reload must not replace a newer one.
    if (generation === this.generation) this.index = new SubscriptionIndex(webhooks, subscriptions);
  }
}
