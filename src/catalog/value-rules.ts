import { formatDotNetTimestamp, isDotNetTimestamp } from './dotnet-timestamp';

/**
 * What each seed value type accepts, shared by the validator (which reports) and the builder
 * (which normalises). Ranges are the .NET ones; `long` is limited to what a JSON number can carry
 * exactly in JavaScript.
 */

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** .NET serialises Guids lower-case; payloads are checked for that form. */
export const CANONICAL_GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * .NET nullability: `T?` is Nullable<T>; `string` and `List<T>` are reference types and may be
 * null; Guid, int, bool, DateTime and enums such as SupervisionState are value types and may not.
 */
export function isNullableType(type: string): boolean {
  return type.endsWith('?') || type === 'string' || type.startsWith('List<');
}

/** `int?` -> `int`. */
export function baseType(type: string): string {
  return type.endsWith('?') ? type.slice(0, -1) : type;
}

/** Short rendering of an offending value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Checks a non-null scalar against its base type. `strict` is for built payloads: DateTime must be
 * the canonical .NET string and a Guid lower-case; otherwise any input the builder can normalise
 * passes. Returns the reason it fails, or undefined.
 */
export function checkScalar(type: string, value: unknown, strict: boolean): string | undefined {
  const base = baseType(type);
  switch (base) {
    case 'Guid':
      return typeof value === 'string' && (strict ? CANONICAL_GUID_PATTERN : GUID_PATTERN).test(value)
        ? undefined
        : `expected ${type} (${strict ? 'a lower-case GUID' : 'a GUID'}${type.endsWith('?') ? ' or null' : ''}), got ${describeValue(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected string, got ${describeValue(value)}`;
    case 'SupervisionState':
      // Named by the seed, never defined: any non-empty name is accepted.
      return typeof value === 'string' && value !== '' ? undefined : `expected SupervisionState (a state name), got ${describeValue(value)}`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `expected bool (true or false), got ${describeValue(value)}`;
    case 'int':
    case 'short':
    case 'long': {
      const [min, max] = INTEGER_RANGES[base];
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? undefined
        : `expected ${type} (an integer from ${min} to ${max}), got ${describeValue(value)}`;
    }
    case 'DateTime':
      if (strict) {
        return isDotNetTimestamp(value)
          ? undefined
          : `expected ${type} as the platform writes it (UTC, no zone, e.g. 2018-01-01T08:01:23.45), got ${describeValue(value)}`;
      }
      if (typeof value !== 'string' && !(value instanceof Date)) {
        return `expected ${type} (an ISO-8601 or .NET timestamp string), got ${describeValue(value)}`;
      }
      try {
        formatDotNetTimestamp(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    default:
      return `has unsupported type ${type}`;
  }
}
