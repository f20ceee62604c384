import type { EventTypeDefinition, EventValueType } from './catalog.types';
import { CALLBACK_TYPE_VALUES } from './enums';

/**
 * CallList events: the seed's "CallList" section, in its order.
 * Copied from the seed tables: property names, order, types and descriptions verbatim (typos
 * included), except `String` which is written `string`. seed-conformance.spec.ts re-reads the
 * seed and fails on any drift.
 */
export const CALLLIST_EVENTS = [
  {
    name: 'CallbackChanged',
    entityType: 'CallList',
    entityIdProperty: 'CallListId',
    description: 'Produced when a callback request changes (is created, updated, closed etc).',
    properties: [
      { name: 'AssignedUserId', type: 'Guid?', description: 'Id of user the callback is currently assigned' },
      { name: 'CalculatedPriority', type: 'string', description: 'Calculated priority' },
      { name: 'CallbackAttempts', type: 'List<CallbackAttempt>', description: 'History of all handling attempts' },
      { name: 'CallbackExtras', type: 'List<CallbackExtra>', description: 'Extra name-value fields' },
      { name: 'CallBackId', type: 'Guid', description: 'CallBack Id this event relates to.' },
      { name: 'CallbackRelatedItems', type: 'List<CallbackRelatedItem>', description: 'List of cases related to this case' },
      { name: 'CallId', type: 'Guid?', description: 'The id of the original call that prompted the creation of this request' },
      { name: 'CallListId', type: 'Guid', description: 'Id of the CallList for this CallBack' },
      { name: 'ChannelIn', type: 'string', description: 'Name of the channel (usually service pool) the request came in through' },
      { name: 'ClassificationId', type: 'Guid?', description: 'If the case has been classified, id of the classification entry' },
      { name: 'ContactMessage', type: 'string', description: 'Any message left by the contact (usually empty)' },
      { name: 'ContactName', type: 'string', description: 'Contact name (usually empty)' },
      { name: 'ContactNumber', type: 'string', description: 'Contact number that is supposed to be calld' },
      { name: 'CreationTime', type: 'DateTime', description: 'WHen the request was initially created' },
      { name: 'DueDate', type: 'DateTime?', description: 'When the case is due to be handled' },
      { name: 'ExpiryDate', type: 'DateTime?', description: 'The date when the case automatically expires if not closed before it' },
      { name: 'LastAttemptNote', type: 'string', description: 'Note on the latest handling attempt' },
      { name: 'LastAttemptTimestamp', type: 'DateTime?', description: 'Timestamp of the latest handling attempt' },
      { name: 'LastAttemptTypeId', type: 'int?', description: "Id of the last attempt's type" },
      { name: 'LastAttemptUserId', type: 'Guid?', description: 'Id of user that made the last attempt' },
      { name: 'LastModifiedUserId', type: 'Guid?', description: 'Id of user that made the last change, null if new or admin' },
      { name: 'Modified', type: 'DateTime', description: 'Modified date' },
      { name: 'NotBefore', type: 'DateTime?', description: 'Date before which the case should not be handled' },
      { name: 'Note', type: 'string', description: 'Internal notes on the case' },
      { name: 'OrganizationId', type: 'Guid', description: 'Id of related organization.' },
      { name: 'RecordingId', type: 'Guid?', description: 'Id of the corresponding audio recording (if any)' },
      { name: 'TranscriptId', type: 'Guid?', description: 'Id of the transcript created from the recording' },
      {
        name: 'TypeId',
        type: 'short',
        description: 'Type identifier. 1 - Explicit callback request 2 - Overflown call 3 - Call list item created manually',
        enum: CALLBACK_TYPE_VALUES,
      },
    ],
  },
  {
    name: 'CallbackListStatus',
    entityType: 'CallList',
    entityIdProperty: 'CallListId',
    description:
      'Emitted with the latest status of each call list, if the status changed. Status changes are evaluated every 15 seconds. Can be used to construct alerts based on open items, automagically assign more agents to the lists or just simple dashboards.',
    properties: [
      { name: 'CallListId', type: 'Guid', description: 'Corresponding list id' },
      { name: 'ExpiresIn24h', type: 'int', description: 'Number of requests that will expire today' },
      { name: 'IsAutoAllocate', type: 'bool', description: 'If the CallbackList is AutoAllocate list' },
      { name: 'NextHourOverDueDate', type: 'int', description: 'Total number of requests that will be past DueDate during next hour' },
      { name: 'NextHourRevealedNotBefore', type: 'int', description: 'Total number of requests that will be allocable during next hour' },
      { name: 'OrganizationId', type: 'Guid', description: 'Id of related organization.' },
      { name: 'TotalActiveAgents', type: 'int', description: 'Total "Active" ("checked" in the list, not necessary serving) agents in the queue.' },
      { name: 'TotalAssigned', type: 'int', description: 'Total number of requests that are currently assigned to an agent' },
      { name: 'TotalAutoAllocateAgents', type: 'int', description: 'Total number of Agents "Active" and "Serving_CallbackLists"' },
      { name: 'TotalFreeForAllocation', type: 'int', description: 'Total number of requests that can be allocated' },
      { name: 'TotalHidingNotBefore', type: 'int', description: 'Total number of requests that are not allocable due NotBefore has not elapsed' },
      { name: 'TotalOpenRequests', type: 'int', description: 'Total number open unhandled requests' },
      { name: 'TotalOverDueDate', type: 'int', description: 'Total number of requests that are already over DueDate' },
      { name: 'TotalServingAgents', type: 'int', description: 'Total number of agents having "Serving_CallbackLists" = 1' },
      {
        name: 'TotalServingAutoAllocateAgents',
        type: 'int',
        description:
          'Total immediately AutoAllocable agents. Agent must be "Active" and "Serving_CallbackLists", and the list must be "IsAutoAllocate" NOTE: Does not (at least YET) consider if agent already has an active allocated request, so a bit duplicate of TotalAutoAllocateAgents for now',
      },
    ],
  },
] as const satisfies readonly EventTypeDefinition<EventValueType>[];
