import type { RoutingDecision, SmartRoutingHook } from '../../smart-routing/routing-instructions';
import type { OrganizationModel, SimQueue } from './organization-model';
import { resolveTargetText, type ResolvedTarget } from './routing-target';
import type { SimCall } from './sim-call';

/** Asks the hook; a rejected promise is default routing with the reason, as an endpoint error would be. */
export async function requestDecision(hook: SmartRoutingHook, call: SimCall, queue: SimQueue): Promise<RoutingDecision | null> {
  try {
    const decision = await hook.decide({
      queueId: queue.id,
      callId: call.id,
      legId: call.legId,
      callerNumber: call.callerNumber,
      targetNumber: call.targetNumber,
      currentUserId: null,
      isInternalCaller: false,
    });
    if (decision?.outcome !== 'applied' || !decision.redact) return decision;
    // Kept on the call, not in its decision: the decision is copied out as data.
    const { redact, ...plain } = decision;
    const earlier = call.redact;
    call.redact = earlier ? (text) => redact(earlier(text)) : redact;
    return plain;
  } catch (error) {
    return { outcome: 'default-error', reason: `SmartRouting hook failed: ${error instanceof Error ? error.message : String(error)}`, requestId: '' };
  }
}

/**
 * Records an applied answer on the call and returns where the call goes first (null: stay in the
 * queue that asked). Targets that match nothing are noted on the call and ignored, as default
 * routing would. RequiredTarget and AllocationTargets apply only when the call goes to a queue.
 * When nothing could be applied, the call's decision says default-unapplied, not applied.
 */
export function applyRoutingInstructions(
  model: OrganizationModel,
  call: SimCall,
  queue: SimQueue,
  decision: Extract<RoutingDecision, { outcome: 'applied' }>,
): ResolvedTarget | null {
  const { instructions } = decision;
  call.appliedRouting = structuredClone(instructions);
  const note = (text: string): void => {
    call.routingNotes.push(text);
  };
  const resolve = (field: string, text: string | undefined): ResolvedTarget | null => {
    if (text === undefined || text.trim() === '') return null;
    const target = resolveTargetText(model, text);
    if (!target) note(`${field} ${JSON.stringify(text)} matches no queue, user, call list or phone number; ignored`);
    return target;
  };

  if (typeof instructions.Priority === 'number' && Number.isFinite(instructions.Priority)) call.routing.priorityOverride = instructions.Priority;
  if (typeof instructions.ExtraPriority === 'number' && Number.isFinite(instructions.ExtraPriority)) call.routing.extraPriority = instructions.ExtraPriority;
  if (instructions.CustomTTS !== undefined) call.playedTts = instructions.CustomTTS;
  if (instructions.CustomMSI !== undefined) call.appliedMsi = instructions.CustomMSI;

  const initial = resolve('InitialTarget', instructions.InitialTarget);
  const failTarget = resolve('FailTarget', instructions.FailTarget);
  if (failTarget) {
    call.routing.failTarget = failTarget;
    call.routing.failTargetFor = initial?.type === 'user' ? initial.user.id : initial?.type === 'queue' ? initial.queue.id : queue.id;
    if (initial && initial.type !== 'user' && initial.type !== 'queue') note('FailTarget ignored: the InitialTarget cannot overflow');
  }

  const targetQueue = initial === null ? queue : initial.type === 'queue' ? initial.queue : null;
  const userTarget = (field: string, text: string): string | null => {
    const user = model.findUser(text);
    if (!user) note(`${field} ${JSON.stringify(text)} is not a user; ignored`);
    return user?.id ?? null;
  };
  if (instructions.RequiredTarget) {
    if (!targetQueue) note('RequiredTarget ignored: it applies only when the InitialTarget is a queue');
    else call.routing.requiredUserId = userTarget('RequiredTarget', instructions.RequiredTarget);
  }
  if (instructions.AllocationTargets?.length) {
    if (!targetQueue) note('AllocationTargets ignored: they apply only when the InitialTarget is a queue');
    else {
      call.routing.preferredUserIds = instructions.AllocationTargets.map((text) => userTarget('AllocationTargets entry', text)).filter(
        (id): id is string => id !== null,
      );
    }
  }
  const effective =
    call.routing.priorityOverride !== null ||
    call.routing.extraPriority !== 0 ||
    call.playedTts !== null ||
    call.appliedMsi !== null ||
    initial !== null ||
    call.routing.failTarget !== null ||
    call.routing.requiredUserId !== null ||
    call.routing.preferredUserIds.length > 0;
  if (!effective) {
    call.appliedRouting = null;
    note('nothing in the answer could be applied: default routing');
    call.decision = { outcome: 'default-unapplied', instructions, reason: call.routingNotes.join('; '), requestId: decision.requestId };
  }
  return initial;
}

/** The FailTarget, once, when the call overflows from the initial target it was given for. */
export function takeFailTarget(call: SimCall, fromId: string): ResolvedTarget | null {
  const target = peekFailTarget(call, fromId);
  if (target) {
    call.routing.failTarget = null;
    call.routing.failTargetFor = null;
  }
  return target;
}

export function peekFailTarget(call: SimCall, fromId: string): ResolvedTarget | null {
  return call.routing.failTargetFor === fromId ? call.routing.failTarget : null;
}
