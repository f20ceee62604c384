import { hostName, isAllowedHost, isForeignOrigin } from './host-check';

describe('host checks (DNS rebinding, cross-site requests)', () => {
  it('takes the host name out of a Host header', () => {
    expect(hostName('localhost:3000')).toBe('localhost');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('Example.COM')).toBe('example.com');
  });

  it('accepts IP literals, localhost names and the configured names only', () => {
    for (const ok of ['127.0.0.1:3000', '[::1]:3000', '10.0.0.5', 'localhost:3000', 'app.localhost', 'emulator:3000']) {
      expect(isAllowedHost(ok, ['emulator'])).toBe(true);
    }
    for (const bad of ['evil.example', 'evil.example:3000', 'localhost.evil.example', '', undefined]) {
      expect(isAllowedHost(bad, ['emulator'])).toBe(false);
    }
  });

  it('treats only the same origin as local', () => {
    expect(isForeignOrigin(undefined, 'localhost:3000')).toBe(false);
    expect(isForeignOrigin('http://localhost:3000', 'localhost:3000')).toBe(false);
    expect(isForeignOrigin('https://evil.example', 'localhost:3000')).toBe(true);
    expect(isForeignOrigin('http://localhost:5173', 'localhost:3000')).toBe(true);
    expect(isForeignOrigin('null', 'localhost:3000')).toBe(true);
  });
});
