import type { DeliveryAttemptEntity } from './delivery-attempt.entity';
import type { DeliveryEntity } from './delivery.entity';

export function presentDelivery(d: DeliveryEntity) {
  return {
    Id: d.id,
    EventId: d.eventId,
    WebhookId: d.webhookId,
    EventType: d.eventType,
    Status: d.status,
    Attempts: d.attempts,
    NextAttemptAt: d.nextAttemptAt,
    // Its own waits in ms (a scenario's); null when the webhook's or the configured schedule applies.
    RetrySchedule: d.retryScheduleMs,
    LastOutcome: d.lastOutcome,
    LastStatusCode: d.lastStatusCode,
    LastError: d.lastError,
    DeliveredAt: d.deliveredAt,
    CreatedAt: d.createdAt,
    UpdatedAt: d.updatedAt,
  };
}

export function presentAttempt(a: DeliveryAttemptEntity) {
  return {
    AttemptNumber: a.attemptNumber,
    Trigger: a.trigger,
    StartedAt: a.startedAt,
    EndedAt: a.endedAt,
    DurationMs: a.durationMs,
    Outcome: a.outcome,
    StatusCode: a.statusCode,
    ErrorMessage: a.errorMessage,
    RequestHeaders: a.requestHeaders,
    ResponseHeaders: a.responseHeaders,
    ResponseBodyExcerpt: a.responseBodyExcerpt,
    ResponseBodyBytes: a.responseBodyBytes,
    // The platform ignores response bodies and asks receivers not to send one.
    ...(a.responseBodyBytes > 0 ? { Note: 'the receiver sent a response body; the platform ignores it' } : {}),
  };
}
