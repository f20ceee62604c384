import { randomUUID } from 'node:crypto';
import { EVENT_TYPE_NAMES } from '../../src/catalog/event-catalog';
import { SubscriptionIndex } from '../../src/webhooks/subscription-index';
import type { SubscriptionSnapshot, WebhookSnapshot } from '../../src/webhooks/webhook-snapshot';

export interface MatcherFigure {
  webhooks: number;
  subscriptions: number;
  nsPerMatch: number;
  avgMatched: number;
}

/**
 * Cost of one match with N webhooks, each subscribed to 3 event types for one entity of its own
 * and, for one in `allEntitiesEvery`, to all entities (0: none).
 */
export function benchMatcher(webhookCount: number, allEntitiesEvery = 10, matches = 1_000_000): MatcherFigure {
  // One entity per webhook: the number of webhooks an event matches stays the same as N grows.
  const entities = Array.from({ length: webhookCount }, () => randomUUID());
  const webhooks: WebhookSnapshot[] = [];
  const subscriptions: SubscriptionSnapshot[] = [];
  for (let i = 0; i < webhookCount; i++) {
    const id = randomUUID();
    webhooks.push({
      id,
      platform: 'enreach',
      endpoint: 'https://x/',
      insecureSsl: false,
      secret: null,
      isActive: true,
      headers: {},
      retryScheduleMs: null,
      deactivateAfterFailures: null,
    });
    for (let k = 0; k < 3; k++) {
      const eventType = EVENT_TYPE_NAMES[(i + k * 7) % EVENT_TYPE_NAMES.length];
      subscriptions.push({ webhookId: id, eventType, entityId: entities[i % entities.length], allEntities: false });
    }
    if (allEntitiesEvery > 0 && i % allEntitiesEvery === 0)
      subscriptions.push({ webhookId: id, eventType: EVENT_TYPE_NAMES[i % EVENT_TYPE_NAMES.length], entityId: null, allEntities: true });
  }
  const index = new SubscriptionIndex(webhooks, subscriptions);
  // Events spread over types and entities, as a simulated organisation produces them.
  const probes = Array.from({ length: 4096 }, (_, i) => ({
    type: EVENT_TYPE_NAMES[i % EVENT_TYPE_NAMES.length],
    entity: entities[(i * 31) % entities.length],
  }));
  let matched = 0;
  for (let i = 0; i < 100_000; i++) matched += index.match(probes[i & 4095].type, probes[i & 4095].entity).length;
  matched = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < matches; i++) matched += index.match(probes[i & 4095].type, probes[i & 4095].entity).length;
  const ns = Number(process.hrtime.bigint() - start);
  return { webhooks: webhookCount, subscriptions: subscriptions.length, nsPerMatch: ns / matches, avgMatched: matched / matches };
}

if (require.main === module) {
  for (const every of [0, 10]) {
    for (const n of [10, 10_000]) {
      const f = benchMatcher(n, every);
      console.log(
        `${n} webhooks, ${f.subscriptions} subscriptions (all-entities: ${every ? `1 in ${every}` : 'none'}): ` +
          `${f.nsPerMatch.toFixed(0)} ns/match, ${f.avgMatched.toFixed(2)} webhooks matched on average`,
      );
    }
  }
}
