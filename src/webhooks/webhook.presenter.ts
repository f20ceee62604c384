import { LANDIS_EVENT_NAMES } from '../landis';
import { maskHeaders } from '../common/header-rules';
import type { SubscriptionEntity } from './subscription.entity';
import type { WebhookEntity } from './webhook.entity';

export interface ResolvedAlias {
  Given: string;
  ResolvedTo: string;
}

export function presentSubscription(s: Pick<SubscriptionEntity, 'id' | 'eventType' | 'allEntities' | 'entityId' | 'requestedEventType'>) {
  return {
    Id: s.id,
    EventType: s.eventType,
    ...(s.allEntities ? { AllEntities: true } : { EntityId: s.entityId }),
    ...(s.requestedEventType ? { RequestedEventType: s.requestedEventType } : {}),
  };
}

/** The stored webhook in the shape of its platform's document; the secret is never echoed. */
export function presentWebhook(w: WebhookEntity, subscriptions: SubscriptionEntity[], extra: object = {}) {
  if (w.platform === 'landis') return presentLandisWebhook(w, subscriptions, extra);
  return {
    Id: w.id,
    Platform: w.platform,
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

/** A Landis subscription as the document lists its fields; its event names are its subscriptions' types. */
function presentLandisWebhook(w: WebhookEntity, subscriptions: SubscriptionEntity[], extra: object) {
  return {
    Id: w.id,
    Platform: w.platform,
    Webhook: {
      Endpoint: w.endpoint,
      IsActive: w.isActive,
      // In the catalog's order: rows saved together share their created_at, so their own order is not stable.
      WebhookEvents: LANDIS_EVENT_NAMES.filter((name) => subscriptions.some((s) => s.eventType === name)),
      Headers: maskHeaders(w.headers),
      InsecureSSL: w.insecureSsl,
      HasSecret: w.secret !== null && w.secret !== '',
      DeactivateAfterFailures: w.deactivateAfterFailures,
    },
    CreatedAt: w.createdAt,
    UpdatedAt: w.updatedAt,
    ...extra,
  };
}
