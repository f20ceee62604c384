import { formatDotNetTimestamp } from '../catalog/dotnet-timestamp';

/**
 * JSON as ASP.NET Boilerplate writes it: Newtonsoft.Json with ABP's default settings
 * (`JsonExtensions.ToJsonString`: no contract resolver, so PascalCase names as declared; not
 * indented; nulls included; `AbpDateTimeConverter`, an `IsoDateTimeConverter`, for DateTime).
 */

const TICKS_PER_MS = 10_000;

/**
 * A UTC DateTime as IsoDateTimeConverter writes it: `yyyy-MM-ddTHH:mm:ss.FFFFFFFK`, i.e. up to
 * 7 fraction digits with trailing zeros (and a zero fraction's dot) dropped, `Z` for UTC.
 * `extraTicks` (0-9999) adds the 100 ns ticks below the millisecond that .NET's clock has and
 * a JS Date lacks. Strings are taken as .NET or ISO timestamps (unzoned means UTC).
 */
export function formatAbpDateTime(value: Date | string, extraTicks = 0): string {
  if (!Number.isInteger(extraTicks) || extraTicks < 0 || extraTicks >= TICKS_PER_MS) {
    throw new RangeError(`extraTicks must be an integer from 0 to 9999, got ${extraTicks}`);
  }
  if (typeof value === 'string') {
    if (extraTicks !== 0) throw new RangeError('extraTicks applies to a Date only; give the digits in the string');
    return `${formatDotNetTimestamp(value)}Z`;
  }
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new Error('Invalid DateTime: expected a valid Date');
  const fraction = String(value.getUTCMilliseconds() * TICKS_PER_MS + extraTicks).padStart(7, '0');
  return `${formatDotNetTimestamp(`${value.toISOString().slice(0, 19)}.${fraction}Z`)}Z`;
}

/** The form formatAbpDateTime writes (the form receivers see), for validation. */
export const ABP_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{0,6}[1-9])?Z$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A duration as Newtonsoft writes a TimeSpan: `TimeSpan.ToString()`, the constant ("c") format
 * `[-][d.]hh:mm:ss[.fffffff]`: days only when there are any, 7 fraction digits only when the
 * fraction is not zero (`00:01:23`, `00:01:23.4500000`, `1.02:03:04`).
 */
export function formatTimeSpan(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) throw new RangeError(`A TimeSpan needs a finite number of milliseconds, got ${milliseconds}`);
  const ticks = Math.round(Math.abs(milliseconds) * TICKS_PER_MS);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const fraction = ticks % 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const clock = `${pad2(Math.floor(totalSeconds / 3600) % 24)}:${pad2(Math.floor(totalSeconds / 60) % 60)}:${pad2(totalSeconds % 60)}`;
  return `${milliseconds < 0 && ticks > 0 ? '-' : ''}${days > 0 ? `${days}.` : ''}${clock}${fraction > 0 ? `.${String(fraction).padStart(7, '0')}` : ''}`;
}

/** The TimeSpan form formatTimeSpan writes, for validation. */
export const DOTNET_TIMESPAN = /^-?(?:\d+\.)?(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{7})?$/;

/** Guid.ToString(): the "D" format, lower case. */
export const DOTNET_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// A lone UTF-16 surrogate: .NET's UTF-8 encoder writes U+FFFD for it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Newtonsoft escapes these three besides what JSON.stringify escapes; they occur only inside strings.
const NEWTONSOFT_EXTRA_ESCAPES = /[\u0085\u2028\u2029]/g;

/**
 * Serialises a JSON value the way Newtonsoft's JsonConvert.SerializeObject does with default
 * settings: compact, key order kept, the same string escapes (JSON.stringify's plus U+0085,
 * U+2028 and U+2029). Only integers are allowed as numbers: Newtonsoft writes a whole double
 * as `1.0`, which JSON.stringify cannot tell apart, and no Landis property is a double.
 */
export function toNewtonsoftJson(value: unknown): string {
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    // JSON.stringify has already turned a Date into JS's own ISO form, which is not .NET's.
    if (this[key] instanceof Date) throw new TypeError(`${key} is a Date; write it with formatAbpDateTime`);
    if (typeof item === 'string') return item.replace(LONE_SURROGATE, '\uFFFD');
    if (typeof item === 'number' && !Number.isSafeInteger(item)) {
      throw new TypeError(`${key || 'value'} is ${item}; Landis JSON carries integers only`);
    }
    if (item === undefined || typeof item === 'function' || typeof item === 'bigint' || typeof item === 'symbol') {
      throw new TypeError(`${key || 'value'} is ${typeof item}, which has no JSON form; use null for no value`);
    }
    return item;
  });
  return json.replace(NEWTONSOFT_EXTRA_ESCAPES, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
