import { API_OPTIONS, numberOption, parseCommandArgs } from './cli-args';
import { UsageError, type CommandIo } from './cli-errors';
import { apiTarget, callApi } from './api-client';

export const TRIGGER_USAGE = `usage: enreach-emu trigger <EventType> [Name=value ...] [Name:=json ...] [options]

Emits one event through POST /api/events; values left out are filled realistically.
Name=value gives a string, Name:=json a JSON value (number, true/false, null, a list).

  --wait              wait until every delivery is delivered or discarded (exit 1 if one is not delivered)
  --wait-ms <ms>      how long --wait waits, default 30000
  --json              the emitted event (and with --wait its deliveries) as one JSON object
  --url <url>         the emulator (default EMULATOR_URL or http://127.0.0.1:3000)
  --admin-key <key>   default ADMIN_API_KEY

example: enreach-emu trigger QueueCallInArrived QueueName=Sales CallerNumber=+358401234567 --wait`;

const OPTIONS = { ...API_OPTIONS, wait: { type: 'boolean' }, 'wait-ms': { type: 'string' } } as const;

/** Name=value (a string) or Name:=json, as HTTPie writes them. */
export function parseValues(pairs: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z][A-Za-z0-9]*)(:?=)(.*)$/s.exec(pair);
    if (!m) throw new UsageError(`"${pair}" is not Name=value or Name:=json`);
    const [, name, op, raw] = m;
    if (op === '=') values[name] = raw;
    else {
      try {
        values[name] = JSON.parse(raw);
      } catch {
        throw new UsageError(`${name}:= needs JSON, got ${JSON.stringify(raw)} (use ${name}=... for a string)`);
      }
    }
  }
  return values;
}

interface Emitted {
  Payload: Record<string, unknown>;
  Deliveries: { Id: string; WebhookId: string }[];
}
interface DeliveryView {
  Id: string;
  WebhookId: string;
  Status: string;
  Attempts: number;
  LastOutcome: string | null;
  LastStatusCode: number | null;
  LastError: string | null;
  Request?: { Url: string | null };
}

const FINAL = new Set(['delivered', 'discarded']);

export async function runTrigger(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  if (values.help) {
    io.out(`${TRIGGER_USAGE}\n`);
    return 0;
  }
  const [eventType, ...pairs] = positionals;
  if (!eventType) throw new UsageError('the event type is required, e.g. enreach-emu trigger UserStatus');
  const waitMs = numberOption('wait-ms', values['wait-ms']) ?? 30_000;
  const target = apiTarget(values, io.env);
  const emitted = await callApi<Emitted>(target, 'POST', '/api/events', { EventType: eventType, ...parseValues(pairs) });
  if (!values.wait) {
    if (values.json) io.out(`${JSON.stringify(emitted)}\n`);
    else {
      io.out(`${eventType} ${String(emitted.Payload.Id)} emitted; ${emitted.Deliveries.length} deliver${emitted.Deliveries.length === 1 ? 'y' : 'ies'}\n`);
      for (const d of emitted.Deliveries) io.out(`  delivery ${d.Id} -> webhook ${d.WebhookId}\n`);
    }
    return 0;
  }
  const deadline = Date.now() + waitMs;
  let views: DeliveryView[] = [];
  for (;;) {
    views = await Promise.all(emitted.Deliveries.map((d) => callApi<DeliveryView>(target, 'GET', `/api/deliveries/${d.Id}`)));
    if (views.every((v) => FINAL.has(v.Status)) || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (values.json) io.out(`${JSON.stringify({ ...emitted, Deliveries: views })}\n`);
  else {
    io.out(`${eventType} ${String(emitted.Payload.Id)} emitted; ${views.length} deliver${views.length === 1 ? 'y' : 'ies'}\n`);
    for (const v of views) {
      const last = v.LastOutcome
        ? `${v.LastOutcome}${v.LastStatusCode ? ` ${v.LastStatusCode}` : ''}${v.LastError ? `: ${v.LastError}` : ''}`
        : 'no attempt yet';
      io.out(`  ${v.Status.padEnd(9)} ${v.Request?.Url ?? v.WebhookId} after ${v.Attempts} attempt(s), last ${last}\n`);
    }
  }
  return views.every((v) => v.Status === 'delivered') ? 0 : 1;
}
