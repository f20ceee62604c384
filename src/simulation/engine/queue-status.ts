import { OPEN_STATUS } from '../../catalog/enums';
import { queueStatusCounters } from '../../catalog/queue-counters';
import type { CallRegistry } from './call-registry';
import type { EventValues } from './event-sink';
import type { OrganizationModel, SimQueue } from './organization-model';

/**
 * QueueStatus counters for one queue at `nowMs`, from the calls it holds and its active agents.
 *
 * Calls: queuing (waiting), allocated (ringing an agent), connected (talking to an agent);
 * NbrOfRequesters = queuing + allocated + connected, NbrOfNotServedRequesters = queuing + allocated.
 * Agents (attached and active = checked in = providers) fall into exactly one of: long-term away
 * (availability other than Available, or no terminal), short-term away (on a call, ringing
 * included, whichever queue or direction), on wrap-up, immediately free.
 * NbrOfServingAgentsEstimate = checked in - long-term away. MaxWaitTime: longest current wait of a
 * not-served call, in whole seconds (the seed gives no unit).
 */
export function queueStatusValues(model: OrganizationModel, calls: CallRegistry, queue: SimQueue, nowMs: number): EventValues<'QueueStatus'> {
  let longAway = 0;
  let shortAway = 0;
  let onWrapUp = 0;
  let free = 0;
  const active = queue.attachedUsers.filter((a) => a.active);
  for (const attachment of active) {
    const user = model.findUser(attachment.userId);
    if (!user) continue;
    if (user.availability !== 'Available' || (user.serviceTerminals ?? 1) <= 0) longAway++;
    else if (user.runtime.calls.size > 0) shortAway++;
    else if (user.runtime.wrapUp) onWrapUp++;
    else free++;
  }
  let queuing = 0;
  let allocated = 0;
  let connected = 0;
  let maxWaitMs = 0;
  for (const call of calls.inQueue(queue.id)) {
    if (call.phase === 'queuing') queuing++;
    else if (call.phase === 'ringing') allocated++;
    else if (call.phase === 'connected') connected++;
    if (call.phase === 'queuing' || call.phase === 'ringing') maxWaitMs = Math.max(maxWaitMs, nowMs - call.arrivedAtMs);
  }
  return {
    MaxWaitTime: Math.floor(maxWaitMs / 1000),
    ...queueStatusCounters({ longAway, shortAway, onWrapUp, free, queuing, allocated, connected }),
    OpenStatus: queue.openStatus ?? OPEN_STATUS.Open,
    QueueId: queue.id,
    QueueName: queue.name,
  };
}

/** The counters that decide "changed": everything but MaxWaitTime, which moves every second. */
export function queueStatusKey(values: EventValues<'QueueStatus'>): string {
  // Compared only with keys made here; built by hand, as it runs for every touched queue in every step.
  let key = '';
  for (const name in values) if (name !== 'MaxWaitTime') key += `${String(values[name as keyof typeof values])}|`;
  return key;
}
