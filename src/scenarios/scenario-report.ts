import type { DataSource } from 'typeorm';

export interface LatencyFigures {
  P50: number;
  P95: number;
  P99: number;
}

export interface ScenarioReport {
  Calls: { Planned: number; Placed: number; Failed: number };
  Events: { Total: number; ByType: Record<string, number> };
  Deliveries: {
    Total: number;
    ByStatus: Record<string, number>;
    ByLastOutcome: Record<string, number>;
    /** Attempts made -> deliveries that needed that many. */
    AttemptsHistogram: Record<string, number>;
  };
  /** Event created_at -> end of the delivering attempt, over delivered deliveries; null when none. */
  LatencyMs: LatencyFigures | null;
  Throughput: { DeliveredPerSecond: number; PerSecond: { Second: string; Delivered: number }[] };
  Webhooks: {
    WebhookId: string;
    Endpoint: string | null;
    Deliveries: number;
    Delivered: number;
    Discarded: number;
    Unfinished: number;
    LatencyMs: LatencyFigures | null;
  }[];
  /** Outcomes of the SmartRouting requests made for the scenario's calls; present only when any. */
  SmartRouting?: Record<string, number>;
  Retry: { Schedule: string | null; Duplicated: string[]; OutOfOrder: string[] };
}

/** At most this many seconds in the per-second throughput series (the first ones). */
const MAX_SERIES_SECONDS = 3600;

const toRecord = (rows: { key: string | number | null; n: number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [String(r.key ?? 'none'), Number(r.n)]));

const round = (x: number): number => Math.round(x * 100) / 100;

function latency(row: { p50: number | null; p95: number | null; p99: number | null } | undefined): LatencyFigures | null {
  if (!row || row.p50 === null) return null;
  return { P50: round(Number(row.p50)), P95: round(Number(row.p95)), P99: round(Number(row.p99)) };
}

/** First delivered attempt of each of the scenario's deliveries, with its emit-to-delivered time. */
const DELIVERED = `
  SELECT d.id, d.webhook_id, min(a.ended_at) AS ended_at,
         extract(epoch FROM (min(a.ended_at) - e.created_at)) * 1000 AS ms
    FROM deliveries d
    JOIN events e ON e.id = d.event_id
    JOIN delivery_attempts a ON a.delivery_id = d.id AND a.outcome = 'delivered'
   WHERE d.scenario_id = $1
   GROUP BY d.id, d.webhook_id, e.created_at`;

const PERCENTILES = `percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99`;

/** The report is computed from the tagged rows, so it shows what was stored and sent, not what was intended. */
export async function buildScenarioReport(
  db: DataSource,
  scenarioId: string,
  calls: ScenarioReport['Calls'],
  retry: ScenarioReport['Retry'],
): Promise<ScenarioReport> {
  const q = <T>(sql: string): Promise<T[]> => db.query(sql, [scenarioId]) as Promise<T[]>;
  const [byType, byStatus, byOutcome, histogram, overall, series, span, webhooks, smartRouting] = await Promise.all([
    q<{ key: string; n: number }>(`SELECT event_type AS key, count(*)::int AS n FROM events WHERE scenario_id = $1 GROUP BY 1 ORDER BY 1`),
    q<{ key: string; n: number }>(`SELECT status AS key, count(*)::int AS n FROM deliveries WHERE scenario_id = $1 GROUP BY 1 ORDER BY 1`),
    q<{ key: string | null; n: number }>(`SELECT last_outcome AS key, count(*)::int AS n FROM deliveries WHERE scenario_id = $1 GROUP BY 1 ORDER BY 1`),
    q<{ key: number; n: number }>(`SELECT attempts AS key, count(*)::int AS n FROM deliveries WHERE scenario_id = $1 GROUP BY 1 ORDER BY 1`),
    q<{ p50: number | null; p95: number | null; p99: number | null }>(`SELECT ${PERCENTILES} FROM (${DELIVERED}) t`),
    q<{ second: Date; n: number }>(
      `SELECT date_trunc('second', ended_at) AS second, count(*)::int AS n FROM (${DELIVERED}) t GROUP BY 1 ORDER BY 1 LIMIT ${MAX_SERIES_SECONDS}`,
    ),
    q<{ n: number; seconds: number | null }>(`SELECT count(*)::int AS n, extract(epoch FROM (max(ended_at) - min(ended_at))) AS seconds FROM (${DELIVERED}) t`),
    q<{
      webhook_id: string;
      endpoint: string | null;
      total: number;
      delivered: number;
      discarded: number;
      unfinished: number;
      p50: number | null;
      p95: number | null;
      p99: number | null;
    }>(
      `SELECT d.webhook_id, w.endpoint, count(*)::int AS total,
              count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE d.status = 'discarded')::int AS discarded,
              count(*) FILTER (WHERE d.status IN ('pending', 'retrying'))::int AS unfinished,
              l.p50, l.p95, l.p99
         FROM deliveries d
         LEFT JOIN webhooks w ON w.id = d.webhook_id
         LEFT JOIN (SELECT webhook_id, ${PERCENTILES} FROM (${DELIVERED}) t GROUP BY webhook_id) l ON l.webhook_id = d.webhook_id
        WHERE d.scenario_id = $1
        GROUP BY d.webhook_id, w.endpoint, l.p50, l.p95, l.p99
        ORDER BY d.webhook_id`,
    ),
    q<{ key: string; n: number }>(
      `SELECT outcome AS key, count(*)::int AS n FROM smart_routing_requests
        WHERE call_id IN (SELECT DISTINCT call_id FROM events WHERE scenario_id = $1 AND call_id IS NOT NULL)
        GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  const events = toRecord(byType);
  const statuses = toRecord(byStatus);
  const delivered = Number(span[0]?.n ?? 0);
  const seconds = Number(span[0]?.seconds ?? 0);
  return {
    Calls: calls,
    Events: { Total: Object.values(events).reduce((a, b) => a + b, 0), ByType: events },
    Deliveries: {
      Total: Object.values(statuses).reduce((a, b) => a + b, 0),
      ByStatus: statuses,
      ByLastOutcome: toRecord(byOutcome),
      AttemptsHistogram: toRecord(histogram),
    },
    LatencyMs: latency(overall[0]),
    // Over the span from the first to the last delivery; a single delivery counts as one second.
    Throughput: {
      DeliveredPerSecond: delivered === 0 ? 0 : round(delivered / Math.max(1, seconds)),
      PerSecond: series.map((s) => ({ Second: new Date(s.second).toISOString(), Delivered: Number(s.n) })),
    },
    Webhooks: webhooks.map((w) => ({
      WebhookId: w.webhook_id,
      Endpoint: w.endpoint,
      Deliveries: Number(w.total),
      Delivered: Number(w.delivered),
      Discarded: Number(w.discarded),
      Unfinished: Number(w.unfinished),
      LatencyMs: latency(w),
    })),
    ...(smartRouting.length > 0 ? { SmartRouting: toRecord(smartRouting) } : {}),
    Retry: retry,
  };
}

/** Counts for the progress view while a scenario runs (cheap: indexed by scenario_id). */
export async function scenarioCounts(db: DataSource, scenarioId: string): Promise<{ events: number; deliveries: Record<string, number> }> {
  const [events, deliveries] = await Promise.all([
    db.query(`SELECT count(*)::int AS n FROM events WHERE scenario_id = $1`, [scenarioId]) as Promise<{ n: number }[]>,
    db.query(`SELECT status AS key, count(*)::int AS n FROM deliveries WHERE scenario_id = $1 GROUP BY 1`, [scenarioId]) as Promise<
      { key: string; n: number }[]
    >,
  ]);
  return { events: Number(events[0]?.n ?? 0), deliveries: toRecord(deliveries) };
}
