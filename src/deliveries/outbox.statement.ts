import { dotNetTimestampToDate } from '../catalog/dotnet-timestamp';

/** An event as the outbox stores it. */
export interface OutboxEvent {
  id: string;
  payload: Record<string, unknown>;
  /** The exact JSON text delivered. */
  body: string;
  source: string;
  scenarioId: string | null;
}

/** A delivery as the outbox creates it: pending, no attempt yet. */
export interface OutboxDelivery {
  id: string;
  eventId: string;
  webhookId: string;
  eventType: string;
  scenarioId: string | null;
  retryScheduleMs: number[] | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guidOrNull = (v: unknown) => (typeof v === 'string' && GUID.test(v) ? v : null);

/**
 * One statement (so one round trip, and atomic): the events, then their deliveries (status pending).
 * It returns the Ids already stored with another body: those events are refused, with no delivery.
 */
export const OUTBOX_WRITE_SQL = `WITH inserted AS (
   INSERT INTO events (id, event_type, entity_type, entity_id, organization_id, call_id, occurred_at, source, body, scenario_id)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[],
     $8::text[], $9::json[]
     , $14::uuid[])
   -- An exact replay emits the same Ids with the same bodies: deliver them again (as a platform
   -- duplicate) and keep the row. A scenario's replay takes the row over (tag and emit time), so
   -- the new run's report counts and times it. The same Id with another body is never stored.
   ON CONFLICT (id) DO UPDATE SET scenario_id = COALESCE(EXCLUDED.scenario_id, events.scenario_id),
     created_at = CASE WHEN EXCLUDED.scenario_id IS NULL THEN events.created_at ELSE now() END
     WHERE events.body::text = EXCLUDED.body::text
   RETURNING id),
 delivered AS (
   INSERT INTO deliveries (id, event_id, webhook_id, event_type, scenario_id, retry_schedule_ms)
   -- unnest flattens a 2-D array, so each delivery's own schedule travels as an array literal.
   SELECT id, event_id, webhook_id, event_type, scenario_id, schedule::int[]
     FROM unnest($10::uuid[], $11::uuid[], $12::uuid[], $13::text[], $15::uuid[], $16::text[])
       AS d(id, event_id, webhook_id, event_type, scenario_id, schedule)
    WHERE d.event_id IN (SELECT id FROM inserted)
   RETURNING 1)
 SELECT e.id FROM unnest($1::uuid[]) AS e(id) WHERE e.id NOT IN (SELECT id FROM inserted)`;

/** The statement's parameters, one array per column. Events must be unique by Id (ON CONFLICT touches a row once per command). */
export function outboxWriteParams(events: OutboxEvent[], deliveries: OutboxDelivery[]): unknown[] {
  return [
    events.map((e) => e.id),
    events.map((e) => e.payload.EventType),
    events.map((e) => e.payload.EntityType),
    events.map((e) => guidOrNull(e.payload.EntityId)),
    events.map((e) => e.payload.RootEntityId),
    events.map((e) => guidOrNull(e.payload.CallId)),
    events.map((e) => dotNetTimestampToDate(String(e.payload.Timestamp)).toISOString()),
    events.map((e) => e.source),
    events.map((e) => e.body),
    deliveries.map((d) => d.id),
    deliveries.map((d) => d.eventId),
    deliveries.map((d) => d.webhookId),
    deliveries.map((d) => d.eventType),
    events.map((e) => e.scenarioId),
    deliveries.map((d) => d.scenarioId),
    deliveries.map((d) => (d.retryScheduleMs ? `{${d.retryScheduleMs.join(',')}}` : null)),
  ];
}
