import type { ChildProcess } from 'node:child_process';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { makeEvent } from '../src/catalog/event-factory';
import { freePort } from '../src/common/free-port';
import { SeededRandom } from '../src/common/seeded-random';
import { QueueName } from '../src/deliveries/delivery-queue';
import { EventPublisher } from '../src/events/event-publisher.service';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { startOwnRedis, stopProcess } from './support/own-redis';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestInfra, type TestInfra } from './support/test-infra';
import { until } from './support/until';
import { EmulatorProcess } from './support/worker-process';

/** SIGTERM must stop a worker whose Redis is gone: its attempts under way finish and are logged, and it exits. */
describe("a worker stopped while Redis is down (a Redis of the test's own)", () => {
  let infra: TestInfra;
  let redis: ChildProcess | null = null;
  let redisPort: number;
  let api: TestApp;
  let receiver: HttpsReceiver;
  let worker: EmulatorProcess | null = null;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startOwnRedis(redisPort);
    infra = { ...(await createTestInfra()), redisUrl: `redis://127.0.0.1:${redisPort}` };
    receiver = await HttpsReceiver.start({ port: 443, record: 'count' });
    api = await startTestApp({ ROLE: 'api' }, infra);
    await adminApi(api).createWebhook({ Endpoint: receiverUrl('/worker-stop'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    redis ??= await startOwnRedis(redisPort);
    // The api's queue must have reconnected, or its close fails on the way out.
    const client = await api.context.get<Queue>(getQueueToken(QueueName.Deliveries)).client;
    await until(() => client.status === 'ready', "the api's queue connection", 15_000);
    await api?.close();
    await receiver?.close();
    if (redis) await stopProcess(redis);
    await infra?.drop();
  });

  it('finishes and logs the attempts under way, then exits on SIGTERM', async () => {
    receiver.respondWith(() => ({ status: 200, delayMs: 1500 }));
    worker = EmulatorProcess.start({
      ROLE: 'worker',
      LOG_LEVEL: 'log',
      DATABASE_URL: infra.databaseUrl,
      REDIS_URL: infra.redisUrl,
      REDIS_PREFIX: infra.redisPrefix,
    });
    await worker.waitForLog('ROLE=worker');
    const rng = new SeededRandom('worker-stop');
    const payloads = Array.from({ length: 10 }, () => makeEvent('QueueStatus', {}, { rng }));
    await Promise.all(payloads.map((payload) => api.context.get(EventPublisher).publish({ payload, source: 'test' })));
    // All ten attempts are under way, their answers 1.5 s off.
    await until(() => receiver.count >= 10, 'the ten attempts', 20_000);
    await stopProcess(redis!);
    redis = null;

    const started = Date.now();
    const exited = new Promise<number | null>((r) => worker!.child.once('exit', (code) => r(code)));
    worker.child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running after 15 s'), 15_000))]);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    worker = null;
    const rows: { status: string; n: number }[] = await api.context
      .get(DataSource)
      .query(`SELECT status, count(*)::int AS n FROM deliveries WHERE event_id = ANY($1) GROUP BY 1`, [payloads.map((p) => p.Id)]);
    expect(rows).toEqual([{ status: 'delivered', n: 10 }]);
  }, 50_000);
});
