import { randomUUID } from 'node:crypto';
import { makeEvent } from '../src/catalog/event-factory';
import { SeededRandom } from '../src/common/seeded-random';
import { FIRST_ANSWER_IN_FLIGHT } from '../src/deliveries/receiver-health';
import { EventPublisher } from '../src/events/event-publisher.service';
import { WebhookRegistry } from '../src/webhooks/webhook-registry.service';
import { receiverAndApp } from './support/receiver-and-app';
import { receiverUrl } from './support/receiver-host';

const CAP = 30;
const TIMEOUT_MS = 2000;
const ANSWER_MS = 400;

describe("a webhook's cap before and after its receiver's first answer (HTTPS receiver on 127.0.0.1:443)", () => {
  const s = receiverAndApp({
    WEBHOOK_MAX_IN_FLIGHT: String(CAP),
    DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS),
    WORKER_CONCURRENCY: '80',
    RETRY_SCHEDULE: '60s',
    RETRY_JITTER: '0',
  });

  const arrivals = (path: string) => s.receiver.requests.filter((r) => r.path === path).map((r) => r.receivedAt);
  /** The most requests that arrived within `windowMs` of each other: those in flight together when each takes that long. */
  const mostTogether = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u > t - windowMs && u <= t).length));

  /** A webhook that gets events only as publish's onlyWebhook (its subscription is to an entity no event has). */
  async function hook(path: string): Promise<string> {
    const webhook = await s.h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true }, [{ EventType: 'QueueStatus', EntityId: randomUUID() }]);
    return webhook.Id;
  }

  /** `count` events to the webhook at once; their delivery ids. */
  async function publishTo(webhookId: string, count: number): Promise<string[]> {
    const only = s.app.context.get(WebhookRegistry).webhook(webhookId)!;
    const publisher = s.app.context.get(EventPublisher);
    const rng = new SeededRandom(`${webhookId}-${count}`);
    const published = await Promise.all(
      Array.from({ length: count }, () => publisher.publish({ payload: makeEvent('QueueStatus', {}, { rng }), source: 'test', onlyWebhook: only })),
    );
    return published.map((p) => p.deliveries[0].id);
  }

  async function burstTo(path: string, count: number): Promise<string> {
    const id = await hook(path);
    await publishTo(id, count);
    return id;
  }

  /** What a receiver that hangs got before the first of those requests could time out: everything sent at once. */
  async function sentAtOnce(path: string): Promise<number> {
    await s.receiver.waitFor(() => arrivals(path).length >= FIRST_ANSWER_IN_FLIGHT, 10_000);
    const quiet = Math.min(...arrivals(path)) + TIMEOUT_MS * 0.75;
    await new Promise((r) => setTimeout(r, Math.max(0, quiet - Date.now())));
    return arrivals(path).filter((t) => t < quiet).length;
  }

  it('sends a receiver that never answered only a few requests at once, not its whole cap', async () => {
    s.plans.set('/hung-from-the-start', () => ({ hang: true }));
    const id = await burstTo('/hung-from-the-start', 2 * CAP);
    expect(await sentAtOnce('/hung-from-the-start')).toBe(FIRST_ANSWER_IN_FLIGHT);
    await s.h.api().patch(`/api/webhooks/${id}`).send({ IsActive: false }).expect(200);
  }, 30_000);

  it('gives a slow receiver its full cap once it has answered, and delivers every event', async () => {
    s.plans.set('/slow', () => ({ status: 200, delayMs: ANSWER_MS }));
    await burstTo('/slow', 2 * CAP);
    await s.receiver.waitFor(() => arrivals('/slow').length >= 2 * CAP, 30_000);
    const times = arrivals('/slow');
    const first = Math.min(...times);
    // Before its first answer (ANSWER_MS after the first request) no more than the first-answer cap ...
    expect(times.filter((t) => t < first + ANSWER_MS * 0.9).length).toBeLessThanOrEqual(FIRST_ANSWER_IN_FLIGHT);
    // ... then well beyond it: requests in flight together, each held ANSWER_MS by the receiver.
    expect(mostTogether(times, ANSWER_MS * 0.9)).toBeGreaterThan(2 * FIRST_ANSWER_IN_FLIGHT);
    expect(mostTogether(times, ANSWER_MS * 0.9)).toBeLessThanOrEqual(CAP);
  }, 60_000);

  it('starts a webhook moved to another endpoint over with a few slots: the new receiver has not answered yet', async () => {
    s.plans.set('/hung-after-the-move', () => ({ hang: true }));
    const id = await hook('/answers-before-the-move');
    for (const deliveryId of await publishTo(id, CAP)) await s.h.waitForDelivery(deliveryId, (d) => d.Status === 'delivered');
    const moved = receiverUrl('/hung-after-the-move');
    await s.h.api().patch(`/api/webhooks/${id}`).send({ Endpoint: moved }).expect(200);
    const registry = s.app.context.get(WebhookRegistry);
    for (const deadline = Date.now() + 5000; registry.webhook(id)?.endpoint !== moved && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
    await publishTo(id, 2 * CAP);
    expect(await sentAtOnce('/hung-after-the-move')).toBe(FIRST_ANSWER_IN_FLIGHT);
    await s.h.api().patch(`/api/webhooks/${id}`).send({ IsActive: false }).expect(200);
  }, 60_000);
});
