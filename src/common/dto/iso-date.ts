import { ValidateBy, type ValidationOptions } from 'class-validator';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/i;
export const MIN_YEAR = 1900;

/**
 * An ISO 8601 date or date-time that names a real instant: the calendar day exists (no 2021-02-29),
 * the time is in range and the year is 1900-9999, so PostgreSQL never sees what it cannot store.
 */
export function isRealIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offH = 0, offM = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  if (year < MIN_YEAR || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offH > 14 || offM > 59) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && day >= 1;
}

export function IsRealDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRealDate',
      validator: {
        validate: (value) => isRealIsoDate(value),
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z (a real day, year ${MIN_YEAR}-9999)`,
      },
    },
    options,
  );
}
