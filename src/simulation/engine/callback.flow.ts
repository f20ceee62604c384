import { CALLBACK_TYPE } from '../../catalog/enums';
import { formatDotNetTimestamp } from '../../catalog/dotnet-timestamp';
import type { EventValues } from './event-sink';
import type { CallbackExtraData, CallbackRequestData, CallbackTypeId } from './organization-data';
import type { SimCallList } from './organization-model';
import type { SimContext } from './sim-context';
import type { SimCall } from './sim-call';

/**
 * Attempt result types (CallbackAttemptTypeId). The seed leaves the values undefined; these are
 * the emulator's own, documented in docs/call-flows.md.
 */
export const CALLBACK_ATTEMPT_RESULTS = {
  Reached: 1,
  NoAnswer: 2,
  Busy: 3,
  WrongNumber: 4,
  CallLater: 5,
  LeftMessage: 6,
} as const;
export type CallbackAttemptResult = keyof typeof CALLBACK_ATTEMPT_RESULTS;

export interface CreateCallbackInput {
  contactNumber: string;
  contactName?: string | null;
  contactMessage?: string | null;
  note?: string | null;
  dueDate?: Date | null;
  expiryDate?: Date | null;
  notBefore?: Date | null;
  /** Extra name-value fields, numbered 1.. in the given order. */
  extras?: ReadonlyArray<{ name: string; value: string }>;
  /** 1 explicit callback request (default) or 3 created manually; 2 comes only from overflown calls. */
  typeId?: 1 | 3;
  calculatedPriority?: string;
}

const fmt = (date: Date | null): string | null => (date ? formatDotNetTimestamp(date) : null);
const normaliseNumber = (number: string): string => number.replace(/[\s-]/g, '');

/** Callback requests: each change emits CallbackChanged and marks the lists' status for re-evaluation. */
export class CallbackFlow {
  constructor(private readonly ctx: SimContext) {}

  create(
    id: string,
    list: SimCallList,
    input: CreateCallbackInput,
    origin: { typeId: CallbackTypeId; callId: string | null; channelIn: string | null },
  ): CallbackRequestData {
    const now = this.ctx.clock.now();
    const extras: CallbackExtraData[] = (input.extras ?? []).map((extra, index) => ({ id: index + 1, name: extra.name, value: extra.value }));
    const request = this.ctx.model.addCallback({
      id,
      callListId: list.id,
      typeId: origin.typeId,
      contactNumber: input.contactNumber,
      contactName: input.contactName ?? null,
      contactMessage: input.contactMessage ?? null,
      // An empty note is null, as the attempts' notes: one property never mixes "" and null.
      note: input.note || null,
      callId: origin.callId,
      channelIn: origin.channelIn,
      creationTime: now,
      modified: now,
      dueDate: input.dueDate ?? null,
      expiryDate: input.expiryDate ?? null,
      notBefore: input.notBefore ?? null,
      assignedUserId: null,
      lastModifiedUserId: null,
      calculatedPriority: input.calculatedPriority ?? '0',
      classificationId: null,
      recordingId: null,
      transcriptId: null,
      attempts: [],
      extras,
      closed: false,
    });
    this.armExpiry(request);
    this.changed(request);
    return request;
  }

  /** An open request with an ExpiryDate closes itself then ("automatically expires if not closed"). */
  armExpiry(request: CallbackRequestData): void {
    if (!request.expiryDate || request.closed) return;
    this.ctx.runAt(request.expiryDate.getTime(), `callback expiry ${request.id}`, () => {
      if (!request.closed) this.close(request, null);
    });
  }

  /** An overflown call left in a call list (TypeId 2): the caller is to be called back. */
  createFromCall(call: SimCall, list: SimCallList, channelIn: string, calculatedPriority: string): CallbackRequestData {
    return this.create(
      call.ids.uuid(),
      list,
      { contactNumber: call.callerNumber, calculatedPriority },
      { typeId: CALLBACK_TYPE.OverflownCall, callId: call.id, channelIn },
    );
  }

  attempt(request: CallbackRequestData, userId: string, result: CallbackAttemptResult, note: string | null): void {
    const now = this.ctx.clock.now();
    request.attempts.push({ id: this.streams(request).ids.uuid(), typeId: CALLBACK_ATTEMPT_RESULTS[result], note: note || null, timestamp: now, userId });
    request.modified = now;
    request.lastModifiedUserId = userId;
    this.changed(request);
  }

  /** userId null unassigns. `byUserId` null: the change is made by an admin (LastModifiedUserId null). */
  assign(request: CallbackRequestData, userId: string | null, byUserId: string | null): void {
    request.assignedUserId = userId;
    request.modified = this.ctx.clock.now();
    request.lastModifiedUserId = byUserId;
    this.changed(request);
  }

  /** Closed by a user, an admin (null) or expiry (null). The payload has no closed flag; see docs. */
  close(request: CallbackRequestData, byUserId: string | null): void {
    request.closed = true;
    request.modified = this.ctx.clock.now();
    request.lastModifiedUserId = byUserId;
    this.changed(request);
  }

  values(request: CallbackRequestData): EventValues<'CallbackChanged'> {
    const last = request.attempts.at(-1);
    return {
      AssignedUserId: request.assignedUserId,
      CalculatedPriority: request.calculatedPriority,
      CallbackAttempts: request.attempts.map((a) => ({
        CallbackAttemptTypeId: a.typeId,
        Id: a.id,
        Note: a.note,
        Timestamp: fmt(a.timestamp),
        UserId: a.userId,
      })),
      CallbackExtras: request.extras.map((e) => ({ Id: e.id, Name: e.name, Value: e.value })),
      CallBackId: request.id,
      CallbackRelatedItems: this.relatedItems(request),
      CallId: request.callId,
      CallListId: request.callListId,
      ChannelIn: request.channelIn,
      ClassificationId: request.classificationId,
      ContactMessage: request.contactMessage ?? '',
      ContactName: request.contactName ?? '',
      ContactNumber: request.contactNumber,
      CreationTime: formatDotNetTimestamp(request.creationTime),
      DueDate: fmt(request.dueDate),
      ExpiryDate: fmt(request.expiryDate),
      LastAttemptNote: last ? last.note : null,
      LastAttemptTimestamp: last ? fmt(last.timestamp) : null,
      LastAttemptTypeId: last ? last.typeId : null,
      LastAttemptUserId: last ? last.userId : null,
      LastModifiedUserId: request.lastModifiedUserId,
      Modified: formatDotNetTimestamp(request.modified),
      NotBefore: fmt(request.notBefore),
      Note: request.note,
      RecordingId: request.recordingId,
      TranscriptId: request.transcriptId,
      TypeId: request.typeId,
    };
  }

  /** Other requests for the same contact number, open or closed, in any list. */
  private relatedItems(request: CallbackRequestData): EventValues<'CallbackChanged'>['CallbackRelatedItems'] {
    const number = normaliseNumber(request.contactNumber);
    return this.ctx.model.callbackList
      .filter((other) => other.id !== request.id && normaliseNumber(other.contactNumber) === number)
      .map((other) => ({ Id: other.id, IsClosed: other.closed, ListId: other.callListId, StatusId: other.attempts.at(-1)?.typeId ?? null }));
  }

  private changed(request: CallbackRequestData): void {
    this.ctx.sink.emit('CallbackChanged', this.values(request), this.streams(request));
    this.ctx.flows.listStatus.markChanged();
  }

  private streams(request: CallbackRequestData) {
    return this.ctx.streams(`callback:${request.id}`);
  }
}
