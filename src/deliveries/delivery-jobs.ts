import { Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { JobName, type DeliverJobData } from './delivery-queue';
import { maxAttempts } from './retry-schedule';

/** Builds delivery jobs: id = delivery id (so a job is never queued twice), attempts from the webhook's schedule. */
@Injectable()
export class DeliveryJobs {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: WebhookRegistry,
  ) {}

  /** The job's own schedule (a scenario's) first, then the webhook's, then the configured one. */
  schedule(webhookId: string, own?: number[]): number[] {
    return own ?? this.registry.webhook(webhookId)?.retryScheduleMs ?? this.config.delivery.retryScheduleMs;
  }

  job(data: DeliverJobData, delayMs = 0): { name: JobName; data: DeliverJobData; opts: JobsOptions } {
    const attempts = Math.max(1, maxAttempts(this.schedule(data.webhookId, data.retryScheduleMs)) - data.attemptOffset);
    return {
      name: JobName.Deliver,
      data,
      opts: {
        jobId: data.deliveryId,
        attempts,
        backoff: { type: 'delivery' },
        delay: delayMs > 0 ? delayMs : undefined,
        // PostgreSQL holds the log; Redis keeps only work still to do.
        removeOnComplete: true,
        removeOnFail: true,
      },
    };
  }
}
