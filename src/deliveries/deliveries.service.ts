import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { endpointRules, endpointUrlProblem } from '../common/endpoint-rules';
import { ConflictError, NotFoundError, ValidationProblem } from '../common/errors/domain-errors';
import { cappedCount, decodeCursor, encodeCursor, microsOf, timestampOf } from '../common/keyset-cursor';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryJobs } from './delivery-jobs';
import { QueueName, type DeliverJobData } from './delivery-queue';
import { applyDeliveryFilter } from './delivery-filter';
import { deliveryHeaders, loggedHeaders } from './delivery-request';
import { presentAttempt, presentDelivery } from './delivery.presenter';
import { landisAttemptRequest, landisTimeoutMs } from './landis-attempt';
import type { ListDeliveriesQuery } from './dto/list-deliveries.query';

/** A resend waits this long beyond the attempt's own time-out for its attempt to be logged. */
const RESEND_WAIT_EXTRA_MS = 5000;
const RESEND_POLL_MS = 20;

@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deliveries) private readonly queue: Queue<DeliverJobData>,
    private readonly registry: WebhookRegistry,
    private readonly jobs: DeliveryJobs,
    private readonly config: AppConfig,
  ) {}

  /**
   * Newest first, by (created_at, id): a page after a cursor is an index walk from that position,
   * and Total is counted up to TOTAL_CAP, so no request reads the whole table.
   */
  async list(q: ListDeliveriesQuery) {
    const filtered = applyDeliveryFilter(this.dataSource.getRepository(DeliveryEntity).createQueryBuilder('d'), q);
    const page = filtered.clone();
    if (q.cursor !== undefined) {
      if (q.offset > 0) throw new ValidationProblem('give cursor or offset, not both');
      const at = decodeCursor('deliveries', q, q.cursor, 1);
      page.andWhere(`(d.created_at, d.id) < (${timestampOf('cursorAt')}, :cursorId)`, { cursorAt: at.micros[0], cursorId: at.id });
    }
    // The page and the capped count on two pooled connections at once.
    const [{ entities, raw }, total] = await Promise.all([
      page
        .addSelect(microsOf('d.created_at'), 'cursor_at')
        .orderBy('d.created_at', 'DESC')
        .addOrderBy('d.id', 'DESC')
        .offset(q.offset)
        .limit(q.limit + 1)
        .getRawAndEntities<{ cursor_at: string }>(),
      cappedCount(filtered),
    ]);
    const rows = entities.slice(0, q.limit);
    const next = entities.length > q.limit ? encodeCursor('deliveries', q, { micros: [raw[q.limit - 1].cursor_at], id: rows[q.limit - 1].id }) : null;
    return { ...total, Limit: q.limit, Offset: q.offset, NextCursor: next, Items: rows.map(presentDelivery) };
  }

  async get(id: string) {
    // One snapshot for the row and its log: read apart, a log batch committing between the two
    // reads showed an attempt in AttemptLog that Attempts did not count yet.
    const [delivery, attempts] = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const row = await m.findOneBy(DeliveryEntity, { id });
      if (!row) throw new NotFoundError(`No delivery ${id}`);
      return [row, await m.find(DeliveryAttemptEntity, { where: { deliveryId: id }, order: { startedAt: 'ASC', id: 'ASC' } })] as const;
    });
    return { ...presentDelivery(delivery), Request: await this.request(delivery), AttemptLog: attempts.map(presentAttempt) };
  }

  /**
   * A manual attempt of the same event (same Id): a one-attempt job of the delivery processor, so
   * the webhook's cap, the metrics, the log and the attempt numbering are those of every attempt.
   * Answers once the attempt is logged (`done`), or when the wait ends first (a receiver slower
   * than the time-out, a webhook at its cap) with the delivery as it is; the attempt still happens.
   * The wait counts from `waitingSince` (epoch ms): a bulk resend's resends all count from its start.
   */
  async resend(id: string, waitingSince = Date.now()): Promise<{ done: boolean; delivery: Awaited<ReturnType<DeliveriesService['get']>> }> {
    const delivery = await this.findOrFail(id);
    const webhook = this.registry.webhook(delivery.webhookId);
    if (!webhook) throw new ConflictError(`Webhook ${delivery.webhookId} of delivery ${id} no longer exists`);
    const problem = endpointUrlProblem(webhook.endpoint, endpointRules(this.config));
    if (problem) throw new ConflictError(`Endpoint ${problem}`);
    // The stored JSON as text: byte for byte what the scheduled attempts sent.
    const [event] = await this.dataSource.query<{ body: string }[]>('SELECT body::text AS body FROM events WHERE id = $1', [delivery.eventId]);
    const job = this.jobs.job({
      deliveryId: id,
      eventId: delivery.eventId,
      webhookId: delivery.webhookId,
      eventType: delivery.eventType,
      body: event.body,
      attemptOffset: 0,
      emittedAt: Date.now(),
      manual: 'resend',
      // Landis numbers the envelope's Attempt: at least one past every attempt logged so far.
      ...(webhook.platform === 'landis' ? { attemptFloor: delivery.attempts + 1 } : {}),
    });
    await this.queue.add(job.name, job.data, job.opts);
    const timeoutMs = webhook.platform === 'landis' ? landisTimeoutMs(this.config.timeScale) : this.config.delivery.timeoutMs;
    const done = await this.finished(job.opts.jobId!, waitingSince + timeoutMs + RESEND_WAIT_EXTRA_MS - Date.now());
    return { done, delivery: await this.get(id) };
  }

  /** Polls the job until it is gone (finished and removed) or the time is up. */
  private async finished(jobId: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.queue.getJobState(jobId);
      if (state === 'unknown' || state === 'completed' || state === 'failed') return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, RESEND_POLL_MS));
    }
  }

  /**
   * The request as the next attempt sends it: the endpoint, the headers with the token and
   * credential-like values masked, and the stored body byte for byte (json::text keeps it as written).
   * A Landis request is built for the next attempt as the worker would build it now (its Attempt,
   * CreationTimeUtc and signature change with every attempt; the signature is masked).
   */
  private async request(delivery: DeliveryEntity) {
    const webhook = this.registry.webhook(delivery.webhookId);
    const [row]: { body: string }[] = await this.dataSource.query('SELECT body::text AS body FROM events WHERE id = $1', [delivery.eventId]);
    if (webhook?.platform === 'landis' && row) {
      const next = landisAttemptRequest(
        webhook,
        { eventId: delivery.eventId, eventType: delivery.eventType, data: row.body },
        delivery.attempts + 1,
        new Date(),
      );
      return { Method: 'POST', Url: webhook.endpoint, Headers: loggedHeaders(next.headers), Body: next.body };
    }
    return {
      Method: 'POST',
      Url: webhook?.endpoint ?? null,
      Headers: webhook ? loggedHeaders(deliveryHeaders(webhook, delivery.eventType)) : null,
      Body: row?.body ?? null,
    };
  }

  private async findOrFail(id: string): Promise<DeliveryEntity> {
    const delivery = await this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
    if (!delivery) throw new NotFoundError(`No delivery ${id}`);
    return delivery;
  }
}
