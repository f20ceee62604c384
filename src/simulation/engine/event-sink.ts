import { makeEvent } from '../../catalog/event-factory';
import type { EventTypeName } from '../../catalog/event-catalog';
import type { PayloadOf } from '../../catalog/payload.types';
import type { SeededRandom } from '../../common/seeded-random';
import type { CallRegistry } from './call-registry';
import type { SimulationClock } from './scheduler';

/** The random streams one emitter draws from: event ids, and values the flow leaves to makeEvent. */
export interface RandomStreams {
  readonly ids: SeededRandom;
  readonly fill: SeededRandom;
}

/** Values for one event, checked against the catalog at compile time (UserName vs Username). */
export type EventValues<N extends EventTypeName> = Partial<PayloadOf<N>>;

/**
 * Builds every payload with makeEvent (so it is validated against the seed tables), stamps it with
 * the virtual clock and an id from the emitter's stream, files it under its call, and hands it on.
 */
export class EventSink {
  /** Payloads emitted so far, for metrics and tests. */
  count = 0;

  constructor(
    private readonly organizationId: string,
    private readonly clock: SimulationClock,
    private readonly calls: CallRegistry,
    private readonly deliver: (payload: Record<string, unknown>) => void,
  ) {}

  emit<N extends EventTypeName>(eventType: N, values: NoInfer<EventValues<N>>, streams: RandomStreams): Record<string, unknown> {
    const payload = makeEvent(eventType, values as Record<string, unknown>, {
      organizationId: this.organizationId,
      rng: streams.fill,
      id: streams.ids.uuid(),
      timestamp: this.clock.now(),
    });
    if (typeof payload.CallId === 'string') this.calls.record(payload.CallId, payload);
    this.count++;
    this.deliver(payload);
    return payload;
  }
}

type CallIdentity = { CallerNumber: unknown; CallId: unknown; LegId: unknown; TargetNumber: unknown };

/** Events about one call leg: they all carry CallerNumber, CallId, LegId and TargetNumber. */
export type CallEventName = { [N in EventTypeName]: PayloadOf<N> extends CallIdentity ? N : never }[EventTypeName];

export type CallEventValues<N extends CallEventName> = Omit<EventValues<N>, keyof CallIdentity>;

interface CallLike extends RandomStreams {
  readonly id: string;
  readonly legId: string;
  readonly callerNumber: string;
  readonly targetNumber: string;
}

/** A call event with the call's identity filled in, so every event of a call agrees on it. */
export function emitCallEvent<N extends CallEventName>(sink: EventSink, call: CallLike, eventType: N, values: NoInfer<CallEventValues<N>>): Record<string, unknown> {
  const identity = { CallerNumber: call.callerNumber, CallId: call.id, LegId: call.legId, TargetNumber: call.targetNumber };
  return sink.emit(eventType, { ...identity, ...values } as unknown as EventValues<N>, call);
}
