import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_TYPE_NAMES } from '../../src/catalog/event-catalog';
import { freePort } from '../../src/common/free-port';
import { encodeCursor } from '../../src/common/keyset-cursor';
import { loadConfig } from '../../src/config/load-config';
import { RetentionService } from '../../src/retention/retention.service';
import { seedStoredData } from '../../test/support/seed-stored-data';
import { createTestInfra } from '../../test/support/test-infra';
import { startReceiverProcess, startWorkerProcess, stopProcess } from './child';
import { latencyFigures, sleep, waitForReceived, type LatencyFigures } from './measure';

export interface StoredDataFigures {
  rows: number;
  seedSeconds: number;
  /** p50 / p99 ms of each list or detail request, sequential requests to a ROLE=api process. */
  routes: { name: string; path: string; p50Ms: number; p99Ms: number }[];
  /** Emit (POST /api/events) to receiver at `rate`/s, without and during the purge of every seeded row. */
  rate: number;
  withoutPurge: LatencyFigures;
  duringPurge: LatencyFigures;
  purge: { seconds: number; events: number; deliveries: number; attempts: number; batches: number };
}

const ROUTE_REQUESTS = 200;
const WEBHOOKS = 10;

const round = (x: number) => Math.round(x * 100) / 100;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The built service as a ROLE=api process on `port` (so the bench's client does not share its event loop). */
function startApiProcess(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const main = resolve(__dirname, '../../dist/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, ROLE: 'api', PORT: String(port), LOG_LEVEL: 'log' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('admin API on')) done(child);
    });
    child.once('exit', (code) => fail(new Error(`api process exited with ${code}: ${out}`)));
  });
}

/**
 * `stored data`: `rows` events, deliveries and attempts (generate_series, older than RETENTION_DAYS),
 * then the list and detail routes' latency, then delivery latency at `rate`/s without and during
 * the retention purge of all of them.
 */
export async function benchStoredData(opts: { rows: number; rate: number; seconds: number }): Promise<StoredDataFigures> {
  const infra = await createTestInfra();
  const receiver = await startReceiverProcess();
  const env = {
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    REDIS_PREFIX: infra.redisPrefix,
    ALLOW_ANY_ENDPOINT_PORT: 'true',
    DEMO_ORGANIZATION: 'false',
    // Another run's worker may hold the default 9464.
    METRICS_PORT: '0',
  };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  const pg = new Client({ connectionString: infra.databaseUrl });
  let dataSource: DataSource | null = null;
  try {
    children.push(await startApiProcess(env, port));
    children.push(await startWorkerProcess(env));
    await pg.connect();
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const endpoint = `https://127.0.0.1:${receiver.port}/bench`;
    await post('/api/webhooks', { Webhook: { Endpoint: endpoint, InsecureSSL: true }, Subscriptions: [{ EventType: 'QueueStatus', AllEntities: true }] });
    // The seeded rows' webhooks: subscribed to an entity no event names, so they only hold stored rows.
    const seeded: string[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      seeded.push(
        (
          await post('/api/webhooks', {
            Webhook: { Endpoint: endpoint, InsecureSSL: true },
            Subscriptions: [{ EventType: 'UserStatus', EntityId: '00000000-0000-4000-8000-000000000000' }],
          })
        ).Id as string,
      );
    }

    const retentionDays = loadConfig({}).retentionDays;
    const seedStart = performance.now();
    await seedStoredData((sql, params) => pg.query(sql, params), {
      rows: opts.rows,
      webhookIds: seeded,
      eventTypes: EVENT_TYPE_NAMES.slice(0, 10),
      createdAt: new Date(Date.now() - (retentionDays + 3) * 86_400_000),
      unfinishedEvery: 0,
    });
    // What autovacuum does on its own after a bulk load: statistics and the visibility map.
    await pg.query('VACUUM ANALYZE events, deliveries, delivery_attempts, webhook_delivery_counts');
    // And what the checkpointer has long done in a deployment whose rows came over days: the load's
    // dirty pages written and synced. Without it every figure below was taken while PostgreSQL and
    // the kernel were still writing the seed's ~1 GB (at 1,000,000 rows), which no real database
    // holding these rows would be doing.
    await pg.query('CHECKPOINT');
    const seedSeconds = round((performance.now() - seedStart) / 1000);

    const [middle] = (
      await pg.query(
        `SELECT (extract(epoch from created_at) * 1000000)::bigint::text AS at, id FROM deliveries ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1`,
        [Math.floor(opts.rows / 2)],
      )
    ).rows as { at: string; id: string }[];
    const paths: [string, string][] = [
      ['deliveries, first page', '/api/deliveries?limit=50'],
      ['deliveries, one webhook', `/api/deliveries?limit=50&webhookId=${seeded[3]}`],
      ['deliveries, status discarded', '/api/deliveries?limit=50&status=discarded'],
      ['deliveries, page at the middle (cursor)', `/api/deliveries?limit=50&cursor=${encodeCursor('deliveries', {}, { micros: [middle.at], id: middle.id })}`],
      ['events, first page', '/api/events?limit=50'],
      ['events, one event type', `/api/events?limit=50&eventType=${EVENT_TYPE_NAMES[4]}`],
      ['webhook with its counts', `/api/webhooks/${seeded[3]}`],
    ];
    const routes: StoredDataFigures['routes'] = [];
    for (const [name, path] of paths) {
      const times: number[] = [];
      for (let i = 0; i < ROUTE_REQUESTS + 20; i++) {
        const started = performance.now();
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        if (i >= 20) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      routes.push({ name, path: path.replace(/cursor=[^&]+/, 'cursor=...'), p50Ms: round(pct(times, 50)), p99Ms: round(pct(times, 99)) });
    }

    /** Emits QueueStatus events at opts.rate until `until()` and a minimum count; emit-to-receiver latency of all but the first second. */
    const deliveries = async (until: () => boolean, minimum: number): Promise<LatencyFigures> => {
      await receiver.request('reset');
      const ids: string[] = [];
      const emittedAt: number[] = [];
      const pending: Promise<void>[] = [];
      const tickMs = 10;
      const s0 = performance.now();
      while (ids.length < minimum || !until()) {
        const due = Math.floor(((performance.now() - s0) / 1000) * opts.rate) + 1;
        while (ids.length < due) {
          const index = ids.length;
          ids.push('');
          emittedAt.push(performance.timeOrigin + performance.now());
          pending.push(post('/api/events', { EventType: 'QueueStatus' }).then((r) => void (ids[index] = (r.Payload as { Id: string }).Id)));
        }
        await sleep(tickMs);
      }
      await Promise.all(pending);
      const report = await waitForReceived(receiver, ids.length, 60_000);
      return latencyFigures(report, ids, Float64Array.from(emittedAt), opts.rate);
    };
    // Warm-up, then the figure without a purge.
    await deliveries(() => true, opts.rate * 2);
    const withoutPurge = await deliveries(() => true, opts.rate * opts.seconds);

    dataSource = await new DataSource({ type: 'postgres', url: infra.databaseUrl }).initialize();
    const retention = new RetentionService(dataSource, loadConfig({}));
    const purgeStart = performance.now();
    let purging = true;
    const purged = retention.purgeOlderThan(new Date(Date.now() - retentionDays * 86_400_000)).finally(() => (purging = false));
    const duringPurge = await deliveries(() => !purging, opts.rate * 2);
    const result = await purged;
    return {
      rows: opts.rows,
      seedSeconds,
      routes,
      rate: opts.rate,
      withoutPurge,
      duringPurge,
      purge: { seconds: round((performance.now() - purgeStart) / 1000), ...result },
    };
  } finally {
    for (const child of children.reverse()) await stopProcess(child);
    await receiver.stop();
    await pg.end().catch(() => undefined);
    await dataSource?.destroy();
    await infra.drop();
  }
}

/** The bench table's rows of this part. */
export function storedDataRows(s: StoredDataFigures | null): [string, string][] {
  if (!s) return [['stored data', 'skipped (--rows=0)']];
  const rows = s.rows.toLocaleString('en-US');
  return [
    [`stored data: ${rows} events, deliveries and attempts seeded (generate_series, then VACUUM ANALYZE and CHECKPOINT)`, `${s.seedSeconds} s`],
    ...s.routes.map((r): [string, string] => [`stored data, ${rows} rows: ${r.name} p50 / p99 (target p99 <= 20 ms)`, `${r.p50Ms} / ${r.p99Ms} ms`]),
    [`stored data: emit-to-receiver p50 / p99 at ${s.rate}/s, no purge`, `${s.withoutPurge.p50Ms} / ${s.withoutPurge.p99Ms} ms`],
    [`stored data: the same during the purge of ${rows} expired rows`, `${s.duringPurge.p50Ms} / ${s.duringPurge.p99Ms} ms (${s.duringPurge.events} events)`],
    ['stored data: p99 during purge / without (target <= 2x)', `${(s.duringPurge.p99Ms / s.withoutPurge.p99Ms).toFixed(2)}x`],
    [
      'stored data: purge',
      `${s.purge.seconds} s, ${s.purge.batches} batches: ${s.purge.deliveries} deliveries, ${s.purge.attempts} attempts, ${s.purge.events} events`,
    ],
  ];
}
