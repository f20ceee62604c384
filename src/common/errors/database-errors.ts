import { QueryFailedError } from 'typeorm';

/** The constraint a statement broke with PostgreSQL error `code`, or null (another error). */
function violated(e: unknown, code: string, unnamed: string): string | null {
  if (!(e instanceof QueryFailedError)) return null;
  const err = e.driverError as { code?: string; constraint?: string } | undefined;
  return err?.code === code ? (err.constraint ?? unnamed) : null;
}

/** The name of the unique constraint a statement broke (a concurrent duplicate), or null. */
export function uniqueViolation(e: unknown): string | null {
  return violated(e, '23505', 'unique');
}

/** The name of the foreign key a statement broke (a row it points at is gone), or null. */
export function foreignKeyViolation(e: unknown): string | null {
  return violated(e, '23503', 'foreign key');
}
