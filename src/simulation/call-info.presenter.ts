import type { CallInfo } from './engine';

/** A call's snapshot in the admin API's PascalCase, like every other resource. */
export function presentCall(info: CallInfo) {
  const d = info.routingDecision;
  return {
    CallId: info.callId,
    LegId: info.legId,
    Kind: info.kind,
    Phase: info.phase,
    Side: info.side,
    QueueId: info.queueId,
    UserId: info.userId,
    CallerNumber: info.callerNumber,
    TargetNumber: info.targetNumber,
    StartedAt: info.startedAt,
    ConnectedAt: info.connectedAt,
    EndedAt: info.endedAt,
    EndReason: info.endReason,
    RoutingDecision: d
      ? {
          Outcome: d.outcome,
          RequestId: d.requestId,
          ...('reason' in d ? { Reason: d.reason } : {}),
          ...('instructions' in d ? { Instructions: d.instructions } : {}),
        }
      : null,
    AppliedRouting: info.appliedRouting,
    PlayedTts: info.playedTts,
    AppliedMsi: info.appliedMsi,
    RoutingNotes: info.routingNotes,
    PriorityOverride: info.priorityOverride,
    ExtraPriority: info.extraPriority,
    RequiredUserId: info.requiredUserId,
    PreferredUserIds: info.preferredUserIds,
    CallBackId: info.callbackId,
  };
}
