/**
 * Timestamps as the platform's .NET serializer writes them: UTC without a zone suffix, fraction
 * trimmed of trailing zeros and dropped when zero (`2018-01-01T08:01:23.45`, `2018-01-01T08:01:23`).
 * Strings are handled digit by digit rather than through Date, so the 100 ns precision of .NET
 * (7 fraction digits) and DateTime.MaxValue survive.
 */

/** DateTime.MaxValue as the platform sends it, e.g. the EndTime of a continuous availability state. */
export const DOTNET_DATETIME_MAX = '9999-12-31T23:59:59.9999999';

const EXAMPLES = 'expected ISO-8601 with Z or an offset (2018-01-01T08:01:23.45Z) or .NET UTC (2018-01-01T08:01:23.45)';

// Zone is optional: without one the value is already UTC (.NET style). Seconds may be omitted as ISO allows.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{0,6}[1-9])?$/;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : MONTH_DAYS[month - 1];
}

function compose(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string): string {
  const trimmed = fraction.replace(/0+$/, '');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` + (trimmed ? `.${trimmed}` : '');
}

function invalid(input: string, reason: string): Error {
  return new Error(`Invalid timestamp ${JSON.stringify(input)}: ${reason}`);
}

function formatString(input: string): string {
  const match = TIMESTAMP.exec(input.trim());
  if (!match) throw invalid(input, EXAMPLES);
  const [, y, mo, d, h, mi, s = '00', fraction = '', , sign, offH, offM = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (fraction.length > 7) throw invalid(input, 'more than 7 fraction digits (.NET stores 100 ns ticks)');
  if (year < 1) throw invalid(input, 'year 0000 is before DateTime.MinValue');
  if (month < 1 || month > 12) throw invalid(input, `month ${mo} is out of range`);
  if (day < 1 || day > daysInMonth(year, month)) throw invalid(input, `day ${d} does not exist in ${y}-${mo}`);
  if (hour > 23 || minute > 59 || second > 59) throw invalid(input, `time ${h}:${mi}:${s} is out of range`);

  if (!sign) return compose(year, month, day, hour, minute, second, fraction); // unzoned or Z: already UTC
  if (Number(offH) > 23 || Number(offM) > 59) throw invalid(input, `offset ${sign}${offH}:${offM} is out of range`);
  const offsetMinutes = (sign === '+' ? 1 : -1) * (Number(offH) * 60 + Number(offM));
  // Offsets are whole minutes, so only the whole-second part moves and the fraction digits stay exact.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const utcYear = utc.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) throw invalid(input, 'outside the .NET DateTime range once converted to UTC');
  return compose(utcYear, utc.getUTCMonth() + 1, utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds(), fraction);
}

/** Formats a Date or an ISO/.NET string as the platform does; throws with the reason on bad input. */
export function formatDotNetTimestamp(date: Date | string): string {
  if (typeof date === 'string') return formatString(date);
  if (!(date instanceof Date)) throw new Error(`Invalid timestamp ${String(date)}: expected a Date or a string`);
  if (Number.isNaN(date.getTime())) throw new Error('Invalid timestamp: the Date is invalid');
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new Error(`Invalid timestamp ${date.toISOString()}: outside the .NET DateTime range`);
  // What compose() gives, from tables: this runs for every simulated event and several of its values.
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : ms % 100 === 0 ? `.${ms / 100}` : ms % 10 === 0 ? `.${TWO[ms / 10]}` : `.${THREE[ms]}`;
  return (
    (year >= 1000 ? String(year) : pad(year, 4)) +
    `-${TWO[date.getUTCMonth() + 1]}-${TWO[date.getUTCDate()]}T${TWO[date.getUTCHours()]}:${TWO[date.getUTCMinutes()]}:${TWO[date.getUTCSeconds()]}` +
    fraction
  );
}

const TWO = Array.from({ length: 100 }, (_, i) => pad(i, 2));
const THREE = Array.from({ length: 1000 }, (_, i) => pad(i, 3));

/** True only for the exact form the platform emits (canonical: UTC, no zone, trimmed fraction). */
export function isDotNetTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !CANONICAL.test(value)) return false;
  // The canonical form re-formats to itself exactly when its fields are in range (formatString's checks),
  // read here from fixed positions instead of parsing and composing the text again.
  const num = (from: number, to: number): number => {
    let n = 0;
    for (let i = from; i < to; i++) n = n * 10 + value.charCodeAt(i) - 48;
    return n;
  };
  const year = num(0, 4);
  const month = num(5, 7);
  const day = num(8, 10);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && num(11, 13) <= 23 && num(14, 16) <= 59 && num(17, 19) <= 59;
}

/** Parses anything formatDotNetTimestamp accepts into a Date (sub-millisecond digits are lost). */
export function dotNetTimestampToDate(value: Date | string): Date {
  if (value instanceof Date) {
    // A Date in range comes back as itself (the round trip keeps milliseconds): no text made and parsed for
    // each simulated event. Out of range or invalid, formatting throws the same error as before.
    const year = value.getUTCFullYear();
    if (!(year >= 1 && year <= 9999)) formatDotNetTimestamp(value);
    return new Date(value.getTime());
  }
  const canonical = formatDotNetTimestamp(value);
  const [whole, fraction = ''] = canonical.split('.');
  const date = new Date(0);
  const [datePart, timePart] = whole.split('T');
  const [year, month, day] = datePart.split('-').map(Number);
  const [hour, minute, second] = timePart.split(':').map(Number);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  return date;
}
