import type { ExamplesObject } from '@nestjs/swagger';

/** Request examples of the webhook routes; the e2e spec openapi.e2e-spec.ts sends each one and expects it accepted. */
export const CREATE_WEBHOOK_EXAMPLES: ExamplesObject = {
  platformSample: {
    summary: "The platform documentation's sample document, as is",
    value: {
      Webhook: { Endpoint: 'https://my.integration.com/webhook/', InsecureSSL: true, Secret: 'MySecretString' },
      Subscriptions: [
        { EventType: 'QueueCallInConnected', AllEntities: true },
        { EventType: 'QueueCallInAllocated', AllEntities: true },
      ],
    },
  },
  everything: {
    summary: 'Every event type, extra headers and its own retry schedule (emulator extensions)',
    value: {
      Webhook: { Endpoint: 'https://my.integration.com/webhook/', Secret: 'MySecretString', Headers: { 'X-Tenant': 'acme' }, RetrySchedule: '1s,5s,30s' },
      Subscriptions: [{ AllEventTypes: true, AllEntities: true }],
    },
  },
};

export const UPDATE_WEBHOOK_EXAMPLES: ExamplesObject = {
  deactivate: { summary: 'Stop deliveries to it', value: { IsActive: false } },
  retries: { summary: 'Its own waits between attempts, in ms', value: { RetrySchedule: [1000, 5000], Secret: null } },
};

export const SUBSCRIPTION_EXAMPLES: ExamplesObject = {
  oneEntity: { summary: 'One event type of one queue', value: { EventType: 'QueueCallInUserConnected', EntityId: 'e0072f3a-cc7c-42ee-b0ac-34cd7238150a' } },
  allEntities: { summary: 'One event type of every entity', value: { EventType: 'UserStatus', AllEntities: true } },
};
