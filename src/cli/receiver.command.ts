import { writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { numberOption, parseCommandArgs } from './cli-args';
import { UsageError, type CommandIo } from './cli-errors';
import { receiverCertificate } from './receiver-cert';
import { LANDIS_SIGNATURE_HEADER, verifyLandisSignature } from '../landis/landis-signature';

export const RECEIVER_USAGE = `usage: enreach-emu receiver [options]

A sample HTTPS webhook receiver with a self-signed certificate made at start: it prints every
request that arrives and answers as told. Point a webhook at it with "InsecureSSL": true.

  --port <n>          default 443 (needs root or CAP_NET_BIND_SERVICE; on another port start the
                      emulator with ALLOW_ANY_ENDPOINT_PORT=true)
  --host <address>    default 127.0.0.1
  --status <code>     answer every request with this status, default 200
  --fail-every <n>    answer every n-th request with 500
  --delay <ms>        wait this long before answering
  --hang              never answer (the emulator's attempt times out)
  --token <secret>    answer 401 when X-Benemen-Token is not this secret
  --landis-secret <s> a Landis webhook's secret: answer 401 when abp-webhook-signature does not
                      verify (HMAC-SHA256 of the body, as ABP signs it)
  --cert-out <file>   also write the certificate (PEM) there, e.g. for NODE_EXTRA_CA_CERTS
  --quiet             one line per request, no headers or body
  --json              one JSON object per request

Change the answers while it runs: POST /_receiver {"Status":500,"DelayMs":0,"Hang":false,"FailEvery":0}
(GET /_receiver shows them and the count of requests).`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' },
  status: { type: 'string' },
  'fail-every': { type: 'string' },
  delay: { type: 'string' },
  hang: { type: 'boolean' },
  token: { type: 'string' },
  'landis-secret': { type: 'string' },
  'cert-out': { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export interface ReceiverBehaviour {
  Status: number;
  DelayMs: number;
  Hang: boolean;
  FailEvery: number;
}

const CONTROL_PATH = '/_receiver';
const MAX_BODY = 1024 * 1024;

/** Checks a behaviour change from the control endpoint; the answer names what is wrong. */
export function behaviourProblems(change: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(change)) if (!['Status', 'DelayMs', 'Hang', 'FailEvery'].includes(key)) problems.push(`${key}: is not a known setting`);
  const int = (key: string, min: number, max: number) => {
    const v = change[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min && (v as number) <= max))
      problems.push(`${key} must be an integer from ${min} to ${max}`);
  };
  int('Status', 100, 599);
  int('DelayMs', 0, 600_000);
  int('FailEvery', 0, 1_000_000);
  if (change.Hang !== undefined && typeof change.Hang !== 'boolean') problems.push('Hang must be true or false');
  return problems;
}

/** A Landis body names its event inside the envelope (there is no event header). */
function landisEventName(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { WebhookEvent?: unknown };
    return typeof parsed?.WebhookEvent === 'string' ? parsed.WebhookEvent : undefined;
  } catch {
    return undefined;
  }
}

function masked(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    out[name] = name === 'x-benemen-token' ? `*** (${text.length} characters)` : text;
  }
  return out;
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export async function runReceiver(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    io.out(`${RECEIVER_USAGE}\n`);
    return 0;
  }
  const port = numberOption('port', values.port) ?? 443;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be from 0 to 65535');
  const host = values.host ?? '127.0.0.1';
  const behaviour: ReceiverBehaviour = {
    Status: numberOption('status', values.status) ?? 200,
    DelayMs: numberOption('delay', values.delay) ?? 0,
    Hang: values.hang === true,
    FailEvery: numberOption('fail-every', values['fail-every']) ?? 0,
  };
  const problems = behaviourProblems(behaviour as unknown as Record<string, unknown>);
  if (problems.length)
    throw new UsageError(problems.join('; ').replace('Status', '--status').replace('DelayMs', '--delay').replace('FailEvery', '--fail-every'));

  const { key, cert, fingerprint } = receiverCertificate(host);
  if (values['cert-out']) writeFileSync(values['cert-out'], cert);
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      if (req.url?.split('?')[0] === CONTROL_PATH) return control(req, res, body);
      const n = ++count;
      const token = req.headers['x-benemen-token'];
      const tokenOk = values.token === undefined || token === values.token;
      // Over the bytes as they arrived: the signature is of the exact body.
      const signature = req.headers[LANDIS_SIGNATURE_HEADER];
      const signatureOk =
        values['landis-secret'] === undefined || verifyLandisSignature(raw, typeof signature === 'string' ? signature : undefined, values['landis-secret']);
      const refusal = !tokenOk
        ? 'X-Benemen-Token does not match --token'
        : !signatureOk
          ? `${LANDIS_SIGNATURE_HEADER} does not verify with --landis-secret`
          : null;
      const status = refusal ? 401 : behaviour.FailEvery > 0 && n % behaviour.FailEvery === 0 ? 500 : behaviour.Status;
      print(req, body, n, behaviour.Hang ? null : status, refusal);
      if (behaviour.Hang) return;
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(status).end();
      }, behaviour.DelayMs);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });

  function control(req: IncomingMessage, res: ServerResponse, body: string): void {
    const answer = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (req.method === 'GET') return answer(200, { ...behaviour, Requests: count });
    if (req.method !== 'POST') return answer(405, { message: ['use GET or POST'] });
    let change: Record<string, unknown>;
    try {
      change = JSON.parse(body) as Record<string, unknown>;
      if (change === null || typeof change !== 'object' || Array.isArray(change)) throw new Error('not an object');
    } catch {
      return answer(400, { message: ['the body must be a JSON object such as {"Status":500}'] });
    }
    const wrong = behaviourProblems(change);
    if (wrong.length) return answer(400, { message: wrong });
    Object.assign(behaviour, change);
    io.err(`answers now: ${JSON.stringify(behaviour)}\n`);
    answer(200, { ...behaviour, Requests: count });
  }

  function print(req: IncomingMessage, body: string, n: number, status: number | null, refusal: string | null): void {
    const event = req.headers['x-benemen-event'] ?? landisEventName(body) ?? '-';
    const answer = status === null ? 'hanging' : `-> ${status}`;
    if (values.json) {
      io.out(
        `${JSON.stringify({ N: n, At: new Date().toISOString(), Method: req.method, Path: req.url, Headers: masked(req.headers), Body: body, Answer: status })}\n`,
      );
      return;
    }
    io.out(`${new Date().toISOString().slice(11, 23)}  #${n}  ${req.method} ${req.url}  ${String(event)}  ${answer}${refusal ? `  (${refusal})` : ''}\n`);
    if (values.quiet) return;
    for (const [name, value] of Object.entries(masked(req.headers))) io.out(`    ${name}: ${value}\n`);
    io.out(`${pretty(body).replace(/^/gm, '    ')}\n\n`);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES') {
      io.err(`Port ${port} needs root or CAP_NET_BIND_SERVICE. Use --port 8443 and start the emulator with ALLOW_ANY_ENDPOINT_PORT=true.\n`);
      return 2;
    }
    if (err.code === 'EADDRINUSE') {
      io.err(`${host}:${port} is already in use; choose another --port.\n`);
      return 2;
    }
    throw e;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `https://${host}${actualPort === 443 ? '' : `:${actualPort}`}/webhook`;
  // On stderr, so that stdout holds only what arrives (one JSON object a line with --json).
  io.err(`Receiver listening on ${url} (any path), answering ${behaviour.Hang ? 'never' : behaviour.Status}\n`);
  io.err(`Self-signed certificate made at start, SHA-256 ${fingerprint}: give the webhook "InsecureSSL": true\n\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
