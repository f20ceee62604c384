export const MASK = '***';

/**
 * Replaces every occurrence of a secret in text that may be kept or shown (a failure reason, a
 * receiver's answer that echoes the request). Longest first, so a secret that contains another is
 * masked whole. Used by SmartRouting and by the delivery log.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== '') out = out.split(secret).join(MASK);
  }
  return out;
}
