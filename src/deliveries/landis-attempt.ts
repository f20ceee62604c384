import {
  buildLandisRequest,
  isLandisSuccess,
  LANDIS_DELIVERY_POLICY,
  landisRequestTimeoutMs,
  type LandisDataOf,
  type LandisDeliveryPolicy,
  type LandisEventName,
} from '../landis';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';
import type { AttemptResult } from './http-sender';

/**
 * The Landis side of the one attempt path: what an attempt sends (ABP's envelope built for this
 * attempt, signed, with the subscription's headers), what counts as success, and which policy applies.
 */

export interface LandisAttemptRequest {
  body: string;
  headers: Record<string, string>;
}

/** The request of attempt `attempt` (this event's send number to this webhook, from 1) at `now`. */
export function landisAttemptRequest(
  webhook: WebhookSnapshot,
  event: { eventId: string; eventType: string; data: string },
  attempt: number,
  now: Date,
): LandisAttemptRequest {
  if (!webhook.secret) throw new Error(`Landis webhook ${webhook.id} has no secret to sign with`);
  // The stored Data is Newtonsoft's text: parsed back and written again it is the same text (integers only, order kept).
  const { body, headers } = buildLandisRequest(
    {
      eventId: event.eventId,
      webhookEvent: event.eventType as LandisEventName,
      attempt,
      data: JSON.parse(event.data) as LandisDataOf<LandisEventName>,
      creationTime: now,
    },
    { secret: webhook.secret, headers: webhook.headers },
  );
  return { body, headers };
}

/** ABP's success rule (any 2xx) applied to a result the sender judged by Enreach's (200 only). */
export function landisOutcome(result: AttemptResult): AttemptResult {
  return result.outcome === 'http_status' && isLandisSuccess(result.statusCode) ? { ...result, outcome: 'delivered' } : result;
}

/** The policy of one webhook: ABP's defaults, with its deactivation threshold when it has one. */
export function landisPolicyOf(webhook: Pick<WebhookSnapshot, 'deactivateAfterFailures'>): LandisDeliveryPolicy {
  return webhook.deactivateAfterFailures === null
    ? LANDIS_DELIVERY_POLICY
    : { ...LANDIS_DELIVERY_POLICY, deactivateSubscriptionOnFailures: true, maxConsecutiveFailCount: webhook.deactivateAfterFailures };
}

/** One attempt's time-out: ABP's 60 s, divided by the time scale (never below 1 s). */
export const landisTimeoutMs = (timeScale: number): number => landisRequestTimeoutMs(LANDIS_DELIVERY_POLICY, timeScale);
