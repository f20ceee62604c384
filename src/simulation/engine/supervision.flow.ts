import { SAMPLE_SUPERVISION_STATES } from '../../catalog/sample-values';
import type { SimUser } from './organization-model';
import type { SimContext } from './sim-context';
import type { SimCall } from './sim-call';

/**
 * The seed names SupervisionState without listing values; the catalog's placeholder names are
 * used: "Supervising" while it lasts, "Ended" when stopped or when the call ends.
 */
const [SUPERVISING, ENDED] = SAMPLE_SUPERVISION_STATES;

/** UserSupervisionStatus: a supervisor starts or stops listening to a user's connected call. */
export class SupervisionFlow {
  /** Supervisions by supervised call: [supervisor id, target user id]. */
  private readonly byCall = new Map<string, Array<[string, string]>>();

  constructor(private readonly ctx: SimContext) {}

  /** The user's connected call, which a supervisor can join. */
  connectedCallOf(user: SimUser): SimCall | undefined {
    for (const [callId, leg] of user.runtime.calls) {
      if (leg.state === 'connected') return this.ctx.calls.get(callId);
    }
    return undefined;
  }

  start(supervisor: SimUser, target: SimUser): void {
    const call = this.connectedCallOf(target);
    if (!call || supervisor.runtime.supervising.has(target.id)) return;
    const streams = this.ctx.streams(`supervision:${supervisor.id}`);
    const state = { callId: call.id, legId: call.legId, queueId: call.side === 'queue' ? call.queueId : null, supervisorLegId: streams.ids.uuid() };
    supervisor.runtime.supervising.set(target.id, state);
    this.byCall.set(call.id, [...(this.byCall.get(call.id) ?? []), [supervisor.id, target.id]]);
    this.emit(supervisor, target, SUPERVISING);
  }

  stop(supervisor: SimUser, target: SimUser): void {
    if (!supervisor.runtime.supervising.has(target.id)) return;
    const { callId } = supervisor.runtime.supervising.get(target.id) as { callId: string };
    this.emit(supervisor, target, ENDED);
    supervisor.runtime.supervising.delete(target.id);
    const rest = (this.byCall.get(callId) ?? []).filter(([s, t]) => s !== supervisor.id || t !== target.id);
    if (rest.length) this.byCall.set(callId, rest);
    else this.byCall.delete(callId);
  }

  /** Supervisions of a call end with it. */
  endForCall(call: SimCall): void {
    for (const [supervisorId, targetId] of this.byCall.get(call.id) ?? []) {
      const supervisor = this.ctx.model.findUser(supervisorId);
      const target = this.ctx.model.findUser(targetId);
      if (supervisor && target) this.stop(supervisor, target);
    }
  }

  private emit(supervisor: SimUser, target: SimUser, state: string): void {
    const supervision = supervisor.runtime.supervising.get(target.id);
    if (!supervision) return;
    const queue = supervision.queueId ? this.ctx.model.findQueue(supervision.queueId) : undefined;
    this.ctx.sink.emit(
      'UserSupervisionStatus',
      {
        CallId: supervision.callId,
        LegId: supervision.legId,
        QueueId: queue?.id ?? null,
        QueueName: queue?.name ?? null,
        State: state,
        SupervisorLegId: supervision.supervisorLegId,
        SupervisorUserId: supervisor.id,
        SupervisorUserName: supervisor.userName,
        TargetUserId: target.id,
        TargetUserName: target.userName,
      },
      this.ctx.streams(`supervision:${supervisor.id}`),
    );
  }
}
