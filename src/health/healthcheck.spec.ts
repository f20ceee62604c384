import { healthUrl } from './healthcheck';

describe('healthUrl (the container HEALTHCHECK)', () => {
  it("asks an api process's /health on PORT, through loopback when it listens on every interface", () => {
    expect(healthUrl({ HOST: '0.0.0.0', PORT: '3018', ALLOW_UNAUTHENTICATED_ADMIN: 'true' })).toBe('http://127.0.0.1:3018/health');
    expect(healthUrl({})).toBe('http://127.0.0.1:3000/health');
  });

  it("asks a worker's /metrics on METRICS_PORT, since a worker has no admin API", () => {
    expect(healthUrl({ ROLE: 'worker', HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_ADMIN: 'true', METRICS_PORT: '9500' })).toBe('http://127.0.0.1:9500/metrics');
  });
});
