import { named, t } from '../common/openapi/schema';

/** What the event-type routes answer (see catalog.controller.ts). */
const Property = named(
  'EventTypeProperty',
  t.object(
    {
      Name: t.string({ example: 'QueueName' }),
      Type: t.string({
        example: 'string',
        description: 'The .NET type as the platform documents it: Guid, string, int?, DateTime, List<QueueAttachedUser>, ...',
      }),
      Description: t.string(),
      AllowedValues: t.array({ oneOf: [t.string(), t.integer()] }),
      ElementProperties: t.array(t.object({ Name: t.string(), Type: t.string(), Description: t.string() }), {
        description: 'For List<...> types: the element type',
      }),
    },
    ['AllowedValues', 'ElementProperties'],
  ),
);

export const EventTypeResponse = named(
  'EventType',
  t.object({
    Name: t.string({ example: 'QueueCallInUserAllocated' }),
    EntityType: t.enum(['User', 'Queue', 'CallList']),
    EntityIdProperty: t.string({ example: 'QueueId' }),
    Description: t.string(),
    Properties: t.array(Property),
  }),
);

export const EventTypeDetailResponse = named('EventTypeDetail', {
  allOf: [
    EventTypeResponse,
    t.object(
      { AliasOf: t.string({ description: 'When asked by an alias: the name it stands for' }), SamplePayload: { $ref: '#/components/schemas/WebhookPayload' } },
      ['AliasOf'],
    ),
  ],
});

export const PayloadJsonSchemaResponse = t.object({}, [], {
  additionalProperties: true,
  description: "The event type's payload as a JSON Schema (draft-07); helper types under definitions",
});
