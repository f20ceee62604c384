import type { EntityType } from './catalog.types';
import type { EventDefinitionOf, EventTypeName, HelperTypeDef } from './event-catalog';

/**
 * TypeScript types derived from the catalog data, so the property lists exist only once.
 * Nullability follows .NET: `string` and `List<T>` are reference types and may be null, a `?`
 * type is Nullable<T>, everything else is a value type and never null.
 */

export type TsTypeOf<T extends string> = T extends 'Guid' | 'DateTime' | 'SupervisionState'
  ? string
  : T extends 'Guid?' | 'DateTime?' | 'string'
    ? string | null
    : T extends 'int' | 'long' | 'short'
      ? number
      : T extends 'int?'
        ? number | null
        : T extends 'bool'
          ? boolean
          : T extends `List<${infer H}>`
            ? HelperPayloadOf<Extract<HelperTypeDef, { name: H }>['name']>[] | null
            : never;

type NullPart<T extends string> = null extends TsTypeOf<T> ? null : never;

/** A property's TS type: its enum's literal union when it has one, else from its value type. */
export type ValueOfProperty<P> = P extends { type: infer T extends string; enum: readonly (infer E)[] }
  ? E | NullPart<T>
  : P extends { type: infer T extends string }
    ? TsTypeOf<T>
    : never;

type PropertiesToObject<P extends { name: string }> = { [Q in P as Q['name']]: ValueOfProperty<Q> };

export type HelperPayloadOf<H extends HelperTypeDef['name']> = PropertiesToObject<Extract<HelperTypeDef, { name: H }>['properties'][number]>;

/** The event's own properties (no common ones), e.g. PayloadOf<'QueueStatus'>['OpenStatus'] is 0 | 1 | ... | 6. */
export type PayloadOf<N extends EventTypeName> = PropertiesToObject<EventDefinitionOf<N>['properties'][number]>;

// A type alias, not an interface, so payloads stay assignable to Record<string, unknown>.
export type CommonPayloadProperties<N extends EventTypeName = EventTypeName> = {
  RootEntityType: 'Organization';
  RootEntityId: string;
  EventType: N;
  EntityType: EntityType;
  EntityId: string;
  Id: string;
  Timestamp: string;
};

/** The full JSON body sent to receivers; distributes over a union of names. */
export type WebhookPayload<N extends EventTypeName = EventTypeName> = N extends EventTypeName ? CommonPayloadProperties<N> & PayloadOf<N> : never;
