import { LANDIS_EVENTS, LANDIS_IVR_INPUT_PROPERTIES, LANDIS_SUBSCRIPTION_FIELDS } from './landis-catalog.data';
import type { LandisEventDefinition, LandisPropertyDefinition } from './landis-catalog.types';
import type { LandisEventName } from './landis.types';

/** Lookups over the Landis catalog data. */

export { LANDIS_EVENTS, LANDIS_IVR_INPUT_PROPERTIES, LANDIS_SUBSCRIPTION_FIELDS };

export const LANDIS_EVENT_NAMES: readonly LandisEventName[] = LANDIS_EVENTS.map((def) => def.name);

const byName = new Map<string, LandisEventDefinition>(LANDIS_EVENTS.map((def) => [def.name, def]));

export function isLandisEventName(name: string): name is LandisEventName {
  return byName.has(name);
}

/** Exact (case-sensitive) lookup, as ABP compares webhook names. */
export function getLandisEvent(name: string): LandisEventDefinition | undefined {
  return byName.get(name);
}

/** For error messages: the event name that differs from `name` only in case, if any. */
export function suggestLandisEventName(name: string): LandisEventName | undefined {
  const lower = name.toLowerCase();
  return LANDIS_EVENT_NAMES.find((candidate) => candidate.toLowerCase() === lower);
}

/**
 * The properties in the order the document lists them: a list's element properties follow the
 * list property itself, as the document writes IvrInputs' ID ... BlockType before DataValue01.
 */
export function documentOrder(properties: readonly LandisPropertyDefinition[]): LandisPropertyDefinition[] {
  return properties.flatMap((property) => [property, ...documentOrder(property.items ?? [])]);
}
