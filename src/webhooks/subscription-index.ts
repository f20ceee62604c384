import type { WebhookPlatform } from '../common/webhook-platform';
import type { SubscriptionSnapshot, WebhookSnapshot } from './webhook-snapshot';

interface EventTypeBucket {
  all: Set<string>;
  byEntity: Map<string, Set<string>>;
}

/**
 * Subscriptions keyed by event type and entity id. A match touches two hash buckets, so its cost
 * depends on how many webhooks match, not on how many subscriptions exist.
 */
export class SubscriptionIndex {
  private readonly buckets = new Map<string, EventTypeBucket>();
  private readonly webhooks = new Map<string, WebhookSnapshot>();

  constructor(webhooks: Iterable<WebhookSnapshot>, subscriptions: Iterable<SubscriptionSnapshot>) {
    for (const webhook of webhooks) this.webhooks.set(webhook.id, webhook);
    for (const s of subscriptions) {
      let bucket = this.buckets.get(s.eventType);
      if (!bucket) this.buckets.set(s.eventType, (bucket = { all: new Set(), byEntity: new Map() }));
      if (s.allEntities) bucket.all.add(s.webhookId);
      else if (s.entityId) {
        const key = s.entityId.toLowerCase();
        let set = bucket.byEntity.get(key);
        if (!set) bucket.byEntity.set(key, (set = new Set()));
        set.add(s.webhookId);
      }
    }
  }

  /**
   * Active webhooks of the platform subscribed to this event, each once however many of its
   * subscriptions match. (The platforms' names never collide; the check keeps it so.)
   */
  match(eventType: string, entityId: string | null | undefined, platform: WebhookPlatform = 'enreach'): WebhookSnapshot[] {
    const bucket = this.buckets.get(eventType);
    if (!bucket) return [];
    const specific = entityId ? bucket.byEntity.get(entityId.toLowerCase()) : undefined;
    const result: WebhookSnapshot[] = [];
    const add = (id: string) => {
      const webhook = this.webhooks.get(id);
      if (webhook?.isActive && webhook.platform === platform) result.push(webhook);
    };
    bucket.all.forEach(add);
    specific?.forEach((id) => {
      if (!bucket.all.has(id)) add(id);
    });
    return result;
  }

  webhook(id: string): WebhookSnapshot | undefined {
    return this.webhooks.get(id);
  }

  get size(): { webhooks: number; eventTypes: number } {
    return { webhooks: this.webhooks.size, eventTypes: this.buckets.size };
  }
}
