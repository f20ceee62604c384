/** An unfinished delivery as the reconciler first sees it. */
export interface UnfinishedDelivery {
  id: string;
  /** The row's last change, in microseconds: unchanged between two looks means no attempt was logged in between. */
  updated_us: string;
}

/** An orphaned delivery with everything needed to queue its job again. */
export interface OrphanedDelivery {
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: string;
  scheduled_attempts: number;
  next_attempt_at: Date | null;
  retry_schedule_ms: number[] | null;
  body: string;
  created_ms: string;
  updated_us: string;
}

/**
 * Ids of deliveries neither delivered nor discarded, untouched for $1 ms (a fresh one may be
 * between its commit and its enqueue), by id after $2, $3 at a time. Ids only: a hung webhook's
 * thousands of waiting deliveries are looked at every pass, and their bodies are not needed.
 */
export const UNFINISHED_DELIVERIES_SQL = `SELECT d.id, (extract(epoch from d.updated_at) * 1000000)::bigint AS updated_us
 FROM deliveries d
 WHERE d.status IN ('pending', 'retrying') AND d.updated_at < now() - make_interval(secs => $1::float / 1000)
   AND d.id::text > $2
 ORDER BY d.id LIMIT $3`;

/** The deliveries of ids $1 that are still unfinished, read again after Redis showed them without a job. */
export const ORPHANED_DELIVERIES_SQL = `SELECT d.id, d.event_id, d.webhook_id, d.event_type, d.next_attempt_at, d.retry_schedule_ms, e.body::text AS body,
   (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.trigger = 'scheduled')::int AS scheduled_attempts,
   (extract(epoch from d.created_at) * 1000)::bigint AS created_ms,
   (extract(epoch from d.updated_at) * 1000000)::bigint AS updated_us
 FROM deliveries d JOIN events e ON e.id = d.event_id
 WHERE d.id = ANY($1::uuid[]) AND d.status IN ('pending', 'retrying')`;
