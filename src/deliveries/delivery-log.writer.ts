import { Injectable } from '@nestjs/common';
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

/**
 * Writes the delivery log in batches: one INSERT of all attempts and one UPDATE of all their
 * deliveries per flush, in one transaction. Per-attempt writes are where a naive worker loses
 * (DESIGN.md, Performance). Callers await their record, so a job completes only once it is logged.
 */
@Injectable()
export class DeliveryLogWriter {
  private readonly batcher = new Batcher<AttemptRecord, void>((records) => this.write(records), 2000, 2);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(record: AttemptRecord): Promise<void> {
    return this.batcher.add(record);
  }

  /** A delivery that cannot be attempted any more (webhook deleted or deactivated). */
  async discardWithoutAttempt(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'discarded', next_attempt_at = NULL, last_error = $2, updated_at = now()
       WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, reason],
    );
  }

  private async write(records: AttemptRecord[]): Promise<void[]> {
    const r = records;
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO delivery_attempts (delivery_id, attempt_number, trigger, started_at, ended_at, duration_ms, outcome,
           status_code, error_message, request_headers, response_headers, response_body_excerpt, response_body_bytes)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::real[],
           $7::text[], $8::int[], $9::text[], $10::jsonb[], $11::jsonb[], $12::text[], $13::int[])`,
        [
          r.map((x) => x.deliveryId),
          r.map((x) => x.attemptNumber),
          r.map((x) => x.trigger),
          r.map((x) => x.result.startedAt.toISOString()),
          r.map((x) => x.result.endedAt.toISOString()),
          r.map((x) => x.result.durationMs),
          r.map((x) => x.result.outcome),
          r.map((x) => x.result.statusCode),
          r.map((x) => stripNul(x.result.errorMessage)),
          r.map((x) => JSON.stringify(x.requestHeaders)),
          r.map((x) => (x.result.responseHeaders ? JSON.stringify(x.result.responseHeaders) : null)),
          r.map((x) => stripNul(x.result.responseBodyExcerpt)),
          r.map((x) => x.result.responseBodyBytes),
        ],
      );
      // A delivery already delivered (say, by a manual resend) is never moved back.
      await em.query(
        `UPDATE deliveries d SET
           status = CASE WHEN d.status = 'delivered' THEN 'delivered' ELSE v.status END,
           attempts = d.attempts + 1,
           next_attempt_at = CASE WHEN d.status = 'delivered' THEN NULL ELSE v.next_attempt_at END,
           last_outcome = v.outcome, last_status_code = v.status_code, last_error = v.error,
           delivered_at = COALESCE(d.delivered_at, v.delivered_at),
           updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::int[], $6::text[], $7::timestamptz[])
           AS v(id, status, next_attempt_at, outcome, status_code, error, delivered_at)
         WHERE d.id = v.id`,
        [
          r.map((x) => x.deliveryId),
          r.map((x) => x.status),
          r.map((x) => x.nextAttemptAt?.toISOString() ?? null),
          r.map((x) => x.result.outcome),
          r.map((x) => x.result.statusCode),
          r.map((x) => stripNul(x.result.errorMessage)),
          r.map((x) => (x.result.outcome === 'delivered' ? x.result.endedAt.toISOString() : null)),
        ],
      );
    });
    return records.map(() => undefined);
  }
}

/** PostgreSQL text cannot hold NUL; a receiver's binary answer must not break the log. */
function stripNul(value: string | null): string | null {
  return value === null ? null : value.split('\u0000').join('');
}
