import type { RoutingRequestContext } from './routing-instructions';
import type { SmartRoutingCallAuth, SmartRoutingCallConfig, SmartRoutingExtraData, SmartRoutingRequestBody } from './smart-routing-call';

/** What goes on the wire for one SmartRouting call, and what may be shown of it. */
export interface PreparedRoutingRequest {
  body: SmartRoutingRequestBody;
  /** The exact bytes sent. */
  bodyText: string;
  /** Real header values, credentials included: for the request only, never for a record or a log. */
  headers: Record<string, string>;
  /** The same headers with credential values replaced by "***". */
  maskedHeaders: Record<string, string>;
  /** Every form a credential takes on the wire, for redacting echoes of it. */
  secrets: string[];
}

import { MASK } from '../common/secret-redaction';
export const API_KEY_HEADER = 'X-Benemen-APIKey';

/** Builds the request the SmartRouting document shows: POST JSON `{anum, bnum, targetid}`. */
export function buildRoutingRequest(config: SmartRoutingCallConfig, context: RoutingRequestContext): PreparedRoutingRequest {
  const body: SmartRoutingRequestBody = {
    anum: context.callerNumber,
    bnum: context.targetNumber,
    targetid: config.targetId ?? context.queueId,
  };
  if (config.sendExtraData) body.extradata = extraData(context, config.dynamicValues ?? {});

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const maskedHeaders: Record<string, string> = { ...headers };
  const secrets = authHeaders(config.auth, headers, maskedHeaders);
  return { body, bodyText: JSON.stringify(body), headers, maskedHeaders, secrets };
}

function extraData(context: RoutingRequestContext, dynamicValues: Record<string, string>): SmartRoutingExtraData {
  const data: SmartRoutingExtraData = {
    CallId: context.callId,
    LegId: context.legId,
    CurrQueueId: context.queueId,
    // The platform's documented example sends "" when the call has no current user.
    CurrUserId: context.currentUserId ?? '',
    IsInternalCaller: context.isInternalCaller,
  };
  // Dynamic values travel as DYN_<name>; the prefix is added when the configuration left it out,
  // which also keeps them from overwriting the fixed properties above.
  for (const [name, value] of Object.entries(dynamicValues)) {
    const key: `DYN_${string}` = name.startsWith('DYN_') ? (name as `DYN_${string}`) : `DYN_${name}`;
    data[key] = value;
  }
  return data;
}

/** Adds the auth header to both header sets and returns the secrets it puts on the wire. */
function authHeaders(auth: SmartRoutingCallAuth, headers: Record<string, string>, masked: Record<string, string>): string[] {
  switch (auth.type) {
    case 'apiKey':
      headers[API_KEY_HEADER] = auth.apiKey;
      masked[API_KEY_HEADER] = MASK;
      return nonEmpty([auth.apiKey]);
    case 'basic': {
      const token = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
      headers.Authorization = `Basic ${token}`;
      // The scheme is no secret and tells a reader which method was used.
      masked.Authorization = `Basic ${MASK}`;
      return nonEmpty([auth.password, token]);
    }
    case 'none':
      return [];
  }
}

function nonEmpty(values: string[]): string[] {
  return values.filter((value) => value !== '');
}
