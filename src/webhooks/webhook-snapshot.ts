import type { WebhookPlatform } from '../common/webhook-platform';

/** What the matcher and the sender need of a webhook, held in memory by every process. */
export interface WebhookSnapshot {
  id: string;
  platform: WebhookPlatform;
  endpoint: string;
  insecureSsl: boolean;
  secret: string | null;
  isActive: boolean;
  headers: Record<string, string>;
  retryScheduleMs: number[] | null;
  /** Landis: failed attempts in a row that switch the webhook off; null = never. */
  deactivateAfterFailures: number | null;
}

export interface SubscriptionSnapshot {
  webhookId: string;
  eventType: string;
  entityId: string | null;
  allEntities: boolean;
}
