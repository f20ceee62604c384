import type { EventTypeDefinition, HelperTypeDefinition, PropertyDefinition } from './catalog.types';
import { EVENT_TYPES, HELPER_TYPES, listElementTypeName } from './event-catalog';
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

function scalar(type: string): JsonSchema {
  const base = baseType(type);
  if (base === 'Guid') return { type: 'string', format: 'uuid', pattern: GUID };
  if (base === 'bool') return { type: 'boolean' };
  if (base === 'DateTime') return { type: 'string', pattern: DOTNET_DATETIME, description: 'UTC without a zone, e.g. 2018-01-01T08:01:23.45' };
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

function propertySchema(property: PropertyDefinition, dialect: SchemaDialect): JsonSchema {
  const element = listElementTypeName(property.type);
  let schema: JsonSchema = element ? { type: 'array', items: refTo(dialect, element) } : scalar(property.type);
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
  const properties = { ...(own.properties as Record<string, JsonSchema>), Id: { ...guid, description: 'The event Id (the same on every attempt)' }, Timestamp: scalar('DateTime') };
  return { title: payloadSchemaName(def.name), description: def.description, ...own, required: Object.keys(properties), properties };
}

/** Every payload and helper type, named for #/components/schemas. */
export function payloadComponentSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const helper of HELPER_TYPES) schemas[helper.name] = helperTypeSchema(helper, 'openapi-3.0');
  for (const def of EVENT_TYPES) schemas[payloadSchemaName(def.name)] = payloadSchema(def, 'openapi-3.0');
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
