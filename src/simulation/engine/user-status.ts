import { formatDotNetTimestamp } from '../../catalog/dotnet-timestamp';
import type { EventValues } from './event-sink';
import type { OrganizationModel, SimUser } from './organization-model';

/**
 * UserStatus as the table defines it, derived from the user's availability, queue membership and
 * runtime state. CanBeAllocatedTo is the same test the allocator uses (see canTakeQueueCall).
 */
export function userStatusValues(model: OrganizationModel, user: SimUser): EventValues<'UserStatus'> {
  const activeQueues = model.activeQueuesOf(user.id).length;
  const talking = user.runtime.calls.size > 0;
  const wrapUp = user.runtime.wrapUp;
  const available = user.availability === 'Available';
  const schedule = user.availability !== 'OffWork';
  const terminals = user.serviceTerminals ?? 1;
  const serving = activeQueues > 0;
  const queueLeg = [...user.runtime.calls.values()].find((leg) => leg.queueId !== null);
  return {
    ActiveQueueId: queueLeg?.queueId ?? null,
    ActiveQueues: activeQueues,
    Available: available,
    CanBeAllocatedTo: available && schedule && serving && !talking && !wrapUp && terminals > 0,
    ParkedCalls: 0,
    Schedule: schedule,
    ServiceTerminals: terminals,
    Serving: serving,
    ServingCallback: model.isServingCallbacks(user),
    Talking: talking,
    UserId: user.id,
    WrapUpEnd: wrapUp ? formatDotNetTimestamp(new Date(wrapUp.startedAtMs + wrapUp.maxSeconds * 1000)) : null,
  };
}

/** Whether a free agent can be offered a queue call now (the allocator's rule). */
export function canTakeQueueCall(model: OrganizationModel, user: SimUser): boolean {
  return user.availability === 'Available' && (user.serviceTerminals ?? 1) > 0 && model.activity(user) === 'idle';
}

/** What decides "changed": every value, in order (compared only with keys made here; cheaper than JSON). */
export function userStatusKey(values: EventValues<'UserStatus'>): string {
  let key = '';
  for (const name in values) key += `${String(values[name as keyof typeof values])}|`;
  return key;
}
