import { createHash } from 'node:crypto';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { ValidationProblem } from './errors/domain-errors';

/** Lists count matching rows up to this many; beyond it `Total` stays here and `TotalCapped` is true. */
export const TOTAL_CAP = 10_000;

/**
 * A position in a list ordered newest first: the sort keys of the last row shown (timestamps as
 * epoch microseconds, PostgreSQL's precision) and its id. The next page starts strictly after it,
 * so rows inserted meanwhile never shift a page (as they do with an offset) and the database walks
 * an index from the position instead of counting past every earlier row.
 */
export interface KeysetPosition {
  micros: string[];
  id: string;
}

// Up to year 2286: a cursor made with the source's salt cannot carry a value PostgreSQL's bigint or
// timestamp arithmetic overflows on (the service only makes cursors from stored rows).
const MICROS = /^\d{1,16}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Not a secret: a check that the cursor is one the service made, for this list and these filters.
const SALT = 'enreach-emu keyset cursor v1';

const digest = (text: string) => createHash('sha256').update(SALT).update(text).digest('base64url').slice(0, 16);

/** The filters a cursor belongs to: the query without its paging fields. */
export function filterFingerprint(query: object): string {
  const paging = new Set(['limit', 'offset', 'cursor', 'waitMs']);
  const entries = Object.entries(query).filter(([k, v]) => !paging.has(k) && v !== undefined && v !== null && v !== '');
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The opaque `NextCursor` text: base64url JSON of the position, with a check of it, the list and the filters. */
export function encodeCursor(list: string, query: object, position: KeysetPosition): string {
  const body = Buffer.from(JSON.stringify([...position.micros, position.id])).toString('base64url');
  return `${body}.${digest(`${list}|${filterFingerprint(query)}|${body}`)}`;
}

/** The position of a `?cursor=`; a 400 for anything this list did not give out for these filters. */
export function decodeCursor(list: string, query: object, cursor: string, keys: number): KeysetPosition {
  const refuse = () =>
    new ValidationProblem(`cursor must be the NextCursor of an earlier page of GET /api/${list} with the same filters; start again without cursor`);
  const [body, check, ...rest] = cursor.split('.');
  if (!body || !check || rest.length || digest(`${list}|${filterFingerprint(query)}|${body}`) !== check) throw refuse();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(values) || values.length !== keys + 1 || !values.every((v) => typeof v === 'string')) throw refuse();
  const micros = values.slice(0, keys) as string[];
  const id = values[keys] as string;
  if (!micros.every((m) => MICROS.test(m)) || !UUID.test(id)) throw refuse();
  return { micros, id };
}

/** SQL of a timestamptz column as epoch microseconds text, exact (extract returns numeric). */
export const microsOf = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint::text`;
/** SQL of a cursor parameter (epoch microseconds) as timestamptz. */
export const timestampOf = (param: string) => `('epoch'::timestamptz + (:${param})::bigint * interval '1 microsecond')`;

/** Matching rows counted up to TOTAL_CAP + 1 (an index walk of at most that many rows), never all of a large table. */
export async function cappedCount<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<{ Total: number; TotalCapped: boolean }> {
  const limited = qb
    .clone()
    .select('1')
    .orderBy()
    .offset(undefined)
    .limit(TOTAL_CAP + 1);
  const [query, params] = limited.getQueryAndParameters();
  const [row] = await qb.connection.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${query}) AS limited`, params);
  return { Total: Math.min(row.n, TOTAL_CAP), TotalCapped: row.n > TOTAL_CAP };
}
