import type { PropertyDefinition } from './catalog.types';
import { formatDotNetTimestamp } from './dotnet-timestamp';
import { COMMON_PROPERTY_NAMES, getHelperType, listElementTypeName, resolveEventType, type EventTypeName } from './event-catalog';
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
  if (base === 'Guid' && typeof value === 'string' && GUID_PATTERN.test(value)) return value.toLowerCase();
  return value;
}

function normaliseValue(property: PropertyDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const elementType = listElementTypeName(property.type);
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
  const own = buildObject(
    def.properties.filter((property) => !RESERVED.has(property.name)), // none today; a test keeps it so
    { ...input.values, OrganizationId: rootEntityId },
  );
  const payload: Record<string, unknown> = {
    RootEntityType: 'Organization',
    RootEntityId: rootEntityId,
    EventType: def.name,
    EntityType: def.entityType,
    EntityId: own[def.entityIdProperty] ?? null,
    ...own,
    Id: normaliseScalar('Guid', input.id),
    Timestamp: formatDotNetTimestamp(input.timestamp),
  };
  return payload as unknown as WebhookPayload;
}
