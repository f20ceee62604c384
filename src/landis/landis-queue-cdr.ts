import { formatTimeSpan } from './abp-json';
import {
  cdrHead,
  cdrOrigin,
  LandisFactsError,
  millisecondsBetween,
  optionalGuid,
  requireGuid,
  requireText,
  transferTarget,
  type LandisCallIdentity,
  type LandisTransferTarget,
} from './landis-call-facts';
import type { LANDIS_LEAVE_REASONS, LANDIS_QUEUE_TRANSFER_TYPES } from './landis-catalog.data';
import type { LandisQueueWebhookData } from './landis.types';

/** App.QueueWebhook Data from a finished queue call. */

export type LandisLeaveReason = (typeof LANDIS_LEAVE_REASONS)[number];
export type LandisQueueTransferType = Exclude<(typeof LANDIS_QUEUE_TRANSFER_TYPES)[number], 'None'>;

export interface LandisAgent {
  /** Landis's internal agent id. */
  id: string;
  /** Entra ID object id. */
  adId: string;
  name: string;
  upn: string;
}

/** The queue's timeout or overflow action. Queue, User and IVR targets have an id; a number is the name. */
export type LandisQueueTransfer = LandisTransferTarget | { type: 'Voicemail'; mailbox: string } | { type: 'Disconnect' };

export interface LandisQueueCallFacts extends LandisCallIdentity {
  queue: { id: string; name: string; /** Answered within this wait meets the service level. */ serviceLevelMs: number };
  /** When the call entered the queue (StartDateTime). */
  enteredAt: Date;
  /** When an agent connected; null when none did. */
  connectedAt: Date | null;
  endedAt: Date;
  /** The agent who connected; exactly when connectedAt is set. */
  agent: LandisAgent | null;
  leaveReason: LandisLeaveReason;
  /** Set exactly when the call left by Timeout or Overflow. */
  transfer: LandisQueueTransfer | null;
  /** The callback request the caller left (CallbackRequested) or that this call serves; else null. */
  callbackRequestId: string | null;
}

function checkConsistency(facts: LandisQueueCallFacts): void {
  const answered = facts.leaveReason === 'Answered';
  if (answered !== (facts.connectedAt !== null) || answered !== (facts.agent !== null)) {
    throw new LandisFactsError('an Answered call has connectedAt and agent; a call that left otherwise has neither');
  }
  const byAction = facts.leaveReason === 'Timeout' || facts.leaveReason === 'Overflow';
  if (byAction !== (facts.transfer !== null)) {
    throw new LandisFactsError('transfer is the Timeout or Overflow action: set for those leave reasons and only for them');
  }
  if (facts.leaveReason === 'CallbackRequested' && facts.callbackRequestId === null) {
    throw new LandisFactsError('a CallbackRequested call needs its callbackRequestId');
  }
  if (!(Number.isFinite(facts.queue.serviceLevelMs) && facts.queue.serviceLevelMs >= 0)) {
    throw new LandisFactsError('queue.serviceLevelMs must be a non-negative number');
  }
}

function transferFields(transfer: LandisQueueTransfer | null): Pick<LandisQueueWebhookData, 'TransferType' | 'TransferToId' | 'TransferToName'> {
  if (transfer === null) return { TransferType: 'None', TransferToId: null, TransferToName: null };
  switch (transfer.type) {
    case 'Voicemail':
      return { TransferType: 'Voicemail', TransferToId: null, TransferToName: requireText(transfer.mailbox, 'transfer.mailbox') };
    case 'Disconnect':
      return { TransferType: 'Disconnect', TransferToId: null, TransferToName: null };
    default: {
      const target = transferTarget(transfer);
      return { TransferType: target.type, TransferToId: target.id, TransferToName: target.name };
    }
  }
}

export function buildQueueWebhookData(facts: LandisQueueCallFacts): LandisQueueWebhookData {
  checkConsistency(facts);
  const waitEnd = facts.connectedAt ?? facts.endedAt;
  const waitMs = millisecondsBetween(facts.enteredAt, waitEnd, 'wait time');
  const talkMs = facts.connectedAt === null ? 0 : millisecondsBetween(facts.connectedAt, facts.endedAt, 'talk time');
  const agent = facts.agent;
  return {
    ...cdrHead(facts, facts.enteredAt, facts.endedAt),
    WaitTime: formatTimeSpan(waitMs),
    TalkTime: formatTimeSpan(talkMs),
    QueueId: requireGuid(facts.queue.id, 'queue.id'),
    QueueName: requireText(facts.queue.name, 'queue.name'),
    ...cdrOrigin(facts),
    MetServiceLevel: facts.connectedAt !== null && waitMs <= facts.queue.serviceLevelMs,
    AgentName: agent && requireText(agent.name, 'agent.name'),
    AgentUpn: agent && requireText(agent.upn, 'agent.upn'),
    AgentId: agent && requireGuid(agent.id, 'agent.id'),
    AgentAdId: agent && requireGuid(agent.adId, 'agent.adId'),
    CallbackRequestId: optionalGuid(facts.callbackRequestId, 'callbackRequestId'),
    LeaveReason: facts.leaveReason,
    ...transferFields(facts.transfer),
  };
}
