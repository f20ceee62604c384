import { CALLLIST_EVENTS } from './calllist-events.data';
import { QUEUE_EVENTS } from './queue-events.data';
import { USER_EVENTS } from './user-events.data';

/** All 34 event types, sections in the seed's order (User, Queue, CallList). */
export const EVENT_TYPES = [...USER_EVENTS, ...QUEUE_EVENTS, ...CALLLIST_EVENTS] as const;

/**
 * Names the seed uses that are not in its event list. Its own sample configuration subscribes to
 * `QueueCallInConnected` and `QueueCallInAllocated`; importing that sample must work, so they
 * resolve to the listed events they evidently mean.
 */
export const EVENT_TYPE_ALIASES = {
  QueueCallInConnected: 'QueueCallInUserConnected',
  QueueCallInAllocated: 'QueueCallInUserAllocated',
} as const satisfies Record<string, (typeof EVENT_TYPES)[number]['name']>;
