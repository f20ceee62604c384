/**
 * Runs a scenario through the admin API, shows live progress on stderr and prints the report on
 * stdout. Exit status: 0 all delivered, 1 some delivery was discarded, 2 bad arguments or an API error.
 *
 *   npm run scenario -- --seed 42 --calls-per-second 5 --duration 60 --time-scale 60 [--json]
 */

interface Args {
  url: string;
  adminKey: string | undefined;
  json: boolean;
  body: Record<string, unknown>;
}

class UsageError extends Error {}

const USAGE = `usage: npm run scenario -- --seed <seed> --duration <virtual seconds> [--calls-per-second 1] [--time-scale 1]
  [--pattern constant|ramp|bursts] [--from n --to n] [--burst-every s --burst-calls n] [--queues id,number,...]
  [--duplicate-rate 0..1] [--out-of-order-rate 0..1] [--hold-back s] [--retry-schedule 1s,2s]
  [--json] [--url http://127.0.0.1:3000] [--admin-key key]`;

const NUMERIC: Record<string, string> = {
  '--calls-per-second': 'CallsPerSecond',
  '--duration': 'DurationSeconds',
  '--time-scale': 'TimeScale',
  '--from': 'From',
  '--to': 'To',
  '--burst-every': 'BurstEverySeconds',
  '--burst-calls': 'BurstCalls',
};
const RETRY_NUMERIC: Record<string, string> = { '--duplicate-rate': 'DuplicateRate', '--out-of-order-rate': 'OutOfOrderRate', '--hold-back': 'HoldBackSeconds' };

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Args {
  const args: Args = { url: env.EMULATOR_URL ?? 'http://127.0.0.1:3000', adminKey: env.ADMIN_API_KEY, json: false, body: {} };
  const retry: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      args.json = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') throw new UsageError('');
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    const number = (): number => {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got ${JSON.stringify(value)}`);
      return n;
    };
    if (flag in NUMERIC) args.body[NUMERIC[flag]] = number();
    else if (flag in RETRY_NUMERIC) retry[RETRY_NUMERIC[flag]] = number();
    else if (flag === '--seed') args.body.Seed = /^-?\d+$/.test(value) ? Number(value) : value;
    else if (flag === '--pattern') args.body.Pattern = value;
    else if (flag === '--queues') args.body.Queues = value.split(',').map((q) => q.trim());
    else if (flag === '--retry-schedule') retry.Schedule = value;
    else if (flag === '--url') args.url = value.replace(/\/+$/, '');
    else if (flag === '--admin-key') args.adminKey = value;
    else throw new UsageError(`unknown option ${flag}`);
  }
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

class ApiError extends Error {}

async function call(args: Args, method: string, path: string, body?: unknown): Promise<ScenarioView> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (args.adminKey) headers['x-admin-key'] = args.adminKey;
  let res: Response;
  try {
    res = await fetch(`${args.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(`cannot reach ${args.url}: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      const parsed = JSON.parse(text) as { message?: string | string[] };
      if (parsed.message) message = Array.isArray(parsed.message) ? parsed.message.join('; ') : parsed.message;
    } catch {
      // not JSON: show it as it is
    }
    throw new ApiError(`${method} ${path}: ${res.status} ${message}`);
  }
  return JSON.parse(text) as ScenarioView;
}

const FINISHED = new Set(['completed', 'stopped', 'interrupted', 'failed']);

function progressLine(v: ScenarioView): string {
  const p = v.Progress;
  const width = 24;
  const filled = Math.round(Math.min(1, p.Share) * width);
  const d = p.Deliveries;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(p.Share * 100)}% ${v.Status} calls ${p.CallsPlaced}/${p.CallsPlanned} events ${p.EventsEmitted} delivered ${d.delivered ?? 0} retrying ${(d.retrying ?? 0) + (d.pending ?? 0)} discarded ${d.discarded ?? 0}`;
}

function table(rows: [string, string | number][]): string {
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
    lines.push(`\nWebhooks\n${table(r.Webhooks.map((w) => [`  ${w.Endpoint ?? w.WebhookId}`, `${w.Delivered}/${w.Deliveries} delivered, ${w.Discarded} discarded`]))}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message ? `${e.message}\n` : ''}${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let view = await call(args, 'POST', '/api/scenarios', args.body);
  const id = view.Id;
  // Ctrl-C stops the scenario cleanly and still waits for its report.
  process.once('SIGINT', () => void call(args, 'DELETE', `/api/scenarios/${id}`).catch(() => undefined));
  const tty = process.stderr.isTTY === true;
  let lastPrinted = 0;
  while (!FINISHED.has(view.Status)) {
    await new Promise((r) => setTimeout(r, 250));
    view = await call(args, 'GET', `/api/scenarios/${id}`);
    if (tty) process.stderr.write(`\r${progressLine(view)}\u001b[K`);
    else if (Date.now() - lastPrinted > 1000) {
      process.stderr.write(`${progressLine(view)}\n`);
      lastPrinted = Date.now();
    }
  }
  if (tty) process.stderr.write('\n');
  process.stdout.write(args.json ? `${JSON.stringify(view)}\n` : `${render(view)}\n`);
  if (view.Status === 'failed' || view.Status === 'interrupted') return 2;
  return (view.Report?.Deliveries.ByStatus.discarded ?? 0) > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
