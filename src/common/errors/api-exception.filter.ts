import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DEPENDENCY_NAMES, dependencyOutage } from '../dependency-outage';
import { DomainError, UnavailableError } from './domain-errors';
import { errorBody, type ErrorBody } from './error-body';

interface Answer {
  body: ErrorBody & { Dependency?: string };
  headers?: Record<string, string>;
  /** A body of another documented shape, sent as it is (the health check's per-dependency report). */
  raw?: object;
}

/** PostgreSQL's own refusals that a request can still provoke (a race past the service's checks). */
function fromDatabase(e: QueryFailedError): Answer | null {
  const code = (e.driverError as { code?: string } | undefined)?.code ?? '';
  const constraint = (e.driverError as { constraint?: string } | undefined)?.constraint;
  if (code === '23505') return { body: errorBody(409, `already exists (${constraint ?? 'unique constraint'})`) };
  if (code === '23503') return { body: errorBody(409, `still referenced, or refers to something that no longer exists (${constraint ?? 'foreign key'})`) };
  // A null the DTO let through (null where only leaving the field out is meant): the client's value.
  if (code === '23502') {
    const column = (e.driverError as { column?: string } | undefined)?.column;
    return { body: errorBody(400, `a value cannot be null${column ? ` (${column})` : ''}; leave the field out to keep it`) };
  }
  // Class 22 is "data exception": a value the database cannot store. Validation should have refused
  // it first; if it did not, the client still gets a 400, not a 500.
  if (code.startsWith('22')) return { body: errorBody(400, `a value cannot be stored: ${e.driverError instanceof Error ? e.driverError.message : code}`) };
  return null;
}

function fromHttpException(e: HttpException): Answer {
  const status = e.getStatus();
  const response = e.getResponse();
  const headers: Record<string, string> = status === 503 ? { 'Retry-After': '5' } : {};
  if (typeof response === 'string') return { body: errorBody(status, response), headers };
  // The health check answers 503 with its report ({ status, info, error, details }): it names what is down.
  if (status === 503 && 'details' in response) return { body: errorBody(status, 'A dependency is down'), headers, raw: response };
  const r = response as { message?: unknown; error?: unknown };
  const message = Array.isArray(r.message) ? r.message.map(String) : [String(r.message ?? e.message)];
  return { body: errorBody(status, message, typeof r.error === 'string' ? r.error : undefined), headers };
}

/** Errors from plain HTTP libraries that carry a client status (e.g. a body parser's 413). */
function fromClientError(e: unknown): Answer | null {
  const status = (e as { status?: unknown; statusCode?: unknown })?.status ?? (e as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { body: errorBody(status, (e as Error).message) };
  return null;
}

/**
 * The one exception filter: every error of every route leaves as `{ statusCode, error, message: [...] }`.
 * Domain errors carry their status; Nest's HTTP exceptions (routing 404s, guards) are reshaped;
 * anything else is a bug, logged with its stack and answered 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const answer = this.answer(exception);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(answer.body.statusCode);
    for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
    res.json(answer.raw ?? answer.body);
  }

  private answer(e: unknown): Answer {
    if (e instanceof UnavailableError) return { body: errorBody(e.statusCode, e.messages, e.error), headers: { 'Retry-After': String(e.retryAfterSeconds) } };
    if (e instanceof DomainError) return { body: errorBody(e.statusCode, e.messages, e.error) };
    // PostgreSQL or Redis unavailable: 503 naming the dependency, never a 500.
    const outage = dependencyOutage(e);
    if (outage) {
      const message = `${DEPENDENCY_NAMES[outage.dependency]} is unavailable; retry in ${outage.retryAfterSeconds} s`;
      return { body: { ...errorBody(503, message), Dependency: outage.dependency }, headers: { 'Retry-After': String(outage.retryAfterSeconds) } };
    }
    if (e instanceof HttpException) return fromHttpException(e);
    if (e instanceof QueryFailedError) {
      const mapped = fromDatabase(e);
      if (mapped) {
        this.logger.warn(`Database refused a request: ${e.message}`);
        return mapped;
      }
    }
    const client = fromClientError(e);
    if (client) return client;
    this.logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return { body: errorBody(500, 'Internal error; the server log has the details') };
  }
}
