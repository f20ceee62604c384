import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { endpointRules, endpointUrlProblem } from '../common/endpoint-rules';
import { redactAttempt, sentSecrets } from './attempt-redaction';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { DeliveryFailedError, deliveryBackoff } from './delivery-failed.error';
import { DeliveryLogWriter } from './delivery-log.writer';
import { DeliveryMetrics } from './delivery-metrics';
import { QueueName, type DeliverJobData } from './delivery-queue';
import { deliveryHeaders, loggedHeaders } from './delivery-request';
import { DeliverySender } from './delivery-sender';
import { InFlightLimiter } from './in-flight-limiter';
import { ParkedJobs, promotionsAfterAttempt } from './parked-jobs';
import { ResendSettled } from './resend-settled';
import { ReceiverHealth } from './receiver-health';
import { DeliveryRepository } from './delivery.repository';
import type { AttemptResult } from './http-sender';
import { coalesceWrites } from '../redis/coalesced-writes';
import { createRedis, keyPrefix, type RedisClient } from '../redis/redis-connection';
import { retryDelayMs } from '../common/retry-schedule';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';
import { landisAfterFailure, landisShouldDeactivate } from '../landis';
import { LandisAttemptCounter } from './landis-attempt-counter';
import { landisAttemptRequest, landisOutcome, landisPolicyOf, landisTimeoutMs } from './landis-attempt';

interface NextStep {
  /** No attempt follows: the delivery is discarded (unless delivered or a resend). */
  last: boolean;
  /** The wait before the next attempt; null when none follows. */
  delay: number | null;
}

/** Before any slot of a webhook freed, a job at its cap waits this long, then is parked. */
const SLOT_WAIT_MS = 50;
/**
 * A job at its webhook's cap waits in memory when a slot is expected within this long, at the pace
 * slots have been freeing; none freed for this long means the receiver is not answering.
 */
const STALE_MS = 250;

/**
 * One attempt per job run, scheduled or manual (resend, test send): the cap, the metrics, the log
 * and the attempt numbering are the same for all. A failed attempt THROWS, so BullMQ's attempts and backoff
 * retry it; after the last attempt BullMQ fails the job and the delivery is recorded as discarded.
 * The BullMQ Worker is built here rather than by @Processor so that its concurrency and lock
 * timings come from the validated configuration.
 */
@Injectable()
export class DeliveryProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryProcessor.name);
  private readonly limiter: InFlightLimiter;
  private readonly health = new ReceiverHealth();
  private parked: ParkedJobs | null = null;
  private resendSettled: ResendSettled | null = null;
  private landisAttempts: LandisAttemptCounter | null = null;
  private worker: Worker<DeliverJobData> | null = null;
  private connection: RedisClient | null = null;
  /** Attempts whose request is under way: shutdown waits for them even while Redis is away. */
  private sending = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: WebhookRegistry,
    private readonly sender: DeliverySender,
    private readonly log: DeliveryLogWriter,
    private readonly repository: DeliveryRepository,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.limiter = new InFlightLimiter(config.delivery.maxInFlightPerWebhook);
  }

  onApplicationBootstrap(): void {
    const lockMs = this.config.delivery.jobLockMs;
    const connection = createRedis(this.config, { maxRetriesPerRequest: null });
    // A cluster client writes to a socket per node; only a standalone one is coalesced.
    this.connection = connection instanceof Redis ? coalesceWrites(connection) : connection;
    this.worker = new Worker<DeliverJobData>(QueueName.Deliveries, (job, token) => this.process(job, token), {
      // The commands of jobs finishing in the same turn go out in one write (npm run bench:
      // ~5,800 -> ~6,300 deliveries/s). BullMQ's blocking connection is its own duplicate.
      connection: this.connection,
      prefix: keyPrefix(this.config.redis.prefix),
      concurrency: this.config.delivery.concurrency,
      // A worker that dies mid-attempt loses its locks after lockMs; its jobs then run again.
      lockDuration: lockMs,
      stalledInterval: lockMs,
      settings: { backoffStrategy: deliveryBackoff },
    });
    this.parked = new ParkedJobs(this.worker);
    this.resendSettled = new ResendSettled(this.worker, this.parked);
    this.landisAttempts = new LandisAttemptCounter(this.connection, keyPrefix(this.config.redis.prefix));
    this.worker.on('error', (e) => this.logger.warn(`Worker: ${e.message}`));
    this.worker.on('failed', (job, e) => {
      if (!(e instanceof DeliveryFailedError)) this.logger.warn(`Job ${job?.id} failed: ${e.message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Stop taking jobs, let the ones in flight finish, and write their log before the pools close.
    const closed = this.worker?.close();
    if (closed && (await Promise.race([closed.then(() => 'closed' as const), this.idleWithRedisAway()])) === 'redis away') {
      // BullMQ would wait for Redis forever to record the finished jobs (and to quit its connections).
      // The attempts are over and a delivered one's row is queued; a job left unrecorded runs again after JOB_LOCK_MS.
      this.logger.warn('Redis is unavailable: stopping without recording the finished jobs in it');
      this.connection?.disconnect();
    } else {
      // A connection handed to BullMQ is the caller's to close.
      await this.connection?.quit().catch(() => this.connection?.disconnect());
    }
    await this.log.drain();
  }

  /** Resolves once Redis is unreachable while no attempt is under way (checked every 100 ms). */
  private async idleWithRedisAway(): Promise<'redis away'> {
    while (this.connection?.status === 'ready' || this.sending > 0) await new Promise((r) => setTimeout(r, 100));
    return 'redis away';
  }

  async process(job: Job<DeliverJobData>, token?: string): Promise<void> {
    const data = job.data;
    const webhook = this.registry.webhook(data.webhookId);
    const manual = data.manual !== undefined;
    // A retry whose job was active when a resend delivered (so it could not be removed) ends here.
    // Asked before retries only: a first attempt's job is removed unless it is active.
    if (!manual && job.attemptsMade > 0 && (await this.resendSettled!.has(data.deliveryId))) return;
    if (!webhook || (!webhook.isActive && !manual)) {
      const reason = webhook ? 'webhook is inactive' : 'webhook was deleted';
      if (data.manual !== 'resend') await this.repository.discardWithoutAttempt(data.deliveryId, reason);
      throw new UnrecoverableError(reason);
    }
    const urlProblem = endpointUrlProblem(webhook.endpoint, endpointRules(this.config));
    if (urlProblem) {
      if (data.manual !== 'resend') await this.repository.discardWithoutAttempt(data.deliveryId, `Endpoint ${urlProblem}`);
      throw new UnrecoverableError(urlProblem);
    }
    const full = this.config.delivery.maxInFlightPerWebhook;
    const cap = this.health.cap(webhook, full);
    // An unreachable receiver's jobs park at once; others may wait briefly for a slot.
    const wait = this.health.unreachable(webhook) ? 0 : this.slotWaitMs(webhook.id);
    if (!(await this.limiter.acquire(webhook.id, wait, cap))) {
      // The receiver is slow or hung: park the job (not counted as an attempt) and give the worker
      // slot back to other webhooks' jobs. A slot that freed meanwhile releases it at once.
      await this.parked!.park(job, token, webhook.id);
      this.metrics.parked();
      if (this.limiter.inFlight(webhook.id) < cap) void this.promote(webhook.id, 1);
      throw new DelayedError();
    }
    const landis = webhook.platform === 'landis';
    let headers: Record<string, string> = {};
    let logged: Record<string, string> = {};
    let sendAttempt = 0;
    let result: AttemptResult | null = null;
    try {
      // One path for both platforms: only the request, the time-out and the success rule differ.
      let body = data.body;
      let timeoutMs = this.config.delivery.timeoutMs;
      if (landis) {
        sendAttempt = await this.landisAttempts!.next(data.deliveryId, data.attemptFloor ?? data.attemptOffset + job.attemptsMade + 1);
        ({ body, headers } = landisAttemptRequest(webhook, { eventId: data.eventId, eventType: data.eventType, data: data.body }, sendAttempt, new Date()));
        timeoutMs = landisTimeoutMs(this.config.timeScale);
      } else headers = deliveryHeaders(webhook, data.eventType);
      logged = loggedHeaders(headers);
      const secrets = sentSecrets(headers, logged);
      this.sending++;
      const sent = await this.sender
        .send({ url: webhook.endpoint, body, headers, insecureSsl: webhook.insecureSsl, timeoutMs, secrets })
        .finally(() => this.sending--);
      result = redactAttempt(landis ? landisOutcome(sent) : sent, secrets);
    } finally {
      if (result) this.health.observe(webhook, result.outcome);
      const after = this.health.cap(webhook, full);
      this.limiter.release(webhook.id, after);
      if (this.parked!.has(webhook.id)) {
        const count = promotionsAfterAttempt(cap, after, this.limiter.inFlight(webhook.id));
        if (count > 0) void this.promote(webhook.id, count);
      }
    }
    const delivered = result.outcome === 'delivered';
    // A scheduled attempt that failed after a resend delivered (it was under way then): no retry follows.
    const settled = !delivered && !manual && (await this.resendSettled!.has(data.deliveryId));
    const next: NextStep = settled
      ? { last: false, delay: null }
      : landis
        ? await this.landisNext(job, webhook, result, sendAttempt)
        : this.enreachNext(job, webhook, delivered);
    const status = delivered ? 'delivered' : data.manual === 'resend' || settled ? null : next.last ? 'discarded' : 'retrying';
    // A manual attempt's caller answers with the logged attempt, so it waits for its row.
    const written = await this.log.record(
      {
        deliveryId: data.deliveryId,
        trigger: manual ? 'manual' : 'scheduled',
        result,
        requestHeaders: logged,
        status,
        nextAttemptAt: next.delay === null ? null : new Date(Date.now() + next.delay),
      },
      manual,
    );
    // Once the row says delivered (so the reconciler leaves it alone), the schedule ends. A resend
    // whose row failed to be written leaves it: the scheduled attempts still deliver and log it.
    if (delivered && data.manual === 'resend' && written) {
      await this.resendSettled!.endSchedule(data.deliveryId, webhook.id).catch((e) =>
        this.logger.warn(`Could not end the schedule of delivery ${data.deliveryId} after its resend delivered: ${String(e)}`),
      );
    }
    this.metrics.attempt(result, data, status === 'discarded');
    if (!delivered && !manual && !settled) {
      if (next.last) {
        this.logger.debug(`Delivery ${data.deliveryId} discarded after ${data.attemptOffset + job.attemptsMade + 1} scheduled attempts: ${result.outcome}`);
        // Landis may stop before BullMQ's attempts run out (resends count toward ABP's cap; deactivation).
        job.discard();
      }
      throw new DeliveryFailedError(result, next.delay);
    }
  }

  /** Enreach: the schedule's waits with jitter, until the job's attempts run out. */
  private enreachNext(job: Job<DeliverJobData>, webhook: WebhookSnapshot, delivered: boolean): NextStep {
    const data = job.data;
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (delivered || last) return { last, delay: null };
    const schedule = data.retryScheduleMs ?? webhook.retryScheduleMs ?? this.config.delivery.retryScheduleMs;
    // Only scheduled attempts advance the schedule; the log numbers every attempt itself.
    const scheduledAttempt = data.attemptOffset + job.attemptsMade + 1;
    return {
      last: false,
      delay: retryDelayMs(scheduledAttempt, schedule, { jitter: this.config.delivery.retryJitter, timeScale: this.config.timeScale, random: Math.random }),
    };
  }

  /**
   * Landis: ABP's background job policy (landis-delivery-policy.ts): 60 s doubling, scaled; the
   * send-attempt cap counts resends too; a one-shot resend is never retried; the optional
   * deactivation switches the webhook off and ends the delivery.
   */
  private async landisNext(job: Job<DeliverJobData>, webhook: WebhookSnapshot, result: AttemptResult, sendAttempt: number): Promise<NextStep> {
    const data = job.data;
    if (result.outcome === 'delivered') return { last: false, delay: null };
    const policy = landisPolicyOf(webhook);
    const tryOnce = data.manual !== undefined;
    let deactivated = false;
    if (!tryOnce && policy.deactivateSubscriptionOnFailures) {
      const earlier = await this.repository.latestAttemptStatuses(webhook.id, policy.maxConsecutiveFailCount - 1);
      deactivated = landisShouldDeactivate(policy, [result.statusCode, ...earlier]);
      if (deactivated) {
        await this.registry.deactivate(webhook.id);
        this.logger.warn(`Landis webhook ${webhook.id} deactivated after ${policy.maxConsecutiveFailCount} failed attempts in a row`);
      }
    }
    const step = landisAfterFailure(
      policy,
      {
        jobTryCount: data.attemptOffset + job.attemptsMade + 1,
        sendAttemptCount: sendAttempt,
        // The job's age in the platform's time: real time since the event, times the scale.
        jobAgeMs: Math.max(0, Date.now() - data.emittedAt) * this.config.timeScale,
        tryOnce,
        subscriptionDeactivated: deactivated,
      },
      this.config.timeScale,
    );
    return step.action === 'retry' ? { last: false, delay: step.delayMs } : { last: !tryOnce, delay: null };
  }
  /**
   * How long a job at its webhook's cap may wait in memory for a slot. A busy but healthy receiver
   * frees slots every few milliseconds: waiting costs nothing, while parking would cost Redis
   * commands and send the job behind the whole queue. A job waits when its slot is expected within
   * STALE_MS from the pace slots have been freeing (or, before any freed, for SLOT_WAIT_MS), so a
   * slow webhook holds only a few waiting worker slots; otherwise (a slow or hung receiver, or one
   * being probed) it is parked at once.
   */
  private slotWaitMs(webhookId: string): number {
    const expected = this.limiter.expectedWaitMs(webhookId, STALE_MS);
    if (expected === null) return SLOT_WAIT_MS;
    return expected <= STALE_MS ? 2 * STALE_MS : 0;
  }

  private promote(webhookId: string, count: number): Promise<void> {
    return this.parked!.promote(webhookId, count).catch((e) => this.logger.warn(`Promoting parked jobs of ${webhookId} failed: ${String(e)}`));
  }
}
