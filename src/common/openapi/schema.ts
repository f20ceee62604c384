import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';

/**
 * Response schemas of the admin API, written beside each feature's presenter as plain OpenAPI
 * schemas: the presenters return plain objects, so a named schema per answer documents them
 * without a class per shape. `named` registers a schema for #/components/schemas (see
 * openapi-document.ts) and returns its $ref, so generated clients get one type per resource.
 */
export type Schema = SchemaObject | ReferenceObject;

const registry = new Map<string, Schema>();

export function named(name: string, schema: Schema): ReferenceObject {
  if (registry.has(name) && registry.get(name) !== schema) throw new Error(`Two response schemas named ${name}`);
  registry.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

export function namedSchemas(): Record<string, Schema> {
  return Object.fromEntries(registry);
}

type Extra = Partial<SchemaObject>;

/**
 * A nullable value. OpenAPI 3.0 ignores `nullable` beside a $ref, and `allOf: [ref]` still refuses
 * null, so a ref becomes "the ref, or null" (a schema that only null matches). An enum lists null
 * among its values: `nullable` does not widen `enum` (OpenAPI 3.0.3), so validators refused a null.
 */
export function nullable(schema: Schema): Schema {
  if ('$ref' in schema) return { anyOf: [schema, { type: 'object', nullable: true, enum: [null] }] };
  return { ...schema, nullable: true, ...(schema.enum ? { enum: [...(schema.enum as unknown[]), null] } : {}) };
}

/** Builders for the shapes the presenters return. */
export const t = {
  string: (extra: Extra = {}): SchemaObject => ({ type: 'string', ...extra }),
  uuid: (extra: Extra = {}): SchemaObject => ({ type: 'string', format: 'uuid', ...extra }),
  dateTime: (extra: Extra = {}): SchemaObject => ({ type: 'string', format: 'date-time', ...extra }),
  integer: (extra: Extra = {}): SchemaObject => ({ type: 'integer', ...extra }),
  number: (extra: Extra = {}): SchemaObject => ({ type: 'number', ...extra }),
  boolean: (extra: Extra = {}): SchemaObject => ({ type: 'boolean', ...extra }),
  enum: (values: readonly (string | number)[], extra: Extra = {}): SchemaObject => ({
    type: typeof values[0] === 'number' ? 'integer' : 'string',
    enum: [...values],
    ...extra,
  }),
  array: (items: Schema, extra: Extra = {}): SchemaObject => ({ type: 'array', items, ...extra }),
  /** A map of names to values (headers, counts by status). */
  record: (values: Schema, extra: Extra = {}): SchemaObject => ({ type: 'object', additionalProperties: values, ...extra }),
  /** Every property required unless listed in `optional`: the presenters always send their keys. */
  object: (properties: Record<string, Schema>, optional: readonly string[] = [], extra: Extra = {}): SchemaObject => {
    const required = Object.keys(properties).filter((k) => !optional.includes(k));
    return { type: 'object', properties, ...(required.length ? { required } : {}), ...extra };
  },
};

/** A documented answer with a JSON body. */
export function ApiAnswer(status: number, schema: Schema, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, schema: schema as SchemaObject });
}

/** A documented answer with a body of another media type (Prometheus text, Server-Sent Events). */
export function ApiTextAnswer(status: number, mediaType: string, description: string, schema: Schema = t.string()): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiProduces(mediaType), ApiResponse({ status, description, schema: schema as SchemaObject }));
}

/** A documented answer without a body. */
export function ApiNoContent(description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status: 204, description });
}
