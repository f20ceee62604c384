import { randomUUID } from 'node:crypto';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import axios, { type AxiosInstance } from 'axios';
import { endpointUrlProblem, type EndpointRuleOptions } from '../common/endpoint-rules';
import { utf8Excerpt } from './body-excerpt';
import { parseRoutingResponse, type ParsedRoutingResponse } from './response-parser';
import type { RoutingDecision, RoutingRequestContext } from './routing-instructions';
import { buildRoutingRequest } from './routing-request';
import { redactSecrets } from '../common/secret-redaction';
import { DEFAULT_SMART_ROUTING_TIMEOUT_MS, type SmartRoutingCallConfig, type SmartRoutingCallRecord } from './smart-routing-call';
import { describeTransportFailure } from './transport-failure';

/** The endpoint rules (ALLOW_ANY_ENDPOINT_PORT, ALLOWED_ENDPOINT_HOSTS), checked again before every request. */
export type SmartRoutingClientOptions = EndpointRuleOptions;

/** A routing answer is a few hundred bytes; more than this is not an answer worth reading. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Asks a SmartRouting endpoint how to route one call. Never throws: every failure becomes a
 * default-routing decision with its reason, as the platform routes by default then.
 *
 * axios, not the webhook sender's undici path: one request per incoming call is low volume, and
 * clarity matters more here than throughput.
 */
export class SmartRoutingClient {
  private readonly http: AxiosInstance;
  // Separate agents so a connection made without verification can never serve a verifying call.
  // No keep-alive: calls are sparse, and reusing a socket the endpoint is just closing would turn
  // into a spurious "connection reset" and a wrongly defaulted call.
  private readonly verifiedAgent = new Agent({ keepAlive: false });
  private readonly insecureAgent = new Agent({ keepAlive: false, rejectUnauthorized: false });

  constructor(private readonly options: SmartRoutingClientOptions) {
    this.http = axios.create({
      maxRedirects: 0, // a 3xx is an answer ("HTTP 302"), not somewhere else to ask
      validateStatus: () => true, // every status is judged by the parser, none throws
      responseType: 'text',
      transformRequest: [], // the body is sent as the exact JSON text built here
      transformResponse: [], // and read back as text: the parser decides what is JSON
      maxContentLength: MAX_RESPONSE_BYTES,
      proxy: false, // like the webhook sender: straight to the endpoint, whatever the environment says
    });
  }

  async requestRouting(config: SmartRoutingCallConfig, context: RoutingRequestContext): Promise<SmartRoutingCallRecord> {
    const requestId = randomUUID();
    const urlProblem = endpointUrlProblem(config.endpoint, this.options);
    if (urlProblem) {
      return { decision: defaultError(`endpoint URL ${urlProblem}`, requestId), request: null, response: null, latencyMs: 0, ignored: [] };
    }

    const prepared = buildRoutingRequest(config, context);
    // For what the endpoint sent back, which may echo the request (credentials included).
    const redact = (text: string): string => redactSecrets(text, prepared.secrets);
    const request = { url: config.endpoint, headers: prepared.maskedHeaders, body: prepared.body };
    const timeoutMs = validTimeout(config.timeoutMs);
    // Our own deadline over the whole exchange (connect, TLS, headers, body): axios's `timeout`
    // is a socket idle timer, which a slowly trickling answer would keep alive.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const started = performance.now();
    try {
      const res = await this.http.post<string>(config.endpoint, prepared.bodyText, {
        headers: {
          ...prepared.headers,
          // Only what the platform sends: drop axios's Accept, Accept-Encoding and User-Agent.
          Accept: false,
          'Accept-Encoding': false,
          'User-Agent': false,
        },
        httpsAgent: config.insecureSsl ? this.insecureAgent : this.verifiedAgent,
        signal: deadline.signal,
      });
      const latencyMs = elapsed(started);
      const bodyText = typeof res.data === 'string' ? res.data : '';
      const contentType = headerText(res.headers['content-type']);
      const parsed = parseRoutingResponse({ status: res.status, contentType, bodyText });
      return {
        decision: toDecision(parsed, requestId, redact),
        request,
        // Redact before cutting, so a secret straddling the cut leaves no prefix behind.
        response: { status: res.status, contentType: contentType && redact(contentType), bodyExcerpt: utf8Excerpt(redact(bodyText)) },
        latencyMs,
        ignored: parsed.outcome === 'applied' ? parsed.ignored.map(redact) : [],
        ...(parsed.outcome === 'applied' ? { redact } : {}),
      };
    } catch (err) {
      // Only a reason string leaves this block: the axios error holds the request config, and
      // with it the credentials. The reason is built from Node's socket/TLS/DNS message, which
      // never carries header values, so it is not redacted (that would mangle "socket" for a key "k").
      const reason = describeTransportFailure(err, deadline.signal.aborted, timeoutMs, MAX_RESPONSE_BYTES);
      return { decision: defaultError(reason, requestId), request, response: null, latencyMs: elapsed(started), ignored: [] };
    } finally {
      clearTimeout(timer);
    }
  }
}

function toDecision(parsed: ParsedRoutingResponse, requestId: string, redact: (text: string) => string): RoutingDecision {
  switch (parsed.outcome) {
    case 'applied':
      return { outcome: 'applied', instructions: parsed.instructions, requestId };
    case 'default-204':
      return { outcome: 'default-204', requestId };
    case 'default-error':
      return defaultError(redact(parsed.reason), requestId);
  }
}

function defaultError(reason: string, requestId: string): RoutingDecision {
  return { outcome: 'default-error', reason, requestId };
}

function validTimeout(timeoutMs: number | undefined): number {
  return timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_SMART_ROUTING_TIMEOUT_MS;
}

function headerText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  return null;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
