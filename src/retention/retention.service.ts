import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** Rows looked at per statement: each batch is its own short transaction. */
export const PURGE_BATCH = 500;
/**
 * After each batch the purge rests four times as long as the batch took (at least MIN_REST_MS), so it
 * takes at most a fifth of the database's time and deliveries going on keep their pace.
 */
const REST_FACTOR = 4;
const MIN_REST_MS = 10;

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * One batch of deliveries older than the cutoff, in (created_at, id) order from the position reached:
 * the finished ones go with their attempts; unfinished ones stay (their position is passed, so a
 * backlog of them is read once per purge, not once per batch).
 *
 * The rows are deleted by the ctid the index walk found, not looked up again by id: ids are random
 * uuids, so each lookup read a different primary-key leaf page (a batch of 500 read ~500 pages more
 * than it deleted from, and pushed the live rows' pages out of shared buffers). A row updated
 * meanwhile is re-read by PostgreSQL and deleted, with its attempts, only if it is still finished.
 */
const DELIVERIES_BATCH_SQL = `
  WITH candidates AS (
    SELECT ctid AS tid, id, created_at, status FROM deliveries
    WHERE created_at < $1 AND (created_at, id) > ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::uuid)
    ORDER BY created_at, id LIMIT $4),
  doomed AS (SELECT tid, id FROM candidates WHERE status IN ('delivered', 'discarded')),
  removed AS (DELETE FROM deliveries WHERE ctid = ANY (ARRAY(SELECT tid FROM doomed)) AND status IN ('delivered', 'discarded') RETURNING id),
  -- The attempts of the rows actually removed: one made unfinished meanwhile keeps its log.
  attempts AS (DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM removed) RETURNING 1),
  last AS (SELECT ${microsSql('created_at')} AS at, id FROM candidates ORDER BY created_at DESC, id DESC LIMIT 1)
  SELECT (SELECT count(*) FROM candidates)::int AS seen, (SELECT count(*) FROM removed)::int AS deliveries,
         (SELECT count(*) FROM attempts)::int AS attempts, (SELECT at FROM last) AS at, (SELECT id FROM last) AS id`;

/**
 * One batch of events older than the cutoff, in index order from the position reached; those with a
 * delivery left stay. Deleted by ctid too (events are never updated).
 */
const EVENTS_BATCH_SQL = `
  WITH candidates AS (
    SELECT ctid AS tid, id, created_at, occurred_at FROM events
    WHERE created_at < $1 AND (created_at, occurred_at, id) >
      ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', 'epoch'::timestamptz + $3::bigint * interval '1 microsecond', $4::uuid)
    ORDER BY created_at, occurred_at, id LIMIT $5),
  removed AS (DELETE FROM events e WHERE e.ctid = ANY (ARRAY(SELECT tid FROM candidates)) AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id) RETURNING 1),
  last AS (SELECT ${microsSql('created_at')} AS at, ${microsSql('occurred_at')} AS occurred, id FROM candidates ORDER BY created_at DESC, occurred_at DESC, id DESC LIMIT 1)
  SELECT (SELECT count(*) FROM candidates)::int AS seen, (SELECT count(*) FROM removed)::int AS events,
         (SELECT at FROM last) AS at, (SELECT occurred FROM last) AS occurred, (SELECT id FROM last) AS id`;

function microsSql(column: string): string {
  return `(extract(epoch from ${column}) * 1000000)::bigint::text`;
}

/** The position before every row: 0001-01-01. */
const START_MICROS = '-62135596800000000';

/**
 * Purges what is older than RETENTION_DAYS, so a long soak does not fill the disk: finished
 * deliveries with their attempts, then events left without deliveries. Unfinished deliveries, their
 * attempts and their events stay until they end.
 */
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

  /**
   * Walks the rows older than the cutoff in index order, PURGE_BATCH per statement, resting between
   * batches: no long transaction, no lock held for long, and deliveries keep going meanwhile.
   */
  async purgeOlderThan(cutoff: Date, batch = PURGE_BATCH): Promise<{ events: number; deliveries: number; attempts: number; batches: number }> {
    const purged = { events: 0, deliveries: 0, attempts: 0, batches: 0 };
    let at = START_MICROS;
    let id = NO_ID;
    for (;;) {
      const started = performance.now();
      const [r] = await this.batch<{ seen: number; deliveries: number; attempts: number; at: string; id: string }>(DELIVERIES_BATCH_SQL, [
        cutoff,
        at,
        id,
        batch,
      ]);
      purged.deliveries += r.deliveries;
      purged.attempts += r.attempts;
      purged.batches++;
      if (r.seen < batch) break;
      [at, id] = [r.at, r.id];
      await rest(performance.now() - started);
    }
    let occurred = START_MICROS;
    [at, id] = [START_MICROS, NO_ID];
    for (;;) {
      const started = performance.now();
      const [r] = await this.batch<{ seen: number; events: number; at: string; occurred: string; id: string }>(EVENTS_BATCH_SQL, [
        cutoff,
        at,
        occurred,
        id,
        batch,
      ]);
      purged.events += r.events;
      purged.batches++;
      if (r.seen < batch) break;
      [at, occurred, id] = [r.at, r.occurred, r.id];
      await rest(performance.now() - started);
    }
    return purged;
  }

  /**
   * One batch in its own transaction whose commit does not wait for the WAL flush: the deliveries
   * committing meanwhile do not queue behind the purge's flushes, and a batch lost in a crash is
   * purged again the next time.
   */
  private batch<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit = off');
      return m.query<T[]>(sql, params);
    });
  }
}

const rest = (batchMs: number) => new Promise((r) => setTimeout(r, Math.max(MIN_REST_MS, REST_FACTOR * batchMs)));
