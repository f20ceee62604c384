import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * ABP's webhook signature (WebhookManager.SignWebhookRequest): HMAC-SHA256 over the UTF-8 bytes
 * of the exact body, keyed with the UTF-8 bytes of the subscription secret, written as
 * `sha256=` + BitConverter.ToString(hash): upper-case hex byte pairs joined by dashes.
 */

export const LANDIS_SIGNATURE_HEADER = 'abp-webhook-signature';

const SIGNATURE_PREFIX = 'sha256=';
/** ABP's WebhookSubscriptionManager: WebhookSubscriptionSecretPrefix. */
export const LANDIS_SECRET_PREFIX = 'whs_';

/** .NET's BitConverter.ToString(byte[]): "0A-1B-FF". */
export function bitConverterToString(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join('-');
}

/** The `abp-webhook-signature` header value for a body. */
export function signLandisBody(body: string | Buffer, secret: string): string {
  if (typeof secret !== 'string' || secret === '') throw new Error('A Landis subscription secret is needed to sign a webhook');
  const hash = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest();
  return `${SIGNATURE_PREFIX}${bitConverterToString(hash)}`;
}

/**
 * What a receiver does: recompute and compare in constant time. The header is compared exactly
 * (upper-case hex, dashes), as a receiver written against ABP's format would.
 */
export function verifyLandisSignature(body: string | Buffer, headerValue: string | undefined, secret: string): boolean {
  if (typeof headerValue !== 'string') return false;
  const expected = Buffer.from(signLandisBody(body, secret), 'utf8');
  const given = Buffer.from(headerValue, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A new subscription secret as ABP makes one: "whs_" + Guid.NewGuid().ToString("N"), i.e. a
 * random (version 4) GUID as 32 lower-case hex digits without dashes.
 */
export function generateLandisSecret(newGuid: () => string = randomUUID): string {
  const hex = newGuid().replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`A GUID has 32 hex digits, got ${JSON.stringify(hex)}`);
  return `${LANDIS_SECRET_PREFIX}${hex}`;
}
