import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { endpointRules, endpointUrlProblem } from '../webhooks/endpoint-rules';
import { redactAttempt, sentSecrets } from './attempt-redaction';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { DeliveryFailedError, deliveryBackoff } from './delivery-failed.error';
import { DeliveryLogWriter } from './delivery-log.writer';
import { DeliveryMetrics } from './delivery-metrics';
import { QueueName, type DeliverJobData } from './delivery-queue';
import { deliveryHeaders, loggedHeaders } from './delivery-request';
import { DeliverySender } from './delivery-sender';
import { InFlightLimiter } from './in-flight-limiter';
import { coalesceWrites } from '../redis/coalesced-writes';
import { redisUrl } from '../redis/redis.module';
import { retryDelayMs } from './retry-schedule';

/** How long a job waits for its webhook's in-flight slot before stepping aside. */
const SLOT_WAIT_MS = 50;

/**
 * One scheduled attempt per job run. A failed attempt THROWS, so BullMQ's attempts and backoff
 * retry it; after the last attempt BullMQ fails the job and the delivery is recorded as discarded.
 * The BullMQ Worker is built here rather than by @Processor so that its concurrency and lock
 * timings come from the validated configuration.
 */
@Injectable()
export class DeliveryProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryProcessor.name);
  private readonly limiter: InFlightLimiter;
  private worker: Worker<DeliverJobData> | null = null;
  private connection: Redis | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: WebhookRegistry,
    private readonly sender: DeliverySender,
    private readonly log: DeliveryLogWriter,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.limiter = new InFlightLimiter(config.delivery.maxInFlightPerWebhook);
  }

  onApplicationBootstrap(): void {
    const lockMs = this.config.delivery.jobLockMs;
    this.connection = coalesceWrites(new Redis(redisUrl(this.config), { maxRetriesPerRequest: null }));
    this.worker = new Worker<DeliverJobData>(QueueName.Deliveries, (job, token) => this.process(job, token), {
      // The commands of jobs finishing in the same turn go out in one write (npm run bench:
      // ~5,800 -> ~6,300 deliveries/s). BullMQ's blocking connection is its own duplicate.
      connection: this.connection,
      prefix: this.config.redis.prefix,
      concurrency: this.config.delivery.concurrency,
      // A worker that dies mid-attempt loses its locks after lockMs; its jobs then run again.
      lockDuration: lockMs,
      stalledInterval: lockMs,
      settings: { backoffStrategy: deliveryBackoff },
    });
    this.worker.on('error', (e) => this.logger.warn(`Worker: ${e.message}`));
    this.worker.on('failed', (job, e) => { if (!(e instanceof DeliveryFailedError)) this.logger.warn(`Job ${job?.id} failed: ${e.message}`); });
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Stop taking jobs, let the ones in flight finish, and write their log before the pools close.
    await this.worker?.close();
    // A connection handed to BullMQ is the caller's to close.
    await this.connection?.quit().catch(() => this.connection?.disconnect());
    await this.log.drain();
  }

  async process(job: Job<DeliverJobData>, token?: string): Promise<void> {
    const data = job.data;
    const webhook = this.registry.webhook(data.webhookId);
    if (!webhook || !webhook.isActive) {
      const reason = webhook ? 'webhook is inactive' : 'webhook was deleted';
      await this.log.discardWithoutAttempt(data.deliveryId, reason);
      throw new UnrecoverableError(reason);
    }
    const urlProblem = endpointUrlProblem(webhook.endpoint, endpointRules(this.config));
    if (urlProblem) {
      await this.log.discardWithoutAttempt(data.deliveryId, `Endpoint ${urlProblem}`);
      throw new UnrecoverableError(urlProblem);
    }
    if (!(await this.limiter.acquire(webhook.id, SLOT_WAIT_MS))) {
      // The receiver is slow or hung: give the worker slot back to other webhooks' jobs. This job
      // comes back shortly and is not counted as an attempt.
      await job.moveToDelayed(Date.now() + 50 + Math.floor(Math.random() * 150), token);
      throw new DelayedError();
    }
    const headers = deliveryHeaders(webhook, data.eventType);
    let result;
    try {
      result = redactAttempt(
        await this.sender.send({ url: webhook.endpoint, body: data.body, headers, insecureSsl: webhook.insecureSsl, timeoutMs: this.config.delivery.timeoutMs }),
        sentSecrets(headers, loggedHeaders(headers)),
      );
    } finally {
      this.limiter.release(webhook.id);
    }
    const maxAttempts = job.opts.attempts ?? 1;
    const delivered = result.outcome === 'delivered';
    const last = job.attemptsMade + 1 >= maxAttempts;
    const schedule = data.retryScheduleMs ?? webhook.retryScheduleMs ?? this.config.delivery.retryScheduleMs;
    const attemptNumber = data.attemptOffset + job.attemptsMade + 1;
    const delay =
      delivered || last
        ? null
        : retryDelayMs(attemptNumber, schedule, { jitter: this.config.delivery.retryJitter, timeScale: this.config.timeScale, random: Math.random });
    await this.log.record({
      deliveryId: data.deliveryId,
      attemptNumber,
      trigger: 'scheduled',
      result,
      requestHeaders: loggedHeaders(headers),
      status: delivered ? 'delivered' : last ? 'discarded' : 'retrying',
      nextAttemptAt: delay === null ? null : new Date(Date.now() + delay),
    });
    this.metrics.attempt(result, data, !delivered && last);
    if (!delivered) {
      if (last) this.logger.debug(`Delivery ${data.deliveryId} discarded after ${attemptNumber} attempts: ${result.outcome}`);
      throw new DeliveryFailedError(result, delay);
    }
  }
}
