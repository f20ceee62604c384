import { DataSource } from 'typeorm';
import { TOTAL_CAP } from '../src/common/keyset-cursor';
import { RetentionService } from '../src/retention/retention.service';
import { adminApi } from './support/api';
import { receiverUrl } from './support/receiver-host';
import { seedStoredData } from './support/seed-stored-data';
import { startTestApp, type TestApp } from './support/test-app';

interface Page {
  Total: number;
  TotalCapped: boolean;
  NextCursor: string | null;
  Items: { Id: string; CreatedAt: string; Status?: string; WebhookId?: string; EventType?: string }[];
}

const HOUR = 3600_000;
const TYPES = ['QueueStatus', 'UserStatus', 'CallbackListStatus'];

/** Lists that stay correct and bounded with many rows: keyset cursors, capped totals, counters kept by triggers, a batched purge. */
describe('stored data', () => {
  let app: TestApp;
  let db: DataSource;
  let h: ReturnType<typeof adminApi>;
  let a: string;
  let b: string;

  const ids = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as { id: string }[]).map((r) => r.id).sort();
  const seed = (rows: number, createdAt: Date, unfinishedEvery = 7) =>
    seedStoredData((sql, params) => db.query(sql, params), { rows, webhookIds: [a, b], eventTypes: TYPES, createdAt, unfinishedEvery });
  /** Every page of a list, following NextCursor; `between` runs after each page. */
  const walk = async (path: string, query: Record<string, string | number>, between: () => Promise<void> = async () => {}) => {
    const seen: Page['Items'] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (
        await h
          .api()
          .get(path)
          .query({ ...query, ...(cursor ? { cursor } : {}) })
          .expect(200)
      ).body;
      seen.push(...page.Items);
      cursor = page.NextCursor;
      await between();
    } while (cursor);
    return seen;
  };

  beforeAll(async () => {
    app = await startTestApp();
    db = app.context.get(DataSource);
    h = adminApi(app);
    a = (await h.createWebhook({ Endpoint: receiverUrl('/a'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }])).Id;
    b = (await h.createWebhook({ Endpoint: receiverUrl('/b'), InsecureSSL: true }, [{ EventType: 'UserStatus', AllEntities: true }])).Id;
    await seed(403, new Date(Date.now() - HOUR));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a cursor walks every row exactly once, newest first, while rows are added', async () => {
    for (const list of ['events', 'deliveries']) {
      const before = await ids(`SELECT id FROM ${list}`);
      // Newer rows arrive between pages: an offset would shift and show rows twice.
      const seen = await walk(`/api/${list}`, { limit: 37 }, () => seed(5, new Date()));
      expect(seen.map((r) => r.Id).sort()).toEqual(before);
      const times = seen.map((r) => Date.parse(r.CreatedAt));
      expect(times.every((t, i) => i === 0 || t <= times[i - 1])).toBe(true);
    }
  });

  it('filters combine with the cursor', async () => {
    const delivered = await walk('/api/deliveries', { webhookId: a, status: 'delivered', limit: 10 });
    expect(delivered.map((d) => d.Id).sort()).toEqual(await ids(`SELECT id FROM deliveries WHERE webhook_id = $1 AND status = 'delivered'`, [a]));
    const discarded = await walk('/api/deliveries', { status: 'discarded', eventType: 'UserStatus', limit: 2 });
    expect(discarded.map((d) => d.Id).sort()).toEqual(await ids(`SELECT id FROM deliveries WHERE status = 'discarded' AND event_type = 'UserStatus'`));
    expect(discarded.length).toBeGreaterThan(2);
    const events = await walk('/api/events', { eventType: 'CallbackListStatus', limit: 25 });
    expect(events.map((e) => e.Id).sort()).toEqual(await ids(`SELECT id FROM events WHERE event_type = 'CallbackListStatus'`));
    const first: Page = (await h.api().get('/api/deliveries').query({ webhookId: b, limit: 5 }).expect(200)).body;
    expect(first).toMatchObject({ Total: (await ids('SELECT id FROM deliveries WHERE webhook_id = $1', [b])).length, TotalCapped: false });
  });

  it('a tampered cursor, one from another list or filter, or a cursor with an offset gets 400', async () => {
    const page: Page = (await h.api().get('/api/deliveries').query({ webhookId: a, limit: 5 }).expect(200)).body;
    const cursor = page.NextCursor!;
    const refused = async (path: string, query: Record<string, string | number>) => {
      const res = await h.api().get(path).query(query).expect(400);
      return res.body.message as string[];
    };
    const tampered = cursor.slice(0, 3) + (cursor[3] === 'A' ? 'B' : 'A') + cursor.slice(4);
    expect(await refused('/api/deliveries', { webhookId: a, cursor: tampered })).toEqual([
      'cursor must be the NextCursor of an earlier page of GET /api/deliveries with the same filters; start again without cursor',
    ]);
    expect(await refused('/api/deliveries', { webhookId: b, cursor })).toHaveLength(1);
    expect(await refused('/api/events', { cursor })).toHaveLength(1);
    expect(await refused('/api/deliveries', { cursor: 'not-a-cursor' })).toHaveLength(1);
    expect(await refused('/api/deliveries', { webhookId: a, cursor, offset: 5 })).toEqual(['give cursor or offset, not both']);
    expect(await refused('/api/events', { offset: 10_001 })).toEqual(['offset must be a whole number from 0 to 10000 (deeper pages: use cursor), got 10001']);
    await h.api().get('/api/deliveries').query({ webhookId: a, cursor }).expect(200);
  });

  it(`counts up to ${TOTAL_CAP} rows, and a webhook's counts (kept as rows change) match its rows`, async () => {
    await seed(TOTAL_CAP, new Date(Date.now() - 2 * HOUR));
    const page: Page = (await h.api().get('/api/deliveries').query({ limit: 1 }).expect(200)).body;
    expect(page).toMatchObject({ Total: TOTAL_CAP, TotalCapped: true });
    await db.query(`UPDATE deliveries SET status = 'discarded' WHERE id IN (SELECT id FROM deliveries WHERE status = 'retrying' AND webhook_id = $1 LIMIT 9)`, [
      a,
    ]);
    await db.query(`DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE status = 'delivered' AND webhook_id = $1 LIMIT 11)`, [a]);
    for (const id of [a, b]) {
      const rows: { status: string; n: number }[] = await db.query('SELECT status, count(*)::int AS n FROM deliveries WHERE webhook_id = $1 GROUP BY 1', [id]);
      const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
      const webhook = (await h.api().get(`/api/webhooks/${id}`).expect(200)).body;
      expect(webhook.Deliveries).toMatchObject({ Delivered: n('delivered'), Retrying: n('retrying'), Discarded: n('discarded'), Pending: n('pending') });
      expect(webhook.Deliveries.LastError).toMatchObject({ Outcome: 'http_status' });
    }
  });

  it('the purge removes in batches exactly the expired finished rows and keeps unfinished deliveries with their attempts and events', async () => {
    await h.api().post('/api/reset').expect(200);
    const cutoff = new Date(Date.now() - 7 * 24 * HOUR);
    await seed(301, new Date(cutoff.getTime() - 3 * 24 * HOUR), 5);
    const expired = await ids(`SELECT id FROM deliveries WHERE status IN ('delivered', 'discarded')`);
    const unfinished = await ids(`SELECT id FROM deliveries WHERE status NOT IN ('delivered', 'discarded')`);
    expect(unfinished.length).toBeGreaterThan(0);
    await seed(50, new Date(Date.now() - HOUR), 5);
    const kept = {
      deliveries: await ids(`SELECT id FROM deliveries WHERE NOT (id = ANY($1))`, [expired]),
      events: await ids(`SELECT event_id AS id FROM deliveries WHERE NOT (id = ANY($1))`, [expired]),
      attempts: await ids(`SELECT id::text AS id FROM delivery_attempts WHERE NOT (delivery_id = ANY($1))`, [expired]),
    };

    const purged = await app.context.get(RetentionService).purgeOlderThan(cutoff, 20);
    expect(purged).toMatchObject({ deliveries: expired.length, attempts: expired.length, events: expired.length });
    // 351 deliveries' worth of old rows at 20 a statement, then the events.
    expect(purged.batches).toBeGreaterThan(2 * Math.floor(301 / 20));
    expect(await ids('SELECT id FROM deliveries')).toEqual(kept.deliveries);
    expect(await ids('SELECT id FROM events')).toEqual(kept.events);
    expect(await ids('SELECT id::text AS id FROM delivery_attempts')).toEqual(kept.attempts);
    const webhook = (await h.api().get(`/api/webhooks/${a}`).expect(200)).body;
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE webhook_id = $1 AND status = 'delivered'`, [a]);
    expect(webhook.Deliveries.Delivered).toBe(n);
  });

  it('a delivery that changes while the purge deletes it stays when it is no longer finished, with its attempts and its event', async () => {
    await h.api().post('/api/reset').expect(200);
    const cutoff = new Date(Date.now() - 7 * 24 * HOUR);
    await seed(30, new Date(cutoff.getTime() - 24 * HOUR), 0);
    // The oldest delivery: in the purge's first batch.
    const [first] = (await db.query(`SELECT id, event_id FROM deliveries ORDER BY created_at, id LIMIT 1`)) as { id: string; event_id: string }[];
    const attemptsOfFirst = () => ids('SELECT id::text AS id FROM delivery_attempts WHERE delivery_id = $1', [first.id]);
    const logged = await attemptsOfFirst();
    expect(logged).toHaveLength(1);
    const writer = db.createQueryRunner();
    await writer.connect();
    try {
      // As a resend does: the row goes back to retrying in a transaction the purge's delete has to wait for.
      await writer.startTransaction();
      await writer.query(`UPDATE deliveries SET status = 'retrying' WHERE id = $1`, [first.id]);
      const purging = app.context.get(RetentionService).purgeOlderThan(cutoff, 20);
      for (let waited = 0; ; waited += 20) {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (n > 0) break;
        if (waited > 10_000) throw new Error('the purge never waited for the changed row');
        await new Promise((r) => setTimeout(r, 20));
      }
      await writer.commitTransaction();
      const purged = await purging;
      expect(purged.deliveries).toBe(29);
      expect(await ids('SELECT id FROM deliveries')).toEqual([first.id]);
      expect(await ids('SELECT id FROM events')).toEqual([first.event_id]);
      expect(await attemptsOfFirst()).toEqual(logged); // its log too
      expect(purged.attempts).toBe(29);
    } finally {
      await writer.release();
    }
  });
});
