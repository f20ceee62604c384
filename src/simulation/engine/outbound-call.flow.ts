import { emitCallEvent } from './event-sink';
import type { SimUser } from './organization-model';
import type { SimContext } from './sim-context';
import type { SimCall } from './sim-call';

/**
 * A call a user dials: UserCallOutGoing, UserCallOutConnected when the called party answers,
 * UserCallOutDisconnected at the end (or when the user gives up on an unanswered call).
 */
export class OutboundCallFlow {
  constructor(private readonly ctx: SimContext) {}

  start(call: SimCall, user: SimUser): void {
    const { ctx } = this;
    call.side = 'outbound';
    call.userId = user.id;
    call.phase = 'ringing';
    user.runtime.calls.set(call.id, { state: 'ringing', queueId: null });
    emitCallEvent(ctx.sink, call, 'UserCallOutGoing', { UserId: user.id, UserName: user.userName });
    ctx.status.touchUser(user.id);
    ctx.status.flush();
    // agentAnswers stands for "the called party answers" here.
    if (call.script.answers(call.allocations++)) ctx.callTimer(call, 'ring', call.script.answerAfterSeconds * 1000, () => this.connect(call, user));
    else ctx.callTimer(call, 'ring', ctx.settings.ringTimeoutSeconds * 1000, () => this.end(call, user, 'local', '487', 'unanswered'));
  }

  hangUp(call: SimCall, by: 'caller' | 'agent'): void {
    if (call.phase !== 'connected') return;
    const user = this.ctx.model.findUser(call.userId ?? '');
    // The dialling user is the local side; 'caller' in a script means the called party here.
    if (user) this.end(call, user, by === 'agent' ? 'local' : 'remote', '200', by === 'agent' ? 'user hung up' : 'remote hung up');
  }

  /** The user gives up before the called party answers. */
  cancel(call: SimCall): void {
    const user = this.ctx.model.findUser(call.userId ?? '');
    if (user && call.phase === 'ringing') this.end(call, user, 'local', '487', 'cancelled');
  }

  private connect(call: SimCall, user: SimUser): void {
    const { ctx } = this;
    call.phase = 'connected';
    call.connectedAtMs = ctx.clock.nowMs();
    user.runtime.calls.set(call.id, { state: 'connected', queueId: null });
    emitCallEvent(ctx.sink, call, 'UserCallOutConnected', { UserId: user.id, UserName: user.userName });
    ctx.callTimer(call, 'hangup', call.script.talkSeconds * 1000, () => this.hangUp(call, call.script.hangupBy));
  }

  private end(call: SimCall, user: SimUser, reason: 'local' | 'remote', techReason: string, endReason: string): void {
    const { ctx } = this;
    emitCallEvent(ctx.sink, call, 'UserCallOutDisconnected', { Reason: reason, TechReason: techReason, UserId: user.id, UserName: user.userName });
    user.runtime.calls.delete(call.id);
    user.runtime.idleSinceMs = ctx.clock.nowMs();
    ctx.endCall(call, endReason);
    ctx.status.touchUser(user.id);
    ctx.status.flush();
  }
}
