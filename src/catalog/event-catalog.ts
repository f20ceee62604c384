import type { EventTypeDefinition, HelperTypeDefinition, HelperTypeName } from './catalog.types';
import { EVENT_TYPE_ALIASES, EVENT_TYPES } from './event-catalog.data';
import { HELPER_TYPES } from './helper-types.data';

/** Lookups over the catalog data; the data itself lives in the *.data.ts files. */

export { EVENT_TYPE_ALIASES, EVENT_TYPES, HELPER_TYPES };

export type EventTypeDef = (typeof EVENT_TYPES)[number];
export type EventTypeName = EventTypeDef['name'];
export type EventDefinitionOf<N extends EventTypeName> = Extract<EventTypeDef, { name: N }>;
export type EventTypeAlias = keyof typeof EVENT_TYPE_ALIASES;
export type HelperTypeDef = (typeof HELPER_TYPES)[number];

export const EVENT_TYPE_NAMES: readonly EventTypeName[] = EVENT_TYPES.map((def) => def.name);
export const HELPER_TYPE_NAMES: readonly HelperTypeName[] = HELPER_TYPES.map((def) => def.name);

/** Common properties every payload carries besides the event's own; no event may redefine them. */
export const COMMON_PROPERTY_NAMES = ['RootEntityType', 'RootEntityId', 'EventType', 'EntityType', 'EntityId', 'Id', 'Timestamp'] as const;

const byName = new Map<string, EventTypeDefinition>(EVENT_TYPES.map((def) => [def.name, def]));
const helperByName = new Map<string, HelperTypeDefinition>(HELPER_TYPES.map((def) => [def.name, def]));

export function isEventTypeName(name: string): name is EventTypeName {
  return byName.has(name);
}

/** Exact (case-sensitive) lookup of a listed event type; aliases are not listed types. */
export function getEventType<N extends EventTypeName>(name: N): EventDefinitionOf<N>;
export function getEventType(name: string): EventTypeDefinition | undefined;
export function getEventType(name: string): EventTypeDefinition | undefined {
  return byName.get(name);
}

export interface ResolvedEventType {
  def: EventTypeDefinition;
  /** Set only when the given name was an alias: the listed name it stands for. */
  aliasOf?: EventTypeName;
}

/** Accepts a listed name or an alias; callers should tell the user when `aliasOf` is set. */
export function resolveEventType(name: string): ResolvedEventType | undefined {
  const def = byName.get(name);
  if (def) return { def };
  if (Object.prototype.hasOwnProperty.call(EVENT_TYPE_ALIASES, name)) {
    const target: EventTypeName = EVENT_TYPE_ALIASES[name as EventTypeAlias];
    return { def: byName.get(target) as EventTypeDefinition, aliasOf: target };
  }
  return undefined;
}

/** For error messages: the listed name that differs from `name` only in case, if any. */
export function suggestEventTypeName(name: string): EventTypeName | undefined {
  const lower = name.toLowerCase();
  return EVENT_TYPE_NAMES.find((candidate) => candidate.toLowerCase() === lower);
}

export function getHelperType(name: string): HelperTypeDefinition | undefined {
  return helperByName.get(name);
}

/** `List<CallbackAttempt>` -> `CallbackAttempt`; undefined for scalar types. */
export function listElementTypeName(type: string): string | undefined {
  return /^List<(\w+)>$/.exec(type)?.[1];
}
