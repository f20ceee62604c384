import { API_OPTIONS, numberOption, parseCommandArgs } from './cli-args';
import type { CommandIo } from './cli-errors';
import type { presentDelivery } from '../deliveries/delivery.presenter';
import { apiTarget, callApi } from './api-client';

export const TAIL_USAGE = `usage: enreach-emu tail [options]

Prints deliveries as they are made and as their status changes (Ctrl-C ends it).

  --webhook-id <id>    only this webhook's
  --event-type <type>  only this event type's
  --exit-after <n>     end after n lines (for scripts)
  --json               one JSON object per line
  --url <url>          the emulator (default EMULATOR_URL or http://127.0.0.1:3000)
  --admin-key <key>    default ADMIN_API_KEY`;

const OPTIONS = { ...API_OPTIONS, 'webhook-id': { type: 'string' }, 'event-type': { type: 'string' }, 'exit-after': { type: 'string' } } as const;
const POLL_MS = 300;
const PAGE = 500;

/** GET /api/deliveries' items, as JSON. */
type DeliveryRow = ReturnType<typeof presentDelivery>;

function line(d: DeliveryRow): string {
  const time = new Date(d.UpdatedAt).toISOString().slice(11, 23);
  const last = d.LastOutcome ? `${d.LastOutcome}${d.LastStatusCode ? ` ${d.LastStatusCode}` : ''}${d.LastError ? ` (${d.LastError})` : ''}` : '';
  return `${time}  ${d.Status.padEnd(9)}  ${d.EventType.padEnd(28)}  #${d.Attempts}  ${last.padEnd(18)}  event ${d.EventId}  delivery ${d.Id}`;
}

/** Polls the delivery list (it works the same with separate worker processes) and prints each change once. */
export async function runTail(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    io.out(`${TAIL_USAGE}\n`);
    return 0;
  }
  const exitAfter = numberOption('exit-after', values['exit-after']);
  const target = apiTarget(values, io.env);
  const since = new Date().toISOString();
  const query = new URLSearchParams({ from: since, limit: String(PAGE) });
  if (values['webhook-id']) query.set('webhookId', values['webhook-id']);
  if (values['event-type']) query.set('eventType', values['event-type']);
  const seen = new Map<string, string>();
  let printed = 0;
  let stopped = false;
  process.once('SIGINT', () => (stopped = true));
  io.err(`Watching deliveries made from ${since} on ${target.url} (Ctrl-C ends)\n`);
  while (!stopped) {
    const page = await callApi<{ Items: DeliveryRow[] }>(target, 'GET', `/api/deliveries?${query.toString()}`);
    for (const d of page.Items.reverse()) {
      const signature = `${d.Status}|${d.Attempts}`;
      if (seen.get(d.Id) === signature) continue;
      seen.set(d.Id, signature);
      io.out(values.json ? `${JSON.stringify(d)}\n` : `${line(d)}\n`);
      if (exitAfter !== undefined && ++printed >= exitAfter) return 0;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return 0;
}
