import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives working defaults for a developer machine', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ port: 3000, host: '127.0.0.1', adminApiKey: null, allowUnauthenticatedAdmin: false, allowedHosts: ['127.0.0.1'] });
    expect(config.role).toBe('all');
    expect(config.metricsPort).toBe(9464);
    expect(config.database.url).toBeNull();
    expect(config.redis.url).toBeNull();
    expect(config.delivery.retryScheduleMs).toEqual([10_000, 60_000, 300_000]);
    expect(config.delivery.timeoutMs).toBe(10_000);
    expect(config.runsApi && config.runsWorker).toBe(true);
  });

  it.each([
    ['ROLE', 'both', /ROLE="both": must be one of: all, api, worker/],
    // Only what kind it must be: not also "must not be greater than 65535" and "not less than 0".
    ['PORT', 'eighty', /PORT="eighty": PORT must be an integer number$/],
    ['PORT', '70000', /PORT="70000": .*65535/],
    ['METRICS_PORT', '-1', /METRICS_PORT="-1": .*0/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud": must be one of: error, warn, log, debug, verbose/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x": must be a postgres/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL="localhost:6379": must be a redis/],
    ['REDIS_CLUSTER_NODES', 'redis://a:1', /REDIS_CLUSTER_NODES="redis:\/\/a:1": must be a comma-separated list of host:port/],
    ['RETRY_SCHEDULE', '10s,soon', /RETRY_SCHEDULE="10s,soon": must be a comma-separated list/],
    ['ALLOW_ANY_ENDPOINT_PORT', 'maybe', /ALLOW_ANY_ENDPOINT_PORT="maybe": must be true or false/],
    ['ALLOWED_ENDPOINT_HOSTS', 'a b', /ALLOWED_ENDPOINT_HOSTS="a b": must be a comma-separated list/],
    ['ADMIN_ALLOWED_HOSTS', 'http://x', /ADMIN_ALLOWED_HOSTS="http:\/\/x": must be a comma-separated list of host names/],
  ])('refuses %s=%s and names the variable and what is allowed', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('never prints the admin key it refuses', () => {
    expect(() => loadConfig({ ADMIN_API_KEY: 'short-secret' })).toThrow(/ADMIN_API_KEY=\(hidden\): must be at least 16/);
    expect(() => loadConfig({ ADMIN_API_KEY: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('binds to loopback only unless a key is set or an open admin API is accepted', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST="0.0.0.0": without ADMIN_API_KEY/);
    expect(loadConfig({ HOST: '0.0.0.0', ADMIN_API_KEY: 'k'.repeat(20) }).http.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_ADMIN: 'true' }).http.allowUnauthenticatedAdmin).toBe(true);
  });

  it('parses typed values', () => {
    const config = loadConfig({
      PORT: '8080',
      METRICS_PORT: '0',
      ROLE: 'worker',
      RETRY_SCHEDULE: '100ms, 2s',
      TIME_SCALE: '60',
      ALLOW_ANY_ENDPOINT_PORT: 'yes',
    });
    expect(config.http.port).toBe(8080);
    expect(config.metricsPort).toBe(0);
    expect(config.runsApi).toBe(false);
    expect(config.delivery.retryScheduleMs).toEqual([100, 2000]);
    expect(config.timeScale).toBe(60);
    expect(config.webhooks.allowAnyEndpointPort).toBe(true);
    expect(config.webhooks.allowedEndpointHosts).toEqual([]);
  });

  it('reads the host lists, trimmed', () => {
    const config = loadConfig({ ADMIN_ALLOWED_HOSTS: 'emulator, emu.internal', ALLOWED_ENDPOINT_HOSTS: '*.hooks.example , 10.0.0.0/8' });
    expect(config.http.allowedHosts).toEqual(['127.0.0.1', 'emulator', 'emu.internal']);
    expect(config.webhooks.allowedEndpointHosts).toEqual(['*.hooks.example', '10.0.0.0/8']);
  });

  it('reads the Redis Cluster nodes, trimmed; without them the service uses REDIS_URL', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.5:6379, redis-2.internal:7001' }).redis.clusterNodes).toEqual([
      { host: '10.0.0.5', port: 6379 },
      { host: 'redis-2.internal', port: 7001 },
    ]);
    expect(loadConfig({}).redis.clusterNodes).toEqual([]);
  });
});
