import { redactSecrets } from '../common/secret-redaction';
import type { AttemptResult } from './http-sender';

/** The values of the sent headers that the log masks (X-Benemen-Token, credential-like extra headers). */
export function sentSecrets(sent: Record<string, string>, logged: Record<string, string>): string[] {
  return Object.keys(sent)
    .filter((name) => logged[name] !== sent[name] && sent[name].length >= 4)
    .map((name) => sent[name]);
}

/**
 * An attempt's result as it may be stored and shown: a receiver that echoes the request (its
 * X-Benemen-Token included) into its response headers or body must not put the secret into the
 * delivery log, nor into any answer of the API that shows the log. The sender has masked the body
 * excerpt already (before cutting it, so no part of a secret remains); this is a second pass.
 */
export function redactAttempt(result: AttemptResult, secrets: readonly string[]): AttemptResult {
  if (secrets.length === 0) return result;
  const redact = (text: string | null): string | null => (text === null ? null : redactSecrets(text, secrets));
  return {
    ...result,
    errorMessage: redact(result.errorMessage),
    responseHeaders: result.responseHeaders && Object.fromEntries(Object.entries(result.responseHeaders).map(([k, v]) => [k, redactSecrets(v, secrets)])),
    responseBodyExcerpt: redact(result.responseBodyExcerpt),
  };
}
