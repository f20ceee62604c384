import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

const BATCH = 5000;

/** Purges events, deliveries and attempts older than RETENTION_DAYS, so a long soak does not fill the disk. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Interval(15 * 60 * 1000)
  async scheduled(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const purged = await this.purgeOlderThan(new Date(Date.now() - this.config.retentionDays * 86_400_000));
      if (purged.events + purged.deliveries + purged.attempts > 0) this.logger.log(`Purged ${JSON.stringify(purged)}`);
    } catch (e) {
      this.logger.warn(`Retention purge failed: ${String(e)}`);
    } finally {
      this.running = false;
    }
  }

  /** Deletes in small batches so a large purge never holds long locks. */
  async purgeOlderThan(cutoff: Date): Promise<{ events: number; deliveries: number; attempts: number }> {
    const purge = async (sql: string) => {
      let total = 0;
      for (;;) {
        const [, count] = (await this.dataSource.query(sql, [cutoff, BATCH])) as [unknown, number];
        total += count;
        if (count < BATCH) return total;
      }
    };
    const attempts = await purge(
      `DELETE FROM delivery_attempts WHERE id IN (SELECT id FROM delivery_attempts WHERE started_at < $1 LIMIT $2)`,
    );
    const deliveries = await purge(
      `DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE created_at < $1 AND status IN ('delivered', 'discarded') LIMIT $2)`,
    );
    const events = await purge(
      `DELETE FROM events e WHERE e.id IN (SELECT id FROM events WHERE created_at < $1 LIMIT $2)
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)`,
    );
    return { events, deliveries, attempts };
  }
}
