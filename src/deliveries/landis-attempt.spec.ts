import { createHmac } from 'node:crypto';
import { LANDIS_DELIVERY_POLICY } from '../landis';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';
import { attemptResult } from './attempt-result.fixture';
import { landisAttemptRequest, landisOutcome, landisPolicyOf, landisTimeoutMs } from './landis-attempt';

const webhook: WebhookSnapshot = {
  id: 'w',
  platform: 'landis',
  endpoint: 'https://example.com/hook',
  insecureSsl: false,
  secret: 'whs_0123456789abcdef0123456789abcdef',
  isActive: true,
  headers: { 'X-Tenant': 'acme' },
  retryScheduleMs: null,
  deactivateAfterFailures: null,
};
const event = {
  eventId: '0b6a3c5e-2f4d-4c1a-9e8b-7d6f5a4b3c2d',
  eventType: 'App.TestWebhook',
  data: '{"UserName":"Test Name 7","EmailAddress":"Test Email 7"}',
};

describe('a Landis attempt', () => {
  it('wraps the stored Data text unchanged in the envelope of this attempt, signed over the exact body', () => {
    const { body, headers } = landisAttemptRequest(webhook, event, 3, new Date('2024-03-01T09:00:05.120Z'));
    expect(body).toBe(
      `{"Id":"${event.eventId}","WebhookEvent":"App.TestWebhook","Attempt":3,"Data":${event.data},"CreationTimeUtc":"2024-03-01T09:00:05.12Z"}`,
    );
    const hex = createHmac('sha256', webhook.secret!).update(body).digest('hex').toUpperCase();
    expect(headers['abp-webhook-signature']).toBe(`sha256=${hex.match(/../g)!.join('-')}`);
    expect(headers['X-Tenant']).toBe('acme');
  });

  it('cannot be signed without a secret', () => {
    expect(() => landisAttemptRequest({ ...webhook, secret: null }, event, 1, new Date())).toThrow('has no secret');
  });

  it('counts any 2xx as delivered and leaves other results as they are', () => {
    const with204 = { ...attemptResult('http_status'), statusCode: 204 };
    expect(landisOutcome(with204).outcome).toBe('delivered');
    expect(landisOutcome(attemptResult('http_status')).outcome).toBe('http_status');
    expect(landisOutcome({ ...attemptResult('http_status'), statusCode: 302 }).outcome).toBe('http_status');
    expect(landisOutcome(attemptResult('timeout')).outcome).toBe('timeout');
  });

  it("uses ABP's policy, with deactivation switched on only by the webhook's threshold", () => {
    expect(landisPolicyOf(webhook)).toBe(LANDIS_DELIVERY_POLICY);
    expect(landisPolicyOf({ deactivateAfterFailures: 4 })).toMatchObject({ deactivateSubscriptionOnFailures: true, maxConsecutiveFailCount: 4 });
  });

  it('scales the 60 s time-out, never below 1 s', () => {
    expect(landisTimeoutMs(1)).toBe(60_000);
    expect(landisTimeoutMs(60)).toBe(1_000);
    expect(landisTimeoutMs(600)).toBe(1_000);
  });
});
