import { Injectable, Logger } from '@nestjs/common';
import { Batcher } from '../common/batcher';
import type { AttemptRecord } from './delivery-log.statement';
import { DeliveryRepository } from './delivery.repository';

/** Above this many records waiting, callers wait for their write: memory stays bounded when PostgreSQL lags. */
const MAX_BACKLOG = 5000;
const LINGER_MS = 20;

/**
 * Writes the delivery log behind the attempts, in batches: one statement per flush inserts all
 * attempts and updates all their deliveries (delivery-log.statement.ts), one flush at a time so
 * a delivery's rows land in order. Per-attempt writes are where a naive worker loses (README,
 * Performance). A crash may lose the last few log rows; their deliveries then still look
 * unfinished, and the reconciler sends them again (a duplicate, which the platform allows too).
 */
@Injectable()
export class DeliveryLogWriter {
  private readonly logger = new Logger(DeliveryLogWriter.name);
  // No caller waits on the log, so a steady trickle of attempts is gathered for up to 20 ms: fewer,
  // larger statements (a few per second instead of one per attempt or two at 500/s).
  private readonly batcher = new Batcher<AttemptRecord, void>((records) => this.write(records), 5000, 1, LINGER_MS);

  constructor(private readonly repository: DeliveryRepository) {}

  /**
   * Queues the record; resolves at once unless the backlog is long or `wait` is set (a manual
   * attempt, whose caller answers with the logged attempt), then when it is written. Resolves to
   * false only when it waited and the write failed.
   */
  async record(record: AttemptRecord, wait = false): Promise<boolean> {
    const written = this.batcher.add(record).then(
      () => true,
      (e) => {
        this.logger.error(`Delivery log write failed: ${String(e)}`);
        return false;
      },
    );
    return wait || this.batcher.backlog > MAX_BACKLOG ? written : true;
  }

  /** Resolves when every record so far is written (at shutdown, after the worker stopped). */
  drain(): Promise<void> {
    return this.batcher.drain();
  }

  private async write(records: AttemptRecord[]): Promise<void[]> {
    await this.repository.writeLog(records);
    return records.map(() => undefined);
  }
}
