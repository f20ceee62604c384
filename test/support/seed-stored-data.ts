import { randomBytes } from 'node:crypto';

/**
 * Fills events, deliveries and attempts with generate_series, in three statements: a million rows
 * of each in about a minute, for the stored-data bench and the pagination and retention tests.
 * Row i: event type `eventTypes[i % n]`, webhook `webhookIds[i % n]`, created at `createdAt` plus
 * `stepMs` for each group of four (ties on created_at, as an outbox batch makes); status discarded
 * every 50th row, retrying where `i % unfinishedEvery == 1`, otherwise delivered; one attempt each.
 */
export interface SeedOptions {
  rows: number;
  webhookIds: string[];
  eventTypes: string[];
  createdAt: Date;
  stepMs?: number;
  /** 0: none unfinished. */
  unfinishedEvery?: number;
  organizationId?: string;
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** Row i's ids come from md5(salt, i), so the three statements line up without a shared table. */
export async function seedStoredData(query: Query, o: SeedOptions): Promise<void> {
  const salt = randomBytes(6).toString('hex');
  const rows = `SELECT i, md5($2 || 'e' || i)::uuid AS event_id, md5($2 || 'd' || i)::uuid AS delivery_id,
                       $3::timestamptz + (i / 4) * $4::int * interval '1 millisecond' AS created_at
                FROM generate_series(0, $1::int - 1) AS i`;
  const base = [o.rows, salt, o.createdAt.toISOString(), o.stepMs ?? 1];
  const failed = `(i % 50 = 0 OR ($7::int > 0 AND i % $7::int = 1))`;
  await query(
    `INSERT INTO events (id, event_type, entity_type, entity_id, organization_id, call_id, occurred_at, source, body, created_at)
     SELECT event_id, ($5::text[])[1 + i % cardinality($5::text[])], 'Queue', NULL, $6::uuid, NULL, created_at - interval '5 milliseconds', 'seed',
            json_build_object('Id', event_id, 'EventType', ($5::text[])[1 + i % cardinality($5::text[])]), created_at
     FROM (${rows}) AS r`,
    [...base, o.eventTypes, o.organizationId ?? '00000000-0000-4000-8000-000000000001'],
  );
  await query(
    `INSERT INTO deliveries (id, event_id, webhook_id, event_type, status, attempts, last_outcome, last_status_code, delivered_at, created_at, updated_at)
     SELECT delivery_id, event_id, ($5::uuid[])[1 + i % cardinality($5::uuid[])], ($6::text[])[1 + i % cardinality($6::text[])],
            CASE WHEN i % 50 = 0 THEN 'discarded' WHEN $7::int > 0 AND i % $7::int = 1 THEN 'retrying' ELSE 'delivered' END,
            1, CASE WHEN ${failed} THEN 'http_status' ELSE 'delivered' END, CASE WHEN ${failed} THEN 500 ELSE 200 END,
            CASE WHEN ${failed} THEN NULL ELSE created_at END, created_at, created_at
     FROM (${rows}) AS r`,
    [...base, o.webhookIds, o.eventTypes, o.unfinishedEvery ?? 0],
  );
  await query(
    `INSERT INTO delivery_attempts (delivery_id, attempt_number, trigger, started_at, ended_at, duration_ms, outcome, status_code, request_headers, response_body_bytes)
     SELECT delivery_id, 1, 'scheduled', created_at, created_at + interval '2 milliseconds', 2, 'delivered', 200, '{}'::jsonb, 0
     FROM (${rows}) AS r`,
    base,
  );
}
