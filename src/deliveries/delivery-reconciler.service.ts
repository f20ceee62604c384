import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DeliveryJobs } from './delivery-jobs';
import { QueueName, type DeliverJobData } from './delivery-queue';

interface Unfinished {
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: string;
  scheduled_attempts: number;
  next_attempt_at: Date | null;
  retry_schedule_ms: number[] | null;
  body: string;
  created_ms: string;
}

const BATCH = 2000;

/**
 * Re-queues every delivery that is neither delivered nor discarded and has no job: after a Redis
 * flush, a crash between commit and enqueue, or a restart. A receiver may see a duplicate, which
 * the platform allows too (receivers de-duplicate by Id); nothing accepted is lost.
 */
@Injectable()
export class DeliveryReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deliveries) private readonly queue: Queue<DeliverJobData>,
    private readonly jobs: DeliveryJobs,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.delivery.reconcileIntervalMs;
    const tick = () => {
      this.reconcile()
        .catch((e) => this.logger.warn(`Reconcile failed: ${String(e)}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, every);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One pass; returns how many deliveries were re-queued. */
  reconcile(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    // Only rows untouched for a while: a fresh one may be between its commit and its enqueue.
    const graceMs = Math.max(200, Math.floor(this.config.delivery.reconcileIntervalMs / 2));
    let requeued = 0;
    let after = '';
    for (;;) {
      const rows: Unfinished[] = await this.dataSource.query(
        `SELECT d.id, d.event_id, d.webhook_id, d.event_type, d.next_attempt_at, d.retry_schedule_ms, e.body::text AS body,
           (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.trigger = 'scheduled')::int AS scheduled_attempts,
           (extract(epoch from d.created_at) * 1000)::bigint AS created_ms
         FROM deliveries d JOIN events e ON e.id = d.event_id
         WHERE d.status IN ('pending', 'retrying') AND d.updated_at < now() - make_interval(secs => $1::float / 1000)
           AND d.id::text > $2
         ORDER BY d.id LIMIT $3`,
        [graceMs, after, BATCH],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const exists = await this.jobsExist(rows.map((r) => r.id));
      const missing = rows.filter((_, i) => !exists[i]);
      if (missing.length > 0) {
        await this.queue.addBulk(
          missing.map((r) =>
            this.jobs.job(
              {
                deliveryId: r.id,
                eventId: r.event_id,
                webhookId: r.webhook_id,
                eventType: r.event_type,
                body: r.body,
                attemptOffset: r.scheduled_attempts,
                emittedAt: Number(r.created_ms),
                ...(r.retry_schedule_ms ? { retryScheduleMs: r.retry_schedule_ms } : {}),
              },
              r.next_attempt_at ? new Date(r.next_attempt_at).getTime() - Date.now() : 0,
            ),
          ),
        );
        requeued += missing.length;
      }
      if (rows.length < BATCH) break;
    }
    if (requeued > 0) this.logger.warn(`Re-queued ${requeued} deliveries that had no job`);
    return requeued;
  }

  private async jobsExist(ids: string[]): Promise<boolean[]> {
    const client = (await this.queue.client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const id of ids) pipeline.exists(this.queue.toKey(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, count]) => !err && Number(count) > 0);
  }
}
