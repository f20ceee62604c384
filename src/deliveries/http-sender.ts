import { performance } from 'node:perf_hooks';
import { Agent, type Dispatcher } from 'undici';
import { longestEncodedLength, redactSecrets } from '../common/secret-redaction';
import type { AttemptOutcome } from './delivery-attempt.entity';

/** One HTTPS POST of a webhook payload. */
export interface SendRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Skip certificate verification (the endpoint's `InsecureSSL: true`). */
  insecureSsl: boolean;
  /** Budget for the whole attempt: connect, TLS, response headers and body. */
  timeoutMs: number;
  /** Sent values the body excerpt must not show (a receiver may echo the request). */
  secrets?: readonly string[];
}

/** What one attempt produced; send() never throws, every failure is described here. */
export interface AttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  errorMessage: string | null;
  responseHeaders: Record<string, string> | null;
  /** The first 4 KiB of the response body as text; null when the body was empty. */
  responseBodyExcerpt: string | null;
  /** Bytes of response body read, capped at MAX_BODY_READ_BYTES. */
  responseBodyBytes: number;
  startedAt: Date;
  endedAt: Date;
  /** Fractional milliseconds, from the monotonic clock. */
  durationMs: number;
}

export interface HttpSenderOptions {
  /** Upper bound on open sockets per origin (pipelining is 1, so also the concurrency). */
  connectionsPerOrigin?: number;
}

/** Beyond this we stop reading: a receiver's answer is evidence, not data to store. */
export const MAX_BODY_READ_BYTES = 64 * 1024;
export const BODY_EXCERPT_BYTES = 4 * 1024;

const DEFAULT_CONNECTIONS_PER_ORIGIN = 64;
/** The attempt's own timer is the real deadline; this only caps a connect that outlives it. */
const CONNECT_TIMEOUT_MS = 30_000;
const BACKSTOP_SLACK_MS = 1_000;

/** Marks the abort that our own deadline caused, so it classifies as a timeout. */
class AttemptTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/** Our reason for cutting a long response body; the attempt itself has already been decided. */
class BodyLimitError extends Error {
  constructor() {
    super(`response body longer than ${MAX_BODY_READ_BYTES} bytes; the rest was not read`);
    this.name = 'BodyLimitError';
  }
}

/**
 * Sends webhook POSTs over undici directly (the lean hot path; see the README's Performance section).
 * Two keep-alive agents: one verifying certificates against Node's default CA store (which
 * includes NODE_EXTRA_CA_CERTS), one that does not verify, for endpoints with InsecureSSL.
 */
export class HttpSender {
  private readonly verified: Agent;
  private readonly insecure: Agent;
  private inFlight = 0;
  private onIdle: (() => void) | null = null;
  private closing: Promise<void> | null = null;

  constructor(options: HttpSenderOptions = {}) {
    const connections = options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN;
    // No `ca` option: giving one would replace Node's root store instead of adding to it.
    this.verified = new Agent({
      connections,
      pipelining: 1,
      connect: { timeout: CONNECT_TIMEOUT_MS },
    });
    this.insecure = new Agent({
      connections,
      pipelining: 1,
      connect: { timeout: CONNECT_TIMEOUT_MS, rejectUnauthorized: false },
    });
  }

  send(req: SendRequest): Promise<AttemptResult> {
    this.inFlight++;
    return new Promise<AttemptResult>((resolve) => {
      const handler = new AttemptHandler(req.timeoutMs, req.secrets ?? [], (result) => {
        if (--this.inFlight === 0) this.onIdle?.();
        resolve(result);
      });
      // dispatch() with our own handler rather than request(): no Readable stream or AbortSignal
      // per attempt, and the deadline works even while the request waits for a connection.
      // A bare Agent never follows redirects (that takes the redirect interceptor), so a 3xx is
      // reported as the status it is.
      try {
        const url = new URL(req.url);
        const agent = req.insecureSsl ? this.insecure : this.verified;
        agent.dispatch(
          {
            origin: url.origin,
            path: url.pathname + url.search,
            method: 'POST',
            headers: req.headers,
            body: req.body,
            // Backstops only, later than the handler's own deadline, so that timer (which bounds
            // connect + headers + body together) is what decides a time-out.
            headersTimeout: req.timeoutMs + BACKSTOP_SLACK_MS,
            bodyTimeout: req.timeoutMs + BACKSTOP_SLACK_MS,
          },
          handler,
        );
      } catch (err) {
        // An unparsable URL; undici itself reports problems through the handler.
        handler.fail(err);
      }
    });
  }

  /** Lets attempts in flight finish (each ends by its timeoutMs), then drops every socket. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.onIdle = resolve));
      // destroy, not close: close() would also wait for connects abandoned by a timed-out attempt.
      await Promise.all([this.verified.destroy(), this.insecure.destroy()]);
    })();
    return this.closing;
  }
}

/**
 * Follows one attempt through undici and settles it exactly once: on the response's end, on an
 * error, or when its own timer fires, whichever comes first.
 *
 * Why a timer of our own: undici acts on an abort only once the request has reached a socket
 * (onRequestStart), so an AbortSignal cannot end an attempt that is still connecting, stuck in
 * the TLS handshake or queued behind busy connections. Here the attempt settles as a timeout at
 * timeoutMs regardless, and the request is aborted as soon as undici hands it a socket.
 */
class AttemptHandler implements Dispatcher.DispatchHandler {
  private readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private readonly timer: NodeJS.Timeout;
  private controller: Dispatcher.DispatchController | null = null;
  private settled = false;
  private statusCode: number | null = null;
  private headers: Record<string, string> | null = null;
  // Only the excerpt's bytes are kept; the rest of the body is counted and dropped.
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private bytes = 0;
  /** The excerpt plus room for a secret that starts inside it, so it is masked before the cut. */
  private readonly keepBytes: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly secrets: readonly string[],
    private readonly done: (result: AttemptResult) => void,
  ) {
    this.timer = setTimeout(onAttemptTimeout, timeoutMs, this);
    this.keepBytes = Math.min(MAX_BODY_READ_BYTES, BODY_EXCERPT_BYTES + longestEncodedLength(secrets));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.settled) {
      controller.abort(new AttemptTimeoutError(this.timeoutMs));
      return;
    }
    this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // 1xx informational: the real answer follows
    this.statusCode = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    const take = Math.min(chunk.length, MAX_BODY_READ_BYTES - this.bytes);
    if (this.keptBytes < this.keepBytes) {
      const part = chunk.subarray(0, Math.min(take, this.keepBytes - this.keptBytes));
      this.kept.push(part);
      this.keptBytes += part.length;
    }
    this.bytes += take;
    if (this.bytes >= MAX_BODY_READ_BYTES) {
      // Settle first, so the error this abort raises is ignored. Aborting closes the socket:
      // cheaper than draining an arbitrarily large answer.
      this.succeed();
      controller.abort(new BodyLimitError());
    }
  }

  onResponseEnd(): void {
    this.succeed();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error): void {
    // A 204 or 304 has no body whatever its Content-Length says (a 304's is the representation's,
    // RFC 9110 8.6); undici still compares the two and fails. The answer was complete: keep it.
    if (isBodilessStatus(this.statusCode) && (err as { code?: unknown }).code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') this.succeed();
    else this.fail(err);
  }

  fail(err: unknown): void {
    if (this.settled) return;
    const { outcome, message } = classifyError(err);
    this.settle(outcome, this.statusCode === null && isInterimContinue(err) ? INTERIM_CONTINUE : message);
  }

  timeOut(): void {
    if (this.settled) return;
    this.settle('timeout', `timed out after ${this.timeoutMs} ms`);
    this.controller?.abort(new AttemptTimeoutError(this.timeoutMs));
  }

  private succeed(): void {
    if (this.settled) return;
    const outcome = this.statusCode === 200 ? 'delivered' : 'http_status';
    this.settle(outcome, null);
  }

  private excerpt(): string | null {
    if (this.bytes === 0) return null;
    const head = this.kept.length === 1 ? this.kept[0] : Buffer.concat(this.kept, this.keptBytes);
    // PostgreSQL text cannot hold NUL: a receiver's binary answer must not break the log.
    const text = head.toString('utf8', 0, utf8SafeEnd(head, this.bytes > this.keptBytes)).replaceAll('\u0000', '');
    return cutUtf8(this.secrets.length > 0 ? redactSecrets(text, this.secrets) : text, BODY_EXCERPT_BYTES);
  }

  private settle(outcome: AttemptOutcome, errorMessage: string | null): void {
    this.settled = true;
    clearTimeout(this.timer);
    // Also when the answer broke off after its status: what had arrived of the body is evidence.
    const excerpt = this.excerpt();
    this.kept = [];
    this.done({
      outcome,
      // A failure after the headers (reset or timeout mid-body) keeps the status and body it saw.
      statusCode: this.statusCode,
      errorMessage,
      responseHeaders: this.headers,
      responseBodyExcerpt: excerpt,
      responseBodyBytes: this.bytes,
      startedAt: this.startedAt,
      endedAt: new Date(),
      durationMs: Math.round((performance.now() - this.t0) * 1000) / 1000,
    });
  }
}

/**
 * undici refuses an interim 100 Continue (it supports no Expect: 100-continue) with this bare
 * error, the only one it raises for a request in flight; other 1xx answers it skips.
 */
function isInterimContinue(err: unknown): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 'UND_ERR_SOCKET' && message === 'bad response';
}

const INTERIM_CONTINUE =
  'the receiver sent an interim 100 Continue, which the HTTP client cannot read past; the request has no Expect header, so send only the final answer';

function isBodilessStatus(statusCode: number | null): boolean {
  return statusCode === 204 || statusCode === 304;
}

// A module-level callback plus setTimeout's argument avoids a closure per attempt.
function onAttemptTimeout(handler: AttemptHandler): void {
  handler.timeOut();
}

/** The text's first maxBytes in UTF-8, without a partial character at the end. */
function cutUtf8(text: string, maxBytes: number): string {
  // A UTF-16 code unit is at most 3 bytes in UTF-8: shorter text cannot be too long.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  const head = Buffer.from(text).subarray(0, maxBytes);
  return head.toString('utf8', 0, utf8SafeEnd(head, true));
}

/** When the excerpt was cut, do not end it in the middle of a multi-byte UTF-8 character. */
function utf8SafeEnd(buf: Buffer, truncated: boolean): number {
  if (!truncated) return buf.length;
  let i = buf.length - 1;
  let back = 0;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (i >= 0 && back < 3 && (buf[i] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return back + 1 >= need ? buf.length : i;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

type FailureOutcome = Exclude<AttemptOutcome, 'delivered' | 'http_status'>;

/** OpenSSL's certificate verification results, as Node reports them in `err.code`. */
const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

const CODE_OUTCOMES: Record<string, FailureOutcome> = {
  ECONNREFUSED: 'connection_refused',
  // Nothing listening or reachable: the connection was never made, as with a refusal.
  EHOSTUNREACH: 'connection_refused',
  ENETUNREACH: 'connection_refused',
  EHOSTDOWN: 'connection_refused',
  ENETDOWN: 'connection_refused',
  EADDRNOTAVAIL: 'connection_refused',
  ECONNRESET: 'connection_reset',
  ECONNABORTED: 'connection_reset',
  EPIPE: 'connection_reset',
  UND_ERR_SOCKET: 'connection_reset',
  UND_ERR_CLOSED: 'connection_reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Maps an undici/Node failure to an outcome. Looks through `cause` chains and AggregateError
 * members (Node's happy-eyeballs connect reports every address it tried that way).
 * Anything unrecognised (e.g. a malformed HTTP response) means the connection ended without a
 * usable answer, so it is reported as connection_reset with the original message.
 */
export function classifyError(err: unknown): { outcome: FailureOutcome; message: string } {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, name, message, cause, errors } = e as ErrorLike;
    const text = typeof message === 'string' ? message : String(e);
    if (typeof code === 'string') {
      if (TLS_VERIFY_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
        return { outcome: 'tls', message: text };
      }
      const outcome = CODE_OUTCOMES[code];
      if (outcome) return { outcome, message: text };
    }
    if (name === 'AttemptTimeoutError' || name === 'TimeoutError') return { outcome: 'timeout', message: text };
    if (text.includes('other side closed')) return { outcome: 'connection_reset', message: text };
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  const message = err instanceof Error ? err.message || err.name : String(err);
  return { outcome: 'connection_reset', message };
}
