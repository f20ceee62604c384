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

  async function burstTo(path: string, count: number): Promise<string> {
    // The subscription is to an entity no event has: events reach the webhook only as publish's onlyWebhook.
    const webhook = await s.h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true }, [{ EventType: 'QueueStatus', EntityId: randomUUID() }]);
    const only = s.app.context.get(WebhookRegistry).webhook(webhook.Id)!;
    const publisher = s.app.context.get(EventPublisher);
    const rng = new SeededRandom(path);
    await Promise.all(
      Array.from({ length: count }, () => publisher.publish({ payload: makeEvent('QueueStatus', {}, { rng }), source: 'test', onlyWebhook: only })),
    );
    return webhook.Id;
  }

  it('sends a receiver that never answered only a few requests at once, not its whole cap', async () => {
    s.plans.set('/hung-from-the-start', () => ({ hang: true }));
    const id = await burstTo('/hung-from-the-start', 2 * CAP);
    await s.receiver.waitFor(() => arrivals('/hung-from-the-start').length >= FIRST_ANSWER_IN_FLIGHT, 10_000);
    // No attempt can end before the first one times out, so until then this is everything sent at once.
    const quiet = Math.min(...arrivals('/hung-from-the-start')) + TIMEOUT_MS * 0.75;
    await new Promise((r) => setTimeout(r, Math.max(0, quiet - Date.now())));
    expect(arrivals('/hung-from-the-start').filter((t) => t < quiet)).toHaveLength(FIRST_ANSWER_IN_FLIGHT);
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
    // ... then well beyond it: requests in flight together, each held ANSWER_MS by the s.receiver.
    expect(mostTogether(times, ANSWER_MS * 0.9)).toBeGreaterThan(2 * FIRST_ANSWER_IN_FLIGHT);
    expect(mostTogether(times, ANSWER_MS * 0.9)).toBeLessThanOrEqual(CAP);
  }, 60_000);
});
