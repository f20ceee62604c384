import { isAxiosError, isCancel } from 'axios';
import { classifyError } from '../deliveries/http-sender';

/**
 * Why no usable HTTP answer arrived, as a decision-log reason. `timedOut` is true when our own
 * deadline aborted the request (axios then reports only a cancellation). Reuses the webhook
 * sender's classification so both features name TLS, DNS and connection failures alike.
 */
export function describeTransportFailure(err: unknown, timedOut: boolean, timeoutMs: number, maxBodyBytes: number): string {
  if (timedOut || isCancel(err)) return `time-out: no answer within ${timeoutMs} ms`;
  if (isAxiosError(err) && err.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(err.message)) {
    return `response body larger than ${maxBodyBytes} bytes: not read`;
  }
  const { outcome, message } = classifyError(err);
  const code = errorCode(err);
  // The verifier's code (e.g. DEPTH_ZERO_SELF_SIGNED_CERT) is what one searches for; add it when
  // the message does not already carry it.
  const detail = code && !message.includes(code) ? `${message} (${code})` : message;
  switch (outcome) {
    case 'tls':
      return `TLS failure: ${detail}`;
    case 'dns':
      return `DNS failure: ${detail}`;
    case 'connection_refused':
      return `connection refused: ${detail}`;
    case 'timeout':
      return `time-out: ${detail}`;
    case 'connection_reset':
      return `connection closed without an answer: ${detail}`;
  }
}

function errorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
