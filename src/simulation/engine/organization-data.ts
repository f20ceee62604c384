import type { AVAILABILITY_VALUES, CALLBACK_TYPE_VALUES, OPEN_STATUS_VALUES } from '../../catalog/enums';
import type { IvrData } from '../../common/ivr-rules';

/** IVRs are shared with the admin API, so their shape and rules live in common/ivr-rules. */
export type { IvrBlock, IvrBlockType, IvrData, IvrMenuOption, IvrNext } from '../../common/ivr-rules';

/**
 * The organisation as plain data: what a database or a JSON document holds, with no runtime
 * state. OrganizationModel wraps it with lookups and the per-user runtime state.
 */

export type Availability = (typeof AVAILABILITY_VALUES)[number];
export type OpenStatus = (typeof OPEN_STATUS_VALUES)[number];
export type CallbackTypeId = (typeof CALLBACK_TYPE_VALUES)[number];

export interface OrganizationInfo {
  id: string;
  name: string;
}

/** Where a call goes when it overflows from a queue or a user. */
export type OverflowTarget =
  { type: 'queue'; queueId: string } | { type: 'user'; userId: string } | { type: 'external'; number: string } | { type: 'callList'; callListId: string };

export interface UserData {
  id: string;
  /** E-mail-like, unique in the organisation (compared case-insensitively). */
  userName: string;
  /** The user's own (work) number, E.164. */
  number: string;
  availability: Availability;
  /** Active terminals (UserStatus.ServiceTerminals); with none, no call can be allocated. Default 1. */
  serviceTerminals?: number;
  /** "Serving_CallbackLists"; default: true when the user is active in any call list. */
  servingCallbackLists?: boolean;
  /** Where the user's direct calls overflow (DND, OffWork, no answer...); null: the call is disconnected. */
  overflowTarget?: OverflowTarget | null;
  /** "Transfer all": every direct call goes straight to the overflow target (Reason TransferAll). */
  forwardAll?: boolean;
}

export interface QueueAttachment {
  userId: string;
  /** Allocation order among free agents: a lower number is offered calls first. */
  priority: number;
  active: boolean;
}

export interface ServiceQueueData {
  id: string;
  name: string;
  number: string;
  attachedUsers: QueueAttachment[];
  /** 0 disables wrap-up for the queue's calls. */
  wrapUpSeconds: number;
  /** A queuing call overflows (or, with no overflow target, is disconnected) after this long; > 0. */
  maxWaitSeconds: number;
  overflowTarget: OverflowTarget | null;
  /** Queue priority in seconds: added to each call's waited time when calls compete for agents. */
  priority: number;
  /** QueueStatus.OpenStatus; default 5 (Open). A queue that is not open refuses transferred calls. */
  openStatus?: OpenStatus;
  /** Landis OUPath of the queue's records; default "/" + the organisation's name. */
  ouPath?: string;
  /** Landis service level: a call an agent answers within this wait meets it. Default 20 (the 80/20 rule's 20 s). */
  serviceLevelSeconds?: number;
}

export interface CallListAttachment {
  userId: string;
  active: boolean;
}

export interface CallListData {
  id: string;
  name: string;
  isAutoAllocate: boolean;
  attachedUsers: CallListAttachment[];
}

export interface CallbackAttemptData {
  id: string;
  /** CallbackAttemptTypeId; see CALLBACK_ATTEMPT_RESULTS. */
  typeId: number | null;
  note: string | null;
  timestamp: Date;
  userId: string | null;
}

export interface CallbackExtraData {
  id: number;
  name: string;
  value: string;
}

export interface CallbackRequestData {
  id: string;
  callListId: string;
  typeId: CallbackTypeId;
  contactNumber: string;
  contactName: string | null;
  contactMessage: string | null;
  note: string | null;
  /** The call that prompted the request (overflown calls). */
  callId: string | null;
  /** The channel (usually the queue's name) the request came in through. */
  channelIn: string | null;
  creationTime: Date;
  modified: Date;
  dueDate: Date | null;
  expiryDate: Date | null;
  notBefore: Date | null;
  assignedUserId: string | null;
  lastModifiedUserId: string | null;
  calculatedPriority: string;
  classificationId: string | null;
  recordingId: string | null;
  transcriptId: string | null;
  attempts: CallbackAttemptData[];
  extras: CallbackExtraData[];
  closed: boolean;
}

export interface OrganizationData {
  organization: OrganizationInfo;
  users: UserData[];
  queues: ServiceQueueData[];
  callLists: CallListData[];
  callbacks?: CallbackRequestData[];
  ivrs?: IvrData[];
}
