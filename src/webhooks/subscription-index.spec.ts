import { SubscriptionIndex } from './subscription-index';
import type { WebhookSnapshot } from './webhook-snapshot';

const hook = (id: string, isActive = true): WebhookSnapshot => ({
  id,
  platform: 'enreach',
  endpoint: `https://${id}.example.com/`,
  insecureSsl: false,
  secret: null,
  isActive,
  headers: {},
  retryScheduleMs: null,
  deactivateAfterFailures: null,
});
const QUEUE = '6cb31d7d-9cd9-41dc-a096-62cf31fd0281';
const OTHER = 'e0072f3a-cc7c-42ee-b0ac-34cd7238150a';

describe('SubscriptionIndex', () => {
  const index = new SubscriptionIndex(
    [hook('specific'), hook('all'), hook('both'), hook('inactive', false)],
    [
      { webhookId: 'specific', eventType: 'QueueCallInArrived', entityId: QUEUE, allEntities: false },
      { webhookId: 'all', eventType: 'QueueCallInArrived', entityId: null, allEntities: true },
      { webhookId: 'both', eventType: 'QueueCallInArrived', entityId: null, allEntities: true },
      { webhookId: 'both', eventType: 'QueueCallInArrived', entityId: QUEUE, allEntities: false },
      { webhookId: 'inactive', eventType: 'QueueCallInArrived', entityId: null, allEntities: true },
      { webhookId: 'specific', eventType: 'QueueStatus', entityId: QUEUE.toUpperCase(), allEntities: false },
    ],
  );
  const ids = (eventType: string, entityId: string | null) =>
    index
      .match(eventType, entityId)
      .map((w) => w.id)
      .sort();

  it('matches a specific EntityId subscription only for that entity', () => {
    expect(ids('QueueCallInArrived', QUEUE)).toEqual(['all', 'both', 'specific']);
    expect(ids('QueueCallInArrived', OTHER)).toEqual(['all', 'both']);
  });

  it('gives a webhook one match however many of its subscriptions match', () => {
    expect(index.match('QueueCallInArrived', QUEUE).filter((w) => w.id === 'both')).toHaveLength(1);
  });

  it('never matches an inactive webhook', () => {
    expect(ids('QueueCallInArrived', OTHER)).not.toContain('inactive');
  });

  it('compares entity ids case-insensitively, as GUIDs', () => {
    expect(ids('QueueStatus', QUEUE)).toEqual(['specific']);
  });

  it('matches a Landis webhook by webhook event name, and only when Landis webhooks are asked for', () => {
    const mixed = new SubscriptionIndex(
      [hook('enreach'), { ...hook('landis'), platform: 'landis' }],
      [
        { webhookId: 'landis', eventType: 'App.QueueWebhook', entityId: null, allEntities: true },
        { webhookId: 'enreach', eventType: 'QueueCallInArrived', entityId: null, allEntities: true },
      ],
    );
    expect(mixed.match('App.QueueWebhook', null, 'landis').map((w) => w.id)).toEqual(['landis']);
    expect(mixed.match('App.QueueWebhook', null)).toEqual([]);
    expect(mixed.match('QueueCallInArrived', null, 'landis')).toEqual([]);
  });

  it('matches nothing for an event type without subscriptions', () => {
    expect(ids('UserStatus', QUEUE)).toEqual([]);
  });
});
