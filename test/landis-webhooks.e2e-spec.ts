import { createHmac, randomUUID } from 'node:crypto';
import { SeededRandom } from '../src/common/seeded-random';
import { LANDIS_DELIVERY_POLICY, LANDIS_EVENT_SINK, documentOrder, getLandisEvent, sampleLandisData, type LandisEventSink } from '../src/landis';
import { adminApi } from './support/api';
import { CapturingLogger } from './support/capturing-logger';
import { HttpsReceiver, type ReceivedRequest } from './support/https-receiver';
import { plansByPath } from './support/plans-by-path';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

/** Divides ABP's waits (60 s doubling) and its 60 s time-out: a failing series of 6 attempts takes ~3 s. */
const TIME_SCALE = 600;
const WAITS = [60_000, 120_000, 240_000, 480_000, 960_000].map((ms) => ms / TIME_SCALE);

/** What a receiver written against ABP does, computed here without the emulator's code: .NET's BitConverter.ToString of the HMAC. */
function expectedSignature(body: string, secret: string): string {
  const hex = createHmac('sha256', secret).update(body, 'utf8').digest('hex').toUpperCase();
  return `sha256=${hex.match(/../g)!.join('-')}`;
}

interface Envelope {
  Id: string;
  WebhookEvent: string;
  Attempt: number;
  Data: Record<string, unknown>;
  CreationTimeUtc: string;
}
const envelope = (r: ReceivedRequest) => r.json as Envelope;

describe('Landis webhooks (HTTPS receiver on port 443)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;
  let plans: ReturnType<typeof plansByPath>;
  const logs = new CapturingLogger();
  const secrets: string[] = [];

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    plans = plansByPath(receiver);
    app = await startTestApp({ TIME_SCALE: String(TIME_SCALE), LOG_LEVEL: 'verbose' }, undefined, logs);
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });
  afterAll(() => {
    // Every secret made or given here, generated or not, never reached a log line (of which there are many at verbose).
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logs.lines.join('\n')).not.toContain(secret);
  });

  const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);

  async function landisHook(path: string, webhook: Record<string, unknown> = {}) {
    const res = await h
      .api()
      .post('/api/webhooks')
      .send({ Platform: 'landis', Webhook: { Endpoint: receiverUrl(path), InsecureSSL: true, WebhookEvents: ['App.TestWebhook'], ...webhook } })
      .expect(201);
    if (typeof res.body.Secret === 'string') secrets.push(res.body.Secret);
    return res.body as { Id: string; Secret?: string; Platform: string; Webhook: Record<string, unknown> };
  }
  async function sendTest(webhookId: string) {
    return (await h.api().post(`/api/webhooks/${webhookId}/test`).send({}).expect(202)).body as { Id: string; DeliveryId: string; Data: object };
  }
  async function retire(webhookId: string) {
    await h.api().patch(`/api/webhooks/${webhookId}`).send({ IsActive: false }).expect(200);
  }

  it('creates a Landis webhook with a generated secret shown once, and never again', async () => {
    const created = await landisHook('/created', { Headers: { 'X-Tenant': 'acme' } });
    expect(created.Secret).toMatch(/^whs_[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      Platform: 'landis',
      Webhook: { IsActive: true, WebhookEvents: ['App.TestWebhook'], Headers: { 'X-Tenant': 'acme' }, HasSecret: true, DeactivateAfterFailures: null },
    });
    const one = await h.api().get(`/api/webhooks/${created.Id}`).expect(200);
    const all = await h.api().get('/api/webhooks').expect(200);
    const patched = await h
      .api()
      .patch(`/api/webhooks/${created.Id}`)
      .send({ WebhookEvents: ['App.QueueWebhook', 'App.TestWebhook'] })
      .expect(200);
    expect(patched.body.Webhook.WebhookEvents).toEqual(['App.TestWebhook', 'App.QueueWebhook']);
    for (const body of [one.body, all.body, patched.body]) {
      expect(JSON.stringify(body)).not.toContain(created.Secret);
      expect(JSON.stringify(body)).not.toContain('"Secret"');
    }
    expect(all.body.find((w: { Id: string }) => w.Id === created.Id).Platform).toBe('landis');
    await h.api().delete(`/api/webhooks/${created.Id}`).expect(204);
    await h.api().get(`/api/webhooks/${created.Id}`).expect(404);
  });

  it('refuses unknown webhook events and the other platform’s fields with a clear 400', async () => {
    const post = (body: object) => h.api().post('/api/webhooks').send(body).expect(400);
    const landis = (webhook: object, extra: object = {}) =>
      post({ Platform: 'landis', Webhook: { Endpoint: receiverUrl('/bad'), WebhookEvents: ['App.TestWebhook'], ...webhook }, ...extra });
    expect((await landis({ WebhookEvents: ['App.CallWebhook'] })).body.message[0]).toContain('"App.CallWebhook" is not a Landis webhook event');
    expect((await landis({ WebhookEvents: ['app.ivrwebhook'] })).body.message[0]).toContain('did you mean App.IvrWebhook?');
    expect((await landis({ RetrySchedule: '1s' })).body.message[0]).toContain('RetrySchedule is for Enreach webhooks');
    expect((await landis({}, { Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }] })).body.message[0]).toContain(
      'Subscriptions is for Enreach webhooks',
    );
    expect((await landis({ Headers: { 'abp-webhook-signature': 'x' } })).body.message[0]).toContain('cannot be overridden');
    expect((await landis({ Headers: { 'Bad Name': 'x' } })).body.message[0]).toContain('not a valid HTTP header name');
    expect((await landis({ Secret: '' })).body.message[0]).toContain('always has a secret');
    expect((await landis({ DeactivateAfterFailures: 0 })).body.message[0]).toContain('DeactivateAfterFailures must be');
    expect((await post({ Platform: 'teams', Webhook: { Endpoint: receiverUrl('/bad') } })).body.message[0]).toContain(
      'Platform must be one of enreach, landis',
    );
    const enreach = await post({ Webhook: { Endpoint: receiverUrl('/bad'), WebhookEvents: ['App.TestWebhook'], DeactivateAfterFailures: 3 } });
    expect(enreach.body.message).toEqual([
      expect.stringContaining('Webhook.WebhookEvents is for Landis webhooks'),
      expect.stringContaining('Webhook.DeactivateAfterFailures is for Landis webhooks'),
    ]);
    const w = await landisHook('/no-subscriptions');
    const sub = await h.api().post(`/api/webhooks/${w.Id}/subscriptions`).send({ EventType: 'UserStatus', AllEntities: true }).expect(400);
    expect(sub.body.message[0]).toContain('is a Landis webhook');
    await h.api().post(`/api/webhooks/${w.Id}/test`).send({ EventType: 'UserStatus' }).expect(400);
    await h
      .api()
      .patch(`/api/webhooks/${w.Id}`)
      .send({ WebhookEvents: ['App.QueueWebhook'] })
      .expect(200);
    expect((await h.api().post(`/api/webhooks/${w.Id}/test`).send({}).expect(409)).body.message[0]).toContain('App.TestWebhook is not in its WebhookEvents');
    await h.api().delete(`/api/webhooks/${w.Id}`).expect(204);
  });

  it('sends the test webhook in ABP’s envelope, signed, with the additional headers', async () => {
    const w = await landisHook('/test', { Headers: { 'X-Tenant': 'acme', 'X-Api-Key': 'k-123456' } });
    const sent = await sendTest(w.Id);
    const [got] = await receiver.waitFor(() => requestsTo('/test').length === 1, 5000).then(() => requestsTo('/test'));
    expect(got.method).toBe('POST');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(got.headers['abp-webhook-signature']).toBe(expectedSignature(got.body, w.Secret!));
    expect(got.headers['x-tenant']).toBe('acme');
    expect(got.headers['x-api-key']).toBe('k-123456');
    expect(got.headers).not.toHaveProperty('x-benemen-token');
    expect(got.headers).not.toHaveProperty('x-benemen-event');
    const body = envelope(got);
    expect(Object.keys(body)).toEqual(['Id', 'WebhookEvent', 'Attempt', 'Data', 'CreationTimeUtc']);
    expect(body).toMatchObject({ Id: sent.Id, WebhookEvent: 'App.TestWebhook', Attempt: 1, Data: sent.Data });
    expect(body.Data).toEqual({ UserName: expect.stringMatching(/^Test Name \d{1,3}$/), EmailAddress: expect.stringMatching(/^Test Email \d{1,3}$/) });
    expect(body.CreationTimeUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/);
    const d = await h.waitForDelivery(sent.DeliveryId, (x) => x.Status === 'delivered');
    expect(d.AttemptLog).toHaveLength(1);
    expect(d.AttemptLog[0]).toMatchObject({ AttemptNumber: 1, Trigger: 'scheduled', Outcome: 'delivered', StatusCode: 200 });
    // The log masks the signature and credential-like headers; the secret is in no answer.
    expect(d.AttemptLog[0].RequestHeaders).toMatchObject({ 'abp-webhook-signature': '***', 'X-Api-Key': '***', 'X-Tenant': 'acme' });
    expect(JSON.stringify(d)).not.toContain(w.Secret);
    const event = (await h.api().get(`/api/events/${sent.Id}`).expect(200)).body;
    expect(event).toMatchObject({ EventType: 'App.TestWebhook', Source: 'test', Payload: sent.Data });
    await retire(w.Id);
  });

  it('counts any 2xx as delivered', async () => {
    plans.set('/no-content', () => ({ status: 204 }));
    const w = await landisHook('/no-content');
    const sent = await sendTest(w.Id);
    const d = await h.waitForDelivery(sent.DeliveryId, (x) => x.Status === 'delivered');
    expect(d.AttemptLog.map((a: { Outcome: string; StatusCode: number }) => [a.Outcome, a.StatusCode])).toEqual([['delivered', 204]]);
    await retire(w.Id);
  });

  it('retries a failing receiver as ABP does (60 s doubling, time-scaled, 6 attempts), Attempt counting up; resend adds one', async () => {
    plans.set('/down', () => ({ status: 500, body: 'down' }));
    const w = await landisHook('/down', { Secret: 'my-own-landis-secret' });
    secrets.push('my-own-landis-secret');
    expect(w.Secret).toBeUndefined();
    const sent = await sendTest(w.Id);
    const d = await h.waitForDelivery(sent.DeliveryId, (x) => x.Status === 'discarded', 15_000);
    const arrivals = requestsTo('/down');
    expect(arrivals).toHaveLength(LANDIS_DELIVERY_POLICY.maxSendAttemptCount + 1);
    expect(arrivals.map((r) => envelope(r).Attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(arrivals.map((r) => envelope(r).Id))).toEqual(new Set([sent.Id]));
    // Each attempt is its own body (Attempt, CreationTimeUtc), signed on its own.
    for (const r of arrivals) expect(r.headers['abp-webhook-signature']).toBe(expectedSignature(r.body, 'my-own-landis-secret'));
    const gaps = arrivals.slice(1).map((r, i) => r.receivedAt - arrivals[i].receivedAt);
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(WAITS[i] - 20);
      expect(gap).toBeLessThan(WAITS[i] + 400);
    });
    expect(d.AttemptLog.map((a: { AttemptNumber: number; Outcome: string; StatusCode: number }) => [a.AttemptNumber, a.Outcome, a.StatusCode])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [n, 'http_status', 500]),
    );
    expect(d.NextAttemptAt).toBeNull();

    const resent = await h.api().post(`/api/deliveries/${sent.DeliveryId}/resend`).expect(200);
    expect(envelope(requestsTo('/down')[6]).Attempt).toBe(7);
    expect(resent.body.AttemptLog).toHaveLength(7);
    expect(resent.body.AttemptLog[6]).toMatchObject({ AttemptNumber: 7, Trigger: 'manual', StatusCode: 500 });
    expect(resent.body.Status).toBe('discarded');
    // The request the next attempt would send: the envelope numbered 8, the signature masked.
    expect(resent.body.Request.Headers['abp-webhook-signature']).toBe('***');
    expect(JSON.parse(resent.body.Request.Body)).toMatchObject({ Id: sent.Id, Attempt: 8, WebhookEvent: 'App.TestWebhook' });
    plans.set('/down', () => ({ status: 200 }));
    const ok = await h.api().post(`/api/deliveries/${sent.DeliveryId}/resend`).expect(200);
    expect(ok.body).toMatchObject({ Status: 'delivered', Attempts: 8 });
    expect(envelope(requestsTo('/down')[7]).Attempt).toBe(8);
    await retire(w.Id);
  });

  it('switches a webhook off after its failed attempts in a row when DeactivateAfterFailures is set', async () => {
    plans.set('/deactivate', () => ({ status: 503 }));
    const w = await landisHook('/deactivate', { DeactivateAfterFailures: 2 });
    const sent = await sendTest(w.Id);
    const d = await h.waitForDelivery(sent.DeliveryId, (x) => x.Status === 'discarded', 10_000);
    expect(d.Attempts).toBe(2);
    expect(requestsTo('/deactivate')).toHaveLength(2);
    const after = (await h.api().get(`/api/webhooks/${w.Id}`).expect(200)).body;
    expect(after.Webhook).toMatchObject({ IsActive: false, DeactivateAfterFailures: 2 });
  });

  it('delivers a record handed to publishLandis with every property of its table; an Enreach webhook beside it gets its own format only', async () => {
    const landis = await landisHook('/cdr', { WebhookEvents: ['App.QueueWebhook'] });
    const enreach = await h.createWebhook({ Endpoint: receiverUrl('/enreach'), InsecureSSL: true }, [{ EventType: 'QueueCallInArrived', AllEntities: true }]);
    const data = sampleLandisData('App.QueueWebhook', new SeededRandom('landis-e2e'));
    const id = randomUUID();
    const sink = app.context.get<LandisEventSink>(LANDIS_EVENT_SINK);
    await sink.publishLandis({ webhookEvent: 'App.QueueWebhook', data, id, createdAt: new Date(), source: 'e2e' });
    await h.emit({ EventType: 'QueueCallInArrived' });
    await receiver.waitFor(() => requestsTo('/cdr').length === 1 && requestsTo('/enreach').length === 1, 5000);
    const got = requestsTo('/cdr')[0];
    expect(got.headers['abp-webhook-signature']).toBe(expectedSignature(got.body, landis.Secret!));
    const body = envelope(got);
    expect(body).toMatchObject({ Id: id, WebhookEvent: 'App.QueueWebhook', Attempt: 1 });
    expect(body.Data).toEqual(data);
    const table = getLandisEvent('App.QueueWebhook')!.properties.map((p) => p.name);
    expect(Object.keys(body.Data)).toEqual(table);
    expect(documentOrder(getLandisEvent('App.QueueWebhook')!.properties)).toHaveLength(table.length);
    const enreachGot = requestsTo('/enreach')[0];
    expect(enreachGot.headers['x-benemen-event']).toBe('QueueCallInArrived');
    expect(enreachGot.headers).not.toHaveProperty('abp-webhook-signature');
    expect((enreachGot.json as Record<string, unknown>).EventType).toBe('QueueCallInArrived');
    // Neither got the other's event.
    await new Promise((r) => setTimeout(r, 300));
    expect(requestsTo('/cdr')).toHaveLength(1);
    expect(requestsTo('/enreach')).toHaveLength(1);
    await retire(landis.Id);
    await retire(enreach.Id);
  });

  it('lists the Landis webhook events in the catalog beside the Enreach ones, each with a sample body', async () => {
    const landis = (await h.api().get('/api/landis/event-types').expect(200)).body;
    expect(landis.map((e: { Name: string }) => e.Name)).toEqual(['App.TestWebhook', 'App.QueueWebhook', 'App.IvrWebhook']);
    const enreach = (await h.api().get('/api/event-types').expect(200)).body;
    expect(enreach).toHaveLength(34);
    const ivr = (await h.api().get('/api/landis/event-types/App.IvrWebhook').expect(200)).body;
    expect(ivr).toMatchObject({ Name: 'App.IvrWebhook', Platform: 'landis', SamplePayload: { WebhookEvent: 'App.IvrWebhook', Attempt: 1 } });
    expect(Object.keys(ivr.SamplePayload.Data)).toEqual(ivr.Properties.map((p: { Name: string }) => p.Name));
    expect((await h.api().get('/api/landis/event-types/App.ivrwebhook').expect(404)).body.message[0]).toContain('did you mean App.IvrWebhook?');
    expect((await h.api().get('/api/event-types/App.IvrWebhook').expect(404)).body.message[0]).toContain('GET /api/landis/event-types');
  });

  it('refuses a record whose Data does not fit its table', async () => {
    const sink = app.context.get<LandisEventSink>(LANDIS_EVENT_SINK);
    const data = { ...sampleLandisData('App.IvrWebhook', new SeededRandom('bad')), IvrInputs: null };
    await expect(
      sink.publishLandis({ webhookEvent: 'App.IvrWebhook', data: data as never, id: randomUUID(), createdAt: new Date(), source: 'e2e' }),
    ).rejects.toThrow('Data.IvrInputs must be an array');
  });
});
