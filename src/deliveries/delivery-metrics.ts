import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metric } from '../common/metric';
import type { DeliverJobData } from './delivery-queue';
import type { AttemptResult } from './http-sender';

/**
 * Prometheus series of the delivery worker. Per-webhook series are bounded by the configured
 * webhooks (never by traffic), and a deleted webhook's series are removed (`forgetWebhooks`).
 */
@Injectable()
export class DeliveryMetrics {
  private readonly attempts = metric(
    'emulator_delivery_attempts_total',
    () =>
      new Counter({
        name: 'emulator_delivery_attempts_total',
        help: 'Delivery attempts by webhook and outcome',
        labelNames: ['webhook_id', 'outcome'],
      }),
  );
  private readonly discards = metric(
    'emulator_deliveries_discarded_total',
    () =>
      new Counter({
        name: 'emulator_deliveries_discarded_total',
        help: 'Deliveries discarded after their last attempt, by webhook',
        labelNames: ['webhook_id'],
      }),
  );
  private readonly parkedJobs = metric(
    'emulator_delivery_jobs_parked_total',
    () => new Counter({ name: 'emulator_delivery_jobs_parked_total', help: 'Jobs parked because their webhook was at its in-flight cap' }),
  );
  private readonly duration = metric(
    'emulator_delivery_attempt_duration_seconds',
    () =>
      new Histogram({
        name: 'emulator_delivery_attempt_duration_seconds',
        help: 'Duration of one HTTPS attempt, by webhook',
        labelNames: ['webhook_id'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );
  private readonly eventToDelivered = metric(
    'emulator_event_to_delivered_seconds',
    () =>
      new Histogram({
        name: 'emulator_event_to_delivered_seconds',
        help: "From the event's emission to the end of its delivered attempt, retries included",
        // Up to the default schedule's last retry (10 s + 1 min + 5 min, with jitter).
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      }),
  );

  parked(): void {
    this.parkedJobs.inc();
  }

  attempt(result: AttemptResult, job: DeliverJobData, discarded: boolean): void {
    const webhook_id = job.webhookId;
    this.attempts.inc({ webhook_id, outcome: result.outcome });
    this.duration.observe({ webhook_id }, result.durationMs / 1000);
    if (result.outcome === 'delivered') this.eventToDelivered.observe(Math.max(0, Date.now() - job.emittedAt) / 1000);
    if (discarded) this.discards.inc({ webhook_id });
  }

  /** Removes the series of every webhook for which `exists` says no (it was deleted). */
  async forgetWebhooks(exists: (webhookId: string) => boolean): Promise<void> {
    for (const { labels } of (await this.attempts.get()).values) {
      const webhook_id = String(labels.webhook_id);
      if (!exists(webhook_id)) this.attempts.remove({ webhook_id, outcome: String(labels.outcome) });
    }
    for (const series of [this.discards, this.duration]) {
      const ids = new Set((await series.get()).values.map((v) => String(v.labels.webhook_id)));
      for (const webhook_id of ids) if (!exists(webhook_id)) series.remove({ webhook_id });
    }
  }
}
