import type { EventTypeDefinition, PropertyDefinition } from './catalog.types';
import { isDotNetTimestamp } from './dotnet-timestamp';
import { COMMON_PROPERTY_NAMES, getHelperType, listElementTypeName } from './event-catalog';
import { checkScalar, INTEGER_RANGES, isNullableType } from './value-rules';

/**
 * Fast "certainly valid" checks for the validator's hot path (the simulation validates every event
 * it emits). Each table is compiled once into plain checks with no message strings built. They are
 * conservative: true only when the full validator would report nothing; anything unusual answers
 * false and the full validator runs, so its messages and verdicts stay the single source of truth.
 */

type ScalarCheck = (value: unknown, strict: boolean) => boolean;

interface CompiledProperty {
  readonly name: string;
  readonly nullable: boolean;
  readonly enumValues: readonly unknown[] | undefined;
  /** Scalar types. */
  readonly scalar: ScalarCheck | null;
  /** List types: the element table. */
  readonly list: CompiledTable | null;
}

interface CompiledTable {
  readonly properties: readonly CompiledProperty[];
  readonly names: ReadonlySet<string>;
  /** False when the table has something the fast path does not handle (left to the full validator). */
  readonly supported: boolean;
}

const HEX_LOWER = new Uint8Array(128);
const HEX_ANY = new Uint8Array(128);
for (const c of '0123456789abcdef') HEX_LOWER[c.charCodeAt(0)] = HEX_ANY[c.charCodeAt(0)] = 1;
for (const c of 'ABCDEF') HEX_ANY[c.charCodeAt(0)] = 1;

/** The GUID patterns of value-rules without a regular expression: 8-4-4-4-12 hex digits. */
export function isGuidText(value: string, lowerOnly: boolean): boolean {
  if (value.length !== 36) return false;
  const table = lowerOnly ? HEX_LOWER : HEX_ANY;
  for (let i = 0; i < 36; i++) {
    const code = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45) return false;
    } else if (code >= 128 || table[code] === 0) return false;
  }
  return true;
}

function scalarCheck(type: string): ScalarCheck | null {
  const base = type.endsWith('?') ? type.slice(0, -1) : type;
  switch (base) {
    case 'Guid':
      return (value, strict) => typeof value === 'string' && isGuidText(value, strict);
    case 'string':
      return (value) => typeof value === 'string';
    case 'SupervisionState':
      return (value) => typeof value === 'string' && value !== '';
    case 'bool':
      return (value) => typeof value === 'boolean';
    case 'int':
    case 'short':
    case 'long': {
      const [min, max] = INTEGER_RANGES[base];
      return (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    }
    case 'DateTime':
      // Strict (built payloads): the canonical text; otherwise whatever the builder can normalise.
      return (value, strict) => (strict ? isDotNetTimestamp(value) : checkScalar(type, value, false) === undefined);
    default:
      return null;
  }
}

const COMMON = new Set<string>(COMMON_PROPERTY_NAMES);
const compiled = new WeakMap<readonly PropertyDefinition[], CompiledTable>();

/** `nested`: a List<> element table, whose properties may share names with the payload header (Id, Timestamp). */
function compile(properties: readonly PropertyDefinition[], nested = false): CompiledTable {
  let table = compiled.get(properties);
  if (table) return table;
  let supported = true;
  const list: CompiledProperty[] = properties.map((property) => {
    if (!nested && COMMON.has(property.name)) supported = false;
    const elementType = listElementTypeName(property.type);
    const helper = elementType ? getHelperType(elementType) : undefined;
    const scalar = elementType ? null : scalarCheck(property.type);
    const elements = helper ? compile(helper.properties, true) : null;
    if ((elementType && !elements) || (!elementType && !scalar) || (elements && !elements.supported)) supported = false;
    return {
      name: property.name,
      nullable: isNullableType(property.type),
      enumValues: property.enum as readonly unknown[] | undefined,
      scalar,
      list: elements,
    };
  });
  table = { properties: list, names: new Set(list.map((p) => p.name)), supported };
  compiled.set(properties, table);
  return table;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function valueOk(property: CompiledProperty, value: unknown, strict: boolean): boolean {
  if (value === null) return property.nullable;
  if (property.list) {
    if (!Array.isArray(value)) return false;
    for (const element of value) if (!isPlainObject(element) || !objectOk(property.list, element, strict, strict)) return false;
    return true;
  }
  if (!property.scalar!(value, strict)) return false;
  return property.enumValues === undefined || property.enumValues.includes(value);
}

/**
 * `exact`: the keys must be the table's, all of them, in table order (a built payload's rule);
 * otherwise a subset of them in any order, undefined counting as absent.
 */
function objectOk(table: CompiledTable, values: Record<string, unknown>, strict: boolean, exact: boolean): boolean {
  if (!table.supported) return false;
  const keys = Object.keys(values);
  if (exact) {
    if (keys.length !== table.properties.length) return false;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== table.properties[i].name) return false;
  } else {
    for (const key of keys) if (!table.names.has(key)) return false;
  }
  for (const property of table.properties) {
    const value = values[property.name];
    if (value === undefined) {
      if (exact) return false;
      continue;
    }
    if (!valueOk(property, value, strict)) return false;
  }
  return true;
}

/** True only if validateEventValues(def.name, values) (requireAll off) would find nothing. */
export function eventValuesCertainlyValid(def: EventTypeDefinition, values: unknown): boolean {
  return isPlainObject(values) && objectOk(compile(def.properties), values, false, false);
}

const HEADER = ['RootEntityType', 'RootEntityId', 'EventType', 'EntityType', 'EntityId'];
const TRAILER = ['Id', 'Timestamp'];

/** True only if validatePayload(payload) would find nothing; `def` is the table its EventType names. */
export function payloadCertainlyValid(def: EventTypeDefinition, payload: Record<string, unknown>): boolean {
  const table = compile(def.properties);
  if (!table.supported) return false;
  // Keys exactly header, the event's properties in table order, then Id and Timestamp.
  const keys = Object.keys(payload);
  const own = table.properties;
  if (keys.length !== HEADER.length + own.length + TRAILER.length) return false;
  for (let i = 0; i < HEADER.length; i++) if (keys[i] !== HEADER[i]) return false;
  for (let i = 0; i < own.length; i++) if (keys[HEADER.length + i] !== own[i].name) return false;
  if (keys[keys.length - 2] !== 'Id' || keys[keys.length - 1] !== 'Timestamp') return false;

  const guid = (value: unknown): boolean => typeof value === 'string' && isGuidText(value, true);
  if (payload.RootEntityType !== 'Organization' || payload.EntityType !== def.entityType) return false;
  if (!guid(payload.RootEntityId) || !guid(payload.EntityId) || !guid(payload.Id)) return false;
  if (payload.EntityId !== payload[def.entityIdProperty] || payload.OrganizationId !== payload.RootEntityId) return false;
  if (!isDotNetTimestamp(payload.Timestamp)) return false;
  for (const property of own) {
    const value = payload[property.name];
    if (value === undefined || !valueOk(property, value, true)) return false;
  }
  return true;
}
