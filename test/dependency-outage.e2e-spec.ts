import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/common/free-port';
import { adminApi } from './support/api';
import { startOwnPostgres } from './support/own-postgres';
import { startOwnRedis, stopProcess } from './support/own-redis';
import { HttpsReceiver } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

/** Polls fn until it returns true or the time is up. */
async function until(fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("PostgreSQL or Redis stopped (servers of the test's own)", () => {
  let dir: string;
  let pgPort: number;
  let pg: { stop(): Promise<void> };
  let redis: ChildProcess;
  let redisPort: number;
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emu-outage-'));
    pgPort = await freePort();
    pg = await startOwnPostgres(dir, pgPort, 'outage');
    redisPort = await freePort();
    redis = await startOwnRedis(redisPort);
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp(
      { RECONCILE_INTERVAL_MS: '1000' },
      {
        databaseUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/outage`,
        redisUrl: `redis://127.0.0.1:${redisPort}`,
        redisPrefix: 'emu-outage',
        drop: async () => undefined,
      },
    );
    h = adminApi(app);
    await h.createWebhook({ Endpoint: receiverUrl('/outage'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    if (redis) await stopProcess(redis);
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 with Retry-After while PostgreSQL is stopped, shows it in /health, and recovers with nothing lost', async () => {
    const before = await h.emit({ EventType: 'QueueStatus' });
    await pg.stop();

    const started = Date.now();
    const list = await h.api().get('/api/deliveries').timeout(15_000);
    expect(list.status).toBe(503);
    expect(list.headers['retry-after']).toBe('5');
    expect(list.body).toMatchObject({ statusCode: 503, Dependency: 'postgres' });
    const emit = await h.api().post('/api/events').send({ EventType: 'QueueStatus' }).timeout(15_000);
    expect(emit.status).toBe(503);
    expect(emit.headers['retry-after']).toBe('5');
    const health = await h.api().get('/health').timeout(15_000);
    expect(health.status).toBe(503);
    expect(health.body.error).toHaveProperty('postgres');
    expect(health.body.info).toHaveProperty('redis');
    // Bounded: no request waited for the server to come back.
    expect(Date.now() - started).toBeLessThan(20_000);

    pg = await startOwnPostgres(dir, pgPort, 'outage');
    await until(async () => (await h.api().get('/api/deliveries').timeout(15_000)).status === 200, 30_000);
    expect((await h.api().get('/health')).status).toBe(200);
    // What was accepted before the outage is there and delivered.
    const d = await h.waitForDelivery(before.Deliveries[0].Id, (x) => x.Status === 'delivered', 30_000);
    expect(d.Status).toBe('delivered');
  }, 120_000);

  it('accepts events while Redis is stopped, reports Redis down, and delivers them once it is back', async () => {
    receiver.reset();
    await stopProcess(redis);
    const accepted = await h.api().post('/api/events').send({ EventType: 'QueueStatus' }).timeout(15_000);
    // Stored in PostgreSQL (the outbox); the reconciler queues it once Redis is back.
    expect(accepted.status).toBe(201);
    const health = await h.api().get('/health').timeout(15_000);
    expect(health.status).toBe(503);
    expect(health.body.error).toHaveProperty('redis');
    const resend = await h.api().post(`/api/deliveries/${accepted.body.Deliveries[0].Id}/resend`).timeout(15_000);
    expect(resend.status).toBe(503);
    expect(resend.headers['retry-after']).toBe('5');
    expect(resend.body).toMatchObject({ Dependency: 'redis' });
    // The bulk resend too, not a 200 listing Redis's error for each delivery.
    const bulk = await h.api().post('/api/deliveries/resend').send({ eventId: accepted.body.Payload.Id }).timeout(15_000);
    expect(bulk.status).toBe(503);
    expect(bulk.headers['retry-after']).toBe('5');
    expect(bulk.body).toMatchObject({ Dependency: 'redis' });

    redis = await startOwnRedis(redisPort);
    await receiver.waitFor((r) => r.requests.some((q) => (q.json as { Id: string }).Id === accepted.body.Payload.Id), 60_000);
    const d = await h.waitForDelivery(accepted.body.Deliveries[0].Id, (x) => x.Status === 'delivered', 30_000);
    expect(d.Attempts).toBe(1);
  }, 120_000);
});
