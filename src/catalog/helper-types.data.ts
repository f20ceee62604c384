import type { HelperTypeDefinition } from './catalog.types';

/**
 * The seed's "Misc:" tables: element types of the List<...> properties (QueueAttachedUsers,
 * CallbackChanged). Verbatim like the event tables; QueueAttachedUser has no description line.
 */
export const HELPER_TYPES = [
  {
    name: 'QueueAttachedUser',
    description: '',
    properties: [
      { name: 'Active', type: 'bool', description: 'Active in queue' },
      { name: 'Priority', type: 'int', description: "User's priority in queue" },
      { name: 'UserId', type: 'Guid', description: 'Attached UserId' },
    ],
  },
  {
    name: 'CallbackAttempt',
    description: 'Helper for CallbackAttempt transportation',
    properties: [
      { name: 'CallbackAttemptTypeId', type: 'int?', description: 'Attempt result type' },
      { name: 'Id', type: 'Guid', description: 'Attempt id' },
      { name: 'Note', type: 'string', description: 'User-provided note' },
      { name: 'Timestamp', type: 'DateTime?', description: 'Attempt timestamp' },
      { name: 'UserId', type: 'Guid?', description: 'UserId attempt relates to' },
    ],
  },
  {
    name: 'CallbackExtra',
    description: 'Helper for CallBackExtraData transportation',
    properties: [
      { name: 'Id', type: 'int', description: 'Property name' },
      { name: 'Name', type: 'string', description: 'Property name' },
      { name: 'Value', type: 'string', description: 'Property value' },
    ],
  },
  {
    name: 'CallbackRelatedItem',
    description: 'Helper for CallbackRelatedItem transportation',
    properties: [
      { name: 'Id', type: 'Guid', description: 'Related request id' },
      { name: 'IsClosed', type: 'bool', description: 'IsClosed : if the related request is already closed' },
      { name: 'ListId', type: 'Guid?', description: 'Related request list id' },
      { name: 'StatusId', type: 'int?', description: 'StatusId : Raw status id for the last Attempt' },
    ],
  },
] as const satisfies readonly HelperTypeDefinition[];
