import { maskHeaders } from '../common/header-rules';
import type { SubscriptionEntity } from './subscription.entity';
import type { WebhookEntity } from './webhook.entity';

export interface ResolvedAlias {
  Given: string;
  ResolvedTo: string;
}

export function presentSubscription(s: SubscriptionEntity) {
  return {
    Id: s.id,
    EventType: s.eventType,
    ...(s.allEntities ? { AllEntities: true } : { EntityId: s.entityId }),
    ...(s.requestedEventType ? { RequestedEventType: s.requestedEventType } : {}),
  };
}

/** The stored webhook in the shape of the platform's document; the secret is never echoed. */
export function presentWebhook(w: WebhookEntity, subscriptions: SubscriptionEntity[], extra: object = {}) {
  return {
    Id: w.id,
    Webhook: {
      Endpoint: w.endpoint,
      InsecureSSL: w.insecureSsl,
      HasSecret: w.secret !== null && w.secret !== '',
      IsActive: w.isActive,
      Headers: maskHeaders(w.headers),
      RetrySchedule: w.retryScheduleMs,
    },
    Subscriptions: subscriptions.map(presentSubscription),
    CreatedAt: w.createdAt,
    UpdatedAt: w.updatedAt,
    ...extra,
  };
}
