import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { formatDotNetTimestamp } from '../catalog/dotnet-timestamp';
import { EventValuesError, makeEvent } from '../catalog/event-factory';
import type { WebhookPayload } from '../catalog/payload.types';
import { SeededRandom } from '../common/seeded-random';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { presentDelivery } from '../deliveries/delivery.presenter';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { EventEntity } from './event.entity';
import { EventPublisher } from './event-publisher.service';
import { organizationContext } from './organization-context';
import type { ListEventsQuery } from './dto/list-events.query';
import { ConflictError, NotFoundError, ValidationProblem } from '../common/errors/domain-errors';
import { buildTestWebhookData } from '../landis';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';
import { LandisEventPublisher } from './landis-event-publisher.service';
import { cappedCount, decodeCursor, encodeCursor, microsOf, timestampOf } from '../common/keyset-cursor';

const presentEvent = (e: EventEntity) => ({ Id: e.id, EventType: e.eventType, Source: e.source, CreatedAt: e.createdAt, Payload: e.body });

const SET_BY_EMULATOR = ['Id', 'RootEntityType', 'RootEntityId', 'EntityType', 'EntityId'];

/** ISO 8601 or the platform's .NET form: whatever the payload builder can format. */
function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    formatDotNetTimestamp(value);
    return true;
  } catch {
    return false;
  }
}

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly registry: WebhookRegistry,
    private readonly landis: LandisEventPublisher,
  ) {}

  /** POST /api/events: one event of any type; missing values are filled, given ones validated. */
  async emit(body: Record<string, unknown>) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ValidationProblem('The body must be a JSON object');
    const { EventType, Timestamp, ...values } = body;
    const problems: string[] = [];
    if (typeof EventType !== 'string') problems.push('EventType is required: the name of one of the 34 event types');
    for (const name of SET_BY_EMULATOR) if (name in values) problems.push(`${name} is set by the emulator and cannot be given`);
    if (Timestamp !== undefined && !isTimestamp(Timestamp)) {
      problems.push('Timestamp must be a date-time such as 2018-01-01T08:01:23.45 (UTC) or an ISO 8601 string');
    }
    if (problems.length) throw new ValidationProblem(problems);
    const context = await organizationContext(this.dataSource, values);
    let payload: WebhookPayload;
    try {
      payload = makeEvent(EventType as string, values, {
        rng: new SeededRandom(randomBytes(8).toString('hex')),
        timestamp: (Timestamp as string | undefined) ?? new Date(),
        organizationId: context.organizationId,
        context,
      });
    } catch (e) {
      if (e instanceof EventValuesError) throw new ValidationProblem(e.problems);
      throw e;
    }
    const published = await this.publisher.publish({ payload, source: 'api' });
    return { Payload: payload, Deliveries: published.deliveries.map((d) => ({ Id: d.id, WebhookId: d.webhookId })) };
  }

  /** POST /api/webhooks/:id/test: a realistic sample event to this webhook only, one manual attempt of the normal processor. */
  async sendTest(webhookId: string, eventType?: string) {
    const webhook = this.registry.webhook(webhookId);
    if (!webhook) throw new NotFoundError(`No webhook ${webhookId}`);
    if (webhook.platform === 'landis') return this.sendLandisTest(webhook, eventType);
    eventType ??= 'QueueCallInUserAllocated';
    let payload: WebhookPayload;
    try {
      payload = makeEvent(eventType, {}, { rng: new SeededRandom(randomBytes(8).toString('hex')) });
    } catch (e) {
      if (e instanceof EventValuesError) throw new ValidationProblem(e.problems);
      throw e;
    }
    const published = await this.publisher.publish({ payload, source: 'test', onlyWebhook: webhook, delivery: { manual: true } });
    return { Payload: payload, DeliveryId: published.deliveries[0].id };
  }

  /**
   * Landis's "Send Test Webhook": one App.TestWebhook event, delivered as every Landis event is (the
   * ABP policy, retries included). As on the platform, the webhook must be active and list App.TestWebhook.
   */
  private async sendLandisTest(webhook: WebhookSnapshot, eventType?: string) {
    if (eventType !== undefined && eventType !== 'App.TestWebhook') {
      throw new ValidationProblem(`EventType: a Landis webhook's test sends App.TestWebhook only, not "${eventType}"`);
    }
    if (!this.registry.match('App.TestWebhook', null, 'landis').some((w) => w.id === webhook.id)) {
      throw new ConflictError(
        `Webhook ${webhook.id} does not receive App.TestWebhook: it is inactive or App.TestWebhook is not in its WebhookEvents (add it first, as on the platform)`,
      );
    }
    const now = new Date();
    const event = {
      webhookEvent: 'App.TestWebhook' as const,
      id: randomUUID(),
      data: buildTestWebhookData(now.getUTCMilliseconds()),
      createdAt: now,
      source: 'test',
    };
    const published = await this.landis.publish(event, webhook);
    return { Id: event.id, WebhookEvent: event.webhookEvent, Data: event.data, DeliveryId: published.deliveries[0].id };
  }

  /**
   * Newest first, by (created_at, occurred_at, id): a page after a cursor is an index walk from that
   * position, and Total is counted up to TOTAL_CAP, so no request reads the whole table.
   */
  async list(q: ListEventsQuery) {
    const filtered = this.dataSource.getRepository(EventEntity).createQueryBuilder('e');
    if (q.eventId) filtered.andWhere('e.id = :eventId', { eventId: q.eventId });
    if (q.eventType) filtered.andWhere('e.event_type = :eventType', { eventType: q.eventType });
    if (q.entityId) filtered.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.callId) filtered.andWhere('e.call_id = :callId', { callId: q.callId });
    if (q.from) filtered.andWhere('e.occurred_at >= :from', { from: q.from });
    if (q.to) filtered.andWhere('e.occurred_at < :to', { to: q.to });
    const page = filtered.clone();
    if (q.cursor !== undefined) {
      if (q.offset > 0) throw new ValidationProblem('give cursor or offset, not both');
      const at = decodeCursor('events', q, q.cursor, 2);
      page.andWhere(`(e.created_at, e.occurred_at, e.id) < (${timestampOf('cursorAt')}, ${timestampOf('cursorOccurred')}, :cursorId)`, {
        cursorAt: at.micros[0],
        cursorOccurred: at.micros[1],
        cursorId: at.id,
      });
    }
    // The page and the capped count on two pooled connections at once.
    const [{ entities, raw }, total] = await Promise.all([
      page
        .addSelect(microsOf('e.created_at'), 'cursor_at')
        .addSelect(microsOf('e.occurred_at'), 'cursor_occurred')
        .orderBy('e.created_at', 'DESC')
        .addOrderBy('e.occurred_at', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .offset(q.offset)
        .limit(q.limit + 1)
        .getRawAndEntities<{ cursor_at: string; cursor_occurred: string }>(),
      cappedCount(filtered),
    ]);
    const rows = entities.slice(0, q.limit);
    const last = raw[q.limit - 1];
    const next = entities.length > q.limit ? encodeCursor('events', q, { micros: [last.cursor_at, last.cursor_occurred], id: rows[q.limit - 1].id }) : null;
    return { ...total, Limit: q.limit, Offset: q.offset, NextCursor: next, Items: rows.map(presentEvent) };
  }

  /** GET /api/events/:id: the payload as sent and every delivery of it. */
  async get(id: string) {
    const event = await this.dataSource.getRepository(EventEntity).findOneBy({ id });
    if (!event) throw new NotFoundError(`No event ${id}`);
    const deliveries = await this.dataSource.getRepository(DeliveryEntity).find({ where: { eventId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { ...presentEvent(event), Deliveries: deliveries.map(presentDelivery) };
  }
}
