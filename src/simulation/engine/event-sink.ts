import { makeEvent, type MakeEventOptions } from '../../catalog/event-factory';
import type { EventTypeName } from '../../catalog/event-catalog';
import type { PayloadOf, WebhookPayload } from '../../catalog/payload.types';
import type { SeededRandom } from '../../common/seeded-random';
import type { CallRegistry } from './call-registry';
import type { SimulationClock } from './scheduler';
import type { SimCall } from './sim-call';

/** Status events a call's step causes: filed under that call and stamped in its order. */
const CAUSED_STATUS: ReadonlySet<EventTypeName> = new Set(['QueueStatus', 'UserStatus']);

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
 * A call's events (and the QueueStatus/UserStatus its steps cause) get strictly increasing
 * timestamps, 1 ms apart when they happen at the same virtual instant, so a receiver can order
 * them by Timestamp.
 */
export class EventSink {
  /** Payloads emitted so far, for metrics and tests. */
  count = 0;
  /** The call whose event came last in the current step: the cause of the step's status events. */
  private stepCall: SimCall | undefined;

  constructor(
    private readonly organizationId: string,
    private readonly clock: SimulationClock,
    private readonly calls: CallRegistry,
    private readonly deliver: (payload: WebhookPayload) => void,
  ) {}

  /** A new simulation step begins: status events from now on are caused by its calls. */
  beginStep(): void {
    this.stepCall = undefined;
  }

  /** `identity`: a call event's CallerNumber, CallId, LegId and TargetNumber (see emitCallEvent). */
  emit<N extends EventTypeName>(
    eventType: N,
    values: NoInfer<EventValues<N>>,
    streams: RandomStreams,
    identity?: MakeEventOptions['callIdentity'],
  ): WebhookPayload<N> {
    const callId = identity?.CallId ?? ('CallId' in values ? values.CallId : undefined);
    const call = typeof callId === 'string' ? this.calls.get(callId) : CAUSED_STATUS.has(eventType) ? this.stepCall : undefined;
    const nowMs = this.clock.nowMs();
    const atMs = call ? Math.max(nowMs, call.lastEventMs + 1) : nowMs;
    const payload = makeEvent(eventType, values, {
      organizationId: this.organizationId,
      rng: streams.fill,
      id: streams.ids.uuid(),
      timestamp: new Date(atMs),
      callIdentity: identity,
    });
    if (call) {
      call.lastEventMs = atMs;
      call.timeline.push(payload);
      if (typeof callId === 'string') this.stepCall = call;
    }
    this.count++;
    this.deliver(payload);
    return payload;
  }
}

type CallIdentity = { CallerNumber: unknown; CallId: unknown; LegId: unknown; TargetNumber: unknown };

/** Events about one call leg: they all carry CallerNumber, CallId, LegId and TargetNumber. */
export type CallEventName = { [N in EventTypeName]: PayloadOf<N> extends CallIdentity ? N : never }[EventTypeName];

/** A call event's own values: the identity comes from the call (giving it does not compile). */
export type CallEventValues<N extends CallEventName> = EventValues<N> & { [K in keyof CallIdentity]?: never };

interface CallLike extends RandomStreams {
  readonly id: string;
  readonly legId: string;
  readonly callerNumber: string;
  readonly targetNumber: string;
}

/** A call event with the call's identity filled in, so every event of a call agrees on it. */
export function emitCallEvent<N extends CallEventName>(sink: EventSink, call: CallLike, eventType: N, values: NoInfer<CallEventValues<N>>): WebhookPayload<N> {
  const identity = { CallerNumber: call.callerNumber, CallId: call.id, LegId: call.legId, TargetNumber: call.targetNumber };
  return sink.emit(eventType, values, call, identity);
}
