import { Client } from 'pg';
import { DEMO } from '../src/organization/demo-organization';
import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';

describe('SmartRouting configuration API', () => {
  let app: TestApp;
  let h: ReturnType<typeof adminApi>;
  const path = `/api/queues/${DEMO.queues.service}/smart-routing`;

  beforeAll(async () => {
    app = await startTestApp({ DEMO_ORGANIZATION: 'true' });
    h = adminApi(app);
  });
  afterAll(() => app?.close());

  it('stores a configuration and never returns its credentials', async () => {
    const keyed = await h.api().put(path).send({ Endpoint: 'https://routing.example.com/sr', ApiKey: 'api-key-1234', TargetId: 'SALES_QUEUE' }).expect(200);
    expect(keyed.body).toMatchObject({ Auth: 'apiKey', HasApiKey: true, TimeoutMs: 5000, TargetId: 'SALES_QUEUE', IsActive: true });
    expect(JSON.stringify(keyed.body)).not.toContain('api-key-1234');
    const basic = await h
      .api()
      .put(path)
      .send({ Endpoint: 'https://routing.example.com/sr', Auth: 'basic', Username: 'router', Password: 'pa55word' })
      .expect(200);
    expect(basic.body).toMatchObject({ Auth: 'basic', Username: 'router', HasPassword: true, HasApiKey: false });
    const got = await h.api().get(path).expect(200);
    expect(JSON.stringify(got.body)).not.toContain('pa55word');
    await h.api().delete(path).expect(204);
    await h.api().get(path).expect(404);
  });

  it.each([
    [{ Endpoint: 'http://routing.example.com/' }, /Endpoint must use https/],
    [{ Endpoint: 'https://routing.example.com:8443/' }, /port 443/],
    [{ Endpoint: 'https://routing.example.com/', Auth: 'apiKey' }, /ApiKey is required/],
    [{ Endpoint: 'https://routing.example.com/', Auth: 'basic', Username: 'u' }, /Username and Password are required/],
    [{ Endpoint: 'https://routing.example.com/', TimeoutMs: 10 }, /TimeoutMs must not be less than 100/],
    [{ Endpoint: 'https://routing.example.com/', Auth: 'oauth' }, /Auth must be one of: apiKey, basic, none/],
  ])('refuses %j with a 400 naming the problem', async (body, message) => {
    const res = await h.api().put(path).send(body).expect(400);
    expect([res.body.message].flat().join('\n')).toMatch(message);
  });

  it('answers 404 for an unknown queue and 400 for bad log filters', async () => {
    await h.api().put('/api/queues/00000000-0000-4000-8000-000000000000/smart-routing').send({ Endpoint: 'https://x.example.com/' }).expect(404);
    await h.api().get('/api/smart-routing/requests').query({ outcome: 'maybe' }).expect(400);
    expect((await h.api().get('/api/smart-routing/requests').expect(200)).body.Items).toEqual([]);
  });

  it('goes with its queue: after the queue is deleted the route answers 404 and no configuration is left', async () => {
    const queue = (await h.api().post('/api/queues').send({ Name: 'Short-lived', Number: '+358109990001' }).expect(201)).body as { Id: string };
    const own = `/api/queues/${queue.Id}/smart-routing`;
    await h.api().put(own).send({ Endpoint: 'https://routing.example.com/sr', ApiKey: 'gone-with-queue' }).expect(200);
    await h.api().delete(`/api/queues/${queue.Id}`).expect(204);
    await h.api().get(own).expect(404);
    await h.api().delete(own).expect(404);
    const client = new Client({ connectionString: app.infra.databaseUrl });
    await client.connect();
    try {
      const rows = await client.query('SELECT queue_id FROM smart_routing_configs WHERE queue_id = $1', [queue.Id]);
      expect(rows.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
