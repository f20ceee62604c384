import { redactAttempt, sentSecrets } from './attempt-redaction';
import type { AttemptResult } from './http-sender';
import { loggedHeaders } from './delivery-request';

const result = (over: Partial<AttemptResult>): AttemptResult =>
  ({
    outcome: 'http-error',
    statusCode: 500,
    errorMessage: null,
    responseHeaders: null,
    responseBodyExcerpt: null,
    responseBodyBytes: 0,
    ...over,
  }) as AttemptResult;

describe('redactAttempt', () => {
  const sent = { 'X-Benemen-Event': 'UserStatus', 'X-Benemen-Token': 's3cret-token', 'X-Api-Key': 'k-123456', 'X-Tenant': 'acme' };
  const secrets = sentSecrets(sent, loggedHeaders(sent));

  it('takes as secrets exactly the header values the log masks', () => {
    expect(secrets.sort()).toEqual(['k-123456', 's3cret-token']);
  });

  it('masks echoed secrets in response headers, body excerpt and error message', () => {
    const redacted = redactAttempt(
      result({
        responseHeaders: { 'x-echo-token': 's3cret-token', 'x-tenant': 'acme' },
        responseBodyExcerpt: '{"headers":{"x-benemen-token":"s3cret-token","x-api-key":"k-123456"}}',
        errorMessage: 'HTTP 500 s3cret-token',
      }),
      secrets,
    );
    expect(redacted.responseHeaders).toEqual({ 'x-echo-token': '***', 'x-tenant': 'acme' });
    expect(redacted.responseBodyExcerpt).toBe('{"headers":{"x-benemen-token":"***","x-api-key":"***"}}');
    expect(redacted.errorMessage).toBe('HTTP 500 ***');
  });

  it('leaves a result without secrets as it is', () => {
    const r = result({ responseBodyExcerpt: 'ok' });
    expect(redactAttempt(r, [])).toBe(r);
  });
});
