import type { WebhookPayload } from '../../catalog/payload.types';
import { SeededRandom } from '../../common/seeded-random';
import type { SmartRoutingHook } from '../../smart-routing/routing-instructions';
import type { AvailabilityFlow } from './availability.flow';
import type { CallbackFlow } from './callback.flow';
import type { CallbackListStatusMonitor } from './callback-list-status';
import { CallRegistry } from './call-registry';
import type { DirectCallFlow } from './direct-call.flow';
import type { IvrCallFlow } from './ivr-call.flow';
import type { LandisRecorder } from './landis-recorder';
import { EventSink, type RandomStreams } from './event-sink';
import type { OrganizationModel } from './organization-model';
import type { OutboundCallFlow } from './outbound-call.flow';
import type { QueueCallFlow } from './queue-call.flow';
import type { QueueMembershipFlow } from './queue-membership.flow';
import type { SimulationClock, TaskHandle } from './scheduler';
import type { SimCall } from './sim-call';
import { StatusPublisher } from './status-publisher';
import type { SupervisionFlow } from './supervision.flow';
import type { TransferFlow } from './transfer.flow';
import type { WrapUpFlow } from './wrap-up.flow';

export interface EngineSettings {
  requiredTargetTimeoutSeconds: number;
  /** An allocation nobody answers is cancelled after this. */
  ringTimeoutSeconds: number;
  /** Transfers one call may make before it is cut off (guards against overflow loops). */
  maxRoutingHops: number;
  maxRetainedCalls: number;
}

export interface Flows {
  queue: QueueCallFlow;
  user: DirectCallFlow;
  outbound: OutboundCallFlow;
  transfer: TransferFlow;
  wrapUp: WrapUpFlow;
  supervision: SupervisionFlow;
  callbacks: CallbackFlow;
  listStatus: CallbackListStatusMonitor;
  availability: AvailabilityFlow;
  membership: QueueMembershipFlow;
  ivr: IvrCallFlow;
}

type Step = () => void | Promise<void>;

/**
 * What the flows share: the organisation, the clock, the event sink, the calls, the random
 * streams, and each other (wired by Simulation after construction, which keeps flow files free of
 * import cycles).
 */
export class SimContext {
  readonly calls: CallRegistry;
  readonly sink: EventSink;
  readonly status: StatusPublisher;
  flows!: Flows;
  /** Landis CDRs of the calls; null when the simulation has no Landis output (nothing is tracked then). */
  landis: LandisRecorder | null = null;
  private readonly streamCache = new Map<string, RandomStreams>();

  constructor(
    readonly model: OrganizationModel,
    readonly clock: SimulationClock,
    readonly root: SeededRandom,
    readonly settings: EngineSettings,
    readonly smartRouting: SmartRoutingHook | undefined,
    emit: (payload: WebhookPayload) => void,
    /** Names the id streams: a run's key mixed in, so no two runs of one seed share an id. */
    readonly idLabel = 'ids',
  ) {
    this.calls = new CallRegistry(settings.maxRetainedCalls);
    this.sink = new EventSink(model.organization.id, clock, this.calls, emit);
    this.status = new StatusPublisher(model, this.calls, clock, this.sink, (label) => this.streams(label));
  }

  /** A long-lived stream per entity ("user:<id>", "queue:<id>"...), so entities never shift each other's draws. */
  streams(label: string): RandomStreams {
    let streams = this.streamCache.get(label);
    if (!streams) {
      const rng = this.root.fork(label);
      streams = { ids: rng.fork(this.idLabel), fill: rng.fork('fill') };
      this.streamCache.set(label, streams);
    }
    return streams;
  }

  /**
   * Schedules one simulation step. After it: waiting calls are offered to free agents, and status
   * changes not yet published are (a step that forgets a flush still publishes).
   */
  run(delayMs: number, label: string, step: Step): TaskHandle {
    return this.clock.schedule(delayMs, () => this.wrap(step), label);
  }

  runAt(timeMs: number, label: string, step: Step): TaskHandle {
    return this.clock.scheduleAt(timeMs, () => this.wrap(step), label);
  }

  /**
   * A named timer of a call; re-arming replaces it, and it does nothing once the call has ended.
   * A step that awaits (a queue's SmartRouting request) holds the clock until it is done.
   */
  callTimer(call: SimCall, name: string, delayMs: number, step: () => void | Promise<void>): void {
    this.clearCallTimer(call, name);
    const handle = this.run(delayMs, `${name} ${call.id}`, () => {
      call.timers.delete(name);
      if (call.phase !== 'ended') return step();
    });
    call.timers.set(name, handle);
  }

  clearCallTimer(call: SimCall, name: string): void {
    const handle = call.timers.get(name);
    if (handle) this.clock.cancel(handle);
    call.timers.delete(name);
  }

  /** The call is over for the simulation; its supervisions end with it. */
  endCall(call: SimCall, reason: string): void {
    for (const handle of call.timers.values()) this.clock.cancel(handle);
    call.timers.clear();
    call.phase = 'ended';
    call.endedAtMs = this.clock.nowMs();
    call.endReason = reason;
    this.calls.markEnded(call);
    this.flows.supervision.endForCall(call);
  }

  private wrap(step: Step): void | Promise<void> {
    const after = (): void => {
      this.flows.queue.dispatch();
      this.status.flush();
    };
    this.sink.beginStep();
    const result = step();
    if (result) return result.then(after);
    after();
  }
}
