import type { PropertyDefinition } from './catalog.types';
import { isDotNetTimestamp } from './dotnet-timestamp';
import {
  COMMON_PROPERTY_NAMES,
  EVENT_TYPE_ALIASES,
  getEventType,
  getHelperType,
  listElementTypeName,
  resolveEventType,
  suggestEventTypeName,
} from './event-catalog';
import { eventValuesCertainlyValid, payloadCertainlyValid } from './payload-fast-check';
import { CANONICAL_GUID_PATTERN, checkScalar, describeValue, isNullableType } from './value-rules';

/**
 * Checks event values against the seed tables. Every message starts with the property (path) it
 * is about, so an admin API can return the list as is. An empty list means valid.
 */

export interface ValidateValuesOptions {
  /** Every property of the event must be present (null is fine where the type allows it). */
  requireAll?: boolean;
}

interface Mode {
  /** Built payloads: canonical forms, and every property present. */
  strict: boolean;
  requireAll: boolean;
}

const COMMON = new Set<string>(COMMON_PROPERTY_NAMES);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function unknownPropertyMessage(path: string, key: string, owner: string, properties: readonly PropertyDefinition[]): string {
  const sameButCase = properties.find((property) => property.name.toLowerCase() === key.toLowerCase());
  const hint = sameButCase ? `; did you mean ${sameButCase.name}?` : '';
  return `${path}${key} is not a property of ${owner}${hint}`;
}

function checkEnum(path: string, property: PropertyDefinition, value: unknown): string | undefined {
  const allowed = property.enum as readonly unknown[] | undefined;
  if (!allowed || allowed.includes(value)) return undefined;
  return `${path}: ${describeValue(value)} is not one of ${allowed.join(', ')}`;
}

function checkProperty(path: string, property: PropertyDefinition, value: unknown, mode: Mode, errors: string[]): void {
  if (value === null) {
    if (!isNullableType(property.type)) errors.push(`${path}: must not be null (${property.type} is not nullable)`);
    return;
  }
  const elementType = listElementTypeName(property.type);
  if (elementType) {
    checkList(path, property.type, elementType, value, mode, errors);
    return;
  }
  const problem = checkScalar(property.type, value, mode.strict);
  if (problem) {
    errors.push(`${path}: ${problem}`);
    return;
  }
  const enumProblem = checkEnum(path, property, value);
  if (enumProblem) errors.push(enumProblem);
}

function checkList(path: string, type: string, elementType: string, value: unknown, mode: Mode, errors: string[]): void {
  const helper = getHelperType(elementType);
  if (!helper) {
    errors.push(`${path}: has unsupported type ${type}`);
    return;
  }
  if (!Array.isArray(value)) {
    errors.push(`${path}: expected ${type} (an array of ${elementType} or null), got ${describeValue(value)}`);
    return;
  }
  value.forEach((element: unknown, index) => {
    const elementPath = `${path}[${index}]`;
    if (!isPlainObject(element)) {
      errors.push(`${elementPath}: expected a ${elementType} object, got ${element === null ? 'null' : describeValue(element)}`);
      return;
    }
    checkObject(`${elementPath}.`, helper.name, helper.properties, element, mode, errors);
  });
}

/** Unknown keys, missing keys (when required), then each present property. `prefix` ends with '.' when nested. */
function checkObject(
  prefix: string,
  owner: string,
  properties: readonly PropertyDefinition[],
  values: Record<string, unknown>,
  mode: Mode,
  errors: string[],
): void {
  const known = new Set(properties.map((property) => property.name));
  for (const key of Object.keys(values)) {
    if (known.has(key)) continue;
    if (!prefix && COMMON.has(key) && !mode.strict) {
      errors.push(`${key} is a common property set by the payload builder, not a property of ${owner}`);
    } else {
      errors.push(unknownPropertyMessage(prefix, key, owner, properties));
    }
  }
  for (const property of properties) {
    const path = `${prefix}${property.name}`;
    if (!Object.prototype.hasOwnProperty.call(values, property.name) || values[property.name] === undefined) {
      if (mode.requireAll) errors.push(`${path}: is missing from ${owner}${isNullableType(property.type) ? ' (send null when it has no value)' : ''}`);
      continue;
    }
    checkProperty(path, property, values[property.name], mode, errors);
  }
  // Top-level order is checked by validatePayload over the whole payload, header included.
  if (mode.strict && prefix)
    checkKeyOrder(
      prefix,
      owner,
      properties.map((property) => property.name),
      values,
      errors,
    );
}

function checkKeyOrder(prefix: string, owner: string, expected: readonly string[], values: Record<string, unknown>, errors: string[]): void {
  const actual = Object.keys(values).filter((key) => expected.includes(key));
  const wanted = expected.filter((key) => key in values);
  const at = wanted.findIndex((key, index) => actual[index] !== key);
  if (at >= 0) errors.push(outOfOrder(prefix, owner, wanted[at], at, actual.indexOf(wanted[at])));
}

function outOfOrder(prefix: string, owner: string, key: string, expectedIndex: number, actualIndex: number): string {
  return `${prefix}${key}: out of order in ${owner}; expected at position ${expectedIndex + 1}, found at ${actualIndex + 1}`;
}

/** Values for one event (a listed name or an alias), as a user or simulator supplies them. */
export function validateEventValues(eventType: string, values: unknown, options: ValidateValuesOptions = {}): string[] {
  const resolved = resolveEventType(eventType);
  if (!resolved) {
    const suggestion = suggestEventTypeName(eventType);
    return [`Unknown event type ${JSON.stringify(eventType)}${suggestion ? `; did you mean ${suggestion}?` : ''}`];
  }
  if (!isPlainObject(values)) return [`values for ${resolved.def.name} must be an object, got ${describeValue(values)}`];
  if (!options.requireAll && eventValuesCertainlyValid(resolved.def, values)) return [];
  const errors: string[] = [];
  checkObject('', resolved.def.name, resolved.def.properties, values, { strict: false, requireAll: options.requireAll ?? false }, errors);
  return errors;
}

/**
 * A complete built payload, as a receiver would get it: the common header, every property of the
 * event present in table order with canonical values, EntityId and OrganizationId consistent.
 */
export function validatePayload(payload: unknown): string[] {
  if (!isPlainObject(payload)) return [`payload must be a JSON object, got ${describeValue(payload)}`];
  const eventType = payload.EventType;
  if (typeof eventType !== 'string') return [`EventType: expected an event type name, got ${describeValue(eventType)}`];
  const def = getEventType(eventType);
  if (!def) {
    const alias = (EVENT_TYPE_ALIASES as Record<string, string>)[eventType];
    return [alias ? `EventType: ${eventType} is an alias; payloads carry ${alias}` : `EventType: unknown event type ${JSON.stringify(eventType)}`];
  }
  if (payloadCertainlyValid(def, payload)) return [];

  const errors: string[] = [];
  const guid = (name: string): void => {
    if (!(name in payload)) errors.push(`${name}: is missing from ${def.name}`);
    else if (typeof payload[name] !== 'string' || !CANONICAL_GUID_PATTERN.test(payload[name] as string)) {
      errors.push(`${name}: expected a lower-case GUID, got ${describeValue(payload[name])}`);
    }
  };
  if (payload.RootEntityType !== 'Organization') errors.push(`RootEntityType: expected "Organization", got ${describeValue(payload.RootEntityType)}`);
  guid('RootEntityId');
  if (payload.EntityType !== def.entityType) errors.push(`EntityType: expected "${def.entityType}" for ${def.name}, got ${describeValue(payload.EntityType)}`);
  guid('EntityId');
  if (payload.EntityId !== payload[def.entityIdProperty]) {
    errors.push(`EntityId: must equal ${def.entityIdProperty} (${describeValue(payload[def.entityIdProperty])}), got ${describeValue(payload.EntityId)}`);
  }
  if (payload.OrganizationId !== payload.RootEntityId) {
    errors.push(`OrganizationId: must equal RootEntityId (${describeValue(payload.RootEntityId)}), got ${describeValue(payload.OrganizationId)}`);
  }
  guid('Id');
  if (!isDotNetTimestamp(payload.Timestamp)) {
    errors.push(`Timestamp: expected the platform's UTC form (e.g. 2018-01-01T08:01:23.45), got ${describeValue(payload.Timestamp)}`);
  }

  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) if (!COMMON.has(key)) own[key] = value;
  checkObject('', def.name, def.properties, own, { strict: true, requireAll: true }, errors);

  const expectedOrder = ['RootEntityType', 'RootEntityId', 'EventType', 'EntityType', 'EntityId', ...def.properties.map((p) => p.name), 'Id', 'Timestamp'];
  const actualOrder = Object.keys(payload);
  const firstDifference = expectedOrder.findIndex((key, index) => actualOrder[index] !== key);
  if (firstDifference >= 0 && actualOrder.length === expectedOrder.length && expectedOrder.every((key) => key in payload)) {
    const key = expectedOrder[firstDifference];
    errors.push(outOfOrder('', def.name, key, firstDifference, actualOrder.indexOf(key)));
  }
  return errors;
}
