import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A webhook's count rows are folded into one per status when a read finds more than this many. */
const FOLD_AT = 100;
const FOLD_ALL_MS = 30_000;

/**
 * Per-webhook delivery counts by status, kept by triggers on `deliveries` as delta rows (see the
 * StoredDataAtScale migration), so reading them costs a few rows however many deliveries exist.
 * Folding deletes a set of delta rows and inserts their sum in one statement: rows a writer adds
 * meanwhile are not in the set and stay, and two folds at once never count a row twice.
 */
@Injectable()
export class DeliveryCounts {
  private readonly logger = new Logger(DeliveryCounts.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byStatus(webhookId: string): Promise<Record<string, number>> {
    const rows: { status: string; n: string; parts: number }[] = await this.dataSource.query(
      'SELECT status, sum(n)::text AS n, count(*)::int AS parts FROM webhook_delivery_counts WHERE webhook_id = $1 GROUP BY status',
      [webhookId],
    );
    if (rows.reduce((sum, r) => sum + r.parts, 0) > FOLD_AT) await this.fold(webhookId);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Folds one webhook's rows, or every webhook's. */
  async fold(webhookId?: string): Promise<void> {
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM webhook_delivery_counts WHERE $1::uuid IS NULL OR webhook_id = $1 RETURNING webhook_id, status, n)
       INSERT INTO webhook_delivery_counts SELECT webhook_id, status, sum(n) FROM gone GROUP BY 1, 2 HAVING sum(n) <> 0`,
      [webhookId ?? null],
    );
  }

  @Interval(FOLD_ALL_MS)
  async scheduledFold(): Promise<void> {
    await this.fold().catch((e) => this.logger.warn(`Folding delivery counts failed: ${String(e)}`));
  }
}
