import type { PropertyDefinition } from './catalog.types';
import { formatDotNetTimestamp } from './dotnet-timestamp';
import { COMMON_PROPERTY_NAMES, getHelperType, listElementTypeName, resolveEventType, type EventTypeName } from './event-catalog';
import { isGuidText } from './payload-fast-check';
import type { WebhookPayload } from './payload.types';
import { GUID_PATTERN, baseType } from './value-rules';

export interface BuildPayloadInput<N extends string = string> {
  /** A listed event name or an alias; the payload always carries the listed name. */
  eventType: N;
  organizationId: string;
  /** The event's own properties by their exact names. */
  values: Readonly<Record<string, unknown>>;
  /** Event instance id; stays the same across retries and resends. */
  id: string;
  timestamp: Date | string;
}

const RESERVED = new Set<string>(COMMON_PROPERTY_NAMES);

/**
 * Normalises what the platform would have serialised differently: DateTime to the .NET form,
 * Guids lower-case. A value that cannot be normalised is left as it is, so validatePayload can
 * name it instead of the builder throwing halfway.
 */
function normaliseScalar(type: string, value: unknown): unknown {
  const base = baseType(type);
  if (base === 'DateTime' && (typeof value === 'string' || value instanceof Date)) {
    try {
      return formatDotNetTimestamp(value);
    } catch {
      return value;
    }
  }
  if (base === 'Guid' && typeof value === 'string') {
    if (isGuidText(value, true)) return value; // already canonical: no regular expression, no new string
    if (GUID_PATTERN.test(value)) return value.toLowerCase();
  }
  return value;
}

/** `List<X>` -> X per type text, parsed once (the builder asks for every property of every event). */
const elementTypes = new Map<string, string | undefined>();
function elementTypeOf(type: string): string | undefined {
  if (!elementTypes.has(type)) elementTypes.set(type, listElementTypeName(type));
  return elementTypes.get(type);
}

function normaliseValue(property: PropertyDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const elementType = elementTypeOf(property.type);
  if (!elementType) return normaliseScalar(property.type, value);
  const helper = getHelperType(elementType);
  if (!helper || !Array.isArray(value)) return value;
  return value.map((element: unknown) =>
    element !== null && typeof element === 'object' && !Array.isArray(element) ? buildObject(helper.properties, element as Record<string, unknown>) : element,
  );
}

/** Every defined property in table order, null when absent (receivers see null, never a missing key). */
function buildObject(properties: readonly PropertyDefinition[], values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const property of properties) result[property.name] = normaliseValue(property, values[property.name]);
  return result;
}

/** An event's own properties (none of them common today; a test keeps it so), worked out once per table. */
const ownProperties = new WeakMap<readonly PropertyDefinition[], readonly PropertyDefinition[]>();

function ownPropertiesOf(properties: readonly PropertyDefinition[]): readonly PropertyDefinition[] {
  let own = ownProperties.get(properties);
  if (!own) {
    own = properties.filter((property) => !RESERVED.has(property.name));
    ownProperties.set(properties, own);
  }
  return own;
}

/**
 * The JSON body for one event: the common header, the event's own properties in table order, then
 * Id and Timestamp (the order of the seed's sample request). Values with names the event does not
 * define are dropped; validateEventValues reports them.
 */
export function buildPayload<N extends EventTypeName>(input: BuildPayloadInput<N>): WebhookPayload<N>;
export function buildPayload(input: BuildPayloadInput): WebhookPayload;
export function buildPayload(input: BuildPayloadInput): WebhookPayload {
  const resolved = resolveEventType(input.eventType);
  if (!resolved) throw new Error(`Unknown event type ${JSON.stringify(input.eventType)}`);
  const { def } = resolved;
  const rootEntityId = normaliseScalar('Guid', input.organizationId);
  // Keys are inserted in their final order; EntityId is filled in once its property is normalised.
  const payload: Record<string, unknown> = {
    RootEntityType: 'Organization',
    RootEntityId: rootEntityId,
    EventType: def.name,
    EntityType: def.entityType,
    EntityId: null,
  };
  for (const property of ownPropertiesOf(def.properties)) {
    payload[property.name] = normaliseValue(property, property.name === 'OrganizationId' ? rootEntityId : input.values[property.name]);
  }
  payload.EntityId = payload[def.entityIdProperty] ?? null;
  payload.Id = normaliseScalar('Guid', input.id);
  payload.Timestamp = formatDotNetTimestamp(input.timestamp);
  return payload as unknown as WebhookPayload;
}
