import { createHmac } from 'node:crypto';
import { buildLandisEnvelope } from './landis-envelope';
import { signLandisBody, verifyLandisSignature } from './landis-signature';
import { buildTestWebhookData } from './landis-test-webhook';

const EVENT_ID = '0b6a3c5e-2f4d-4c1a-9e8b-7d6f5a4b3c2d';

describe('buildLandisEnvelope', () => {
  it("writes ABP's WebhookPayload byte for byte: PascalCase, declaration order, compact, UTC time with Z", () => {
    const { body, envelope } = buildLandisEnvelope({
      eventId: EVENT_ID,
      webhookEvent: 'App.TestWebhook',
      attempt: 1,
      data: buildTestWebhookData(417),
      creationTime: new Date('2024-03-01T09:00:05.123Z'),
      creationTicks: 4567,
    });
    expect(body).toBe(
      '{"Id":"0b6a3c5e-2f4d-4c1a-9e8b-7d6f5a4b3c2d","WebhookEvent":"App.TestWebhook","Attempt":1,' +
        '"Data":{"UserName":"Test Name 417","EmailAddress":"Test Email 417"},"CreationTimeUtc":"2024-03-01T09:00:05.1234567Z"}',
    );
    expect(JSON.parse(body)).toEqual(envelope);
  });

  it('keeps the Id and changes Attempt and CreationTimeUtc, hence the signature, from one attempt to the next', () => {
    const base = { eventId: EVENT_ID, webhookEvent: 'App.TestWebhook' as const, data: buildTestWebhookData(1) };
    const first = buildLandisEnvelope({ ...base, attempt: 1, creationTime: '2024-03-01T09:00:00Z' });
    const second = buildLandisEnvelope({ ...base, attempt: 2, creationTime: '2024-03-01T09:01:00.5Z' });
    expect([first.envelope.Id, second.envelope.Id]).toEqual([EVENT_ID, EVENT_ID]);
    expect([first.envelope.Attempt, second.envelope.Attempt]).toEqual([1, 2]);
    expect([first.envelope.CreationTimeUtc, second.envelope.CreationTimeUtc]).toEqual(['2024-03-01T09:00:00Z', '2024-03-01T09:01:00.5Z']);
    expect(signLandisBody(first.body, 'whs_x')).not.toBe(signLandisBody(second.body, 'whs_x'));
  });

  it('produces the body a receiver verifies with its own HMAC', () => {
    const { body } = buildLandisEnvelope({
      eventId: EVENT_ID,
      webhookEvent: 'App.TestWebhook',
      attempt: 3,
      data: { UserName: 'Zoë "Z" \u2028', EmailAddress: null },
      creationTime: new Date(),
    });
    const secret = 'whs_0123456789abcdef0123456789abcdef';
    const header = signLandisBody(body, secret);
    const receiverHex = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex').toUpperCase();
    expect(header.replace('sha256=', '').split('-').join('')).toBe(receiverHex);
    expect(verifyLandisSignature(body, header, secret)).toBe(true);
    expect(body).toContain('"UserName":"Zoë \\"Z\\" \\u2028"');
  });

  it('refuses an Id that is not a .NET GUID and an attempt below 1', () => {
    const base = { webhookEvent: 'App.TestWebhook' as const, data: buildTestWebhookData(1), creationTime: new Date() };
    expect(() => buildLandisEnvelope({ ...base, eventId: EVENT_ID.toUpperCase(), attempt: 1 })).toThrow('lower-case GUID');
    expect(() => buildLandisEnvelope({ ...base, eventId: EVENT_ID, attempt: 0 })).toThrow('attempt must be a whole number from 1');
    expect(() => buildLandisEnvelope({ ...base, eventId: EVENT_ID, attempt: 1.5 })).toThrow('attempt');
  });
});
