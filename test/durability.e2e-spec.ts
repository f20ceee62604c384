import { DataSource } from 'typeorm';
import { makeEvent } from '../src/catalog/event-factory';
import { SeededRandom } from '../src/common/seeded-random';
import { EventPublisher } from '../src/events/event-publisher.service';
import { WebhookRegistry } from '../src/webhooks/webhook-registry.service';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { startTestApp, type TestApp } from './support/test-app';
import { deleteRedisPrefix } from './support/test-infra';
import { EmulatorProcess } from './support/worker-process';
import { receiverUrl } from './support/receiver-host';

/** Nothing accepted is lost: a killed worker, or a flushed Redis, still ends with every event received. */
describe('durability', () => {
  let api: TestApp;
  let receiver: HttpsReceiver;
  let worker: EmulatorProcess | null = null;

  const workerEnv = () => ({
    ROLE: 'worker',
    LOG_LEVEL: 'log',
    DATABASE_URL: api.infra.databaseUrl,
    REDIS_URL: api.infra.redisUrl,
    REDIS_PREFIX: api.infra.redisPrefix,
    JOB_LOCK_MS: '2000',
    RECONCILE_INTERVAL_MS: '1000',
    RETRY_SCHEDULE: '200ms,400ms,800ms',
    WORKER_CONCURRENCY: '50',
  });

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443, record: 'count' });
    api = await startTestApp({ ROLE: 'api' });
    await adminApi(api).createWebhook({ Endpoint: receiverUrl('/durable'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
  });
  afterEach(async () => {
    await worker?.kill('SIGKILL');
    worker = null;
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  async function publish(count: number, seed: string): Promise<Set<string>> {
    const publisher = api.context.get(EventPublisher);
    const rng = new SeededRandom(seed);
    const ids = new Set<string>();
    for (let start = 0; start < count; start += 200) {
      const batch = Array.from({ length: Math.min(200, count - start) }, () => makeEvent('QueueStatus', {}, { rng }));
      await Promise.all(batch.map((payload) => publisher.publish({ payload, source: 'test' })));
      batch.forEach((p) => ids.add(String(p.Id)));
    }
    return ids;
  }

  const unique = () => new Set(receiver.ids);
  const missing = (ids: Set<string>) => {
    const seen = unique();
    return [...ids].filter((id) => !seen.has(id)).length;
  };
  // Checked on every arrival, so only the cheap count is compared until it could be complete.
  const allArrived = (ids: Set<string>) => () => receiver.count >= ids.size && missing(ids) === 0;

  it('delivers every event at least once when the worker is killed with SIGKILL mid-run', async () => {
    receiver.reset();
    worker = EmulatorProcess.start(workerEnv());
    await worker.waitForLog('ROLE=worker');
    const ids = await publish(3000, 'kill');
    await receiver.waitFor((r) => r.count >= 500, 30_000);
    await worker.kill('SIGKILL');
    const beforeRestart = unique().size;
    expect(beforeRestart).toBeLessThan(3000);
    worker = EmulatorProcess.start(workerEnv());
    await receiver.waitFor(allArrived(ids), 60_000);
    expect(missing(ids)).toBe(0);
  }, 120_000);

  it('finishes in-flight deliveries and logs them before exiting on SIGTERM', async () => {
    receiver.reset();
    receiver.respondWith(() => ({ status: 200, delayMs: 800 }));
    worker = EmulatorProcess.start(workerEnv());
    await worker.waitForLog('ROLE=worker');
    const ids = await publish(20, 'sigterm');
    // All 20 are in flight, answers pending. (Counting arrivals alone is not enough: the worker may
    // also resend the previous test's unfinished deliveries, which the reconciler finds.)
    await receiver.waitFor(allArrived(ids), 10_000);
    const started = Date.now();
    const exited = new Promise<number | null>((r) => worker!.child.once('exit', (code) => r(code)));
    worker.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    worker = null;
    receiver.respondWith(() => ({ status: 200 }));
    const rows: { status: string; n: number }[] = await api.context
      .get(DataSource)
      .query(`SELECT d.status, count(*)::int AS n FROM deliveries d JOIN events e ON e.id = d.event_id WHERE e.id = ANY($1) GROUP BY 1`, [[...ids]]);
    expect(rows).toEqual([{ status: 'delivered', n: 20 }]);
  }, 60_000);

  it("delivers every pending event after the queue's Redis keys are flushed", async () => {
    receiver.reset();
    // No worker runs: the deliveries are accepted and waiting when Redis loses them.
    const ids = await publish(500, 'flush');
    const deleted = await deleteRedisPrefix(api.infra.redisUrl, api.infra.redisPrefix);
    expect(deleted).toBeGreaterThan(0);
    worker = EmulatorProcess.start(workerEnv());
    await receiver.waitFor(allArrived(ids), 60_000);
    expect(missing(ids)).toBe(0);
  }, 120_000);

  it("recreates a lost job with its delivery's own retry schedule", async () => {
    receiver.reset();
    receiver.respondWith((req) => ({ status: req.path === '/own-schedule' ? 500 : 200 }));
    const webhook = await adminApi(api).createWebhook({ Endpoint: receiverUrl('/own-schedule'), InsecureSSL: true }, []);
    const only = api.context.get(WebhookRegistry).webhook(webhook.Id)!;
    // A scenario's treatment: two attempts 1.5 s apart, where the worker's own schedule is four, 200-800 ms apart.
    const payload = makeEvent('QueueStatus', {}, { rng: new SeededRandom('own-schedule') });
    const published = await api.context.get(EventPublisher).publish({ payload, source: 'test', onlyWebhook: only, delivery: { retryScheduleMs: [1500] } });
    await deleteRedisPrefix(api.infra.redisUrl, api.infra.redisPrefix);
    worker = EmulatorProcess.start(workerEnv());
    const delivery = await adminApi(api).waitForDelivery(published.deliveries[0].id, (d) => d.Status === 'discarded', 30_000);
    expect(delivery).toMatchObject({ Attempts: 2, RetrySchedule: [1500] });
    const [first, second] = delivery.AttemptLog.map((a: { StartedAt: string }) => Date.parse(a.StartedAt));
    // ±20% jitter on 1.5 s.
    expect(second - first).toBeGreaterThanOrEqual(1150);
  }, 60_000);
});
