import type { RoutingDecision } from './routing-instructions';

/** How the platform authenticates to a SmartRouting endpoint (SmartRouting document, "Authentication"). */
export type SmartRoutingCallAuth = { type: 'apiKey'; apiKey: string } | { type: 'basic'; username: string; password: string } | { type: 'none' };

/** One queue's SmartRouting configuration, as the client needs it for one call. */
export interface SmartRoutingCallConfig {
  /** https:// URL; port 443 unless the deployment allows any port. */
  endpoint: string;
  /** Skip certificate verification for this endpoint only. */
  insecureSsl: boolean;
  auth: SmartRoutingCallAuth;
  /** Budget for the whole exchange; DEFAULT_SMART_ROUTING_TIMEOUT_MS when absent. */
  timeoutMs?: number;
  /** Sent as `targetid`; the queue's id when absent. */
  targetId?: string | null;
  /** Adds `extradata` (call and leg ids, current queue and user, DYN_* values) to the request. */
  sendExtraData: boolean;
  /** Dynamic call values; keys are sent with a DYN_ prefix. */
  dynamicValues?: Record<string, string>;
}

/** 5 s: the documented default time-out for a SmartRouting answer. */
export const DEFAULT_SMART_ROUTING_TIMEOUT_MS = 5_000;
/** The longest TimeoutMs a queue's configuration may set. */
export const MAX_SMART_ROUTING_TIMEOUT_MS = 60_000;

/** `extradata`: what the platform knows about the call beyond the numbers. */
export interface SmartRoutingExtraData {
  CallId: string;
  LegId: string;
  CurrQueueId: string;
  /** "" when the call has no current user. */
  CurrUserId: string;
  IsInternalCaller: boolean;
  [dynamic: `DYN_${string}`]: string;
}

/** The JSON body POSTed to the endpoint. */
export interface SmartRoutingRequestBody {
  anum: string;
  bnum: string;
  targetid: string;
  extradata?: SmartRoutingExtraData;
}

/**
 * One SmartRouting exchange as the decision log keeps it. It never holds a credential: the auth
 * header's value is masked, and any echo of a credential in a reason or the body excerpt is
 * replaced by "***".
 */
export interface SmartRoutingCallRecord {
  decision: RoutingDecision;
  /** null when nothing was sent (the endpoint URL broke the rules). */
  request: {
    url: string;
    headers: Record<string, string>;
    body: SmartRoutingRequestBody;
  } | null;
  /** null when no HTTP answer arrived (time-out, connection or TLS failure, URL refused). */
  response: {
    status: number;
    contentType: string | null;
    /** The first 2 KiB of the body, cut on a character boundary. */
    bodyExcerpt: string;
  } | null;
  /** Milliseconds from sending to the answer or the failure; 0 when nothing was sent. */
  latencyMs: number;
  /** Unknown properties of an applied answer, ignored as the platform does. */
  ignored: string[];
  /**
   * An applied answer's instructions are applied as sent, but wherever they are shown or logged
   * an echoed credential must be masked: this masks text with the request's credentials.
   */
  redact?: (text: string) => string;
}
