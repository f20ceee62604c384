import { logWriteParams, summarizeByDelivery, type AttemptRecord } from './delivery-log.statement';
import { attemptResult } from './attempt-result.fixture';
import type { AttemptResult } from './http-sender';

const record = (
  deliveryId: string,
  outcome: AttemptResult['outcome'],
  endedAt: string,
  status: AttemptRecord['status'] = outcome === 'delivered' ? 'delivered' : 'retrying',
): AttemptRecord => ({
  deliveryId,
  trigger: 'scheduled',
  result: attemptResult(outcome, endedAt),
  requestHeaders: {},
  status,
  nextAttemptAt: null,
});

describe('summarizeByDelivery', () => {
  it('gives one row per delivery, counting every attempt in the batch and taking the latest status', () => {
    const rows = summarizeByDelivery([
      record('a', 'http_status', '2026-01-01T00:00:00Z'),
      record('b', 'delivered', '2026-01-01T00:00:01Z'),
      record('a', 'delivered', '2026-01-01T00:00:02Z'),
    ]);
    expect(rows.map((r) => [r.last.deliveryId, r.attempts, r.last.status, r.deliveredAt?.toISOString() ?? null])).toEqual([
      ['a', 2, 'delivered', '2026-01-01T00:00:02.000Z'],
      ['b', 1, 'delivered', '2026-01-01T00:00:01.000Z'],
    ]);
  });

  it('has no delivery time while no attempt delivered', () => {
    const [row] = summarizeByDelivery([record('a', 'timeout', '2026-01-01T00:00:00Z'), record('a', 'tls', '2026-01-01T00:00:01Z')]);
    expect(row).toMatchObject({ attempts: 2, deliveredAt: null });
    expect(row.last.result.outcome).toBe('tls');
  });

  it('keeps the status a scheduled attempt set when a later failed resend sets none', () => {
    const [row] = summarizeByDelivery([record('a', 'timeout', '2026-01-01T00:00:00Z'), record('a', 'http_status', '2026-01-01T00:00:01Z', null)]);
    expect(row).toMatchObject({ attempts: 2, status: 'retrying' });
  });
});

describe('logWriteParams', () => {
  it("numbers each attempt by its place among its delivery's attempts in the batch", () => {
    const [attempts] = logWriteParams([
      record('a', 'timeout', '2026-01-01T00:00:00Z'),
      record('b', 'delivered', '2026-01-01T00:00:00Z'),
      record('a', 'delivered', '2026-01-01T00:00:01Z'),
    ]);
    expect((JSON.parse(attempts) as { delivery_id: string; nth: number }[]).map((x) => [x.delivery_id, x.nth])).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ]);
  });
});
