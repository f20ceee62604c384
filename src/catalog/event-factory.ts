import { randomUUID } from 'node:crypto';
import type { SeededRandom } from '../common/seeded-random';
import { resolveEventType, suggestEventTypeName, type EventTypeName } from './event-catalog';
import { buildPayload } from './payload-builder';
import type { PayloadOf, WebhookPayload } from './payload.types';
import { eventValuesCertainlyValid } from './payload-fast-check';
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
  /** A call event's identity, given with its values (the event must have these properties). */
  callIdentity?: { CallerNumber: string; CallId: string; LegId: string; TargetNumber: string };
}

/**
 * One complete payload: the given values are validated against the catalog, the rest are filled
 * realistically, and the result is checked as a whole. Throws EventValuesError naming each problem.
 * Named by its type, an event is typed by its table: values that do not fit it do not compile, and
 * the payload comes back as that event's type.
 */
export function makeEvent<N extends EventTypeName>(eventType: N, given: Partial<PayloadOf<N>>, options: MakeEventOptions): WebhookPayload<N>;
/**
 * An event named at run time (the API's input, typed plain `string`): checked at run time only. A
 * literal name never falls back to this, so its values are always checked against its table.
 */
export function makeEvent<S extends string>(eventType: string extends S ? S : never, given: Record<string, unknown>, options: MakeEventOptions): WebhookPayload;
export function makeEvent(eventType: string, values: Record<string, unknown>, options: MakeEventOptions): WebhookPayload {
  const identity = options.callIdentity;
  const resolved = resolveEventType(eventType);
  if (!resolved) {
    const hint = suggestEventTypeName(eventType);
    throw new EventValuesError([`EventType "${eventType}" is not an event type${hint ? `; did you mean ${hint}?` : ' (GET /api/event-types lists them)'}`]);
  }
  // The usual case is checked without merging identity and values first (each one on its own is the stricter test).
  if (!(eventValuesCertainlyValid(resolved.def, values) && (!identity || eventValuesCertainlyValid(resolved.def, identity)))) {
    const problems = validateEventValues(resolved.def.name, identity ? { ...identity, ...values } : values);
    if (problems.length) throw new EventValuesError(problems);
  }
  const organizationId = (values.OrganizationId as string | undefined) ?? options.organizationId ?? SAMPLE_ORGANIZATION_ID;
  const timestamp = options.timestamp ?? new Date();
  const filled = sampleValues(
    resolved.def.name,
    options.rng,
    options.context ? { organizationId, now: timestamp, ...options.context } : { organizationId, now: timestamp },
  );
  // filled is ours: the given values go straight into it (the builder reads by name, in table order).
  if (identity) for (const key of Object.keys(identity)) filled[key] = identity[key as keyof typeof identity];
  for (const key of Object.keys(values)) filled[key] = values[key];
  const payload = buildPayload({
    eventType: resolved.def.name,
    organizationId,
    values: filled,
    id: options.id ?? randomUUID(),
    timestamp,
  });
  const invalid = validatePayload(payload);
  if (invalid.length) throw new EventValuesError(invalid);
  return payload;
}
