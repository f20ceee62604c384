import { DOTNET_GUID, formatAbpDateTime, toNewtonsoftJson } from './abp-json';
import type { LandisDataOf, LandisEnvelope, LandisEventName } from './landis.types';

/**
 * The POST body of a Landis webhook: ABP's `WebhookPayload` { Id, WebhookEvent, Attempt, Data,
 * CreationTimeUtc }, built anew for every attempt (ABP's WebhookManager does the same): `Id` is
 * the event's id and stays, `Attempt` counts this event's sends to this subscription (retries
 * and resends alike, from 1), `CreationTimeUtc` is when this attempt's payload was made.
 */

export interface LandisEnvelopeInput<N extends LandisEventName> {
  /** The webhook event's GUID; the same on every attempt and resend. */
  eventId: string;
  webhookEvent: N;
  /** 1 for the first send of this event to this subscription. */
  attempt: number;
  data: LandisDataOf<N>;
  /** The attempt's time (.NET's DateTime.UtcNow). */
  creationTime: Date | string;
  /** Sub-millisecond ticks of creationTime (0-9999), for .NET's 7-digit clock. */
  creationTicks?: number;
}

export interface LandisRequestBody<N extends LandisEventName> {
  envelope: LandisEnvelope<N>;
  /** The exact text that is POSTed and signed. */
  body: string;
}

export function buildLandisEnvelope<N extends LandisEventName>(input: LandisEnvelopeInput<N>): LandisRequestBody<N> {
  if (!DOTNET_GUID.test(input.eventId)) {
    throw new Error(`eventId must be a lower-case GUID as .NET's Guid.ToString() writes it, got ${JSON.stringify(input.eventId)}`);
  }
  if (!Number.isSafeInteger(input.attempt) || input.attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, got ${input.attempt}`);
  }
  // Property order as WebhookPayload declares them; Newtonsoft writes declaration order.
  const envelope = {
    Id: input.eventId,
    WebhookEvent: input.webhookEvent,
    Attempt: input.attempt,
    Data: input.data,
    CreationTimeUtc: formatAbpDateTime(input.creationTime, input.creationTicks ?? 0),
  } as LandisEnvelope<N>;
  return { envelope, body: toNewtonsoftJson(envelope) };
}
