/**
 * An event Id names one event for ever: the same Id arriving with another body is refused (never
 * stored over the first, never delivered), since receivers de-duplicate on the Id.
 */
export class EventIdConflictError extends Error {
  constructor(readonly eventId: string) {
    super(`Event Id ${eventId} is already stored with another body; an Id names one event for ever (only an exact replay repeats it)`);
  }
}
