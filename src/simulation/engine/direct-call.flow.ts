import type { USER_OVERFLOW_REASONS } from '../../catalog/enums';
import { emitCallEvent, type CallEventName, type CallEventValues } from './event-sink';
import type { SimUser } from './organization-model';
import { personalQueue, resolveOverflowTarget, targetRef, type ResolvedTarget } from './routing-target';
import type { SimContext } from './sim-context';
import type { SimCall } from './sim-call';
import { takeFailTarget } from './smart-routing-decision';

export type UserOverflowReason = (typeof USER_OVERFLOW_REASONS)[number];

export const USER_OVERFLOW_APPLET = 'UserOverflow';

/** SIP-style TechReason when an unreachable user has nowhere to overflow to. */
const TECH_REASON: Record<UserOverflowReason, string> = {
  AVAActiveProfile: '480',
  BusyForTechnicalError: '503',
  DND: '480',
  OffWork: '480',
  NoAnswer: '408',
  InterruptOverflow: '480',
  BusyOnBusy: '486',
  TransferAll: '480',
  BlindTransfer: '480',
};

/**
 * A call whose current target is a user: a direct call to the user's number, or a queue call sent
 * to the user by SmartRouting or an overflow. See docs/call-flows.md.
 */
export class DirectCallFlow {
  constructor(private readonly ctx: SimContext) {}

  start(call: SimCall, user: SimUser): void {
    this.emit(call, 'UserCallInComing', { UserId: user.id, Username: user.userName });
    this.arrive(call, user);
  }

  arrive(call: SimCall, user: SimUser): void {
    call.side = 'user';
    call.userId = user.id;
    call.queueId = null;
    call.phase = 'routing';
    call.arrivedAtMs = this.ctx.clock.nowMs();
    this.emit(call, 'UserCallInArrived', { UserId: user.id, UserName: user.userName });
    const reason = this.unreachableReason(user);
    if (reason) this.overflow(call, user, reason);
    else this.allocate(call, user);
  }

  abandon(call: SimCall): void {
    const user = this.userOf(call);
    if (call.phase === 'ringing') {
      this.releaseUser(user, call);
      this.emit(call, 'UserCallInUserCancelled', { DetailedReason: 'CallerHungUp', Reason: 'remote', UserId: user.id, UserName: user.userName });
    }
    this.disconnect(call, user, 'remote', '487');
  }

  hangUp(call: SimCall, by: 'caller' | 'agent'): void {
    if (call.phase !== 'connected') return;
    const user = this.userOf(call);
    this.emit(call, 'UserCallInDisconnected', { Reason: by === 'caller' ? 'remote' : 'local', TechReason: '200', UserId: user.id, Username: user.userName });
    this.releaseUser(user, call);
    this.ctx.endCall(call, by === 'caller' ? 'caller hung up' : 'user hung up');
    this.ctx.status.flush();
  }

  disconnect(call: SimCall, user: SimUser, reason: 'local' | 'remote', techReason: string): void {
    this.emit(call, 'UserCallInDisconnected', { Reason: reason, TechReason: techReason, UserId: user.id, Username: user.userName });
    this.ctx.endCall(call, techReason);
    this.ctx.status.flush();
  }

  /**
   * The ringing user declines the call (InterruptOverflow): the allocation is cancelled and the
   * call goes to the user's overflow target, as an unanswered one would.
   */
  reject(call: SimCall): void {
    if (call.phase !== 'ringing') return;
    const user = this.userOf(call);
    this.ctx.clearCallTimer(call, 'ring');
    this.releaseUser(user, call);
    this.emit(call, 'UserCallInUserCancelled', { DetailedReason: 'InterruptOverflow', Reason: 'local', UserId: user.id, UserName: user.userName });
    this.ctx.status.flush();
    this.overflow(call, user, 'InterruptOverflow');
  }

  /** The connected user hands the call on without consulting (BlindTransfer). */
  blindTransfer(call: SimCall, target: ResolvedTarget): void {
    if (call.phase !== 'connected') return;
    const user = this.userOf(call);
    this.ctx.clearCallTimer(call, 'hangup');
    this.releaseUser(user, call);
    this.overflowTo(call, user, 'BlindTransfer', target);
  }

  /** Why the user cannot take the call right now, as UserCallInUserOverflow names it; null: ring them. */
  private unreachableReason(user: SimUser): UserOverflowReason | null {
    // Transfer-all forwards every call, whatever the availability, when there is somewhere to go.
    if (user.forwardAll && user.overflowTarget) return 'TransferAll';
    switch (user.availability) {
      case 'DoNotDisturb':
        return 'DND';
      case 'OffWork':
        return 'OffWork';
      case 'Busy':
        // A busy availability profile forwards calls; its transfer is the user's overflow target.
        return 'AVAActiveProfile';
      default:
        if ((user.serviceTerminals ?? 1) <= 0) return 'BusyForTechnicalError';
        return user.runtime.calls.size > 0 ? 'BusyOnBusy' : null;
    }
  }

  private allocate(call: SimCall, user: SimUser): void {
    const { ctx } = this;
    const attempt = call.allocations++;
    call.phase = 'ringing';
    user.runtime.calls.set(call.id, { state: 'ringing', queueId: null });
    this.emit(call, 'UserCallInUserAllocated', { DetailedReason: null, UserId: user.id, UserName: user.userName, UserNumber: user.number });
    ctx.status.touchUser(user.id);
    ctx.status.flush();
    if (call.script.answers(attempt)) ctx.callTimer(call, 'ring', call.script.answerAfterSeconds * 1000, () => this.connect(call));
    else ctx.callTimer(call, 'ring', ctx.settings.ringTimeoutSeconds * 1000, () => this.noAnswer(call));
  }

  private connect(call: SimCall): void {
    const { ctx } = this;
    const user = this.userOf(call);
    call.phase = 'connected';
    call.connectedAtMs = ctx.clock.nowMs();
    call.agentLegId = call.ids.uuid();
    user.runtime.calls.set(call.id, { state: 'connected', queueId: null });
    ctx.clearCallTimer(call, 'abandon');
    this.emit(call, 'UserCallInUserConnected', { AgentLegId: call.agentLegId, UserId: user.id, UserName: user.userName, UserNumber: user.number });
    ctx.status.flush();
    ctx.callTimer(call, 'hangup', call.script.talkSeconds * 1000, () => this.hangUp(call, call.script.hangupBy));
  }

  private noAnswer(call: SimCall): void {
    const user = this.userOf(call);
    this.releaseUser(user, call);
    this.emit(call, 'UserCallInUserCancelled', { DetailedReason: 'NoAnswer', Reason: 'local', UserId: user.id, UserName: user.userName });
    this.ctx.status.flush();
    this.overflow(call, user, 'NoAnswer');
  }

  /** To the user's overflow target (SmartRouting's FailTarget first); with none the call is disconnected. */
  private overflow(call: SimCall, user: SimUser, reason: UserOverflowReason): void {
    const target = takeFailTarget(call, user.id) ?? resolveOverflowTarget(this.ctx.model, user.overflowTarget);
    if (!target) {
      this.disconnect(call, user, 'local', TECH_REASON[reason]);
      return;
    }
    this.overflowTo(call, user, reason, target);
  }

  private overflowTo(call: SimCall, user: SimUser, reason: UserOverflowReason, target: ResolvedTarget): void {
    call.phase = 'transferring';
    const ref = targetRef(target);
    const techQueue = personalQueue(user);
    this.emit(call, 'UserCallInUserOverflow', { Reason: reason, Target: ref, UserId: user.id, Username: user.userName });
    this.emit(call, 'UserCallInOverflow', {
      ConnectedTarget: ref,
      OverflowApplet: USER_OVERFLOW_APPLET,
      TechEvent: reason,
      TechNumber: user.number,
      TechQueueId: techQueue.id,
      TechQueueName: techQueue.name,
      TechSource: 'User',
      UserId: user.id,
      Username: user.userName,
    });
    this.ctx.flows.transfer.start(call, { side: 'user', user }, target, USER_OVERFLOW_APPLET, 'Overflow');
  }

  private releaseUser(user: SimUser, call: SimCall): void {
    user.runtime.calls.delete(call.id);
    user.runtime.idleSinceMs = this.ctx.clock.nowMs();
    this.ctx.status.touchUser(user.id);
  }

  private userOf(call: SimCall): SimUser {
    const user = call.userId ? this.ctx.model.findUser(call.userId) : undefined;
    if (!user) throw new Error(`Call ${call.id} has no target user`);
    return user;
  }

  private emit<N extends CallEventName>(call: SimCall, eventType: N, values: NoInfer<CallEventValues<N>>): void {
    emitCallEvent(this.ctx.sink, call, eventType, values);
  }
}
