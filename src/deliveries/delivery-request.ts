import { maskHeaders } from '../common/header-rules';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';

export const CONTENT_TYPE = 'application/json; charset=utf-8';

/** The platform's headers: event type, token only when a secret is set, JSON content type; then the webhook's own. */
export function deliveryHeaders(webhook: WebhookSnapshot, eventType: string): Record<string, string> {
  const headers: Record<string, string> = { ...webhook.headers };
  headers['X-Benemen-Event'] = eventType;
  if (webhook.secret) headers['X-Benemen-Token'] = webhook.secret;
  headers['Content-Type'] = CONTENT_TYPE;
  return headers;
}

/** What the delivery log keeps of the request headers: the token and credential-like values are masked. */
export const loggedHeaders = maskHeaders;
