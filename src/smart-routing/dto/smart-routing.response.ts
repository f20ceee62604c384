import { named, nullable, t } from '../../common/openapi/schema';
import { ROUTING_OUTCOMES } from '../routing-instructions';

/** What the SmartRouting routes answer (see smart-routing.service.ts); credentials are never returned. */
export const SmartRoutingConfigResponse = named(
  'SmartRoutingConfig',
  t.object({
    QueueId: t.uuid(),
    Endpoint: t.string({ example: 'https://routing.example.com/smartrouting' }),
    InsecureSSL: t.boolean(),
    Auth: t.enum(['apiKey', 'basic', 'none']),
    HasApiKey: t.boolean(),
    Username: nullable(t.string()),
    HasPassword: t.boolean(),
    TimeoutMs: t.integer(),
    TargetId: nullable(t.string()),
    SendExtraData: t.boolean(),
    DynamicValues: t.record(t.string()),
    IsActive: t.boolean(),
  }),
);

export const SmartRoutingRequestResponse = named(
  'SmartRoutingRequest',
  t.object({
    Id: t.uuid(),
    QueueId: t.uuid(),
    CallId: t.uuid(),
    RequestedAt: t.dateTime(),
    Request: t.object({}, [], { additionalProperties: true, description: 'What was sent: URL, headers (credentials masked) and the form fields' }),
    ResponseStatus: nullable(t.integer()),
    ResponseBodyExcerpt: nullable(t.string()),
    LatencyMs: t.number({ minimum: 0 }),
    Outcome: t.enum(ROUTING_OUTCOMES),
    Reason: nullable(t.string()),
    Applied: nullable(t.object({}, [], { additionalProperties: true, description: 'The routing instructions the simulation applied' })),
    IgnoredProperties: t.array(t.string(), { description: 'Answer properties the platform ignores' }),
  }),
);

export const SmartRoutingRequestPageResponse = named(
  'SmartRoutingRequestPage',
  t.object({ Total: t.integer(), Limit: t.integer(), Offset: t.integer(), Items: t.array(SmartRoutingRequestResponse) }),
);
