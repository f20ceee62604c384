import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Batcher } from '../common/batcher';
import type { DeliveryStatus } from './delivery.entity';
import type { AttemptResult } from './http-sender';

export interface AttemptRecord {
  deliveryId: string;
  attemptNumber: number;
  trigger: 'scheduled' | 'manual';
  result: AttemptResult;
  requestHeaders: Record<string, string>;
  /** The delivery's status after this attempt. */
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
}

/** Above this many records waiting, callers wait for their write: memory stays bounded when PostgreSQL lags. */
const MAX_BACKLOG = 5000;

/**
 * Writes the delivery log behind the attempts, in batches: one INSERT of all attempts and one
 * UPDATE of all their deliveries per flush, in one transaction, one flush at a time so a
 * delivery's rows land in order. Per-attempt writes are where a naive worker loses (DESIGN.md,
 * Performance). A crash may lose the last few log rows; their deliveries then still look
 * unfinished, and the reconciler sends them again (a duplicate, which the platform allows too).
 */
@Injectable()
export class DeliveryLogWriter {
  private readonly logger = new Logger(DeliveryLogWriter.name);
  private readonly batcher = new Batcher<AttemptRecord, void>((records) => this.write(records), 5000, 1);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Queues the record; resolves at once unless the backlog is long, then when it is written. */
  async record(record: AttemptRecord): Promise<void> {
    const written = this.batcher.add(record).catch((e) => this.logger.error(`Delivery log write failed: ${String(e)}`));
    if (this.batcher.backlog > MAX_BACKLOG) await written;
  }

  /** Resolves when every record so far is written (at shutdown, after the worker stopped). */
  drain(): Promise<void> {
    return this.batcher.drain();
  }

  /** A delivery that cannot be attempted any more (webhook deleted or deactivated). */
  async discardWithoutAttempt(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'discarded', next_attempt_at = NULL, last_error = $2, updated_at = now()
       WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, reason],
    );
  }

  /**
   * One statement, so one round trip and atomic: the attempts, then their deliveries. Its commit
   * does not wait for the WAL flush (synchronous_commit off for this transaction only): the log is
   * already written behind the attempts, and a server crash losing the last rows leaves their
   * deliveries unfinished, which the reconciler sends again.
   */
  private async write(records: AttemptRecord[]): Promise<void[]> {
    // The rows travel as one JSON document per table rather than a text array per column: no
    // array-literal escaping on the worker's event loop, and the headers stay objects.
    const attempts = records.map((x) => ({
      delivery_id: x.deliveryId,
      attempt_number: x.attemptNumber,
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
      status: d.last.status,
      next_attempt_at: d.last.nextAttemptAt,
      outcome: d.last.result.outcome,
      status_code: d.last.result.statusCode,
      error: d.last.result.errorMessage,
      delivered_at: d.deliveredAt,
    }));
    await this.dataSource.query(
      `WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
       attempts AS (
         INSERT INTO delivery_attempts (delivery_id, attempt_number, trigger, started_at, ended_at, duration_ms, outcome,
           status_code, error_message, request_headers, response_headers, response_body_excerpt, response_body_bytes)
         SELECT * FROM json_to_recordset($1::json) AS a(delivery_id uuid, attempt_number int, trigger text,
           started_at timestamptz, ended_at timestamptz, duration_ms real, outcome text, status_code int, error_message text,
           request_headers jsonb, response_headers jsonb, response_body_excerpt text, response_body_bytes int))
       -- A delivery already delivered (say, by a manual resend) is never moved back.
       UPDATE deliveries d SET
         status = CASE WHEN d.status = 'delivered' THEN 'delivered' ELSE v.status END,
         attempts = d.attempts + v.attempts,
         next_attempt_at = CASE WHEN d.status = 'delivered' THEN NULL ELSE v.next_attempt_at END,
         last_outcome = v.outcome, last_status_code = v.status_code, last_error = v.error,
         delivered_at = COALESCE(d.delivered_at, v.delivered_at),
         updated_at = now()
       FROM json_to_recordset($2::json) AS v(id uuid, attempts int, status text, next_attempt_at timestamptz, outcome text,
         status_code int, error text, delivered_at timestamptz),
         durability
       WHERE d.id = v.id`,
      [JSON.stringify(attempts), JSON.stringify(deliveries)],
    );
    return records.map(() => undefined);
  }
}

interface DeliverySummary {
  last: AttemptRecord;
  attempts: number;
  deliveredAt: Date | null;
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
      byId.set(record.deliveryId, { last: record, attempts: 1, deliveredAt });
      continue;
    }
    summary.attempts++;
    summary.deliveredAt ??= deliveredAt;
    // Records arrive in attempt order; the latest attempt decides the status.
    summary.last = record;
  }
  return [...byId.values()];
}
