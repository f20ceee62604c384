import { named, nullable, t } from '../../common/openapi/schema';

/** What the webhook routes answer (see webhook.presenter.ts). */
const ResolvedAlias = named('ResolvedAlias', t.object({ Given: t.string({ example: 'QueueCallInConnected' }), ResolvedTo: t.string({ example: 'QueueCallInUserConnected' }) }));

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

export const CreatedSubscriptionResponse = named(
  'CreatedSubscription',
  { allOf: [SubscriptionResponse, t.object({ ResolvedAliases: t.array(ResolvedAlias) }, ['ResolvedAliases'])] },
);

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

export const WebhookResponse = named(
  'Webhook',
  t.object(
    {
      Id: t.uuid(),
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
