import { AxiosError, CanceledError } from 'axios';
import { describeTransportFailure } from './transport-failure';

const fail = (err: unknown, timedOut = false): string => describeTransportFailure(err, timedOut, 300, 65_536);

/** An error as axios reports a Node socket failure: the code copied, the original as cause. */
function axiosFrom(message: string, code: string): AxiosError {
  const cause = Object.assign(new Error(message), { code });
  return AxiosError.from(cause);
}

describe('describeTransportFailure', () => {
  it('names our own deadline as a time-out', () => {
    expect(fail(new CanceledError(), true)).toBe('time-out: no answer within 300 ms');
  });

  it('gives the verifier reason for a TLS failure', () => {
    expect(fail(axiosFrom('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(
      'TLS failure: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(fail(axiosFrom('certificate has expired', 'CERT_HAS_EXPIRED'))).toBe('TLS failure: certificate has expired (CERT_HAS_EXPIRED)');
  });

  it('names a DNS failure', () => {
    expect(fail(axiosFrom('getaddrinfo ENOTFOUND routing.example', 'ENOTFOUND'))).toBe('DNS failure: getaddrinfo ENOTFOUND routing.example');
  });

  it('names a refused connection', () => {
    expect(fail(axiosFrom('connect ECONNREFUSED 10.0.0.1:443', 'ECONNREFUSED'))).toBe('connection refused: connect ECONNREFUSED 10.0.0.1:443');
  });

  it('names a connection closed without an answer', () => {
    expect(fail(axiosFrom('socket hang up', 'ECONNRESET'))).toBe('connection closed without an answer: socket hang up (ECONNRESET)');
  });

  it('names an answer over the size limit', () => {
    expect(fail(new AxiosError('maxContentLength size of 65536 exceeded', AxiosError.ERR_BAD_RESPONSE))).toBe(
      'response body larger than 65536 bytes: not read',
    );
  });
});
