import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { RECEIVER_HOST } from './receiver-host';
import { makeSelfSignedCert, type CertPair } from './self-signed-cert';

/** A request as it reached the receiver. */
export interface ReceivedRequest {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  /** Lower-case names, values exactly as sent (a repeated header's values joined with ', '). */
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON; undefined when it is not JSON, or in 'count' mode. */
  json: unknown;
  /** Epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()). */
  receivedAt: number;
}

/** How to answer one request. Defaults: 200, empty body, at once. */
export interface ResponsePlan {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer; the socket stays open until the client gives up or close() runs. */
  hang?: boolean;
  /** Close the socket without answering. */
  destroy?: boolean;
  /**
   * Send the status, headers and body but never finish the answer (its Content-Length promises
   * more): 'reset' then closes the connection, 'stall' leaves it open.
   */
  unfinished?: 'reset' | 'stall';
  /** An interim answer before the real one: 100 Continue or 103 Early Hints. */
  interim?: 100 | 103;
}

export type Responder = (req: ReceivedRequest, index: number) => ResponsePlan | Promise<ResponsePlan>;

export interface HttpsReceiverOptions {
  /** 0 (default) picks an ephemeral port; e2e tests use 443. */
  port?: number;
  host?: string;
  cert?: CertPair;
  /**
   * 'full' (default) keeps every request. 'count' is for benchmarks: it keeps only the count,
   * each payload's `Id` (found without JSON.parse) and the receipt times.
   */
  record?: 'full' | 'count';
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** A real HTTPS webhook receiver on loopback, for tests and benchmarks. */
export class HttpsReceiver {
  /** Recorded requests ('full' mode only). */
  readonly requests: ReceivedRequest[] = [];
  /** Payload `Id`s in arrival order ('count' mode only). */
  readonly ids: string[] = [];
  /** Receipt times in arrival order, same clock as ReceivedRequest.receivedAt ('count' mode only). */
  readonly receivedAt: number[] = [];
  /** TLS connections accepted since start (not cleared by reset()): shows keep-alive reuse. */
  connections = 0;

  private total = 0;
  private responder: Responder | null = null;
  private waiters: Waiter[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly server: Server,
    readonly port: number,
    readonly host: string,
    private readonly mode: 'full' | 'count',
  ) {}

  static async start(opts: HttpsReceiverOptions = {}): Promise<HttpsReceiver> {
    const host = opts.host ?? RECEIVER_HOST;
    const { key, cert } = opts.cert ?? makeSelfSignedCert();
    // HTTP keep-alive is on by default; keepAlive here is TCP keep-alive for idle sockets.
    const server = createServer({ key, cert, keepAlive: true });
    // Outlive the client's idle timeout so the client, not the server, closes idle sockets.
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const receiver = new HttpsReceiver(server, port, host, opts.record ?? 'full');
    receiver.attach();
    return receiver;
  }

  /** Number of requests received since start or the last reset(). */
  get count(): number {
    return this.total;
  }

  url(path = '/webhook'): string {
    return `https://${this.host}:${this.port}${path}`;
  }

  /** Decides every later answer; index counts requests since start or reset(), from 0. */
  respondWith(fn: Responder): void {
    this.responder = fn;
  }

  /** Resolves once predicate(this) holds, checked now and on each arrival. */
  waitFor(predicate: (receiver: HttpsReceiver) => boolean, timeoutMs: number): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => predicate(this),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`HttpsReceiver.waitFor: condition not met within ${timeoutMs} ms; ${this.total} request(s) arrived`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves with the recorded requests once n have arrived. */
  async waitForCount(n: number, timeoutMs: number): Promise<ReceivedRequest[]> {
    try {
      await this.waitFor((r) => r.total >= n, timeoutMs);
    } catch {
      throw new Error(`HttpsReceiver.waitForCount: expected ${n} request(s) within ${timeoutMs} ms, ${this.total} arrived`);
    }
    return this.requests;
  }

  /** Forgets recorded requests and counts, and restores the default answer (200, empty). */
  reset(): void {
    this.requests.length = 0;
    this.ids.length = 0;
    this.receivedAt.length = 0;
    this.total = 0;
    this.responder = null;
  }

  /** Stops listening and destroys every open socket, hung ones included. */
  async close(): Promise<void> {
    for (const w of this.waiters) w.reject(new Error(`HttpsReceiver closed while waiting; ${this.total} request(s) arrived`));
    this.waiters = [];
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  private attach(): void {
    this.server.on('secureConnection', (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res));
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const receivedAt = performance.timeOrigin + performance.now();
      const index = this.total++;
      let record: ReceivedRequest | null = null;
      if (this.mode === 'full') {
        record = toRecord(req, body, receivedAt, parseJson(body));
        this.requests.push(record);
      } else {
        this.ids.push(extractId(body));
        this.receivedAt.push(receivedAt);
      }
      this.notify();
      if (this.responder === null) {
        res.end(); // the fast path: 200, Content-Length 0
        return;
      }
      const planned = this.responder(record ?? toRecord(req, body, receivedAt, undefined), index);
      Promise.resolve(planned).then(
        (plan) => this.answer(req, res, plan),
        (err: unknown) => {
          res.statusCode = 500;
          res.end(`responder failed: ${String(err)}`);
        },
      );
    });
  }

  private answer(req: IncomingMessage, res: ServerResponse, plan: ResponsePlan): void {
    if (plan.hang) return;
    if (plan.destroy) {
      req.socket.destroy();
      return;
    }
    const send = (): void => {
      if (res.destroyed) return;
      if (plan.interim === 100) res.writeContinue();
      if (plan.interim === 103) res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      if (plan.unfinished) {
        const body = Buffer.from(plan.body ?? '');
        res.writeHead(plan.status ?? 200, { ...plan.headers, 'Content-Length': String(body.length + 1000) });
        // Once the bytes are out, so the client sees them before the connection ends.
        res.write(body, () => {
          if (plan.unfinished === 'reset') req.socket.destroy();
        });
        return;
      }
      res.writeHead(plan.status ?? 200, plan.headers);
      res.end(plan.body ?? '');
    };
    if (plan.delayMs && plan.delayMs > 0) setTimeout(send, plan.delayMs);
    else send();
  }

  private notify(): void {
    if (this.waiters.length === 0) return;
    const pending: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.check()) w.resolve();
      else pending.push(w);
    }
    this.waiters = pending;
  }
}

function toRecord(req: IncomingMessage, body: string, receivedAt: number, json: unknown): ReceivedRequest {
  return {
    method: req.method ?? '',
    path: req.url ?? '',
    headers: rawHeaders(req.rawHeaders),
    body,
    json,
    receivedAt,
  };
}

function rawHeaders(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    out[name] = name in out ? `${out[name]}, ${raw[i + 1]}` : raw[i + 1];
  }
  return out;
}

function parseJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The value of the top-level-looking `"Id"` key without parsing the whole payload. The leading
 * quote keeps `"LegId"` and the like from matching. Returns '' when there is none.
 */
export function extractId(body: string): string {
  // The event's own Id comes last but for Timestamp; list elements (CallbackAttempts) have an Id too.
  const key = body.lastIndexOf('"Id"');
  if (key < 0) return '';
  let i = key + 4;
  while (body[i] === ' ' || body[i] === ':') i++;
  if (body[i] === '"') {
    const end = body.indexOf('"', i + 1);
    return end < 0 ? '' : body.slice(i + 1, end);
  }
  let end = i;
  while (end < body.length && body[end] !== ',' && body[end] !== '}' && body[end] !== ' ') end++;
  return body.slice(i, end);
}
