import type { SimCall } from './sim-call';
import type { CallInfo } from './simulation.types';

/** The public snapshot of a call; copies, so callers cannot change the simulation's state. */
export function toCallInfo(call: SimCall): CallInfo {
  const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
  return {
    callId: call.id,
    legId: call.legId,
    kind: call.kind,
    phase: call.phase,
    side: call.side,
    queueId: call.queueId,
    userId: call.userId,
    callerNumber: call.callerNumber,
    targetNumber: call.targetNumber,
    startedAt: new Date(call.startedAtMs),
    connectedAt: date(call.connectedAtMs),
    endedAt: date(call.endedAtMs),
    endReason: call.endReason,
    routingDecision: call.decision ? structuredClone(call.decision) : null,
    appliedRouting: call.appliedRouting ? structuredClone(call.appliedRouting) : null,
    playedTts: call.playedTts,
    appliedMsi: call.appliedMsi,
    routingNotes: [...call.routingNotes],
    priorityOverride: call.routing.priorityOverride,
    extraPriority: call.routing.extraPriority,
    requiredUserId: call.routing.requiredUserId,
    preferredUserIds: [...call.routing.preferredUserIds],
    callbackId: call.callbackId,
  };
}
