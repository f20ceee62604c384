import { OPEN_STATUS } from '../../catalog/enums';
import { emitCallEvent } from './event-sink';
import type { SimQueue, SimUser } from './organization-model';
import { personalQueue, targetRef, type ResolvedTarget } from './routing-target';
import type { SimContext } from './sim-context';
import type { SimCall } from './sim-call';

/** Where a transfer leaves from: it decides whether Queue* or User* transfer events describe it. */
export type TransferOrigin = { side: 'queue'; queue: SimQueue } | { side: 'user'; user: SimUser };

/** TransferSource values the emulator reports. */
export type TransferSource = 'Overflow' | 'SmartRouting';

/**
 * Moves a call to its next target: TransferStarted, then TransferConnected (an internal target
 * takes the call at once; an external number when it answers) or TransferCancelled followed by a
 * disconnect. After TransferConnected the call belongs to the target: a queue or user continues
 * the call with its own events, a call list turns it into a callback request, an external number
 * takes it out of the organisation's view.
 */
export class TransferFlow {
  constructor(private readonly ctx: SimContext) {}

  start(call: SimCall, from: TransferOrigin, target: ResolvedTarget, applet: string, source: TransferSource): void {
    const { ctx } = this;
    if (target.type === 'disconnect') {
      this.disconnectAtOrigin(call, from, 'target_disconnect');
      return;
    }
    call.phase = 'transferring';
    call.hops++;
    const ref = targetRef(target);
    this.emitStarted(call, from, ref, applet, source);
    if (call.hops > ctx.settings.maxRoutingHops) {
      this.cancel(call, from, applet, 'RoutingLoop', `more than ${ctx.settings.maxRoutingHops} transfers`);
      return;
    }
    switch (target.type) {
      case 'queue': {
        const open = target.queue.openStatus ?? OPEN_STATUS.Open;
        if (open !== OPEN_STATUS.Open && open !== OPEN_STATUS.OpenUncertain) {
          this.cancel(call, from, applet, 'TargetClosed', `queue ${target.queue.name} is not open`);
          return;
        }
        this.emitConnected(call, from, ref, applet, source);
        ctx.flows.queue.arrive(call, target.queue);
        return;
      }
      case 'user':
        this.emitConnected(call, from, ref, applet, source);
        ctx.flows.user.arrive(call, target.user);
        return;
      case 'callList': {
        this.emitConnected(call, from, ref, applet, source);
        const channel = from.side === 'queue' ? from.queue.name : personalQueue(from.user).name;
        const priority = from.side === 'queue' ? (call.routing.priorityOverride ?? from.queue.priority) + call.routing.extraPriority : 0;
        const request = ctx.flows.callbacks.createFromCall(call, target.callList, channel, String(priority));
        call.callbackId = request.id;
        ctx.endCall(call, 'callback requested');
        return;
      }
      case 'external':
        if (call.script.transferAnswers) {
          ctx.callTimer(call, 'transfer', call.script.answerAfterSeconds * 1000, () => {
            this.emitConnected(call, from, ref, applet, source);
            ctx.endCall(call, `transferred to ${target.number}`);
          });
        } else {
          ctx.callTimer(call, 'transfer', ctx.settings.ringTimeoutSeconds * 1000, () =>
            this.cancel(call, from, applet, 'NoAnswer', `${target.number} did not answer`),
          );
        }
    }
  }

  private cancel(call: SimCall, from: TransferOrigin, applet: string, reason: string, detailedReason: string): void {
    if (from.side === 'queue') {
      const { queue } = from;
      emitCallEvent(this.ctx.sink, call, 'QueueCallInTransferCancelled', {
        DetailedReason: detailedReason,
        QueueId: queue.id,
        QueueName: queue.name,
        Reason: reason,
        TechQueueId: queue.id,
        TechQueueName: queue.name,
        TechSource: 'Queue',
        TransferApplet: applet,
      });
    } else {
      const { user } = from;
      const techQueue = personalQueue(user);
      emitCallEvent(this.ctx.sink, call, 'UserCallInTransferCancelled', {
        DetailedReason: detailedReason,
        Reason: reason,
        TechQueueId: techQueue.id,
        TechQueueName: techQueue.name,
        TechSource: 'User',
        TransferApplet: applet,
        UserId: user.id,
        Username: user.userName,
      });
    }
    this.disconnectAtOrigin(call, from, 'transfer_cancelled');
  }

  private disconnectAtOrigin(call: SimCall, from: TransferOrigin, techReason: string): void {
    if (from.side === 'queue') this.ctx.flows.queue.disconnect(call, from.queue, 'local', techReason);
    else this.ctx.flows.user.disconnect(call, from.user, 'local', techReason);
  }

  private emitStarted(call: SimCall, from: TransferOrigin, ref: string, applet: string, source: TransferSource): void {
    if (from.side === 'queue') {
      const { queue } = from;
      emitCallEvent(this.ctx.sink, call, 'QueueCallInTransferStarted', {
        QueueId: queue.id,
        QueueName: queue.name,
        TechQueueId: queue.id,
        TechQueueName: queue.name,
        TechType: 'Queue',
        TransferApplet: applet,
        TransferSource: source,
        TransferTarget: ref,
      });
      return;
    }
    const { user } = from;
    const techQueue = personalQueue(user);
    emitCallEvent(this.ctx.sink, call, 'UserCallInTransferStarted', {
      TechQueueId: techQueue.id,
      TechQueueName: techQueue.name,
      TechSource: 'User',
      TransferApplet: applet,
      TransferSource: source,
      TransferTarget: ref,
      UserId: user.id,
      Username: user.userName,
    });
  }

  private emitConnected(call: SimCall, from: TransferOrigin, ref: string, applet: string, source: TransferSource): void {
    if (from.side === 'queue') {
      const { queue } = from;
      emitCallEvent(this.ctx.sink, call, 'QueueCallInTransferConnected', {
        ConnectedTarget: ref,
        QueueId: queue.id,
        QueueName: queue.name,
        TechQueueId: queue.id,
        TechQueueName: queue.name,
        TechSource: 'Queue',
        TransferApplet: applet,
      });
      return;
    }
    const { user } = from;
    const techQueue = personalQueue(user);
    emitCallEvent(this.ctx.sink, call, 'UserCallInTransferConnected', {
      ConnectedTarget: ref,
      TechQueueId: techQueue.id,
      TechQueueName: techQueue.name,
      TechSource: 'User',
      TransferApplet: applet,
      TransferSource: source,
      UserId: user.id,
      Username: user.userName,
    });
  }
}
