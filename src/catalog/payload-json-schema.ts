import type { EventTypeDefinition, HelperTypeDefinition, PropertyDefinition } from './catalog.types';
import { EVENT_TYPE_ALIASES, EVENT_TYPES, HELPER_TYPES, listElementTypeName } from './event-catalog';
import { INTEGER_RANGES, baseType, isNullableType } from './value-rules';

/**
 * The 34 payloads as schemas, derived from the same property tables the validator reads, so a
 * schema cannot drift from what the emulator sends. Two dialects of one schema: OpenAPI 3.0
 * (`nullable`, refs to #/components/schemas) for /docs/json, and JSON Schema draft-07
 * (`type: [T, "null"]`, refs to #/definitions) for GET /api/event-types/:name/schema.
 */
export type SchemaDialect = 'openapi-3.0' | 'json-schema';

export type JsonSchema = Record<string, unknown>;

/** .NET's lower-case Guid form, as in every payload. */
const GUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** The platform's DateTime form: UTC without a zone, fraction trimmed of trailing zeros. */
const DOTNET_DATETIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{0,6}[1-9])?$';

export const payloadSchemaName = (eventType: string): string => `${eventType}Payload`;

function refTo(dialect: SchemaDialect, name: string): JsonSchema {
  return { $ref: dialect === 'openapi-3.0' ? `#/components/schemas/${name}` : `#/definitions/${name}` };
}

/** `input`: what POST /api/events accepts and normalises (any-case Guids, ISO 8601 with a zone). */
function scalar(type: string, input = false): JsonSchema {
  const base = baseType(type);
  if (base === 'Guid') return input ? { type: 'string', format: 'uuid' } : { type: 'string', format: 'uuid', pattern: GUID };
  if (base === 'bool') return { type: 'boolean' };
  if (base === 'DateTime') {
    return input
      ? { type: 'string', description: '.NET UTC (2018-01-01T08:01:23.45) or ISO 8601 with a zone' }
      : { type: 'string', pattern: DOTNET_DATETIME, description: 'UTC without a zone, e.g. 2018-01-01T08:01:23.45' };
  }
  if (base === 'SupervisionState') return { type: 'string', minLength: 1 };
  if (base in INTEGER_RANGES) {
    const [minimum, maximum] = INTEGER_RANGES[base];
    return { type: 'integer', minimum, maximum };
  }
  return { type: 'string' };
}

/** Marks a schema as also allowing null, in the dialect's own way. */
function orNull(schema: JsonSchema, dialect: SchemaDialect): JsonSchema {
  const withNullEnum = Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {};
  if ('$ref' in schema) return dialect === 'openapi-3.0' ? { allOf: [schema], nullable: true } : { oneOf: [schema, { type: 'null' }] };
  if (dialect === 'openapi-3.0') return { ...schema, ...withNullEnum, nullable: true };
  return { ...schema, ...withNullEnum, type: [schema.type, 'null'] };
}

function propertySchema(property: PropertyDefinition, dialect: SchemaDialect, input = false): JsonSchema {
  const element = listElementTypeName(property.type);
  let schema: JsonSchema = element ? { type: 'array', items: refTo(dialect, element) } : scalar(property.type, input);
  if (property.enum) schema = { ...schema, enum: [...property.enum] };
  if (isNullableType(property.type)) schema = orNull(schema, dialect);
  return property.description ? { ...schema, description: property.description } : schema;
}

function objectSchema(properties: readonly PropertyDefinition[], dialect: SchemaDialect, head: Record<string, JsonSchema> = {}): JsonSchema {
  const props: Record<string, JsonSchema> = { ...head };
  for (const property of properties) props[property.name] = propertySchema(property, dialect);
  return { type: 'object', required: Object.keys(props), properties: props, additionalProperties: false };
}

export function helperTypeSchema(helper: HelperTypeDefinition, dialect: SchemaDialect): JsonSchema {
  return { ...(helper.description ? { description: helper.description } : {}), ...objectSchema(helper.properties, dialect) };
}

/** A complete payload as a receiver gets it: the common header, every property of the table, Id and Timestamp. */
export function payloadSchema(def: EventTypeDefinition, dialect: SchemaDialect): JsonSchema {
  const guid = scalar('Guid');
  const own = objectSchema(def.properties, dialect, {
    RootEntityType: { type: 'string', enum: ['Organization'] },
    RootEntityId: { ...guid, description: 'The organisation' },
    EventType: { type: 'string', enum: [def.name] },
    EntityType: { type: 'string', enum: [def.entityType] },
    EntityId: { ...guid, description: `Equals ${def.entityIdProperty}` },
  });
  const properties = {
    ...(own.properties as Record<string, JsonSchema>),
    Id: { ...guid, description: 'The event Id (the same on every attempt)' },
    Timestamp: scalar('DateTime'),
  };
  return { title: payloadSchemaName(def.name), description: def.description, ...own, required: Object.keys(properties), properties };
}

export const emitRequestSchemaName = (eventType: string): string => `Emit${eventType}Request`;

/**
 * The body of POST /api/events for one type: its name (or an alias), an optional Timestamp and any
 * of its own properties; the rest is filled in. The header (Id, EntityId, ...) is the emulator's.
 */
function emitRequestSchema(def: EventTypeDefinition): JsonSchema {
  const aliases = Object.entries(EVENT_TYPE_ALIASES)
    .filter(([, to]) => to === def.name)
    .map(([alias]) => alias);
  const properties: Record<string, JsonSchema> = {
    EventType: { type: 'string', enum: [def.name, ...aliases] },
    Timestamp: scalar('DateTime', true),
  };
  for (const property of def.properties) properties[property.name] = propertySchema(property, 'openapi-3.0', true);
  return {
    type: 'object',
    description: `Emits ${def.name}; properties left out are filled realistically`,
    required: ['EventType'],
    properties,
    additionalProperties: false,
  };
}

const oneOfByEventType = (names: Record<string, string>): JsonSchema => ({
  oneOf: [...new Set(Object.values(names))].map((name) => refTo('openapi-3.0', name)),
  discriminator: {
    propertyName: 'EventType',
    mapping: Object.fromEntries(Object.entries(names).map(([type, name]) => [type, `#/components/schemas/${name}`])),
  },
});

/** Every payload, helper type and emit request, named for #/components/schemas. */
export function payloadComponentSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const helper of HELPER_TYPES) schemas[helper.name] = helperTypeSchema(helper, 'openapi-3.0');
  for (const def of EVENT_TYPES) schemas[payloadSchemaName(def.name)] = payloadSchema(def, 'openapi-3.0');
  schemas.WebhookPayload = {
    description: 'A payload as receivers get it, one of the 34 event types',
    ...oneOfByEventType(Object.fromEntries(EVENT_TYPES.map((d) => [d.name, payloadSchemaName(d.name)]))),
  };
  for (const def of EVENT_TYPES) schemas[emitRequestSchemaName(def.name)] = emitRequestSchema(def);
  const emitNames: Record<string, string> = Object.fromEntries(EVENT_TYPES.map((d) => [d.name, emitRequestSchemaName(d.name)]));
  for (const [alias, to] of Object.entries(EVENT_TYPE_ALIASES)) emitNames[alias] = emitRequestSchemaName(to);
  schemas.EmitEventRequest = {
    description: 'One event: EventType (a name or an alias), optionally Timestamp and any of its properties',
    ...oneOfByEventType(emitNames),
  };
  return schemas;
}

/** One event type's payload as a standalone JSON Schema (draft-07), helper types under `definitions`. */
export function payloadJsonSchema(def: EventTypeDefinition): JsonSchema {
  const used = new Set(def.properties.map((p) => listElementTypeName(p.type)).filter((n): n is string => n !== undefined));
  const definitions = Object.fromEntries(HELPER_TYPES.filter((h) => used.has(h.name)).map((h) => [h.name, helperTypeSchema(h, 'json-schema')]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:enreach-webhook-emulator:payload:${def.name}`,
    ...payloadSchema(def, 'json-schema'),
    ...(used.size ? { definitions } : {}),
  };
}
