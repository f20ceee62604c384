import { endpointUrlProblem, hostAllowed } from './endpoint-rules';
import { headerProblems, maskHeaders } from './header-rules';

describe('endpointUrlProblem', () => {
  const strict = { allowAnyPort: false };

  it.each(['https://my.integration.com/wehook/', 'https://my.integration.com:443/x?y=1', 'https://127.0.0.1/hook'])('accepts %s', (url) =>
    expect(endpointUrlProblem(url, strict)).toBeNull(),
  );

  it.each([
    ['http://my.integration.com/', /must use https:\/\/ \(got http:\/\/\)/],
    ['https://my.integration.com:8443/', /port 443 \(got 8443\)/],
    ['/relative/path', /not an absolute URL/],
    ['', /absolute https:\/\/ URL/],
    ['https://user:pw@host/', /credentials/],
  ])('refuses %s', (url, message) => expect(endpointUrlProblem(url, strict)).toMatch(message));

  it('refuses a list of URLs: one URL per endpoint', () => {
    expect(endpointUrlProblem(['https://a/', 'https://b/'], strict)).toMatch(/one URL per endpoint/);
  });

  it('keeps endpoints to ALLOWED_ENDPOINT_HOSTS when it is set', () => {
    const shared = { allowAnyPort: false, allowedHosts: ['*.example.com', 'hooks.test', '10.1.0.0/16'] };
    expect(endpointUrlProblem('https://a.b.example.com/x', shared)).toBeNull();
    expect(endpointUrlProblem('https://hooks.test/x', shared)).toBeNull();
    expect(endpointUrlProblem('https://10.1.2.3/x', shared)).toBeNull();
    expect(endpointUrlProblem('https://10.2.0.1/x', shared)).toMatch(/host "10.2.0.1" is not in ALLOWED_ENDPOINT_HOSTS/);
    expect(endpointUrlProblem('https://169.254.169.254/latest', shared)).toMatch(/ALLOWED_ENDPOINT_HOSTS/);
    expect(endpointUrlProblem('https://example.com.evil.test/', shared)).toMatch(/ALLOWED_ENDPOINT_HOSTS/);
  });

  it('matches IPv6 ranges and exact IPv6 addresses', () => {
    expect(hostAllowed('[::1]', ['::1'])).toBe(true);
    expect(hostAllowed('[fd00::5]', ['fd00::/8'])).toBe(true);
    expect(hostAllowed('[fe80::1]', ['fd00::/8'])).toBe(false);
  });

  it('relaxes only the port rule when asked', () => {
    const relaxed = { allowAnyPort: true };
    expect(endpointUrlProblem('https://127.0.0.1:8443/hook', relaxed)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:8443/hook', relaxed)).toMatch(/https/);
  });
});

describe('headerProblems', () => {
  it('accepts ordinary extra headers', () => {
    expect(headerProblems({ 'X-Tenant': 'acme', Authorization: 'Bearer abc' })).toEqual([]);
  });

  it('refuses the platform headers and hop-by-hop headers, naming them', () => {
    expect(headerProblems({ 'x-benemen-token': 'a', 'Content-Type': 'text/plain', Connection: 'close' })).toEqual([
      'Headers.x-benemen-token: set by the platform (or hop-by-hop) and cannot be overridden',
      'Headers.Content-Type: set by the platform (or hop-by-hop) and cannot be overridden',
      'Headers.Connection: set by the platform (or hop-by-hop) and cannot be overridden',
    ]);
  });

  it('refuses bad names and values', () => {
    expect(headerProblems({ 'Bad Name': 'x', 'X-Ok': 'a\r\nInjected: 1', 'X-Num': 5 })).toEqual([
      'Headers.Bad Name: not a valid HTTP header name',
      'Headers.X-Ok: value must not contain CR, LF or other control characters, or characters beyond Latin-1',
      'Headers.X-Num: value must be a string',
    ]);
  });

  it('refuses values no request can carry (control characters, beyond Latin-1) and accepts Latin-1', () => {
    expect(headerProblems({ 'X-A': 'a\u0001b', 'X-B': 'a\u007fb', 'X-C': '€', 'X-D': 'Café\tü' })).toEqual([
      'Headers.X-A: value must not contain CR, LF or other control characters, or characters beyond Latin-1',
      'Headers.X-B: value must not contain CR, LF or other control characters, or characters beyond Latin-1',
      'Headers.X-C: value must not contain CR, LF or other control characters, or characters beyond Latin-1',
    ]);
  });

  it('masks credential-like values', () => {
    expect(maskHeaders({ Authorization: 'Bearer x', 'X-Api-Key': 'k', 'X-Tenant': 'acme' })).toEqual({
      Authorization: '***',
      'X-Api-Key': '***',
      'X-Tenant': 'acme',
    });
  });
});
