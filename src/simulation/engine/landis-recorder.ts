import { SeededRandom } from '../../common/seeded-random';
import { PHONE_NUMBER } from '../../common/phone-number';
import { displayNameFromUpn, type LandisCaller, type LandisCallIdentity, type LandisTransferTarget } from '../../landis/landis-call-facts';
import { buildIvrWebhookData, type LandisIvrOutcome } from '../../landis/landis-ivr-cdr';
import { buildQueueWebhookData, type LandisAgent, type LandisQueueTransfer } from '../../landis/landis-queue-cdr';
import type { LandisOutput } from './landis-output';
import type { OrganizationModel, SimIvr, SimQueue, SimUser } from './organization-model';
import type { ResolvedTarget } from './routing-target';
import type { SimulationClock } from './scheduler';
import type { LandisParent, SimCall } from './sim-call';

/** The 80/20 rule's 20 s: a queue's service level when it names none. */
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

/** How a call left a queue, as App.QueueWebhook's LeaveReason and transfer fields tell it. */
export type QueueLeave =
  | { reason: 'Answered' | 'CallerHungUp' }
  /** The queue's timeout or overflow action: a target, or null when the call is disconnected. */
  | { reason: 'Timeout' | 'Overflow'; target: ResolvedTarget | null }
  | { reason: 'CallbackRequested'; callbackId: string };

/** How a call left an IVR: transferred to a target, or the caller hung up (the IVR ended it). */
export type IvrLeave = { target: Exclude<ResolvedTarget, { type: 'callList' | 'disconnect' }> | { type: 'ivr'; ivr: SimIvr } } | { target: null };

const entraIds = new Map<string, string>();

/** The Entra ID object id of an organisation user: the model has none, so it derives from the user id (stable everywhere). */
export function entraObjectId(userId: string): string {
  let id = entraIds.get(userId);
  if (!id) {
    id = new SeededRandom(`entra:${userId}`).uuid();
    entraIds.set(userId, id);
  }
  return id;
}

/**
 * Turns a call's stays in queues and IVRs into Landis CDRs, built by the pure producers in
 * src/landis and handed to the LandisOutput. Each record of a call has a number (in the order
 * the call left its queues and IVRs); its ids come from the call's seed and that number only, so
 * they do not depend on other calls, on Enreach events, or on which records anyone subscribed to.
 */
export class LandisRecorder {
  constructor(
    private readonly model: OrganizationModel,
    private readonly clock: SimulationClock,
    private readonly output: LandisOutput,
    private readonly idLabel: string,
  ) {}

  enterQueue(call: SimCall, queue: SimQueue): void {
    call.queueStay = { queueId: queue.id, enteredAtMs: this.clock.nowMs(), parent: call.landisParent };
  }

  /** The call leaves its queue; a call that never entered one (SmartRouting sent it elsewhere first) has no record. */
  leaveQueue(call: SimCall, queue: SimQueue, leave: QueueLeave): void {
    const stay = call.queueStay;
    if (!stay || stay.queueId !== queue.id) return;
    call.queueStay = null;
    const seq = this.next(call, leave.reason === 'Timeout' || leave.reason === 'Overflow' ? leave.target : null, queue.name);
    if (!this.output.wants('App.QueueWebhook')) return;
    this.safely(call, () => {
      const ids = this.recordRandom(call, seq);
      const callId = ids.uuid();
      const agent = leave.reason === 'Answered' ? this.agent(call) : null;
      const data = buildQueueWebhookData({
        ...this.identity(call, callId, queue.ouPath, stay.parent),
        queue: { id: queue.id, name: queue.name, serviceLevelMs: (queue.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS) * 1000 },
        enteredAt: new Date(stay.enteredAtMs),
        connectedAt: agent && call.connectedAtMs !== null ? new Date(call.connectedAtMs) : null,
        endedAt: new Date(this.clock.nowMs()),
        agent,
        leaveReason: leave.reason,
        transfer: leave.reason === 'Timeout' || leave.reason === 'Overflow' ? queueTransfer(leave.target) : null,
        callbackRequestId: leave.reason === 'CallbackRequested' ? leave.callbackId : null,
      });
      this.output.publish({ webhookEvent: 'App.QueueWebhook', data, createdAt: new Date(this.clock.nowMs()), id: ids.uuid() });
    });
  }

  /** The call leaves the IVR it is in. */
  leaveIvr(call: SimCall, ivr: SimIvr, leave: IvrLeave): void {
    const visit = call.ivr;
    if (!visit) return;
    call.ivr = null;
    const seq = this.next(call, leave.target, ivr.name);
    if (!this.output.wants('App.IvrWebhook')) return;
    this.safely(call, () => {
      const ids = this.recordRandom(call, seq);
      const callId = ids.uuid();
      const envelopeId = ids.uuid();
      const data = buildIvrWebhookData({
        ...this.identity(call, callId, ivr.ouPath, visit.parent),
        ivr: { id: ivr.id, name: ivr.name },
        startedAt: new Date(visit.enteredAtMs),
        endedAt: new Date(this.clock.nowMs()),
        inputs: visit.inputs.map((input) => ({
          id: ids.uuid(),
          at: new Date(input.atMs),
          blockName: input.blockName,
          blockType: input.blockType,
          parameterName: input.parameterName,
          parameterValue: input.value,
        })),
        dataValues: visit.dataValues,
        outcome: ivrOutcome(leave),
      });
      this.output.publish({ webhookEvent: 'App.IvrWebhook', data, createdAt: new Date(this.clock.nowMs()), id: envelopeId });
    });
  }

  /** Numbers the record; a transfer to a queue or IVR makes it the parent of the next one. */
  private next(call: SimCall, target: ResolvedTarget | { type: 'ivr'; ivr: SimIvr } | null, name: string): number {
    const seq = call.landisSeq++;
    call.landisParent = target?.type === 'queue' || target?.type === 'ivr' ? { seq, name } : null;
    return seq;
  }

  private recordRandom(call: SimCall, seq: number): SeededRandom {
    return call.root.fork(`${this.idLabel}:landis:${seq}`);
  }

  private identity(call: SimCall, callId: string, ouPath: string | undefined, parent: LandisParent | null): LandisCallIdentity {
    return {
      callId,
      // The Teams call id: the Enreach CallId of the same simulated call, so a receiver of both platforms can join them.
      scenarioId: call.id,
      direction: 'Inbound',
      caller: this.caller(call),
      ouPath: ouPath ?? this.model.defaultOuPath,
      parentId: parent ? this.recordRandom(call, parent.seq).uuid() : null,
      from: parent ? parent.name : null,
    };
  }

  /** An organisation user calling from Teams is known by name and UPN (no number); anyone else is a PSTN number. */
  private caller(call: SimCall): LandisCaller {
    const user = this.model.findUserByNumber(call.callerNumber);
    if (user) return { name: displayNameFromUpn(user.userName), adId: entraObjectId(user.id), upn: user.userName, number: null };
    if (PHONE_NUMBER.test(call.callerNumber)) return { name: null, adId: null, upn: null, number: call.callerNumber };
    return { name: call.callerNumber, adId: null, upn: null, number: null };
  }

  private agent(call: SimCall): LandisAgent | null {
    const user = call.userId ? this.model.findUser(call.userId) : undefined;
    return user ? agentOf(user) : null;
  }

  private safely(call: SimCall, build: () => void): void {
    try {
      build();
    } catch (e) {
      this.output.failed?.(e, call.id);
    }
  }
}

function agentOf(user: SimUser): LandisAgent {
  return { id: user.id, adId: entraObjectId(user.id), name: displayNameFromUpn(user.userName), upn: user.userName };
}

function transferTarget(target: Exclude<ResolvedTarget, { type: 'callList' | 'disconnect' }> | { type: 'ivr'; ivr: SimIvr }): LandisTransferTarget {
  switch (target.type) {
    case 'queue':
      return { type: 'Queue', toId: target.queue.id, toName: target.queue.name };
    case 'user':
      return { type: 'User', toId: target.user.id, toName: displayNameFromUpn(target.user.userName) };
    case 'ivr':
      return { type: 'IVR', toId: target.ivr.id, toName: target.ivr.name };
    case 'external':
      return { type: 'ExternalNumber', number: target.number };
  }
}

function queueTransfer(target: ResolvedTarget | null): LandisQueueTransfer {
  // A call list as the action is CallbackRequested, not a transfer; the caller of leaveQueue says so.
  if (!target || target.type === 'disconnect' || target.type === 'callList') return { type: 'Disconnect' };
  return transferTarget(target);
}

function ivrOutcome(leave: IvrLeave): LandisIvrOutcome {
  return leave.target ? transferTarget(leave.target) : { type: 'None' };
}
