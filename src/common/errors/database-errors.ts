import { QueryFailedError } from 'typeorm';

/** The name of the unique constraint a statement broke (a concurrent duplicate), or null. */
export function uniqueViolation(e: unknown): string | null {
  if (!(e instanceof QueryFailedError)) return null;
  const err = e.driverError as { code?: string; constraint?: string } | undefined;
  return err?.code === '23505' ? (err.constraint ?? 'unique') : null;
}

/** The name of the foreign key a statement broke (a row it points at is gone), or null. */
export function foreignKeyViolation(e: unknown): string | null {
  if (!(e instanceof QueryFailedError)) return null;
  const err = e.driverError as { code?: string; constraint?: string } | undefined;
  return err?.code === '23503' ? (err.constraint ?? 'foreign key') : null;
}
