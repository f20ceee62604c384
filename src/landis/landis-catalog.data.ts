import type { LandisEventDefinition, LandisPropertyDefinition, LandisSubscriptionField } from './landis-catalog.types';

/**
 * Landis Contact Center webhooks as data: the subscription fields, the three event names and the
 * property tables of the platform document, names and descriptions verbatim (typos included:
 * the IVR table spells `TrasnferToId` and "desination"). Types and value sets are the emulator's
 * choices (docs/landis.md says why); the document gives none. Declared `as const satisfies` so
 * the Data types in landis.types.ts are derived from this one list.
 */

export const LANDIS_SUBSCRIPTION_FIELDS = [
  { name: 'Webhook Endpoint', description: 'HTTP POST URL' },
  { name: 'Is Active', description: 'Enables or Disables the Webhook' },
  { name: 'Webhook Events', description: 'Types of webhook events to send. See Webhook Event Types' },
  { name: 'Additional Webhook Headers', description: 'Custom Headers to send in the HTTP POST (Optional)' },
] as const satisfies readonly LandisSubscriptionField[];

export const LANDIS_CALL_DIRECTIONS = ['Inbound', 'Outbound'] as const;

/** Why a caller left a queue (the document names the property only). */
export const LANDIS_LEAVE_REASONS = ['Answered', 'CallerHungUp', 'Timeout', 'Overflow', 'CallbackRequested'] as const;

/** The queue's timeout or overflow action; `None` when the call left without one. */
export const LANDIS_QUEUE_TRANSFER_TYPES = ['None', 'Disconnect', 'Queue', 'User', 'IVR', 'ExternalNumber', 'Voicemail'] as const;

/** Where an IVR sent the call; `None` when the caller hung up in the IVR. */
export const LANDIS_IVR_TRANSFER_TYPES = ['None', 'Queue', 'User', 'IVR', 'ExternalNumber'] as const;

/** IVR blocks that collect data. */
export const LANDIS_IVR_BLOCK_TYPES = ['Menu', 'InputDigits', 'SpeechInput', 'SetVariable', 'Lookup'] as const;

/** The element type of `IvrInputs`, listed in the document right below that property. */
export const LANDIS_IVR_INPUT_PROPERTIES = [
  { name: 'ID', type: 'Guid', description: 'Internal Input ID' },
  { name: 'InputDateTime', type: 'DateTime', description: 'Time of Input' },
  { name: 'BlockName', type: 'string', description: 'Name of block that collected the data' },
  { name: 'ParameterName', type: 'string', description: 'Parameter/variable name' },
  { name: 'ParameterValue', type: 'string', description: 'Contents of Parameter/variable' },
  { name: 'BlockType', type: 'string', description: 'Type of block that collected the data', enum: LANDIS_IVR_BLOCK_TYPES },
] as const satisfies readonly LandisPropertyDefinition[];

const DATA_VALUE = 'Value populated in the IVR for this field. See Data Collection';

/** The properties both CDR tables open with, identical in both. */
const CDR_HEAD = [
  { name: 'CallId', type: 'Guid', description: 'Internal Call ID' },
  { name: 'ScenarioId', type: 'Guid', description: 'Microsoft Teams Call ID' },
  { name: 'CallDirection', type: 'string', description: 'Direction of Call (Inbound/Outbound)', enum: LANDIS_CALL_DIRECTIONS },
  { name: 'CallerName', type: 'string', description: 'Name of Caller' },
  { name: 'CallerAdId', type: 'Guid?', description: 'Entra ID object ID of caller' },
  { name: 'CallerUpn', type: 'string', description: 'User principal name of caller' },
  { name: 'CallerNumber', type: 'string', description: 'Phone number of caller' },
  { name: 'StartDateTime', type: 'DateTime', description: 'Start date/time of call' },
  { name: 'EndDateTime', type: 'DateTime', description: 'End date/time of call' },
  { name: 'CallLength', type: 'TimeSpan', description: 'Total call length (wait time plus talk time)' },
] as const satisfies readonly LandisPropertyDefinition[];

/** The properties both CDR tables have between their own ones, identical in both. */
const CDR_ORIGIN = [
  {
    name: 'ResourceAccountObjectId',
    type: 'Guid?',
    description: 'Value will always be "Null". Property added for future feature.',
    alwaysNull: true,
  },
  { name: 'OUPath', type: 'string', description: 'Organization unit path of the call detail record' },
  { name: 'ParentId', type: 'Guid?', description: 'Internal ID of the parent record' },
  { name: 'From', type: 'string', description: 'The name of the IVR or Contact Center Queue that the call was transferred from' },
] as const satisfies readonly LandisPropertyDefinition[];

export const LANDIS_EVENTS = [
  {
    name: 'App.TestWebhook',
    description: 'This webhook type is used for testing purposes only. The webhook is triggered by selecting the Send Test Webhook button.',
    // The document lists no properties; these are ASP.NET Zero's test webhook (see docs/landis.md).
    documented: false,
    properties: [
      { name: 'UserName', type: 'string', description: 'Test user name ("Test Name " and a number 0-999)' },
      { name: 'EmailAddress', type: 'string', description: 'Test e-mail ("Test Email " and the same number)' },
    ],
  },
  {
    name: 'App.QueueWebhook',
    description: 'This webhook type sends CDR data that is generated from contact center queues. The webhook is triggered after a queue call has been ended.',
    documented: true,
    properties: [
      ...CDR_HEAD,
      {
        name: 'WaitTime',
        type: 'TimeSpan',
        description: 'Amount of time the caller has waited in the queue before connecting with the agent',
      },
      { name: 'TalkTime', type: 'TimeSpan', description: 'Amount of time the agent and caller were connected' },
      { name: 'QueueId', type: 'Guid', description: 'Internal Queue ID' },
      { name: 'QueueName', type: 'string', description: 'Name of queue' },
      ...CDR_ORIGIN,
      { name: 'MetServiceLevel', type: 'bool', description: 'Did the call that met the specified queue service level (True/False)' },
      { name: 'AgentName', type: 'string', description: 'Name of agent that connected with the caller' },
      { name: 'AgentUpn', type: 'string', description: 'User principal name of the agent' },
      { name: 'AgentId', type: 'Guid?', description: 'Internal Agent ID' },
      { name: 'AgentAdId', type: 'Guid?', description: 'Entra ID object ID of agent' },
      { name: 'CallbackRequestId', type: 'Guid?', description: 'Internal ID of callback request' },
      { name: 'LeaveReason', type: 'string', description: 'Reason why the caller disconnected from the queue', enum: LANDIS_LEAVE_REASONS },
      { name: 'TransferType', type: 'string', description: 'Timeout action taken', enum: LANDIS_QUEUE_TRANSFER_TYPES },
      { name: 'TransferToId', type: 'Guid?', description: 'ID of the endpoint that the queue transferred to' },
      {
        name: 'TransferToName',
        type: 'string',
        description: 'The name of the endpoint that the queue transferred to. This could be a user, queue, IVR, or PSTN number.',
      },
    ],
  },
  {
    name: 'App.IvrWebhook',
    description: 'This webhook type sends CDR data that is generated from contact center IVRs. The webhook is triggered after an IVR call has been ended.',
    documented: true,
    properties: [
      ...CDR_HEAD,
      { name: 'IvrId', type: 'Guid', description: 'Internal IVR ID' },
      { name: 'IvrName', type: 'string', description: 'Name of IVR' },
      ...CDR_ORIGIN,
      { name: 'TransferType', type: 'string', description: 'Type of Transfer', enum: LANDIS_IVR_TRANSFER_TYPES },
      { name: 'TrasnferToId', type: 'Guid?', description: 'Transfer destination ID' },
      { name: 'TransferToName', type: 'string', description: 'Transfer desination Name' },
      {
        name: 'IvrInputs',
        type: 'List<IvrInput>',
        description: 'An array of input data that was collected in the IVR. See properties below:',
        items: LANDIS_IVR_INPUT_PROPERTIES,
      },
      { name: 'DataValue01', type: 'string', description: DATA_VALUE },
      { name: 'DataValue02', type: 'string', description: DATA_VALUE },
      { name: 'DataValue03', type: 'string', description: DATA_VALUE },
      { name: 'DataValue04', type: 'string', description: DATA_VALUE },
      { name: 'DataValue05', type: 'string', description: DATA_VALUE },
      { name: 'DataValue06', type: 'string', description: DATA_VALUE },
      { name: 'DataValue07', type: 'string', description: DATA_VALUE },
      { name: 'DataValue08', type: 'string', description: DATA_VALUE },
      { name: 'DataValue09', type: 'string', description: DATA_VALUE },
      { name: 'DataValue10', type: 'string', description: DATA_VALUE },
      { name: 'DataValue11', type: 'string', description: DATA_VALUE },
      { name: 'DataValue12', type: 'string', description: DATA_VALUE },
      { name: 'DataValue13', type: 'string', description: DATA_VALUE },
      { name: 'DataValue14', type: 'string', description: DATA_VALUE },
      { name: 'DataValue15', type: 'string', description: DATA_VALUE },
      { name: 'DataValue16', type: 'string', description: DATA_VALUE },
      { name: 'DataValue17', type: 'string', description: DATA_VALUE },
      { name: 'DataValue18', type: 'string', description: DATA_VALUE },
      { name: 'DataValue19', type: 'string', description: DATA_VALUE },
      { name: 'DataValue20', type: 'string', description: DATA_VALUE },
    ],
  },
] as const satisfies readonly LandisEventDefinition[];
