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

  async list(q: ListEventsQuery) {
    const qb = this.dataSource.getRepository(EventEntity).createQueryBuilder('e');
    if (q.eventId) qb.andWhere('e.id = :eventId', { eventId: q.eventId });
    if (q.eventType) qb.andWhere('e.event_type = :eventType', { eventType: q.eventType });
    if (q.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.callId) qb.andWhere('e.call_id = :callId', { callId: q.callId });
    if (q.from) qb.andWhere('e.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.occurred_at < :to', { to: q.to });
    const [rows, total] = await qb
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id')
      .take(q.limit)
      .skip(q.offset)
      .getManyAndCount();
    return {
      Total: total,
      Limit: q.limit,
      Offset: q.offset,
      Items: rows.map(presentEvent),
    };
  }

  /** GET /api/events/:id: the payload as sent and every delivery of it. */
  async get(id: string) {
    const event = await this.dataSource.getRepository(EventEntity).findOneBy({ id });
    if (!event) throw new NotFoundError(`No event ${id}`);
    const deliveries = await this.dataSource
      .getRepository(DeliveryEntity)
      .find({ where: { eventId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { ...presentEvent(event), Deliveries: deliveries.map(presentDelivery) };
  }
}
