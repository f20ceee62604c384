import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Batcher } from '../common/batcher';
import { preparedQuery } from '../database/prepared-query';
import { LOG_WRITE_SQL, logWriteParams, type AttemptRecord } from './delivery-log.statement';

/** Above this many records waiting, callers wait for their write: memory stays bounded when PostgreSQL lags. */
const MAX_BACKLOG = 5000;
const LINGER_MS = 20;

/**
 * Writes the delivery log behind the attempts, in batches: one statement per flush inserts all
 * attempts and updates all their deliveries (delivery-log.statement.ts), one flush at a time so
 * a delivery's rows land in order. Per-attempt writes are where a naive worker loses (DESIGN.md,
 * Performance). A crash may lose the last few log rows; their deliveries then still look
 * unfinished, and the reconciler sends them again (a duplicate, which the platform allows too).
 */
@Injectable()
export class DeliveryLogWriter {
  private readonly logger = new Logger(DeliveryLogWriter.name);
  // No caller waits on the log, so a steady trickle of attempts is gathered for up to 20 ms: fewer,
  // larger statements (a few per second instead of one per attempt or two at 500/s).
  private readonly batcher = new Batcher<AttemptRecord, void>((records) => this.write(records), 5000, 1, LINGER_MS);

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

  private async write(records: AttemptRecord[]): Promise<void[]> {
    await preparedQuery(this.dataSource, 'delivery-log-write', LOG_WRITE_SQL, logWriteParams(records));
    return records.map(() => undefined);
  }
}
