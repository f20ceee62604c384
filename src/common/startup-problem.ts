import { inspect } from 'node:util';

interface StartupContext {
  /** Set when this process serves the admin API. */
  http: { host: string; port: number } | null;
  databaseUrl: string | null;
}

/** PostgreSQL answers (SQLSTATE) that no retry changes: a refused login, a database that does not exist. */
const PERMANENT_SQLSTATES = new Set(['28P01', '28000', '3D000']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);

type StartError = { code?: string; message?: string; port?: number; hostname?: string; address?: string };

/** Whether connecting again could help: not after PostgreSQL refused the login or has no such database. */
export const worthRetrying = (e: unknown): boolean => !PERMANENT_SQLSTATES.has((e as StartError | undefined)?.code ?? '');

/** What stopped the start, in words a user can act on (never the password of DATABASE_URL). */
export function startupProblem(e: unknown, context: StartupContext): string {
  const err = (e ?? {}) as StartError;
  if (err.code === 'EADDRINUSE' && context.http) {
    const { host, port } = context.http;
    return `PORT=${port}: ${host}:${port} is already in use (another emulator or program listens there); stop it, or set PORT to a free port (0 picks one)`;
  }
  if (context.databaseUrl) {
    const db = new URL(context.databaseUrl);
    const where = `PostgreSQL at ${db.hostname}:${db.port || 5432} (DATABASE_URL)`;
    const name = decodeURIComponent(db.pathname.slice(1));
    if (err.code === '3D000') return `${where} has no database "${name}": create it, or point DATABASE_URL at one that exists`;
    if (err.code === '28P01' || err.code === '28000') return `${where} refused the login of user "${decodeURIComponent(db.username)}": ${err.message}`;
    if (err.code && UNREACHABLE.has(err.code) && (err.port === Number(db.port || 5432) || err.hostname === db.hostname)) {
      return `${where} is not reachable (${err.code}): start it, or check DATABASE_URL`;
    }
  }
  // Some libraries reject with a non-Error or an Error without a message: never log just "undefined".
  return e instanceof Error && e.message ? e.message : inspect(e);
}
