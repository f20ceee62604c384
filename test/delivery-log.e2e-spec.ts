import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LOG_WRITE_SQL, logWriteParams, type AttemptRecord } from '../src/deliveries/delivery-log.statement';
import { startTestApp, type TestApp } from './support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe('delivery log write (PostgreSQL)', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await startTestApp({ ROLE: 'api' });
    db = app.context.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
  });

  const delivered = (deliveryId: string): AttemptRecord => {
    const at = new Date();
    return {
      deliveryId,
      trigger: 'scheduled',
      result: {
        outcome: 'delivered',
        statusCode: 200,
        errorMessage: null,
        responseHeaders: {},
        responseBodyExcerpt: null,
        responseBodyBytes: 0,
        startedAt: at,
        endedAt: at,
        durationMs: 1,
      },
      requestHeaders: { 'X-Benemen-Event': 'QueueStatus' },
      status: 'delivered',
      nextAttemptAt: null,
    };
  };

  // The planner used to hash-join each batch against a scan of every delivery (up to ~40,000
  // rows): a cost per batch that grew with the table and took a core's third at 500 events/s.
  it('finds a batch of deliveries by primary key however many the table holds', async () => {
    const webhookId = randomUUID();
    await db.query(
      `INSERT INTO deliveries (id, event_id, webhook_id, event_type)
       SELECT gen_random_uuid(), gen_random_uuid(), $1, 'QueueStatus' FROM generate_series(1, 20000)`,
      [webhookId],
    );
    const ids: string[] = (await db.query(`SELECT id FROM deliveries ORDER BY random() LIMIT 20`)).map((r: { id: string }) => r.id);
    const params = logWriteParams(ids.map(delivered));

    // The writer runs it as a prepared statement, which PostgreSQL may plan once for any batch size.
    for (const planCacheMode of ['force_custom_plan', 'force_generic_plan']) {
      const runner = db.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL plan_cache_mode = ${planCacheMode}`);
        const [{ 'QUERY PLAN': plan }] = await runner.query(`EXPLAIN (FORMAT JSON) ${LOG_WRITE_SQL}`, params);
        const scans = nodes(plan[0].Plan)
          .filter((n) => n['Relation Name'] === 'deliveries')
          .map((n) => n['Node Type']);
        expect(scans.length).toBeGreaterThan(0);
        expect(scans).not.toContain('Seq Scan');
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    await db.query(LOG_WRITE_SQL, params);
    const rows: { status: string; attempts: number; logged: string }[] = await db.query(
      `SELECT d.status, d.attempts, (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id) AS logged
       FROM deliveries d WHERE d.webhook_id = $1 AND d.id = ANY($2::uuid[])`,
      [webhookId, ids],
    );
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1 && Number(r.logged) === 1)).toBe(true);
  });
});
