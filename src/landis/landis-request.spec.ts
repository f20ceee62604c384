import { buildLandisRequest, LANDIS_CONTENT_TYPE } from './landis-request';
import { verifyLandisSignature } from './landis-signature';
import { buildTestWebhookData } from './landis-test-webhook';

const INPUT = {
  eventId: '0b6a3c5e-2f4d-4c1a-9e8b-7d6f5a4b3c2d',
  webhookEvent: 'App.TestWebhook' as const,
  attempt: 2,
  data: buildTestWebhookData(5),
  creationTime: '2024-03-01T09:00:00.25Z',
};

describe('buildLandisRequest', () => {
  it("sends the signed envelope as UTF-8 JSON with the subscription's additional headers", () => {
    const secret = 'whs_0123456789abcdef0123456789abcdef';
    const request = buildLandisRequest(INPUT, { secret, headers: { 'X-Tenant': 'contoso', Authorization: 'Bearer abc' } });
    expect(request.headers).toEqual({
      'X-Tenant': 'contoso',
      Authorization: 'Bearer abc',
      'Content-Type': LANDIS_CONTENT_TYPE,
      'abp-webhook-signature': expect.stringMatching(/^sha256=([0-9A-F]{2}-){31}[0-9A-F]{2}$/),
    });
    expect(LANDIS_CONTENT_TYPE).toBe('application/json; charset=utf-8');
    expect(verifyLandisSignature(request.body, request.headers['abp-webhook-signature'], secret)).toBe(true);
    expect(JSON.parse(request.body)).toEqual(request.envelope);
    expect(request.envelope.Attempt).toBe(2);
  });

  it('keeps its own content type and signature whatever the additional headers say', () => {
    const request = buildLandisRequest(INPUT, { secret: 'whs_s', headers: { 'content-type': 'text/plain', 'ABP-Webhook-Signature': 'sha256=00' } });
    expect(Object.keys(request.headers)).toEqual(['Content-Type', 'abp-webhook-signature']);
    expect(verifyLandisSignature(request.body, request.headers['abp-webhook-signature'], 'whs_s')).toBe(true);
  });
});
