import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How often the feed reads PostgreSQL while someone watches: one batch per tick for every client. */
export const FEED_TICK_MS = 300;
/** Rows sent per batch and kind at most; the counts say how many there were. */
const MAX_ROWS = 200;
/** Rows are time-stamped when their transaction starts and seen when it commits: look back this far. */
const OVERLAP_MS = 2000;
/** Rows read per tick and kind: the newest only. */
const READ_LIMIT = MAX_ROWS * 2;
/** Unfinished deliveries watched for status changes at most (the newest shown). */
const MAX_TRACKED = 500;

export interface FeedEvent {
  Id: string;
  EventType: string;
  Source: string;
  CreatedAt: Date;
}
export interface FeedDelivery {
  Id: string;
  EventId: string;
  WebhookId: string;
  EventType: string;
  Status: string;
  Attempts: number;
  LastOutcome: string | null;
  LastStatusCode: number | null;
  CreatedAt: Date;
  UpdatedAt: Date;
}
export interface FeedBatch {
  Events: FeedEvent[];
  Deliveries: FeedDelivery[];
  /** New events and deliveries since the last batch, including those not listed (over MAX_ROWS). */
  NewEvents: number;
  NewDeliveries: number;
}

type Listener = (batch: FeedBatch) => void;

const DELIVERY_COLUMNS = `id AS "Id", event_id AS "EventId", webhook_id AS "WebhookId", event_type AS "EventType", status AS "Status",
  attempts AS "Attempts", last_outcome AS "LastOutcome", last_status_code AS "LastStatusCode", created_at AS "CreatedAt", updated_at AS "UpdatedAt"`;

/**
 * The console's live stream. It reads PostgreSQL, so it shows what every process did (ROLE=api
 * with separate workers included): new events and deliveries by their indexed created_at, and the
 * status changes of the unfinished deliveries it has seen, by primary key. One reader serves all
 * clients, runs only while someone watches, and hands out one batch per tick, so 1,000 events/s
 * cost the page a few renders a second and the delivery path nothing but a few indexed reads.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private since = new Date();
  /** When the first client of this run subscribed: nothing older is sent as new. */
  private watchedFrom = 0;
  private readonly seenEvents = new Map<string, number>();
  private readonly seenDeliveries = new Map<string, number>();
  /** Unfinished deliveries and the last status|attempts sent for them. */
  private readonly tracked = new Map<string, string>();
  private reading = false;
  private readonly newest: Record<'events' | 'deliveries', Date | null> = { events: null, deliveries: null };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.since = new Date();
      this.watchedFrom = this.since.getTime();
      this.timer = setInterval(() => void this.tick(), FEED_TICK_MS);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.tracked.clear();
        this.newest.events = null;
        this.newest.deliveries = null;
      }
    };
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.reading) return; // a slow read: skip a tick rather than pile up
    this.reading = true;
    try {
      const batch = await this.read();
      if (batch.Events.length || batch.Deliveries.length) for (const l of this.listeners) l(batch);
    } catch {
      // PostgreSQL unavailable for a moment: the next tick tries again.
    } finally {
      this.reading = false;
    }
  }

  private async read(): Promise<FeedBatch> {
    const now = Date.now();
    const from = new Date(Math.max(this.watchedFrom, this.since.getTime() - OVERLAP_MS));
    // Only the newest rows: the page shows MAX_ROWS, and re-reading the whole overlap window at
    // 1,000 events/s would cost the api process (which also publishes) thousands of rows a second.
    const events: FeedEvent[] = await this.dataSource.query(
      `SELECT id AS "Id", event_type AS "EventType", source AS "Source", created_at AS "CreatedAt"
       FROM events WHERE created_at > $1 ORDER BY created_at DESC LIMIT ${READ_LIMIT}`,
      [from],
    );
    const deliveries: FeedDelivery[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE created_at > $1 ORDER BY created_at DESC LIMIT ${READ_LIMIT}`,
      [from],
    );
    const freshEvents = events.filter((e) => !this.seenEvents.has(e.Id));
    const freshDeliveries = deliveries.filter((d) => !this.seenDeliveries.has(d.Id));
    for (const e of freshEvents) this.seenEvents.set(e.Id, now);
    for (const d of freshDeliveries) this.seenDeliveries.set(d.Id, now);
    const shown = freshDeliveries.slice(0, MAX_ROWS);
    const changed = await this.changedTracked(new Set(shown.map((d) => d.Id)));
    for (const d of [...shown, ...changed]) this.track(d);
    this.forget(this.seenEvents, now);
    this.forget(this.seenDeliveries, now);
    this.since = new Date(now);
    return {
      Events: freshEvents.slice(0, MAX_ROWS),
      Deliveries: [...shown, ...changed.slice(0, MAX_ROWS)],
      NewEvents: await this.counted('events', events, freshEvents.length),
      NewDeliveries: await this.counted('deliveries', deliveries, freshDeliveries.length),
    };
  }

  /**
   * How many rows are new: the unseen ones read, exact while a read holds every new row; when it
   * was cut at READ_LIMIT, an index-only count between the newest row of the last read and this one.
   */
  private async counted(table: 'events' | 'deliveries', rows: { CreatedAt: Date }[], fresh: number): Promise<number> {
    const newest = rows[0]?.CreatedAt ?? null;
    const previous = this.newest[table];
    if (newest) this.newest[table] = newest;
    if (rows.length < READ_LIMIT || !newest || !previous) return fresh;
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE created_at > $1 AND created_at <= $2`, [
      previous,
      newest,
    ]);
    return Math.max(fresh, n);
  }

  /** Tracked deliveries whose status or attempt count moved since they were last sent. */
  private async changedTracked(skip: Set<string>): Promise<FeedDelivery[]> {
    const ids = [...this.tracked.keys()].filter((id) => !skip.has(id));
    if (!ids.length) return [];
    const rows: FeedDelivery[] = await this.dataSource.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ANY($1::uuid[])`, [ids]);
    const found = new Set(rows.map((r) => r.Id));
    for (const id of ids) if (!found.has(id)) this.tracked.delete(id); // removed by a reset
    return rows.filter((r) => this.tracked.get(r.Id) !== `${r.Status}|${r.Attempts}`);
  }

  private track(d: FeedDelivery): void {
    if (d.Status === 'delivered' || d.Status === 'discarded') this.tracked.delete(d.Id);
    else this.tracked.set(d.Id, `${d.Status}|${d.Attempts}`);
    // Keep the newest: a Map iterates in insertion order.
    while (this.tracked.size > MAX_TRACKED) this.tracked.delete(this.tracked.keys().next().value as string);
  }

  private forget(seen: Map<string, number>, now: number): void {
    for (const [id, at] of seen) {
      if (now - at <= OVERLAP_MS * 2) break;
      seen.delete(id);
    }
  }
}
