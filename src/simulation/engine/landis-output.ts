import type { LandisEventInput } from '../../landis/landis-event-sink';
import type { LandisEventName } from '../../landis/landis.types';

/** A record as the engine makes it; the service adds the source. */
export type LandisRecord = LandisEventInput extends infer I ? (I extends LandisEventInput ? Omit<I, 'source'> : never) : never;

/**
 * Where the engine hands its Landis Contact Center records (App.QueueWebhook, App.IvrWebhook).
 * The engine stays synchronous and knows nothing of subscriptions: the service behind this
 * stores and delivers, and `source` is its to fill.
 */
export interface LandisOutput {
  /**
   * Cheap and synchronous: whether anything takes this event now. false: the record is not built
   * (its ids are still reserved, so a replay with subscriptions gives the same ids).
   */
  wants(event: LandisEventName): boolean;
  publish(input: LandisRecord): void;
  /** A record could not be built (data the document's rules refuse); the call itself goes on. */
  failed?(error: unknown, callId: string): void;
}
