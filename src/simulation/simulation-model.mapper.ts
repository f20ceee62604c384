import type { OrganizationSnapshot } from '../organization/organization.service';
import type { OverflowTarget as StoredOverflow } from '../organization/organization.entities';
import type { OpenStatus, OrganizationData, OverflowTarget } from './engine';

function overflow(target: StoredOverflow | null): OverflowTarget | null {
  if (!target) return null;
  switch (target.kind) {
    case 'queue':
      return { type: 'queue', queueId: target.target };
    case 'user':
      return { type: 'user', userId: target.target };
    case 'callList':
      return { type: 'callList', callListId: target.target };
    case 'number':
      return { type: 'external', number: target.target };
  }
}

/** The stored organisation as the engine's plain data. */
export function toOrganizationData(s: OrganizationSnapshot): OrganizationData {
  return {
    organization: { id: s.organization.id, name: s.organization.name },
    users: s.users.map((u) => ({
      id: u.id,
      userName: u.userName,
      number: u.number,
      availability: u.availability,
      overflowTarget: overflow(u.overflowTarget),
      serviceTerminals: u.serviceTerminals,
      forwardAll: u.forwardAll,
    })),
    queues: s.queues.map((q) => ({
      id: q.id,
      name: q.name,
      number: q.number,
      attachedUsers: q.attachedUsers,
      wrapUpSeconds: q.wrapUpSeconds,
      maxWaitSeconds: q.maxWaitSeconds,
      priority: q.priority,
      overflowTarget: overflow(q.overflowTarget),
      openStatus: q.openStatus as OpenStatus,
      ...(q.ouPath ? { ouPath: q.ouPath } : {}),
      serviceLevelSeconds: q.serviceLevelSeconds,
    })),
    callLists: s.callLists.map((c) => ({
      id: c.id,
      name: c.name,
      isAutoAllocate: c.isAutoAllocate,
      attachedUsers: c.attachedUserIds.map((userId) => ({ userId, active: true })),
    })),
    ivrs: s.ivrs.map((i) => ({ id: i.id, name: i.name, number: i.number, ...(i.ouPath ? { ouPath: i.ouPath } : {}), blocks: i.blocks })),
  };
}
