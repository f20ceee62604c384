/** What the matcher and the sender need of a webhook, held in memory by every process. */
export interface WebhookSnapshot {
  id: string;
  endpoint: string;
  insecureSsl: boolean;
  secret: string | null;
  isActive: boolean;
  headers: Record<string, string>;
  retryScheduleMs: number[] | null;
}

export interface SubscriptionSnapshot {
  webhookId: string;
  eventType: string;
  entityId: string | null;
  allEntities: boolean;
}
