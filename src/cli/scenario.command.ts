import { API_OPTIONS, numberOption, parseCommandArgs } from './cli-args';
import { UsageError, type CommandIo } from './cli-errors';
import { apiTarget, callApi, type ApiTarget } from './api-client';

export const SCENARIO_USAGE = `usage: enreach-emu scenario --seed <seed> --duration <virtual seconds> [options]

Runs a load or retry scenario through the admin API: progress on stderr, the report on stdout.
Exit status: 0 all delivered, 1 some delivery was discarded, 2 bad arguments or an API error.

  --seed <seed>               the same seed gives the same events (required)
  --duration <seconds>        virtual seconds of traffic (required)
  --calls-per-second <n>      default 1 (constant pattern)
  --time-scale <n>            virtual seconds per real second, default 1
  --as-fast-as-possible       no pacing: the run goes as fast as the emulator takes its events
  --pattern <p>               constant | ramp (--from n --to n) | bursts (--burst-every s --burst-calls n)
  --queues <id,number,...>    queues the calls go to
  --duplicate-rate <0..1>     share of events delivered twice (same Id)
  --out-of-order-rate <0..1>  share of deliveries held back (--hold-back seconds)
  --retry-schedule <waits>    this scenario's retry waits, e.g. 1s,2s,4s
  --json                      the report as one JSON object
  --url <url>                 the emulator (default EMULATOR_URL or http://127.0.0.1:3000)
  --admin-key <key>           default ADMIN_API_KEY`;

const OPTIONS = {
  ...API_OPTIONS,
  seed: { type: 'string' },
  duration: { type: 'string' },
  'calls-per-second': { type: 'string' },
  'time-scale': { type: 'string' },
  'as-fast-as-possible': { type: 'boolean' },
  pattern: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'burst-every': { type: 'string' },
  'burst-calls': { type: 'string' },
  queues: { type: 'string' },
  'duplicate-rate': { type: 'string' },
  'out-of-order-rate': { type: 'string' },
  'hold-back': { type: 'string' },
  'retry-schedule': { type: 'string' },
} as const;

const NUMERIC = {
  'calls-per-second': 'CallsPerSecond',
  duration: 'DurationSeconds',
  'time-scale': 'TimeScale',
  from: 'From',
  to: 'To',
  'burst-every': 'BurstEverySeconds',
  'burst-calls': 'BurstCalls',
} as const;
const RETRY_NUMERIC = { 'duplicate-rate': 'DuplicateRate', 'out-of-order-rate': 'OutOfOrderRate', 'hold-back': 'HoldBackSeconds' } as const;

export interface ScenarioArgs {
  target: ApiTarget;
  json: boolean;
  help: boolean;
  body: Record<string, unknown>;
}

export function parseScenarioArgs(argv: string[], env: NodeJS.ProcessEnv): ScenarioArgs {
  const { values } = parseCommandArgs(argv, OPTIONS);
  const args: ScenarioArgs = { target: apiTarget(values, env), json: values.json === true, help: values.help === true, body: {} };
  if (args.help) return args;
  for (const [flag, field] of Object.entries(NUMERIC)) {
    const n = numberOption(flag, values[flag as keyof typeof NUMERIC]);
    if (n !== undefined) args.body[field] = n;
  }
  const retry: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(RETRY_NUMERIC)) {
    const n = numberOption(flag, values[flag as keyof typeof RETRY_NUMERIC]);
    if (n !== undefined) retry[field] = n;
  }
  if (values['retry-schedule'] !== undefined) retry.Schedule = values['retry-schedule'];
  if (values.seed !== undefined) args.body.Seed = /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  if (values.pattern !== undefined) args.body.Pattern = values.pattern;
  if (values['as-fast-as-possible'] === true) {
    if (args.body.TimeScale !== undefined) throw new UsageError('--as-fast-as-possible and --time-scale exclude each other');
    args.body.AsFastAsPossible = true;
  }
  if (values.queues !== undefined) args.body.Queues = values.queues.split(',').map((q) => q.trim());
  if (args.body.Seed === undefined) throw new UsageError('--seed is required');
  if (args.body.DurationSeconds === undefined) throw new UsageError('--duration is required');
  if (args.body.CallsPerSecond === undefined && (args.body.Pattern ?? 'constant') === 'constant') args.body.CallsPerSecond = 1;
  if (Object.keys(retry).length > 0) args.body.Retry = retry;
  return args;
}

interface ScenarioView {
  Id: string;
  Status: string;
  Error?: string;
  Progress: { CallsPlanned: number; CallsPlaced: number; CallsFailed: number; Share: number; EventsEmitted: number; Deliveries: Record<string, number> };
  Report?: {
    Events: { Total: number; ByType: Record<string, number> };
    Deliveries: { Total: number; ByStatus: Record<string, number>; ByLastOutcome: Record<string, number>; AttemptsHistogram: Record<string, number> };
    LatencyMs: { P50: number; P95: number; P99: number } | null;
    Throughput: { DeliveredPerSecond: number };
    Webhooks: { WebhookId: string; Endpoint: string | null; Deliveries: number; Delivered: number; Discarded: number }[];
    SmartRouting?: Record<string, number>;
    Retry: { Duplicated: string[]; OutOfOrder: string[] };
  };
}

const FINISHED = new Set(['completed', 'stopped', 'interrupted', 'failed']);

function progressLine(v: ScenarioView): string {
  const p = v.Progress;
  const width = 24;
  const filled = Math.round(Math.min(1, p.Share) * width);
  const d = p.Deliveries;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(p.Share * 100)}% ${v.Status} calls ${p.CallsPlaced}/${p.CallsPlanned} events ${p.EventsEmitted} delivered ${d.delivered ?? 0} retrying ${(d.retrying ?? 0) + (d.pending ?? 0)} discarded ${d.discarded ?? 0}`;
}

export function table(rows: [string, string | number][]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}

function render(v: ScenarioView): string {
  const r = v.Report;
  const lines = [`Scenario ${v.Id}: ${v.Status}${v.Error ? ` (${v.Error})` : ''}`];
  if (!r) return lines.join('\n');
  const kv = (title: string, rec: Record<string, number>): string => `\n${title}\n${table(Object.entries(rec).map(([k, n]) => [`  ${k}`, n]))}`;
  lines.push(
    table([
      ['Calls placed', `${v.Progress.CallsPlaced}/${v.Progress.CallsPlanned}`],
      ['Events', r.Events.Total],
      ['Deliveries', r.Deliveries.Total],
      ['Latency p50/p95/p99 ms', r.LatencyMs ? `${r.LatencyMs.P50} / ${r.LatencyMs.P95} / ${r.LatencyMs.P99}` : '-'],
      ['Delivered per second', r.Throughput.DeliveredPerSecond],
      ['Duplicated events', r.Retry.Duplicated.length],
      ['Out-of-order events', r.Retry.OutOfOrder.length],
    ]),
    kv('Events by type', r.Events.ByType),
    kv('Deliveries by status', r.Deliveries.ByStatus),
    kv('Deliveries by last outcome', r.Deliveries.ByLastOutcome),
    kv('Attempts per delivery', r.Deliveries.AttemptsHistogram),
  );
  if (r.SmartRouting) lines.push(kv('SmartRouting outcomes', r.SmartRouting));
  if (r.Webhooks.length) {
    lines.push(
      `\nWebhooks\n${table(r.Webhooks.map((w) => [`  ${w.Endpoint ?? w.WebhookId}`, `${w.Delivered}/${w.Deliveries} delivered, ${w.Discarded} discarded`]))}`,
    );
  }
  return lines.join('\n');
}

export async function runScenario(argv: string[], io: CommandIo): Promise<number> {
  const args = parseScenarioArgs(argv, io.env);
  if (args.help) {
    io.out(`${SCENARIO_USAGE}\n`);
    return 0;
  }
  let view = await callApi<ScenarioView>(args.target, 'POST', '/api/scenarios', args.body);
  const id = view.Id;
  // Ctrl-C stops the scenario cleanly and still waits for its report.
  process.once('SIGINT', () => void callApi(args.target, 'DELETE', `/api/scenarios/${id}`).catch(() => undefined));
  const tty = process.stderr.isTTY === true;
  let lastPrinted = 0;
  while (!FINISHED.has(view.Status)) {
    await new Promise((r) => setTimeout(r, 250));
    view = await callApi<ScenarioView>(args.target, 'GET', `/api/scenarios/${id}`);
    if (tty) io.err(`\r${progressLine(view)}\u001b[K`);
    else if (Date.now() - lastPrinted > 1000) {
      io.err(`${progressLine(view)}\n`);
      lastPrinted = Date.now();
    }
  }
  if (tty) io.err('\n');
  io.out(args.json ? `${JSON.stringify(view)}\n` : `${render(view)}\n`);
  if (view.Status === 'failed' || view.Status === 'interrupted') return 2;
  return (view.Report?.Deliveries.ByStatus.discarded ?? 0) > 0 ? 1 : 0;
}
