import type { CallListEntity, OrganizationEntity, OrgUserEntity, OverflowTarget, ServiceQueueEntity } from './organization.entities';

export const presentOrganization = (o: OrganizationEntity) => ({ Id: o.id, Name: o.name });

const presentTarget = (t: OverflowTarget | null) => (t ? { Kind: t.kind, Target: t.target } : null);

export const presentUser = (u: OrgUserEntity) => ({
  Id: u.id,
  UserName: u.userName,
  Number: u.number,
  Availability: u.availability,
  OverflowTarget: presentTarget(u.overflowTarget),
  ServiceTerminals: u.serviceTerminals,
  ForwardAll: u.forwardAll,
});

export const presentQueue = (q: ServiceQueueEntity) => ({
  Id: q.id,
  Name: q.name,
  Number: q.number,
  AttachedUsers: q.attachedUsers.map((a) => ({ UserId: a.userId, Priority: a.priority, Active: a.active })),
  WrapUpSeconds: q.wrapUpSeconds,
  MaxWaitSeconds: q.maxWaitSeconds,
  Priority: q.priority,
  OverflowTarget: presentTarget(q.overflowTarget),
  OpenStatus: q.openStatus,
  OuPath: q.ouPath,
  ServiceLevelSeconds: q.serviceLevelSeconds,
});

export const presentCallList = (c: CallListEntity) => ({
  Id: c.id,
  Name: c.name,
  IsAutoAllocate: c.isAutoAllocate,
  AttachedUserIds: c.attachedUserIds,
});
