import { redactStrings } from '../../common/secret-redaction';
import type { SimCall } from './sim-call';
import type { CallInfo } from './simulation.types';

/** What the call shows of a SmartRouting answer, with any credential the endpoint echoed masked. */
function routingShown(call: SimCall): Pick<CallInfo, 'routingDecision' | 'appliedRouting' | 'playedTts' | 'appliedMsi' | 'routingNotes'> {
  const shown = {
    routingDecision: call.decision ? structuredClone(call.decision) : null,
    appliedRouting: call.appliedRouting ? structuredClone(call.appliedRouting) : null,
    playedTts: call.playedTts,
    appliedMsi: call.appliedMsi,
    routingNotes: [...call.routingNotes],
  };
  const redact = call.redact;
  if (!redact) return shown;
  const d = shown.routingDecision;
  return {
    // Outcome and request id as they are: a short credential must not mangle them.
    routingDecision: d && {
      ...d,
      ...('instructions' in d ? { instructions: redactStrings(d.instructions, redact) } : {}),
      ...('reason' in d ? { reason: redact(d.reason) } : {}),
    },
    appliedRouting: redactStrings(shown.appliedRouting, redact),
    playedTts: shown.playedTts && redact(shown.playedTts),
    appliedMsi: shown.appliedMsi && redact(shown.appliedMsi),
    routingNotes: shown.routingNotes.map(redact),
  };
}

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
    ...routingShown(call),
    priorityOverride: call.routing.priorityOverride,
    extraPriority: call.routing.extraPriority,
    requiredUserId: call.routing.requiredUserId,
    preferredUserIds: [...call.routing.preferredUserIds],
    callbackId: call.callbackId,
  };
}
