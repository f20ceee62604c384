import { register } from 'prom-client';
import { DeliveryMetrics } from './delivery-metrics';
import type { DeliverJobData } from './delivery-queue';
import { attemptResult } from './attempt-result.fixture';
import type { AttemptOutcome } from './delivery-attempt.entity';

const result = (outcome: AttemptOutcome, durationMs: number) => attemptResult(outcome, undefined, durationMs);
const job = (webhookId: string, emittedAt: number): DeliverJobData => ({
  deliveryId: 'd',
  eventId: 'e',
  webhookId,
  eventType: 'QueueStatus',
  body: '{}',
  attemptOffset: 0,
  emittedAt,
});
/** A metric's samples; a histogram's name each of its own (`_bucket`, `_sum`, `_count`). */
const values = async (name: string) =>
  (await register.getSingleMetric(name)!.get()).values as { labels: Record<string, string | number>; value: number; metricName?: string }[];

describe('DeliveryMetrics', () => {
  beforeEach(() => register.resetMetrics());

  it('counts attempts and their durations per webhook, and event-to-delivered latency for delivered ones', async () => {
    const metrics = new DeliveryMetrics();
    metrics.attempt(result('http_status', 20), job('w1', Date.now() - 3000), false);
    metrics.attempt(result('delivered', 5), job('w1', Date.now() - 1500), false);
    metrics.attempt(result('timeout', 10_000), job('w2', Date.now()), true);

    expect(await values('emulator_delivery_attempts_total')).toEqual(
      expect.arrayContaining([
        { labels: { webhook_id: 'w1', outcome: 'http_status' }, value: 1 },
        { labels: { webhook_id: 'w1', outcome: 'delivered' }, value: 1 },
        { labels: { webhook_id: 'w2', outcome: 'timeout' }, value: 1 },
      ]),
    );
    expect(await values('emulator_deliveries_discarded_total')).toEqual([{ labels: { webhook_id: 'w2' }, value: 1 }]);
    const latency = await values('emulator_event_to_delivered_seconds');
    const count = latency.find((v) => v.metricName === 'emulator_event_to_delivered_seconds_count')!;
    const sum = latency.find((v) => v.metricName === 'emulator_event_to_delivered_seconds_sum')!;
    expect(count.value).toBe(1);
    expect(sum.value).toBeGreaterThanOrEqual(1.5);
    expect(sum.value).toBeLessThan(60);
  });

  it("removes a deleted webhook's series and keeps the others'", async () => {
    const metrics = new DeliveryMetrics();
    metrics.attempt(result('delivered', 5), job('kept', Date.now()), false);
    metrics.attempt(result('http_status', 5), job('deleted', Date.now()), true);
    metrics.attempt(result('delivered', 5), job('deleted', Date.now()), false);

    await metrics.forgetWebhooks((id) => id === 'kept');

    const ids = async (name: string) => new Set((await values(name)).map((v) => v.labels.webhook_id));
    expect(await ids('emulator_delivery_attempts_total')).toEqual(new Set(['kept']));
    expect(await ids('emulator_delivery_attempt_duration_seconds')).toEqual(new Set(['kept']));
    expect(await ids('emulator_deliveries_discarded_total')).toEqual(new Set());
  });
});
