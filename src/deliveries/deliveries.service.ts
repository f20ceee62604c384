import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EventEntity } from '../events/event.entity';
import { endpointUrlProblem } from '../webhooks/endpoint-rules';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { applyDeliveryFilter } from './delivery-filter';
import { deliveryHeaders, loggedHeaders } from './delivery-request';
import { DeliverySender } from './delivery-sender';
import { presentAttempt, presentDelivery } from './delivery.presenter';
import type { ListDeliveriesQuery } from './dto/list-deliveries.query';

@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WebhookRegistry,
    private readonly sender: DeliverySender,
    private readonly config: AppConfig,
  ) {}

  async list(q: ListDeliveriesQuery) {
    const qb = applyDeliveryFilter(this.dataSource.getRepository(DeliveryEntity).createQueryBuilder('d'), q);
    const [rows, total] = await qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id').take(q.limit).skip(q.offset).getManyAndCount();
    return { Total: total, Limit: q.limit, Offset: q.offset, Items: rows.map(presentDelivery) };
  }

  async get(id: string) {
    const delivery = await this.findOrFail(id);
    const attempts = await this.dataSource
      .getRepository(DeliveryAttemptEntity)
      .find({ where: { deliveryId: id }, order: { startedAt: 'ASC', id: 'ASC' } });
    return { ...presentDelivery(delivery), Request: await this.request(delivery), AttemptLog: attempts.map(presentAttempt) };
  }

  /** A manual attempt of the same event (same Id), recorded as manual, sent now from this process. */
  async resend(id: string) {
    const delivery = await this.findOrFail(id);
    const webhook = this.registry.webhook(delivery.webhookId);
    if (!webhook) throw new UnprocessableEntityException(`Webhook ${delivery.webhookId} of delivery ${id} no longer exists`);
    const problem = endpointUrlProblem(webhook.endpoint, { allowAnyPort: this.config.webhooks.allowAnyEndpointPort });
    if (problem) throw new UnprocessableEntityException(`Endpoint ${problem}`);
    const event = await this.dataSource.getRepository(EventEntity).findOneByOrFail({ id: delivery.eventId });
    const headers = deliveryHeaders(webhook, delivery.eventType);
    const result = await this.sender.send({
      url: webhook.endpoint,
      body: typeof event.body === 'string' ? event.body : JSON.stringify(event.body),
      headers,
      insecureSsl: webhook.insecureSsl,
      timeoutMs: this.config.delivery.timeoutMs,
    });
    const delivered = result.outcome === 'delivered';
    await this.dataSource.transaction(async (em) => {
      const [{ n }] = await em.query(
        'SELECT COALESCE(MAX(attempt_number), 0) + 1 AS n FROM delivery_attempts WHERE delivery_id = $1',
        [id],
      );
      await em.insert(DeliveryAttemptEntity, {
        deliveryId: id,
        attemptNumber: n,
        trigger: 'manual',
        startedAt: result.startedAt,
        endedAt: result.endedAt,
        durationMs: result.durationMs,
        outcome: result.outcome,
        statusCode: result.statusCode,
        errorMessage: result.errorMessage,
        requestHeaders: loggedHeaders(headers),
        responseHeaders: result.responseHeaders,
        responseBodyExcerpt: result.responseBodyExcerpt,
        responseBodyBytes: result.responseBodyBytes,
      });
      await em.query(
        `UPDATE deliveries SET attempts = attempts + 1, last_outcome = $2, last_status_code = $3, last_error = $4,
           status = CASE WHEN $5 THEN 'delivered' ELSE status END,
           next_attempt_at = CASE WHEN $5 THEN NULL ELSE next_attempt_at END,
           delivered_at = CASE WHEN $5 THEN COALESCE(delivered_at, $6) ELSE delivered_at END, updated_at = now()
         WHERE id = $1`,
        [id, result.outcome, result.statusCode, result.errorMessage, delivered, result.endedAt],
      );
    });
    return this.get(id);
  }

  /**
   * The request as the next attempt sends it: the endpoint, the headers with the token and
   * credential-like values masked, and the stored body byte for byte (json::text keeps it as written).
   */
  private async request(delivery: DeliveryEntity) {
    const webhook = this.registry.webhook(delivery.webhookId);
    const [row]: { body: string }[] = await this.dataSource.query('SELECT body::text AS body FROM events WHERE id = $1', [delivery.eventId]);
    return {
      Method: 'POST',
      Url: webhook?.endpoint ?? null,
      Headers: webhook ? loggedHeaders(deliveryHeaders(webhook, delivery.eventType)) : null,
      Body: row?.body ?? null,
    };
  }

  private async findOrFail(id: string): Promise<DeliveryEntity> {
    const delivery = await this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
    if (!delivery) throw new NotFoundException(`No delivery ${id}`);
    return delivery;
  }
}
