import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryRepository } from './delivery.repository';
import { QueueName, type DeliverJobData } from './delivery-queue';

const BATCH = 2000;
/**
 * How long a delivery must have been seen unfinished, unchanged and without a job before it counts
 * as orphaned. A job is removed from Redis when its attempt ends, and the attempt's log row lands
 * a little later (batched, DeliveryLogWriter): a delivery seen in that gap is not an orphan.
 */
const ORPHAN_AFTER_MS = 3000;

interface Suspect {
  updatedUs: string;
  since: number;
}

/**
 * Re-queues every delivery that is neither delivered nor discarded and has no job: after a Redis
 * flush, a crash between commit and enqueue, or a restart. A receiver may then see a duplicate,
 * which the platform allows too (receivers de-duplicate by Id); nothing accepted is lost. Without
 * such a fault nothing is re-queued: a delivery is an orphan only when two passes at least
 * ORPHAN_AFTER_MS apart both found it without a job and its row unchanged in between (no attempt
 * logged), so a job that just finished, whose log row is still on its way, is never sent again.
 */
@Injectable()
export class DeliveryReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Deliveries found without a job, by id: requeued when found so again, unchanged, later. */
  private suspects = new Map<string, Suspect>();

  constructor(
    private readonly repository: DeliveryRepository,
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
          // Suspects get their second look soon, so an orphan waits seconds, not a whole interval.
          if (this.timer) this.timer = setTimeout(tick, this.suspects.size > 0 ? Math.min(every, ORPHAN_AFTER_MS) : every);
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
    const now = Date.now();
    const suspects = new Map<string, Suspect>();
    for (;;) {
      const rows = await this.repository.findUnfinished(graceMs, after, BATCH);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const exists = await this.jobsExist(rows.map((r) => r.id));
      const missing = rows.filter((r, i) => {
        if (exists[i]) return false;
        const seen = this.suspects.get(r.id);
        if (seen && seen.updatedUs === r.updated_us && now - seen.since >= ORPHAN_AFTER_MS) return true;
        suspects.set(r.id, seen?.updatedUs === r.updated_us ? seen : { updatedUs: r.updated_us, since: now });
        return false;
      });
      // Read again after the Redis check: an attempt logged meanwhile changed the row.
      const orphans =
        missing.length > 0
          ? (await this.repository.findOrphaned(missing.map((r) => r.id))).filter((o) => o.updated_us === this.suspects.get(o.id)?.updatedUs)
          : [];
      if (orphans.length > 0) {
        await this.queue.addBulk(
          orphans.map((r) =>
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
        requeued += orphans.length;
      }
      if (rows.length < BATCH) break;
    }
    this.suspects = suspects;
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
