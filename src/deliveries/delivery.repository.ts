import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../common/prepared-query';
import { LOG_WRITE_SQL, logWriteParams, type AttemptRecord } from './delivery-log.statement';
import { OUTBOX_WRITE_SQL, outboxWriteParams, type OutboxDelivery, type OutboxEvent } from './outbox.statement';
import { ORPHANED_DELIVERIES_SQL, UNFINISHED_DELIVERIES_SQL, type OrphanedDelivery, type UnfinishedDelivery } from './unfinished-deliveries.statement';

/**
 * The one owner of delivery status transitions and attempt numbering: created pending by the
 * outbox; retrying, delivered or discarded by a logged attempt (which gets its number here);
 * discarded without an attempt when its webhook is gone. Each hot statement lives in its own
 * *.statement.ts file.
 */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Events and their pending deliveries, in one statement. */
  /** Returns the Ids refused because they are stored with another body (see OUTBOX_WRITE_SQL). */
  async writeOutbox(events: OutboxEvent[], deliveries: OutboxDelivery[]): Promise<Set<string>> {
    const refused = await preparedQuery<{ id: string }>(this.dataSource, 'outbox-write', OUTBOX_WRITE_SQL, outboxWriteParams(events, deliveries));
    return new Set(refused.map((r) => r.id));
  }

  /** A batch of attempts, numbered, with their deliveries' new status, in one statement. */
  async writeLog(records: AttemptRecord[]): Promise<void> {
    await preparedQuery(this.dataSource, 'delivery-log-write', LOG_WRITE_SQL, logWriteParams(records));
  }

  /** A delivery that cannot be attempted any more (webhook deleted or deactivated, endpoint refused). */
  async discardWithoutAttempt(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'discarded', next_attempt_at = NULL, last_error = $2, updated_at = now()
       WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, reason],
    );
  }

  /** Unfinished deliveries untouched for graceMs, by id after `after` (ids and change times only). */
  findUnfinished(graceMs: number, after: string, limit: number): Promise<UnfinishedDelivery[]> {
    return this.dataSource.query(UNFINISHED_DELIVERIES_SQL, [graceMs, after, limit]);
  }

  /** Those of `ids` still unfinished, with what their jobs need. */
  findOrphaned(ids: string[]): Promise<OrphanedDelivery[]> {
    return this.dataSource.query(ORPHANED_DELIVERIES_SQL, [ids]);
  }

  /**
   * The status codes (null: no answer) of a webhook's latest logged attempts, newest first: for
   * Landis's optional deactivation, read only after a failure of a webhook that has it switched on.
   */
  async latestAttemptStatuses(webhookId: string, limit: number): Promise<(number | null)[]> {
    if (limit <= 0) return [];
    const rows = await this.dataSource.query<{ status_code: number | null }[]>(
      `SELECT a.status_code FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.webhook_id = $1 ORDER BY a.started_at DESC, a.id DESC LIMIT $2`,
      [webhookId, limit],
    );
    return rows.map((r) => r.status_code);
  }
}
