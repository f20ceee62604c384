import { Client } from 'pg';
import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';

/** A long transaction holding a table's lock (a tester's `LOCK ...; SELECT pg_sleep(600)`) must not hang the API. */
describe('PostgreSQL slow to answer: a lock held by another session', () => {
  let app: TestApp;
  let holder: Client | null = null;
  beforeAll(async () => {
    app = await startTestApp({ ROLE: 'api' });
  });
  afterAll(async () => {
    await holder?.end();
    await app?.close();
  });

  it('answers 503 with Retry-After within seconds while the lock is held, and 201 once it is released', async () => {
    const h = adminApi(app);
    holder = new Client({ connectionString: app.infra.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE events, deliveries IN ACCESS EXCLUSIVE MODE');

    const started = Date.now();
    const [emit, list] = await Promise.all([
      h.api().post('/api/events').send({ EventType: 'QueueStatus' }).timeout(15_000),
      h.api().get('/api/deliveries').timeout(15_000),
    ]);
    // The lock is still held: without a bound, both would wait for it.
    expect(Date.now() - started).toBeLessThan(12_000);
    for (const res of [emit, list]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ statusCode: 503, Dependency: 'postgres' });
    }

    await holder.query('ROLLBACK');
    const accepted = await h.emit({ EventType: 'QueueStatus' });
    const events = (await h.api().get('/api/events').expect(200)).body as { Items: { Id: string }[] };
    // Only the event answered 201 is stored: the one answered 503 was rolled back.
    expect(events.Items.map((e) => e.Id)).toEqual([accepted.Payload.Id]);
  }, 40_000);
});
