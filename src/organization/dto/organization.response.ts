import { named, nullable, t } from '../../common/openapi/schema';
import { AVAILABILITIES } from '../organization.entities';

/** What the organisation routes answer (see organization.presenter.ts). */
const OverflowTarget = nullable(
  named('OverflowTarget', t.object({ Kind: t.enum(['queue', 'user', 'callList', 'number']), Target: t.string({ description: 'Id of the queue, user or call list; or a phone number' }) })),
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
  }),
);

export const CallListResponse = named(
  'CallList',
  t.object({ Id: t.uuid(), Name: t.string({ example: 'Callbacks' }), IsAutoAllocate: t.boolean(), AttachedUserIds: t.array(t.uuid()) }),
);

export const OrganizationResponse = named(
  'Organization',
  t.object({ Id: t.uuid(), Name: t.string({ example: 'Demo Oy' }), Users: t.array(UserResponse), Queues: t.array(QueueResponse), CallLists: t.array(CallListResponse) }),
);
