import type { DeliveryStatus } from './delivery.entity';
import type { AttemptResult } from './http-sender';

export interface AttemptRecord {
  deliveryId: string;
  trigger: 'scheduled' | 'manual';
  result: AttemptResult;
  requestHeaders: Record<string, string>;
  /** The delivery's status after this attempt; null keeps it (a failed manual resend). */
  status: DeliveryStatus | null;
  nextAttemptAt: Date | null;
}

/**
 * One batch of the delivery log in one statement, so one round trip and atomic: the deliveries,
 * then their attempts. Its commit does not wait for the WAL flush (synchronous_commit off for
 * this transaction only): the log is written behind the attempts, and a server crash losing the
 * last rows leaves their deliveries unfinished, which the reconciler sends again.
 *
 * Attempt numbers are given here and nowhere else: the UPDATE locks each delivery row and counts
 * its attempts (a concurrent writer's UPDATE waits and then sees the new count), and each attempt
 * takes the count before the batch plus its place among the delivery's attempts in the batch. So
 * a manual resend racing a scheduled retry, in any process, never shares its number.
 */
export const LOG_WRITE_SQL = `WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
  updated AS (
    -- A delivery already delivered (say, by a manual resend) is never moved back.
    UPDATE deliveries d SET
      status = CASE WHEN d.status = 'delivered' THEN 'delivered' ELSE COALESCE(v.status, d.status) END,
      attempts = d.attempts + v.attempts,
      next_attempt_at = CASE WHEN d.status = 'delivered' THEN NULL WHEN v.status IS NULL THEN d.next_attempt_at ELSE v.next_attempt_at END,
      last_outcome = v.outcome, last_status_code = v.status_code, last_error = v.error,
      delivered_at = COALESCE(d.delivered_at, v.delivered_at),
      updated_at = now()
    -- The LIMIT tells the planner how many rows the JSON holds. It assumes 100, and from a few
    -- thousand deliveries up to ~40,000 it then hash-joined them against a scan of the whole table
    -- instead of looking each one up by primary key: a cost per batch that grew with the table.
    FROM (SELECT * FROM json_to_recordset($2::json) AS v(id uuid, attempts int, status text, next_attempt_at timestamptz,
      outcome text, status_code int, error text, delivered_at timestamptz) LIMIT $3) v,
      durability
    WHERE d.id = v.id
    RETURNING d.id, d.attempts - v.attempts AS before)
  INSERT INTO delivery_attempts (delivery_id, attempt_number, trigger, started_at, ended_at, duration_ms, outcome,
    status_code, error_message, request_headers, response_headers, response_body_excerpt, response_body_bytes)
  SELECT a.delivery_id, u.before + a.nth, a.trigger, a.started_at, a.ended_at, a.duration_ms, a.outcome, a.status_code,
    a.error_message, a.request_headers, a.response_headers, a.response_body_excerpt, a.response_body_bytes
  FROM json_to_recordset($1::json) AS a(delivery_id uuid, nth int, trigger text,
    started_at timestamptz, ended_at timestamptz, duration_ms real, outcome text, status_code int, error_message text,
    request_headers jsonb, response_headers jsonb, response_body_excerpt text, response_body_bytes int)
  JOIN updated u ON u.id = a.delivery_id`;

/**
 * The statement's parameters. The rows travel as one JSON document per table rather than a text
 * array per column: no array-literal escaping on the worker's event loop, and the headers stay objects.
 */
export function logWriteParams(records: AttemptRecord[]): [string, string, number] {
  const nth = new Map<string, number>();
  const attempts = records.map((x) => ({
    delivery_id: x.deliveryId,
    nth: nth.set(x.deliveryId, (nth.get(x.deliveryId) ?? 0) + 1).get(x.deliveryId),
    trigger: x.trigger,
    started_at: x.result.startedAt,
    ended_at: x.result.endedAt,
    duration_ms: x.result.durationMs,
    outcome: x.result.outcome,
    status_code: x.result.statusCode,
    error_message: x.result.errorMessage,
    request_headers: x.requestHeaders,
    response_headers: x.result.responseHeaders,
    response_body_excerpt: x.result.responseBodyExcerpt,
    response_body_bytes: x.result.responseBodyBytes,
  }));
  const deliveries = summarizeByDelivery(records).map((d) => ({
    id: d.last.deliveryId,
    attempts: d.attempts,
    status: d.status,
    next_attempt_at: d.nextAttemptAt,
    outcome: d.last.result.outcome,
    status_code: d.last.result.statusCode,
    error: d.last.result.errorMessage,
    delivered_at: d.deliveredAt,
  }));
  return [JSON.stringify(attempts), JSON.stringify(deliveries), deliveries.length];
}

interface DeliverySummary {
  last: AttemptRecord;
  attempts: number;
  deliveredAt: Date | null;
  /** The latest status an attempt of the batch set (null: none did), with its next attempt time. */
  status: DeliveryStatus | null;
  nextAttemptAt: Date | null;
}

/**
 * One row per delivery for the UPDATE: a batch can hold two attempts of one delivery (short
 * retry waits), and an UPDATE ... FROM applies only one source row to each target row.
 */
export function summarizeByDelivery(records: AttemptRecord[]): DeliverySummary[] {
  const byId = new Map<string, DeliverySummary>();
  for (const record of records) {
    const summary = byId.get(record.deliveryId);
    const deliveredAt = record.result.outcome === 'delivered' ? record.result.endedAt : null;
    if (!summary) {
      byId.set(record.deliveryId, { last: record, attempts: 1, deliveredAt, status: record.status, nextAttemptAt: record.nextAttemptAt });
      continue;
    }
    summary.attempts++;
    summary.deliveredAt ??= deliveredAt;
    // Records arrive in attempt order; the latest attempt that sets a status decides it.
    summary.last = record;
    if (record.status !== null) {
      summary.status = record.status;
      summary.nextAttemptAt = record.nextAttemptAt;
    }
  }
  return [...byId.values()];
}
