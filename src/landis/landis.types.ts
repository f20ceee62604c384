import type { LANDIS_EVENTS, LANDIS_IVR_INPUT_PROPERTIES } from './landis-catalog.data';

/**
 * TypeScript types of the Data of each Landis event, derived from the catalog data so the property
 * lists exist once: a Data object with a missing, extra, misspelt or wrongly typed property does
 * not compile. Dates and lengths are strings in their .NET JSON form (see abp-json.ts).
 */

type TsOf<T> = T extends 'Guid' | 'DateTime' | 'TimeSpan' ? string : T extends 'Guid?' | 'string' ? string | null : T extends 'bool' ? boolean : never;

type ValueOf<P> = P extends { alwaysNull: true }
  ? null
  : P extends { items: readonly (infer I extends { name: string })[] }
    ? ObjectOf<I>[]
    : P extends { type: infer T; enum: readonly (infer E)[] }
      ? E | (null extends TsOf<T> ? null : never)
      : P extends { type: infer T }
        ? TsOf<T>
        : never;

// A type alias, not an interface, so Data objects stay assignable to Record<string, unknown>.
type ObjectOf<P extends { name: string }> = { [Q in P as Q['name']]: ValueOf<Q> };

export type LandisEventDef = (typeof LANDIS_EVENTS)[number];
export type LandisEventName = LandisEventDef['name'];

export type LandisDataOf<N extends LandisEventName> = ObjectOf<Extract<LandisEventDef, { name: N }>['properties'][number]>;

export type LandisIvrInput = ObjectOf<(typeof LANDIS_IVR_INPUT_PROPERTIES)[number]>;
export type LandisTestWebhookData = LandisDataOf<'App.TestWebhook'>;
export type LandisQueueWebhookData = LandisDataOf<'App.QueueWebhook'>;
export type LandisIvrWebhookData = LandisDataOf<'App.IvrWebhook'>;

/** The POST body: ABP's WebhookPayload, property order as its class declares them. */
export type LandisEnvelope<N extends LandisEventName = LandisEventName> = N extends LandisEventName
  ? { Id: string; WebhookEvent: N; Attempt: number; Data: LandisDataOf<N>; CreationTimeUtc: string }
  : never;
