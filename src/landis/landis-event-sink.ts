import type { LandisDataOf, LandisEventName } from './landis.types';

/**
 * Where the simulation hands a finished call's Landis record: the delivery side stores it as an
 * event, matches the Landis subscriptions of that webhook event name, and delivers it in the
 * ABP envelope. The simulation knows nothing of subscriptions or HTTP.
 */
// Distributive over the event names, so an input of any one event (its Data typed by its own table) fits the default.
export type LandisEventInput<N extends LandisEventName = LandisEventName> = N extends LandisEventName
  ? {
      webhookEvent: N;
      data: LandisDataOf<N>;
      /**
       * When the record was made (simulated time): the stored event's time. The envelope's
       * CreationTimeUtc is each attempt's own time, as ABP builds the payload anew per attempt.
       */
      createdAt: Date;
      /** The envelope's Id (a lower-case GUID); a seeded run derives it so a replay gives the same Ids. */
      id: string;
      /** The simulation run (or other source) that produced it, for the event log. */
      source: string;
    }
  : never;

export interface LandisEventSink {
  /**
   * Resolves once the event and its deliveries are stored (durably, in the outbox). Rejects with
   * the error contract's ValidationProblem (its `messages` name each property) when the Data does
   * not fit its table or the Id is not a lower-case GUID; with a storage error when PostgreSQL fails.
   */
  publishLandis(input: LandisEventInput): Promise<void>;
}

/** Nest injection token of the LandisEventSink. */
export const LANDIS_EVENT_SINK = Symbol('LandisEventSink');

/**
 * What a LandisEventSink may also offer: a cheap, synchronous answer whether some active Landis
 * subscription lists the event now. The simulation asks before building a record, so a run without
 * Landis subscriptions builds and stores none; a sink without it gets every record.
 */
export interface LandisSubscriptionCheck {
  wants(webhookEvent: LandisEventName): boolean;
}

export function hasSubscriptionCheck(sink: LandisEventSink): sink is LandisEventSink & LandisSubscriptionCheck {
  return typeof (sink as Partial<LandisSubscriptionCheck>).wants === 'function';
}
