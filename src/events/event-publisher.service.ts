import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Counter } from 'prom-client';
import { metric } from '../common/metric';
import { randomUUID } from 'node:crypto';
import { Batcher, ItemFailed } from '../common/batcher';
import { DeliveryJobs } from '../deliveries/delivery-jobs';
import { DeliveryRepository } from '../deliveries/delivery.repository';
import { QueueName, type DeliverJobData } from '../deliveries/delivery-queue';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';
import type { WebhookPayload } from '../catalog/payload.types';
import type { OutboxEvent } from '../deliveries/outbox.statement';
import { toNewtonsoftJson, type LandisEventInput } from '../landis';
import { EventIdConflictError } from './event-id-conflict.error';

export type EventSource = 'api' | 'simulation' | 'scenario' | 'test';

export interface PublishInput {
  /** A complete payload from the catalog's builder, typed by its table. */
  payload: WebhookPayload;
  source: EventSource;
  /** Deliver only to this webhook, whatever its subscriptions (the "send test webhook" button). */
  onlyWebhook?: WebhookSnapshot;
  /** The scenario run that emitted it: stored on the event and its deliveries, for the run's report. */
  scenarioId?: string;
  /** How this event's deliveries are sent (a scenario's retry treatments). */
  delivery?: DeliveryTreatment;
}

export interface DeliveryTreatment {
  /** Waits between attempts for these deliveries, instead of the webhook's or the configured ones. */
  retryScheduleMs?: number[];
  /** A second delivery of the same event (same Id, same body) to every matching webhook. */
  duplicate?: boolean;
  /** The jobs wait this long before the first attempt, so later events overtake this one. */
  holdBackMs?: number;
  /** One manual attempt, sent even to an inactive webhook (the test send). */
  manual?: boolean;
}

export interface PublishedEvent {
  id: string;
  body: string;
  deliveries: { id: string; webhookId: string }[];
}

/** What the outbox writes for one published event, whatever its platform. */
interface Prepared extends PublishedEvent {
  eventType: string;
  /** The event row's columns (outbox.statement.ts reads the payload's envelope fields). */
  row: OutboxEvent;
  scenarioId?: string;
  delivery?: DeliveryTreatment;
  emittedAt: number;
}

/** A Landis record to store and deliver: the sink's input, and optionally one webhook only (the test webhook). */
export interface LandisPublishInput {
  event: LandisEventInput;
  source: string;
  /** The Enreach event row's RootEntityId: the organisation the record belongs to. */
  organizationId: string;
  /** Deliver only to this webhook (Send Test Webhook); otherwise every active Landis webhook listing the event. */
  onlyWebhook?: WebhookSnapshot;
}

/** From this many jobs one pipeline costs less per job than separate adds (BullMQ 5.81, ioredis 5). */
const ADD_BULK_FROM = 8;

const copies = (input: PublishInput): number => (input.delivery?.duplicate ? 2 : 1);

/**
 * The outbox: an event and one delivery per matching webhook are written in one transaction, then
 * one job per delivery is queued (jobId = delivery id). Calls made together are written together.
 * If queueing fails after the commit, the reconciler recreates the jobs: nothing accepted is lost.
 */
@Injectable()
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly emitted = metric(
    'emulator_events_emitted_total',
    () => new Counter({ name: 'emulator_events_emitted_total', help: 'Events emitted, by type and source', labelNames: ['event_type', 'source'] }),
  );
  // Four batches in flight: one slow commit does not hold up the events behind it (npm run bench:
  // p99 at 500/s ~12 -> ~8.5 ms). Order across batches is not kept; retries reorder anyway.
  private readonly batcher = new Batcher<Prepared, PublishedEvent>((items) => this.writeIsolated(items), 1000, 4);

  constructor(
    private readonly repository: DeliveryRepository,
    @InjectQueue(QueueName.Deliveries) private readonly queue: Queue<DeliverJobData>,
    private readonly registry: WebhookRegistry,
    private readonly jobs: DeliveryJobs,
  ) {}

  publish(input: PublishInput): Promise<PublishedEvent> {
    const payload = input.payload;
    const webhooks = input.onlyWebhook ? [input.onlyWebhook] : this.registry.match(payload.EventType, payload.EntityId);
    const body = JSON.stringify(payload);
    const prepared: Prepared = {
      id: payload.Id,
      body,
      eventType: payload.EventType,
      row: { id: payload.Id, payload, body, source: input.source, scenarioId: input.scenarioId ?? null },
      deliveries: webhooks.flatMap((w) => Array.from({ length: copies(input) }, () => ({ id: randomUUID(), webhookId: w.id }))),
      scenarioId: input.scenarioId,
      delivery: input.delivery,
      emittedAt: Date.now(),
    };
    return this.batcher.add(prepared);
  }

  /**
   * A Landis record through the same outbox: the event row keeps the Data as Newtonsoft writes it
   * (the worker wraps it in ABP's envelope anew for every attempt), one delivery per matching Landis webhook.
   */
  publishLandis(input: LandisPublishInput): Promise<PublishedEvent> {
    const { event } = input;
    const body = toNewtonsoftJson(event.data);
    const data = event.data as Record<string, unknown>;
    const webhooks = input.onlyWebhook ? [input.onlyWebhook] : this.registry.match(event.webhookEvent, null, 'landis');
    // The event row's filterable columns, from the record: its call (CallId) and when it was made.
    const columns = {
      EventType: event.webhookEvent,
      EntityType: 'Landis',
      EntityId: null,
      RootEntityId: input.organizationId,
      CallId: typeof data.CallId === 'string' ? data.CallId : null,
      Timestamp: event.createdAt.toISOString(),
    };
    return this.batcher.add({
      id: event.id,
      body,
      eventType: event.webhookEvent,
      row: { id: event.id, payload: columns, body, source: input.source, scenarioId: null },
      deliveries: webhooks.map((w) => ({ id: randomUUID(), webhookId: w.id })),
      emittedAt: Date.now(),
    });
  }

  /** A batch that fails is written again item by item, so one bad event does not take the others with it. */
  private async writeIsolated(items: Prepared[]): Promise<(PublishedEvent | ItemFailed)[]> {
    try {
      return await this.write(items);
    } catch (e) {
      if (items.length === 1) throw e;
      const settled = await Promise.allSettled(items.map((item) => this.write([item])));
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) this.logger.warn(`Some events of a batch could not be stored: ${String((failed as PromiseRejectedResult).reason)}`);
      return settled.map((r) => (r.status === 'fulfilled' ? r.value[0] : new ItemFailed(r.reason)));
    }
  }

  private async write(items: Prepared[]): Promise<(PublishedEvent | ItemFailed)[]> {
    // One row per Id per statement: ON CONFLICT DO UPDATE may not touch a row twice in one command.
    // A second item with an Id seen in this batch must carry the same body.
    const first = new Map<string, Prepared>();
    for (const e of items) if (!first.has(e.id)) first.set(e.id, e);
    const events = [...first.values()];
    const deliveries = items
      .filter((e) => first.get(e.id)!.body === e.body)
      .flatMap((e) =>
        e.deliveries.map((d) => ({
          ...d,
          eventId: e.id,
          eventType: e.eventType,
          body: e.body,
          emittedAt: e.emittedAt,
          scenarioId: e.scenarioId ?? null,
          treatment: e.delivery,
        })),
      );
    // The Ids already stored with another body come back refused: those events get no delivery.
    const refused = await this.repository.writeOutbox(
      events.map((e) => e.row),
      deliveries.map((d) => ({ ...d, retryScheduleMs: d.treatment?.retryScheduleMs ?? null })),
    );
    const accepted = deliveries.filter((d) => !refused.has(d.eventId));
    if (accepted.length > 0) {
      // Committed is accepted: if Redis fails here, the reconciler queues these deliveries later.
      await this.enqueue(
        accepted.map((d) =>
          this.jobs.job(
            {
              deliveryId: d.id,
              eventId: d.eventId,
              webhookId: d.webhookId,
              eventType: d.eventType,
              body: d.body,
              attemptOffset: 0,
              emittedAt: d.emittedAt,
              ...(d.treatment?.retryScheduleMs ? { retryScheduleMs: d.treatment.retryScheduleMs } : {}),
              ...(d.treatment?.manual ? { manual: 'test' as const } : {}),
            },
            d.treatment?.holdBackMs ?? 0,
          ),
        ),
      ).catch((e) => this.logger.warn(`Queueing ${accepted.length} deliveries failed; the reconciler will retry: ${String(e)}`));
    }
    return items.map((e) => {
      if (refused.has(e.id) || first.get(e.id)!.body !== e.body) return new ItemFailed(new EventIdConflictError(e.id));
      this.emitted.inc({ event_type: e.eventType, source: e.row.source });
      return { id: e.id, body: e.body, deliveries: e.deliveries };
    });
  }

  /**
   * addBulk builds an ioredis Pipeline, which copies every BullMQ script onto itself: worth it for a
   * large batch, but for the one or few jobs of a steady stream separate adds cost the api process
   * ~0.2 ms less CPU per event (measured at 500 events/s).
   */
  private async enqueue(jobs: ReturnType<DeliveryJobs['job']>[]): Promise<void> {
    if (jobs.length >= ADD_BULK_FROM) await this.queue.addBulk(jobs);
    else await Promise.all(jobs.map((j) => this.queue.add(j.name, j.data, j.opts)));
  }
}
