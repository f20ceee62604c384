import { ABP_DATETIME, DOTNET_GUID, DOTNET_TIMESPAN } from './abp-json';
import { getLandisEvent } from './landis-catalog';
import type { LandisPropertyDefinition, LandisValueType } from './landis-catalog.types';

/**
 * Checks a Data object against its event's table at run time (the types do it at compile time
 * for the emulator's own code): every property present, none extra, each value of its type and
 * value set. Returns the problems, worded for a 400 or a failing test; empty when it fits.
 */

const SCALAR_CHECKS: Record<Exclude<LandisValueType, 'List<IvrInput>'>, { test: (value: unknown) => boolean; expected: string }> = {
  Guid: { test: (v) => typeof v === 'string' && DOTNET_GUID.test(v), expected: 'a lower-case GUID' },
  'Guid?': { test: (v) => v === null || (typeof v === 'string' && DOTNET_GUID.test(v)), expected: 'a lower-case GUID or null' },
  string: { test: (v) => v === null || typeof v === 'string', expected: 'a string or null' },
  DateTime: { test: (v) => typeof v === 'string' && ABP_DATETIME.test(v), expected: 'a UTC DateTime such as 2024-03-01T09:00:05.123Z' },
  TimeSpan: { test: (v) => typeof v === 'string' && DOTNET_TIMESPAN.test(v), expected: 'a TimeSpan such as 00:01:23' },
  bool: { test: (v) => typeof v === 'boolean', expected: 'true or false' },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function objectProblems(path: string, value: unknown, properties: readonly LandisPropertyDefinition[]): string[] {
  if (!isRecord(value)) return [`${path} must be an object`];
  const problems: string[] = [];
  const known = new Set(properties.map((p) => p.name));
  for (const key of Object.keys(value)) {
    if (known.has(key)) continue;
    const cased = properties.find((p) => p.name.toLowerCase() === key.toLowerCase());
    problems.push(`${path}.${key} is not a property of this table${cased ? ` (did you mean ${cased.name}?)` : ''}`);
  }
  for (const property of properties) {
    const where = `${path}.${property.name}`;
    if (!(property.name in value)) {
      problems.push(`${where} is missing (send null for no value)`);
      continue;
    }
    problems.push(...valueProblems(where, value[property.name], property));
  }
  return problems;
}

function valueProblems(where: string, value: unknown, property: LandisPropertyDefinition): string[] {
  if (property.alwaysNull) return value === null ? [] : [`${where} must be null (the document says it is always null)`];
  if (property.items) {
    if (!Array.isArray(value)) return [`${where} must be an array`];
    return value.flatMap((item, i) => objectProblems(`${where}[${i}]`, item, property.items ?? []));
  }
  const check = SCALAR_CHECKS[property.type as keyof typeof SCALAR_CHECKS];
  if (!check.test(value)) return [`${where} must be ${check.expected}, got ${JSON.stringify(value)}`];
  if (property.enum && value !== null && !property.enum.includes(value as string)) {
    return [`${where} must be one of ${property.enum.join(', ')}, got ${JSON.stringify(value)}`];
  }
  return [];
}

export function landisDataProblems(eventName: string, data: unknown): string[] {
  const event = getLandisEvent(eventName);
  if (!event) return [`${eventName} is not a Landis webhook event`];
  return objectProblems('Data', data, event.properties);
}
