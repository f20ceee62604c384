import { summarizeByDelivery, type AttemptRecord } from './delivery-log.statement';
import { attemptResult } from './attempt-result.fixture';
import type { AttemptResult } from './http-sender';

const record = (deliveryId: string, attemptNumber: number, outcome: AttemptResult['outcome'], endedAt: string): AttemptRecord => ({
  deliveryId,
  attemptNumber,
  trigger: 'scheduled',
  result: attemptResult(outcome, endedAt),
  requestHeaders: {},
  status: outcome === 'delivered' ? 'delivered' : 'retrying',
  nextAttemptAt: null,
});

describe('summarizeByDelivery', () => {
  it('gives one row per delivery, counting every attempt in the batch and taking the latest status', () => {
    const rows = summarizeByDelivery([
      record('a', 1, 'http_status', '2026-01-01T00:00:00Z'),
      record('b', 1, 'delivered', '2026-01-01T00:00:01Z'),
      record('a', 2, 'delivered', '2026-01-01T00:00:02Z'),
    ]);
    expect(rows.map((r) => [r.last.deliveryId, r.attempts, r.last.status, r.deliveredAt?.toISOString() ?? null])).toEqual([
      ['a', 2, 'delivered', '2026-01-01T00:00:02.000Z'],
      ['b', 1, 'delivered', '2026-01-01T00:00:01.000Z'],
    ]);
  });

  it('has no delivery time while no attempt delivered', () => {
    const [row] = summarizeByDelivery([record('a', 1, 'timeout', '2026-01-01T00:00:00Z'), record('a', 2, 'tls', '2026-01-01T00:00:01Z')]);
    expect(row).toMatchObject({ attempts: 2, deliveredAt: null });
    expect(row.last.attemptNumber).toBe(2);
  });
});
