import { named, nullable, t } from '../../common/openapi/schema';
import { IVR_BLOCK_TYPES, IVR_NEXT_KINDS, MENU_KEYS } from '../../common/ivr-rules';
import { AVAILABILITIES } from '../organization.entities';

/** What the organisation routes answer (see organization.presenter.ts). */
const OverflowTarget = nullable(
  named(
    'OverflowTarget',
    t.object({
      Kind: t.enum(['queue', 'user', 'callList', 'number']),
      Target: t.string({ description: 'Id of the queue, user or call list; or a phone number' }),
    }),
  ),
);

export const AttachedUserResponse = named(
  'AttachedUser',
  t.object({ UserId: t.uuid(), Priority: t.integer({ minimum: 0, maximum: 10000 }), Active: t.boolean() }),
);

export const UserResponse = named(
  'User',
  t.object({
    Id: t.uuid(),
    UserName: t.string({ example: 'anna.virtanen@demo.example' }),
    Number: t.string({ example: '+358401000001' }),
    Availability: t.enum(AVAILABILITIES),
    OverflowTarget,
    ServiceTerminals: t.integer({ minimum: 0, maximum: 10 }),
    ForwardAll: t.boolean(),
  }),
);

export const QueueResponse = named(
  'Queue',
  t.object({
    Id: t.uuid(),
    Name: t.string({ example: 'Customer Service' }),
    Number: t.string({ example: '+358101231234' }),
    AttachedUsers: t.array(AttachedUserResponse),
    WrapUpSeconds: t.integer(),
    MaxWaitSeconds: t.integer(),
    Priority: t.integer(),
    OverflowTarget,
    OpenStatus: t.enum([0, 1, 2, 3, 4, 5, 6]),
    OuPath: nullable(t.string({ example: '/Demo Oy/Customer Service', description: 'Landis OUPath; null: "/" + the organisation name' })),
    ServiceLevelSeconds: t.integer({ description: 'Landis MetServiceLevel threshold' }),
  }),
);

const IvrNextResponse = named(
  'IvrNext',
  t.object({ Kind: t.enum(IVR_NEXT_KINDS), Target: nullable(t.string({ description: 'Block name, queue/user/IVR id or phone number; null for hangup' })) }),
);

/** One block; the keys beyond Name, Type, Prompt and Seconds are those of its type. */
const IvrBlockResponse = named(
  'IvrBlock',
  t.object(
    {
      Name: t.string({ example: 'Account number' }),
      Type: t.enum(IVR_BLOCK_TYPES),
      Prompt: nullable(t.string()),
      Seconds: nullable(t.number()),
      ParameterName: t.string({ example: 'AccountNumber' }),
      DataValue: nullable(t.integer({ minimum: 1, maximum: 20 })),
      Options: t.array(t.object({ Key: t.enum(MENU_KEYS), Label: nullable(t.string()), Weight: t.number(), Next: IvrNextResponse })),
      MinDigits: t.integer(),
      MaxDigits: t.integer(),
      Choices: t.array(t.string()),
      Next: IvrNextResponse,
    },
    ['ParameterName', 'DataValue', 'Options', 'MinDigits', 'MaxDigits', 'Choices', 'Next'],
  ),
);

export const IvrResponse = named(
  'Ivr',
  t.object({
    Id: t.uuid(),
    Name: t.string({ example: 'Main menu' }),
    Number: t.string({ example: '+358101231200' }),
    OuPath: nullable(t.string({ example: '/Demo Oy/Front desk' })),
    Blocks: t.array(IvrBlockResponse),
  }),
);

export const CallListResponse = named(
  'CallList',
  t.object({ Id: t.uuid(), Name: t.string({ example: 'Callbacks' }), IsAutoAllocate: t.boolean(), AttachedUserIds: t.array(t.uuid()) }),
);

export const OrganizationResponse = named(
  'Organization',
  t.object({
    Id: t.uuid(),
    Name: t.string({ example: 'Demo Oy' }),
    Users: t.array(UserResponse),
    Queues: t.array(QueueResponse),
    CallLists: t.array(CallListResponse),
    Ivrs: t.array(IvrResponse),
  }),
);
