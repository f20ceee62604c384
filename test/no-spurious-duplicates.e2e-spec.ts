import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { makeEvent } from '../src/catalog/event-factory';
import { SeededRandom } from '../src/common/seeded-random';
import { QueueName } from '../src/deliveries/delivery-queue';
import { EventPublisher } from '../src/events/event-publisher.service';
import { WebhookRegistry } from '../src/webhooks/webhook-registry.service';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

const EVENTS = 6000;

describe('no duplicate without a fault (reconcile every second, under load)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443, record: 'count' });
    app = await startTestApp({ RECONCILE_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('delivers every event exactly once while the reconciler runs every second', async () => {
    const webhook = await adminApi(app).createWebhook({ Endpoint: receiverUrl('/load'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
    const only = app.context.get(WebhookRegistry).webhook(webhook.Id)!;
    const publisher = app.context.get(EventPublisher);
    const rng = new SeededRandom('no-duplicates');
    // Emitted over a few seconds while the worker delivers, so many reconcile passes see
    // deliveries whose job just finished and whose log row is still being written.
    for (let i = 0; i < EVENTS; i += 300) {
      await Promise.all(
        Array.from({ length: 300 }, () => publisher.publish({ payload: makeEvent('QueueStatus', {}, { rng }), source: 'test', onlyWebhook: only })),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    await receiver.waitFor((r) => r.count >= EVENTS, 120_000);

    // Done when every delivery is logged delivered and no job is left: from then on the
    // reconciler finds nothing to queue, so the receiver's count is final.
    const db = app.context.get(DataSource);
    const queue = app.context.get<Queue>(getQueueToken(QueueName.Deliveries));
    const unfinished = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM deliveries WHERE webhook_id = $1 AND status <> 'delivered'`, [webhook.Id]))[0].n);
    const jobs = async () => Object.values(await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized')).reduce((a, b) => a + b, 0);
    for (let deadline = Date.now() + 60_000; ((await unfinished()) > 0 || (await jobs()) > 0) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await unfinished()).toBe(0);
    expect(await jobs()).toBe(0);

    expect(receiver.ids).toHaveLength(EVENTS);
    expect(new Set(receiver.ids).size).toBe(EVENTS);
    const [{ retried }] = await db.query(`SELECT count(*)::int AS retried FROM deliveries WHERE webhook_id = $1 AND attempts > 1`, [webhook.Id]);
    expect(retried).toBe(0);
  }, 180_000);
});
