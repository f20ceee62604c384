import type { RandomStreams } from './event-sink';
import type { SimQueue, SimUser } from './organization-model';
import type { SimContext } from './sim-context';
import type { SimCall } from './sim-call';

/**
 * Wrap-up after a service call: UserWrapUpStarted when the call disconnects, UserWrapUpTerminated
 * by endWrapUp ("manual") or, at the latest, by the timer when MaxWrapUpDurationSec is reached
 * ("timer"), whatever the script says: the platform never lets a wrap-up outlast its maximum. No
 * queue call is allocated to the agent meanwhile.
 */
export class WrapUpFlow {
  /** The ended call's streams, so wrap-up events keep drawing ids from their call. */
  private readonly streams = new Map<string, RandomStreams>();

  constructor(private readonly ctx: SimContext) {}

  start(agent: SimUser, call: SimCall, queue: SimQueue): void {
    const { ctx } = this;
    const maxSeconds = queue.wrapUpSeconds;
    agent.runtime.wrapUp = { callId: call.id, legId: call.legId, queueId: queue.id, startedAtMs: ctx.clock.nowMs(), maxSeconds, timer: null };
    this.streams.set(agent.id, call);
    ctx.sink.emit('UserWrapUpStarted', { CallId: call.id, LegId: call.legId, MaxWrapUpDurationSec: maxSeconds, QueueId: queue.id, UserId: agent.id }, call);
    agent.runtime.wrapUp.timer = ctx.run(maxSeconds * 1000, `wrap-up ${agent.id}`, () => this.terminate(agent, 'timer'));
    ctx.status.touchUser(agent.id);
  }

  isWrappingUp(agent: SimUser): boolean {
    return agent.runtime.wrapUp !== null;
  }

  terminate(agent: SimUser, reason: 'timer' | 'manual'): void {
    const { ctx } = this;
    const wrapUp = agent.runtime.wrapUp;
    if (!wrapUp) return;
    if (wrapUp.timer) ctx.clock.cancel(wrapUp.timer);
    const now = ctx.clock.nowMs();
    const elapsed = reason === 'timer' ? wrapUp.maxSeconds : Math.min(wrapUp.maxSeconds, Math.round((now - wrapUp.startedAtMs) / 1000));
    agent.runtime.wrapUp = null;
    agent.runtime.idleSinceMs = now;
    const streams = this.streams.get(agent.id) ?? ctx.streams(`user:${agent.id}`);
    this.streams.delete(agent.id);
    ctx.sink.emit(
      'UserWrapUpTerminated',
      { CallId: wrapUp.callId, ElapsedTimeSec: elapsed, LegId: wrapUp.legId, QueueId: wrapUp.queueId, Reason: reason, UserId: agent.id },
      streams,
    );
    ctx.status.touchUser(agent.id);
    ctx.status.flush();
  }
}
