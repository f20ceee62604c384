import { randomUUID } from 'node:crypto';
import { freePort } from '../src/common/free-port';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { clusterClient, startRedisCluster, type TestRedisCluster } from './support/redis-cluster';
import { startTestApp, type TestApp } from './support/test-app';
import { EmulatorProcess } from './support/worker-process';

/** The api and a ROLE=worker process on a 3-master Redis Cluster: BullMQ's keys must share one hash slot. */
describe('delivery on a Redis Cluster', () => {
  let cluster: TestRedisCluster;
  let receiver: HttpsReceiver;
  let api: TestApp;
  let worker: EmulatorProcess;
  let h: ReturnType<typeof adminApi>;
  let metricsUrl: string;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    receiver = await HttpsReceiver.start({ port: 443 });
    const nodes = cluster.nodes.join(',');
    api = await startTestApp({ ROLE: 'api', REDIS_CLUSTER_NODES: nodes, RETRY_SCHEDULE: '100ms' });
    h = adminApi(api);
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    worker = EmulatorProcess.start({
      ROLE: 'worker',
      LOG_LEVEL: 'log',
      METRICS_PORT: String(metricsPort),
      // One attempt in flight per webhook: jobs behind a slow answer are parked (a sorted set beside the queue) and promoted.
      WEBHOOK_MAX_IN_FLIGHT: '1',
      DATABASE_URL: api.infra.databaseUrl,
      REDIS_CLUSTER_NODES: nodes,
      REDIS_PREFIX: api.infra.redisPrefix,
      RETRY_SCHEDULE: '100ms',
    });
    await worker.waitForLog('ROLE=worker');
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await receiver?.close();
    await cluster?.stop();
  });

  it('delivers every event exactly once through retries and parking, with every key the service wrote in one hash slot', async () => {
    await h.createWebhook({ Endpoint: receiverUrl('/cluster'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
    // The first attempt of every fifth event gets a 500, so retries (delayed jobs) run on the cluster too.
    const failedOnce = new Set<string>();
    const answered = new Set<string>();
    receiver.respondWith((req, index) => {
      const id = (req.json as { Id: string }).Id;
      if (index >= 3 && id.endsWith('0') && !failedOnce.has(id)) {
        failedOnce.add(id);
        return { status: 500 };
      }
      answered.add(id);
      // The first answers are slow, so the jobs behind them find the webhook at its cap.
      return { status: 200, delayMs: index < 3 ? 400 : 0 };
    });
    const ids: string[] = [];
    const deliveryIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { Payload, Deliveries } = await h.emit({ EventType: 'QueueStatus', QueueId: randomUUID() });
      ids.push(Payload.Id as string);
      deliveryIds.push(Deliveries[0].Id);
    }
    for (const id of deliveryIds) await h.waitForDelivery(id, (d) => d.Status === 'delivered', 30_000);
    expect([...answered].sort()).toEqual([...ids].sort());
    const received = new Map<string, number>();
    for (const r of receiver.requests) received.set((r.json as { Id: string }).Id, (received.get((r.json as { Id: string }).Id) ?? 0) + 1);
    expect([...received.keys()].sort()).toEqual([...ids].sort());
    // Once each, plus the one refused attempt of the events answered 500 first.
    for (const id of ids) expect(received.get(id)).toBe(failedOnce.has(id) ? 2 : 1);
    for (const id of ids) {
      const page = (await h.api().get(`/api/deliveries?eventId=${id}`).expect(200)).body as { Items: { Status: string; Attempts: number }[] };
      expect(page.Items.map((d) => [d.Status, d.Attempts])).toEqual([['delivered', failedOnce.has(id) ? 2 : 1]]);
    }

    const parked = /^emulator_delivery_jobs_parked_total (\d+)$/m.exec(await (await fetch(metricsUrl)).text());
    expect(Number(parked?.[1])).toBeGreaterThan(0);

    const client = clusterClient(cluster);
    try {
      await client.ping(); // the node list fills once the client knows the slots
      const keys: string[] = [];
      for (const node of client.nodes('master')) keys.push(...(await node.keys('*')));
      expect(keys.length).toBeGreaterThan(0);
      const slots = new Set(await Promise.all(keys.map((k) => client.cluster('KEYSLOT', k))));
      expect(slots.size).toBe(1);
      expect(keys.every((k) => k.startsWith(`{${api.infra.redisPrefix}}:`))).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});
