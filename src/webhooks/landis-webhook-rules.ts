import { isLandisEventName, LANDIS_EVENT_NAMES, LANDIS_RESERVED_HEADERS, suggestLandisEventName } from '../landis';

/**
 * The Landis subscription's own fields (the document's "Webhook Events", ABP's options), checked
 * before storing. Each problem names the field and the value, for the API's 400.
 */

/** A deactivation threshold above this would never trigger within the retention period. */
export const MAX_DEACTIVATE_AFTER_FAILURES = 1000;

/** The webhook event names, each a Landis event (case-sensitive, as ABP compares them), at least one, no duplicates. */
export function landisEventNamesProblems(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return [`${field} must list at least one of ${LANDIS_EVENT_NAMES.join(', ')}`];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((name: unknown, i) => {
    if (typeof name !== 'string') problems.push(`${field}[${i}] must be a webhook event name such as App.QueueWebhook`);
    else if (!isLandisEventName(name)) {
      const hint = suggestLandisEventName(name);
      problems.push(`${field}[${i}] "${name}" is not a Landis webhook event${hint ? `; did you mean ${hint}?` : ` (one of ${LANDIS_EVENT_NAMES.join(', ')})`}`);
    } else if (seen.has(name)) problems.push(`${field}[${i}] "${name}" is listed twice`);
    else seen.add(name);
  });
  return problems;
}

/** Additional headers may not name what ABP sets itself (on top of the project's header rules). */
export function landisHeaderProblems(headers: unknown, field: string): string[] {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return [];
  const reserved = new Set<string>(LANDIS_RESERVED_HEADERS);
  return Object.keys(headers)
    .filter((name) => reserved.has(name.toLowerCase()))
    .map((name) => `${field}.${name}: set by the platform and cannot be overridden`);
}

/** null (off, ABP's default) or a whole number of failed attempts in a row. */
export function deactivateAfterFailuresProblem(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DEACTIVATE_AFTER_FAILURES) return null;
  return `${field} must be a whole number of failed attempts in a row from 1 to ${MAX_DEACTIVATE_AFTER_FAILURES} (ABP's is 15), or null for never`;
}
