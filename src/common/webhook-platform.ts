/** The platforms a webhook can emulate: Enreach Voice (the default) and Landis Contact Center (ASP.NET Boilerplate webhooks). */
export const WEBHOOK_PLATFORMS = ['enreach', 'landis'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];
