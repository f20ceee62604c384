import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { JobName, type DeliverJobData } from './delivery-queue';
import { maxAttempts } from '../common/retry-schedule';
import { landisAttemptsInAll, LANDIS_DELIVERY_POLICY } from '../landis';

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

  /** A Landis webhook's deliveries follow ABP's cap (the processor may stop them earlier); others their schedule. */
  private attemptsInAll(data: DeliverJobData): number {
    if (this.registry.webhook(data.webhookId)?.platform === 'landis') return landisAttemptsInAll(LANDIS_DELIVERY_POLICY);
    return maxAttempts(this.schedule(data.webhookId, data.retryScheduleMs));
  }

  /**
   * A manual attempt is a job of one attempt that goes to the head of the wait list; a resend has
   * an id of its own, since its delivery may still have its scheduled job.
   */
  job(data: DeliverJobData, delayMs = 0): { name: JobName; data: DeliverJobData; opts: JobsOptions } {
    const attempts = data.manual ? 1 : Math.max(1, this.attemptsInAll(data) - data.attemptOffset);
    return {
      name: JobName.Deliver,
      data,
      opts: {
        jobId: data.manual === 'resend' ? `resend-${randomUUID()}` : data.deliveryId,
        attempts,
        lifo: data.manual !== undefined,
        backoff: { type: 'delivery' },
        delay: delayMs > 0 ? delayMs : undefined,
        // PostgreSQL holds the log; Redis keeps only work still to do.
        removeOnComplete: true,
        removeOnFail: true,
      },
    };
  }
}
