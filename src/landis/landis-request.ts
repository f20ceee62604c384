import { buildLandisEnvelope, type LandisEnvelopeInput } from './landis-envelope';
import { LANDIS_SIGNATURE_HEADER, signLandisBody } from './landis-signature';
import type { LandisEnvelope, LandisEventName } from './landis.types';

/**
 * One Landis attempt's request, as ABP's DefaultWebhookSender makes it: the envelope built for
 * this attempt, `StringContent(body, UTF8, "application/json")`, the signature header, then the
 * subscription's additional headers. The platform's own headers win here; the subscription API
 * should refuse additional headers that name them (ABP would add a second value or fail).
 */

/** What .NET's StringContent(body, Encoding.UTF8, "application/json") sends. */
export const LANDIS_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Headers a subscription's additional headers must not name (compared case-insensitively). */
export const LANDIS_RESERVED_HEADERS = ['content-type', LANDIS_SIGNATURE_HEADER] as const;

export interface LandisSubscriptionSecrets {
  secret: string;
  /** "Additional Webhook Headers". */
  headers: Readonly<Record<string, string>>;
}

export interface LandisRequest<N extends LandisEventName> {
  envelope: LandisEnvelope<N>;
  body: string;
  headers: Record<string, string>;
}

export function buildLandisRequest<N extends LandisEventName>(input: LandisEnvelopeInput<N>, subscription: LandisSubscriptionSecrets): LandisRequest<N> {
  const { envelope, body } = buildLandisEnvelope(input);
  const reserved = new Set<string>(LANDIS_RESERVED_HEADERS);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(subscription.headers)) {
    if (!reserved.has(name.toLowerCase())) headers[name] = value;
  }
  headers['Content-Type'] = LANDIS_CONTENT_TYPE;
  headers[LANDIS_SIGNATURE_HEADER] = signLandisBody(body, subscription.secret);
  return { envelope, body, headers };
}
