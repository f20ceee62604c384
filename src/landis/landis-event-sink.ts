import type { LandisDataOf, LandisEventName } from './landis.types';

/**
 * Where the simulation hands a finished call's Landis record: the delivery side stores it as an
 * event, matches the Landis subscriptions of that webhook event name, and delivers it in the
 * ABP envelope. The simulation knows nothing of subscriptions or HTTP.
 */
export interface LandisEventInput<N extends LandisEventName = LandisEventName> {
  webhookEvent: N;
  data: LandisDataOf<N>;
  /** The envelope's CreationTimeUtc: the simulated time the record was made. */
  createdAt: Date;
  /** The envelope's Id; a seeded run derives it so a replay gives the same Ids. */
  id: string;
  /** The simulation run (or other source) that produced it, for the event log. */
  source: string;
}

export interface LandisEventSink {
  publishLandis(input: LandisEventInput): Promise<void>;
}

/** Nest injection token of the LandisEventSink. */
export const LANDIS_EVENT_SINK = Symbol('LandisEventSink');
