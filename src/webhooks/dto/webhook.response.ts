import { named, nullable, t } from '../../common/openapi/schema';
import { LANDIS_EVENT_NAMES } from '../../landis';

/** What the webhook routes answer (see webhook.presenter.ts). */
const ResolvedAlias = named(
  'ResolvedAlias',
  t.object({ Given: t.string({ example: 'QueueCallInConnected' }), ResolvedTo: t.string({ example: 'QueueCallInUserConnected' }) }),
);

export const SubscriptionResponse = named(
  'Subscription',
  t.object(
    {
      Id: t.uuid(),
      EventType: t.string({ example: 'QueueCallInUserConnected' }),
      AllEntities: t.boolean({ enum: [true], description: 'Present (true) when the subscription covers every entity' }),
      EntityId: t.uuid({ description: 'Present when the subscription is for one entity' }),
      RequestedEventType: t.string({ description: 'The alias the subscription was made with, when it was one' }),
    },
    ['AllEntities', 'EntityId', 'RequestedEventType'],
  ),
);

export const CreatedSubscriptionResponse = named('CreatedSubscription', {
  allOf: [SubscriptionResponse, t.object({ ResolvedAliases: t.array(ResolvedAlias) }, ['ResolvedAliases'])],
});

const WebhookView = named(
  'WebhookView',
  t.object({
    Endpoint: t.string({ example: 'https://my.integration.com/webhook/' }),
    InsecureSSL: t.boolean(),
    HasSecret: t.boolean({ description: 'Whether a Secret is set (it is never returned)' }),
    IsActive: t.boolean(),
    Headers: t.record(t.string(), { description: 'Additional request headers, credential-like values masked' }),
    RetrySchedule: nullable(t.array(t.integer(), { description: "Waits between attempts in ms; null: the emulator's RETRY_SCHEDULE" })),
  }),
);

const DeliveryFigures = named(
  'WebhookDeliveryFigures',
  t.object({
    Delivered: t.integer(),
    Retrying: t.integer(),
    Discarded: t.integer(),
    Pending: t.integer(),
    LastError: nullable(t.object({ Outcome: t.string(), Message: nullable(t.string()), At: t.dateTime() })),
  }),
);

const EnreachWebhookResponse = named(
  'EnreachWebhook',
  t.object(
    {
      Id: t.uuid(),
      Platform: t.enum(['enreach']),
      Webhook: WebhookView,
      Subscriptions: t.array(SubscriptionResponse),
      CreatedAt: t.dateTime(),
      UpdatedAt: t.dateTime(),
      Deliveries: DeliveryFigures,
      ResolvedAliases: t.array(ResolvedAlias, { description: 'On create: the aliases the document used and the types they stand for' }),
    },
    ['Deliveries', 'ResolvedAliases'],
  ),
);

const LandisWebhookView = named(
  'LandisWebhookView',
  t.object({
    Endpoint: t.string({ example: 'https://receiver.example.com/landis' }),
    IsActive: t.boolean(),
    WebhookEvents: t.array(t.enum(LANDIS_EVENT_NAMES), { description: "The webhook events it receives, in the catalog's order" }),
    Headers: t.record(t.string(), { description: 'Additional Webhook Headers, credential-like values masked' }),
    InsecureSSL: t.boolean(),
    HasSecret: t.boolean({ description: 'Always true: every request is signed (the secret is never returned but once, generated)' }),
    DeactivateAfterFailures: nullable(t.integer({ description: 'Failed attempts in a row that switch it off; null: never' })),
  }),
);

const LandisWebhookResponse = named(
  'LandisWebhook',
  t.object(
    {
      Id: t.uuid(),
      Platform: t.enum(['landis']),
      Webhook: LandisWebhookView,
      CreatedAt: t.dateTime(),
      UpdatedAt: t.dateTime(),
      Deliveries: DeliveryFigures,
      Secret: t.string({ pattern: '^whs_[0-9a-f]{32}$', description: 'On create only, when the emulator made the secret: shown this once' }),
    },
    ['Deliveries', 'Secret'],
  ),
);

/** A webhook of either platform; `Platform` tells which. */
export const WebhookResponse = named('Webhook', { oneOf: [EnreachWebhookResponse, LandisWebhookResponse] });
