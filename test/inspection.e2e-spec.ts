import { HttpsReceiver } from './support/https-receiver';
import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';
import { receiverUrl } from './support/receiver-host';

/** The tester's inspection and assertion API: event detail, the exact request, long-polls, bulk resend, AllEventTypes, reset. */
describe('inspection and assertion API (HTTPS receiver on port 443)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;
  const failing = new Set<string>();

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    receiver.respondWith((req) => ({ status: failing.has(req.path) ? 500 : 200 }));
    app = await startTestApp({ RETRY_SCHEDULE: '100ms,100ms', RETRY_JITTER: '0', DELIVERY_TIMEOUT_MS: '2000' });
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);
  const hook = (
    path: string,
    extra: Record<string, unknown> = {},
    subscriptions: Record<string, unknown>[] = [{ EventType: 'UserStatus', AllEntities: true }],
  ) => h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true, ...extra }, subscriptions);
  const retire = (id: string) => h.api().patch(`/api/webhooks/${id}`).send({ IsActive: false }).expect(200);

  it('GET /api/events/:id gives the payload and its deliveries; the delivery shows the exact request with the token masked', async () => {
    const w = await hook('/detail', { Secret: 'TopSecretToken1', Headers: { 'X-Tenant': 'acme' } });
    const emitted = await h.emit({ EventType: 'UserStatus' });
    const eventId = String(emitted.Payload.Id);
    const deliveryId = emitted.Deliveries.find((d) => d.WebhookId === w.Id)!.Id;
    await receiver.waitFor(() => requestsTo('/detail').length === 1, 10_000);
    const received = requestsTo('/detail')[0];

    const event = (await h.api().get(`/api/events/${eventId}`).expect(200)).body;
    expect(event).toMatchObject({ Id: eventId, EventType: 'UserStatus', Source: 'api', Payload: emitted.Payload });
    expect(event.Deliveries.map((d: { Id: string }) => d.Id)).toEqual([deliveryId]);
    expect(event.Deliveries[0]).toMatchObject({ WebhookId: w.Id, EventId: eventId });

    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'delivered');
    expect(d.Request).toEqual({
      Method: 'POST',
      Url: receiverUrl('/detail'),
      Headers: { 'X-Tenant': 'acme', 'X-Benemen-Event': 'UserStatus', 'X-Benemen-Token': '***', 'Content-Type': 'application/json; charset=utf-8' },
      Body: received.body,
    });
    expect(JSON.stringify(d)).not.toContain('TopSecretToken1');
    expect(JSON.stringify(event)).not.toContain('TopSecretToken1');

    await h.api().get('/api/events/9b1b1b1b-1b1b-4b1b-9b1b-1b1b1b1b1b1b').expect(404);
    const bad = await h.api().get('/api/events/not-a-guid').expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('not-a-guid');
    await retire(w.Id);
  });

  it('lists events by eventId', async () => {
    const a = await h.emit({ EventType: 'UserStatus' });
    await h.emit({ EventType: 'UserStatus' });
    const res = await h.api().get('/api/events').query({ eventId: a.Payload.Id }).expect(200);
    expect(res.body.Total).toBe(1);
    expect(res.body.Items[0].Id).toBe(a.Payload.Id);
    const bad = await h.api().get('/api/events').query({ eventId: 'nope' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('eventId');
  });

  it('waitMs holds a list request until a matching delivery exists, and returns an empty page when the wait ends', async () => {
    const w = await hook('/wait');
    const started = Date.now();
    const waiting = h.api().get('/api/deliveries').query({ webhookId: w.Id, status: 'delivered', waitMs: 20_000 });
    const waitingEvent = h.api().get('/api/events').query({ eventType: 'QueueCallInArrived', waitMs: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    const emitted = await h.emit({ EventType: 'UserStatus' });
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.body.Items.map((d: { EventId: string }) => d.EventId)).toEqual([emitted.Payload.Id]);
    expect(Date.now() - started).toBeLessThan(15_000);
    const arrived = await h.emit({ EventType: 'QueueCallInArrived' });
    const ev = await waitingEvent;
    expect(ev.body.Items.map((e: { Id: string }) => e.Id)).toContain(arrived.Payload.Id);

    const emptyStart = Date.now();
    const empty = await h.api().get('/api/deliveries').query({ webhookId: w.Id, status: 'discarded', waitMs: 400 }).expect(200);
    expect(empty.body).toMatchObject({ Total: 0, Items: [] });
    expect(Date.now() - emptyStart).toBeGreaterThanOrEqual(350);

    const tooLong = await h.api().get('/api/deliveries').query({ waitMs: 30_001 }).expect(400);
    expect(JSON.stringify(tooLong.body.message)).toContain('waitMs');
    await retire(w.Id);
  });

  it('AllEventTypes: true subscribes to all 34 types; with EventType too it is refused', async () => {
    const w = await hook('/all', {}, [{ AllEventTypes: true, AllEntities: true }]);
    const subs = (await h.api().get(`/api/webhooks/${w.Id}/subscriptions`).expect(200)).body as { EventType: string }[];
    const types = (await h.api().get('/api/event-types').expect(200)).body as { Name?: string; EventType?: string }[];
    expect(subs).toHaveLength(34);
    expect(new Set(subs.map((s) => s.EventType)).size).toBe(34);
    expect(types).toHaveLength(34);
    const one = await h.emit({ EventType: 'CallbackListStatus' });
    const two = await h.emit({ EventType: 'QueueStatus' });
    expect(one.Deliveries.some((d) => d.WebhookId === w.Id)).toBe(true);
    expect(two.Deliveries.some((d) => d.WebhookId === w.Id)).toBe(true);

    const both = await h
      .api()
      .post('/api/webhooks')
      .send({
        Webhook: { Endpoint: receiverUrl('/x'), InsecureSSL: true },
        Subscriptions: [{ EventType: 'UserStatus', AllEventTypes: true, AllEntities: true }],
      })
      .expect(400);
    expect(both.body.message).toContain('Subscriptions[0].give EventType or AllEventTypes: true, not both');
    const neither = await h
      .api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: receiverUrl('/x') }, Subscriptions: [{ AllEntities: true }] })
      .expect(400);
    expect(JSON.stringify(neither.body.message)).toContain('AllEventTypes');

    // On an existing webhook it adds the types it lacks.
    const single = await hook('/add-all');
    const added = await h.api().post(`/api/webhooks/${single.Id}/subscriptions`).send({ AllEventTypes: true, AllEntities: true }).expect(201);
    expect(added.body).toHaveLength(33);
    await retire(w.Id);
    await retire(single.Id);
  });

  it('bulk resend sends every matching delivery again, at most max, and needs a filter', async () => {
    failing.add('/bulk');
    const w = await hook('/bulk');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.emit({ EventType: 'UserStatus' })).Deliveries.find((d) => d.WebhookId === w.Id)!.Id);
    for (const id of ids) await h.waitForDelivery(id, (d) => d.Status === 'discarded', 15_000);
    failing.delete('/bulk');
    const before = requestsTo('/bulk').length;

    // No filter would resend everything: refused, in the one error shape.
    const unfiltered = await h.api().post('/api/deliveries/resend').send({ max: 2 }).expect(400);
    expect(unfiltered.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(/^give at least one filter: /)] });
    expect(requestsTo('/bulk').length).toBe(before);

    const res = await h.api().post('/api/deliveries/resend').send({ webhookId: w.Id, status: 'discarded', max: 2 }).expect(200);
    expect(res.body).toMatchObject({ Matched: 3, Resent: 2, Failed: 0 });
    expect(res.body.Results.map((r: { Id: string }) => r.Id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(requestsTo('/bulk').length - before).toBe(2);
    for (const id of ids.slice(0, 2)) {
      const d = await h.delivery(id);
      expect(d.Status).toBe('delivered');
      expect(d.AttemptLog.at(-1)).toMatchObject({ Trigger: 'manual', Outcome: 'delivered' });
    }
    expect((await h.delivery(ids[2])).Status).toBe('discarded');

    const none = await h.api().post('/api/deliveries/resend').send({}).expect(400);
    expect(JSON.stringify(none.body.message)).toContain('at least one filter');
    const tooMany = await h.api().post('/api/deliveries/resend').send({ status: 'discarded', max: 5000 }).expect(400);
    expect(JSON.stringify(tooMany.body.message)).toContain('max');
    await retire(w.Id);
  });

  it('POST /api/reset removes events, deliveries, attempts and queued retries, and keeps webhooks', async () => {
    failing.add('/reset');
    // A long wait before the retry: the delivery sits as a delayed job when the reset comes.
    const w = await hook('/reset', { RetrySchedule: '20s' });
    const emitted = await h.emit({ EventType: 'UserStatus' });
    const deliveryId = emitted.Deliveries.find((d) => d.WebhookId === w.Id)!.Id;
    await h.waitForDelivery(deliveryId, (d) => d.Status === 'retrying');
    const sent = requestsTo('/reset').length;

    const res = await h.api().post('/api/reset').expect(200);
    expect(res.body.Removed).toEqual(['events', 'deliveries', 'delivery_attempts', 'scenarios', 'smart_routing_requests']);
    expect(res.body.QueuedJobsRemoved).toBeGreaterThanOrEqual(1);
    expect((await h.api().get('/api/events').expect(200)).body.Total).toBe(0);
    expect((await h.api().get('/api/deliveries').expect(200)).body.Total).toBe(0);
    await h.api().get(`/api/deliveries/${deliveryId}`).expect(404);
    await h.api().get(`/api/events/${emitted.Payload.Id}`).expect(404);
    expect((await h.api().get('/api/scenarios').expect(200)).body).toHaveLength(0);
    const kept = await h.api().get(`/api/webhooks/${w.Id}`).expect(200);
    expect(kept.body.Subscriptions).toHaveLength(1);
    expect(kept.body.Deliveries).toMatchObject({ Delivered: 0, Retrying: 0, Discarded: 0, Pending: 0 });

    // The retry was removed with its delivery: nothing more reaches the receiver for it.
    const queue = (await h.api().get('/metrics').expect(200)).text;
    expect(queue).toMatch(/emulator_delivery_jobs\{state="delayed"\} 0/);
    expect(requestsTo('/reset').length).toBe(sent);

    // Delivery goes on as before for new events.
    failing.delete('/reset');
    const after = await h.emit({ EventType: 'UserStatus' });
    await h.waitForDelivery(after.Deliveries.find((d) => d.WebhookId === w.Id)!.Id, (d) => d.Status === 'delivered');
    await retire(w.Id);
  });
});
