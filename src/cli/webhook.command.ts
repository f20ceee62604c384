import { API_OPTIONS, parseCommandArgs } from './cli-args';
import { UsageError, type CommandIo } from './cli-errors';
import { apiTarget, callApi } from './api-client';

export const WEBHOOK_USAGE = `usage: enreach-emu webhook create --endpoint <url> --event <name> [--event <name> ...] [options]
       enreach-emu webhook list [--json]

create: a webhook through POST /api/webhooks.
  --platform <p>      enreach (default) or landis (ASP.NET Boilerplate style webhooks)
  --endpoint <url>    where the POSTs go (https, port 443 unless the emulator allows any port)
  --event <name>      enreach: an event type, subscribed for all entities; landis: a webhook event
                      (App.TestWebhook, App.QueueWebhook, App.IvrWebhook); repeat for more
  --header Name=value an additional request header; repeat for more
  --secret <s>        enreach: the X-Benemen-Token; landis: the signing secret (left out, the
                      emulator makes one and prints it once)
  --insecure          accept the endpoint's self-signed certificate
  --inactive          create it switched off
list: every webhook with its platform, endpoint, state and events.
  --json              the API's answer as JSON
  --url <url>         the emulator (default EMULATOR_URL or http://127.0.0.1:3000)
  --admin-key <key>   default ADMIN_API_KEY

example: enreach-emu webhook create --platform landis --endpoint https://localhost/hook --event App.QueueWebhook --insecure`;

const OPTIONS = {
  ...API_OPTIONS,
  platform: { type: 'string' },
  endpoint: { type: 'string' },
  event: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  secret: { type: 'string' },
  insecure: { type: 'boolean' },
  inactive: { type: 'boolean' },
} as const;

interface WebhookView {
  Id: string;
  Platform: 'enreach' | 'landis';
  Secret?: string;
  Webhook: { Endpoint: string; IsActive: boolean; WebhookEvents?: string[] };
  Subscriptions?: { EventType: string }[];
}

/** Name=value pairs as a header object; the API checks the names and values. */
function parseHeaders(pairs: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--header needs Name=value, got ${JSON.stringify(pair)}`);
    headers[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return headers;
}

const eventsOf = (w: WebhookView): string[] => w.Webhook.WebhookEvents ?? [...new Set((w.Subscriptions ?? []).map((s) => s.EventType))];

export async function runWebhook(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  if (values.help) {
    io.out(`${WEBHOOK_USAGE}\n`);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const target = apiTarget(values, io.env);
  if (action === 'list') {
    const webhooks = await callApi<WebhookView[]>(target, 'GET', '/api/webhooks');
    if (values.json) io.out(`${JSON.stringify(webhooks)}\n`);
    else
      for (const w of webhooks) io.out(`${w.Id} ${w.Platform} ${w.Webhook.IsActive ? 'active' : 'inactive'} ${w.Webhook.Endpoint} ${eventsOf(w).join(',')}\n`);
    return 0;
  }
  if (action !== 'create')
    throw new UsageError(action ? `unknown webhook action ${JSON.stringify(action)} (create or list)` : 'an action is needed: create or list');
  const platform = values.platform ?? 'enreach';
  if (platform !== 'enreach' && platform !== 'landis') throw new UsageError(`--platform must be enreach or landis, got ${JSON.stringify(platform)}`);
  if (!values.endpoint) throw new UsageError('--endpoint is required');
  const events = values.event ?? [];
  if (events.length === 0) throw new UsageError('at least one --event is required');
  const webhook: Record<string, unknown> = {
    Endpoint: values.endpoint,
    ...(values.insecure ? { InsecureSSL: true } : {}),
    ...(values.inactive ? { IsActive: false } : {}),
    ...(values.secret !== undefined ? { Secret: values.secret } : {}),
    ...(values.header ? { Headers: parseHeaders(values.header) } : {}),
  };
  const body =
    platform === 'landis'
      ? { Platform: 'landis', Webhook: { ...webhook, WebhookEvents: events } }
      : { Webhook: webhook, Subscriptions: events.map((EventType) => ({ EventType, AllEntities: true })) };
  const created = await callApi<WebhookView>(target, 'POST', '/api/webhooks', body);
  if (values.json) io.out(`${JSON.stringify(created)}\n`);
  else {
    io.out(`${created.Platform} webhook ${created.Id} created: ${created.Webhook.Endpoint} ${eventsOf(created).join(', ')}\n`);
    // The platform shows a secret it made once; so does the emulator, here and in the create answer only.
    if (created.Secret) io.out(`secret (shown once, keep it to verify abp-webhook-signature): ${created.Secret}\n`);
  }
  return 0;
}
