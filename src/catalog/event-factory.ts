import { randomUUID } from 'node:crypto';
import type { SeededRandom } from '../common/seeded-random';
import { resolveEventType, suggestEventTypeName } from './event-catalog';
import { buildPayload } from './payload-builder';
import { validateEventValues, validatePayload } from './payload-validator';
import { sampleValues } from './sample-values';

/** The organisation of the seed's sample request; events not tied to a simulated organisation use it. */
export const SAMPLE_ORGANIZATION_ID = 'fd434d24-f685-431d-8df5-386b5d5ffa73';

export class EventValuesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export interface MakeEventOptions {
  organizationId?: string;
  rng: SeededRandom;
  id?: string;
  timestamp?: Date | string;
  /** Ids and names the filled-in values should reuse (the simulator's entities). */
  context?: Parameters<typeof sampleValues>[2];
}

/**
 * One complete payload: the given values are validated against the catalog, the rest are filled
 * realistically, and the result is checked as a whole. Throws EventValuesError naming each problem.
 */
export function makeEvent(eventType: string, given: Record<string, unknown>, options: MakeEventOptions): Record<string, unknown> {
  const resolved = resolveEventType(eventType);
  if (!resolved) {
    const hint = suggestEventTypeName(eventType);
    throw new EventValuesError([
      `EventType "${eventType}" is not an event type${hint ? `; did you mean ${hint}?` : ' (GET /api/event-types lists them)'}`,
    ]);
  }
  const problems = validateEventValues(resolved.def.name, given);
  if (problems.length) throw new EventValuesError(problems);
  const organizationId = (given.OrganizationId as string | undefined) ?? options.organizationId ?? SAMPLE_ORGANIZATION_ID;
  const timestamp = options.timestamp ?? new Date();
  const filled = sampleValues(resolved.def.name, options.rng, { organizationId, now: timestamp, ...options.context });
  const payload = buildPayload({
    eventType: resolved.def.name,
    organizationId,
    values: { ...filled, ...given },
    id: options.id ?? randomUUID(),
    timestamp,
  }) as unknown as Record<string, unknown>;
  const invalid = validatePayload(payload);
  if (invalid.length) throw new EventValuesError(invalid);
  return payload;
}
