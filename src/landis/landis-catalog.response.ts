import { named, t } from '../common/openapi/schema';
import { LANDIS_EVENT_NAMES } from './landis-catalog';
import { LANDIS_VALUE_TYPES } from './landis-catalog.types';

/** What the Landis catalog routes answer (see landis-catalog.presenter.ts). */
const LandisProperty = named(
  'LandisProperty',
  t.object(
    {
      Name: t.string({ example: 'CallId' }),
      Type: t.enum(LANDIS_VALUE_TYPES),
      Description: t.string({ description: "Verbatim from the platform's document" }),
      AllowedValues: t.array(t.string()),
      AlwaysNull: t.boolean({ enum: [true] }),
      ElementProperties: t.array({ $ref: '#/components/schemas/LandisProperty' }),
    },
    ['AllowedValues', 'AlwaysNull', 'ElementProperties'],
  ),
);

const landisEventFields = {
  Name: t.enum(LANDIS_EVENT_NAMES),
  Platform: t.enum(['landis']),
  Description: t.string(),
  Documented: t.boolean({ description: 'False for App.TestWebhook, which the document gives no table' }),
  Properties: t.array(LandisProperty),
};

export const LandisEventTypeResponse = named('LandisEventType', t.object(landisEventFields));

/** The POST body a Landis receiver gets: ABP's WebhookPayload. */
const LandisEnvelope = named(
  'LandisWebhookPayload',
  t.object({
    Id: t.uuid(),
    WebhookEvent: t.enum(LANDIS_EVENT_NAMES),
    Attempt: t.integer({ minimum: 1, description: "This event's send number to this subscription" }),
    Data: t.object({}, [], { additionalProperties: true, description: "The event's properties, as its table lists them" }),
    CreationTimeUtc: t.string({ example: '2024-03-01T09:01:41.2534567Z' }),
  }),
);

export const LandisEventTypeDetailResponse = named('LandisEventTypeDetail', t.object({ ...landisEventFields, SamplePayload: LandisEnvelope }));
