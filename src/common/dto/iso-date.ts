import { ValidateBy, type ValidationOptions } from 'class-validator';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))?)?$/i;
export const MIN_YEAR = 1900;
const MAX_OFFSET_HOURS = 14;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * What is wrong with a value given as an ISO 8601 date or date-time, or null when it names a real
 * instant: the calendar day exists (no 2021-02-29), the time and offset are in range and the year
 * is MIN_YEAR-9999, so PostgreSQL never sees what it cannot store. The text follows the
 * parameter's name: "from <problem>".
 */
export function isoDateProblem(value: unknown): string | null {
  const m = typeof value === 'string' ? ISO.exec(value) : null;
  if (!m) return 'must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z';
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const [offHour, offMinute] = [m[8], m[9]].map(Number);
  if (year < MIN_YEAR) return `is out of range: year ${m[1]} is before ${MIN_YEAR} (years ${MIN_YEAR}-9999)`;
  if (month < 1 || month > 12) return `is not a real date: there is no month ${m[2]}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `is not a real date: ${MONTHS[month - 1]}${month === 2 ? ` ${year}` : ''} has ${days} days`;
  if (hour > 23) return `is not a real time: hour ${m[4]} is past 23`;
  if (minute > 59) return `is not a real time: minute ${m[5]} is past 59`;
  if (second > 59) return `is not a real time: second ${m[6]} is past 59`;
  if (m[7] && (offHour > MAX_OFFSET_HOURS || offMinute > 59 || (offHour === MAX_OFFSET_HOURS && offMinute > 0))) {
    return `is not a real time: the offset ${m[7]}${two(offHour)}:${two(offMinute)} is beyond ±${MAX_OFFSET_HOURS}:00`;
  }
  return null;
}

export function isRealIsoDate(value: unknown): boolean {
  return isoDateProblem(value) === null;
}

/** A date or date-time parameter, query or body: a 400 naming the parameter, the problem and the value. */
export function IsRealDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRealDate',
      validator: {
        validate: (value) => isRealIsoDate(value),
        defaultMessage: (args) => `${args?.property} ${isoDateProblem(args?.value)}`,
      },
    },
    options,
  );
}
