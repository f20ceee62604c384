/**
 * The API's typed errors. Services throw these; one filter (api-exception.filter.ts) turns them into
 * the one JSON shape every answer uses: `{ statusCode, error, message: [...] }`, each message naming
 * the field or thing and the value.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract readonly error: string;
  readonly messages: string[];

  constructor(messages: string | readonly string[]) {
    const list = typeof messages === 'string' ? [messages] : [...messages];
    super(list.join('; '));
    this.messages = list;
  }
}

/** The request is malformed or breaks a rule: 400. */
export class ValidationProblem extends DomainError {
  readonly statusCode = 400;
  readonly error = 'Bad Request';
}

/** What the request names does not exist: 404. */
export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  readonly error = 'Not Found';
}

/** The request clashes with the current state (a duplicate, something still in use): 409. */
export class ConflictError extends DomainError {
  readonly statusCode = 409;
  readonly error = 'Conflict';
}

/** A dependency or the simulation cannot serve the request now; try again after `retryAfterSeconds`: 503. */
export class UnavailableError extends DomainError {
  readonly statusCode = 503;
  readonly error = 'Service Unavailable';

  constructor(
    messages: string | readonly string[],
    readonly retryAfterSeconds = 5,
  ) {
    super(messages);
  }
}
