import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { makeEvent } from '../src/catalog/event-factory';
import { SeededRandom } from '../src/common/seeded-random';
import { QueueName } from '../src/deliveries/delivery-queue';
import { EventPublisher } from '../src/events/event-publisher.service';
import { WebhookRegistry } from '../src/webhooks/webhook-registry.service';
import { receiverAndApp } from './support/receiver-and-app';
import { receiverUrl } from './support/receiver-host';

const CAP = 8;
const TIMEOUT_MS = 2000;
const PROBES = 2;

describe('isolation and the one attempt path (HTTPS receivers on 127.0.0.1:443)', () => {
  const env = {
    WEBHOOK_MAX_IN_FLIGHT: String(CAP),
    DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS),
    WORKER_CONCURRENCY: '40',
    RETRY_SCHEDULE: '60s',
    RETRY_JITTER: '0',
  };
  const s = receiverAndApp(env);

  const requestsTo = (path: string) => s.receiver.requests.filter((r) => r.path === path);
  // Events go to one webhook at a time (publish's onlyWebhook); the subscription is to an entity no event has.
  const hook = (path: string, extra: Record<string, unknown> = {}) =>
    s.h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true, ...extra }, [{ EventType: 'QueueStatus', EntityId: randomUUID() }]);
  const retire = (id: string) => s.h.api().patch(`/api/webhooks/${id}`).send({ IsActive: false }).expect(200);
  /** Publishes a seeded QueueStatus event to one webhook only (publish's onlyWebhook). */
  const publisherTo = (seed: string) => {
    const registry = s.app.context.get(WebhookRegistry);
    const publisher = s.app.context.get(EventPublisher);
    const rng = new SeededRandom(seed);
    return (webhookId: string) =>
      publisher.publish({ payload: makeEvent('QueueStatus', {}, { rng }), source: 'test', onlyWebhook: registry.webhook(webhookId)! });
  };

  it("parks a hung webhook's backlog: a healthy webhook beside it stays fast, and no job is picked up again and again", async () => {
    s.plans.set('/hung', () => ({ hang: true }));
    const hung = await hook('/hung');
    const healthy = await hook('/fine');
    const publishTo = publisherTo('isolation');

    const started = Date.now();
    const backlog: string[] = [];
    for (let i = 0; i < 4; i++) {
      const published = await Promise.all(Array.from({ length: 500 }, () => publishTo(hung.Id)));
      backlog.push(...published.map((p) => p.deliveries[0].id));
    }
    // The backlog is parked once (a burst that queued before any of it was refused a slot) ...
    const queue = s.app.context.get<Queue>(getQueueToken(QueueName.Deliveries));
    for (let deadline = Date.now() + 30_000; (await queue.getWaitingCount()) > 0 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
    // ... then 100 healthy events at ~20/s beside it, while the hung webhook's events keep coming.
    const emittedAt = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const at = Date.now();
      const [published, more] = await Promise.all([publishTo(healthy.Id), publishTo(hung.Id)]);
      emittedAt.set(published.id, at);
      backlog.push(more.deliveries[0].id);
      await new Promise((r) => setTimeout(r, 50));
    }
    await s.receiver.waitFor(() => requestsTo('/fine').length >= 100, 30_000);
    const latencies = requestsTo('/fine')
      .map((r) => r.receivedAt - emittedAt.get((r.json as { Id: string }).Id)!)
      .sort((a, b) => a - b);
    // Loose on a loaded 2-core machine; the tight figure is the bench's isolation row.
    expect(latencies[Math.floor(latencies.length * 0.99) - 1]).toBeLessThan(1000);

    // Each hung job was picked up about once (then parked), not every few milliseconds.
    const client = (await queue.client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const id of backlog) pipeline.hget(queue.toKey(id), 'ats');
    const pickups = ((await pipeline.exec()) ?? []).map(([, v]) => Number(v ?? 0));
    const elapsed = Date.now() - started;
    expect(Math.max(...pickups)).toBeLessThanOrEqual(3);
    expect(pickups.reduce((a, b) => a + b, 0)).toBeLessThan(backlog.length * 1.5);
    // /metrics shows the parking: about once per waiting job.
    const parked = Number(/^emulator_delivery_jobs_parked_total (\d+)/m.exec((await s.h.api().get('/metrics').expect(200)).text)?.[1]);
    expect(parked).toBeGreaterThanOrEqual(backlog.length - CAP - 10 * PROBES);
    expect(parked).toBeLessThan(backlog.length * 1.5);

    // The hung receiver saw at most the cap at once (each attempt holds its slot for the 2 s
    // time-out, so no 1 s window has more arrivals), and after CAP time-outs in a row only probes.
    const hungAt = requestsTo('/hung').map((r) => r.receivedAt);
    for (const t of hungAt) expect(hungAt.filter((u) => u > t - TIMEOUT_MS / 2 && u <= t).length).toBeLessThanOrEqual(CAP);
    expect(hungAt.length).toBeLessThanOrEqual(CAP + PROBES * Math.ceil(elapsed / TIMEOUT_MS) + PROBES);
    await retire(hung.Id);
    await retire(healthy.Id);
  }, 120_000);

  it('keeps a healthy webhook fast beside a slow one on the same receiver host (they share its connections)', async () => {
    // Answers within the time-out, so the slow webhook keeps its full cap and stays saturated.
    const SLOW_MS = 1800;
    s.plans.set('/slow-same-host', () => ({ delayMs: SLOW_MS }));
    const slow = await hook('/slow-same-host');
    const healthy = await hook('/fast-same-host');
    const publishTo = publisherTo('same-host');

    await Promise.all(Array.from({ length: 6 * CAP }, () => publishTo(slow.Id)));
    await s.receiver.waitFor(() => requestsTo('/slow-same-host').length >= CAP, 10_000);
    const emittedAt = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      const at = Date.now();
      emittedAt.set((await publishTo(healthy.Id)).id, at);
      await new Promise((r) => setTimeout(r, 100));
    }
    await s.receiver.waitFor(() => requestsTo('/fast-same-host').length >= 10, 15_000);
    const latencies = requestsTo('/fast-same-host').map((r) => r.receivedAt - emittedAt.get((r.json as { Id: string }).Id)!);
    // Waiting for one of the slow webhook's connections would take up to SLOW_MS.
    expect(Math.max(...latencies)).toBeLessThan(SLOW_MS / 2);
    await retire(slow.Id);
    await retire(healthy.Id);
  }, 60_000);

  it("sends a resend through the webhook's cap, gives it the next attempt number, and ends the schedule once delivered", async () => {
    // The first CAP attempts take 1.5 s and fail; later ones are delivered.
    s.plans.set('/slow', (n) => (n < CAP ? { status: 500, delayMs: 1500 } : { status: 200 }));
    const slow = await hook('/slow', { RetrySchedule: '3s' });
    const publishTo = publisherTo('resend-cap');
    const published = await Promise.all(Array.from({ length: CAP }, () => publishTo(slow.Id)));
    await s.receiver.waitFor(() => requestsTo('/slow').length === CAP, 10_000);
    const deliveryId = published[0].deliveries[0].id;
    const res = await s.h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    const arrivals = requestsTo('/slow').map((r) => r.receivedAt);
    // The resend waited for a slot: it arrived after the first slow attempt ended.
    expect(arrivals[CAP]).toBeGreaterThanOrEqual(Math.min(...arrivals.slice(0, CAP)) + 1400);
    // The same bytes as the scheduled attempt sent.
    expect(requestsTo('/slow')[CAP].body).toBe(published[0].body);
    expect(res.body.Status).toBe('delivered');
    expect(res.body.AttemptLog.map((a: { Trigger: string; AttemptNumber: number; Outcome: string }) => [a.AttemptNumber, a.Trigger, a.Outcome])).toEqual([
      [1, 'scheduled', 'http_status'],
      [2, 'manual', 'delivered'],
    ]);
    // The delivered resend ended the schedule: the retry due 3 s after the first attempt never comes,
    // while the other deliveries' retries do.
    const others = published.slice(1).map((p) => p.deliveries[0].id);
    for (const id of others) await s.h.waitForDelivery(id, (x) => x.Status === 'delivered', 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const d = await s.h.delivery(deliveryId);
    expect(d).toMatchObject({ Status: 'delivered', Attempts: 2 });
    expect(requestsTo('/slow').filter((r) => r.body === published[0].body)).toHaveLength(2);
    await retire(slow.Id);
  }, 60_000);

  it('answers 202 with the delivery as it is when the resend waits longer than the time-out plus 5 s, and sends it later', async () => {
    s.plans.set('/blocked', () => ({ hang: true }));
    const blocked = await hook('/blocked');
    const publishTo = publisherTo('resend-202');
    // Twenty events: CAP of them hang until the time-out, the others are parked ahead of the resend.
    const published = await Promise.all(Array.from({ length: 20 }, () => publishTo(blocked.Id)));
    await s.receiver.waitFor(() => requestsTo('/blocked').length >= CAP, 10_000);
    const deliveryId = published[0].deliveries[0].id;
    const started = Date.now();
    const res = await s.h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS + 5000 - 100);
    expect(res.body.Id).toBe(deliveryId);
    expect(res.body.AttemptLog.filter((a: { Trigger: string }) => a.Trigger === 'manual')).toEqual([]);
    // The attempt still happens once a slot frees, and shows in the log.
    const d = await s.h.waitForDelivery(deliveryId, (x) => x.AttemptLog.some((a) => (a as { Trigger: string }).Trigger === 'manual'), 60_000);
    expect(d.AttemptLog.find((a: { Trigger: string }) => a.Trigger === 'manual')).toMatchObject({ Outcome: 'timeout' });
    await retire(blocked.Id);
  }, 90_000);

  it('sends the test event once, as a manual attempt, even to an inactive webhook', async () => {
    s.plans.set('/test-send', () => ({ status: 503 }));
    const w = await hook('/test-send');
    await retire(w.Id);
    const res = await s.h.api().post(`/api/webhooks/${w.Id}/test`).send({}).expect(202);
    const d = await s.h.waitForDelivery(res.body.DeliveryId, (x) => x.Status === 'discarded');
    expect(d.AttemptLog).toEqual([expect.objectContaining({ AttemptNumber: 1, Trigger: 'manual', Outcome: 'http_status', StatusCode: 503 })]);
    expect(requestsTo('/test-send')).toHaveLength(1);
  });
});
