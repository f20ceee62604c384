import { ArgumentsHost, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiExceptionFilter } from './api-exception.filter';
import { ConflictError, UnavailableError, ValidationProblem } from './domain-errors';

function answer(exception: unknown) {
  const res = { statusCode: 0, headers: {} as Record<string, string>, body: undefined as unknown, headersSent: false };
  const response = {
    get headersSent() {
      return res.headersSent;
    },
    status: (code: number) => ((res.statusCode = code), response),
    setHeader: (k: string, v: string) => (res.headers[k] = v),
    json: (b: unknown) => (res.body = b),
    end: () => undefined,
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return res;
}

const pgError = (code: string, constraint?: string) => new QueryFailedError('INSERT ...', [], Object.assign(new Error('pg says no'), { code, constraint }));

describe('ApiExceptionFilter: one error shape for everything', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('maps the domain errors to their status with the message list', () => {
    expect(answer(new ValidationProblem(['Name must be a string, got 1']))).toMatchObject({
      statusCode: 400,
      body: { statusCode: 400, error: 'Bad Request', message: ['Name must be a string, got 1'] },
    });
    expect(answer(new ConflictError('in use'))).toMatchObject({ statusCode: 409, body: { statusCode: 409, error: 'Conflict', message: ['in use'] } });
  });

  it('answers unavailable with 503 and Retry-After', () => {
    expect(answer(new UnavailableError('PostgreSQL is down', 7))).toMatchObject({
      statusCode: 503,
      headers: { 'Retry-After': '7' },
      body: { message: ['PostgreSQL is down'] },
    });
  });

  it("reshapes Nest's own exceptions (routing 404, the key guard) to a message list", () => {
    expect(answer(new NotFoundException('Cannot GET /nope')).body).toEqual({ statusCode: 404, error: 'Not Found', message: ['Cannot GET /nope'] });
    expect(answer(new UnauthorizedException('key needed')).body).toEqual({ statusCode: 401, error: 'Unauthorized', message: ['key needed'] });
  });

  it('turns what PostgreSQL refuses after the checks (a race, a value it cannot store) into 409 and 400', () => {
    expect(answer(pgError('23505', 'org_users_number_key'))).toMatchObject({ statusCode: 409, body: { message: ['already exists (org_users_number_key)'] } });
    expect(answer(pgError('22003')).statusCode).toBe(400);
    const notNull = new QueryFailedError('UPDATE ...', [], Object.assign(new Error('null value'), { code: '23502', column: 'is_active' }));
    expect(answer(notNull)).toMatchObject({ statusCode: 400, body: { message: ['a value cannot be null (is_active); leave the field out to keep it'] } });
  });

  it('answers anything else 500 without internals', () => {
    expect(answer(new TypeError('x.y is undefined')).body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: ['Internal error; the server log has the details'],
    });
  });
});
