import { emitCallEvent, type CallEventName, type CallEventValues } from './event-sink';
import { rankWaitingCalls, pickAgent } from './dispatcher';
import { canTakeQueueCall } from './user-status';
import type { SimQueue, SimUser } from './organization-model';
import { resolveOverflowTarget, type ResolvedTarget } from './routing-target';
import type { SimContext } from './sim-context';
import { hasEnded, type SimCall } from './sim-call';
import { applyRoutingInstructions, peekFailTarget, requestDecision, takeFailTarget } from './smart-routing-decision';

/** Applet names the emulator reports; the seed names the fields but not their values. */
export const QUEUE_OVERFLOW_APPLET = 'ServiceQueueOverflow';
export const SMART_ROUTING_APPLET = 'SmartRouting';

export type QueueOverflowEvent = 'QueueTimeout' | 'NoAgentsAvailable' | 'RequiredTargetTimeout';

/**
 * A call to a service queue: QueueCallInComing, SmartRouting, QueueCallInArrived, then allocation
 * to agents until one answers, the caller gives up, or the call overflows. See docs/call-flows.md.
 */
export class QueueCallFlow {
  constructor(private readonly ctx: SimContext) {}

  async start(call: SimCall, queue: SimQueue): Promise<void> {
    call.side = 'queue';
    call.queueId = queue.id;
    call.phase = 'routing';
    this.emit(call, 'QueueCallInComing', { QueueId: queue.id, QueueName: queue.name, QueueNumber: queue.number });
    let initial: ResolvedTarget | null = null;
    if (this.ctx.smartRouting) {
      // Awaited inside the scheduler's task: nothing else happens in the simulation meanwhile.
      const decision = await requestDecision(this.ctx.smartRouting, call, queue);
      if (hasEnded(call)) return;
      call.decision = decision;
      if (decision?.outcome === 'applied') {
        initial = applyRoutingInstructions(this.ctx.model, call, queue, decision);
        const notes = call.redact ? call.routingNotes.map(call.redact) : call.routingNotes;
        this.ctx.smartRouting.settle?.(decision.requestId, { applied: call.appliedRouting !== null, notes });
      }
    }
    if (!initial) {
      this.arrive(call, queue);
      return;
    }
    switch (initial.type) {
      case 'disconnect':
        this.disconnect(call, queue, 'local', 'smartrouting_disconnect');
        return;
      case 'queue':
        this.arrive(call, initial.queue);
        return;
      case 'user':
        this.ctx.flows.user.arrive(call, initial.user);
        return;
      default:
        this.ctx.flows.transfer.start(call, { side: 'queue', queue }, initial, SMART_ROUTING_APPLET, 'SmartRouting');
    }
  }

  /** The call enters the queue (first time, by SmartRouting, or by a transfer) and waits for an agent. */
  arrive(call: SimCall, queue: SimQueue): void {
    const { ctx } = this;
    const now = ctx.clock.nowMs();
    call.side = 'queue';
    call.phase = 'queuing';
    call.userId = null;
    call.arrivedAtMs = now;
    call.refusedBy.clear();
    ctx.calls.enterQueue(call, queue.id);
    ctx.landis?.enterQueue(call, queue);
    this.emit(call, 'QueueCallInArrived', { QueueId: queue.id, QueueName: queue.name, QueueNumber: queue.number });
    ctx.status.touchQueue(queue.id);
    ctx.status.flush();

    call.maxWaitDeadlineMs = now + queue.maxWaitSeconds * 1000;
    ctx.callTimer(call, 'maxWait', queue.maxWaitSeconds * 1000, () => this.onDeadline(call));
    if (call.routing.requiredUserId && call.routing.requiredDeadlineMs === null) {
      const waitMs = ctx.settings.requiredTargetTimeoutSeconds * 1000;
      call.routing.requiredDeadlineMs = now + waitMs;
      ctx.callTimer(call, 'requiredTarget', waitMs, () => this.onDeadline(call));
    }
    if (!this.hasPotentialAgents(queue) && this.overflowTarget(call, queue, false)) this.overflow(call, queue, 'NoAgentsAvailable');
    // Allocation happens when the step ends (SimContext.run), together with every other waiting call.
  }

  /** Offers waiting calls, oldest effective age first, to free agents. Runs after every step. */
  dispatch(): void {
    // Only calls whose queue has a free agent can be allocated; allocating never frees one, so
    // filtering first keeps this cheap when many calls wait and every agent is busy.
    const hasFreeAgent = new Map<string, boolean>();
    const waiting = this.ctx.calls.waiting().filter((call) => {
      const queueId = call.queueId as string;
      let free = hasFreeAgent.get(queueId);
      if (free === undefined) hasFreeAgent.set(queueId, (free = this.hasFreeAgent(queueId)));
      return free;
    });
    if (waiting.length === 0) return;
    for (const { call, queue } of rankWaitingCalls(this.ctx.model, waiting, this.ctx.clock.nowMs())) {
      if (call.phase !== 'queuing') continue;
      const agent = pickAgent(this.ctx.model, call, queue);
      if (agent) this.allocate(call, queue, agent);
    }
  }

  /** The caller hangs up before an agent answered. */
  abandon(call: SimCall): void {
    const queue = this.queueOf(call);
    this.ctx.landis?.leaveQueue(call, queue, { reason: 'CallerHungUp' });
    if (call.phase === 'ringing') this.cancelAllocation(call, queue, 'remote', 'CallerHungUp');
    this.disconnect(call, queue, 'remote', 'caller_abandoned');
  }

  /** Ends a connected call; wrap-up follows when the queue has it. */
  hangUp(call: SimCall, by: 'caller' | 'agent'): void {
    if (call.phase !== 'connected') return;
    const { ctx } = this;
    const queue = this.queueOf(call);
    const agent = this.agentOf(call);
    this.emit(call, 'QueueCallInDisconnected', {
      QueueId: queue.id,
      QueueName: queue.name,
      Reason: by === 'caller' ? 'remote' : 'local',
      TechReason: 'normal_clearing',
    });
    ctx.landis?.leaveQueue(call, queue, { reason: 'Answered' });
    agent.runtime.calls.delete(call.id);
    ctx.endCall(call, by === 'caller' ? 'caller hung up' : 'agent hung up');
    if (queue.wrapUpSeconds > 0) ctx.flows.wrapUp.start(agent, call, queue);
    else agent.runtime.idleSinceMs = ctx.clock.nowMs();
    ctx.status.touchUser(agent.id);
    ctx.status.touchQueue(queue.id);
    ctx.status.flush();
  }

  /** Ends the call from the queue without an agent (SmartRouting DISCONNECT:, no target, failed transfer). */
  disconnect(call: SimCall, queue: SimQueue, reason: 'local' | 'remote', techReason: string): void {
    this.emit(call, 'QueueCallInDisconnected', { QueueId: queue.id, QueueName: queue.name, Reason: reason, TechReason: techReason });
    this.ctx.endCall(call, techReason);
    this.ctx.status.touchQueue(queue.id);
    this.ctx.status.flush();
  }

  private allocate(call: SimCall, queue: SimQueue, agent: SimUser): void {
    const { ctx } = this;
    const attempt = call.allocations++;
    call.phase = 'ringing';
    call.userId = agent.id;
    agent.runtime.calls.set(call.id, { state: 'ringing', queueId: queue.id });
    const detailedReason =
      call.routing.requiredUserId === agent.id ? 'RequiredTarget' : call.routing.preferredUserIds.includes(agent.id) ? 'AllocationTarget' : null;
    this.emit(call, 'QueueCallInUserAllocated', {
      DetailedReason: detailedReason,
      QueueId: queue.id,
      QueueName: queue.name,
      QueueNumber: queue.number,
      UserId: agent.id,
      UserName: agent.userName,
    });
    ctx.status.touchUser(agent.id);
    ctx.status.touchQueue(queue.id);
    ctx.status.flush();
    if (call.script.answers(attempt)) ctx.callTimer(call, 'ring', call.script.answerAfterSeconds * 1000, () => this.connect(call));
    else ctx.callTimer(call, 'ring', ctx.settings.ringTimeoutSeconds * 1000, () => this.noAnswer(call));
  }

  private connect(call: SimCall): void {
    const { ctx } = this;
    const queue = this.queueOf(call);
    const agent = this.agentOf(call);
    call.phase = 'connected';
    call.connectedAtMs = ctx.clock.nowMs();
    call.agentLegId = call.ids.uuid();
    agent.runtime.calls.set(call.id, { state: 'connected', queueId: queue.id });
    for (const timer of ['maxWait', 'requiredTarget', 'abandon']) ctx.clearCallTimer(call, timer);
    this.emit(call, 'QueueCallInUserConnected', {
      AgentLegId: call.agentLegId,
      QueueId: queue.id,
      QueueName: queue.name,
      QueueNumber: queue.number,
      UserId: agent.id,
      UserName: agent.userName,
      UserNumber: agent.number,
    });
    if (queue.wrapUpSeconds > 0) {
      ctx.sink.emit(
        'UserWrapUpEnabled',
        { CallId: call.id, LegId: call.legId, MaxWrapUpDurationSec: queue.wrapUpSeconds, QueueId: queue.id, UserId: agent.id },
        call,
      );
    }
    ctx.status.touchQueue(queue.id);
    ctx.status.flush();
    ctx.callTimer(call, 'hangup', call.script.talkSeconds * 1000, () => this.hangUp(call, call.script.hangupBy));
  }

  private noAnswer(call: SimCall): void {
    const queue = this.queueOf(call);
    this.cancelAllocation(call, queue, 'local', 'NoAnswer');
    call.phase = 'queuing';
    this.ctx.status.flush();
    this.checkDeadlines(call, queue);
  }

  private cancelAllocation(call: SimCall, queue: SimQueue, reason: 'local' | 'remote', detailedReason: string): void {
    const { ctx } = this;
    const agent = this.agentOf(call);
    agent.runtime.calls.delete(call.id);
    agent.runtime.idleSinceMs = ctx.clock.nowMs();
    if (reason === 'local') call.refusedBy.add(agent.id);
    call.userId = null;
    this.emit(call, 'QueueCallInUserCancelled', {
      DetailedReason: detailedReason,
      QueueId: queue.id,
      QueueName: queue.name,
      QueueNumber: queue.number,
      Reason: reason,
      UserId: agent.id,
      UserName: agent.userName,
    });
    ctx.status.touchUser(agent.id);
    ctx.status.touchQueue(queue.id);
  }

  private onDeadline(call: SimCall): void {
    // A ringing call is judged when the ring ends (noAnswer); a connected one no longer waits.
    if (call.phase === 'queuing') this.checkDeadlines(call, this.queueOf(call));
  }

  private checkDeadlines(call: SimCall, queue: SimQueue): void {
    const now = this.ctx.clock.nowMs();
    if (call.maxWaitDeadlineMs !== null && now >= call.maxWaitDeadlineMs) {
      this.overflow(call, queue, 'QueueTimeout');
      return;
    }
    const { routing } = call;
    if (routing.requiredUserId && routing.requiredDeadlineMs !== null && now >= routing.requiredDeadlineMs) {
      if (this.overflowTarget(call, queue, false)) {
        this.overflow(call, queue, 'RequiredTargetTimeout');
        return;
      }
      call.routingNotes.push('RequiredTarget did not take the call in time and the queue has no overflow target; any agent may take it now');
      routing.requiredUserId = null;
    }
  }

  /** Leaves the queue for its overflow target (SmartRouting's FailTarget first); none: disconnected. */
  private overflow(call: SimCall, queue: SimQueue, techEvent: QueueOverflowEvent): void {
    const { ctx } = this;
    ctx.clearCallTimer(call, 'maxWait');
    ctx.clearCallTimer(call, 'requiredTarget');
    const target = this.overflowTarget(call, queue, true);
    const leaveReason = techEvent === 'QueueTimeout' ? 'Timeout' : 'Overflow';
    if (!target) {
      ctx.landis?.leaveQueue(call, queue, { reason: leaveReason, target: null });
      this.disconnect(call, queue, 'local', techEvent === 'QueueTimeout' ? 'max_wait_exceeded' : 'no_overflow_target');
      return;
    }
    ctx.calls.leaveQueue(call);
    call.phase = 'transferring';
    // SmartRouting's agent choices were for this queue only.
    call.routing.requiredUserId = null;
    call.routing.preferredUserIds = [];
    this.emit(call, 'QueueCallInOverflow', {
      OverflowApplet: QUEUE_OVERFLOW_APPLET,
      QueueId: queue.id,
      QueueName: queue.name,
      TechEvent: techEvent,
      TechNumber: queue.number,
      TechQueueId: queue.id,
      TechQueueName: queue.name,
      TechSource: 'Queue',
    });
    ctx.status.touchQueue(queue.id);
    ctx.status.flush();
    // The record names where the call went, so it is written as the call leaves (a queue target takes it at once);
    // a call list's request exists only once the transfer made it.
    if (target.type !== 'callList') ctx.landis?.leaveQueue(call, queue, { reason: leaveReason, target });
    ctx.flows.transfer.start(call, { side: 'queue', queue }, target, QUEUE_OVERFLOW_APPLET, 'Overflow');
    if (target.type === 'callList') {
      ctx.landis?.leaveQueue(
        call,
        queue,
        call.callbackId ? { reason: 'CallbackRequested', callbackId: call.callbackId } : { reason: leaveReason, target: null },
      );
    }
  }

  private overflowTarget(call: SimCall, queue: SimQueue, take: boolean): ResolvedTarget | null {
    const fail = take ? takeFailTarget(call, queue.id) : peekFailTarget(call, queue.id);
    return fail ?? resolveOverflowTarget(this.ctx.model, queue.overflowTarget);
  }

  private hasFreeAgent(queueId: string): boolean {
    const queue = this.ctx.model.findQueue(queueId);
    return (
      !!queue &&
      queue.attachedUsers.some((a) => {
        const user = a.active ? this.ctx.model.findUser(a.userId) : undefined;
        return !!user && canTakeQueueCall(this.ctx.model, user);
      })
    );
  }

  /** Someone who could ever answer: an active agent who is Available with a terminal, busy or not. */
  private hasPotentialAgents(queue: SimQueue): boolean {
    return queue.attachedUsers.some((a) => {
      const user = a.active ? this.ctx.model.findUser(a.userId) : undefined;
      return !!user && user.availability === 'Available' && (user.serviceTerminals ?? 1) > 0;
    });
  }

  private queueOf(call: SimCall): SimQueue {
    const queue = call.queueId ? this.ctx.model.findQueue(call.queueId) : undefined;
    if (!queue) throw new Error(`Call ${call.id} is not in a queue`);
    return queue;
  }

  private agentOf(call: SimCall): SimUser {
    const agent = call.userId ? this.ctx.model.findUser(call.userId) : undefined;
    if (!agent) throw new Error(`Call ${call.id} has no agent`);
    return agent;
  }

  private emit<N extends CallEventName>(call: SimCall, eventType: N, values: NoInfer<CallEventValues<N>>): void {
    emitCallEvent(this.ctx.sink, call, eventType, values);
  }
}
