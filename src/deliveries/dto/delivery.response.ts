import { CURSOR_PAGE } from '../../common/dto/cursor-page.response';
import { named, nullable, t } from '../../common/openapi/schema';
import { ATTEMPT_OUTCOMES } from '../delivery-attempt.entity';
import { DELIVERY_STATUSES } from '../delivery.entity';

/** What the delivery routes answer (see delivery.presenter.ts). */
export const DeliveryResponse = named(
  'Delivery',
  t.object({
    Id: t.uuid(),
    EventId: t.uuid(),
    WebhookId: t.uuid(),
    EventType: t.string({ example: 'QueueCallInUserAllocated' }),
    Status: t.enum(DELIVERY_STATUSES),
    Attempts: t.integer({ minimum: 0 }),
    NextAttemptAt: nullable(t.dateTime()),
    RetrySchedule: nullable(
      t.array(t.integer(), { description: "This delivery's own waits in ms (a scenario's); null: the webhook's or the configured schedule" }),
    ),
    LastOutcome: nullable(t.enum(ATTEMPT_OUTCOMES)),
    LastStatusCode: nullable(t.integer()),
    LastError: nullable(t.string()),
    DeliveredAt: nullable(t.dateTime()),
    CreatedAt: t.dateTime(),
    UpdatedAt: t.dateTime(),
  }),
);

export const DeliveryPageResponse = named('DeliveryPage', t.object({ ...CURSOR_PAGE, Items: t.array(DeliveryResponse) }));

const Attempt = named(
  'DeliveryAttempt',
  t.object(
    {
      AttemptNumber: t.integer({ minimum: 1 }),
      Trigger: t.enum(['scheduled', 'manual']),
      StartedAt: t.dateTime(),
      EndedAt: t.dateTime(),
      DurationMs: t.number({ minimum: 0 }),
      Outcome: t.enum(ATTEMPT_OUTCOMES),
      StatusCode: nullable(t.integer()),
      ErrorMessage: nullable(t.string()),
      RequestHeaders: t.record(t.string(), { description: 'As sent, the token masked' }),
      ResponseHeaders: nullable(t.record(t.string())),
      ResponseBodyExcerpt: nullable(t.string()),
      ResponseBodyBytes: t.integer({ minimum: 0 }),
      Note: t.string({ description: 'Present when the receiver sent a response body (the platform ignores it)' }),
    },
    ['Note'],
  ),
);

export const DeliveryDetailResponse = named('DeliveryDetail', {
  allOf: [
    DeliveryResponse,
    t.object({
      Request: t.object({
        Method: t.enum(['POST']),
        Url: nullable(t.string({ description: 'The endpoint; null when the webhook was deleted' })),
        Headers: nullable(t.record(t.string(), { description: 'As the next attempt sends them, the token masked' })),
        Body: nullable(t.string({ description: 'The JSON body byte for byte' })),
      }),
      AttemptLog: t.array(Attempt),
    }),
  ],
});

export const BulkResendResponse = named(
  'BulkResendResult',
  t.object({
    Matched: t.integer({ description: 'Deliveries matching the filter (more than were resent when above max)' }),
    Resent: t.integer(),
    Failed: t.integer(),
    Results: t.array(
      t.object(
        {
          Id: t.uuid(),
          Status: t.enum(DELIVERY_STATUSES),
          LastOutcome: nullable(t.enum(ATTEMPT_OUTCOMES)),
          Queued: t.boolean({
            description: 'The attempt was queued but not yet logged when the answer was due (one wait for the whole request); it still happens',
          }),
          Error: t.string({ description: 'Why this one could not be resent' }),
        },
        ['Status', 'LastOutcome', 'Queued', 'Error'],
      ),
    ),
  }),
);
