import type { SelectQueryBuilder } from 'typeorm';
import type { DeliveryEntity, DeliveryStatus } from './delivery.entity';

/** The filters that the delivery list and bulk resend share. */
export interface DeliveryFilter {
  webhookId?: string;
  eventId?: string;
  eventType?: string;
  status?: DeliveryStatus;
  from?: string;
  to?: string;
}

export function applyDeliveryFilter(qb: SelectQueryBuilder<DeliveryEntity>, f: DeliveryFilter): SelectQueryBuilder<DeliveryEntity> {
  if (f.webhookId) qb.andWhere('d.webhook_id = :webhookId', { webhookId: f.webhookId });
  if (f.eventId) qb.andWhere('d.event_id = :eventId', { eventId: f.eventId });
  if (f.eventType) qb.andWhere('d.event_type = :eventType', { eventType: f.eventType });
  if (f.status) qb.andWhere('d.status = :status', { status: f.status });
  if (f.from) qb.andWhere('d.created_at >= :from', { from: f.from });
  if (f.to) qb.andWhere('d.created_at < :to', { to: f.to });
  return qb;
}
