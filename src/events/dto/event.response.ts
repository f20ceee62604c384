import { CURSOR_PAGE } from '../../common/dto/cursor-page.response';
import { named, t } from '../../common/openapi/schema';
import { DeliveryResponse } from '../../deliveries/dto/delivery.response';

/** What the event routes answer (see events.service.ts). */
const Payload = { $ref: '#/components/schemas/WebhookPayload' };

export const EventResponse = named(
  'Event',
  t.object({
    Id: t.uuid(),
    EventType: t.string({ example: 'QueueCallInUserAllocated' }),
    Source: t.enum(['api', 'simulation', 'scenario', 'test'], { description: 'What made it' }),
    CreatedAt: t.dateTime(),
    Payload,
  }),
);

export const EventPageResponse = named('EventPage', t.object({ ...CURSOR_PAGE, Items: t.array(EventResponse) }));

export const EventDetailResponse = named('EventDetail', { allOf: [EventResponse, t.object({ Deliveries: t.array(DeliveryResponse) })] });

export const EmittedEventResponse = named(
  'EmittedEvent',
  t.object({
    Payload,
    Deliveries: t.array(t.object({ Id: t.uuid(), WebhookId: t.uuid() }), { description: 'One per matching active webhook' }),
  }),
);

const EnreachTestSendResponse = named('EnreachTestSend', t.object({ Payload, DeliveryId: t.uuid() }));
const LandisTestSendResponse = named(
  'LandisTestSend',
  t.object({
    Id: t.uuid({ description: "The event's Id (the envelope's Id)" }),
    WebhookEvent: t.enum(['App.TestWebhook']),
    Data: t.object({ UserName: t.string({ example: 'Test Name 417' }), EmailAddress: t.string({ example: 'Test Email 417' }) }),
    DeliveryId: t.uuid(),
  }),
);
/** What the test send answers: an Enreach sample event, or a Landis App.TestWebhook. */
export const TestSendResponse = named('TestSend', { oneOf: [EnreachTestSendResponse, LandisTestSendResponse] });
