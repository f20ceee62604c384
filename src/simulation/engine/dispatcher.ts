import type { OrganizationModel, SimQueue, SimUser } from './organization-model';
import type { SimCall } from './sim-call';
import { canTakeQueueCall } from './user-status';

/**
 * Allocation order, as SmartRouting describes priorities: a call's effective age is the seconds it
 * has waited plus its priority (the queue's, or SmartRouting's Priority override) plus its
 * ExtraPriority. The oldest effective age is offered an agent first; ties go to the earlier arrival.
 */
export function effectiveAgeSeconds(call: SimCall, queue: SimQueue, nowMs: number): number {
  const priority = call.routing.priorityOverride ?? queue.priority;
  return (nowMs - call.arrivedAtMs) / 1000 + priority + call.routing.extraPriority;
}

export interface RankedCall {
  call: SimCall;
  queue: SimQueue;
  effectiveAge: number;
}

export function rankWaitingCalls(model: OrganizationModel, waiting: readonly SimCall[], nowMs: number): RankedCall[] {
  const ranked: RankedCall[] = [];
  for (const call of waiting) {
    const queue = call.queueId ? model.findQueue(call.queueId) : undefined;
    if (queue) ranked.push({ call, queue, effectiveAge: effectiveAgeSeconds(call, queue, nowMs) });
  }
  return ranked.sort((a, b) => b.effectiveAge - a.effectiveAge || a.call.arrivalSequence - b.call.arrivalSequence);
}

/**
 * The agent to offer the call: an active, free agent of its queue that has not let it ring out.
 * A RequiredTarget admits only that agent. Otherwise SmartRouting's AllocationTargets come first
 * in their order, then the queue priority (lower first), then the longest idle, then attach order.
 */
export function pickAgent(model: OrganizationModel, call: SimCall, queue: SimQueue): SimUser | null {
  const preferred = call.routing.preferredUserIds;
  let best: SimUser | null = null;
  let bestRank: number[] = [];
  for (const [index, attachment] of queue.attachedUsers.entries()) {
    if (!attachment.active || call.refusedBy.has(attachment.userId)) continue;
    if (call.routing.requiredUserId && attachment.userId !== call.routing.requiredUserId) continue;
    const user = model.findUser(attachment.userId);
    if (!user || !canTakeQueueCall(model, user)) continue;
    const preferredAt = preferred.indexOf(user.id);
    const rank = [preferredAt < 0 ? Number.MAX_SAFE_INTEGER : preferredAt, attachment.priority, user.runtime.idleSinceMs, index];
    if (!best || compareRanks(rank, bestRank) < 0) {
      best = user;
      bestRank = rank;
    }
  }
  return best;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
