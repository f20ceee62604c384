/** How a queue's agents and calls split up at one moment. */
export interface QueueCounts {
  /** Agents not available in the long term (DND, off work, no terminal). */
  longAway: number;
  /** Agents ringing or talking. */
  shortAway: number;
  onWrapUp: number;
  free: number;
  queuing: number;
  /** Calls ringing an agent. */
  allocated: number;
  connected: number;
}

/**
 * The QueueStatus counters derived from the counts, as the seed's table relates them. One place, so
 * sample payloads and the simulation always agree (NbrOfRequesters = queuing + allocated + connected...).
 */
export function queueStatusCounters(c: QueueCounts) {
  const checkedIn = c.longAway + c.shortAway + c.onWrapUp + c.free;
  return {
    NbrOfAgentsCheckedInQueue: checkedIn,
    NbrOfAgentsImmediatelyFree: c.free,
    NbrOfAgentsLongTermAway: c.longAway,
    NbrOfAgentsOnWrapUp: c.onWrapUp,
    NbrOfAgentsShortTermAway: c.shortAway,
    NbrOfAllocated: c.allocated,
    NbrOfConnected: c.connected,
    NbrOfNotServedRequesters: c.queuing + c.allocated,
    NbrOfProviders: checkedIn,
    NbrOfQueuingRequesters: c.queuing,
    NbrOfRequesters: c.queuing + c.allocated + c.connected,
    NbrOfServingAgentsEstimate: checkedIn - c.longAway,
  };
}
