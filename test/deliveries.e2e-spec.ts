import { HttpsReceiver } from './support/https-receiver';
import { plansByPath } from './support/plans-by-path';
import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';
import { receiverUrl } from './support/receiver-host';

const SCHEDULE = [300, 600, 900];

describe('delivery engine (HTTPS receiver on 127.0.0.1:443)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;
  // Each test routes by path; the default answers 200.
  let plans: ReturnType<typeof plansByPath>;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    plans = plansByPath(receiver);
    app = await startTestApp({
      RETRY_SCHEDULE: SCHEDULE.map((ms) => `${ms}ms`).join(','),
      RETRY_JITTER: '0',
      DELIVERY_TIMEOUT_MS: '700',
      WEBHOOK_MAX_IN_FLIGHT: '2',
      WORKER_CONCURRENCY: '8',
    });
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const at = receiverUrl;
  const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);
  async function hook(path: string, extra: Record<string, unknown> = {}, eventType = 'QueueCallInArrived') {
    return h.createWebhook({ Endpoint: at(path), InsecureSSL: true, ...extra }, [{ EventType: eventType, AllEntities: true }]);
  }
  async function emitOne(webhookId: string, eventType = 'QueueCallInArrived') {
    const emitted = await h.emit({ EventType: eventType });
    const delivery = emitted.Deliveries.find((d) => d.WebhookId === webhookId);
    if (!delivery) throw new Error('no delivery for the webhook');
    return { payload: emitted.Payload, deliveryId: delivery.Id };
  }
  async function retire(webhookId: string) {
    await h.api().patch(`/api/webhooks/${webhookId}`).send({ IsActive: false }).expect(200);
  }

  it('sends the stored payload byte for byte with the platform headers and the token', async () => {
    const w = await hook('/bytes', { Secret: 'MySecretString', Headers: { 'X-Tenant': 'acme' } });
    const { payload, deliveryId } = await emitOne(w.Id);
    await receiver.waitFor(() => requestsTo('/bytes').length === 1, 5000);
    const got = requestsTo('/bytes')[0];
    const stored = await h.api().get('/api/events').query({ eventType: 'QueueCallInArrived', limit: 1000 }).expect(200);
    const event = stored.body.Items.find((e: { Id: string }) => e.Id === payload.Id);
    expect(got.method).toBe('POST');
    expect(got.body).toBe(JSON.stringify(event.Payload));
    expect(got.body).toBe(JSON.stringify(payload));
    expect(got.headers['x-benemen-event']).toBe('QueueCallInArrived');
    expect(got.headers['x-benemen-token']).toBe('MySecretString');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(got.headers['x-tenant']).toBe('acme');
    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'delivered');
    expect(d.Attempts).toBe(1);
    expect(d.AttemptLog[0]).toMatchObject({ AttemptNumber: 1, Trigger: 'scheduled', Outcome: 'delivered', StatusCode: 200 });
    expect(d.AttemptLog[0].RequestHeaders['X-Benemen-Token']).toBe('***');
    expect(JSON.stringify(d)).not.toContain('MySecretString');
    await retire(w.Id);
  });

  it('sends no token header when no secret is set', async () => {
    const w = await hook('/no-secret');
    await emitOne(w.Id);
    await receiver.waitFor(() => requestsTo('/no-secret').length === 1, 5000);
    expect(requestsTo('/no-secret')[0].headers).not.toHaveProperty('x-benemen-token');
    await retire(w.Id);
  });

  it('retries a 500 with the schedule and delivers on attempt 3, logging three attempts', async () => {
    plans.set('/flaky', (i) => ({ status: i < 2 ? 500 : 200 }));
    const w = await hook('/flaky');
    const { payload, deliveryId } = await emitOne(w.Id);
    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'delivered');
    expect(d.Attempts).toBe(3);
    expect(d.AttemptLog.map((a: { Outcome: string; StatusCode: number }) => [a.Outcome, a.StatusCode])).toEqual([
      ['http_status', 500],
      ['http_status', 500],
      ['delivered', 200],
    ]);
    const arrivals = requestsTo('/flaky');
    expect(arrivals.map((r) => (r.json as { Id: string }).Id)).toEqual([payload.Id, payload.Id, payload.Id]);
    // Waits as the schedule says (no jitter here), within a tolerance for queue and loop latency.
    const gaps = [arrivals[1].receivedAt - arrivals[0].receivedAt, arrivals[2].receivedAt - arrivals[1].receivedAt];
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(SCHEDULE[i] - 20);
      expect(gap).toBeLessThan(SCHEDULE[i] + 400);
    });
    await retire(w.Id);
  });

  it('discards after the last attempt when the receiver always answers 500', async () => {
    plans.set('/down', () => ({ status: 500, body: 'oops' }));
    const w = await hook('/down');
    const { deliveryId } = await emitOne(w.Id);
    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'discarded');
    expect(d.Attempts).toBe(SCHEDULE.length + 1);
    expect(requestsTo('/down')).toHaveLength(SCHEDULE.length + 1);
    expect(d.AttemptLog[0]).toMatchObject({ ResponseBodyExcerpt: 'oops', ResponseBodyBytes: 4 });
    expect(d.NextAttemptAt).toBeNull();
    const figures = (await h.api().get(`/api/webhooks/${w.Id}`).expect(200)).body.Deliveries;
    expect(figures).toMatchObject({ Discarded: 1, Delivered: 0, LastError: { Outcome: 'http_status' } });
    await retire(w.Id);
  });

  it.each([201, 204])('does not count %i as delivered', async (status) => {
    plans.set(`/status-${status}`, (i) => ({ status: i === 0 ? status : 200 }));
    const w = await hook(`/status-${status}`);
    const { deliveryId } = await emitOne(w.Id);
    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'delivered');
    expect(d.AttemptLog.map((a: { StatusCode: number }) => a.StatusCode)).toEqual([status, 200]);
    await retire(w.Id);
  });

  it('records a time-out and a closed connection as failed attempts', async () => {
    plans.set('/slow', (i) => (i === 0 ? { hang: true } : { status: 200 }));
    plans.set('/closer', (i) => (i === 0 ? { destroy: true } : { status: 200 }));
    const slow = await hook('/slow', {}, 'QueueCallInUserCancelled');
    const closer = await hook('/closer', {}, 'QueueCallInUserConnected');
    const a = await emitOne(slow.Id, 'QueueCallInUserCancelled');
    const b = await emitOne(closer.Id, 'QueueCallInUserConnected');
    const ds = await h.waitForDelivery(a.deliveryId, (x) => x.Status === 'delivered');
    const dc = await h.waitForDelivery(b.deliveryId, (x) => x.Status === 'delivered');
    expect(ds.AttemptLog[0].Outcome).toBe('timeout');
    expect(ds.AttemptLog[0].DurationMs).toBeGreaterThanOrEqual(650);
    expect(dc.AttemptLog[0].Outcome).toBe('connection_reset');
    await retire(slow.Id);
    await retire(closer.Id);
  });

  it('refuses a self-signed certificate unless InsecureSSL is set, recording the reason', async () => {
    const strict = await h.createWebhook({ Endpoint: at('/strict') }, [{ EventType: 'UserStatus', AllEntities: true }]);
    const { deliveryId } = await emitOne(strict.Id, 'UserStatus');
    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'discarded');
    expect(d.AttemptLog[0].Outcome).toBe('tls');
    expect(d.AttemptLog[0].ErrorMessage).toMatch(/self-signed/);
    expect(requestsTo('/strict')).toHaveLength(0);
    await h.api().patch(`/api/webhooks/${strict.Id}`).send({ InsecureSSL: true }).expect(200);
    const resent = await h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    expect(resent.body.Status).toBe('delivered');
    expect(requestsTo('/strict')).toHaveLength(1);
    await retire(strict.Id);
  });

  it('resends a delivered event with the same Id, recorded as manual', async () => {
    const w = await hook('/resend');
    const { payload, deliveryId } = await emitOne(w.Id);
    await h.waitForDelivery(deliveryId, (x) => x.Status === 'delivered');
    const res = await h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    expect(res.body.AttemptLog.map((a: { Trigger: string; AttemptNumber: number }) => [a.Trigger, a.AttemptNumber])).toEqual([
      ['scheduled', 1],
      ['manual', 2],
    ]);
    expect(requestsTo('/resend').map((r) => (r.json as { Id: string }).Id)).toEqual([payload.Id, payload.Id]);
    await h.api().post('/api/deliveries/00000000-0000-4000-8000-000000000000/resend').expect(404);
    await retire(w.Id);
  });

  it('sends a test event to one webhook through the normal path', async () => {
    const w = await hook('/test-button', {}, 'QueueStatus');
    const res = await h.api().post(`/api/webhooks/${w.Id}/test`).send({ EventType: 'UserAvailability' }).expect(202);
    await receiver.waitFor(() => requestsTo('/test-button').length === 1, 5000);
    const got = requestsTo('/test-button')[0];
    expect(got.headers['x-benemen-event']).toBe('UserAvailability');
    expect((got.json as { Id: string }).Id).toBe(res.body.Payload.Id);
    await h.waitForDelivery(res.body.DeliveryId, (x) => x.Status === 'delivered');
    await h.api().post(`/api/webhooks/${w.Id}/test`).send({ EventType: 'NoSuchEvent' }).expect(400);
    await retire(w.Id);
  });

  it("does not let a hung endpoint delay a healthy endpoint's deliveries", async () => {
    plans.set('/hung', () => ({ hang: true }));
    const hung = await hook('/hung', {}, 'QueueCallInComing');
    const healthy = await hook('/healthy', {}, 'QueueCallInComing');
    const started = Date.now();
    for (let i = 0; i < 20; i++) await h.emit({ EventType: 'QueueCallInComing' });
    await receiver.waitFor(() => requestsTo('/healthy').length === 20, 5000);
    // Twenty healthy deliveries went through while the hung endpoint held at most its 2 slots:
    // each hung attempt holds a slot until its 700 ms time-out, so no 600 ms window saw more than 2 arrive.
    expect(Date.now() - started).toBeLessThan(5000);
    const hungAt = requestsTo('/hung').map((r) => r.receivedAt);
    expect(hungAt.length).toBeGreaterThan(0);
    for (const t of hungAt) expect(hungAt.filter((u) => u > t - 600 && u <= t).length).toBeLessThanOrEqual(2);
    await retire(hung.Id);
    await retire(healthy.Id);
  });

  it('answers 400 for bad filters and 404 for an unknown delivery', async () => {
    await h.api().get('/api/deliveries').query({ status: 'lost' }).expect(400);
    await h.api().get('/api/deliveries/00000000-0000-4000-8000-000000000000').expect(404);
    const badId = await h.api().post('/api/deliveries/42/resend').expect(400);
    expect(badId.body.message).toEqual(['id must be a UUID, got "42"']);
    const list = await h.api().get('/api/deliveries').query({ status: 'discarded' }).expect(200);
    expect(list.body.Items.every((d: { Status: string }) => d.Status === 'discarded')).toBe(true);
  });
});
