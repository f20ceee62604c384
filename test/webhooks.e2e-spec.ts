import request from 'supertest';
import sample from './fixtures/platform-sample-configuration.json';
import { WebhookRegistry } from '../src/webhooks/webhook-registry.service';
import { CapturingLogger } from './support/capturing-logger';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'MySecretString';
const QUEUE = '6cb31d7d-9cd9-41dc-a096-62cf31fd0281';

describe('webhooks API', () => {
  let app: TestApp;
  let api: () => ReturnType<typeof request>;
  const logs = new CapturingLogger();

  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'verbose' }, undefined, logs);
    api = () => request(app.http!.getHttpServer());
  });
  afterAll(() => app?.close());

  it("imports the seed's sample configuration as it is, resolving its aliased event names", async () => {
    const res = await api().post('/api/webhooks').send(sample).expect(201);
    expect(res.body).toMatchObject({
      Webhook: { Endpoint: 'https://my.integration.com/wehook/', InsecureSSL: true, HasSecret: true, IsActive: true },
      ResolvedAliases: [
        { Given: 'QueueCallInConnected', ResolvedTo: 'QueueCallInUserConnected' },
        { Given: 'QueueCallInAllocated', ResolvedTo: 'QueueCallInUserAllocated' },
      ],
    });
    expect(res.body.Subscriptions.map((s: { EventType: string }) => s.EventType)).toEqual(['QueueCallInUserConnected', 'QueueCallInUserAllocated']);
    expect(res.body.Subscriptions.every((s: { AllEntities?: boolean }) => s.AllEntities === true)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);

    const got = await api().get(`/api/webhooks/${res.body.Id}`).expect(200);
    expect(got.body.Subscriptions).toHaveLength(2);
    expect(JSON.stringify(got.body)).not.toContain(SECRET);
    const all = await api().get('/api/webhooks').expect(200);
    expect(JSON.stringify(all.body)).not.toContain(SECRET);
    expect(logs.lines.join('\n')).not.toContain(SECRET);
  });

  const endpoint = 'https://receiver.example.com/hook';
  it.each([
    ['http endpoint', { Webhook: { Endpoint: 'http://receiver.example.com/' } }, /Webhook.Endpoint must use https:\/\//],
    ['non-443 port', { Webhook: { Endpoint: 'https://receiver.example.com:8443/' } }, /Webhook.Endpoint must use the default HTTPS port 443/],
    ['relative URL', { Webhook: { Endpoint: '/hook' } }, /Webhook.Endpoint "\/hook" is not an absolute URL/],
    ['two URLs', { Webhook: { Endpoint: [endpoint, endpoint] } }, /Webhook.Endpoint one URL per endpoint/],
    ['missing Webhook', { Subscriptions: [] }, /Webhook should not be null or undefined/],
    [
      'unknown event type',
      { Webhook: { Endpoint: endpoint }, Subscriptions: [{ EventType: 'QueueCallInAnswered', AllEntities: true }] },
      /Subscriptions\[0\].EventType "QueueCallInAnswered" is not an event type/,
    ],
    [
      'wrong case of an event type',
      { Webhook: { Endpoint: endpoint }, Subscriptions: [{ EventType: 'queuestatus', AllEntities: true }] },
      /did you mean QueueStatus\?/,
    ],
    [
      'both EntityId and AllEntities',
      { Webhook: { Endpoint: endpoint }, Subscriptions: [{ EventType: 'QueueStatus', EntityId: QUEUE, AllEntities: true }] },
      /Subscriptions\[0\].a subscription needs exactly one of EntityId \(a GUID\) and AllEntities: true/,
    ],
    [
      'neither EntityId nor AllEntities',
      { Webhook: { Endpoint: endpoint }, Subscriptions: [{ EventType: 'QueueStatus' }] },
      /Subscriptions\[0\].EntityId must be a GUID, or set AllEntities: true instead/,
    ],
    ['EntityId not a GUID', { Webhook: { Endpoint: endpoint }, Subscriptions: [{ EventType: 'QueueStatus', EntityId: 'queue-1' }] }, /EntityId must be a GUID/],
    [
      'platform header override',
      { Webhook: { Endpoint: endpoint, Headers: { 'X-Benemen-Token': 'x' } } },
      /Webhook.Headers.X-Benemen-Token: set by the platform/,
    ],
    // Values no request can carry: undici refuses them at every attempt, which the log showed as a reset connection.
    [
      'a header value beyond Latin-1',
      { Webhook: { Endpoint: endpoint, Headers: { 'X-Tenant': 'Café €' } } },
      /Webhook.Headers.X-Tenant: value must not contain CR, LF or other control characters, or characters beyond Latin-1/,
    ],
    [
      'a header value with a control character',
      { Webhook: { Endpoint: endpoint, Headers: { 'X-Tenant': 'a\u0001b' } } },
      /Webhook.Headers.X-Tenant: value must not contain/,
    ],
    ['bad retry schedule', { Webhook: { Endpoint: endpoint, RetrySchedule: '10s,soon' } }, /Webhook.RetrySchedule/],
    ['unknown field', { Webhook: { Endpoint: endpoint, Url: endpoint } }, /Webhook.Url: is not a known property/],
  ])('refuses %s with a 400 that names the field and the rule', async (_name, body, message) => {
    const res = await api().post('/api/webhooks').send(body).expect(400);
    expect(res.body.message.join('\n')).toMatch(message);
  });

  it('changes, deactivates and deletes a webhook and its subscriptions', async () => {
    const created = await api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: endpoint, Secret: 'another-secret-value' }, Subscriptions: [{ EventType: 'QueueStatus', EntityId: QUEUE }] })
      .expect(201);
    const id = created.body.Id;
    const patched = await api()
      .patch(`/api/webhooks/${id}`)
      .send({ IsActive: false, Headers: { 'X-Tenant': 'acme', Authorization: 'Bearer do-not-show' }, RetrySchedule: '1s,2s' })
      .expect(200);
    expect(patched.body.Webhook).toMatchObject({ IsActive: false, HasSecret: true, RetrySchedule: [1000, 2000] });
    expect(patched.body.Webhook.Headers).toEqual({ 'X-Tenant': 'acme', Authorization: '***' });
    await api().patch(`/api/webhooks/${id}`).send({ Endpoint: 'ftp://x/' }).expect(400);
    const cleared = await api().patch(`/api/webhooks/${id}`).send({ Secret: null }).expect(200);
    expect(cleared.body.Webhook.HasSecret).toBe(false);

    const added = await api().post(`/api/webhooks/${id}/subscriptions`).send({ EventType: 'QueueCallInAllocated', AllEntities: true }).expect(201);
    expect(added.body).toMatchObject({ EventType: 'QueueCallInUserAllocated', AllEntities: true, RequestedEventType: 'QueueCallInAllocated' });
    await api().post(`/api/webhooks/${id}/subscriptions`).send({ EventType: 'QueueCallInUserAllocated', AllEntities: true }).expect(409);
    const subs = await api().get(`/api/webhooks/${id}/subscriptions`).expect(200);
    expect(subs.body).toHaveLength(2);
    await api().delete(`/api/webhooks/${id}/subscriptions/${added.body.Id}`).expect(204);
    await api().delete(`/api/webhooks/${id}/subscriptions/${added.body.Id}`).expect(404);
    expect((await api().get(`/api/webhooks/${id}/subscriptions`)).body).toHaveLength(1);

    await api().delete(`/api/webhooks/${id}`).expect(204);
    await api().get(`/api/webhooks/${id}`).expect(404);
    await api().get('/api/webhooks/not-a-uuid').expect(400);
  });

  it('matches through the in-memory index: specific, all-entities, one per webhook, inactive, deleted', async () => {
    const registry = app.context.get(WebhookRegistry);
    const make = async (subscriptions: object[], extra: object = {}) =>
      (
        await api()
          .post('/api/webhooks')
          .send({ Webhook: { Endpoint: endpoint, ...extra }, Subscriptions: subscriptions })
          .expect(201)
      ).body;
    const specific = await make([{ EventType: 'QueueCallInArrived', EntityId: QUEUE }]);
    const all = await make([{ EventType: 'QueueCallInArrived', AllEntities: true }]);
    const both = await make([
      { EventType: 'QueueCallInArrived', AllEntities: true },
      { EventType: 'QueueCallInArrived', EntityId: QUEUE },
    ]);
    const inactive = await make([{ EventType: 'QueueCallInArrived', AllEntities: true }], { IsActive: false });
    const matched = () => registry.match('QueueCallInArrived', QUEUE).map((w) => w.id);

    expect(matched()).toEqual(expect.arrayContaining([specific.Id, all.Id, both.Id]));
    expect(matched().filter((id) => id === both.Id)).toHaveLength(1);
    expect(matched()).not.toContain(inactive.Id);
    expect(registry.match('QueueCallInArrived', '00000000-0000-4000-8000-000000000001').map((w) => w.id)).not.toContain(specific.Id);

    await api().delete(`/api/webhooks/${specific.Id}/subscriptions/${specific.Subscriptions[0].Id}`).expect(204);
    expect(matched()).not.toContain(specific.Id);
    await api().patch(`/api/webhooks/${inactive.Id}`).send({ IsActive: true }).expect(200);
    expect(matched()).toContain(inactive.Id);
    for (const w of [specific, all, both, inactive]) await api().delete(`/api/webhooks/${w.Id}`).expect(204);
    expect(matched()).toEqual([]);
  });

  it('carries a change made in one process to the index of another within a second', async () => {
    const other = await startTestApp({ ROLE: 'worker' }, app.infra);
    try {
      const registry = other.context.get(WebhookRegistry);
      const created = await api()
        .post('/api/webhooks')
        .send({ Webhook: { Endpoint: endpoint }, Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }] })
        .expect(201);
      const started = Date.now();
      while (!registry.match('UserStatus', QUEUE).some((w) => w.id === created.body.Id)) {
        if (Date.now() - started > 1000) throw new Error('the other process did not see the new webhook within 1 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      await api().delete(`/api/webhooks/${created.body.Id}`).expect(204);
      const deleted = Date.now();
      while (registry.match('UserStatus', QUEUE).some((w) => w.id === created.body.Id)) {
        if (Date.now() - deleted > 1000) throw new Error('the other process still matched a deleted webhook after 1 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await other.close();
    }
  });
});
